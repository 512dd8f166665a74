// The short-term loudness chart's data: times, values with gaps where the meter had nothing to say
// (NaN: below −70 LUFS or the first 3 s), the target line and the y range. Pure, tested in Node.

/** Without a target setting, the chart shows EBU R128's programme level as a reference. */
export const REFERENCE_LUFS = -23;

export interface LoudnessSeries {
  times: number[];
  shortTerm: (number | null)[];
  target: number[];
  targetLufs: number;
  targetLabel: string;
  yMin: number;
  yMax: number;
}

export function loudnessSeries(shortTerm: Float32Array, stepSeconds: number, targetLufs: number | null): LoudnessSeries {
  const n = shortTerm.length;
  const times = new Array<number>(n);
  const values = new Array<number | null>(n);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    // The value at i covers the block ending at (i + 1) steps.
    times[i] = Math.round((i + 1) * stepSeconds * 1000) / 1000;
    const v = shortTerm[i]!;
    if (Number.isFinite(v)) {
      values[i] = v;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    } else values[i] = null;
  }
  const line = targetLufs ?? REFERENCE_LUFS;
  lo = Math.min(lo, line);
  hi = Math.max(hi, line);
  return {
    times,
    shortTerm: values,
    target: new Array<number>(n).fill(line),
    targetLufs: line,
    targetLabel: targetLufs === null ? `Reference ${REFERENCE_LUFS} LUFS (EBU R128; no target set)` : `Target ${targetLufs} LUFS`,
    // Whole 6 dB steps with a margin, so the line never sits on the frame.
    yMin: Math.floor((lo - 3) / 6) * 6,
    // (+ 0 turns a −0 from ceil into 0 for the axis labels.)
    yMax: Math.min(0, Math.ceil((hi + 3) / 6) * 6) + 0,
  };
}
