// Clipping that happened before the file was written, below full scale, so the sample-level
// clipping meter (runs at 0 dBFS) cannot see it:
// - analog-clipping: an analog stage (preamp, insert, the converter's input) flattened the tops and
//   the converter's filter and noise followed, so the tops are flat but not identical: many
//   half-cycles whose top is flat, all at one level near the take's peak.
// - clipped-then-lowered: a digital clip turned down afterwards: runs of bit-identical samples at
//   the take's peak level, entered and left with a real slope.
// Only stretches that reach near the running peak are looked at sample by sample.

import type { PlanarBlock } from '../../wav/types';
import { formatTime } from '../../format';
import { CHUNK, type ChunkSummary } from '../chunks';
import type { Detector, DetectorContext, MetersForDiagnosis } from './types';
import type { Diagnosis } from './codes';

export const clippingThresholds = {
  /** Stretches below this fraction of the running peak are skipped (−8 dB). */
  gate: 0.4,
  /** Samples within this many dB of a half-cycle's top make its flat top… */
  topDb: 1,
  /** …and those within this many dB its shoulders; a smooth peak has flat/shoulder ≈ 0.45 (sine). */
  shoulderDb: 6,
  /** A half-cycle is flat-topped when flat/shoulder samples reach this (a sine clipped by 1.5 dB: 0.64). */
  flatRatio: 0.6,
  /** Fewer shoulder samples than this cannot show a shape (high-frequency half-cycles). */
  minShoulder: 6,
  /** Flat-topped half-cycles at one level (a 0.5 dB window) that make a finding… */
  minFlat: 8,
  /**
   * …and the share of the half-cycles topping out in that window they must be: in programme (whose
   * peaks spread out under the window) a clip flattens only the half-cycles it cuts deep, so a small
   * share; a steady tone piles up there unclipped, so it must be mostly flat.
   */
  minFlatShare: 0.1,
  toneFlatShare: 0.5,
  /** Half-cycles pile up in that window: its fullest 0.1 dB holds this many times as many as the average 0.1 dB of the 3 dB under it (the histogram's edge)… */
  pileUp: 4,
  /** …and hardly any go past it (a ceiling): at most this share of the window's. */
  maxAbove: 0.2,
  /** Identical-sample plateaus at the peak level that make a finding. */
  minPlateaus: 5,
  /** Plateaus closer than this to full scale (dB) were not lowered: the clipping meter reports them. */
  minLoweredDb: 0.1,
  /** A plateau is entered and left with a step of at least this fraction of its level (a real slope, not a slow peak on a coarse grid). */
  plateauEdge: 0.003,
};

const MAX_EXCURSION = 8192;
/** Level histogram of half-cycle tops: 0.1 dB bins from −40 dBFS to +0.5 dBFS. */
const BIN_MIN_DB = -40;
const BINS = 405;
const MAX_PLATEAU_LEVELS = 4096;

interface Plateaus {
  runs: number;
  first: number;
  last: number;
}

class ChannelState {
  peak = 0;
  // the half-cycle being followed: |x| of its samples above the gate
  readonly exc = new Float32Array(MAX_EXCURSION);
  excLen = 0;
  excSign = 0;
  excStart = 0;
  readonly tops = new Uint32Array(BINS);
  readonly flat = new Uint32Array(BINS);
  readonly flatLevelSum = new Float64Array(BINS);
  readonly flatFirst = new Float64Array(BINS).fill(Infinity);
  readonly flatLast = new Float64Array(BINS).fill(-Infinity);
  // identical runs
  prev = NaN;
  before = NaN;
  runLen = 0;
  runStart = 0;
  readonly plateaus = new Map<number, Plateaus>();
}

export class ClippingDetector implements Detector {
  readonly id = 'clipping' as const;
  private readonly ch: ChannelState[];
  private readonly topRatio = 10 ** (-clippingThresholds.topDb / 20);
  private readonly shoulderRatio = 10 ** (-clippingThresholds.shoulderDb / 20);

  constructor(private readonly ctx: DetectorContext) {
    this.ch = Array.from({ length: ctx.format.channels }, () => new ChannelState());
  }

  process(block: PlanarBlock, summary: ChunkSummary): void {
    for (let c = 0; c < this.ch.length; c++) this.scan(this.ch[c]!, block.channels[c]!, block.frames, block.startFrame, summary.maxAbs[c]!);
  }

  private scan(c: ChannelState, x: Float32Array, n: number, start: number, chunkMax: Float32Array): void {
    const gateRatio = clippingThresholds.gate;
    for (let i = 0, k = 0; i < n; i += CHUNK, k++) {
      const end = Math.min(n, i + CHUNK);
      const mx = chunkMax[k]!;
      if (mx > c.peak) c.peak = mx;
      const gate = gateRatio * c.peak;
      if (mx < gate) {
        // Nothing near the top here: whatever was being followed ended at this chunk's edge.
        if (c.excLen > 0) this.closeExcursion(c);
        if (c.runLen > 0) this.closeRun(c, mx);
        c.prev = NaN;
        continue;
      }
      for (let j = i; j < end; j++) {
        const v = x[j]!;
        const a = v < 0 ? -v : v;
        const sign = v < 0 ? -1 : 1;
        if (a >= gate && (c.excLen === 0 || sign === c.excSign)) {
          if (c.excLen === 0) {
            c.excSign = sign;
            c.excStart = start + j;
          }
          if (c.excLen < MAX_EXCURSION) c.exc[c.excLen] = a;
          c.excLen++;
        } else if (c.excLen > 0) {
          this.closeExcursion(c);
          if (a >= gate) {
            c.excSign = sign;
            c.excStart = start + j;
            c.exc[0] = a;
            c.excLen = 1;
          }
        }
        if (v === c.prev) {
          if (c.runLen === 0) c.runStart = start + j - 1;
          c.runLen++;
        } else {
          if (c.runLen > 0) this.closeRun(c, v);
          c.before = c.prev;
          c.prev = v;
        }
      }
    }
  }

  private closeExcursion(c: ChannelState): void {
    const len = c.excLen;
    c.excLen = 0;
    if (len > MAX_EXCURSION) return;
    const a = c.exc;
    let top = 0;
    for (let i = 0; i < len; i++) if (a[i]! > top) top = a[i]!;
    if (top >= this.ctx.clipThreshold) return;
    const flatAt = top * this.topRatio;
    const shoulderAt = top * this.shoulderRatio;
    let nFlat = 0;
    let nShoulder = 0;
    let flatSum = 0;
    for (let i = 0; i < len; i++) {
      const v = a[i]!;
      if (v >= shoulderAt) nShoulder++;
      if (v >= flatAt) {
        nFlat++;
        flatSum += v;
      }
    }
    if (nShoulder < clippingThresholds.minShoulder) return;
    const flat = nFlat / nShoulder >= clippingThresholds.flatRatio;
    // A flat top's level is its mean (the filter's ripple rides on it); a peak's is its top.
    const level = flat ? flatSum / nFlat : top;
    const bin = Math.floor((20 * Math.log10(level) - BIN_MIN_DB) * 10);
    if (bin < 0 || bin >= BINS) return;
    c.tops[bin]!++;
    if (flat) {
      c.flat[bin]!++;
      c.flatLevelSum[bin]! += level;
      c.flatFirst[bin] = Math.min(c.flatFirst[bin]!, c.excStart);
      c.flatLast[bin] = Math.max(c.flatLast[bin]!, c.excStart + len);
    }
  }

  /** A run of identical samples ended at the sample `after`. */
  private closeRun(c: ChannelState, after: number): void {
    const v = c.prev;
    const level = Math.abs(v);
    const samples = c.runLen + 1;
    c.runLen = 0;
    if (samples < 3 || level < clippingThresholds.gate * c.peak) return;
    const edge = clippingThresholds.plateauEdge * level;
    if (!(Math.abs(c.before - v) > edge) || !(Math.abs(after - v) > edge)) return;
    const p = c.plateaus.get(level);
    if (p) {
      p.runs++;
      p.last = c.runStart + samples;
    } else if (c.plateaus.size < MAX_PLATEAU_LEVELS) {
      c.plateaus.set(level, { runs: 1, first: c.runStart, last: c.runStart + samples });
    }
  }

  finish(m: MetersForDiagnosis): Diagnosis[] {
    const out: Diagnosis[] = [];
    const sr = this.ctx.format.sampleRate;
    this.ch.forEach((c, index) => {
      if (c.excLen > 0) this.closeExcursion(c);
      if (c.runLen > 0) this.closeRun(c, NaN);
      const label = m.channels[index]?.label ?? `channel ${index + 1}`;
      const lowered = this.plateauFinding(c, index, label, sr);
      if (lowered) {
        out.push(lowered);
        return;
      }
      const flat = this.flatTopFinding(c, index, label, sr);
      if (flat) out.push(flat);
    });
    return out;
  }

  private plateauFinding(c: ChannelState, channel: number, label: string, sr: number): Diagnosis | null {
    let best: [number, Plateaus] | null = null;
    for (const [level, p] of c.plateaus) if (!best || p.runs > best[1].runs) best = [level, p];
    if (!best) return null;
    const [level, p] = best;
    // The plateaus are the take's top: nothing went past the clip, only the gain after it moved it.
    if (p.runs < clippingThresholds.minPlateaus || level < c.peak * 10 ** (-0.05 / 20)) return null;
    const db = 20 * Math.log10(level);
    // Plateaus at full scale are the clipping meter's; this is about a level that was moved after.
    if (db > -clippingThresholds.minLoweredDb) return null;
    return {
      code: 'clipped-then-lowered',
      severity: 'error',
      stage: 'converter',
      value: round2(db),
      unit: 'dBFS',
      channel,
      startSeconds: p.first / sr,
      durationSeconds: (p.last - p.first) / sr,
      count: p.runs,
      message: `Clipped upstream, then lowered by ${(-db).toFixed(1)} dB: ${plural(p.runs, 'plateau')} of identical samples at ${db.toFixed(1)} dBFS on ${label} from ${formatTime(p.first / sr)} to ${formatTime(p.last / sr)}. The damage is in the take: re-record with less gain.`,
    };
  }

  private flatTopFinding(c: ChannelState, channel: number, label: string, sr: number): Diagnosis | null {
    if (c.peak === 0) return null;
    const peakBin = Math.floor((20 * Math.log10(c.peak) - BIN_MIN_DB) * 10);
    const t = clippingThresholds;
    // The window of ±0.25 dB with the most flat tops, no more than 2 dB under the peak (a filter's
    // overshoot after the clip can put the peak above the plateau, not further).
    let bestLo = -1;
    let bestFlat = 0;
    for (let lo = Math.max(0, peakBin - 20); lo <= Math.min(BINS - 5, peakBin); lo++) {
      let f = 0;
      for (let b = lo; b < lo + 5; b++) f += c.flat[b]!;
      if (f > bestFlat) {
        bestFlat = f;
        bestLo = lo;
      }
    }
    if (bestFlat < t.minFlat) return null;
    let inWindow = 0;
    let tallest = 0;
    for (let b = bestLo; b < bestLo + 5; b++) {
      inWindow += c.tops[b]!;
      tallest = Math.max(tallest, c.tops[b]!);
    }
    let under = 0;
    for (let b = Math.max(0, bestLo - 30); b < bestLo; b++) under += c.tops[b]!;
    let above = 0;
    for (let b = bestLo + 5; b < BINS; b++) above += c.tops[b]!;
    const pile = tallest >= t.pileUp * Math.max(under / 30, 0.5);
    const share = under > 0 ? t.minFlatShare : t.toneFlatShare;
    if (bestFlat < share * inWindow || !pile || above > t.maxAbove * inWindow) return null;
    let sum = 0;
    let first = Infinity;
    let last = -Infinity;
    for (let b = bestLo; b < bestLo + 5; b++) {
      sum += c.flatLevelSum[b]!;
      first = Math.min(first, c.flatFirst[b]!);
      last = Math.max(last, c.flatLast[b]!);
    }
    const db = 20 * Math.log10(sum / bestFlat);
    return {
      code: 'analog-clipping',
      severity: 'error',
      stage: 'preamp',
      value: round2(db),
      unit: 'dBFS',
      channel,
      startSeconds: first / sr,
      durationSeconds: (last - first) / sr,
      count: bestFlat,
      message: `Flattened tops at ${db.toFixed(1)} dBFS on ${label}: ${plural(bestFlat, 'half-cycle')} from ${formatTime(first / sr)} to ${formatTime(last / sr)} flat but not identical, so an analog stage clipped before the converter (the preamp's output, an insert, or the converter's input). Lower the preamp gain, or pad before it.`,
    };
  }
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
