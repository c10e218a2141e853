const INITIAL_DOUBLES = 1_024;
const SIZE_CLASSES = 32;

function sizeClass(capacity: number): number {
  return 31 - Math.clz32(capacity);
}

/**
 * Regions of doubles carved out of one Float64Array, in power-of-two sizes, with a free list per
 * size. Numbers kept here are off the JS heap: the garbage collector neither copies nor scans them,
 * which is the point for a million subscribers' contact lists. Offsets stay valid when `data` grows
 * (it is replaced by a larger copy, so read it again after `allocate`).
 */
export class DoubleSlab {
  data = new Float64Array(INITIAL_DOUBLES);
  private top = 0;
  private readonly free: number[][] = Array.from({ length: SIZE_CLASSES }, () => []);

  /** Bytes reserved, used or not. */
  get byteLength(): number {
    return this.data.byteLength;
  }

  /** Offset of a region of `capacity` doubles (a power of two). */
  allocate(capacity: number): number {
    const reusable = this.free[sizeClass(capacity)];
    if (reusable.length > 0) return reusable.pop()!;
    const offset = this.top;
    this.top += capacity;
    if (this.top > this.data.length) {
      let length = this.data.length * 2;
      while (length < this.top) length *= 2;
      const grown = new Float64Array(length);
      grown.set(this.data.subarray(0, offset));
      this.data = grown;
    }
    return offset;
  }

  /** Gives back a region from `allocate` with the same `capacity`. */
  release(offset: number, capacity: number): void {
    this.free[sizeClass(capacity)].push(offset);
  }

  clear(): void {
    this.data = new Float64Array(INITIAL_DOUBLES);
    this.top = 0;
    for (const list of this.free) list.length = 0;
  }
}
