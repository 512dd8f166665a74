// The true-peak interpolator against an independent reference: a 64x reconstruction by a long
// windowed sinc (1,024 taps per phase) that shares nothing with the meter's filter but the idea.

import assert from 'node:assert/strict';
import { prototypeFilter, PHASES, TAPS, TRUE_PEAK_ACCURACY_DB } from '../../../src/core/analysis/truepeak';
import { measure } from '../../support/signals';

/** max |x(t)| of the band-limited signal through x (zero outside), at 64 points per sample. */
function reference64(x: Float32Array): number {
  const up = 64;
  const half = 512;
  const beta = 8;
  const i0 = (v: number) => {
    let sum = 1;
    let term = 1;
    for (let k = 1; k < 60; k++) {
      term *= (v / (2 * k)) ** 2;
      sum += term;
    }
    return sum;
  };
  // table[p][j]: the kernel at t - k = p / 64 + j - half, for the sample k = n + half - j.
  const table = Array.from({ length: up }, (_, p) =>
    Float64Array.from({ length: 2 * half + 1 }, (_, j) => {
      const t = p / up + j - half;
      if (Math.abs(t) >= half) return 0;
      const r = t / half;
      const sinc = t === 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
      return (sinc * i0(beta * Math.sqrt(1 - r * r))) / i0(beta);
    }),
  );
  let max = 0;
  for (let n = 0; n < x.length; n++) {
    for (let p = 0; p < up; p++) {
      const row = table[p]!;
      let y = 0;
      for (let j = 0; j <= 2 * half; j++) {
        const k = n + half - j;
        if (k >= 0 && k < x.length) y += x[k]! * row[j]!;
      }
      max = Math.max(max, Math.abs(y));
    }
  }
  return 20 * Math.log10(max);
}

/** A sine of amplitude 0.5 faded in over 10 ms (a jump from silence rings in any interpolator). */
function sine(rate: number, freq: number, phase: number, frames = 4000): Float32Array {
  const fade = Math.round(rate / 100);
  return Float32Array.from(
    { length: frames },
    (_, n) => (n < fade ? 0.5 - 0.5 * Math.cos((Math.PI * n) / fade) : 1) * 0.5 * Math.sin((2 * Math.PI * freq * n) / rate + phase),
  );
}

describe('true peak against a 64x reconstruction', function () {
  this.timeout(120000);

  it('the filter: 16 phases of 32 taps, each phase with a DC gain within 0.005 dB of 1', () => {
    const h = prototypeFilter();
    assert.equal(h.length, PHASES * TAPS);
    for (let p = 0; p < PHASES; p++) {
      let dc = 0;
      for (let k = 0; k < TAPS; k++) dc += h[k * PHASES + p]!;
      assert.ok(Math.abs(20 * Math.log10(dc)) < 0.005, `phase ${p}: DC gain ${dc}`);
    }
  });

  for (const rate of [44100, 48000, 96000]) {
    it(`${rate} Hz: sines from 20 Hz to 0.45 fs read within ${TRUE_PEAK_ACCURACY_DB} dB of their amplitude`, () => {
      let worst = 0;
      const freqs = Array.from({ length: 24 }, (_, i) => 20 * ((0.45 * rate) / 20) ** (i / 23));
      freqs.forEach((f, i) => {
        // A phase that changes from one frequency to the next, so peaks fall between the grid points.
        const x = sine(rate, f, 0.37 + i * 1.3, Math.max(4000, Math.ceil((3 * rate) / f)));
        const tp = measure([x], rate, {}, { encoding: 'float' }).channels[0]!.truePeakDbtp!;
        const err = tp - 20 * Math.log10(0.5);
        worst = Math.max(worst, Math.abs(err));
        assert.ok(Math.abs(err) <= TRUE_PEAK_ACCURACY_DB, `${f.toFixed(0)} Hz: ${err.toFixed(4)} dB`);
      });
      assert.ok(worst > 0.001, 'the grid is 16x, not exact: some error must show');
    });
  }

  it('band-limited noise at 48 kHz: within the stated accuracy of the 64x reconstruction', () => {
    let s = 7;
    const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
    // White noise through a short low-pass (energy up to about 0.4 fs), tapered to silence at both ends
    // so that the meter and the reference see the same signal.
    const n = 1500;
    const white = Float64Array.from({ length: n }, rnd);
    const x = new Float32Array(n);
    for (let i = 4; i < n - 4; i++) {
      let v = 0;
      for (let k = -4; k <= 4; k++) v += white[i + k]! * (k === 0 ? 0.8 : Math.sin(Math.PI * 0.8 * k) / (Math.PI * k));
      const taper = Math.min(1, i / 200, (n - 1 - i) / 200);
      x[i] = 0.3 * v * taper;
    }
    const ref = reference64(x);
    const tp = measure([x], 48000, {}, { encoding: 'float' }).channels[0]!.truePeakDbtp!;
    const samplePeak = 20 * Math.log10(Math.max(...Array.from(x, Math.abs)));
    assert.ok(ref - samplePeak > 0.1, `the reference finds a peak between samples (${(ref - samplePeak).toFixed(3)} dB above them)`);
    assert.ok(Math.abs(tp - ref) <= TRUE_PEAK_ACCURACY_DB, `meter ${tp.toFixed(4)}, reference ${ref.toFixed(4)}`);
  });
});
