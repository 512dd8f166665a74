// The meters' dB scale and colour classes. Pure (no DOM) so the figures are tested in Node.

import type { Db } from '../../core/analysis/types';

/** The meters show −60 … 0 dBFS: below −60 a take is far too quiet whatever the exact level. */
export const METER_FLOOR_DB = -60;
export const METER_CEIL_DB = 0;
/** Under 3 dB of headroom a level is hot, as the chain model calls a stage with less than 3 dB left. */
export const HOT_HEADROOM_DB = 3;

export type LevelClass = 'safe' | 'hot' | 'clipped';

/** Where a level sits on the meter, 0 (floor or silence) … 1 (0 dBFS or above). */
export function dbToFraction(db: Db, floor = METER_FLOOR_DB, ceil = METER_CEIL_DB): number {
  if (db === null || !(ceil > floor)) return 0;
  return Math.min(1, Math.max(0, (db - floor) / (ceil - floor)));
}

/**
 * safe / hot / clipped for a peak-type level: clipped at or above full scale (or when clipped
 * samples were found), hot above the ceiling or within 3 dB of full scale, whichever is lower.
 */
export function classifyLevel(db: Db, peakCeilingDbtp: number, clippedSamples = 0): LevelClass {
  if (clippedSamples > 0 || (db !== null && db >= 0)) return 'clipped';
  const hotFrom = Math.min(peakCeilingDbtp, -HOT_HEADROOM_DB);
  return db !== null && db > hotFrom ? 'hot' : 'safe';
}

/** dB left up to 0 dBFS; null for silence (no peak at all). Negative when over full scale. */
export function headroomToFullScale(db: Db): number | null {
  return db === null ? null : METER_CEIL_DB - db;
}

/** Scale ticks every `step` dB from the floor up to 0, as [dB, fraction] pairs. */
export function meterTicks(step = 6, floor = METER_FLOOR_DB): [number, number][] {
  const ticks: [number, number][] = [];
  for (let db = METER_CEIL_DB; db >= floor; db -= step) ticks.unshift([db, dbToFraction(db, floor)]);
  return ticks;
}

/** Label steps that divide the −60…0 scale, so the floor and 0 always carry a label. */
export const METER_LABEL_STEPS: readonly number[] = [6, 12, 20, 30, 60];

/**
 * The finest label step that leaves `minSpacingPx` between labels on a track `widthPx` wide; the
 * coarsest step (only −60 and 0) when even that does not fit.
 */
export function meterLabelStep(widthPx: number, minSpacingPx = 36, floor = METER_FLOOR_DB): number {
  const span = METER_CEIL_DB - floor;
  return METER_LABEL_STEPS.find((s) => (s / span) * widthPx >= minSpacingPx) ?? METER_LABEL_STEPS[METER_LABEL_STEPS.length - 1]!;
}
