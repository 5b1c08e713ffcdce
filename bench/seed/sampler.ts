import type { DemoRandom } from '../../apps/cli/src/seed/demo-random.js';
import type { Weighted } from './distributions.js';

/** Draws from a table of weights in O(log n): a million draws over 500 regencies stay cheap. */
export class Sampler<T> {
  private readonly items: T[];
  private readonly cumulative: number[];

  constructor(choices: Weighted<T>) {
    let total = 0;
    this.items = choices.map(([item]) => item);
    this.cumulative = choices.map(([, weight]) => (total += weight));
    if (total <= 0) throw new Error('a sampler needs a positive total weight');
  }

  draw(rng: DemoRandom): T {
    const roll = rng.next() * (this.cumulative.at(-1) ?? 0);
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.cumulative[middle] ?? 0) > roll) high = middle;
      else low = middle + 1;
    }
    const item = this.items[low];
    if (item === undefined) throw new Error('sampler out of range');
    return item;
  }
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** A bijection of 32-bit numbers (xor-shift and odd multiplications): distinct in, distinct out, looking random. */
function mix32(value: number): number {
  let x = value >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

const hex8 = (value: number): string =>
  `${HEX[value >>> 24] ?? ''}${HEX[(value >>> 16) & 0xff] ?? ''}${HEX[(value >>> 8) & 0xff] ?? ''}${HEX[value & 0xff] ?? ''}`;

/**
 * The ids of one chunk (UUID version 4 layout): the seed, the chunk's number and a counter, mixed.
 * Unique by construction — a 32-bit generator's streams overlap over tens of millions of draws,
 * so ids are never drawn from it — and the same for the same seed.
 */
export class ChunkIds {
  private counter = 0;
  private readonly prefix: string;

  constructor(seed: number, chunk: number) {
    if (chunk > 0xffff) throw new Error('at most 65,536 chunks');
    const seedBits = mix32(seed);
    this.prefix = `${hex8(seedBits)}-${(HEX[chunk >>> 8] ?? '') + (HEX[chunk & 0xff] ?? '')}-4`;
  }

  next(): string {
    this.counter += 1;
    const mixed = hex8(mix32(this.counter));
    return `${this.prefix}${mixed.slice(0, 3)}-8${mixed.slice(3, 6)}-${mixed.slice(6, 8)}${hex8(this.counter)}00`;
  }
}
