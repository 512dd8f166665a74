// Synthetic ground truth for the chain-diagnosis detectors: programme-like signals and the faults a
// chain puts into them (an analog clip before an anti-alias filter, 16-bit words, resampling,
// dropouts, repeated buffers, clicks, hum, inverted and delayed copies), all built in code.

/** Deterministic uniform noise in [-0.5, 0.5). */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296 - 0.5;
  };
}

/**
 * Programme-like material at `rate`: plucked notes with harmonics under a changing envelope, a
 * breath of broadband noise, peaking near `peak` (linear). Phrases of 2 s and pauses of 1 s (digital
 * silence) when `pauses`.
 */
export function programme(seconds: number, rate: number, peak: number, seed = 1, pauses = false): Float64Array {
  const n = Math.round(seconds * rate);
  const r = rng(seed);
  const out = new Float64Array(n);
  const notes = [110, 146.83, 196, 261.63, 329.63, 392, 523.25];
  const noteLen = Math.round(rate * 0.25);
  // Two voices: the note sounding and the one before it, released over a few ms (no steps).
  let cur = { f: notes[0]!, amp: 1, start: 0 };
  let prev: typeof cur | null = null;
  const voice = (v: typeof cur, i: number) => {
    const t = (i - v.start) / rate;
    const tt = i / rate;
    const env = v.amp * (1 - Math.exp(-t / 0.004)) * Math.exp(-t * 6);
    return env * (Math.sin(2 * Math.PI * v.f * tt) + 0.5 * Math.sin(2 * Math.PI * 2 * v.f * tt + 0.3) + 0.25 * Math.sin(2 * Math.PI * 3 * v.f * tt + 1.1));
  };
  let breath = 0;
  for (let i = 0; i < n; i++) {
    if (i - cur.start >= noteLen) {
      prev = cur;
      cur = { f: notes[Math.floor((r() + 0.5) * notes.length)]!, amp: 0.5 + (r() + 0.5) * 0.5, start: i };
    }
    let v = voice(cur, i);
    if (prev) v += voice(prev, i) * Math.exp(-(i - cur.start) / (rate * 0.004));
    // Broadband noise, low-passed a little so it is a breath rather than a hiss.
    breath = 0.7 * breath + 0.3 * r();
    const tt = i / rate;
    // Phrases of 2 s and pauses of 1 s, faded over 25 ms.
    const gate = pauses ? Math.min(1, Math.max(0, Math.abs((tt % 3) - 2.5) * 40 - 19)) : 1;
    out[i] = gate * (v * 0.55 + breath * 0.02);
  }
  let max = 0;
  for (const v of out) max = Math.max(max, Math.abs(v));
  for (let i = 0; i < n; i++) out[i] = (out[i]! / max) * peak;
  return out;
}

/** Windowed-sinc (Blackman) low-pass: `cutoff` as a fraction of the sample rate. */
export function lowpass(taps: number, cutoff: number): Float64Array {
  const h = new Float64Array(taps);
  const m = (taps - 1) / 2;
  let sum = 0;
  for (let i = 0; i < taps; i++) {
    const x = i - m;
    const sinc = x === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
    const w = 0.42 - 0.5 * Math.cos((2 * Math.PI * i) / (taps - 1)) + 0.08 * Math.cos((4 * Math.PI * i) / (taps - 1));
    h[i] = sinc * w;
    sum += h[i]!;
  }
  for (let i = 0; i < taps; i++) h[i]! /= sum;
  return h;
}

/** Filters `x` with `h` and keeps every `factor`-th output (same length semantics: output length = floor(n / factor)). */
export function filterDecimate(x: Float64Array, h: Float64Array, factor: number): Float64Array {
  const m = (h.length - 1) >> 1;
  const out = new Float64Array(Math.floor(x.length / factor));
  for (let o = 0; o < out.length; o++) {
    const c = o * factor;
    let s = 0;
    for (let k = 0; k < h.length; k++) {
      const i = c + m - k;
      if (i >= 0 && i < x.length) s += h[k]! * x[i]!;
    }
    out[o] = s;
  }
  return out;
}

/** Upsamples by an integer factor: zero-stuffing, then the low-pass (gain × factor). */
export function upsample(x: Float64Array, factor: number, h: Float64Array): Float64Array {
  const stuffed = new Float64Array(x.length * factor);
  for (let i = 0; i < x.length; i++) stuffed[i * factor] = x[i]! * factor;
  return filterDecimate(stuffed, h, 1);
}

/**
 * An analog stage that clips at `clipLevel` (linear, at the converter's scale) before a converter:
 * the programme is made at 4× the rate, clipped there (hard or soft), low-passed by the anti-alias
 * filter, decimated and written with noise at -100 dBFS, as a converter would.
 */
export function analogClipped(seconds: number, rate: number, drive: number, clipLevel: number, seed = 1, soft = false): Float64Array {
  const hi = programme(seconds, rate * 4, drive * clipLevel, seed);
  for (let i = 0; i < hi.length; i++) {
    const v = hi[i]!;
    hi[i] = soft ? clipLevel * Math.tanh(v / clipLevel) : Math.max(-clipLevel, Math.min(clipLevel, v));
  }
  const y = filterDecimate(hi, lowpass(255, 0.45 / 4), 4);
  const r = rng(seed + 99);
  for (let i = 0; i < y.length; i++) y[i]! += (r() + r()) * 1e-5;
  return y;
}

/** Rounds to `bits`-bit words (as a converter or a file of that width would). */
export function quantize(x: Float64Array, bits: number): Float32Array {
  const q = 2 ** (bits - 1);
  return Float32Array.from(x, (v) => Math.max(-q, Math.min(q - 1, Math.round(v * q))) / q);
}

/** `bits`-bit words with triangular dither, as a recorder that dithers would write them. */
export function ditherTo(x: Float64Array, bits: number, seed = 5): Float32Array {
  const r = rng(seed);
  const q = 2 ** (bits - 1);
  return Float32Array.from(x, (v) => Math.max(-q, Math.min(q - 1, Math.round(v * q + r() + r()))) / q);
}

/** Adds mains hum: `f0` and the given harmonics (all at `levelDbfs` RMS together, split equally). */
export function addHum(x: Float64Array, rate: number, f0: number, harmonics: number[], levelDbfs: number): Float64Array {
  const rms = 10 ** (levelDbfs / 20);
  const a = (rms * Math.SQRT2) / Math.sqrt(harmonics.length);
  return x.map((v, i) => v + harmonics.reduce((s, h) => s + a * Math.sin((2 * Math.PI * f0 * h * i) / rate + h), 0));
}
