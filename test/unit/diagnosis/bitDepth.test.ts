import { strict as assert } from 'node:assert';
import { programme, quantize } from '../../support/forensics';
import { diagnose, faults } from './support';

const rate = 48000;
const take = () => programme(2, rate, 0.5, 4);

describe('diagnosis: effective bit depth', () => {
  it('16-bit words in a 24-bit file: "24-bit file, 16-bit content", a warning', () => {
    const d = diagnose([quantize(take(), 16)]).diagnosis.find((x) => x.code === 'reduced-bit-depth');
    assert.equal(d?.value, 16);
    assert.equal(d?.severity, 'warning');
    assert.match(d?.message ?? '', /^24-bit file, 16-bit content: /);
  });
  it('16-bit words in a 32-bit float file', () => {
    const d = diagnose([quantize(take(), 16)], { bits: 32, encoding: 'float' }).diagnosis.find((x) => x.code === 'reduced-bit-depth');
    assert.equal(d?.value, 16);
    assert.match(d?.message ?? '', /^32-bit float file, 16-bit content/);
  });
  it('20-bit words in a 24-bit file: an info', () => {
    const d = diagnose([quantize(take(), 20)]).diagnosis.find((x) => x.code === 'reduced-bit-depth');
    assert.equal(d?.value, 20);
    assert.equal(d?.severity, 'info');
  });
  it('full 24-bit content, a 16-bit file of 16-bit words, float content and 24-bit words in float: nothing', () => {
    assert.deepEqual(faults(diagnose([quantize(take(), 24)]).diagnosis), []);
    assert.deepEqual(faults(diagnose([quantize(take(), 16)], { bits: 16 }).diagnosis), []);
    assert.deepEqual(faults(diagnose([Float32Array.from(take())], { bits: 32, encoding: 'float' }).diagnosis), []);
    assert.deepEqual(faults(diagnose([quantize(take(), 24)], { bits: 32, encoding: 'float' }).diagnosis), []);
  });
  it('the widest channel decides: one 24-bit channel beside a 16-bit one is 24-bit content', () => {
    assert.deepEqual(faults(diagnose([quantize(take(), 16), quantize(take(), 24)]).diagnosis), []);
  });
  it('a handful of stray samples off the 16-bit grid do not make 16-bit content 24-bit; a fade rendered at 24 bits does', () => {
    const x = quantize(take(), 16);
    // In chunks the detector looks at (every 8th of 64 samples).
    for (const i of [512 * 2 + 3, 512 * 100 + 5]) x[i] = x[i]! + 2 ** -23;
    assert.equal(diagnose([x]).diagnosis.find((y) => y.code === 'reduced-bit-depth')?.value, 16);
    const faded = Float32Array.from(x, (v, i) => (i >= x.length * 0.9 ? v * (1 - (i - x.length * 0.9) / (x.length * 0.1)) : v));
    assert.deepEqual(faults(diagnose([faded]).diagnosis), []);
  });
});
