// Every meter in one streaming pass. Each block is walked a few times per channel (sample-domain
// statistics, K-weighting, true peak) while it is hot in cache; only compact per-100 ms data and a
// capped peak pyramid survive between blocks, so memory is bounded whatever the length.

import type { PlanarBlock } from '../wav/types';
import { DiagnosisRunner } from './diagnosis';
import { kWeightingFilters, loudnessWeight } from './kweighting';
import { LoudnessMeter } from './loudness';
import { PeakPyramid } from './pyramid';
import { TAPS, TRUE_PEAK_ACCURACY_DB, TRUE_PEAK_GROUP as TP_GROUP, TruePeakKernel } from './truepeak';
import type {
  AnalysisOptions,
  ClipEvent,
  Db,
  Measurements,
  OverEvent,
  PartialMeasurements,
  StreamFormat,
} from './types';
import { resolveAnalysisOptions } from './options';

/** Stored clipping/over events are capped; counts keep going. */
const MAX_EVENTS = 10000;
/** Groups of TP_GROUP samples that the windows of one group's outputs span (the group loop reads gm[j .. j+4]). */
const TP_SPAN = 5;
/** An over is reported only when the true peak passes 0 dBTP by more than the meter's accuracy. */
const OVER_LEVEL = 10 ** (TRUE_PEAK_ACCURACY_DB / 20);
/** A channel whose sample peak is below this (dBFS) is silent. */
const SILENCE_DBFS = -90;
/**
 * A channel whose 50 ms windows never rise above this (dBFS RMS) holds no programme, only a few
 * stray LSBs, dither or denormals: its figures exist but no gain should be derived from them.
 */
export const NEAR_SILENT_DBFS = -80;
/** Float files: the clipping level, 1 - 2^-15, where integer material converted to float sits when it clipped. */
const FLOAT_CLIP_LEVEL = 1 - 2 ** -15;

/**
 * Full-scale levels of a format, per sign: integer PCM clips at its most positive code,
 * 1 - 2^-(valid bits - 1) (8-bit: code 255 = 127/128), and at its most negative, exactly -1, valid
 * bits counting for 24-in-32 and 20-in-24 containers. Float has no clipping of its own: material
 * clipped before conversion sits at +-(1 - 2^-15) or beyond in magnitude, up to 1.0.
 */
export function clipLevels(format: Pick<StreamFormat, 'encoding' | 'bitsPerSample' | 'validBitsPerSample'>, threshold: number | null): { pos: number; neg: number } {
  if (threshold !== null) return { pos: threshold, neg: -threshold };
  if (format.encoding === 'float') return { pos: FLOAT_CLIP_LEVEL, neg: -FLOAT_CLIP_LEVEL };
  const bits = Math.min(format.validBitsPerSample ?? format.bitsPerSample, format.bitsPerSample);
  return { pos: 1 - 2 ** -(bits - 1), neg: -1 };
}

/** Planar samples of one channel: Float32 for every format except 64-bit float, which stays Float64. */
type Samples = Float32Array | Float64Array;
/** Noise floor: this percentile of the 50 ms RMS windows that are not digital silence. */
const NOISE_FLOOR_PERCENTILE = 0.1;
/** 50 ms window RMS histogram: 0.01 dB bins from -200 dBFS to +40 dBFS. */
const HIST_MIN_DB = -200;
const HIST_BINS = 24000;

export function toDb(linear: number): Db {
  return linear > 0 ? 20 * Math.log10(linear) : null;
}

function powerToDb(power: number): Db {
  return power > 0 ? 10 * Math.log10(power) : null;
}

class ChannelState {
  peak = 0;
  peakFrame = 0;
  sum = 0;
  sumSq = 0;
  // clipping: the current run of full-scale samples of one sign
  runStart = -1;
  runLen = 0;
  runSign = 0;
  // NaN and +-Inf samples: counted, then read as 0 by every meter
  nonFinite = 0;
  firstNonFiniteFrame = -1;
  clipped = 0;
  overFull = 0;
  // 50 ms RMS windows
  winSumSq = 0;
  winFill = 0;
  winMax = -1;
  winMin = Infinity;
  readonly hist = new Uint32Array(HIST_BINS);
  histCount = 0;
  /**
   * K-weighting state (transposed direct form II): shelf s1, s2, high-pass h1, h2. A typed array,
   * not four fields: the filter loops store doubles into it on every call, and named fields that
   * start as small integers made V8 drop the optimised filter at the end of nearly every call.
   */
  readonly kw = new Float64Array(4);
  // true peak: the last TAPS-1 samples before the current block
  readonly tpHistory = new Float64Array(TAPS - 1);
  truePeak = 0;
  overActive = false;

  constructor(
    readonly index: number,
    readonly label: string,
    readonly weight: number,
  ) {}
}

export class TakeAnalyzer {
  private readonly options: AnalysisOptions;
  private readonly clip: { pos: number; neg: number };
  private readonly ch: ChannelState[];
  /** K-weighting coefficients: shelf b0 b1 b2 a1 a2, then the RLB high-pass a1 a2 (its numerator is 1, -2, 1). */
  private readonly kCoef: Float64Array;
  private readonly tp = new TruePeakKernel();
  private readonly windowFrames: number;
  private readonly loudness: LoudnessMeter;
  private readonly pyramid: PeakPyramid;
  private readonly clipEvents: ClipEvent[] = [];
  private readonly overs: OverEvent[] = [];
  private framesDone = 0;
  private crossSum = 0;
  private tpScratch = new Float64Array(0);
  private tpGroupMax = new Float64Array(0);
  /** The chain-diagnosis detectors (diagnosis/), fed every block; none in sample-only mode. */
  private readonly diagnosis: DiagnosisRunner | null;

  constructor(
    private readonly format: StreamFormat,
    options: Partial<AnalysisOptions> = {},
  ) {
    this.options = resolveAnalysisOptions(options);
    this.clip = clipLevels(format, this.options.clipThreshold);
    this.ch = format.channelLabels.slice(0, format.channels).map((label, i) => new ChannelState(i, label, loudnessWeight(label)));
    const { shelf, highpass } = kWeightingFilters(format.sampleRate);
    this.kCoef = Float64Array.of(shelf.b0, shelf.b1, shelf.b2, shelf.a1, shelf.a2, highpass.a1, highpass.a2);
    this.windowFrames = Math.max(1, Math.round(format.sampleRate / 20));
    this.loudness = new LoudnessMeter(format.sampleRate);
    this.pyramid = new PeakPyramid(format.channels, this.options.pyramidBaseBucket);
    this.diagnosis =
      this.options.meters === 'all'
        ? new DiagnosisRunner({ format, clipThreshold: this.clip.pos, rmsOffsetDb: this.options.rmsConvention === 'aes17' ? 20 * Math.log10(Math.SQRT2) : 0 }, this.options.detectors)
        : null;
  }

  process(block: PlanarBlock): void {
    const n = block.frames;
    if (n === 0) return;
    if (this.tpScratch.length < n + TAPS - 1) this.tpScratch = new Float64Array(n + TAPS - 1);
    const start = this.framesDone;
    const full = this.options.meters === 'all';
    this.pyramid.reserve(n);
    // 64-bit float files are measured at full precision; the chain diagnosis reads the float32 copy.
    const chans: Samples[] = block.wide ?? block.channels;
    for (const c of this.ch) {
      const x = chans[c.index]!;
      this.sampleStats(c, x, n, start, block.wide ? block.channels[c.index] : undefined);
      if (full) this.truePeak(c, x, n, start);
    }
    if (full) {
      this.kWeightBlock(chans, n);
      this.loudness.endBlock(n);
    }
    if (this.ch.length >= 2) {
      const l = chans[0]!;
      const r = chans[1]!;
      let s = 0;
      for (let i = 0; i < n; i++) s += l[i]! * r[i]!;
      this.crossSum += s;
    }
    this.diagnosis?.process(block);
    this.pyramid.commit(n);
    this.framesDone += n;
  }

  /**
   * Sample-domain statistics and the peak pyramid in one pass. The block is cut into segments that
   * end at every 50 ms window boundary and every pyramid bucket boundary, so the inner loop carries
   * no per-sample bookkeeping.
   */
  private sampleStats(c: ChannelState, x: Samples, n: number, start: number, narrow?: Float32Array): void {
    const { pos, neg } = this.clip;
    const W = this.windowFrames;
    const pyr = this.pyramid;
    const B = pyr.bucketFrames;
    let bucketFill = pyr.bucketFill;
    let bucket = pyr.bucketCount;
    let [lo, hi] = pyr.current(c.index);
    for (let i = 0; i < n; ) {
      const end = Math.min(n, i + (W - c.winFill), i + (B - bucketFill));
      let sum = 0;
      let sumSq = 0;
      let mn = Infinity;
      let mx = -Infinity;
      for (let j = i; j < end; j++) {
        const v = x[j]!;
        sum += v;
        sumSq += v * v;
        mn = Math.min(mn, v);
        mx = Math.max(mx, v);
      }
      // One NaN or infinity makes the sum of squares NaN or infinite: only then is the segment
      // cleaned (and summed again), so finite audio pays one comparison per segment.
      if (!(sumSq < Infinity)) {
        this.dropNonFinite(c, x, i, end, start, narrow);
        sum = 0;
        sumSq = 0;
        mn = Infinity;
        mx = -Infinity;
        for (let j = i; j < end; j++) {
          const v = x[j]!;
          sum += v;
          sumSq += v * v;
          mn = Math.min(mn, v);
          mx = Math.max(mx, v);
        }
      }
      c.sum += sum;
      c.sumSq += sumSq;
      const max = Math.max(mx, -mn);
      if (max > c.peak) {
        // A new peak is rare after the first seconds: find where it is only then.
        let at = i;
        while (Math.abs(x[at]!) !== max) at++;
        c.peak = max;
        c.peakFrame = start + at;
      }
      // Clipping is rare: only a segment that reaches full scale is scanned sample by sample.
      if (mx >= pos || mn <= neg) this.scanClips(c, x, i, end, start);
      else if (c.runLen !== 0) this.endRun(c);
      lo = Math.min(lo, mn);
      hi = Math.max(hi, mx);
      bucketFill += end - i;
      if (bucketFill === B) {
        pyr.store(c.index, bucket++, lo, hi);
        bucketFill = 0;
        lo = Infinity;
        hi = -Infinity;
      }
      c.winSumSq += sumSq;
      c.winFill += end - i;
      if (c.winFill === W) {
        this.closeWindow(c, c.winSumSq / W);
        c.winSumSq = 0;
        c.winFill = 0;
      }
      i = end;
    }
    pyr.setCurrent(c.index, lo, hi);
  }

  /** Replaces NaN and +-Inf by 0 (what every meter then reads, and `narrow`, the float32 copy of a float64 block) and counts them. */
  private dropNonFinite(c: ChannelState, x: Samples, from: number, to: number, start: number, narrow?: Float32Array): void {
    for (let j = from; j < to; j++) {
      const v = x[j]!;
      if (v - v !== 0) {
        if (c.nonFinite === 0) c.firstNonFiniteFrame = start + j;
        c.nonFinite++;
        x[j] = 0;
        if (narrow) narrow[j] = 0;
      }
    }
  }

  /** A run is consecutive samples at full scale of the same sign: +FS, +FS, -FS, -FS is two runs of two. */
  private scanClips(c: ChannelState, x: Samples, from: number, to: number, start: number): void {
    const { pos, neg } = this.clip;
    // Float samples beyond full scale still hold the waveform: they are "over", not clipped.
    const isFloat = this.format.encoding === 'float';
    for (let j = from; j < to; j++) {
      const v = x[j]!;
      let sign = v >= pos ? 1 : v <= neg ? -1 : 0;
      if (sign !== 0 && isFloat && (v > 1 || v < -1)) {
        c.overFull++;
        sign = 0;
      }
      if (sign !== 0 && sign === c.runSign && c.runLen !== 0) c.runLen++;
      else {
        if (c.runLen !== 0) this.endRun(c);
        if (sign !== 0) {
          c.runSign = sign;
          c.runStart = start + j;
          c.runLen = 1;
        }
      }
    }
  }

  private endRun(c: ChannelState): void {
    if (c.runLen >= this.options.clipMinRun) this.closeRun(c, c.runStart, c.runLen);
    c.runLen = 0;
  }

  private closeRun(c: ChannelState, startFrame: number, samples: number): void {
    c.clipped += samples;
    if (this.clipEvents.length < MAX_EVENTS) {
      const sr = this.format.sampleRate;
      this.clipEvents.push({ channel: c.index, startFrame, startSeconds: startFrame / sr, durationSeconds: samples / sr, samples });
    }
  }

  private closeWindow(c: ChannelState, meanSq: number): void {
    if (meanSq > c.winMax) c.winMax = meanSq;
    if (meanSq < c.winMin) c.winMin = meanSq;
    // An overflowed window (float64 samples near 1e300) has no level a noise floor could use.
    if (meanSq > 0 && meanSq < Infinity) {
      const db = 10 * Math.log10(meanSq);
      const bin = Math.min(HIST_BINS - 1, Math.max(0, Math.floor((db - HIST_MIN_DB) * 100)));
      c.hist[bin]!++;
      c.histCount++;
    }
  }

  /**
   * K-weights every channel and adds the weighted energy to the loudness meter's 100 ms sub-blocks.
   * Channels go through in pairs: each biquad is a serial dependency chain, and two independent
   * chains in one loop keep the CPU's pipelines busy.
   */
  private kWeightBlock(chans: Samples[], n: number): void {
    const segments = this.loudness.segments(n);
    const pairs: ChannelState[][] = [];
    const active = this.ch.filter((c) => c.weight !== 0);
    for (let i = 0; i < active.length; i += 2) pairs.push(active.slice(i, i + 2));
    for (let k = 0; k + 1 < segments.length; k++) {
      const from = segments[k]!;
      const to = segments[k + 1]!;
      let energy = 0;
      for (const pair of pairs) {
        const a = pair[0]!;
        const b = pair[1];
        if (b) {
          this.filterPair(a, b, chans[a.index]!, chans[b.index]!, from, to);
          energy += a.weight * this.pairEnergy[0]! + b.weight * this.pairEnergy[1]!;
        } else energy += a.weight * this.filterOne(a, chans[a.index]!, from, to);
      }
      this.loudness.addEnergy(k, energy);
    }
    for (const c of active) {
      // Denormals would slow everything after a long silence; flush them.
      for (let i = 0; i < 4; i++) if (Math.abs(c.kw[i]!) < 1e-30) c.kw[i] = 0;
    }
  }

  private readonly pairEnergy = new Float64Array(2);

  private filterPair(ca: ChannelState, cb: ChannelState, xa: Samples, xb: Samples, from: number, to: number): void {
    const k = this.kCoef;
    const fb0 = k[0]!, fb1 = k[1]!, fb2 = k[2]!, fa1 = k[3]!, fa2 = k[4]!;
    const ha1 = k[5]!, ha2 = k[6]!;
    const ka = ca.kw;
    const kb = cb.kw;
    let as1 = ka[0]!, as2 = ka[1]!, ah1 = ka[2]!, ah2 = ka[3]!;
    let bs1 = kb[0]!, bs2 = kb[1]!, bh1 = kb[2]!, bh2 = kb[3]!;
    let ea = 0;
    let eb = 0;
    for (let i = from; i < to; i++) {
      const va = xa[i]!;
      const vb = xb[i]!;
      const ya = fb0 * va + as1;
      const yb = fb0 * vb + bs1;
      as1 = fb1 * va - fa1 * ya + as2;
      bs1 = fb1 * vb - fa1 * yb + bs2;
      as2 = fb2 * va - fa2 * ya;
      bs2 = fb2 * vb - fa2 * yb;
      // The RLB numerator is [1, -2, 1].
      const za = ya + ah1;
      const zb = yb + bh1;
      ah1 = -2 * ya - ha1 * za + ah2;
      bh1 = -2 * yb - ha1 * zb + bh2;
      ah2 = ya - ha2 * za;
      bh2 = yb - ha2 * zb;
      ea += za * za;
      eb += zb * zb;
    }
    ka[0] = as1; ka[1] = as2; ka[2] = ah1; ka[3] = ah2;
    kb[0] = bs1; kb[1] = bs2; kb[2] = bh1; kb[3] = bh2;
    this.pairEnergy[0] = ea;
    this.pairEnergy[1] = eb;
  }

  private filterOne(c: ChannelState, x: Samples, from: number, to: number): number {
    const k = this.kCoef;
    const fb0 = k[0]!, fb1 = k[1]!, fb2 = k[2]!, fa1 = k[3]!, fa2 = k[4]!;
    const ha1 = k[5]!, ha2 = k[6]!;
    const kw = c.kw;
    let s1 = kw[0]!, s2 = kw[1]!, h1 = kw[2]!, h2 = kw[3]!;
    let e = 0;
    for (let i = from; i < to; i++) {
      const v = x[i]!;
      const y = fb0 * v + s1;
      s1 = fb1 * v - fa1 * y + s2;
      s2 = fb2 * v - fa2 * y;
      const z = y + h1;
      h1 = -2 * y - ha1 * z + h2;
      h2 = y - ha2 * z;
      e += z * z;
    }
    kw[0] = s1; kw[1] = s2; kw[2] = h1; kw[3] = h2;
    return e;
  }

  private truePeak(c: ChannelState, x: Samples, n: number, start: number): void {
    const H = TAPS - 1;
    const buf = this.tpScratch;
    const len = n + H;
    buf.set(c.tpHistory, 0);
    // max|x| per group of G samples of buf: the windows of outputs [G*j, G*j+G) lie in groups j..j+TP_SPAN-1.
    const groups = Math.ceil(len / TP_GROUP);
    if (this.tpGroupMax.length < groups + TP_SPAN) this.tpGroupMax = new Float64Array(groups + TP_SPAN);
    const gm = this.tpGroupMax;
    gm.fill(0, 0, groups + TP_SPAN);
    // The block is copied into buf (after the history) and its group maxima taken in the same pass:
    // this pass touches every sample and dominates when little else runs. Group g of buf holds
    // x[8g - H .. 8g - H + 7].
    const first = Math.ceil(H / TP_GROUP);
    const full = Math.floor(len / TP_GROUP);
    for (let g = first, i = first * TP_GROUP - H; g < full; g++, i += 8) {
      const a0 = x[i]!, a1 = x[i + 1]!, a2 = x[i + 2]!, a3 = x[i + 3]!, a4 = x[i + 4]!, a5 = x[i + 5]!, a6 = x[i + 6]!, a7 = x[i + 7]!;
      const at = i + H;
      buf[at] = a0; buf[at + 1] = a1; buf[at + 2] = a2; buf[at + 3] = a3;
      buf[at + 4] = a4; buf[at + 5] = a5; buf[at + 6] = a6; buf[at + 7] = a7;
      gm[g] = Math.max(Math.abs(a0), Math.abs(a1), Math.abs(a2), Math.abs(a3), Math.abs(a4), Math.abs(a5), Math.abs(a6), Math.abs(a7));
    }
    // The ends: the groups holding history, and a partial last group.
    for (let i = 0; i < Math.min(n, first * TP_GROUP - H); i++) buf[H + i] = x[i]!;
    for (let i = Math.max(0, full * TP_GROUP - H); i < n; i++) buf[H + i] = x[i]!;
    for (let t = 0; t < Math.min(len, first * TP_GROUP); t++) gm[t >> 3] = Math.max(gm[t >> 3]!, Math.abs(buf[t]!));
    for (let t = Math.max(first, full) * TP_GROUP; t < len; t++) gm[t >> 3] = Math.max(gm[t >> 3]!, Math.abs(buf[t]!));
    c.tpHistory.set(buf.subarray(n, len));
    let best = Math.max(c.truePeak, c.peak);
    const T = this.clip.pos;
    for (let j = 0; j * TP_GROUP < n; j++) {
      const from = j * TP_GROUP;
      const to = Math.min(n, from + TP_GROUP);
      const g1 = gm[j + 1]!;
      const g2 = gm[j + 2]!;
      const g3 = gm[j + 3]!;
      const m = Math.max(gm[j]!, g1, g2, g3, gm[j + 4]!);
      // The samples the group's outputs lie between: buf[from + 15 .. from + 23].
      const centre = Math.max(Math.abs(buf[from + TAPS / 2 - 1]!), g2);
      // Exact skip: no output can exceed the samples next to it plus the residual's bound, first
      // bounded with the window's maximum, then tap by tap. Only work that could raise the running
      // maximum, or reveal an over, is done.
      const floor = Math.min(best, 1);
      if (this.tp.groupBound(centre, g1, g2, g3, m) <= floor) {
        c.overActive = false;
        continue;
      }
      const groupMax = this.tp.scan(buf, from, to, floor, m);
      if (groupMax > best) best = groupMax;
      this.trackOver(c, groupMax, m, T, start + from);
    }
    c.truePeak = best;
  }

  private trackOver(c: ChannelState, chunkTruePeak: number, chunkSampleMax: number, T: number, frame: number): void {
    const over = chunkTruePeak > OVER_LEVEL && chunkSampleMax < T;
    if (over && !c.overActive && this.overs.length < MAX_EVENTS) {
      this.overs.push({ channel: c.index, startSeconds: Math.max(0, frame - (TAPS >> 1)) / this.format.sampleRate, truePeakDbtp: 20 * Math.log10(chunkTruePeak) });
    } else if (over && c.overActive) {
      const last = this.overs[this.overs.length - 1];
      if (last && last.channel === c.index) last.truePeakDbtp = Math.max(last.truePeakDbtp, 20 * Math.log10(chunkTruePeak));
    }
    c.overActive = over;
  }

  partial(): PartialMeasurements {
    const rmsOffset = this.options.rmsConvention === 'aes17' ? 20 * Math.log10(Math.SQRT2) : 0;
    const n = this.framesDone;
    return {
      framesDone: n,
      channels: this.ch.map((c) => ({
        index: c.index,
        label: c.label,
        samplePeakDbfs: toDb(c.peak),
        truePeakDbtp: toDb(Math.max(c.truePeak, c.peak)),
        // Running figures cross to the views as they are: an overflowed sum must not reach them as Infinity.
        rmsDbfs: n - c.nonFinite > 0 ? finiteOrNull(addDb(powerToDb(c.sumSq / (n - c.nonFinite)), rmsOffset)) : null,
        clippedSamples: c.clipped + (c.runLen >= this.options.clipMinRun ? c.runLen : 0),
      })),
      momentaryMaxLufs: this.loudness.momentaryMax(),
      shortTermMaxLufs: this.loudness.shortTermMax(),
    };
  }

  finish(): Measurements {
    const sr = this.format.sampleRate;
    const n = this.framesDone;
    for (const c of this.ch) {
      if (c.runLen >= this.options.clipMinRun) this.closeRun(c, c.runStart, c.runLen);
      c.runLen = 0;
    }
    this.clipEvents.sort((a, b) => a.startFrame - b.startFrame || a.channel - b.channel);
    const rmsOffset = this.options.rmsConvention === 'aes17' ? 20 * Math.log10(Math.SQRT2) : 0;
    // In sample-only mode the peak-based figures (headroom, suggested gain) use the sample peak.
    const full = this.options.meters === 'all';
    let totalSq = 0;
    let totalSamples = 0;
    let peakAll = 0;
    let tpAll = 0;
    let clippedAll = 0;
    const channels = this.ch.map((c) => {
      // Non-finite samples were read as 0 by the filters; the means leave them out altogether.
      const finite = n - c.nonFinite;
      totalSq += c.sumSq;
      totalSamples += finite;
      peakAll = Math.max(peakAll, c.peak);
      const tp = full ? Math.max(c.truePeak, c.peak) : c.peak;
      tpAll = Math.max(tpAll, tp);
      clippedAll += c.clipped;
      const rms = finite > 0 ? Math.sqrt(c.sumSq / finite) : 0;
      return {
        index: c.index,
        label: c.label,
        samplePeakDbfs: toDb(c.peak),
        samplePeakFrame: c.peakFrame,
        truePeakDbtp: full ? toDb(tp) : null,
        rmsDbfs: addDb(toDb(rms), rmsOffset),
        rmsWindowMaxDbfs: c.winMax >= 0 ? addDb(powerToDb(c.winMax), rmsOffset) : null,
        rmsWindowMinDbfs: c.winMin !== Infinity ? addDb(powerToDb(c.winMin), rmsOffset) : null,
        crestFactorDb: rms > 0 && c.peak > 0 ? 20 * Math.log10(c.peak / rms) : null,
        dcOffset: finite > 0 ? c.sum / finite : 0,
        noiseFloorDbfs: addDb(noiseFloor(c), rmsOffset),
        clippedSamples: c.clipped,
        overFullScaleSamples: c.overFull,
        silent: c.peak === 0 || 20 * Math.log10(c.peak) < SILENCE_DBFS,
        nearSilent: !(c.winMax > 0 && 10 * Math.log10(c.winMax) > NEAR_SILENT_DBFS),
        nonFiniteSamples: c.nonFinite,
        firstNonFiniteSeconds: c.nonFinite > 0 ? c.firstNonFiniteFrame / sr : null,
        loudnessWeight: c.weight,
      };
    });
    const loud = this.loudness.finish();
    const overallRms = totalSamples > 0 ? Math.sqrt(totalSq / totalSamples) : 0;
    let correlation: number | null = null;
    if (this.ch.length >= 2) {
      const d = Math.sqrt(this.ch[0]!.sumSq * this.ch[1]!.sumSq);
      if (d > 0) correlation = Math.max(-1, Math.min(1, this.crossSum / d));
    }
    const topDb = toDb(tpAll);
    const meters = {
      frames: n,
      durationSeconds: n / sr,
      channels,
      overall: {
        samplePeakDbfs: toDb(peakAll),
        truePeakDbtp: full ? topDb : null,
        rmsDbfs: addDb(toDb(overallRms), rmsOffset),
        headroomDb: topDb === null ? null : -topDb,
        clippedSamples: clippedAll,
      },
      loudness: loud.summary,
      clipping: { events: this.clipEvents, overs: this.overs },
      stereoCorrelation: correlation,
    };
    return {
      ...meters,
      diagnosis: this.diagnosis?.finish(meters) ?? [],
      series: {
        pyramid: this.pyramid.levels(),
        shortTermLufs: loud.shortTerm,
        momentaryLufs: loud.momentary,
        shortTermStepSeconds: 0.1,
      },
    };
  }
}

function finiteOrNull(db: Db): Db {
  return db !== null && Number.isFinite(db) ? db : null;
}

function addDb(db: Db, offset: number): Db {
  return db === null ? null : db + offset;
}

function noiseFloor(c: ChannelState): Db {
  if (c.histCount === 0) return null;
  const rank = Math.floor(NOISE_FLOOR_PERCENTILE * (c.histCount - 1));
  let seen = 0;
  for (let bin = 0; bin < HIST_BINS; bin++) {
    seen += c.hist[bin]!;
    if (seen > rank) return HIST_MIN_DB + (bin + 0.5) / 100;
  }
  return null;
}
