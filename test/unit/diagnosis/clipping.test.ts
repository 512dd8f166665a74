import { strict as assert } from 'node:assert';
import { analogClipped, ditherTo, programme, quantize } from '../../support/forensics';
import { diagnose, faults } from './support';

const rate = 48000;

describe('diagnosis: clipping below full scale', () => {
  for (const drive of [1.5, 2, 4]) {
    it(`analog clip at −6 dBFS before the anti-alias filter, driven ${drive}×: flattened tops at the clip level`, () => {
      const { diagnosis } = diagnose([quantize(analogClipped(3, rate, drive, 0.5, 7), 24)]);
      const d = diagnosis.find((x) => x.code === 'analog-clipping');
      assert.ok(d, `not found: ${faults(diagnosis)}`);
      assert.ok(Math.abs(d.value - -6.02) < 0.25, `level ${d.value}`);
      assert.equal(d.severity, 'error');
      assert.equal(d.stage, 'preamp');
      assert.equal(d.channel, 0);
      assert.ok(!diagnosis.some((x) => x.code === 'clipped-then-lowered'));
    });
  }
  it('a hard soft-clipper (tanh, driven 4×) at −3 dBFS is found at its ceiling', () => {
    const { diagnosis } = diagnose([quantize(analogClipped(3, rate, 4, 0.7, 3, true), 24)]);
    const d = diagnosis.find((x) => x.code === 'analog-clipping');
    assert.ok(d && d.value < -3 && d.value > -4.5, JSON.stringify(d));
  });
  it('the same chain without the clip, and steady sines, show nothing', () => {
    assert.deepEqual(faults(diagnose([quantize(analogClipped(3, rate, 0.9, 0.5, 7), 24)]).diagnosis), []);
    const sine = (f: number, a: number) => Float64Array.from({ length: rate * 2 }, (_, i) => a * Math.sin((2 * Math.PI * f * i) / rate));
    assert.deepEqual(faults(diagnose([quantize(sine(997, 0.5), 24)]).diagnosis), []);
    assert.deepEqual(faults(diagnose([quantize(sine(50, 0.3), 24)]).diagnosis), []);
    // A slow sine on a coarse grid holds the same word at its peaks: a plateau, but not a clip.
    assert.deepEqual(faults(diagnose([quantize(sine(20, 0.1), 16)], { bits: 16 }).diagnosis), []);
  });
  it('clipped, then lowered by 4.1 dB: plateaus of identical samples, the gain named', () => {
    const x = programme(3, rate, 1.6, 2).map((v) => Math.max(-1, Math.min(1, v)) * 10 ** (-4.1 / 20));
    const { diagnosis } = diagnose([quantize(x, 24)]);
    const d = diagnosis.find((y) => y.code === 'clipped-then-lowered');
    assert.ok(d, `not found: ${faults(diagnosis)}`);
    assert.ok(Math.abs(d.value - -4.1) < 0.01);
    assert.match(d.message, /^Clipped upstream, then lowered by 4\.1 dB: \d+ plateaus of identical samples at -4\.1 dBFS on M/);
    assert.ok(!diagnosis.some((y) => y.code === 'analog-clipping'), 'reported twice');
  });
  it('clipped at full scale and left there is the clipping meter’s, not a lowered clip', () => {
    const x = programme(3, rate, 1.6, 2).map((v) => Math.max(-1, Math.min(1, v)));
    assert.ok(!diagnose([quantize(x, 24)]).diagnosis.some((y) => y.code === 'clipped-then-lowered'));
  });
  it('a dithered clean take has no plateaus', () => {
    assert.deepEqual(faults(diagnose([ditherTo(programme(3, rate, 0.9, 4), 16)], { bits: 16 }).diagnosis), []);
  });
});
