// Min/max per bucket at several zoom levels. The finest level has a fixed capacity: when a long
// file fills it, neighbouring buckets merge and the bucket size doubles, so memory stays bounded
// and a single clipped sample still shows at every level (min/max never average it away).

import type { PeakLevel } from './types';

const CAPACITY = 65536;
const COARSEST = 512;

export class PeakPyramid {
  private bucket: number;
  private count = 0;
  private fill = 0;
  private readonly mins: Float32Array[];
  private readonly maxs: Float32Array[];
  private readonly curMin: number[];
  private readonly curMax: number[];

  constructor(
    private readonly channels: number,
    baseBucket: number,
  ) {
    // Buckets are filled by the analyser's sample pass (one pass over the data for both).
    this.bucket = Math.max(1, baseBucket);
    this.mins = Array.from({ length: channels }, () => new Float32Array(CAPACITY));
    this.maxs = Array.from({ length: channels }, () => new Float32Array(CAPACITY));
    this.curMin = new Array(channels).fill(Infinity);
    this.curMax = new Array(channels).fill(-Infinity);
  }

  /** Frames per bucket at the finest level (grows as the file grows). */
  get bucketFrames(): number {
    return this.bucket;
  }

  /** Frames already in the bucket in progress (the same for every channel). */
  get bucketFill(): number {
    return this.fill;
  }

  get bucketCount(): number {
    return this.count;
  }

  /** Called before a block of n frames: makes room so the block's buckets fit. */
  reserve(n: number): void {
    while (this.count + Math.ceil((this.fill + n) / this.bucket) > CAPACITY) this.coarsen();
  }

  /** Channel c's running min and max of the bucket in progress. */
  currentMin(c: number): number {
    return this.curMin[c]!;
  }

  currentMax(c: number): number {
    return this.curMax[c]!;
  }

  setCurrent(c: number, lo: number, hi: number): void {
    this.curMin[c] = lo;
    this.curMax[c] = hi;
  }

  store(c: number, k: number, lo: number, hi: number): void {
    this.mins[c]![k] = lo;
    this.maxs[c]![k] = hi;
  }

  /** After every channel has stored its buckets for a block of n frames. */
  commit(n: number): void {
    const total = this.fill + n;
    this.count += Math.floor(total / this.bucket);
    this.fill = total % this.bucket;
  }

  private coarsen(): void {
    for (let c = 0; c < this.channels; c++) {
      const mins = this.mins[c]!;
      const maxs = this.maxs[c]!;
      // An odd bucket out joins the partial bucket in progress.
      if (this.count & 1) {
        const last = this.count - 1;
        this.curMin[c] = Math.min(this.curMin[c]!, mins[last]!);
        this.curMax[c] = Math.max(this.curMax[c]!, maxs[last]!);
      }
      for (let k = 0; k < this.count >> 1; k++) {
        mins[k] = Math.min(mins[2 * k]!, mins[2 * k + 1]!);
        maxs[k] = Math.max(maxs[2 * k]!, maxs[2 * k + 1]!);
      }
    }
    if (this.count & 1) this.fill += this.bucket;
    this.count >>= 1;
    this.bucket *= 2;
  }

  levels(): PeakLevel[] {
    const n = this.count + (this.fill > 0 ? 1 : 0);
    let level: PeakLevel = {
      bucketFrames: this.bucket,
      minMax: this.mins.map((mins, c) => {
        const out = new Float32Array(2 * n);
        for (let k = 0; k < this.count; k++) {
          out[2 * k] = mins[k]!;
          out[2 * k + 1] = this.maxs[c]![k]!;
        }
        if (this.fill > 0) {
          out[2 * this.count] = this.curMin[c]!;
          out[2 * this.count + 1] = this.curMax[c]!;
        }
        return out;
      }),
    };
    const levels = [level];
    while (level.minMax[0] && level.minMax[0].length / 2 > COARSEST) {
      const prev = level;
      level = {
        bucketFrames: prev.bucketFrames * 2,
        minMax: prev.minMax.map((mm) => {
          const buckets = mm.length / 2;
          const half = Math.ceil(buckets / 2);
          const out = new Float32Array(2 * half);
          for (let k = 0; k < half; k++) {
            const a = 2 * k;
            const b = Math.min(buckets - 1, a + 1);
            out[2 * k] = Math.min(mm[2 * a]!, mm[2 * b]!);
            out[2 * k + 1] = Math.max(mm[2 * a + 1]!, mm[2 * b + 1]!);
          }
          return out;
        }),
      };
      levels.push(level);
    }
    return levels;
  }
}
