// The one walk over each channel of a block that the meters and the detectors share. A piece of a
// channel is reduced to its sum and sum of squares and its signed extremes, and each 64-sample chunk
// of the block (chunk k is frames [64k, 64k + 64)) to its largest magnitude, whether it holds an
// exact zero, and its largest second difference (x[i] − 2x[i−1] + x[i−2]). The analyser cuts pieces
// at its own boundaries (RMS windows, pyramid buckets); the chunks' figures go to a ChunkSummary, by
// which the true-peak meter skips chunks and the detectors look at samples one by one only where
// they point.

export const CHUNK = 64;
const CHUNK_BITS = 6;

/** Slots of the running values (a Float64Array shared by the reductions and their caller). */
export const SUM = 0;
export const SUM_SQ = 1;
/** Signed extremes: running across pieces until the caller resets them (per pyramid bucket). */
export const LO = 2;
export const HI = 3;
/** The chunk in progress: largest |x|, -1 if an exact zero was seen (else 0), largest |second difference|. */
export const ABS_MAX = 4;
export const ZERO = 5;
export const D2_MAX = 6;
/** The two samples before the piece, for the second difference. */
export const X1 = 7;
export const X2 = 8;
export const SLOTS = 9;

/** A float32 seen through its bits: for non-negative floats the order of the bits as integers is the order of the values. */
const bitsI = new Int32Array(1);
const bitsF = new Float32Array(bitsI.buffer);

function bitsOf(v: number): number {
  bitsF[0] = v;
  return bitsI[0]!;
}

function floatOf(bits: number): number {
  bitsI[0] = bits;
  return bitsF[0]!;
}

/**
 * Frames [from, to) of a block of n Float32 frames, `u` the same samples' bits, into `s` and the
 * summary's arrays for the chunks that end in the piece. Returns the piece's largest |x|.
 *
 * The magnitudes' maximum and the zero test run on the bits with integer arithmetic and no branch:
 * a branch on audio mispredicts every time a new maximum turns up, several times per chunk. The
 * signed extremes, which run over a whole pyramid bucket, rarely change and are branches; written
 * as Math.min and Math.max together in one loop, V8 (11.3) compiles them into code several times
 * slower.
 */
export function reduceF32(
  x: Float32Array,
  u: Int32Array,
  from: number,
  to: number,
  n: number,
  s: Float64Array,
  maxAbs: Float32Array,
  hasZero: Uint8Array,
  maxD2: Float32Array,
): number {
  let sum = 0;
  let sumSq = 0;
  let lo = s[LO]!;
  let hi = s[HI]!;
  let amax = bitsOf(s[ABS_MAX]!);
  let zero = s[ZERO]! | 0;
  let dmax = s[D2_MAX]!;
  let x1 = s[X1]!;
  let x2 = s[X2]!;
  let top = 0;
  for (let i = from; i < to;) {
    const end = Math.min(to, ((i >> CHUNK_BITS) + 1) << CHUNK_BITS);
    for (; i < end; i++) {
      const v = x[i]!;
      sum += v;
      sumSq += v * v;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
      const a = u[i]! & 0x7fffffff;
      // max(a, amax) without a branch: a - amax cannot overflow, both being below 2^31.
      const d = a - amax;
      amax = a - (d & (d >> 31));
      zero |= (a - 1) >> 31;
      dmax = Math.max(dmax, Math.abs(v - 2 * x1 + x2));
      x2 = x1;
      x1 = v;
    }
    if ((i & (CHUNK - 1)) === 0 || i === n) {
      const k = (i - 1) >> CHUNK_BITS;
      maxAbs[k] = floatOf(amax);
      hasZero[k] = zero & 1;
      maxD2[k] = dmax;
      const t = top - amax;
      top = top - (t & (t >> 31));
      amax = 0;
      zero = 0;
      dmax = 0;
    }
  }
  const t = top - amax;
  top = top - (t & (t >> 31));
  s[SUM] = sum;
  s[SUM_SQ] = sumSq;
  s[LO] = lo;
  s[HI] = hi;
  s[ABS_MAX] = floatOf(amax);
  s[ZERO] = zero;
  s[D2_MAX] = dmax;
  s[X1] = x1;
  s[X2] = x2;
  return floatOf(top);
}

/**
 * Frames [from, to) of a block of n Float64 frames (64-bit float files): the meters' figures only,
 * the chunks' largest |x| into `chunkMax`; the detectors' summary comes from the block's float32 copy.
 */
export function reduceF64(x: Float64Array, from: number, to: number, n: number, s: Float64Array, chunkMax: Float64Array): number {
  let sum = 0;
  let sumSq = 0;
  let lo = s[LO]!;
  let hi = s[HI]!;
  let amax = s[ABS_MAX]!;
  let top = 0;
  for (let i = from; i < to;) {
    const end = Math.min(to, ((i >> CHUNK_BITS) + 1) << CHUNK_BITS);
    for (; i < end; i++) {
      const v = x[i]!;
      sum += v;
      sumSq += v * v;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
      amax = Math.max(amax, Math.abs(v));
    }
    if ((i & (CHUNK - 1)) === 0 || i === n) {
      chunkMax[(i - 1) >> CHUNK_BITS] = amax;
      top = Math.max(top, amax);
      amax = 0;
    }
  }
  s[SUM] = sum;
  s[SUM_SQ] = sumSq;
  s[LO] = lo;
  s[HI] = hi;
  s[ABS_MAX] = amax;
  return Math.max(top, amax);
}

/**
 * Frames [from, to) for the sample-domain meters alone (no true peak, no detectors): the sums and
 * the signed extremes, without the chunk summary nobody reads. Returns the piece's largest |x|.
 */
export function reduceSamples(x: Float32Array | Float64Array, from: number, to: number, s: Float64Array): number {
  let sum = 0;
  let sumSq = 0;
  let mn = Infinity;
  let mx = -Infinity;
  for (let i = from; i < to; i++) {
    const v = x[i]!;
    sum += v;
    sumSq += v * v;
    mn = Math.min(mn, v);
    mx = Math.max(mx, v);
  }
  s[SUM] = sum;
  s[SUM_SQ] = sumSq;
  s[LO] = Math.min(s[LO]!, mn);
  s[HI] = Math.max(s[HI]!, mx);
  return Math.max(mx, -mn, 0);
}

/** The bits of a Float32Array, cached for the arrays the reader reuses from block to block. */
export class BitsView {
  private source: Float32Array | null = null;
  private view: Int32Array = new Int32Array(0);

  of(x: Float32Array): Int32Array {
    if (x !== this.source) {
      this.source = x;
      this.view = new Int32Array(x.buffer, x.byteOffset, x.length);
    }
    return this.view;
  }
}

/** Per channel and per 64-sample chunk of the current block, what the detectors read. */
export class ChunkSummary {
  readonly maxAbs: Float32Array[];
  /** 1 where the chunk holds an exact zero. */
  readonly hasZero: Uint8Array[];
  readonly maxD2: Float32Array[];
  chunks = 0;
  /** Per channel, the last two samples of the blocks so far (for the second difference). */
  readonly x1: Float64Array;
  readonly x2: Float64Array;
  private capacity = 0;
  private readonly bits: BitsView[];
  private readonly acc = new Float64Array(SLOTS);

  constructor(channels: number) {
    this.maxAbs = Array.from({ length: channels }, () => new Float32Array(0));
    this.hasZero = Array.from({ length: channels }, () => new Uint8Array(0));
    this.maxD2 = Array.from({ length: channels }, () => new Float32Array(0));
    this.x1 = new Float64Array(channels);
    this.x2 = new Float64Array(channels);
    this.bits = Array.from({ length: channels }, () => new BitsView());
  }

  /** Sizes the arrays for a block of n frames. */
  begin(n: number): void {
    const chunks = Math.ceil(n / CHUNK);
    if (chunks > this.capacity) {
      this.capacity = chunks;
      for (let c = 0; c < this.maxAbs.length; c++) {
        this.maxAbs[c] = new Float32Array(chunks);
        this.hasZero[c] = new Uint8Array(chunks);
        this.maxD2[c] = new Float32Array(chunks);
      }
    }
    this.chunks = chunks;
  }

  /**
   * For the take's first block: before its first sample the line through its first two is extended,
   * so the second differences there are 0 rather than a jump from silence.
   */
  prime(c: number, x: Float32Array | Float64Array, n: number): void {
    const back = n > 1 ? 2 * x[0]! - x[1]! : x[0]!;
    this.x1[c] = back;
    this.x2[c] = 2 * back - x[0]!;
  }

  /** The summary of a block on its own (`first`: the take's first block), for callers that have not walked it already (64-bit float blocks, benchmarks). */
  compute(channels: readonly Float32Array[], n: number, first: boolean): void {
    this.begin(n);
    const s = this.acc;
    for (let c = 0; c < this.maxAbs.length; c++) {
      const x = channels[c]!;
      const u = this.bits[c]!.of(x);
      if (first) this.prime(c, x, n);
      s[X1] = this.x1[c]!;
      s[X2] = this.x2[c]!;
      s[LO] = Infinity;
      s[HI] = -Infinity;
      s[ABS_MAX] = 0;
      s[ZERO] = 0;
      s[D2_MAX] = 0;
      reduceF32(x, u, 0, n, n, s, this.maxAbs[c]!, this.hasZero[c]!, this.maxD2[c]!);
      this.x1[c] = s[X1]!;
      this.x2[c] = s[X2]!;
    }
  }
}
