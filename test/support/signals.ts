// Test signals built in code, and a helper that runs them through the analyser.

import { TakeAnalyzer } from '../../src/core/analysis/analyzer';
import type { LoudnessChannel } from '../../src/core/analysis/channelMap';
import type { AnalysisOptions, Measurements } from '../../src/core/analysis/types';

export const dbToLin = (db: number) => 10 ** (db / 20);

/** A sine whose amplitude (dBFS peak) changes per segment, phase-continuous. */
export function steppedSine(sampleRate: number, freq: number, segments: [seconds: number, dbfs: number][], phase = 0): Float32Array {
  const total = segments.reduce((n, [s]) => n + Math.round(s * sampleRate), 0);
  const out = new Float32Array(total);
  let i = 0;
  for (const [seconds, db] of segments) {
    const a = dbToLin(db);
    const n = Math.round(seconds * sampleRate);
    for (let j = 0; j < n; j++, i++) out[i] = a * Math.sin((2 * Math.PI * freq * i) / sampleRate + phase);
  }
  return out;
}

export function labelsFor(channels: number): string[] {
  return (
    ({ 1: ['M'], 2: ['L', 'R'], 5: ['L', 'R', 'C', 'Ls', 'Rs'], 6: ['L', 'R', 'C', 'LFE', 'Ls', 'Rs'] } as Record<number, string[]>)[channels] ??
    Array.from({ length: channels }, (_, i) => `Ch${i + 1}`)
  );
}

export function measure(
  channels: Float32Array[],
  sampleRate = 48000,
  options: Partial<AnalysisOptions> = {},
  extra: { labels?: string[]; mask?: number; loudnessChannels?: LoudnessChannel[]; encoding?: 'pcm' | 'float'; blockFrames?: number } = {},
): Measurements {
  const a = new TakeAnalyzer(
    {
      sampleRate,
      channels: channels.length,
      channelLabels: extra.labels ?? labelsFor(channels.length),
      channelMask: extra.mask ?? null,
      ...(extra.loudnessChannels ? { loudnessChannels: extra.loudnessChannels } : {}),
      encoding: extra.encoding ?? 'pcm',
      bitsPerSample: 24,
    },
    options,
  );
  const n = channels[0]!.length;
  const B = extra.blockFrames ?? 65536;
  for (let s = 0; s < n; s += B) {
    const frames = Math.min(B, n - s);
    a.process({ channels: channels.map((c) => c.subarray(s, s + frames)), frames, startFrame: s });
  }
  return a.finish();
}
