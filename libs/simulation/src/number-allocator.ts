import type { SeededRandom } from './random';

/** Prefixes of +7 numbers outside the home network (landlines, other operators): `domestic` to ingest. */
const DOMESTIC_PREFIXES = ['7706', '7717', '7727', '7712', '7760', '7916', '7925', '7903'];
/** Country codes and national lengths of foreign numbers scammers call from. */
const INTERNATIONAL_PLANS: ReadonlyArray<{ prefix: string; digits: number }> = [
  { prefix: '380', digits: 9 },
  { prefix: '998', digits: 9 },
  { prefix: '44', digits: 10 },
  { prefix: '90', digits: 10 },
  { prefix: '996', digits: 9 },
];

/** Hands out numbers, sender ids and card tokens that are unique within a run, so scenario labels never collide. */
export class NumberAllocator {
  private readonly used = new Set<string>();

  constructor(
    private readonly random: SeededRandom,
    private readonly homePrefixes: readonly string[],
  ) {}

  /** A fresh subscriber number of the home network (`77011234567`). */
  home(): string {
    return this.fresh(() => this.random.pick(this.homePrefixes) + this.random.digits(7));
  }

  /** A fresh +7 number outside the home network. */
  domestic(): string {
    return this.fresh(() => this.random.pick(DOMESTIC_PREFIXES) + this.random.digits(7));
  }

  /** A fresh foreign number in international digits. */
  international(): string {
    return this.fresh(() => {
      const plan = this.random.pick(INTERNATIONAL_PLANS);
      return plan.prefix + this.random.digits(plan.digits);
    });
  }

  /** A fresh scammer number: mostly home-network SIMs, some other +7 numbers, a few foreign. */
  scammer(): string {
    const r = this.random.next();
    if (r < 0.6) return this.home();
    if (r < 0.85) return this.domestic();
    return this.international();
  }

  /** A fresh alphanumeric sender id built on `base` (`Info-7k2`), at most 11 characters like a real SMS header. */
  alphanumeric(base: string): string {
    return this.fresh(() => `${base.slice(0, 6)}-${this.random.hex(3)}`);
  }

  /** A fresh tokenised bank card. */
  cardToken(): string {
    return this.fresh(() => `tok_${this.random.hex(16)}`);
  }

  /** Marks a number as taken (background subscribers, fixed senders). */
  reserve(id: string): void {
    this.used.add(id.toLowerCase());
  }

  private fresh(draw: () => string): string {
    for (;;) {
      const id = draw();
      // Alphanumeric ids are compared the way ingest does: case-insensitively.
      const key = id.toLowerCase();
      if (this.used.has(key)) continue;
      this.used.add(key);
      return id;
    }
  }
}
