// Timecode from the BWF time reference (samples since midnight of the take's first sample), at the
// file's own sample rate: the header's start time, the playhead's time of day, the reports' bext.timecode.

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const DAY_MS = 86_400_000;

/** HH:MM:SS.mmm of a sample count since midnight, wrapping past 24 h (a take recorded over midnight). */
export function timecodeFromSamples(samples: number, sampleRate: number): string {
  if (!(sampleRate > 0) || !Number.isFinite(samples) || samples < 0) return '--:--:--.---';
  // samples × 1000 first: an exact integer division where samples / rate × 1000 can land just below it.
  const ms = Math.floor((samples * 1000) / sampleRate) % DAY_MS;
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}`;
}

/** The time of day `seconds` into the take. */
export function timecodeAt(timeReferenceSamples: number, sampleRate: number, seconds: number): string {
  return timecodeFromSamples(timeReferenceSamples + Math.round(seconds * sampleRate), sampleRate);
}

/** Non-drop-frame SMPTE HH:MM:SS:FF at an integer frame rate (24, 25, 30). */
export function smpteFromSamples(samples: number, sampleRate: number, fps: number): string {
  if (!(sampleRate > 0) || !(fps > 0) || !Number.isFinite(samples) || samples < 0) return '--:--:--:--';
  const totalFrames = Math.floor((samples * fps) / sampleRate) % (86_400 * fps);
  const secs = Math.floor(totalFrames / fps);
  return `${pad(Math.floor(secs / 3600))}:${pad(Math.floor(secs / 60) % 60)}:${pad(secs % 60)}:${pad(totalFrames % fps)}`;
}
