// True peak per ITU-R BS.1770-4 Annex 2: the example 48-tap interpolator as 4 phases of 12 taps.
// Phase 3 is phase 0 reversed and phase 2 is phase 1 reversed.

const PHASE0 = [
  0.001708984375, 0.010986328125, -0.0196533203125, 0.033203125, -0.0594482421875, 0.1373291015625, 0.97216796875,
  -0.102294921875, 0.047607421875, -0.026611328125, 0.014892578125, -0.00830078125,
];
const PHASE1 = [
  -0.0291748046875, 0.029296875, -0.0517578125, 0.089111328125, -0.16650390625, 0.465087890625, 0.77978515625,
  -0.2003173828125, 0.1015625, -0.0582275390625, 0.0330810546875, -0.0189208984375,
];

export const TAPS = 12;

/**
 * Phases in evaluation order over a history window h[0..11] where h[11] is the newest sample:
 * output_p = sum_k phase_p[k] * h[11 - k].
 */
export function interpolatorPhases(factor: 1 | 2 | 4): Float64Array[] {
  const p0 = Float64Array.from(PHASE0);
  const p1 = Float64Array.from(PHASE1);
  const p2 = Float64Array.from([...PHASE1].reverse());
  const p3 = Float64Array.from([...PHASE0].reverse());
  if (factor === 4) return [p0, p1, p2, p3];
  // The half-sample position of a 4x interpolator is exactly a 2x interpolator.
  if (factor === 2) return [p0, p2];
  return [];
}

export function oversamplingFactor(sampleRate: number): 1 | 2 | 4 {
  if (sampleRate < 96000) return 4;
  if (sampleRate <= 192000) return 2;
  return 1;
}

/** Bound on |output| of any phase given max |input| over its window (used to skip work exactly). */
export function phaseGainBound(phases: Float64Array[]): number {
  let bound = 0;
  for (const p of phases) bound = Math.max(bound, p.reduce((s, t) => s + Math.abs(t), 0));
  return bound;
}
