import assert from 'node:assert/strict';
import { formatTime } from '../../../src/core/format';
import { labelledTimeStep, stepDecimals, tickLabels, tickTimes } from '../../../src/webview/take/timeAxis';

describe('take editor: time axis ticks', () => {
  it('picks the smallest round step leaving the minimum spacing', () => {
    // 10 s over 1000 px at 60 px: 0.5 s is 50 px, 1 s is 100 px.
    assert.equal(
      labelledTimeStep(10, 1000, () => 60, 0),
      1,
    );
    assert.equal(
      labelledTimeStep(10, 1000, () => 50, 0),
      0.5,
    );
    assert.equal(
      labelledTimeStep(10, 400, () => 60, 0),
      2,
    );
    assert.equal(
      labelledTimeStep(10, 200, () => 60, 0),
      5,
    );
    assert.equal(
      labelledTimeStep(0.05, 1000, () => 60, 0),
      0.005,
    );
    assert.equal(
      labelledTimeStep(3 * 3600, 600, () => 80, 0),
      1800,
    );
    assert.equal(
      labelledTimeStep(100 * 3600, 200, () => 80, 0),
      7200,
    );
  });

  it('leaves room for the labels a step needs, decimals included', () => {
    // 6 px a character: "0:10" is 24 px, "0:10.0" 36 px; 10 s over 1030 px, 24 px gap.
    const px = (step: number) => formatTime(10, stepDecimals(step)).length * 6;
    assert.equal(labelledTimeStep(10, 1030, px, 24), 1);
    assert.equal(labelledTimeStep(10, 1300, px, 24), 0.5);
    assert.equal(labelledTimeStep(10, 480, px, 24), 1);
    assert.equal(labelledTimeStep(10, 470, px, 24), 2);
    assert.equal(labelledTimeStep(1e6, 100, px, 24), 7200);
  });

  it('gives each step the decimals that tell its ticks apart', () => {
    assert.equal(stepDecimals(1), 0);
    assert.equal(stepDecimals(15), 0);
    assert.equal(stepDecimals(0.5), 1);
    assert.equal(stepDecimals(0.2), 1);
    assert.equal(stepDecimals(0.05), 2);
    assert.equal(stepDecimals(0.002), 3);
  });

  it('formats m:ss, h:mm:ss and tenths to thousandths', () => {
    assert.equal(formatTime(0, 0), '0:00');
    assert.equal(formatTime(61, 0), '1:01');
    assert.equal(formatTime(3725, 0), '1:02:05');
    assert.equal(formatTime(1.5, 1), '0:01.5');
    assert.equal(formatTime(59.95, 1), '1:00.0');
    assert.equal(formatTime(0.25, 2), '0:00.25');
    assert.equal(formatTime(0.3 * 3, 3), '0:00.900');
  });

  it('labels a whole axis in one format', () => {
    assert.deepEqual(tickLabels([0, 0.5, 1, 1.5], 0.5), ['0:00.0', '0:00.5', '0:01.0', '0:01.5']);
    assert.deepEqual(tickLabels([0, 1, 2], 1), ['0:00', '0:01', '0:02']);
    assert.deepEqual(tickLabels([60, 90, 120], 30), ['1:00', '1:30', '2:00']);
  });

  it('places ticks on multiples of the step without float drift', () => {
    assert.deepEqual(tickTimes(0, 1, 0.2), [0, 0.2, 0.4, 0.6, 0.8, 1]);
    assert.deepEqual(tickTimes(0.25, 1.3, 0.5), [0.5, 1]);
    assert.deepEqual(tickTimes(3, 10, 5), [5, 10]);
    assert.deepEqual(tickTimes(0.1, 0.3, 0.1), [0.1, 0.2, 0.3]);
  });
});
