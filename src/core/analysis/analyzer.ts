// Every meter in one streaming pass. Each channel of a block is walked once for the sample-domain
// statistics, the peak pyramid and the chunk summary (chunks.ts); the true-peak meter then looks
// again only at the chunks that can raise its maximum (truepeak.ts), and K-weighting runs over the
// block channel pair by channel pair (kweighting.ts). Only compact per-100 ms data and a capped peak
// pyramid survive between blocks, so memory is bounded whatever the length.

import type { PlanarBlock } from '../wav/types';
import { ABS_MAX, BitsView, CHUNK, ChunkSummary, D2_MAX, HI, LO, reduceF32, reduceF64, reduceSamples, SLOTS, SUM, SUM_SQ, X1, X2, ZERO } from './chunks';
import { DiagnosisRunner } from './diagnosis';
import { LOUDNESS_WEIGHTS, loudnessChannelMap } from './channelMap';
import { KWeighting } from './kweighting';
import { LoudnessMeter } from './loudness';
import { PeakPyramid } from './pyramid';
import { TruePeakMeter } from './truepeak';
import { MAX_EVENTS, type AnalysisOptions, type ClipEvent, type Db, type Measurements, type PartialMeasurements, type StreamFormat } from './types';
import { resolveAnalysisOptions } from './options';
import { plural } from '../format';

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
export function clipLevels(
  format: Pick<StreamFormat, 'encoding' | 'bitsPerSample' | 'validBitsPerSample'>,
  threshold: number | null,
): { pos: number; neg: number } {
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
  readonly bits = new BitsView();
  /** 64-bit float channels: the largest |x| of each 64-sample chunk of the current block (the true-peak meter's skip). */
  chunkMax = new Float64Array(0);

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
  private readonly windowFrames: number;
  private readonly loudness: LoudnessMeter;
  private readonly pyramid: PeakPyramid;
  private readonly clipEvents: ClipEvent[] = [];
  private framesDone = 0;
  private crossSum = 0;
  /** The running values of the sample pass's pieces (chunks.ts). */
  private readonly acc = new Float64Array(SLOTS);
  /** Loudness and true peak; none in sample-only mode. */
  private readonly kWeighting: KWeighting | null;
  private readonly truePeak: TruePeakMeter | null;
  /** The chain-diagnosis detectors (diagnosis/), fed every block with the chunk summary; none in sample-only mode. */
  private readonly diagnosis: DiagnosisRunner | null;
  private readonly summary: ChunkSummary;

  constructor(
    private readonly format: StreamFormat,
    options: Partial<AnalysisOptions> = {},
  ) {
    this.options = resolveAnalysisOptions(options);
    this.clip = clipLevels(format, this.options.clipThreshold);
    const map = format.loudnessChannels ?? loudnessChannelMap(format.channels, format.channelMask);
    if (map.length !== format.channels)
      throw new RangeError(`the loudness channel map has ${plural(map.length, 'channel')} for a take of ${plural(format.channels, 'channel')}`);
    this.ch = format.channelLabels.slice(0, format.channels).map((label, i) => new ChannelState(i, label, LOUDNESS_WEIGHTS[map[i]!]));
    this.windowFrames = Math.max(1, Math.round(format.sampleRate / 20));
    this.loudness = new LoudnessMeter(format.sampleRate);
    this.pyramid = new PeakPyramid(format.channels, this.options.pyramidBaseBucket);
    const full = this.options.meters === 'all';
    this.kWeighting = full
      ? new KWeighting(
          format.sampleRate,
          this.ch.map((c) => c.weight),
        )
      : null;
    this.truePeak = full ? new TruePeakMeter(this.ch.length, format.sampleRate, this.clip.pos) : null;
    const diagnosis = full
      ? new DiagnosisRunner(
          { format, clipThreshold: this.clip.pos, rmsOffsetDb: this.options.rmsConvention === 'aes17' ? 20 * Math.log10(Math.SQRT2) : 0 },
          this.options.detectors,
        )
      : null;
    this.diagnosis = diagnosis?.active ? diagnosis : null;
    this.summary = new ChunkSummary(format.channels);
  }

  process(block: PlanarBlock): void {
    const n = block.frames;
    if (n === 0) return;
    const start = this.framesDone;
    this.pyramid.reserve(n);
    // 64-bit float files are measured at full precision; the detectors read the float32 copy,
    // summarised on its own. Every other block is summarised in the meters' own pass.
    const wide = block.wide;
    const summary = this.summary;
    summary.begin(n);
    const chans: Samples[] = wide ?? block.channels;
    for (const c of this.ch) {
      const x = chans[c.index]!;
      this.samplePass(c, x, n, start, wide ? block.channels[c.index] : undefined);
      this.truePeak?.process(c.index, x, n, start, wide ? c.chunkMax : summary.maxAbs[c.index]!, c.peak);
    }
    if (wide && this.diagnosis) summary.compute(block.channels, n, start === 0);
    if (this.kWeighting) {
      this.kWeighting.process(chans, n, this.loudness);
      this.loudness.endBlock(n);
    }
    if (this.ch.length >= 2) this.crossSum += dotProduct(chans[0]!, chans[1]!, n);
    this.diagnosis?.process(block, summary);
    this.pyramid.commit(n);
    this.framesDone += n;
  }

  /**
   * Sample-domain statistics, the peak pyramid and the chunk summary in one walk over a channel. The
   * block is cut into pieces at every 50 ms window boundary and every pyramid bucket boundary, so the
   * reduction (chunks.ts) carries no bookkeeping of its own. A Float32 channel fills the summary on
   * the way; a 64-bit float channel (`narrow` its float32 copy) only its own chunk maxima.
   */
  private samplePass(c: ChannelState, x: Samples, n: number, start: number, narrow: Float32Array | undefined): void {
    const s = this.acc;
    const { pos, neg } = this.clip;
    const W = this.windowFrames;
    const pyr = this.pyramid;
    const B = pyr.bucketFrames;
    let bucketFill = pyr.bucketFill;
    let bucket = pyr.bucketCount;
    if (!(x instanceof Float32Array) && c.chunkMax.length * CHUNK < n) c.chunkMax = new Float64Array(Math.ceil(n / CHUNK));
    if (start === 0) this.prime(c, x, n, start, narrow);
    s[LO] = pyr.currentMin(c.index);
    s[HI] = pyr.currentMax(c.index);
    s[ABS_MAX] = 0;
    s[ZERO] = 0;
    s[D2_MAX] = 0;
    s[X1] = this.summary.x1[c.index]!;
    s[X2] = this.summary.x2[c.index]!;
    for (let i = 0; i < n;) {
      const end = Math.min(n, i + (W - c.winFill), i + (B - bucketFill));
      const max = this.reduce(c, x, i, end, n, start, narrow);
      if (max > c.peak) {
        // A new peak is rare after the first seconds: find where it is only then.
        let at = i;
        while (Math.abs(x[at]!) !== max) at++;
        c.peak = max;
        c.peakFrame = start + at;
      }
      c.sum += s[SUM]!;
      c.sumSq += s[SUM_SQ]!;
      // Clipping is rare: only a piece whose bucket so far reaches full scale is scanned sample by sample.
      if (s[HI]! >= pos || s[LO]! <= neg) this.scanClips(c, x, i, end, start);
      else if (c.runLen !== 0) this.endRun(c);
      bucketFill += end - i;
      if (bucketFill === B) {
        pyr.store(c.index, bucket++, s[LO]!, s[HI]!);
        bucketFill = 0;
        s[LO] = Infinity;
        s[HI] = -Infinity;
      }
      c.winSumSq += s[SUM_SQ]!;
      c.winFill += end - i;
      if (c.winFill === W) {
        this.closeWindow(c, c.winSumSq / W);
        c.winSumSq = 0;
        c.winFill = 0;
      }
      i = end;
    }
    pyr.setCurrent(c.index, s[LO]!, s[HI]!);
    this.summary.x1[c.index] = s[X1]!;
    this.summary.x2[c.index] = s[X2]!;
  }

  /**
   * The reduction of the piece [from, to) into this.acc; returns its largest |x|. One NaN or
   * infinity makes the sum of squares NaN or infinite: only then is the piece cleaned and reduced
   * again from the values it started with, so finite audio pays one comparison per piece.
   */
  private reduce(c: ChannelState, x: Samples, from: number, to: number, n: number, start: number, narrow: Float32Array | undefined): number {
    const s = this.acc;
    const lo = s[LO]!,
      hi = s[HI]!,
      max = s[ABS_MAX]!,
      zero = s[ZERO]!,
      d2 = s[D2_MAX]!,
      x1 = s[X1]!,
      x2 = s[X2]!;
    const top = this.reduceOnce(c, x, from, to, n);
    if (s[SUM_SQ]! < Infinity) return top;
    this.dropNonFinite(c, x, from, to, start, narrow);
    s[LO] = lo;
    s[HI] = hi;
    s[ABS_MAX] = max;
    s[ZERO] = zero;
    s[D2_MAX] = d2;
    s[X1] = x1;
    s[X2] = x2;
    return this.reduceOnce(c, x, from, to, n);
  }

  private reduceOnce(c: ChannelState, x: Samples, from: number, to: number, n: number): number {
    // Sample-only mode has no true peak and no detectors to read the chunk summary.
    if (!this.truePeak) return reduceSamples(x, from, to, this.acc);
    const m = this.summary;
    const k = c.index;
    return x instanceof Float32Array
      ? reduceF32(x, c.bits.of(x), from, to, n, this.acc, m.maxAbs[k]!, m.hasZero[k]!, m.maxD2[k]!)
      : reduceF64(x, from, to, n, this.acc, c.chunkMax);
  }

  /** The take's first two samples, cleaned of NaN, start the chunk summary's second difference. */
  private prime(c: ChannelState, x: Samples, n: number, start: number, narrow: Float32Array | undefined): void {
    this.dropNonFinite(c, x, 0, Math.min(n, 2), start, narrow);
    this.summary.prime(c.index, x, n);
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

  partial(): PartialMeasurements {
    const rmsOffset = this.options.rmsConvention === 'aes17' ? 20 * Math.log10(Math.SQRT2) : 0;
    const n = this.framesDone;
    return {
      framesDone: n,
      channels: this.ch.map((c) => ({
        index: c.index,
        label: c.label,
        samplePeakDbfs: toDb(c.peak),
        truePeakDbtp: toDb(Math.max(this.truePeak?.truePeak(c.index) ?? 0, c.peak)),
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
      const tp = full ? Math.max(this.truePeak?.truePeak(c.index) ?? 0, c.peak) : c.peak;
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
      clipping: { events: this.clipEvents, overs: this.truePeak?.overs ?? [] },
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

/** sum l[i] r[i] over [0, n), in two interleaved sums so that consecutive adds do not wait for each other. */
function dotProduct(l: Samples, r: Samples, n: number): number {
  let even = 0;
  let odd = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    even += l[i]! * r[i]!;
    odd += l[i + 1]! * r[i + 1]!;
  }
  if (i < n) even += l[i]! * r[i]!;
  return even + odd;
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
