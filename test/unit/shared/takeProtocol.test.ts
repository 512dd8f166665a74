import assert from 'node:assert/strict';
import { isHostToTake, isPeakSlice, isTakeToHost } from '../../../src/shared/takeEditor';

const header = {
  format: { container: 'RIFF', encoding: 'pcm', channels: 2, sampleRate: 48000, frames: 480000, channelLabels: ['L', 'R'] },
  metadata: { markers: [], info: {} },
  warnings: [],
};

describe('take editor protocol', () => {
  it('accepts the view messages and nothing else', () => {
    assert.equal(isTakeToHost({ type: 'ready' }), true);
    assert.equal(isTakeToHost({ type: 'window', id: 3, startFrame: 0, endFrame: 4800, maxBuckets: 2000 }), true);
    assert.equal(isTakeToHost({ type: 'window', id: 3, startFrame: 4800, endFrame: 4800, maxBuckets: 2000 }), false);
    assert.equal(isTakeToHost({ type: 'window', id: -1, startFrame: 0, endFrame: 10, maxBuckets: 2000 }), false);
    assert.equal(isTakeToHost({ type: 'window', id: 1, startFrame: 0, endFrame: 10, maxBuckets: 0 }), false);
    assert.equal(isTakeToHost({ type: 'window', id: 1.5, startFrame: 0, endFrame: 10, maxBuckets: 5 }), false);
    assert.equal(isTakeToHost({ type: 'selection', id: 1, startFrame: 48000, endFrame: 96000 }), true);
    assert.equal(isTakeToHost({ type: 'selection', id: 1, startFrame: 96000, endFrame: 48000 }), false);
    assert.equal(isTakeToHost({ type: 'revealed' }), true);
    assert.equal(isTakeToHost({ type: 'play' }), false);
    assert.equal(isTakeToHost(null), false);
    assert.equal(isTakeToHost('ready'), false);
  });

  it('validates peak slices: Float32Array pairs of equal length', () => {
    assert.equal(isPeakSlice({ bucketFrames: 256, startBucket: 4, minMax: [new Float32Array(6), new Float32Array(6)] }), true);
    assert.equal(isPeakSlice({ bucketFrames: 256, startBucket: 4, minMax: [new Float32Array(6), new Float32Array(4)] }), false);
    assert.equal(isPeakSlice({ bucketFrames: 256, startBucket: 4, minMax: [new Float32Array(5)] }), false);
    assert.equal(isPeakSlice({ bucketFrames: 256, startBucket: 4, minMax: [[0, 1]] }), false);
    assert.equal(isPeakSlice({ bucketFrames: 0, startBucket: 0, minMax: [] }), false);
  });

  it('validates the host messages', () => {
    const settings = { loudnessTargetLufs: null, peakCeilingDbtp: -1, converterReferenceDbu: 18, clickToPlay: true };
    assert.equal(isHostToTake({ type: 'start', file: '/a.wav', name: 'a.wav', audioSrc: 'x', settings }), true);
    assert.equal(
      isHostToTake({
        type: 'start',
        file: '/a.wav',
        name: 'a.wav',
        audioSrc: 'x',
        settings: { loudnessTargetLufs: null, peakCeilingDbtp: -1, clickToPlay: true },
      }),
      false,
      'no converter alignment',
    );
    assert.equal(isHostToTake({ type: 'start', file: '/a.wav', name: 'a.wav', audioSrc: 'x', settings: { ...settings, clickToPlay: 'yes' } }), false);
    assert.equal(isHostToTake({ type: 'start', file: '/a.wav', name: 'a.wav', audioSrc: 'x', settings: { ...settings, loudnessTargetLufs: 'loud' } }), false);
    assert.equal(isHostToTake({ type: 'reveal', seconds: 1.5, durationSeconds: 0 }), true);
    assert.equal(isHostToTake({ type: 'reveal', seconds: -1, durationSeconds: 0 }), false);
    assert.equal(isHostToTake({ type: 'selection', id: 2, figures: { startFrame: 0, endFrame: 480, done: false } }), true);
    assert.equal(
      isHostToTake({
        type: 'selection',
        id: 2,
        figures: { startFrame: 0, endFrame: 480, done: true, samplePeakDbfs: -3.1, truePeakDbtp: null, rmsDbfs: -20, integratedLufs: null },
      }),
      true,
    );
    assert.equal(isHostToTake({ type: 'selection', id: 2, figures: { startFrame: 480, endFrame: 480, done: false } }), false, 'an empty selection');
    assert.equal(isHostToTake({ type: 'selection', id: 2, figures: { startFrame: 0, endFrame: 480, done: true, rmsDbfs: 'loud' } }), false);
    assert.equal(isHostToTake({ type: 'header', header, sizeBytes: 1000 }), true);
    assert.equal(isHostToTake({ type: 'header', header: { ...header, format: { ...header.format, channels: -2 } }, sizeBytes: 1000 }), false);
    assert.equal(isHostToTake({ type: 'progress', fraction: 0.5, partial: null }), true);
    assert.equal(isHostToTake({ type: 'progress', fraction: 1.5, partial: null }), false);
    assert.equal(
      isHostToTake({ type: 'progress', fraction: 0.5, partial: { framesDone: 10, channels: [], momentaryMaxLufs: null, shortTermMaxLufs: -20 } }),
      true,
    );
    assert.equal(isHostToTake({ type: 'rig', rig: null, signalFlowSvg: null, converterReferenceDbu: null }), true);
    assert.equal(isHostToTake({ type: 'rig', rig: null, signalFlowSvg: null, converterReferenceDbu: '18' }), false);
    const rig = {
      file: '/r.headroom.json',
      input: 'vox',
      advice: [{ severity: 'info', code: 'on-target', message: 'ok' }],
      action: null,
      recorded: { fromRecord: true, changedSince: false, changeSinceDb: 0 },
    };
    assert.equal(isHostToTake({ type: 'rig', rig, signalFlowSvg: '<svg/>', converterReferenceDbu: 24 }), true);
    assert.equal(isHostToTake({ type: 'rig', rig: { ...rig, advice: [{ code: 'on-target' }] }, signalFlowSvg: null, converterReferenceDbu: null }), false);
    assert.equal(isHostToTake({ type: 'rig', rig: { ...rig, action: 3 }, signalFlowSvg: null, converterReferenceDbu: null }), false);
    assert.equal(
      isHostToTake({ type: 'failed', failed: { file: '/a.wav', error: { code: 'not-riff', message: 'a.wav: at byte 0: …', offset: 0 }, findings: [] } }),
      true,
    );
    assert.equal(isHostToTake({ type: 'failed', failed: { file: '/a.wav', error: 'bad', findings: [] } }), false);
    assert.equal(isHostToTake({ type: 'window', id: 2, slice: null }), true);
    assert.equal(isHostToTake({ type: 'window', id: 2, slice: { bucketFrames: 256, startBucket: 0, minMax: [new Float32Array(3)] } }), false);
    assert.equal(isHostToTake({ type: 'report', report: { file: 'x' }, series: null }), false);
    assert.equal(isHostToTake({ type: 'nope' }), false);
  });

  it('accepts a real report with its overview series', () => {
    const report = {
      file: '/a.wav',
      format: header.format,
      channels: [],
      overall: {},
      loudness: {},
      clipping: { events: [], overs: [], passages: [] },
      findings: [],
      metadata: { markers: [], info: {} },
      suggestedGain: { gainDb: null, atLeast: false, target: null, limit: { by: 'silent', line: 'silent' }, byTarget: {} },
    };
    const series = {
      levels: [{ bucketFrames: 256, buckets: 3 }],
      overview: { bucketFrames: 256, startBucket: 0, minMax: [new Float32Array(6)] },
      shortTermLufs: new Float32Array(2),
      stepSeconds: 0.1,
    };
    assert.equal(isHostToTake({ type: 'report', report, series }), true);
    assert.equal(isHostToTake({ type: 'report', report: { ...report, suggestedGain: { ...report.suggestedGain, gainDb: 'loud' } }, series }), false);
    assert.equal(isHostToTake({ type: 'report', report, series: { ...series, stepSeconds: 0 } }), false);
    assert.equal(isHostToTake({ type: 'report', report, series: { ...series, shortTermLufs: [1, 2] } }), false);
  });
});
