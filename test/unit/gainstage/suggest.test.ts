import assert from 'node:assert/strict';
import {
  describeSuggestedGain,
  formatSuggestedGain,
  resolveTargets,
  suggestGain,
  takeReading,
  type LevelReading,
  type TakeLevels,
} from '../../../src/core/gainstage';
import { DEFAULT_TARGETS } from '../../../src/core/gainstage/targets';

const settings = (over: Partial<typeof DEFAULT_TARGETS> = {}) => resolveTargets({ settings: { ...DEFAULT_TARGETS, ...over } });
const reading = (over: Partial<LevelReading>): LevelReading => ({
  peakDbfs: -20,
  averageDbfs: -32,
  loudnessLufs: -30,
  truePeakDbtp: -20,
  clipped: false,
  silent: false,
  ...over,
});

describe('the suggested gain: one number, with the limit that set it', () => {
  it('aims peaks at the peak target; the average and loudness targets and the true-peak ceiling can only lower it', () => {
    // Peaks -20 -> -10: +10. Average -32 -> -18 would be +14: the peak target is the smaller.
    const s = suggestGain(reading({}), settings());
    assert.equal(s.gainDb, 10);
    assert.equal(s.limit, null);
    assert.equal(describeSuggestedGain(s), '+10.0 dB to the −10 dBFS peak target');
    assert.deepEqual(s.byTarget, { peak: 10, average: 14, loudness: null, ceiling: 19 });
    // A dense take: average -24, peaks -20: +6 puts the average on -18 before the peaks reach -10.
    const dense = suggestGain(reading({ averageDbfs: -24 }), settings());
    assert.equal(dense.gainDb, 6);
    assert.equal(dense.limit?.line, 'limited by the −18 dBFS average target: the −10 dBFS peak target would put the average at −14.0 dBFS');
  });

  it('delivery targets: loudness first when there is no peak target, the ceiling caps it', () => {
    // -30 LUFS to -16 would be +14, but true peak -20 + 14 = -6 dBTP is fine; to -10 LUFS (+20) it is not: +19 to -1 dBTP.
    const podcast = suggestGain(reading({}), settings({ peakDbfs: null, averageDbfs: null, loudnessLufs: -16 }));
    assert.equal(podcast.gainDb, 14);
    assert.equal(podcast.target?.kind, 'loudness');
    const loud = suggestGain(reading({}), settings({ peakDbfs: null, averageDbfs: null, loudnessLufs: -10 }));
    assert.equal(loud.gainDb, 19);
    assert.equal(loud.limit?.line, 'limited by the −1.0 dBTP true-peak ceiling: the −10 LUFS loudness target would put true peak at 0.0 dBTP');
  });

  it('a clipped take: at least the least cut, its real peak being unknown', () => {
    const s = suggestGain(reading({ peakDbfs: 0.4, truePeakDbtp: 0.4, clipped: true }), settings());
    assert.equal(s.gainDb, -10.4);
    assert.equal(s.atLeast, true);
    assert.equal(formatSuggestedGain(s), 'at least −10.4 dB');
    // Clipped just under the target's reach: the least cut is 6 dB.
    assert.equal(suggestGain(reading({ peakDbfs: -12, clipped: true }), settings()).gainDb, -6);
  });

  it('a clip before the converter: the same least cut, said to belong at the preamp', () => {
    // The demo's preamp-clipped-bass: tops flattened at -6.1 dBFS, peak -6.0, RMS -8.4 (a bass flattened
    // into a near-square). Cuts: peak -6.0 -> -10 is 4.0, average -8.4 -> -18 is 9.6: at least -9.6 dB.
    const take: TakeLevels = {
      channels: [{ silent: false, samplePeakDbfs: -6.0, truePeakDbtp: -6.0, rmsDbfs: -8.4 }],
      rmsConvention: 'plain',
      overall: { clippedSamples: 0 },
      loudness: { integratedLufs: -12.1 },
      diagnosis: [{ code: 'analog-clipping', value: -6.1 }],
    };
    const s = suggestGain(takeReading(take), settings());
    assert.equal(formatSuggestedGain(s), 'at least −9.6 dB');
    assert.equal(
      s.limit?.line,
      'an analog stage clipped at −6.1 dBFS: how far over it went is unknown, so this is the least cut, at the preamp (at least 6 dB)',
    );
    // Without the detector's finding the same levels would ask for -9.6 dB as a plain average-limited cut, not "at least".
    assert.equal(formatSuggestedGain(suggestGain(takeReading({ ...take, diagnosis: [] }), settings())), '−9.6 dB');
  });

  it('clipped, then turned down: the take read as recorded, the cut from the gain it was recorded with', () => {
    // The demo's lowered-clip-vocal: plateaus at -4.1 dBFS (a full-scale clip lowered 4.1 dB), true peak
    // -4.02 dBTP, RMS -11.06 dBFS. As recorded: +0.08 dBTP, -6.96 dBFS. Cuts 10.08 (peak to -10) and
    // 11.04 (average to -18): at least -11.0 dB, where the file's own levels alone would give -6.9.
    const take: TakeLevels = {
      channels: [
        { silent: false, samplePeakDbfs: -4.1, truePeakDbtp: -4.02, rmsDbfs: -11.06 },
        { silent: false, samplePeakDbfs: -4.1, truePeakDbtp: -4.02, rmsDbfs: -11.06 },
      ],
      rmsConvention: 'plain',
      overall: { clippedSamples: 0 },
      loudness: { integratedLufs: -8.77 },
      diagnosis: [
        { code: 'clipped-then-lowered', value: -4.1 },
        { code: 'clipped-then-lowered', value: -4.12 },
      ],
    };
    const r = takeReading(take);
    assert.deepEqual(r.upstreamClip, { kind: 'lowered', levelDbfs: -4.1 });
    assert.equal(Math.round(r.peakDbfs! * 100) / 100, 0.08);
    const s = suggestGain(r, settings());
    assert.equal(formatSuggestedGain(s), 'at least −11.0 dB');
    assert.equal(
      s.limit?.line,
      'clipped, then lowered by 4.1 dB: how far over it went is unknown, so this is the least cut from the gain it was recorded with (at least 6 dB)',
    );
    assert.equal(suggestGain(takeReading({ ...take, diagnosis: [] }), settings()).gainDb, -6.9);
  });

  it('silent and near-silent takes get no number, and say why (no +89 dB for one LSB, no +782 dB for denormals)', () => {
    const s = suggestGain(reading({ peakDbfs: -90.3, silent: true }), settings());
    assert.equal(s.gainDb, null);
    assert.equal(describeSuggestedGain(s), 'n/a: near-silent (peak −90.3 dBFS): there is no programme to set a gain by');
    assert.equal(suggestGain(reading({ peakDbfs: null, silent: true }), settings()).limit?.by, 'silent');
    // One spike at -60 dBFS in a 24-bit silence: a peak, but no 50 ms of programme above -80 dBFS.
    const spike: TakeLevels = {
      channels: [{ silent: false, nearSilent: true, samplePeakDbfs: -60, truePeakDbtp: -60, rmsDbfs: -105 }],
      rmsConvention: 'plain',
      overall: { clippedSamples: 0 },
      loudness: { integratedLufs: null },
    };
    assert.equal(suggestGain(takeReading(spike), settings()).gainDb, null);
  });

  it('the take reading leaves a dead channel out: its silence lowers neither the average nor the gain', () => {
    // Live left: peaks -10, RMS -20 (plain). With the silent right channel averaged in, the RMS would read
    // -23 dB; over the live channel alone it is -20, and the suggestion +2 (average to -18), not +5.
    const take: TakeLevels = {
      channels: [
        { silent: false, samplePeakDbfs: -10.5, truePeakDbtp: -10, rmsDbfs: -20 },
        // A dead channel still carries a little hum or hiss: silent (under -90 dBFS), but not null.
        { silent: true, samplePeakDbfs: -95, truePeakDbtp: -95, rmsDbfs: -100 },
      ],
      rmsConvention: 'plain',
      overall: { clippedSamples: 0 },
      loudness: { integratedLufs: -23 },
    };
    const r = takeReading(take);
    assert.equal(r.peakDbfs, -10);
    assert.equal(r.averageDbfs, -20);
    assert.equal(suggestGain(r, settings({ peakDbfs: null })).gainDb, 2);
    // AES17 figures are turned back to the plain convention the targets use (+3.01 dB).
    const aes = takeReading({ ...take, rmsConvention: 'aes17', channels: [{ ...take.channels[0]!, rmsDbfs: -16.99 }, take.channels[1]!] });
    assert.ok(Math.abs(aes.averageDbfs! - -20) < 0.001);
    assert.equal(takeReading({ ...take, channels: [take.channels[1]!] }).silent, true);
  });

  it('targets come from the input, then its material, then the rig, then the settings', () => {
    const t = resolveTargets({ input: { peakDbfs: -8 }, material: 'speech', rig: { peakDbfs: -14, averageDbfs: -20 }, settings: DEFAULT_TARGETS });
    assert.deepEqual(
      [t.peak, t.average],
      [
        { valueDb: -8, origin: 'input' },
        { valueDb: -18, origin: 'material' },
      ],
    );
    const r = resolveTargets({ material: 'drums', rig: { averageDbfs: -20 }, settings: DEFAULT_TARGETS });
    assert.deepEqual(
      [r.peak, r.average],
      [
        { valueDb: -10, origin: 'material' },
        { valueDb: -20, origin: 'rig' },
      ],
    );
    assert.equal(resolveTargets({ settings: { ...DEFAULT_TARGETS, averageDbfs: null } }).average, null);
  });
});
