import assert from 'node:assert/strict';
import { classifyLevel, dbToFraction, headroomToFullScale, meterLabelStep, meterTicks } from '../../../src/webview/take/meterScale';

describe('take editor: meter scale', () => {
  it('maps −60…0 dBFS linearly onto 0…1 and clamps outside it', () => {
    assert.equal(dbToFraction(-60), 0);
    assert.equal(dbToFraction(-30), 0.5);
    assert.equal(dbToFraction(-6), 0.9);
    assert.equal(dbToFraction(0), 1);
    assert.equal(dbToFraction(1.08), 1);
    assert.equal(dbToFraction(-90), 0);
    assert.equal(dbToFraction(null), 0);
    assert.equal(dbToFraction(-12, -24, 0), 0.5);
  });

  it('classifies clipped at full scale or with clipped samples, hot above the lower of ceiling and −3 dB', () => {
    assert.equal(classifyLevel(0, -1), 'clipped');
    assert.equal(classifyLevel(1.08, -1), 'clipped');
    assert.equal(classifyLevel(-20, -1, 3), 'clipped');
    assert.equal(classifyLevel(-0.5, -1), 'hot');
    assert.equal(classifyLevel(-2.9, -1), 'hot');
    assert.equal(classifyLevel(-3, -1), 'safe');
    assert.equal(classifyLevel(-5, -6), 'hot');
    assert.equal(classifyLevel(-6, -6), 'safe');
    assert.equal(classifyLevel(-18, -1), 'safe');
    assert.equal(classifyLevel(null, -1), 'safe');
  });

  it('gives the headroom to 0 dBFS, negative when over, null for silence', () => {
    assert.equal(headroomToFullScale(-7.25), 7.25);
    assert.equal(headroomToFullScale(1.5), -1.5);
    assert.equal(headroomToFullScale(null), null);
  });

  it('puts ticks every 6 dB from −60 to 0', () => {
    const ticks = meterTicks(6);
    assert.equal(ticks.length, 11);
    assert.deepEqual(ticks[0], [-60, 0]);
    assert.deepEqual(ticks[10], [0, 1]);
    assert.deepEqual(ticks[5], [-30, 0.5]);
    assert.deepEqual(
      meterTicks(20).map(([db]) => db),
      [-60, -40, -20, 0],
    );
  });

  it('thins the labels by the track width, always keeping -60 and 0', () => {
    // 6 dB is a tenth of the track: 360 px leaves 36 px between labels.
    assert.equal(meterLabelStep(1200), 6);
    assert.equal(meterLabelStep(360), 6);
    assert.equal(meterLabelStep(359), 12);
    assert.equal(meterLabelStep(180), 12);
    assert.equal(meterLabelStep(150), 20);
    assert.equal(meterLabelStep(72), 30);
    assert.equal(meterLabelStep(71), 60);
    assert.equal(meterLabelStep(0), 60);
    assert.equal(meterLabelStep(200, 50), 20);
    assert.equal(meterLabelStep(300, 30), 6);
    for (const w of [0, 59, 120, 299, 1200]) {
      const dbs = meterTicks(meterLabelStep(w)).map(([db]) => db);
      assert.equal(dbs[0], -60);
      assert.equal(dbs[dbs.length - 1], 0);
    }
  });
});
