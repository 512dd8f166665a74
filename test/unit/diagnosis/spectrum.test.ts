import { strict as assert } from 'node:assert';
import { describeShape } from '../../../src/core/analysis/diagnosis/noise';
import { addHum, ditherTo, filterDecimate, lowpass, programme, quantize, rng, upsample } from '../../support/forensics';
import { diagnose, faults } from './support';

describe('diagnosis: spectrum (band limit, hum, noise shape)', () => {
  it('48 kHz content upsampled to 96 kHz: nothing above about 21.6 kHz, "upsampled"', () => {
    const x = upsample(programme(2, 48000, 0.5, 3), 2, lowpass(255, 0.225));
    const d = diagnose([ditherTo(x, 24)], { rate: 96000 }).diagnosis.find((y) => y.code === 'band-limited');
    assert.ok(d, 'not found');
    assert.ok(d.value > 20000 && d.value < 23500, `cutoff ${d.value}`);
    assert.equal(d.severity, 'warning');
    assert.match(d.message, /upsampled from/);
  });
  it('a 16 kHz wall in a 44.1 kHz take (a lossy source)', () => {
    const x = filterDecimate(programme(3, 44100, 0.5, 5), lowpass(511, 16000 / 44100), 1);
    const d = diagnose([ditherTo(x, 24)], { rate: 44100 }).diagnosis.find((y) => y.code === 'band-limited');
    assert.ok(d, 'not found');
    assert.ok(Math.abs(d.value - 16000) < 800, `cutoff ${d.value}`);
    assert.match(d.message, /lossy codec/);
  });
  it('full-band programme, a converter-like 0.45 fs filter, and a pure tone: no band limit', () => {
    assert.ok(!diagnose([ditherTo(programme(2, 48000, 0.5, 3), 24)]).diagnosis.some((y) => y.code === 'band-limited'));
    const conv = filterDecimate(programme(2, 48000, 0.5, 3), lowpass(255, 0.45), 1);
    assert.ok(!diagnose([ditherTo(conv, 24)]).diagnosis.some((y) => y.code === 'band-limited'));
    const tone = Float64Array.from({ length: 96000 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 1000 * i) / 48000));
    assert.ok(!diagnose([quantize(tone, 24)]).diagnosis.some((y) => y.code === 'band-limited'));
  });
  for (const [f0, harmonics, level] of [
    [50, [1, 3, 5], -58],
    [60, [1, 2, 3], -50],
    [50, [1, 3], -75],
  ] as const) {
    it(`${f0} Hz hum (harmonics ${harmonics.join(', ')}) at ${level} dBFS under programme with pauses`, () => {
      const x = addHum(programme(8, 48000, 0.7, 6, true), 48000, f0, [...harmonics], level);
      const d = diagnose([ditherTo(x, 24)]).diagnosis.find((y) => y.code === 'hum');
      assert.ok(d, 'not found');
      assert.match(d.message, new RegExp(`^${f0} Hz hum`));
      assert.ok(Math.abs(d.value - level) < 1.5, `level ${d.value}`);
      assert.equal(d.severity, level > -70 ? 'warning' : 'info');
      if (f0 === 50) assert.match(d.message, /odd harmonics/);
    });
  }
  it('no hum in clean programme with pauses, nor in a steady 50 Hz tone (the programme itself)', () => {
    assert.deepEqual(faults(diagnose([ditherTo(programme(8, 48000, 0.7, 6, true), 24)]).diagnosis), []);
    const tone = Float64Array.from({ length: 96000 }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 50 * i) / 48000));
    assert.deepEqual(faults(diagnose([quantize(tone, 24)]).diagnosis), []);
  });
  it('the noise floor with its shape: white hiss reads flat, and a floor above −50 dBFS is a finding', () => {
    const r = rng(11);
    const prog = programme(8, 48000, 0.7, 6, true);
    const hiss = prog.map((v) => v + (r() + r() + r()) * 0.01); // 0.005 RMS: −46 dBFS
    const d = diagnose([quantize(hiss, 24)]).diagnosis.find((y) => y.code === 'noise-floor');
    assert.ok(d, 'not found');
    assert.ok(Math.abs(d.value - -46) < 1, `floor ${d.value}`);
    assert.match(d.message, /flat \(white/);
  });
  it('shape words: pink falls 3 dB per octave, rumble dominates the lowest octaves', () => {
    const bands = (slope: number, extraLow = 0) => ({
      bands: [31.25, 62.5, 125, 250, 500, 1000, 2000, 4000, 8000].map((hz, i) => ({ hz, energy: hz * 10 ** ((slope * i + (i < 3 ? extraLow : 0)) / 10) })),
    });
    assert.match(describeShape(bands(0))!.words, /^flat/);
    assert.match(describeShape(bands(-3))!.words, /^falling about 3 dB per octave/);
    assert.match(describeShape(bands(-6, 20))!.words, /^dominated by the lowest octaves/);
    assert.match(describeShape(bands(4))!.words, /^rising/);
  });
});
