// The analysis pipeline: reader -> analyser -> findings -> report. Never throws for a bad file:
// the caller gets a FailedTake and the batch goes on. Only an abort propagates.

import { TakeAnalyzer, defaultAnalysisOptions } from './analysis/analyzer';
import type { AnalysisOptions, Measurements, PartialMeasurements, TakeSeries } from './analysis/types';
import { deriveFindings, findingPassages } from './findings';
import type { FailedTake, TakeReport, TakeResult } from './report';
import { WavError } from './wav/errors';
import { openWav } from './wav/reader';
import type { DecodeStats, WavHeader } from './wav/types';

export interface AnalyzeHooks {
  onHeader?: (header: WavHeader) => void;
  /** Called after each block; callers throttle. */
  onProgress?: (fraction: number, partial: () => PartialMeasurements) => void;
  signal?: AbortSignal;
  wantSeries?: boolean;
  blockFrames?: number;
}

export async function analyzeFile(
  file: string,
  options: Partial<AnalysisOptions> = {},
  hooks: AnalyzeHooks = {},
): Promise<{ result: TakeResult; series?: TakeSeries }> {
  let reader;
  try {
    reader = await openWav(file);
  } catch (err) {
    return { result: failed(file, err) };
  }
  try {
    const header = reader.header;
    hooks.onHeader?.(header);
    const f = header.format;
    const analyzer = new TakeAnalyzer(
      { sampleRate: f.sampleRate, channels: f.channels, channelLabels: f.channelLabels, channelMask: f.channelMask, encoding: f.encoding, bitsPerSample: f.bitsPerSample },
      options,
    );
    for await (const block of reader.blocks(hooks.blockFrames, hooks.signal)) {
      analyzer.process(block);
      hooks.onProgress?.(f.frames > 0 ? (block.startFrame + block.frames) / f.frames : 1, () => analyzer.partial());
    }
    const m = analyzer.finish();
    const report = buildReport(file, header, m, reader.decodeStats(), { ...defaultAnalysisOptions, ...options, targets: { ...defaultAnalysisOptions.targets, ...options.targets } });
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
    return { file, error: { code: err.code, message: err.message, offset: err.offset }, findings: [{ severity: 'error', code: 'unreadable', message: err.message }] };
  }
  const message = `${file}: ${err instanceof Error ? err.message : String(err)}`;
  return { file, error: { code: 'io', message }, findings: [{ severity: 'error', code: 'unreadable', message }] };
}

function buildReport(file: string, header: WavHeader, m: Measurements, stats: DecodeStats, options: AnalysisOptions): TakeReport {
  const f = header.format;
  const sr = f.sampleRate;
  const findings = deriveFindings(m, header, {
    peakCeilingDbtp: options.targets.peakCeilingDbtp,
    effectiveBits: stats.effectiveBits,
    validBitsPerSample: f.validBitsPerSample,
    encoding: f.encoding,
  });
  const { bext, ixml, markers, info } = header.metadata;
  return {
    file,
    format: {
      container: f.container,
      encoding: f.encoding,
      bitsPerSample: f.bitsPerSample,
      validBitsPerSample: f.validBitsPerSample,
      sampleRate: sr,
      channels: f.channels,
      frames: m.frames,
      durationSeconds: m.durationSeconds,
      channelLabels: f.channelLabels,
      channelMask: f.channelMask,
    },
    channels: m.channels.map((c) => ({
      index: c.index,
      label: c.label,
      samplePeakDbfs: c.samplePeakDbfs,
      samplePeakSeconds: c.samplePeakDbfs === null ? null : c.samplePeakFrame / sr,
      truePeakDbtp: c.truePeakDbtp,
      rmsDbfs: c.rmsDbfs,
      rmsWindowMaxDbfs: c.rmsWindowMaxDbfs,
      rmsWindowMinDbfs: c.rmsWindowMinDbfs,
      dcOffset: c.dcOffset,
      crestFactorDb: c.crestFactorDb,
      noiseFloorDbfs: c.noiseFloorDbfs,
      clippedSamples: c.clippedSamples,
      overFullScaleSamples: c.overFullScaleSamples,
      effectiveBits: stats.effectiveBits[c.index] ?? f.bitsPerSample,
      silent: c.silent,
    })),
    overall: m.overall,
    loudness: {
      integratedLufs: m.loudness.integratedLufs,
      loudnessRangeLu: m.loudness.loudnessRangeLu,
      momentaryMaxLufs: m.loudness.momentaryMaxLufs,
      shortTermMaxLufs: m.loudness.shortTermMaxLufs,
    },
    clipping: { events: m.clipping.events, overs: m.clipping.overs, passages: findingPassages(m) },
    stereoCorrelation: m.stereoCorrelation,
    metadata: { ...(bext ? { bext } : {}), ...(ixml ? { ixml } : {}), markers, info },
    suggestedGainDb: m.suggestedGain.gainDb,
    suggestedGain: m.suggestedGain,
    rmsConvention: options.rmsConvention,
    findings,
    warnings: header.warnings.map((w) => `${w.message} (byte ${w.offset})`),
  };
}
