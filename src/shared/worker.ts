// The analysis worker's channel: the pool's API as the extension host and the CLI see it, and the
// messages between the pool (src/worker/pool.ts) and its worker_threads workers (src/worker/worker.ts).
// Both sides validate what they receive: a malformed message is a bug we want reported, not a crash
// or a silent hang. Every request carries an id its replies repeat.

import type { FrameRange } from '../core/analyze';
import type { AnalysisOptions, PartialMeasurements, TakeSeries } from '../core/analysis/types';
import type { TakeResult } from '../core/report';
import type { WavHeader } from '../core/wav/types';
import { isCount, isObj } from './guards';

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

export type ToWorker =
  { type: 'analyze'; id: number; file: string; options: Partial<AnalysisOptions>; wantSeries: boolean; range?: FrameRange } | { type: 'cancel'; id: number };

export type FromWorker =
  | { type: 'header'; id: number; header: WavHeader }
  | { type: 'progress'; id: number; fraction: number; partial: PartialMeasurements }
  | { type: 'done'; id: number; result: TakeResult; series?: TakeSeries }
  | { type: 'cancelled'; id: number }
  | { type: 'failed'; id: number; message: string };

export function isToWorker(v: unknown): v is ToWorker {
  if (!isObj(v) || typeof v.id !== 'number') return false;
  if (v.type === 'cancel') return true;
  return (
    v.type === 'analyze' && typeof v.file === 'string' && isObj(v.options) && typeof v.wantSeries === 'boolean' && (v.range === undefined || isRange(v.range))
  );
}

function isRange(v: unknown): v is FrameRange {
  return isObj(v) && isCount(v.startFrame) && isCount(v.endFrame) && v.endFrame > v.startFrame;
}

export function isFromWorker(v: unknown): v is FromWorker {
  if (!isObj(v) || typeof v.id !== 'number') return false;
  switch (v.type) {
    case 'header':
      return isObj(v.header);
    case 'progress':
      return typeof v.fraction === 'number' && isObj(v.partial);
    case 'done':
      return isObj(v.result) && typeof v.result.file === 'string';
    case 'cancelled':
      return true;
    case 'failed':
      return typeof v.message === 'string';
    default:
      return false;
  }
}

/**
 * The buffers of a series' typed arrays, each once: the worker hands them over with its reply
 * instead of copying them (a 2-hour take's pyramid is tens of megabytes).
 */
export function seriesTransferList(series: TakeSeries | undefined): ArrayBuffer[] {
  if (!series) return [];
  const arrays = [...series.pyramid.flatMap((level) => level.minMax), series.shortTermLufs, series.momentaryLufs];
  return [...new Set(arrays.map((a) => a.buffer).filter((b): b is ArrayBuffer => b instanceof ArrayBuffer))];
}
