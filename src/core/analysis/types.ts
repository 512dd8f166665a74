// Contract of the analysis core: a streaming analyser fed planar blocks, producing every meter in
// one pass. Values in dB are numbers, null for -infinity.

import type { LevelTargets } from '../gainstage/targets';
import type { DetectorId, Diagnosis } from './diagnosis/codes';
import type { LoudnessChannel } from './channelMap';

export type Db = number | null;

/** Stored clipping runs and overs are capped at this many; their counts keep going. */
export const MAX_EVENTS = 10000;

export interface AnalysisOptions {
  /**
   * Linear magnitude at or above which a sample counts as clipped; null (default) for the format's
   * own full-scale values (see clipLevels).
   */
  clipThreshold: number | null;
  /** Consecutive clipped samples that make a clipping run. Default 3 (Audacity's Find Clipping). */
  clipMinRun: number;
  /** 'plain': a full-scale sine reads -3.01 dBFS; 'aes17': +3.01 dB so it reads 0. */
  rmsConvention: 'plain' | 'aes17';
  /** The targets the take's suggested gain aims at (see gainstage/suggest.ts). */
  targets: LevelTargets;
  /**
   * 'all' (default) or 'sample': sample-domain meters only (peak, RMS, DC, clipping, noise floor,
   * correlation), without loudness and true peak, for quick scans. Skipped figures are null.
   */
  meters: 'all' | 'sample';
  /** Frames in the finest bucket of the peak pyramid. Default 256. */
  pyramidBaseBucket: number;
  /** Chain-diagnosis detectors to run with `meters: 'all'` (none run in sample-only mode). Default 'all'. */
  detectors: 'all' | 'none' | DetectorId[];
}

export interface StreamFormat {
  sampleRate: number;
  channels: number;
  /** Labels as the WAV reader gives them (FL, FR, FC, LFE, BL, BR, SL, SR, ...). */
  channelLabels: string[];
  /** Channel mask from the file, or null: the loudness channel map follows it (channelMap.ts). */
  channelMask: number | null;
  /** The loudness channel map, one per channel, when the caller knows better than the mask (as libebur128's ebur128_set_channel): a mono take meant for both speakers is ['dualMono']. */
  loudnessChannels?: LoudnessChannel[];
  encoding: 'pcm' | 'float';
  bitsPerSample: number;
  /** wValidBitsPerSample (24 of a 24-in-32 container); defaults to bitsPerSample. */
  validBitsPerSample?: number;
}

/** What the analyser needs of a WAV header's format. */
export function streamFormatOf(
  f: Pick<StreamFormat, 'sampleRate' | 'channels' | 'channelLabels' | 'channelMask' | 'encoding' | 'bitsPerSample' | 'validBitsPerSample'>,
): StreamFormat {
  return {
    sampleRate: f.sampleRate,
    channels: f.channels,
    channelLabels: f.channelLabels,
    channelMask: f.channelMask,
    encoding: f.encoding,
    bitsPerSample: f.bitsPerSample,
    validBitsPerSample: f.validBitsPerSample,
  };
}

export interface ChannelMeasurements {
  index: number;
  label: string;
  samplePeakDbfs: Db;
  /** Frame index of the first sample at the peak. */
  samplePeakFrame: number;
  truePeakDbtp: Db;
  rmsDbfs: Db;
  /** 50 ms windowed RMS extremes (same convention as rmsDbfs). */
  rmsWindowMaxDbfs: Db;
  rmsWindowMinDbfs: Db;
  crestFactorDb: Db;
  /** Mean as a fraction of full scale. */
  dcOffset: number;
  noiseFloorDbfs: Db;
  clippedSamples: number;
  /** Float files: samples with |x| > 1.0 (over full scale, not clipped). */
  overFullScaleSamples: number;
  /** Every sample exactly 0, or peak below the silence threshold. */
  silent: boolean;
  /** No 50 ms window above NEAR_SILENT_DBFS: stray LSBs, dither or denormals, no programme. */
  nearSilent: boolean;
  /** NaN and +-Inf samples (float files): each meter read them as 0 and the means left them out. */
  nonFiniteSamples: number;
  firstNonFiniteSeconds: number | null;
  /** K-weighting weight used for loudness (0 for LFE). */
  loudnessWeight: number;
}

export interface ClipEvent {
  channel: number;
  startFrame: number;
  startSeconds: number;
  durationSeconds: number;
  samples: number;
}

/** True peak above 0 dBTP where the sample peak stays below full scale. */
export interface OverEvent {
  channel: number;
  startSeconds: number;
  truePeakDbtp: number;
}

export interface LoudnessMeasurements {
  integratedLufs: Db;
  loudnessRangeLu: number | null;
  momentaryMaxLufs: Db;
  shortTermMaxLufs: Db;
  /** Time of the short-term maximum. */
  shortTermMaxSeconds: number | null;
}

/** min/max per bucket, per channel, at one zoom level. */
export interface PeakLevel {
  bucketFrames: number;
  /** channel -> interleaved [min0, max0, min1, max1, ...] */
  minMax: Float32Array[];
}

export interface TakeSeries {
  /** Finest level first; each next level merges pairs of buckets. */
  pyramid: PeakLevel[];
  /** Short-term loudness every 100 ms (LUFS; NaN below -70 / before 3 s). */
  shortTermLufs: Float32Array;
  shortTermStepSeconds: number;
  /** Momentary loudness every 100 ms (LUFS; NaN below -70). */
  momentaryLufs: Float32Array;
}

export interface Measurements {
  frames: number;
  durationSeconds: number;
  channels: ChannelMeasurements[];
  overall: {
    samplePeakDbfs: Db;
    truePeakDbtp: Db;
    /** RMS over all samples of all channels (sox's "Overall" column). */
    rmsDbfs: Db;
    /** dB from the true peak (or sample peak, whichever is higher) up to 0 dBFS. */
    headroomDb: Db;
    clippedSamples: number;
  };
  loudness: LoudnessMeasurements;
  clipping: { events: ClipEvent[]; overs: OverEvent[] };
  /** Pearson correlation of channel pairs 0/1 (stereo); null for mono or silence. */
  stereoCorrelation: number | null;
  /** What the chain-diagnosis detectors found (diagnosis/), most severe first. */
  diagnosis: Diagnosis[];
  series: TakeSeries;
}

/** What can be shown while the analysis is still running. */
export interface PartialMeasurements {
  framesDone: number;
  channels: Pick<ChannelMeasurements, 'index' | 'label' | 'samplePeakDbfs' | 'truePeakDbtp' | 'rmsDbfs' | 'clippedSamples'>[];
  momentaryMaxLufs: Db;
  shortTermMaxLufs: Db;
}
