// What dropouts, repeated buffers and clicks have in common: each is an event at a frame, too many
// to list one by one past a point, and, when the interface's driver caused them, they fall on the
// grid of its buffer.

import { formatTime } from '../../format';
import type { Diagnosis } from './codes';

/** Events listed one by one before the rest are summed up. */
export const MAX_LISTED = 10;
/** Stored events are capped; counts keep going. */
export const MAX_EVENTS = 1000;

/** Buffer sizes drivers use: powers of two, and 5 or 10 ms at 44.1, 48 and 96 kHz. */
export const BUFFER_SIZES = [32, 48, 64, 96, 128, 192, 240, 256, 384, 441, 480, 512, 768, 882, 960, 1024, 1536, 2048, 4096] as const;

export interface GlitchEvent {
  frame: number;
  /** Length in frames (0 for a click). */
  frames: number;
  /** -1: every channel at once. */
  channel: number;
  /** The measured figure (dBFS of the click, length of the dropout…). */
  value: number;
}

/**
 * The largest buffer size whose grid every event start falls on (within one frame), when there are
 * at least three events: the driver's buffer, the likely cause. Null when the events share no grid.
 */
export function bufferGrid(frames: readonly number[]): number | null {
  if (frames.length < 3) return null;
  for (const size of [...BUFFER_SIZES].sort((a, b) => b - a)) {
    // Events at random frames share a small grid by chance: a grid must be unlikely to be luck.
    if ((3 / size) ** (frames.length - 1) > 1e-3) continue;
    const r = ((frames[0]! % size) + size) % size;
    if (
      frames.every((f) => {
        const d = Math.abs((((f - r) % size) + size) % size);
        return d <= 1 || d >= size - 1;
      })
    )
      return size;
  }
  return null;
}

/** Merges the same event seen on several channels (within `slack` frames) into one on every channel. */
export function mergeAcrossChannels(events: GlitchEvent[], channels: number, slack = 2): GlitchEvent[] {
  const sorted = [...events].sort((a, b) => a.frame - b.frame || a.channel - b.channel);
  const out: GlitchEvent[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i + 1;
    while (j < sorted.length && sorted[j]!.frame - sorted[i]!.frame <= slack) j++;
    const group = sorted.slice(i, j);
    const distinct = new Set(group.map((e) => e.channel)).size;
    out.push(channels > 1 && distinct === channels ? { ...group[0]!, channel: -1, value: Math.max(...group.map((e) => e.value)) } : group[0]!);
    // Same frame, other channels not all hit: keep each channel's own event.
    if (!(channels > 1 && distinct === channels)) out.push(...group.slice(1));
    i = j;
  }
  return out;
}

export interface GlitchWording {
  code: Diagnosis['code'];
  severity: Diagnosis['severity'];
  stage: Diagnosis['stage'];
  unit: Diagnosis['unit'];
  /** The event's own sentence ("Dropout of 256 samples of digital silence on L at 0:01.200"). */
  describe: (e: GlitchEvent, where: string, at: string) => string;
  /** Plural noun for the summary ("dropouts"). */
  noun: string;
  cause: string;
}

export function glitchFindings(events: GlitchEvent[], total: number, sampleRate: number, labels: readonly string[], w: GlitchWording): Diagnosis[] {
  if (events.length === 0) return [];
  // A lost or doubled buffer is itself one buffer long: the best evidence of the size. Clicks have
  // no length; where they fall says it, when that is unlikely to be luck.
  const lengths = new Set(events.map((e) => e.frames));
  const own = lengths.size === 1 && (BUFFER_SIZES as readonly number[]).includes(events[0]!.frames) ? events[0]!.frames : null;
  const grid = own === null ? bufferGrid(events.map((e) => e.frame)) : null;
  const fix = "Raise the interface's buffer size (or close other software) and record again.";
  const because =
    own !== null
      ? ` Each is one buffer of ${own} samples: the interface's buffer size. ${fix}`
      : grid !== null
        ? ` They fall on a ${grid}-sample grid: the interface's buffer size. ${fix}`
        : ` ${w.cause}`;
  const where = (e: GlitchEvent) => (e.channel === -1 ? 'every channel' : (labels[e.channel] ?? `channel ${e.channel + 1}`));
  const out: Diagnosis[] = events.slice(0, MAX_LISTED).map((e, i) => ({
    code: w.code,
    severity: w.severity,
    stage: w.stage,
    value: e.value,
    unit: w.unit,
    ...(e.channel === -1 ? {} : { channel: e.channel }),
    startSeconds: e.frame / sampleRate,
    durationSeconds: e.frames / sampleRate,
    message: w.describe(e, where(e), formatTime(e.frame / sampleRate)) + (i === 0 ? because : ''),
  }));
  if (total > MAX_LISTED) {
    out.push({
      code: w.code,
      severity: w.severity,
      stage: w.stage,
      value: total,
      unit: 'events',
      count: total,
      message: `${total - MAX_LISTED} more ${w.noun} (${total} in all).`,
    });
  }
  return out;
}
