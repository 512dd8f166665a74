// Number and time formatting shared by the CLI, the extension and the webviews, so a figure reads
// the same everywhere.

/** A figure that does not exist (null: silence, too short, not measured) reads "n/a", never -∞, Infinity or NaN. */
export const NOT_AVAILABLE = 'n/a';

export function formatDb(db: number | null | undefined, unit: string, digits = 1): string {
  if (db === null || db === undefined || !Number.isFinite(db)) return NOT_AVAILABLE;
  return `${db.toFixed(digits)} ${unit}`;
}

/** A level as a bare number for tables and data files: fixed decimals, "n/a" when there is none. */
export function formatLevelCell(v: number | null, digits = 1): string {
  return v === null || !Number.isFinite(v) ? NOT_AVAILABLE : v.toFixed(digits);
}

/**
 * A figure that can have no value at all, unlike a level, whose null is silence (−∞): the crest
 * factor or noise floor of a silent channel, the loudness range of a take too short to measure.
 */
export function formatOptional(v: number | null | undefined, unit: string, digits = 1): string {
  return v === null || v === undefined ? 'n/a' : `${v.toFixed(digits)}${unit ? ` ${unit}` : ''}`;
}

/** "1 take", "2 takes"; `many` for irregular plurals ("1 passage", "3 passages" need none). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function formatGain(db: number | null): string {
  if (db === null || !Number.isFinite(db)) return NOT_AVAILABLE;
  return `${db >= 0 ? '+' : ''}${db.toFixed(1)} dB`;
}

/** m:ss.mmm (h:mm:ss.mmm past an hour); `decimals` digits of the second (3 by default, 0 for m:ss). */
export function formatTime(seconds: number, decimals = 3): string {
  const unit = 10 ** decimals;
  const total = Math.round(seconds * unit);
  const whole = Math.floor(total / unit);
  const s = whole % 60;
  const m = Math.floor(whole / 60) % 60;
  const h = Math.floor(whole / 3600);
  const tail = `${String(s).padStart(2, '0')}${decimals > 0 ? `.${String(total % unit).padStart(decimals, '0')}` : ''}`;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${tail}` : `${m}:${tail}`;
}
