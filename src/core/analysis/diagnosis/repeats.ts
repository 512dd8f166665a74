// Repeated buffers: a stretch of samples that is an exact copy of the stretch just before it, one
// buffer long — a driver that played (or recorded) a buffer twice. Every 64th sample is compared
// with the sample one candidate buffer earlier; only where those agree is the stretch compared
// sample by sample. A periodic test tone matches at its period for its whole length, not for one
// buffer, and is left alone.

import type { PlanarBlock } from '../../wav/types';
import { glitchFindings, MAX_EVENTS, mergeAcrossChannels, type GlitchEvent } from './glitches';
import type { Detector, DetectorContext, MetersForDiagnosis } from './types';
import type { Diagnosis } from './codes';

export const repeatThresholds = {
  /** Samples this small match by chance (silence, dither): a match must be of a real value. */
  minLevel: 1e-4,
  /** The copied stretch must reach this level somewhere (−60 dBFS). */
  minPeak: 1e-3,
  /** A copy is one buffer long: an exact match running longer than the buffer plus this is periodic signal. */
  slack: 8,
};

const STRIDE = 64;
/** The buffer sizes compared: powers of two, and 10 and 20 ms at 44.1 and 48 kHz. */
const LAGS = [64, 128, 256, 441, 480, 512, 882, 960, 1024, 2048, 4096] as const;
const MAX_LAG = LAGS[LAGS.length - 1];
/** History kept before each block: enough to verify a copy of the longest buffer that began a buffer ago. */
const HISTORY = 2 * MAX_LAG + 2 * STRIDE;

class ChannelState {
  readonly runs = new Int32Array(LAGS.length);
  readonly runFirst = new Float64Array(LAGS.length);
  /** Frame (in the take) up to which an event was already found: overlapping hits are one event. */
  coveredTo = -1;
}

export class RepeatDetector implements Detector {
  readonly id = 'repeats' as const;
  private readonly ch: ChannelState[];
  private buf = new Float32Array(0);
  private readonly history: Float32Array[];
  private historyFrames = 0;
  private readonly events: GlitchEvent[] = [];
  private total = 0;
  /** Sampling phase carried across blocks so the stride stays regular. */
  private phase = 0;

  constructor(private readonly ctx: DetectorContext) {
    this.ch = Array.from({ length: ctx.format.channels }, () => new ChannelState());
    this.history = Array.from({ length: ctx.format.channels }, () => new Float32Array(HISTORY));
  }

  process(block: PlanarBlock): void {
    const n = block.frames;
    const H = HISTORY;
    if (this.buf.length < H + n) this.buf = new Float32Array(H + n);
    const buf = this.buf;
    const first = this.phase;
    for (let c = 0; c < this.ch.length; c++) {
      const s = this.ch[c]!;
      const x = block.channels[c]!;
      buf.set(this.history[c]!, 0);
      buf.set(x.subarray(0, n), H);
      // Frame of buf[0] in the take (negative before the take's start: those samples are zeros).
      const base = block.startFrame - H;
      const known = H - this.historyFrames;
      for (let i = H + first; i < H + n; i += STRIDE) {
        const v = buf[i]!;
        const big = v > repeatThresholds.minLevel || v < -repeatThresholds.minLevel;
        for (let k = 0; k < LAGS.length; k++) {
          const lag = LAGS[k]!;
          if (big && i - lag >= known && buf[i - lag] === v) {
            if (s.runs[k] === 0) s.runFirst[k] = i;
            s.runs[k]!++;
          } else if (s.runs[k]! > 0) {
            if (s.runs[k]! * STRIDE <= lag + STRIDE + repeatThresholds.slack) this.verify(s, c, buf, s.runFirst[k]!, lag, base, known, H + n);
            s.runs[k] = 0;
          }
        }
      }
      // Open runs are re-anchored to the next buffer's coordinates.
      for (let k = 0; k < LAGS.length; k++) if (s.runs[k]! > 0) s.runFirst[k]! -= n;
      const keep = Math.min(H, H + n);
      this.history[c]!.set(buf.subarray(H + n - keep, H + n), H - keep);
    }
    this.phase = first + Math.ceil((n - first) / STRIDE) * STRIDE - n;
    this.historyFrames = Math.min(H, this.historyFrames + n);
  }

  /** Measures the exact copy at `lag` around buf[at] and keeps it when it is one buffer long. */
  private verify(s: ChannelState, c: number, buf: Float32Array, at: number, lag: number, base: number, known: number, end: number): void {
    let from = at;
    while (from - 1 - lag >= known && buf[from - 1] === buf[from - 1 - lag]) from--;
    let to = at + 1;
    while (to < end && buf[to] === buf[to - lag]) to++;
    const len = to - from;
    if (len < lag || len > lag + repeatThresholds.slack) return;
    let peak = 0;
    let varies = false;
    for (let i = from; i < to; i++) {
      peak = Math.max(peak, Math.abs(buf[i]!));
      varies ||= buf[i] !== buf[from];
    }
    if (peak < repeatThresholds.minPeak || !varies) return;
    const frame = base + from;
    if (frame < s.coveredTo) return;
    s.coveredTo = frame + len;
    this.total++;
    if (this.events.length < MAX_EVENTS) this.events.push({ frame, frames: lag, channel: c, value: lag });
  }

  finish(m: MetersForDiagnosis): Diagnosis[] {
    const events = mergeAcrossChannels(this.events, this.ch.length);
    const merged = this.total - (this.events.length - events.length);
    return glitchFindings(
      events,
      merged,
      this.ctx.format.sampleRate,
      m.channels.map((c) => c.label),
      {
        code: 'repeated-buffer',
        severity: 'error',
        stage: 'interface',
        unit: 'samples',
        noun: 'repeated buffers',
        describe: (e, where, at) => `Repeated buffer on ${where} at ${at}: ${e.frames} samples are an exact copy of the ${e.frames} before them.`,
        cause: 'A driver that played or recorded a buffer twice (an overloaded computer or a buffer set too small).',
      },
    );
  }
}
