import assert from 'node:assert/strict';
import { isWaveScale, levelToLane, sampleToLane, scaleLines, scaleNote, viewGainDb } from '../../../src/webview/take/waveScale';

const close = (a: number | null, b: number, eps = 1e-12) => assert.ok(a !== null && Math.abs(a - b) < eps, `${a} is not ${b}`);

describe('take editor: waveform vertical scale', () => {
  it('linear: the sample value itself, clamped to the lane', () => {
    assert.equal(sampleToLane(0.5, 'linear'), 0.5);
    assert.equal(sampleToLane(-0.25, 'linear'), -0.25);
    assert.equal(sampleToLane(1.2, 'linear'), 1);
    assert.equal(sampleToLane(-1.2, 'linear'), -1);
    assert.equal(sampleToLane(0, 'linear'), 0);
    assert.equal(sampleToLane(Number.NaN, 'linear'), 0);
  });

  it('dB: −60…0 dBFS from the centre to the edge, mirrored', () => {
    assert.equal(sampleToLane(1, 'db'), 1);
    assert.equal(sampleToLane(-1, 'db'), -1);
    close(sampleToLane(0.1, 'db'), 2 / 3);
    close(sampleToLane(-0.01, 'db'), -1 / 3);
    close(sampleToLane(0.5, 'db'), (20 * Math.log10(0.5) + 60) / 60);
    assert.equal(sampleToLane(0.001, 'db'), 0);
    assert.equal(sampleToLane(0.0001, 'db'), 0);
    assert.equal(sampleToLane(-1e-9, 'db'), -0);
  });

  it('normalised: linear with the display gain', () => {
    close(sampleToLane(0.01, 'normalised', 40), 1);
    close(sampleToLane(-0.005, 'normalised', 40), -0.5);
    close(sampleToLane(0.25, 'normalised', 20 * Math.log10(2)), 0.5);
    assert.equal(sampleToLane(0.5, 'normalised', 40), 1);
  });

  it('lifts a quiet take to full scale, never a loud one, at most +60 dB', () => {
    assert.equal(viewGainDb(-44.1), 44.1);
    assert.equal(viewGainDb(-0), 0);
    assert.equal(viewGainDb(1.2), 0);
    assert.equal(viewGainDb(-90), 60);
    assert.equal(viewGainDb(null), 0);
  });

  it('places full scale and the dB steps, or says they are off the lane', () => {
    assert.equal(levelToLane(0, 'linear'), 1);
    close(levelToLane(-6.020599913279624, 'linear'), 0.5);
    assert.equal(levelToLane(0, 'db'), 1);
    close(levelToLane(-20, 'db'), 2 / 3);
    assert.equal(levelToLane(-60, 'db'), 0);
    assert.equal(levelToLane(-61, 'db'), null);
    assert.equal(levelToLane(0, 'normalised', 0), 1);
    assert.equal(levelToLane(0, 'normalised', 44.1), null);
    close(levelToLane(-40, 'normalised', 40), 1);
    assert.deepEqual(
      scaleLines('db').map(([, db]) => db),
      [0, -20, -40],
    );
    assert.deepEqual(scaleLines('normalised'), [['0 dBFS', 0]]);
  });

  it('notes the display gain and recognises saved scales', () => {
    assert.equal(scaleNote('normalised', 44.1), 'view +44.1 dB');
    assert.equal(scaleNote('normalised', 0), 'view +0.0 dB');
    assert.equal(scaleNote('linear', 0), '');
    assert.equal(scaleNote('db', 0), '-60…0 dBFS');
    assert.equal(isWaveScale('db'), true);
    assert.equal(isWaveScale('log'), false);
    assert.equal(isWaveScale(undefined), false);
  });
});
