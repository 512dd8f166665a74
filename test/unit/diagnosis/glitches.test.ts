import { strict as assert } from 'node:assert';
import { bufferGrid } from '../../../src/core/analysis/diagnosis/glitches';
import { ditherTo, programme, quantize } from '../../support/forensics';
import { diagnose, faults } from './support';

const rate = 48000;
const stereo = (x: Float32Array) => [x, Float32Array.from(x, (v) => v * 0.8)];

describe('diagnosis: dropouts, repeated buffers and clicks', () => {
  it('three buffers of 256 samples dropped to digital silence: three dropouts on every channel, on a 256-sample grid', () => {
    const x = ditherTo(programme(4, rate, 0.5, 8), 24);
    const at = [256 * 100, 256 * 333, 256 * 600];
    for (const a of at) x.fill(0, a, a + 256);
    const d = diagnose(stereo(x)).diagnosis.filter((y) => y.code === 'dropout');
    assert.deepEqual(
      d.map((y) => Math.round(y.startSeconds! * rate)),
      at,
    );
    assert.ok(d.every((y) => y.channel === undefined && y.value === 256 && y.severity === 'error'));
    assert.match(
      d[0]!.message,
      /^Dropout on every channel at 0:00\.533: 256 samples of digital silence inside the programme\. Each is one buffer of 256 samples: the interface's buffer size/,
    );
  });
  it('a buffer of 512 samples played twice, three times: repeated buffers at their copies', () => {
    const x = ditherTo(programme(4, rate, 0.5, 9), 24);
    const at = [512 * 50, 512 * 170, 512 * 301];
    for (const a of at) x.copyWithin(a, a - 512, a);
    const d = diagnose(stereo(x)).diagnosis.filter((y) => y.code === 'repeated-buffer');
    assert.deepEqual(
      d.map((y) => Math.round(y.startSeconds! * rate)),
      at,
    );
    assert.ok(d.every((y) => y.value === 512));
    assert.match(d[0]!.message, /512 samples are an exact copy of the 512 before them/);
  });
  it('an under-run that skips 300 samples: a click at the splice', () => {
    const full = ditherTo(programme(3, rate, 0.5, 10), 24);
    const at = 70001;
    const x = new Float32Array([...full.subarray(0, at), ...full.subarray(at + 300)]);
    const d = diagnose([x]).diagnosis.filter((y) => y.code === 'click');
    assert.equal(d.length, 1, JSON.stringify(d));
    assert.ok(Math.abs(d[0]!.startSeconds! * rate - at) <= 1);
  });
  it('a one-sample spike, across a block boundary too', () => {
    const x = ditherTo(programme(3, rate, 0.3, 12), 24);
    x[65536] = x[65536]! + 0.2;
    x[100000] = x[100000]! - 0.1;
    const d = diagnose([x]).diagnosis.filter((y) => y.code === 'click');
    assert.deepEqual(
      d.map((y) => Math.round(y.startSeconds! * rate)),
      [65536, 100000],
    );
  });
  it('a float spike whose jump overflows float32: a bounded figure and n/a in the message, never Infinity', () => {
    const x = Float32Array.from(programme(3, rate, 0.3, 12));
    x[70000] = 3e38;
    const d = diagnose([x], { encoding: 'float' }).diagnosis.filter((y) => y.code === 'click');
    assert.equal(d.length, 1, JSON.stringify(d));
    assert.equal(d[0]!.value, 770.6);
    assert.match(d[0]!.message, /a jump too large for 32-bit float to hold \(n\/a dBFS\)/);
    assert.doesNotMatch(JSON.stringify(d), /Infinity|NaN|null/);
  });
  it('clean programme, a periodic test tone, a quiet 16-bit take and a take that starts abruptly: nothing', () => {
    assert.deepEqual(faults(diagnose(stereo(ditherTo(programme(4, rate, 0.5, 8), 24))).diagnosis), []);
    // 1 kHz at 48 kHz repeats exactly every 48 samples: periodic, not a repeated buffer.
    const tone = Float64Array.from({ length: rate * 2 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 1000 * i) / rate));
    assert.deepEqual(faults(diagnose([quantize(tone, 24)]).diagnosis), []);
    assert.deepEqual(faults(diagnose([ditherTo(programme(4, rate, 0.003, 13), 16)], { bits: 16 }).diagnosis), []);
    const cut = ditherTo(programme(3, rate, 0.5, 14), 24).subarray(5000);
    assert.deepEqual(faults(diagnose([cut]).diagnosis), []);
  });
  it('buffer grid: the largest size every event falls on, only when luck is unlikely', () => {
    assert.equal(bufferGrid([256 * 3, 256 * 10 + 1, 256 * 41]), 256);
    assert.equal(bufferGrid([512 * 3, 512 * 10, 512 * 41, 512 * 99]), 512);
    assert.equal(bufferGrid([1000, 5000]), null);
    assert.equal(bufferGrid([100, 1234, 56789]), null);
  });
});
