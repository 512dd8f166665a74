// K-weighting (ITU-R BS.1770-4): a high-shelf pre-filter then the RLB high-pass. The standard
// tabulates coefficients only for 48 kHz; we derive them for any rate from the analog prototype
// parameters that reproduce that table (as libebur128 and ffmpeg do).

export interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

function preFilter(sampleRate: number): Biquad {
  const f0 = 1681.974450955533;
  const G = 3.999843853973347;
  const Q = 0.7071752369554196;
  const K = Math.tan((Math.PI * f0) / sampleRate);
  const Vh = 10 ** (G / 20);
  const Vb = Vh ** 0.4996667741545416;
  const a0 = 1 + K / Q + K * K;
  return {
    b0: (Vh + (Vb * K) / Q + K * K) / a0,
    b1: (2 * (K * K - Vh)) / a0,
    b2: (Vh - (Vb * K) / Q + K * K) / a0,
    a1: (2 * (K * K - 1)) / a0,
    a2: (1 - K / Q + K * K) / a0,
  };
}

function rlbHighPass(sampleRate: number): Biquad {
  const f0 = 38.13547087602444;
  const Q = 0.5003270373238773;
  const K = Math.tan((Math.PI * f0) / sampleRate);
  const a0 = 1 + K / Q + K * K;
  // The RLB numerator stays [1, -2, 1] unnormalised, as in the standard's table.
  return { b0: 1, b1: -2, b2: 1, a1: (2 * (K * K - 1)) / a0, a2: (1 - K / Q + K * K) / a0 };
}

export function kWeightingFilters(sampleRate: number): { shelf: Biquad; highpass: Biquad } {
  return { shelf: preFilter(sampleRate), highpass: rlbHighPass(sampleRate) };
}

/** BS.1770 channel weight from a reader label: surrounds 1.41, LFE excluded, everything else 1. */
export function loudnessWeight(label: string): number {
  if (label === 'LFE') return 0;
  if (['Ls', 'Rs', 'BL', 'BR', 'SL', 'SR'].includes(label)) return 1.41;
  return 1;
}
