// Every meter in one streaming pass. Each block is walked a few times per channel (sample-domain
// statistics, K-weighting, true peak) while it is hot in cache; only compact per-100 ms data and a
// capped peak pyramid survive between blocks, so memory is bounded whatever the length.

import type { PlanarBlock } from '../wav/types';
import { DiagnosisRunner } from './diagnosis';
import { kWeightingFilters, loudnessWeight } from './kweighting';
import { LoudnessMeter } from './loudness';
import { PeakPyramid } from './pyramid';
import { interpolatorPhases, oversamplingFactor, phaseGainBound, TAPS } from './truepeak';
import type {
  AnalysisOptions,
  ClipEvent,
  Db,
  Measurements,
  OverEvent,
  PartialMeasurements,
  StreamFormat,
} from './types';
import { DEFAULT_TARGETS } from '../gainstage/targets';

export const defaultAnalysisOptions: AnalysisOptions = {
  clipThreshold: 1 - 2 ** -15,
  clipMinRun: 3,
  rmsConvention: 'plain',
  meters: 'all',
  targets: DEFAULT_TARGETS,
  pyramidBaseBucket: 256,
  detectors: 'all',
};

/** Stored clipping/over events are capped; counts keep going. */
const MAX_EVENTS = 10000;
/** Samples per group over which the true-peak skip bound is evaluated. */
const TP_GROUP = 8;
/** A channel whose sample peak is below this (dBFS) is silent. */
const SILENCE_DBFS = -90;
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
  // clipping
  runStart = -1;
  runLen = 0;
  clipped = 0;
  overFull = 0;
  // 50 ms RMS windows
  winSumSq = 0;
  winFill = 0;
  winMax = -1;
  winMin = Infinity;
  readonly hist = new Uint32Array(HIST_BINS);
  histCount = 0;
  // K-weighting state (transposed direct form II)
  s1 = 0;
  s2 = 0;
  h1 = 0;
  h2 = 0;
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
  private readonly ch: ChannelState[];
  private readonly filters: ReturnType<typeof kWeightingFilters>;
  private readonly phases: Float64Array[];
  private readonly tpBound: number;
  /** Per tap, the largest |coefficient| over the phases: bounds every phase's output sample by sample. */
  private readonly tpEnvelope: Float64Array;
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
    this.options = { ...defaultAnalysisOptions, ...options, targets: { ...defaultAnalysisOptions.targets, ...options.targets } };
    this.ch = format.channelLabels.slice(0, format.channels).map((label, i) => new ChannelState(i, label, loudnessWeight(label)));
    this.filters = kWeightingFilters(format.sampleRate);
    this.phases = interpolatorPhases(oversamplingFactor(format.sampleRate));
    this.tpBound = phaseGainBound(this.phases);
    this.tpEnvelope = Float64Array.from({ length: TAPS }, (_, k) => Math.max(0, ...this.phases.map((p) => Math.abs(p[k]!))));
    this.windowFrames = Math.max(1, Math.round(format.sampleRate / 20));
    this.loudness = new LoudnessMeter(format.sampleRate);
    this.pyramid = new PeakPyramid(format.channels, this.options.pyramidBaseBucket);
    this.diagnosis =
      this.options.meters === 'all'
        ? new DiagnosisRunner({ format, clipThreshold: this.options.clipThreshold, rmsOffsetDb: this.options.rmsConvention === 'aes17' ? 20 * Math.log10(Math.SQRT2) : 0 }, this.options.detectors)
        : null;
  }

  process(block: PlanarBlock): void {
    const n = block.frames;
    if (n === 0) return;
    if (this.tpScratch.length < n + TAPS - 1) this.tpScratch = new Float64Array(n + TAPS - 1);
    const start = this.framesDone;
    const full = this.options.meters === 'all';
    this.pyramid.reserve(n);
    for (const c of this.ch) {
      const x = block.channels[c.index]!;
      this.sampleStats(c, x, n, start);
      if (full) this.truePeak(c, x, n, start);
    }
    if (full) {
      this.kWeightBlock(block, n);
      this.loudness.endBlock(n);
    }
    if (this.ch.length >= 2) {
      const l = block.channels[0]!;
      const r = block.channels[1]!;
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
  private sampleStats(c: ChannelState, x: Float32Array, n: number, start: number): void {
    const T = this.options.clipThreshold;
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
      // Clipping is rare: only a segment that reaches the threshold is scanned sample by sample.
      if (max >= T) this.scanClips(c, x, i, end, start);
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

  private scanClips(c: ChannelState, x: Float32Array, from: number, to: number, start: number): void {
    const T = this.options.clipThreshold;
    // Float samples beyond full scale still hold the waveform: they are "over", not clipped.
    const isFloat = this.format.encoding === 'float';
    for (let j = from; j < to; j++) {
      const v = x[j]!;
      const a = v < 0 ? -v : v;
      if (a >= T && !(isFloat && a > 1)) {
        if (c.runLen === 0) c.runStart = start + j;
        c.runLen++;
      } else {
        if (isFloat && a > 1) c.overFull++;
        if (c.runLen !== 0) this.endRun(c);
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
    if (meanSq > 0) {
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
  private kWeightBlock(block: PlanarBlock, n: number): void {
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
          this.filterPair(a, b, block.channels[a.index]!, block.channels[b.index]!, from, to);
          energy += a.weight * this.pairEnergy[0]! + b.weight * this.pairEnergy[1]!;
        } else energy += a.weight * this.filterOne(a, block.channels[a.index]!, from, to);
      }
      this.loudness.addEnergy(k, energy);
    }
    for (const c of active) {
      // Denormals would slow everything after a long silence; flush them.
      if (Math.abs(c.s1) < 1e-30) c.s1 = 0;
      if (Math.abs(c.s2) < 1e-30) c.s2 = 0;
      if (Math.abs(c.h1) < 1e-30) c.h1 = 0;
      if (Math.abs(c.h2) < 1e-30) c.h2 = 0;
    }
  }

  private readonly pairEnergy = new Float64Array(2);

  private filterPair(ca: ChannelState, cb: ChannelState, xa: Float32Array, xb: Float32Array, from: number, to: number): void {
    const { shelf: f, highpass: h } = this.filters;
    const fb0 = f.b0, fb1 = f.b1, fb2 = f.b2, fa1 = f.a1, fa2 = f.a2;
    const ha1 = h.a1, ha2 = h.a2;
    let as1 = ca.s1, as2 = ca.s2, ah1 = ca.h1, ah2 = ca.h2;
    let bs1 = cb.s1, bs2 = cb.s2, bh1 = cb.h1, bh2 = cb.h2;
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
    ca.s1 = as1; ca.s2 = as2; ca.h1 = ah1; ca.h2 = ah2;
    cb.s1 = bs1; cb.s2 = bs2; cb.h1 = bh1; cb.h2 = bh2;
    this.pairEnergy[0] = ea;
    this.pairEnergy[1] = eb;
  }

  private filterOne(c: ChannelState, x: Float32Array, from: number, to: number): number {
    const { shelf: f, highpass: h } = this.filters;
    const fb0 = f.b0, fb1 = f.b1, fb2 = f.b2, fa1 = f.a1, fa2 = f.a2;
    const ha1 = h.a1, ha2 = h.a2;
    let s1 = c.s1, s2 = c.s2, h1 = c.h1, h2 = c.h2;
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
    c.s1 = s1; c.s2 = s2; c.h1 = h1; c.h2 = h2;
    return e;
  }

  private truePeak(c: ChannelState, x: Float32Array, n: number, start: number): void {
    const H = TAPS - 1;
    const buf = this.tpScratch;
    buf.set(c.tpHistory, 0);
    buf.set(x.subarray(0, n), H);
    c.tpHistory.set(buf.subarray(n, n + H));
    if (this.phases.length === 0) {
      c.truePeak = Math.max(c.truePeak, c.peak);
      return;
    }
    // max|x| per group of G samples of buf: the windows of outputs [G*j, G*j+G) lie in groups j..j+2.
    const groups = Math.ceil((n + H) / TP_GROUP);
    if (this.tpGroupMax.length < groups + 2) this.tpGroupMax = new Float64Array(groups + 2);
    const gm = this.tpGroupMax;
    gm.fill(0, groups, groups + 2);
    for (let g = 0, i = 0; g < groups; g++) {
      const end = Math.min(n + H, i + TP_GROUP);
      let m = 0;
      for (; i < end; i++) m = Math.max(m, Math.abs(buf[i]!));
      gm[g] = m;
    }
    // The true peak reported is max(interpolated, sample peak), as libebur128 does; folding the
    // sample peak in first lets more groups be skipped without changing the result.
    let best = Math.max(c.truePeak, c.peak);
    const bound = this.tpBound;
    const phases = this.phases;
    const four = phases.length === 4;
    const T = this.options.clipThreshold;
    for (let j = 0; j * TP_GROUP < n; j++) {
      const from = j * TP_GROUP;
      const to = Math.min(n, from + TP_GROUP);
      const m = Math.max(gm[j]!, gm[j + 1]!, gm[j + 2]!);
      // Exact skip: no phase can exceed sum|taps| x max|window|. Only work that could raise the
      // running maximum, or reveal an over above 0 dBTP, is done.
      const floor = Math.min(best, 1);
      if (m * bound <= floor) {
        c.overActive = false;
        continue;
      }
      const groupMax = four ? interpolate4(buf, from, to, phases, this.tpEnvelope, floor) : interpolateGeneric(buf, from, to, phases);
      if (groupMax > best) best = groupMax;
      this.trackOver(c, groupMax, m, T, start + from);
    }
    c.truePeak = best;
  }

  private trackOver(c: ChannelState, chunkTruePeak: number, chunkSampleMax: number, T: number, frame: number): void {
    const over = chunkTruePeak > 1 && chunkSampleMax < T;
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
        rmsDbfs: n > 0 ? addDb(powerToDb(c.sumSq / n), rmsOffset) : null,
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
    let peakAll = 0;
    let tpAll = 0;
    let clippedAll = 0;
    const channels = this.ch.map((c) => {
      totalSq += c.sumSq;
      peakAll = Math.max(peakAll, c.peak);
      const tp = full ? Math.max(c.truePeak, c.peak) : c.peak;
      tpAll = Math.max(tpAll, tp);
      clippedAll += c.clipped;
      const rms = n > 0 ? Math.sqrt(c.sumSq / n) : 0;
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
        dcOffset: n > 0 ? c.sum / n : 0,
        noiseFloorDbfs: addDb(noiseFloor(c), rmsOffset),
        clippedSamples: c.clipped,
        overFullScaleSamples: c.overFull,
        silent: c.peak === 0 || 20 * Math.log10(c.peak) < SILENCE_DBFS,
        loudnessWeight: c.weight,
      };
    });
    const loud = this.loudness.finish();
    const overallRms = n > 0 ? Math.sqrt(totalSq / (n * this.ch.length)) : 0;
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

/**
 * Max |output| of the 4-phase interpolator for input positions [from, to) of `buf`, whose window is
 * buf[i .. i+11] (buf[i+11] newest), counting only outputs that can exceed `floor`. Each position is
 * first bounded by sum_k env_k |x_k| (12 multiply-adds); the four phases (48) run only where that
 * bound passes `floor`, so the result above `floor` is exact. The window lives in locals and slides by
 * one per sample so each input is loaded once: this loop is the most expensive part of the analysis.
 */
function interpolate4(buf: Float64Array, from: number, to: number, phases: Float64Array[], env: Float64Array, floor: number): number {
  const [p, q, r, s] = phases as [Float64Array, Float64Array, Float64Array, Float64Array];
  const e0 = env[0]!, e1 = env[1]!, e2 = env[2]!, e3 = env[3]!, e4 = env[4]!, e5 = env[5]!, e6 = env[6]!, e7 = env[7]!, e8 = env[8]!, e9 = env[9]!, e10 = env[10]!, e11 = env[11]!;
  // Rounding in the bound must not hide an output that really exceeds the floor.
  let threshold = floor * (1 - 1e-12);
  let max = 0;
  let w0 = buf[from]!, w1 = buf[from + 1]!, w2 = buf[from + 2]!, w3 = buf[from + 3]!, w4 = buf[from + 4]!, w5 = buf[from + 5]!;
  let w6 = buf[from + 6]!, w7 = buf[from + 7]!, w8 = buf[from + 8]!, w9 = buf[from + 9]!, w10 = buf[from + 10]!;
  for (let i = from; i < to; i++) {
    const w11 = buf[i + 11]!;
    const bound =
      e0 * Math.abs(w11) + e1 * Math.abs(w10) + e2 * Math.abs(w9) + e3 * Math.abs(w8) + e4 * Math.abs(w7) + e5 * Math.abs(w6) +
      e6 * Math.abs(w5) + e7 * Math.abs(w4) + e8 * Math.abs(w3) + e9 * Math.abs(w2) + e10 * Math.abs(w1) + e11 * Math.abs(w0);
    if (bound > threshold) {
      const a = Math.abs(p[0]! * w11 + p[1]! * w10 + p[2]! * w9 + p[3]! * w8 + p[4]! * w7 + p[5]! * w6 + p[6]! * w5 + p[7]! * w4 + p[8]! * w3 + p[9]! * w2 + p[10]! * w1 + p[11]! * w0);
      const b = Math.abs(q[0]! * w11 + q[1]! * w10 + q[2]! * w9 + q[3]! * w8 + q[4]! * w7 + q[5]! * w6 + q[6]! * w5 + q[7]! * w4 + q[8]! * w3 + q[9]! * w2 + q[10]! * w1 + q[11]! * w0);
      const c = Math.abs(r[0]! * w11 + r[1]! * w10 + r[2]! * w9 + r[3]! * w8 + r[4]! * w7 + r[5]! * w6 + r[6]! * w5 + r[7]! * w4 + r[8]! * w3 + r[9]! * w2 + r[10]! * w1 + r[11]! * w0);
      const d = Math.abs(s[0]! * w11 + s[1]! * w10 + s[2]! * w9 + s[3]! * w8 + s[4]! * w7 + s[5]! * w6 + s[6]! * w5 + s[7]! * w4 + s[8]! * w3 + s[9]! * w2 + s[10]! * w1 + s[11]! * w0);
      const y = Math.max(a, b, c, d);
      if (y > max) {
        max = y;
        // Later outputs need only beat what this chunk has already found, unless they may be overs.
        if (y > floor && floor < 1) threshold = Math.min(y, 1) * (1 - 1e-12);
      }
    }
    w0 = w1; w1 = w2; w2 = w3; w3 = w4; w4 = w5; w5 = w6; w6 = w7; w7 = w8; w8 = w9; w9 = w10; w10 = w11;
  }
  return max;
}

function interpolateGeneric(buf: Float64Array, from: number, to: number, phases: Float64Array[]): number {
  let max = 0;
  for (const t of phases) {
    for (let i = from; i < to; i++) {
      let y = 0;
      for (let k = 0; k < TAPS; k++) y += t[k]! * buf[i + TAPS - 1 - k]!;
      if (y < 0) y = -y;
      if (y > max) max = y;
    }
  }
  return max;
}
