import { strict as assert } from 'node:assert';
import { ditherTo, programme, rng } from '../../support/forensics';
import { diagnose, faults } from './support';

const rate = 48000;

describe('diagnosis: polarity and phase over time', () => {
  const l = programme(6, rate, 0.5, 20);
  const r = rng(21);
  it('one channel inverted: polarity-inverted with the correlation', () => {
    const d = diagnose([
      ditherTo(l, 24),
      ditherTo(
        l.map((v) => -0.9 * v + r() * 0.01),
        24,
      ),
    ]).diagnosis.find((y) => y.code === 'polarity-inverted');
    assert.ok(d, 'not found');
    assert.ok(d.value < -0.99, `correlation ${d.value}`);
    assert.match(d.message, /^R is out of polarity with L \(correlation -1\.00/);
  });
  it('a passage of 3 s out of polarity inside a take: phase-cancellation with its span', () => {
    const right = l.map((v, i) => (i >= 2 * rate && i < 5 * rate ? -v : v) * 0.9 + r() * 0.01);
    const d = diagnose([ditherTo(l, 24), ditherTo(right, 24)]).diagnosis.find((y) => y.code === 'phase-cancellation');
    assert.ok(d, 'not found');
    assert.ok(Math.abs(d.startSeconds! - 2) <= 0.5 && Math.abs(d.durationSeconds! - 3) <= 1, `${d.startSeconds} + ${d.durationSeconds}`);
    assert.ok(!faults(diagnose([ditherTo(l, 24), ditherTo(right, 24)]).diagnosis).includes('polarity-inverted'));
  });
  it('the same signal twice, and two unrelated ones: nothing', () => {
    assert.deepEqual(faults(diagnose([ditherTo(l, 24), ditherTo(l, 24)]).diagnosis), []);
    assert.deepEqual(faults(diagnose([ditherTo(l, 24), ditherTo(programme(6, rate, 0.5, 22), 24)]).diagnosis), []);
  });
});
