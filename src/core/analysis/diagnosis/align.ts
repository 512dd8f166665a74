// Across takes of one source (two mics on one drum, a DI and an amp mic): the best-lag
// cross-correlation of the two, its sign and the delay. The loudest stretch of the first take is
// compared with the second at every lag up to ±maxLagMs; only that stretch is kept in memory.

import { formatTime } from '../../format';
import type { OpenWav } from '../../analyze';
import type { PlanarBlock } from '../../wav/types';

export const alignThresholds = {
  /** Takes whose best |correlation| is below this are not of one source (or too far apart). */
  minCorrelation: 0.3,
  /** Delays shorter than this (ms) are one mic position: only the polarity is worth a word. */
  minDelayMs: 0.05,
};

/** Speed of sound at 20 °C, for the delay as a distance. */
const SOUND_M_PER_S = 343;
/** Samples of the first take compared (its loudest stretch). */
const EXCERPT = 8192;

export interface Alignment {
  /** Correlation at the best lag (−1…1); negative: the second take is out of polarity. */
  correlation: number;
  /** Delay of the second take behind the first (ms, negative: ahead), interpolated between samples. */
  delayMs: number;
  /** That delay as a distance at the speed of sound (cm). */
  distanceCm: number;
  /** Where in the first take the compared stretch starts. */
  startSeconds: number;
  /** Whether the correlation is strong enough to call the takes one source. */
  related: boolean;
  message: string;
}

/**
 * Aligns two mono signals: `b` is searched at lags −maxLag…+maxLag around `a`'s stretch
 * [from, from + length). Returns the best normalised correlation and its (sub-sample) lag.
 */
export function bestLag(a: Float64Array, b: Float64Array, from: number, length: number, maxLag: number): { correlation: number; lag: number } {
  let ea = 0;
  for (let i = from; i < from + length; i++) ea += a[i]! * a[i]!;
  const r = new Float64Array(2 * maxLag + 1);
  let best = 0;
  for (let k = -maxLag; k <= maxLag; k++) {
    let s = 0;
    let eb = 0;
    for (let i = from; i < from + length; i++) {
      const j = i + k;
      const v = j >= 0 && j < b.length ? b[j]! : 0;
      s += a[i]! * v;
      eb += v * v;
    }
    const c = ea > 0 && eb > 0 ? s / Math.sqrt(ea * eb) : 0;
    r[k + maxLag] = c;
    if (Math.abs(c) > Math.abs(r[best]!)) best = k + maxLag;
  }
  // Parabola through the peak and its neighbours (on |r|) for the fraction of a sample.
  let frac = 0;
  if (best > 0 && best < r.length - 1) {
    const [y0, y1, y2] = [Math.abs(r[best - 1]!), Math.abs(r[best]!), Math.abs(r[best + 1]!)];
    const d = y0 - 2 * y1 + y2;
    if (d < 0) frac = (0.5 * (y0 - y2)) / d;
  }
  return { correlation: r[best]!, lag: best - maxLag + frac };
}

export function describeAlignment(aName: string, bName: string, correlation: number, delayMs: number, startSeconds: number): Alignment {
  const distanceCm = (Math.abs(delayMs) / 1000) * SOUND_M_PER_S * 100;
  const related = Math.abs(correlation) >= alignThresholds.minCorrelation;
  const at = `compared from ${formatTime(startSeconds)}`;
  let message: string;
  if (!related) {
    message = `${bName} and ${aName} do not look like one source (best correlation ${correlation.toFixed(2)} within the lags searched, ${at}).`;
  } else {
    const inverted = correlation < 0;
    const timing =
      Math.abs(delayMs) < alignThresholds.minDelayMs
        ? 'time-aligned with'
        : `${Math.abs(delayMs).toFixed(1)} ms (${distanceCm.toFixed(0)} cm) ${delayMs > 0 ? 'behind' : 'ahead of'}`;
    message = inverted
      ? `${bName} is out of polarity with ${aName} and ${timing} it (correlation ${correlation.toFixed(2)}, ${at}): flip its polarity${Math.abs(delayMs) >= alignThresholds.minDelayMs ? ' and slide it into time' : ''}, or the two cancel when mixed.`
      : `${bName} is in polarity with ${aName} and ${timing} it (correlation ${correlation.toFixed(2)}, ${at})${Math.abs(delayMs) >= alignThresholds.minDelayMs ? ': slide it into time to avoid comb filtering when mixed' : ''}.`;
  }
  return {
    correlation: Math.round(correlation * 1000) / 1000,
    delayMs: Math.round(delayMs * 100) / 100,
    distanceCm: Math.round(distanceCm),
    startSeconds,
    related,
    message,
  };
}

/** Mono mix of a block into `out` at `offset` (only the frames in [from, to) of the take). */
function collect(block: PlanarBlock, out: Float64Array, from: number, to: number): void {
  const s = Math.max(from, block.startFrame);
  const e = Math.min(to, block.startFrame + block.frames);
  const C = block.channels.length;
  for (let f = s; f < e; f++) {
    let v = 0;
    for (let c = 0; c < C; c++) v += block.channels[c]![f - block.startFrame]!;
    out[f - from] = v / C;
  }
}

/** Reads frames [from, to) of a take as a mono mix. */
async function readStretch(openWav: OpenWav, file: string, from: number, to: number): Promise<{ x: Float64Array; sampleRate: number }> {
  const reader = await openWav(file);
  try {
    const x = new Float64Array(Math.max(0, to - from));
    for await (const block of reader.blocks()) {
      if (block.startFrame >= to) break;
      collect(block, x, from, to);
    }
    return { x, sampleRate: reader.header.format.sampleRate };
  } finally {
    await reader.close();
  }
}

/** Start of the loudest EXCERPT-frame stretch of a take (mono mix), by energy per 1024-frame step. */
async function loudestStretch(openWav: OpenWav, file: string): Promise<{ start: number; frames: number; sampleRate: number }> {
  const reader = await openWav(file);
  try {
    const step = 1024;
    const energies: number[] = [];
    let acc = 0;
    let fill = 0;
    for await (const block of reader.blocks()) {
      const C = block.channels.length;
      for (let f = 0; f < block.frames; f++) {
        let v = 0;
        for (let c = 0; c < C; c++) v += block.channels[c]![f]!;
        acc += v * v;
        if (++fill === step) {
          energies.push(acc);
          acc = 0;
          fill = 0;
        }
      }
    }
    const per = EXCERPT / step;
    let best = 0;
    let bestE = -1;
    for (let i = 0; i + per <= energies.length; i++) {
      let e = 0;
      for (let k = 0; k < per; k++) e += energies[i + k]!;
      if (e > bestE) {
        bestE = e;
        best = i;
      }
    }
    return { start: best * step, frames: reader.header.format.frames, sampleRate: reader.header.format.sampleRate };
  } finally {
    await reader.close();
  }
}

/** Compares two takes of one source: polarity and delay of `second` against `first`. */
export async function alignTakes(openWav: OpenWav, first: string, second: string, names: [string, string], maxLagMs = 20): Promise<Alignment> {
  const loud = await loudestStretch(openWav, first);
  const maxLag = Math.round((maxLagMs / 1000) * loud.sampleRate);
  const length = Math.min(EXCERPT, loud.frames);
  const a = await readStretch(openWav, first, loud.start, loud.start + length);
  const b = await readStretch(openWav, second, loud.start - maxLag, loud.start + length + maxLag);
  if (b.sampleRate !== loud.sampleRate)
    throw new Error(`${names[1]} is at ${b.sampleRate} Hz and ${names[0]} at ${loud.sampleRate} Hz: takes of one source share a rate`);
  // `b` starts maxLag frames before `a`'s stretch: lag k in b's coordinates is k + maxLag.
  const padded = new Float64Array(length + 2 * maxLag);
  padded.set(a.x, maxLag);
  const { correlation, lag } = bestLag(padded, b.x, maxLag, length, maxLag);
  return describeAlignment(names[0], names[1], correlation, (lag / loud.sampleRate) * 1000, loud.start / loud.sampleRate);
}
