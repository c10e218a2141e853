import { createHash, createHmac } from 'node:crypto';

const BLOCK_BYTES = 64;
// An ASCII message this long still fits one SHA-256 block together with its padding and 64-bit length.
const MAX_ONE_BLOCK_MESSAGE = 55;

// FIPS 180-4 round constants.
const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);
const INITIAL_STATE = Int32Array.from([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

/** One SHA-256 compression: folds the 16-word block `w` (its first 16 words; 64 are needed as scratch) into `state`. */
function compress(state: Int32Array, w: Int32Array): void {
  for (let i = 16; i < 64; i += 1) {
    const x = w[i - 15];
    const y = w[i - 2];
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
  }
  let a = state[0];
  let b = state[1];
  let c = state[2];
  let d = state[3];
  let e = state[4];
  let f = state[5];
  let g = state[6];
  let h = state[7];
  for (let i = 0; i < 64; i += 1) {
    const sum1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + sum1 + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
    const sum0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (sum0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0] + a) | 0;
  state[1] = (state[1] + b) | 0;
  state[2] = (state[2] + c) | 0;
  state[3] = (state[3] + d) | 0;
  state[4] = (state[4] + e) | 0;
  state[5] = (state[5] + f) | 0;
  state[6] = (state[6] + g) | 0;
  state[7] = (state[7] + h) | 0;
}

const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function wordHex(word: number): string {
  return (
    HEX_BYTES[word >>> 24] +
    HEX_BYTES[(word >>> 16) & 0xff] +
    HEX_BYTES[(word >>> 8) & 0xff] +
    HEX_BYTES[word & 0xff]
  );
}

/**
 * HMAC-SHA256 under one fixed key, for the short ASCII messages pseudonyms are made of (subscriber numbers). The
 * key's inner and outer pad blocks are compressed once, so a message costs two block compressions and no
 * allocation but the result: ~10× cheaper than a `createHmac` object per message, whose setup dominates for a
 * dozen bytes. Anything longer than one block or not ASCII goes to `createHmac`; the result is identical.
 */
export class ShortMessageHmac {
  private readonly innerPadState = new Int32Array(8);
  private readonly outerPadState = new Int32Array(8);
  private readonly state = new Int32Array(8);
  private readonly schedule = new Int32Array(64);

  constructor(private readonly key: string | Buffer) {
    let keyBytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
    if (keyBytes.length > BLOCK_BYTES) keyBytes = createHash('sha256').update(keyBytes).digest();
    for (const [pad, state] of [
      [0x36, this.innerPadState],
      [0x5c, this.outerPadState],
    ] as const) {
      this.schedule.fill(0);
      for (let i = 0; i < BLOCK_BYTES; i += 1) {
        this.schedule[i >> 2] |= ((i < keyBytes.length ? keyBytes[i] : 0) ^ pad) << (24 - 8 * (i & 3));
      }
      state.set(INITIAL_STATE);
      compress(state, this.schedule);
    }
  }

  /** The first 16 bytes of HMAC-SHA256(key, UTF-8 of `message`) as 32 lowercase hex characters. */
  hex128(message: string): string {
    if (message.length > MAX_ONE_BLOCK_MESSAGE || !this.loadAsciiBlock(message)) {
      return createHmac('sha256', this.key).update(message).digest().toString('hex', 0, 16);
    }
    const { state, schedule } = this;
    state.set(this.innerPadState);
    compress(state, schedule);
    // Outer message: the 32-byte inner digest, padded; length = pad block + digest = 96 bytes = 768 bits.
    for (let i = 0; i < 8; i += 1) schedule[i] = state[i];
    schedule[8] = 0x80000000;
    for (let i = 9; i < 15; i += 1) schedule[i] = 0;
    schedule[15] = (BLOCK_BYTES + 32) * 8;
    state.set(this.outerPadState);
    compress(state, schedule);
    return wordHex(state[0]) + wordHex(state[1]) + wordHex(state[2]) + wordHex(state[3]);
  }

  // Fills the schedule's first 16 words with the padded one-block message after the inner pad block; false if
  // a character is not ASCII (then its UTF-8 form differs from its char codes).
  private loadAsciiBlock(message: string): boolean {
    const { schedule } = this;
    for (let i = 0; i < 16; i += 1) schedule[i] = 0;
    for (let i = 0; i < message.length; i += 1) {
      const code = message.charCodeAt(i);
      if (code > 0x7f) return false;
      schedule[i >> 2] |= code << (24 - 8 * (i & 3));
    }
    schedule[message.length >> 2] |= 0x80 << (24 - 8 * (message.length & 3));
    schedule[15] = (BLOCK_BYTES + message.length) * 8;
    return true;
  }
}
