import { strict as assert } from 'node:assert';
import { RealFft } from '../../../src/core/analysis/diagnosis/fft';

describe('diagnosis: real FFT', () => {
  it('matches a direct DFT on a random sequence', () => {
    for (const n of [8, 64, 1024]) {
      let s = 7;
      const x = Float64Array.from({ length: n }, () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5);
      const out = new Float64Array(n / 2 + 1);
      new RealFft(n).powerSpectrum(x, out);
      for (let k = 0; k <= n / 2; k++) {
        let re = 0;
        let im = 0;
        for (let i = 0; i < n; i++) {
          re += x[i]! * Math.cos((2 * Math.PI * k * i) / n);
          im -= x[i]! * Math.sin((2 * Math.PI * k * i) / n);
        }
        assert.ok(Math.abs(out[k]! - (re * re + im * im)) < 1e-9 * n, `n=${n} k=${k}: ${out[k]} vs ${re * re + im * im}`);
      }
    }
  });
});
