// Contract of the chain-diagnosis detectors: each is fed the analyser's planar blocks, keeps only
// bounded state, and at the end turns what it saw into findings that name the stage of the chain
// that went wrong. Codes are a public contract (CLI JSON `diagnosis[].code`).

import type { PlanarBlock } from '../../wav/types';
import type { ChunkSummary } from '../chunks';
import type { Measurements, StreamFormat } from '../types';

export const DIAGNOSIS_CODES = [
  'analog-clipping',
  'clipped-then-lowered',
  'reduced-bit-depth',
  'band-limited',
  'dropout',
  'repeated-buffer',
  'click',
  'hum',
  'polarity-inverted',
  'phase-cancellation',
  'noise-floor',
] as const;
export type DiagnosisCode = (typeof DIAGNOSIS_CODES)[number];

export function isDiagnosisCode(code: string): code is DiagnosisCode {
  return (DIAGNOSIS_CODES as readonly string[]).includes(code);
}

/** Where in the chain the cause most likely sits. */
export type ChainStage = 'source' | 'cabling' | 'preamp' | 'converter' | 'interface' | 'daw';

export type DiagnosisUnit = 'dBFS' | 'bits' | 'Hz' | 'samples' | 'correlation' | 'events';

export interface Diagnosis {
  code: DiagnosisCode;
  severity: 'error' | 'warning' | 'info';
  stage: ChainStage;
  /** The measured figure the finding rests on, in `unit` (e.g. the plateau level in dBFS). */
  value: number;
  unit: DiagnosisUnit;
  message: string;
  /** Absent when the finding concerns every channel. */
  channel?: number;
  startSeconds?: number;
  durationSeconds?: number;
  /** How many events (plateaus, dropouts, clicks…) the finding sums up. */
  count?: number;
}

/** The detectors a run uses; each id names one module and one line of the benchmark. */
export const DETECTOR_IDS = ['clipping', 'bit-depth', 'spectrum', 'dropouts', 'repeats', 'clicks', 'polarity'] as const;
export type DetectorId = (typeof DETECTOR_IDS)[number];

export interface DetectorContext {
  format: StreamFormat;
  /** Linear level the analyser counts as full scale (digital clipping is its business, not ours). */
  clipThreshold: number;
  /** dB the meters' RMS figures carry above the plain convention (3.01 for AES17, else 0). */
  rmsOffsetDb: number;
}

/** What the detectors can read at the end: the meters of the same pass, without diagnosis. */
export type MetersForDiagnosis = Omit<Measurements, 'diagnosis' | 'series'>;

export interface Detector {
  readonly id: DetectorId;
  /** `block.startFrame` is the block's first frame in the take; `summary` describes its 64-sample chunks. */
  process(block: PlanarBlock, summary: ChunkSummary): void;
  finish(meters: MetersForDiagnosis): Diagnosis[];
}
