// The analysis pipeline: reader -> analyser -> findings -> report. Never throws for a bad file:
// the caller gets a FailedTake and the batch goes on. Only an abort propagates.

import { TakeAnalyzer } from './analysis/analyzer';
import { resolveAnalysisOptions } from './analysis/options';
import { isFinding } from './analysis/diagnosis';
import { streamFormatOf, type AnalysisOptions, type Measurements, type PartialMeasurements, type TakeSeries } from './analysis/types';
import { deriveFindings, findingPassages, sortFindings } from './findings';
import { explainNulls } from './nullReasons';
import { withSettingsAdvice } from './gainstage/reconcile';
import type { FailedTake, TakeReport, TakeResult } from './report';
import { WavError } from './wav/errors';
import type { DecodeStats, WavHeader, WavReader } from './wav/types';

export interface AnalyzeHooks {
  onHeader?: (header: WavHeader) => void;
  /** Called after each block; callers throttle. */
  onProgress?: (fraction: number, partial: () => PartialMeasurements) => void;
  signal?: AbortSignal;
  wantSeries?: boolean;
  blockFrames?: number;
  /**
   * Only frames [startFrame, endFrame) (a selection in the take editor): the report is that
   * stretch's, its times relative to its start.
   */
  range?: FrameRange;
}

export interface FrameRange {
  startFrame: number;
  endFrame: number;
}

/** Opens the take named `file`: a file on disk (src/node/byteSource.ts), bytes in memory in tests. */
export type OpenWav = (file: string) => Promise<WavReader>;

export async function analyzeTake(
  file: string,
  open: OpenWav,
  options: Partial<AnalysisOptions> = {},
  hooks: AnalyzeHooks = {},
): Promise<{ result: TakeResult; series?: TakeSeries }> {
  let reader;
  try {
    reader = await open(file);
  } catch (err) {
    return { result: failed(file, err) };
  }
  try {
    const header = reader.header;
    hooks.onHeader?.(header);
    const f = header.format;
    const analyzer = new TakeAnalyzer(streamFormatOf(f), options);
    const from = hooks.range ? Math.max(0, hooks.range.startFrame) : 0;
    const to = hooks.range ? Math.min(f.frames, hooks.range.endFrame) : Infinity;
    for await (const block of reader.blocks(hooks.blockFrames, hooks.signal)) {
      const end = block.startFrame + block.frames;
      if (end <= from) continue;
      if (block.startFrame >= to) break;
      if (hooks.range) {
        // The part of the block inside the range, numbered from the range's start.
        const a = Math.max(0, from - block.startFrame);
        const b = Math.min(block.frames, to - block.startFrame);
        analyzer.process({ channels: block.channels.map((c) => c.subarray(a, b)), frames: b - a, startFrame: block.startFrame + a - from });
      } else analyzer.process(block);
      const done = Math.min(end, to) - from;
      const total = Math.min(f.frames, to) - from;
      hooks.onProgress?.(total > 0 ? done / total : 1, () => analyzer.partial());
    }
    const m = analyzer.finish();
    // A range stops reading early, before the reader knows the file's effective bit depth: the stretch
    // is not judged on it.
    const stats = hooks.range ? { effectiveBits: Array.from({ length: f.channels }, () => f.validBitsPerSample) } : reader.decodeStats();
    const report = buildReport(file, header, m, stats, resolveAnalysisOptions(options));
    return hooks.wantSeries ? { result: report, series: m.series } : { result: report };
  } catch (err) {
    if (hooks.signal?.aborted) throw hooks.signal.reason;
    return { result: failed(file, err) };
  } finally {
    await reader.close();
  }
}

export function failed(file: string, err: unknown): FailedTake {
  if (err instanceof WavError) {
    return {
      file,
      error: { code: err.code, message: err.message, offset: err.offset },
      findings: [{ severity: 'error', code: 'unreadable', message: err.message }],
    };
  }
  const message = `${file}: ${err instanceof Error ? err.message : String(err)}`;
  return { file, error: { code: 'io', message }, findings: [{ severity: 'error', code: 'unreadable', message }] };
}

function buildReport(file: string, header: WavHeader, m: Measurements, stats: DecodeStats, options: AnalysisOptions): TakeReport {
  const f = header.format;
  const { series: _series, frames, durationSeconds, channels, clipping, ...figures } = m;
  // One list in time order, as every surface shows it.
  const findings = sortFindings([
    ...deriveFindings(m, header),
    ...m.diagnosis
      .filter(isFinding)
      .map(({ severity, code, message, channel, startSeconds, durationSeconds }) => ({ severity, code, message, channel, startSeconds, durationSeconds })),
  ]);
  const { bext, ixml, markers, info } = header.metadata;
  const { container, encoding, bitsPerSample, validBitsPerSample, sampleRate, channelLabels, channelMask } = f;
  const report: Omit<TakeReport, 'suggestedGain'> = {
    file,
    format: { container, encoding, bitsPerSample, validBitsPerSample, sampleRate, channels: f.channels, frames, durationSeconds, channelLabels, channelMask },
    channels: channels.map(({ samplePeakFrame, loudnessWeight: _weight, ...c }) => ({
      ...c,
      samplePeakSeconds: c.samplePeakDbfs === null ? null : samplePeakFrame / sampleRate,
      effectiveBits: stats.effectiveBits[c.index] ?? bitsPerSample,
    })),
    ...figures,
    clipping: { ...clipping, passages: findingPassages(m) },
    metadata: { ...(bext ? { bext } : {}), ...(ixml ? { ixml } : {}), markers, info },
    rmsConvention: options.rmsConvention,
    findings,
    warnings: header.warnings.map((w) => `${w.message} (byte ${w.offset})`),
  };
  // Figures that overflowed become null (with every other null's reason) before anything reads them.
  report.reasons = explainNulls(report, { fast: options.meters === 'sample', frames, sampleRate });
  // The suggestion reads the report's own figures, as the rig's advice does later.
  return withSettingsAdvice(report, options.targets);
}
