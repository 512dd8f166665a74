// Runs the analyser (with its detectors) on channels in memory, with a chosen file format.

import { TakeAnalyzer } from '../../../src/core/analysis/analyzer';
import type { DetectorId, Diagnosis } from '../../../src/core/analysis/diagnosis';
import type { Measurements } from '../../../src/core/analysis/types';
import { labelsFor } from '../../support/signals';

export function diagnose(
  channels: ArrayLike<number>[],
  o: { rate?: number; bits?: number; encoding?: 'pcm' | 'float'; detectors?: DetectorId[]; blockFrames?: number } = {},
): { diagnosis: Diagnosis[]; meters: Measurements } {
  const rate = o.rate ?? 48000;
  const a = new TakeAnalyzer(
    {
      sampleRate: rate,
      channels: channels.length,
      channelLabels: labelsFor(channels.length),
      channelMask: null,
      encoding: o.encoding ?? 'pcm',
      bitsPerSample: o.bits ?? 24,
    },
    { detectors: o.detectors ?? 'all' },
  );
  const data = channels.map((c) => Float32Array.from(c));
  const n = data[0]!.length;
  const B = o.blockFrames ?? 65536;
  for (let s = 0; s < n; s += B) {
    const frames = Math.min(B, n - s);
    a.process({ channels: data.map((c) => c.subarray(s, s + frames)), frames, startFrame: s });
  }
  const meters = a.finish();
  return { diagnosis: meters.diagnosis, meters };
}

export const codes = (d: Diagnosis[]) => d.map((x) => x.code);
/** Codes other than the noise floor's (a measurement every take with pauses has). */
export const faults = (d: Diagnosis[]) => codes(d).filter((c) => c !== 'noise-floor');
