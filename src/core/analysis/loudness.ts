// Loudness per ITU-R BS.1770-4 / EBU R128 from per-100 ms weighted energies: momentary (400 ms),
// short-term (3 s), integrated (gated 400 ms blocks at 75 % overlap) and loudness range (EBU Tech
// 3342). Only one float per 100 ms per measure is kept, so hours of audio cost a few hundred KB.

import type { Db, LoudnessMeasurements } from './types';

const ABSOLUTE_GATE = -70;

function lufs(energy: number): number {
  return -0.691 + 10 * Math.log10(energy);
}

class GrowableF64 {
  data = new Float64Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

export class LoudnessMeter {
  private readonly step: number;
  private fill = 0;
  private acc = new Float64Array(4);
  /** Weighted mean square (sum of G_i z_i) of each complete 100 ms sub-block. */
  private readonly sub = new GrowableF64();
  private readonly momentaryEnergy = new GrowableF64();
  private readonly shortTermEnergy = new GrowableF64();
  private mMax = 0;
  private sMax = 0;
  private sMaxIndex = -1;

  constructor(sampleRate: number) {
    this.step = Math.max(1, Math.round(sampleRate / 10));
  }

  /** Before a block of n frames: room for the energy of every sub-block it touches. */
  beginBlock(n: number): void {
    const touched = Math.ceil((this.fill + n) / this.step) + 1;
    if (this.acc.length < touched) {
      const next = new Float64Array(touched);
      next.set(this.acc);
      this.acc = next;
    }
  }

  /**
   * Frames from `from` (frames into the block) to the end of the 100 ms sub-block open there. The
   * block's segments cut at these ends; segment k of the block adds to the k-th open sub-block.
   */
  framesToBoundary(from: number): number {
    return this.step - ((this.fill + from) % this.step);
  }

  /** Weighted K-filtered energy (sum over the segment of G_i z_i^2) for segment k of the block. */
  addEnergy(k: number, energy: number): void {
    this.acc[k]! += energy;
  }

  endBlock(n: number): void {
    const total = this.fill + n;
    const complete = Math.floor(total / this.step);
    for (let k = 0; k < complete; k++) this.completeSubBlock(this.acc[k]! / this.step);
    const rest = this.acc[complete] ?? 0;
    this.acc.fill(0);
    this.acc[0] = rest;
    this.fill = total % this.step;
  }

  private completeSubBlock(energy: number): void {
    this.sub.push(energy);
    const k = this.sub.length - 1;
    const d = this.sub.data;
    if (k >= 3) {
      const e = (d[k]! + d[k - 1]! + d[k - 2]! + d[k - 3]!) / 4;
      this.momentaryEnergy.push(e);
      if (e > this.mMax) this.mMax = e;
    }
    if (k >= 29) {
      let e = 0;
      for (let j = k - 29; j <= k; j++) e += d[j]!;
      e /= 30;
      this.shortTermEnergy.push(e);
      if (e > this.sMax) {
        this.sMax = e;
        this.sMaxIndex = this.shortTermEnergy.length - 1;
      }
    }
  }

  momentaryMax(): Db {
    return this.mMax > 0 ? lufs(this.mMax) : null;
  }

  shortTermMax(): Db {
    return this.sMax > 0 ? lufs(this.sMax) : null;
  }

  finish(): { summary: LoudnessMeasurements; momentary: Float32Array; shortTerm: Float32Array } {
    const blocks = this.momentaryEnergy.view();
    const st = this.shortTermEnergy.view();
    return {
      summary: {
        integratedLufs: integrated(blocks),
        loudnessRangeLu: loudnessRange(st),
        momentaryMaxLufs: this.momentaryMax(),
        shortTermMaxLufs: this.shortTermMax(),
        // The 3 s window that reached the maximum ends at (index + 30) x 100 ms.
        shortTermMaxSeconds: this.sMaxIndex >= 0 ? (this.sMaxIndex + 30) / 10 : null,
      },
      // Series are aligned to 100 ms steps from the start; windows not yet full are NaN.
      momentary: series(blocks, 3, this.sub.length),
      shortTerm: series(st, 29, this.sub.length),
    };
  }
}

function series(energies: Float64Array, lead: number, length: number): Float32Array {
  const out = new Float32Array(length).fill(NaN);
  for (let i = 0; i < energies.length; i++) {
    const e = energies[i]!;
    const l = e > 0 ? lufs(e) : -Infinity;
    out[i + lead] = l >= ABSOLUTE_GATE ? l : NaN;
  }
  return out;
}

export function integrated(blocks: Float64Array): Db {
  const absEnergy = 10 ** ((ABSOLUTE_GATE + 0.691) / 10);
  let sum = 0;
  let count = 0;
  for (const e of blocks) {
    if (e > absEnergy) {
      sum += e;
      count++;
    }
  }
  if (count === 0) return null;
  const relEnergy = (sum / count) * 10 ** (-10 / 10);
  let gatedSum = 0;
  let gatedCount = 0;
  for (const e of blocks) {
    if (e > absEnergy && e > relEnergy) {
      gatedSum += e;
      gatedCount++;
    }
  }
  return gatedCount > 0 ? lufs(gatedSum / gatedCount) : null;
}

export function loudnessRange(shortTerm: Float64Array): number | null {
  const absEnergy = 10 ** ((ABSOLUTE_GATE + 0.691) / 10);
  const kept: number[] = [];
  let sum = 0;
  for (const e of shortTerm) {
    if (e >= absEnergy) {
      kept.push(e);
      sum += e;
    }
  }
  if (kept.length === 0) return null;
  const relEnergy = (sum / kept.length) * 10 ** (-20 / 10);
  const values = kept
    .filter((e) => e >= relEnergy)
    .map(lufs)
    .sort((a, b) => a - b);
  if (values.length === 0) return null;
  const low = values[Math.round((values.length - 1) * 0.1)]!;
  const high = values[Math.round((values.length - 1) * 0.95)]!;
  return high - low;
}
