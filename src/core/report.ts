// The per-take report: what `headroom analyze --json` prints (one object per file), what the
// worker returns, what the extension caches and shows. Field names are a public contract.

import type { BextMetadata, IxmlMetadata, Marker, WavFormat } from './wav/types';
import type { ChannelMeasurements, Measurements } from './analysis/types';
import type { ChainDiagnosis, DiagnosisCode } from './analysis/diagnosis';
import type { SuggestedGain } from './gainstage/suggest';
import type { AdviceLine } from './gainstage/types';

export type Severity = 'error' | 'warning' | 'info';

/** A finding's code: the meters' own, or a chain diagnosis's (each diagnosis is also listed as a finding). */
export type FindingCode = MeterFindingCode | DiagnosisCode;

export type MeterFindingCode =
  | 'clipping'
  | 'inter-sample-over'
  | 'over-full-scale'
  | 'too-hot'
  | 'too-quiet'
  | 'dc-offset'
  | 'dead-channel'
  | 'silent-take'
  | 'truncated'
  | 'non-finite'
  | 'unreadable';

export interface Finding {
  severity: Severity;
  code: FindingCode;
  message: string;
  channel?: number;
  startSeconds?: number;
  durationSeconds?: number;
}

/**
 * A stretch of one channel where clipping runs, or inter-sample overs, follow one another closely
 * (closer than the findings' passage gap): what one finding reports.
 */
export interface Passage {
  kind: 'clipping' | 'inter-sample-over';
  channel: number;
  startSeconds: number;
  endSeconds: number;
  /** Clipping runs, or separate overs, in the passage. */
  count: number;
  /** Clipped samples (0 for overs). */
  samples: number;
  /** The longest clipping run, in samples (0 for overs). */
  longestRunSamples: number;
  /** The highest true peak among the passage's overs (dBTP); null when it has none. */
  worstTruePeakDbtp: number | null;
  /** Inter-sample overs inside a clipping passage: counted with it, not reported apart. */
  overs: number;
}

/**
 * A channel as reported: the analyser's figures (analysis/types.ts), with the peak's time in place
 * of its frame, and the bit depth the reader found in use. The LFE's loudness weight stays inside.
 */
export type ChannelReport = Omit<ChannelMeasurements, 'samplePeakFrame' | 'loudnessWeight'> & {
  samplePeakSeconds: number | null;
  effectiveBits: number;
};

/** The format facts a report carries; frames and duration are those analysed (a range's own). */
export type ReportFormat = Pick<
  WavFormat,
  'container' | 'encoding' | 'bitsPerSample' | 'validBitsPerSample' | 'sampleRate' | 'channels' | 'frames' | 'durationSeconds' | 'channelLabels' | 'channelMask'
>;

/**
 * One shape from the analyser to the JSON contract: the analyser's Measurements as they are (overall,
 * loudness, stereo correlation, diagnosis), its clipping with the passages the findings report, its
 * channels as ChannelReport, and what the report adds around them.
 */
export interface TakeReport extends Pick<Measurements, 'overall' | 'loudness' | 'stereoCorrelation' | 'diagnosis'> {
  file: string;
  format: ReportFormat;
  channels: ChannelReport[];
  /** The raw runs and overs, and the passages they merge into (in time order), one per finding. */
  clipping: Measurements['clipping'] & { passages: Passage[] };
  metadata: { bext?: BextMetadata; ixml?: IxmlMetadata; markers: Marker[]; info: Record<string, string> };
  /** The take's one suggested gain: from the settings' targets, or the rig's advice when the take belongs to a rig input. */
  suggestedGain: SuggestedGain;
  /** The RMS convention the rmsDbfs fields use. */
  rmsConvention: 'plain' | 'aes17';
  /** Everything worth flagging: the meters' findings, then the diagnosis's (same code and message; a quiet noise floor stays a figure). */
  findings: Finding[];
  /** Reader warnings (truncation repaired, odd chunks) as text, also turned into findings. */
  warnings: string[];
  /**
   * Why each null figure is null, by its path in this object ("channels[1].truePeakDbtp",
   * "loudness.integratedLufs"): digital silence, too short for the meter, not measured (--fast), or
   * samples too large to measure. Reports built by older versions lack it.
   */
  reasons?: Record<string, string>;
  /**
   * With a rig: the input the take was recorded through, what to change there, and the diagnosis
   * read against that input's chain (analog levels, the predicted noise floor).
   */
  rig?: {
    file: string;
    input: string;
    advice: AdviceLine[];
    /** The hardware change that delivers the suggested gain, as one sentence; null when none is needed or possible. */
    action: string | null;
    /** Whether a record gave the settings the take was recorded with, whether they differ from today's, and by how many dB that moves the take. */
    recorded: { fromRecord: boolean; changedSince: boolean; changeSinceDb: number | null };
    /** The chain diagnosis read against this input's chain. */
    diagnosis?: ChainDiagnosis[];
  };
}

/** A file that could not be analysed. Batches report it and carry on. */
export interface FailedTake {
  file: string;
  error: { code: string; message: string; offset?: number };
  findings: Finding[];
}

export type TakeResult = TakeReport | FailedTake;

export function isFailed(result: TakeResult): result is FailedTake {
  return 'error' in result;
}
