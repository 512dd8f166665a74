// Contract of the chain-diagnosis detectors: each is fed the analyser's planar blocks, keeps only
// bounded state, and at the end turns what it saw into findings (./codes.ts) that name the stage of
// the chain that went wrong.

import type { PlanarBlock } from '../../wav/types';
import type { ChunkSummary } from '../chunks';
import type { Measurements, StreamFormat } from '../types';
import type { DetectorId, Diagnosis } from './codes';

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
