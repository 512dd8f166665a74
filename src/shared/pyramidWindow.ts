// Which level of the peak pyramid to draw for a zoom window, the slice of it to send, and the
// min/max per pixel column. Pure: the host uses it to answer the view's window requests, the view
// to draw, and the tests to check exact buckets.

import type { PeakLevel, TakeSeries } from '../core/analysis/types';
import { MAX_OVERVIEW_BUCKETS, MAX_WINDOW_BUCKETS, type OverviewSeries, type PeakSlice } from './takeEditor';

export interface LevelInfo {
  bucketFrames: number;
  buckets: number;
}

/** A visible span of the take, in frames: [start, end). */
export interface FrameWindow {
  start: number;
  end: number;
}

export function levelInfo(level: PeakLevel): LevelInfo {
  return { bucketFrames: level.bucketFrames, buckets: (level.minMax[0]?.length ?? 0) / 2 };
}

/** Buckets of a level touched by frames [start, end), clamped to the level. */
export function bucketRange(level: LevelInfo, start: number, end: number): { first: number; end: number } {
  const first = Math.min(level.buckets, Math.max(0, Math.floor(start / level.bucketFrames)));
  const last = Math.min(level.buckets, Math.max(first, Math.ceil(end / level.bucketFrames)));
  return { first, end: last };
}

/**
 * The finest level (levels are finest first) that covers [start, end) with at most `maxBuckets`
 * buckets; the coarsest when none does. -1 when there are no levels.
 */
export function chooseLevel(levels: readonly LevelInfo[], start: number, end: number, maxBuckets: number): number {
  for (let i = 0; i < levels.length; i++) {
    const r = bucketRange(levels[i]!, start, end);
    if (r.end - r.first <= maxBuckets) return i;
  }
  return levels.length - 1;
}

/** The whole take at the finest level of at most `maxBuckets` buckets per channel. */
export function overviewLevel(levels: readonly LevelInfo[], maxBuckets: number): number {
  const i = levels.findIndex((l) => l.buckets <= maxBuckets);
  return i >= 0 ? i : levels.length - 1;
}

/** Copies of the buckets of `level` covering frames [start, end) (copies: the pyramid stays whole). */
export function sliceLevel(level: PeakLevel, start: number, end: number): PeakSlice {
  const r = bucketRange(levelInfo(level), start, end);
  return { bucketFrames: level.bucketFrames, startBucket: r.first, minMax: level.minMax.map((mm) => mm.slice(2 * r.first, 2 * r.end)) };
}

/** What the host sends of a take's series: bounded in size however long the take is. */
export function overviewSeries(series: TakeSeries, maxBuckets = MAX_OVERVIEW_BUCKETS): OverviewSeries {
  const levels = series.pyramid.map(levelInfo);
  const i = overviewLevel(levels, maxBuckets);
  const overview = i >= 0 ? sliceLevel(series.pyramid[i]!, 0, Number.MAX_SAFE_INTEGER) : { bucketFrames: 1, startBucket: 0, minMax: [] };
  return { levels, overview, shortTermLufs: series.shortTermLufs, stepSeconds: series.shortTermStepSeconds };
}

/** The answer to a zoom request: frames [start, end) from the finest level with at most `maxBuckets` (capped) buckets. */
export function windowSlice(pyramid: readonly PeakLevel[], start: number, end: number, maxBuckets: number): PeakSlice | null {
  if (!pyramid.length) return null;
  const i = chooseLevel(pyramid.map(levelInfo), start, end, Math.min(maxBuckets, MAX_WINDOW_BUCKETS));
  return sliceLevel(pyramid[i]!, start, end);
}

export interface Columns {
  min: Float32Array;
  max: Float32Array;
}

/**
 * Min and max of one channel per pixel column for frames [view.start, view.end) over `width`
 * columns. A column narrower than a bucket shows the bucket it starts in; NaN where the slice has
 * no data (outside it, or past the end of the take).
 */
export function columnsFromSlice(slice: PeakSlice, channel: number, view: FrameWindow, width: number): Columns {
  const min = new Float32Array(width).fill(NaN);
  const max = new Float32Array(width).fill(NaN);
  const mm = slice.minMax[channel];
  if (!mm || width <= 0 || !(view.end > view.start)) return { min, max };
  const count = mm.length / 2;
  const span = (view.end - view.start) / width;
  for (let c = 0; c < width; c++) {
    const f0 = view.start + c * span;
    const f1 = f0 + span;
    const b0 = Math.floor(f0 / slice.bucketFrames) - slice.startBucket;
    const b1 = Math.max(b0 + 1, Math.ceil(f1 / slice.bucketFrames) - slice.startBucket);
    let lo = Infinity;
    let hi = -Infinity;
    for (let b = Math.max(0, b0); b < Math.min(count, b1); b++) {
      lo = Math.min(lo, mm[2 * b]!);
      hi = Math.max(hi, mm[2 * b + 1]!);
    }
    if (lo <= hi) {
      min[c] = lo;
      max[c] = hi;
    }
  }
  return { min, max };
}

/** True when the slice holds every bucket [view.start, view.end) needs at its resolution. */
export function sliceCovers(slice: PeakSlice, view: FrameWindow, totalFrames: number): boolean {
  const count = (slice.minMax[0]?.length ?? 0) / 2;
  const first = Math.floor(view.start / slice.bucketFrames);
  const last = Math.ceil(Math.min(view.end, totalFrames) / slice.bucketFrames);
  return first >= slice.startBucket && last <= slice.startBucket + count;
}

/** Zooms by `factor` (< 1 zooms in) keeping `anchor` (a frame) at the same place on screen. */
export function zoomWindow(view: FrameWindow, factor: number, anchor: number, totalFrames: number, minSpan: number): FrameWindow {
  const span = view.end - view.start;
  const next = Math.min(totalFrames, Math.max(Math.min(minSpan, totalFrames), span * factor));
  const ratio = span > 0 ? (anchor - view.start) / span : 0.5;
  return clampWindow({ start: anchor - ratio * next, end: anchor - ratio * next + next }, totalFrames);
}

/** Moves the window by `delta` frames, never past either end of the take. */
export function panWindow(view: FrameWindow, delta: number, totalFrames: number): FrameWindow {
  return clampWindow({ start: view.start + delta, end: view.end + delta }, totalFrames);
}

/** Centres the window on a frame, keeping its span. */
export function centreWindow(view: FrameWindow, frame: number, totalFrames: number): FrameWindow {
  const span = view.end - view.start;
  return clampWindow({ start: frame - span / 2, end: frame + span / 2 }, totalFrames);
}

export function clampWindow(view: FrameWindow, totalFrames: number): FrameWindow {
  const span = Math.min(Math.max(0, view.end - view.start), totalFrames);
  const start = Math.min(Math.max(0, view.start), totalFrames - span);
  return { start, end: start + span };
}

/**
 * The sample peak (linear, the largest |x| of any channel) of frames [start, end) when the finest
 * level settles it: the buckets wholly inside give a lower bound, the ones the edges cut into an
 * upper one, and equal bounds are the exact peak. Undefined when they differ (the worker measures
 * the selection then) or when no bucket lies wholly inside.
 */
export function exactPeakFromLevel(level: PeakLevel, start: number, end: number, totalFrames: number): number | undefined {
  const B = level.bucketFrames;
  const buckets = (level.minMax[0]?.length ?? 0) / 2;
  const first = Math.ceil(start / B);
  // The take's last bucket may be short: it is wholly inside when the range reaches the end.
  const last = end >= totalFrames ? buckets : Math.min(buckets, Math.floor(end / B));
  if (last <= first) return undefined;
  const peakOf = (b: number) => level.minMax.reduce((m, mm) => Math.max(m, Math.abs(mm[2 * b]!), Math.abs(mm[2 * b + 1]!)), 0);
  let lower = 0;
  for (let b = first; b < last; b++) lower = Math.max(lower, peakOf(b));
  let upper = lower;
  if (first > 0 && start % B !== 0) upper = Math.max(upper, peakOf(first - 1));
  if (last < buckets && end < totalFrames && end % B !== 0) upper = Math.max(upper, peakOf(last));
  return upper === lower ? lower : undefined;
}
