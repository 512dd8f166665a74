// The waveform's vertical scale: linear (sample value), dB (−60…0 dBFS from the lane's centre line
// to its edge, mirrored), or normalised (linear with a display gain that brings the take's peak to
// the lane's edge, so a quiet take is not a flat line). Pure, tested in Node.

/** The vertical scales the waveform toolbar offers, in toolbar order. */
export const WAVE_SCALES = ['linear', 'db', 'normalised'] as const;
export type WaveScale = (typeof WAVE_SCALES)[number];

export function isWaveScale(v: unknown): v is WaveScale {
  return typeof v === 'string' && (WAVE_SCALES as readonly string[]).includes(v);
}

/** The dB scale's floor: as the meters, anything quieter than −60 dBFS sits on the centre line. */
export const WAVE_DB_FLOOR = -60;
/** A normalised view never lifts more than this: beyond it the view would show dither and noise. */
export const MAX_VIEW_GAIN_DB = 60;

/**
 * The display gain of the normalised view for a take peaking at `peakDbfs`: what brings the peak to
 * full scale, 0 for a take at or over full scale, 0 for silence (null), at most MAX_VIEW_GAIN_DB.
 */
export function viewGainDb(peakDbfs: number | null): number {
  if (peakDbfs === null || !Number.isFinite(peakDbfs)) return 0;
  return Math.min(MAX_VIEW_GAIN_DB, Math.max(0, -peakDbfs));
}

/**
 * Where a sample value (−1…1 is full scale) is drawn, as a signed fraction of the half lane
 * (1: the lane's top edge, −1: its bottom edge, 0: the centre line), clamped to the lane.
 */
export function sampleToLane(v: number, scale: WaveScale, gainDb = 0): number {
  if (!Number.isFinite(v) || v === 0) return 0;
  const a = Math.abs(v);
  let f: number;
  if (scale === 'db') f = (20 * Math.log10(a) - WAVE_DB_FLOOR) / -WAVE_DB_FLOOR;
  else if (scale === 'normalised') f = a * 10 ** (gainDb / 20);
  else f = a;
  return Math.sign(v) * Math.min(1, Math.max(0, f));
}

/**
 * The half-lane fraction of a level in dBFS on a scale; null when it lies beyond the lane's edge
 * (full scale in a normalised view lifted above 0 dB) or below the dB scale's floor.
 */
export function levelToLane(db: number, scale: WaveScale, gainDb = 0): number | null {
  let f: number;
  if (scale === 'db') f = (db - WAVE_DB_FLOOR) / -WAVE_DB_FLOOR;
  else f = 10 ** ((db + (scale === 'normalised' ? gainDb : 0)) / 20);
  // A hair of tolerance so that 0 dBFS at 0 dB gain lands on the edge, not just past it.
  return f > 1 + 1e-9 || f < 0 ? null : Math.min(1, f);
}

/** The reference lines a scale draws, as [label, dBFS]: full scale, plus the dB scale's steps. */
export function scaleLines(scale: WaveScale): [string, number][] {
  return scale === 'db'
    ? [
        ['0 dBFS', 0],
        ['-20', -20],
        ['-40', -40],
      ]
    : [['0 dBFS', 0]];
}

/** The toolbar's note for a scale: the display gain of a normalised view, e.g. "view +44.1 dB". */
export function scaleNote(scale: WaveScale, gainDb: number): string {
  if (scale === 'db') return `${WAVE_DB_FLOOR}…0 dBFS`;
  if (scale === 'normalised') return `view +${gainDb.toFixed(1)} dB`;
  return '';
}
