// In-place radix-2 complex FFT and a real-input power spectrum built on it. Sized once per
// detector; twiddles and bit reversal are precomputed so each transform only multiplies and adds.

export class RealFft {
  readonly size: number;
  private readonly half: number;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  private readonly rev: Uint32Array;
  /** cos/sin of 2πk/N, to split the half-size complex transform into the real one. */
  private readonly splitCos: Float64Array;
  private readonly splitSin: Float64Array;

  constructor(size: number) {
    if (size < 4 || (size & (size - 1)) !== 0) throw new Error(`FFT size must be a power of two ≥ 4, got ${size}`);
    this.size = size;
    const m = size >> 1;
    this.half = m;
    this.re = new Float64Array(m);
    this.im = new Float64Array(m);
    this.cos = new Float64Array(m >> 1);
    this.sin = new Float64Array(m >> 1);
    for (let k = 0; k < m >> 1; k++) {
      this.cos[k] = Math.cos((2 * Math.PI * k) / m);
      this.sin[k] = -Math.sin((2 * Math.PI * k) / m);
    }
    this.rev = new Uint32Array(m);
    const bits = Math.log2(m);
    for (let i = 0; i < m; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.rev[i] = r;
    }
    this.splitCos = new Float64Array(m + 1);
    this.splitSin = new Float64Array(m + 1);
    for (let k = 0; k <= m; k++) {
      this.splitCos[k] = Math.cos((2 * Math.PI * k) / size);
      this.splitSin[k] = Math.sin((2 * Math.PI * k) / size);
    }
  }

  /** |X_k|² for k = 0..N/2 of the real sequence `x` (length N) into `out` (length N/2 + 1). */
  powerSpectrum(x: Float64Array, out: Float64Array): void {
    const m = this.half;
    const re = this.re;
    const im = this.im;
    // Pack even samples as real and odd as imaginary parts: one N/2-point complex transform.
    for (let i = 0; i < m; i++) {
      const j = this.rev[i]!;
      re[j] = x[2 * i]!;
      im[j] = x[2 * i + 1]!;
    }
    for (let len = 2; len <= m; len <<= 1) {
      const halfLen = len >> 1;
      const step = m / len;
      for (let start = 0; start < m; start += len) {
        for (let k = 0, t = 0; k < halfLen; k++, t += step) {
          const c = this.cos[t]!;
          const s = this.sin[t]!;
          const a = start + k;
          const b = a + halfLen;
          const br = re[b]! * c - im[b]! * s;
          const bi = re[b]! * s + im[b]! * c;
          re[b] = re[a]! - br;
          im[b] = im[a]! - bi;
          re[a] = re[a]! + br;
          im[a] = im[a]! + bi;
        }
      }
    }
    for (let k = 0; k <= m; k++) {
      const k1 = k % m;
      const k2 = (m - k) % m;
      const zr = re[k1]!,
        zi = im[k1]!,
        cr = re[k2]!,
        ci = -im[k2]!;
      // X_k = (Z_k + conj Z_{m-k})/2 - i e^{-2πik/N} (Z_k - conj Z_{m-k})/2
      const er = (zr + cr) / 2,
        ei = (zi + ci) / 2;
      const orr = (zr - cr) / 2,
        oi = (zi - ci) / 2;
      const wr = this.splitCos[k]!,
        wi = -this.splitSin[k]!;
      // -i * w * o
      const tr = wr * orr - wi * oi;
      const ti = wr * oi + wi * orr;
      const xr = er + ti;
      const xi = ei - tr;
      out[k] = xr * xr + xi * xi;
    }
  }
}

/** Periodic Hann window of length n. */
export function hann(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n));
}
