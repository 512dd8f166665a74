// The measured noise floor (the quietest 50 ms windows, from the meters) and the shape of its
// spectrum (from the spectrum detector's quiet frames): what kind of noise it is says where it comes
// from. The comparison with what the rig predicts is in chain.ts.

import { formatDb } from '../../format';
import type { MetersForDiagnosis } from './types';
import type { Diagnosis } from './codes';

export const noiseThresholds = {
  /** The floor is measurable only when the loudest windows are this far above it (the take has pauses). */
  belowProgrammeDb: 20,
  /**
   * A floor above this (dBFS) is high for a recording: hum, a noisy preamp at high gain, or room
   * noise. Below it the floor is only a measurement (in `diagnosis`, for the rig's comparison), not
   * a finding of its own.
   */
  highDbfs: -50,
};

/** Whether a diagnosis is also a finding: a quiet noise floor is a figure, not a problem. */
export function isFinding(d: Diagnosis): boolean {
  return d.code !== 'noise-floor' || d.value > noiseThresholds.highDbfs;
}

export interface NoiseShape {
  /** Octave bands: centre frequency and mean energy in the quiet frames. */
  bands: { hz: number; energy: number }[];
}

/** Slope of the noise's spectral density in dB per octave (0 white, −3 pink) and whether the lowest octaves dominate. */
export function describeShape(shape: NoiseShape): { slopeDbPerOctave: number; words: string } | null {
  // Density per Hz: an octave band is twice as wide as the one below it.
  const pts = shape.bands.filter((b) => b.hz >= 60 && b.hz <= 8100 && b.energy > 0).map((b, i) => ({ x: i, y: 10 * Math.log10(b.energy / b.hz) }));
  if (pts.length < 4) return null;
  const mx = pts.reduce((s, p) => s + p.x, 0) / pts.length;
  const my = pts.reduce((s, p) => s + p.y, 0) / pts.length;
  const slope = pts.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0) / pts.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const low = Math.max(...pts.slice(0, 2).map((p) => p.y));
  const sorted = pts.map((p) => p.y).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  let words: string;
  if (low - median >= 15 && slope < -4.5) words = 'dominated by the lowest octaves (hum, rumble, wind or handling)';
  else if (slope > 2) words = 'rising toward the highs (hiss, or noise-shaped dither)';
  else if (slope >= -1.5) words = 'flat (white: preamp or converter hiss)';
  else if (slope >= -4.5) words = 'falling about 3 dB per octave (pink: room noise, air conditioning, traffic)';
  else words = 'falling steeply toward the highs (rumble or a low-passed source)';
  return { slopeDbPerOctave: Math.round(slope * 10) / 10, words };
}

/**
 * The noise floor of the take (plain RMS convention, whatever the meters use: `rmsOffsetDb` is taken
 * off), with its spectrum's shape, when the take has pauses to measure it in.
 */
export function noiseFloorFindings(
  m: MetersForDiagnosis,
  rmsOffsetDb: number,
  shapeOf: (channel: number) => NoiseShape | null,
  hum: ReadonlyMap<number, Diagnosis>,
): Diagnosis[] {
  // One finding per take: the channel with the highest measurable floor speaks for the chain.
  let worst: { channel: number; floor: number } | null = null;
  for (const c of m.channels) {
    const floor = c.noiseFloorDbfs;
    const loudest = c.rmsWindowMaxDbfs;
    if (c.silent || floor === null || loudest === null || loudest - floor < noiseThresholds.belowProgrammeDb) continue;
    if (!worst || floor - rmsOffsetDb > worst.floor) worst = { channel: c.index, floor: floor - rmsOffsetDb };
  }
  if (!worst) return [];
  const label = m.channels[worst.channel]!.label;
  const shape = shapeOf(worst.channel);
  const described = shape ? describeShape(shape) : null;
  const high = worst.floor > noiseThresholds.highDbfs;
  const spectrum = described ? `, its spectrum ${described.words}` : '';
  const humNote = hum.has(worst.channel) ? '; hum is part of it (see the hum finding)' : '';
  const advice = high ? ': check for hum, a noisy preamp at high gain, or room noise' : '';
  return [
    {
      code: 'noise-floor',
      severity: 'info',
      stage: 'preamp',
      value: Math.round(worst.floor * 10) / 10,
      unit: 'dBFS',
      channel: worst.channel,
      message: `Noise floor ${formatDb(worst.floor, 'dBFS')} on ${label} (quietest 50 ms windows)${spectrum}${humNote}${advice}.`,
    },
  ];
}
