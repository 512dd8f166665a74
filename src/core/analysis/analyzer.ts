// Every meter in one streaming pass. Each block is walked a few times per channel (sample-domain
// statistics, K-weighting, true peak) while it is hot in cache; only compact per-100 ms data and a
// capped peak pyramid survive between blocks, so memory is bounded whatever the length.

import type { PlanarBlock } from '../wav/types';
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
  SuggestedGain,
} from './types';

export const defaultAnalysisOptions: AnalysisOptions = {
  clipThreshold: 1 - 2 ** -15,
  clipMinRun: 3,
  rmsConvention: 'plain',
  targets: { peakCeilingDbtp: -1, loudnessLufs: null, rmsDbfs: -18 },
  pyramidBaseBucket: 256,
};

/** Stored clipping/over events are capped; counts keep going. */
const MAX_EVENTS = 10000;
/** Chunk over which the true-peak skip bound is evaluated. */
const TP_CHUNK = 64;
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
  private readonly windowFrames: number;
  private readonly loudness: LoudnessMeter;
  private readonly pyramid: PeakPyramid;
  private readonly clipEvents: ClipEvent[] = [];
  private readonly overs: OverEvent[] = [];
  private framesDone = 0;
  private crossSum = 0;
  private tpScratch = new Float64Array(0);
  private kScratch = new Float64Array(0);

  constructor(
    private readonly format: StreamFormat,
    options: Partial<AnalysisOptions> = {},
  ) {
    this.options = { ...defaultAnalysisOptions, ...options, targets: { ...defaultAnalysisOptions.targets, ...options.targets } };
    this.ch = format.channelLabels.slice(0, format.channels).map((label, i) => new ChannelState(i, label, loudnessWeight(label)));
    this.filters = kWeightingFilters(format.sampleRate);
    this.phases = interpolatorPhases(oversamplingFactor(format.sampleRate));
    this.tpBound = phaseGainBound(this.phases);
    this.windowFrames = Math.max(1, Math.round(format.sampleRate / 20));
    this.loudness = new LoudnessMeter(format.sampleRate, this.ch.map((c) => c.weight));
    this.pyramid = new PeakPyramid(format.channels, this.options.pyramidBaseBucket);
  }

  process(block: PlanarBlock): void {
    const n = block.frames;
    if (n === 0) return;
    if (this.kScratch.length < n) {
      this.kScratch = new Float64Array(n);
      this.tpScratch = new Float64Array(n + TAPS - 1);
    }
    const start = this.framesDone;
    for (const c of this.ch) {
      const x = block.channels[c.index]!;
      this.sampleStats(c, x, n, start);
      this.kWeight(c, x, n);
      this.loudness.addChannel(c.index, this.kScratch, n);
      this.truePeak(c, x, n, start);
    }
    this.loudness.endBlock(n);
    if (this.ch.length >= 2) {
      const l = block.channels[0]!;
      const r = block.channels[1]!;
      let s = 0;
      for (let i = 0; i < n; i++) s += l[i]! * r[i]!;
      this.crossSum += s;
    }
    this.pyramid.add(block.channels, n);
    this.framesDone += n;
  }

  private sampleStats(c: ChannelState, x: Float32Array, n: number, start: number): void {
    const T = this.options.clipThreshold;
    const minRun = this.options.clipMinRun;
    const isFloat = this.format.encoding === 'float';
    const W = this.windowFrames;
    let peak = c.peak;
    let peakFrame = c.peakFrame;
    let sum = 0;
    let sumSq = 0;
    let runStart = c.runStart;
    let runLen = c.runLen;
    let winSumSq = c.winSumSq;
    let winFill = c.winFill;
    let overFull = 0;
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      const a = v < 0 ? -v : v;
      sum += v;
      const sq = v * v;
      sumSq += sq;
      if (a > peak) {
        peak = a;
        peakFrame = start + i;
      }
      // Float samples beyond full scale still hold the waveform: they are "over", not clipped.
      if (a >= T && !(isFloat && a > 1)) {
        if (runLen === 0) runStart = start + i;
        runLen++;
      } else {
        if (isFloat && a > 1) overFull++;
        if (runLen !== 0) {
          if (runLen >= minRun) this.closeRun(c, runStart, runLen);
          runLen = 0;
        }
      }
      winSumSq += sq;
      if (++winFill === W) {
        this.closeWindow(c, winSumSq / W);
        winSumSq = 0;
        winFill = 0;
      }
    }
    c.peak = peak;
    c.peakFrame = peakFrame;
    c.sum += sum;
    c.sumSq += sumSq;
    c.runStart = runStart;
    c.runLen = runLen;
    c.winSumSq = winSumSq;
    c.winFill = winFill;
    c.overFull += overFull;
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

  private kWeight(c: ChannelState, x: Float32Array, n: number): void {
    const { shelf: f, highpass: h } = this.filters;
    const out = this.kScratch;
    const fb0 = f.b0, fb1 = f.b1, fb2 = f.b2, fa1 = f.a1, fa2 = f.a2;
    const ha1 = h.a1, ha2 = h.a2;
    let s1 = c.s1, s2 = c.s2, h1 = c.h1, h2 = c.h2;
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      const y = fb0 * v + s1;
      s1 = fb1 * v - fa1 * y + s2;
      s2 = fb2 * v - fa2 * y;
      // RLB numerator is [1, -2, 1].
      const z = y + h1;
      h1 = -2 * y - ha1 * z + h2;
      h2 = y - ha2 * z;
      out[i] = z * z;
    }
    // Denormals would slow everything after a long silence; flush them.
    c.s1 = Math.abs(s1) < 1e-30 ? 0 : s1;
    c.s2 = Math.abs(s2) < 1e-30 ? 0 : s2;
    c.h1 = Math.abs(h1) < 1e-30 ? 0 : h1;
    c.h2 = Math.abs(h2) < 1e-30 ? 0 : h2;
  }

  private truePeak(c: ChannelState, x: Float32Array, n: number, start: number): void {
    const H = TAPS - 1;
    const buf = this.tpScratch;
    buf.set(c.tpHistory, 0);
    for (let i = 0; i < n; i++) buf[H + i] = x[i]!;
    c.tpHistory.set(buf.subarray(n, n + H));
    if (this.phases.length === 0) {
      c.truePeak = Math.max(c.truePeak, c.peak);
      return;
    }
    // The true peak reported is max(interpolated, sample peak), as libebur128 does; folding the
    // sample peak in first lets more chunks be skipped without changing the result.
    let best = Math.max(c.truePeak, c.peak);
    const bound = this.tpBound;
    const phases = this.phases;
    const P = phases.length;
    const T = this.options.clipThreshold;
    for (let chunk = 0; chunk < n; chunk += TP_CHUNK) {
      const end = Math.min(n, chunk + TP_CHUNK);
      let m = 0;
      for (let j = chunk; j < end + H; j++) {
        const a = buf[j]! < 0 ? -buf[j]! : buf[j]!;
        if (a > m) m = a;
      }
      // Exact skip: no phase can exceed bound * max|window|; only work that could raise the running
      // maximum, or reveal an over above 0 dBTP, is done.
      const limit = m * bound;
      if (limit <= best && limit <= 1) {
        c.overActive = false;
        continue;
      }
      const chunkMax = P === 4 ? interpolate4(buf, chunk, end, phases) : interpolateGeneric(buf, chunk, end, phases);
      if (chunkMax > best) best = chunkMax;
      this.trackOver(c, chunkMax, m, T, start + chunk);
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
    let totalSq = 0;
    let peakAll = 0;
    let tpAll = 0;
    let clippedAll = 0;
    const channels = this.ch.map((c) => {
      totalSq += c.sumSq;
      peakAll = Math.max(peakAll, c.peak);
      const tp = Math.max(c.truePeak, c.peak);
      tpAll = Math.max(tpAll, tp);
      clippedAll += c.clipped;
      const rms = n > 0 ? Math.sqrt(c.sumSq / n) : 0;
      return {
        index: c.index,
        label: c.label,
        samplePeakDbfs: toDb(c.peak),
        samplePeakFrame: c.peakFrame,
        truePeakDbtp: toDb(tp),
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
    const measurements: Measurements = {
      frames: n,
      durationSeconds: n / sr,
      channels,
      overall: {
        samplePeakDbfs: toDb(peakAll),
        truePeakDbtp: topDb,
        rmsDbfs: addDb(toDb(overallRms), rmsOffset),
        headroomDb: topDb === null ? null : -topDb,
        clippedSamples: clippedAll,
      },
      loudness: loud.summary,
      clipping: { events: this.clipEvents, overs: this.overs },
      stereoCorrelation: correlation,
      suggestedGain: this.suggestGain(topDb, toDb(overallRms), loud.summary.integratedLufs),
      series: {
        pyramid: this.pyramid.levels(),
        shortTermLufs: loud.shortTerm,
        momentaryLufs: loud.momentary,
        shortTermStepSeconds: 0.1,
      },
    };
    return measurements;
  }

  private suggestGain(truePeakDb: Db, plainRmsDb: Db, integrated: Db): SuggestedGain {
    const t = this.options.targets;
    const byTarget = {
      peakCeiling: truePeakDb === null ? null : t.peakCeilingDbtp - truePeakDb,
      loudness: t.loudnessLufs === null || integrated === null ? null : t.loudnessLufs - integrated,
      rms: t.rmsDbfs === null || plainRmsDb === null ? null : t.rmsDbfs - plainRmsDb,
    };
    let gainDb: number | null = null;
    let limitedBy: SuggestedGain['limitedBy'] = null;
    for (const [key, value] of [['loudness', byTarget.loudness], ['rms', byTarget.rms], ['peak-ceiling', byTarget.peakCeiling]] as const) {
      if (value !== null && (gainDb === null || value < gainDb)) {
        gainDb = value;
        limitedBy = key;
      }
    }
    return { gainDb: gainDb === null ? null : Math.round(gainDb * 100) / 100, limitedBy, byTarget };
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
 * buf[i .. i+11] (buf[i+11] newest). The window lives in locals and slides by one per sample so each
 * input is loaded once for all four phases: this loop is the most expensive part of the analysis.
 */
function interpolate4(buf: Float64Array, from: number, to: number, phases: Float64Array[]): number {
  const [p, q, r, s] = phases as [Float64Array, Float64Array, Float64Array, Float64Array];
  const p0 = p[0]!, p1 = p[1]!, p2 = p[2]!, p3 = p[3]!, p4 = p[4]!, p5 = p[5]!, p6 = p[6]!, p7 = p[7]!, p8 = p[8]!, p9 = p[9]!, p10 = p[10]!, p11 = p[11]!;
  const q0 = q[0]!, q1 = q[1]!, q2 = q[2]!, q3 = q[3]!, q4 = q[4]!, q5 = q[5]!, q6 = q[6]!, q7 = q[7]!, q8 = q[8]!, q9 = q[9]!, q10 = q[10]!, q11 = q[11]!;
  const r0 = r[0]!, r1 = r[1]!, r2 = r[2]!, r3 = r[3]!, r4 = r[4]!, r5 = r[5]!, r6 = r[6]!, r7 = r[7]!, r8 = r[8]!, r9 = r[9]!, r10 = r[10]!, r11 = r[11]!;
  const s0 = s[0]!, s1 = s[1]!, s2 = s[2]!, s3 = s[3]!, s4 = s[4]!, s5 = s[5]!, s6 = s[6]!, s7 = s[7]!, s8 = s[8]!, s9 = s[9]!, s10 = s[10]!, s11 = s[11]!;
  // w0 is the oldest sample of the window, w11 the newest.
  let w0 = buf[from]!, w1 = buf[from + 1]!, w2 = buf[from + 2]!, w3 = buf[from + 3]!, w4 = buf[from + 4]!, w5 = buf[from + 5]!;
  let w6 = buf[from + 6]!, w7 = buf[from + 7]!, w8 = buf[from + 8]!, w9 = buf[from + 9]!, w10 = buf[from + 10]!;
  let max = 0;
  for (let i = from; i < to; i++) {
    const w11 = buf[i + 11]!;
    let a = p0 * w11 + p1 * w10 + p2 * w9 + p3 * w8 + p4 * w7 + p5 * w6 + p6 * w5 + p7 * w4 + p8 * w3 + p9 * w2 + p10 * w1 + p11 * w0;
    let b = q0 * w11 + q1 * w10 + q2 * w9 + q3 * w8 + q4 * w7 + q5 * w6 + q6 * w5 + q7 * w4 + q8 * w3 + q9 * w2 + q10 * w1 + q11 * w0;
    let c = r0 * w11 + r1 * w10 + r2 * w9 + r3 * w8 + r4 * w7 + r5 * w6 + r6 * w5 + r7 * w4 + r8 * w3 + r9 * w2 + r10 * w1 + r11 * w0;
    let d = s0 * w11 + s1 * w10 + s2 * w9 + s3 * w8 + s4 * w7 + s5 * w6 + s6 * w5 + s7 * w4 + s8 * w3 + s9 * w2 + s10 * w1 + s11 * w0;
    if (a < 0) a = -a;
    if (b < 0) b = -b;
    if (c < 0) c = -c;
    if (d < 0) d = -d;
    if (a > max) max = a;
    if (b > max) max = b;
    if (c > max) max = c;
    if (d > max) max = d;
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
