// What the extension host and the CLI see of the worker pool. The wire protocol between pool and
// workers (src/worker/protocol.ts) is private to src/worker/.

import type { AnalysisOptions, PartialMeasurements, TakeSeries } from '../core/analysis/types';
import type { WavHeader } from '../core/wav/types';
import type { FrameRange } from '../core/analyze';
import type { TakeResult } from '../core/report';

export interface AnalyzeRequest {
  file: string;
  options?: Partial<AnalysisOptions>;
  /** Also return the display series (peak pyramid, loudness over time). */
  wantSeries?: boolean;
  /** Only these frames (a selection): the report is that stretch's. */
  range?: FrameRange;
}

export interface AnalyzeProgress {
  file: string;
  /** 0..1 */
  fraction: number;
  /** Set once the header is parsed: lets a view show format facts at once. */
  header?: WavHeader;
  /** Running figures, so a view can show results before the analysis ends. */
  partial?: PartialMeasurements;
}

export interface AnalyzeOutcome {
  result: TakeResult;
  series?: TakeSeries;
}

export interface AnalyzeHandlers {
  /** Throttled (at most ~10 per second per file). */
  onProgress?: (progress: AnalyzeProgress) => void;
  signal?: AbortSignal;
}

export interface AnalysisPool {
  /**
   * Never rejects for a bad file: an unreadable take resolves to a FailedTake. Rejects only with
   * an AbortError when `signal` aborts (the worker stops within 100 ms) or when the pool is disposed.
   */
  analyze(request: AnalyzeRequest, handlers?: AnalyzeHandlers): Promise<AnalyzeOutcome>;
  readonly size: number;
  dispose(): Promise<void>;
}
