// The one hook between the analyser and the detectors: it builds the detectors a run asks for,
// hands each the analyser's blocks, and collects their findings in a stable order.

import type { PlanarBlock } from '../../wav/types';
import { BitDepthDetector } from './bitDepth';
import { ClickDetector } from './clicks';
import { ClippingDetector } from './clipping';
import { DropoutDetector } from './dropouts';
import { PolarityDetector } from './polarity';
import { RepeatDetector } from './repeats';
import { SpectrumDetector } from './spectrum';
import type { ChunkSummary } from '../chunks';
import type { Detector, DetectorContext, MetersForDiagnosis } from './types';
import { DETECTOR_IDS, type DetectorId, type Diagnosis } from './codes';

export * from './types';
export * from './codes';
export { reconcileDiagnosis, type ChainFacts, type ChainDiagnosis } from './chain';
export { isFinding } from './noise';

const FACTORIES: Record<DetectorId, (ctx: DetectorContext) => Detector> = {
  clipping: (ctx) => new ClippingDetector(ctx),
  'bit-depth': (ctx) => new BitDepthDetector(ctx),
  spectrum: (ctx) => new SpectrumDetector(ctx),
  dropouts: (ctx) => new DropoutDetector(ctx),
  repeats: (ctx) => new RepeatDetector(ctx),
  clicks: (ctx) => new ClickDetector(ctx),
  polarity: (ctx) => new PolarityDetector(ctx),
};

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

export class DiagnosisRunner {
  private readonly detectors: Detector[];

  constructor(ctx: DetectorContext, ids: 'all' | 'none' | readonly DetectorId[]) {
    const chosen = ids === 'all' ? DETECTOR_IDS : ids === 'none' ? [] : DETECTOR_IDS.filter((id) => ids.includes(id));
    this.detectors = chosen.map((id) => FACTORIES[id](ctx));
  }

  /** Whether any detector runs: only then does the analyser keep a chunk summary. */
  get active(): boolean {
    return this.detectors.length > 0;
  }

  /** `summary` describes the block's 64-sample chunks (the analyser's sample pass fills it). */
  process(block: PlanarBlock, summary: ChunkSummary): void {
    for (const d of this.detectors) d.process(block, summary);
  }

  /** Most severe first; within a severity, in detector order and each detector's own order. */
  finish(meters: MetersForDiagnosis): Diagnosis[] {
    const all = this.detectors.flatMap((d) => d.finish(meters));
    return all
      .map((d, i) => ({ d, i }))
      .sort((a, b) => SEVERITY_RANK[a.d.severity] - SEVERITY_RANK[b.d.severity] || a.i - b.i)
      .map(({ d }) => d);
  }
}
