// Messages between the pool and its worker_threads workers. Both sides validate what they receive:
// a malformed message is a bug we want reported, not a crash or a silent hang.

import type { FrameRange } from '../core/analyze';
import type { AnalysisOptions, PartialMeasurements, TakeSeries } from '../core/analysis/types';
import type { TakeResult } from '../core/report';
import type { WavHeader } from '../core/wav/types';

export type ToWorker =
  | { type: 'analyze'; id: number; file: string; options: Partial<AnalysisOptions>; wantSeries: boolean; range?: FrameRange }
  | { type: 'cancel'; id: number };

export type FromWorker =
  | { type: 'header'; id: number; header: WavHeader }
  | { type: 'progress'; id: number; fraction: number; partial: PartialMeasurements }
  | { type: 'done'; id: number; result: TakeResult; series?: TakeSeries }
  | { type: 'cancelled'; id: number }
  | { type: 'failed'; id: number; message: string };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

export function isToWorker(v: unknown): v is ToWorker {
  if (!isObject(v) || typeof v.id !== 'number') return false;
  if (v.type === 'cancel') return true;
  return v.type === 'analyze' && typeof v.file === 'string' && isObject(v.options) && typeof v.wantSeries === 'boolean' && (v.range === undefined || isRange(v.range));
}

function isRange(v: unknown): v is FrameRange {
  const whole = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  return isObject(v) && whole(v.startFrame) && whole(v.endFrame) && (v.endFrame as number) > (v.startFrame as number);
}

export function isFromWorker(v: unknown): v is FromWorker {
  if (!isObject(v) || typeof v.id !== 'number') return false;
  switch (v.type) {
    case 'header':
      return isObject(v.header);
    case 'progress':
      return typeof v.fraction === 'number' && isObject(v.partial);
    case 'done':
      return isObject(v.result) && typeof v.result.file === 'string';
    case 'cancelled':
      return true;
    case 'failed':
      return typeof v.message === 'string';
    default:
      return false;
  }
}
