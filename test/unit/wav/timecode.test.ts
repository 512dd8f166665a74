import assert from 'node:assert/strict';
import { smpteFromSamples, timecodeAt, timecodeFromSamples } from '../../../src/core/timecode';

describe('take editor: timecode from the BWF time reference', () => {
  it('formats samples since midnight at the file rate', () => {
    assert.equal(timecodeFromSamples(48000 * 36000, 48000), '10:00:00.000');
    assert.equal(timecodeFromSamples(44100 * 3723 + 22050, 44100), '01:02:03.500');
    assert.equal(timecodeFromSamples(0, 96000), '00:00:00.000');
    // 1 sample short of a millisecond still reads the millisecond before.
    assert.equal(timecodeFromSamples(47, 48000), '00:00:00.000');
    assert.equal(timecodeFromSamples(48, 48000), '00:00:00.001');
  });

  it('wraps past midnight and rejects nonsense', () => {
    assert.equal(timecodeFromSamples(48000 * (86400 + 61), 48000), '00:01:01.000');
    assert.equal(timecodeFromSamples(100, 0), '--:--:--.---');
    assert.equal(timecodeFromSamples(-1, 48000), '--:--:--.---');
  });

  it('gives the time of day at a point in the take', () => {
    assert.equal(timecodeAt(48000 * 36000, 48000, 83.25), '10:01:23.250');
    assert.equal(timecodeAt(44100 * 86399, 44100, 2), '00:00:01.000');
    // 3.084 s is 148032 samples: exactly 3084 ms, not 3083.99…
    assert.equal(timecodeAt(48000 * 36000, 48000, 3.084), '10:00:03.084');
  });

  it('gives non-drop SMPTE frames', () => {
    assert.equal(smpteFromSamples(48000 * 36000, 48000, 25), '10:00:00:00');
    assert.equal(smpteFromSamples(48000 * 36000 + (48000 / 25) * 13, 48000, 25), '10:00:00:13');
    assert.equal(smpteFromSamples(48000 * 1.999, 48000, 30), '00:00:01:29');
    assert.equal(smpteFromSamples(48000, 48000, 0), '--:--:--:--');
  });
});
