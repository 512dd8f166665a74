// K-weighting (ITU-R BS.1770-4): a high-shelf pre-filter then the RLB high-pass. The standard
// tabulates coefficients only for 48 kHz; we derive them for any rate from the analog prototype
// parameters that reproduce that table (as libebur128 and ffmpeg do). Each channel's weight comes
// from the take's channel map (channelMap.ts).

import type { LoudnessMeter } from './loudness';

export interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

function preFilter(sampleRate: number): Biquad {
  const f0 = 1681.974450955533;
  const G = 3.999843853973347;
  const Q = 0.7071752369554196;
  const K = Math.tan((Math.PI * f0) / sampleRate);
  const Vh = 10 ** (G / 20);
  const Vb = Vh ** 0.4996667741545416;
  const a0 = 1 + K / Q + K * K;
  return {
    b0: (Vh + (Vb * K) / Q + K * K) / a0,
    b1: (2 * (K * K - Vh)) / a0,
    b2: (Vh - (Vb * K) / Q + K * K) / a0,
    a1: (2 * (K * K - 1)) / a0,
    a2: (1 - K / Q + K * K) / a0,
  };
}

function rlbHighPass(sampleRate: number): Biquad {
  const f0 = 38.13547087602444;
  const Q = 0.5003270373238773;
  const K = Math.tan((Math.PI * f0) / sampleRate);
  const a0 = 1 + K / Q + K * K;
  // The RLB numerator stays [1, -2, 1] unnormalised, as in the standard's table.
  return { b0: 1, b1: -2, b2: 1, a1: (2 * (K * K - 1)) / a0, a2: (1 - K / Q + K * K) / a0 };
}

export function kWeightingFilters(sampleRate: number): { shelf: Biquad; highpass: Biquad } {
  return { shelf: preFilter(sampleRate), highpass: rlbHighPass(sampleRate) };
}

/** One channel's filter state (direct form I): inputs x1 x2, shelf outputs y1 y2, high-pass outputs z1 z2. */
const STATE = 6;

/**
 * K-weights the channels of each block and adds their weighted energy to the loudness meter's
 * 100 ms sub-blocks. Direct form I: each output depends on the previous output through one
 * multiply and one add, half the dependency chain of the transposed form, and channels go through
 * in pairs so that two independent chains share each loop.
 */
export class KWeighting {
  /** Shelf b0 b1 b2 a1 a2, then the RLB high-pass a1 a2 (its numerator is 1, -2, 1). */
  private readonly coef: Float64Array;
  /** The channels with a weight, in pairs (a lone last channel has -1 as its partner). */
  private readonly pairs: Int32Array;
  private readonly weights: Float64Array;
  private readonly state: Float64Array;
  private readonly energy = new Float64Array(2);

  constructor(sampleRate: number, weights: readonly number[]) {
    const { shelf, highpass } = kWeightingFilters(sampleRate);
    this.coef = Float64Array.of(shelf.b0, shelf.b1, shelf.b2, shelf.a1, shelf.a2, highpass.a1, highpass.a2);
    const active = weights.flatMap((w, c) => (w !== 0 ? [c] : []));
    this.pairs = Int32Array.from({ length: 2 * Math.ceil(active.length / 2) }, (_, i) => active[i] ?? -1);
    this.weights = Float64Array.from(weights);
    this.state = new Float64Array(weights.length * STATE);
  }

  process(chans: readonly (Float32Array | Float64Array)[], n: number, loudness: LoudnessMeter): void {
    const pairs = this.pairs;
    const w = this.weights;
    const e = this.energy;
    loudness.beginBlock(n);
    for (let k = 0, from = 0; from < n; k++) {
      const to = Math.min(n, from + loudness.framesToBoundary(from));
      let sum = 0;
      for (let p = 0; p < pairs.length; p += 2) {
        const a = pairs[p]!;
        const b = pairs[p + 1]!;
        if (b >= 0) {
          this.filterPair(chans[a]!, chans[b]!, a * STATE, b * STATE, from, to);
          sum += w[a]! * e[0]! + w[b]! * e[1]!;
        } else sum += w[a]! * this.filterOne(chans[a]!, a * STATE, from, to);
      }
      loudness.addEnergy(k, sum);
      from = to;
    }
    // Denormals would slow everything after a long silence; flush them.
    const s = this.state;
    for (let i = 0; i < s.length; i++) if (Math.abs(s[i]!) < 1e-30) s[i] = 0;
  }

  private filterPair(xa: Float32Array | Float64Array, xb: Float32Array | Float64Array, sa: number, sb: number, from: number, to: number): void {
    const k = this.coef;
    const b0 = k[0]!,
      b1 = k[1]!,
      b2 = k[2]!,
      a1 = k[3]!,
      a2 = k[4]!;
    const h1 = k[5]!,
      h2 = k[6]!;
    const s = this.state;
    let ax1 = s[sa]!,
      ax2 = s[sa + 1]!,
      ay1 = s[sa + 2]!,
      ay2 = s[sa + 3]!,
      az1 = s[sa + 4]!,
      az2 = s[sa + 5]!;
    let bx1 = s[sb]!,
      bx2 = s[sb + 1]!,
      by1 = s[sb + 2]!,
      by2 = s[sb + 3]!,
      bz1 = s[sb + 4]!,
      bz2 = s[sb + 5]!;
    let ea = 0;
    let eb = 0;
    for (let i = from; i < to; i++) {
      const va = xa[i]!;
      const vb = xb[i]!;
      // The terms of older outputs first: only the newest output's product is on the critical path.
      const ya = b0 * va + b1 * ax1 + b2 * ax2 - a2 * ay2 - a1 * ay1;
      const yb = b0 * vb + b1 * bx1 + b2 * bx2 - a2 * by2 - a1 * by1;
      const za = ya - 2 * ay1 + ay2 - h2 * az2 - h1 * az1;
      const zb = yb - 2 * by1 + by2 - h2 * bz2 - h1 * bz1;
      ea += za * za;
      eb += zb * zb;
      ax2 = ax1;
      ax1 = va;
      ay2 = ay1;
      ay1 = ya;
      az2 = az1;
      az1 = za;
      bx2 = bx1;
      bx1 = vb;
      by2 = by1;
      by1 = yb;
      bz2 = bz1;
      bz1 = zb;
    }
    s[sa] = ax1;
    s[sa + 1] = ax2;
    s[sa + 2] = ay1;
    s[sa + 3] = ay2;
    s[sa + 4] = az1;
    s[sa + 5] = az2;
    s[sb] = bx1;
    s[sb + 1] = bx2;
    s[sb + 2] = by1;
    s[sb + 3] = by2;
    s[sb + 4] = bz1;
    s[sb + 5] = bz2;
    this.energy[0] = ea;
    this.energy[1] = eb;
  }

  private filterOne(x: Float32Array | Float64Array, sa: number, from: number, to: number): number {
    const k = this.coef;
    const b0 = k[0]!,
      b1 = k[1]!,
      b2 = k[2]!,
      a1 = k[3]!,
      a2 = k[4]!;
    const h1 = k[5]!,
      h2 = k[6]!;
    const s = this.state;
    let x1 = s[sa]!,
      x2 = s[sa + 1]!,
      y1 = s[sa + 2]!,
      y2 = s[sa + 3]!,
      z1 = s[sa + 4]!,
      z2 = s[sa + 5]!;
    let e = 0;
    for (let i = from; i < to; i++) {
      const v = x[i]!;
      const y = b0 * v + b1 * x1 + b2 * x2 - a2 * y2 - a1 * y1;
      const z = y - 2 * y1 + y2 - h2 * z2 - h1 * z1;
      e += z * z;
      x2 = x1;
      x1 = v;
      y2 = y1;
      y1 = y;
      z2 = z1;
      z1 = z;
    }
    s[sa] = x1;
    s[sa + 1] = x2;
    s[sa + 2] = y1;
    s[sa + 3] = y2;
    s[sa + 4] = z1;
    s[sa + 5] = z2;
    return e;
  }
}
