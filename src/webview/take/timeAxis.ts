// Time-axis ticks shared by the waveform and the loudness chart: ticks at round steps, and one
// label format per zoom level (never "0:00.500" beside "0:01"). Pure, tested in Node.

import { formatTime } from '../../core/format';

/** Tick steps in seconds: 1-2-5 below a second, then the steps a clock face uses. */
export const TIME_STEPS: readonly number[] = [
  0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200,
];

/**
 * The smallest round step whose ticks leave room for their own labels: `labelPx(step)` is the width
 * of the widest label in that step's format (finer steps need more decimals, so wider labels).
 */
export function labelledTimeStep(spanSeconds: number, widthPx: number, labelPx: (step: number) => number, gapPx: number): number {
  const fits = (s: number) => (s / spanSeconds) * widthPx >= labelPx(s) + gapPx;
  return TIME_STEPS.find(fits) ?? TIME_STEPS[TIME_STEPS.length - 1]!;
}

/** Decimals a tick label needs so that ticks `step` apart all read differently: 0, 1, 2 or 3. */
export function stepDecimals(step: number): number {
  for (let d = 0; d < 3; d++) {
    const scaled = step * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-6) return d;
  }
  return 3;
}

/** The labels for ticks `step` apart: one format for the whole axis. */
export function tickLabels(ticks: readonly number[], step: number): string[] {
  const d = stepDecimals(step);
  return ticks.map((t) => formatTime(Math.max(0, t), d));
}

/** Tick times from the first multiple of `step` at or after `start` up to `end`, free of float drift. */
export function tickTimes(start: number, end: number, step: number): number[] {
  const out: number[] = [];
  const first = Math.ceil(start / step - 1e-9);
  for (let i = first; i * step <= end + 1e-9; i++) out.push(Number((i * step).toFixed(6)));
  return out;
}
