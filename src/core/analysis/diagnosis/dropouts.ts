// Dropouts: runs of exact digital silence inside programme. A driver that misses a buffer writes
// zeros (often exactly one buffer of them) between two stretches of signal; a fade or a gate gets
// there gradually and a pause is long. Only 64-sample chunks that hold an exact zero are scanned.

import type { PlanarBlock } from '../../wav/types';
import { glitchFindings, MAX_EVENTS, mergeAcrossChannels, type GlitchEvent } from './glitches';
import { CHUNK, type ChunkSummary } from '../chunks';
import type { Detector, DetectorContext, MetersForDiagnosis } from './types';
import type { Diagnosis } from './codes';

export const dropoutThresholds = {
  /** Exact zeros in a row that make a dropout (fewer happen at zero crossings of quiet, coarse signals). */
  minSamples: 16,
  /** Longer runs are intended silence (an edit, a pause), not a dropout. */
  maxSeconds: 0.5,
  /** The signal on both sides (the 64 to 128 samples before and after) reaches at least this (−50 dBFS). */
  sideLevel: 10 ** (-50 / 20),
};

class ChannelState {
  run = 0;
  runStart = 0;
  /** max |x| of the 64 samples before the run started. */
  before = 0;
  /** max |x| since the last run ended, carried from one chunk to the next. */
  lastChunkMax = 0;
  /** A run that ended: waiting for the level of the samples after it. */
  pending: { start: number; frames: number; before: number; after: number; need: number } | null = null;
}

export class DropoutDetector implements Detector {
  readonly id = 'dropouts' as const;
  private readonly ch: ChannelState[];
  private readonly events: GlitchEvent[] = [];
  private total = 0;
  private readonly maxFrames: number;

  constructor(private readonly ctx: DetectorContext) {
    this.ch = Array.from({ length: ctx.format.channels }, () => new ChannelState());
    this.maxFrames = Math.round(dropoutThresholds.maxSeconds * ctx.format.sampleRate);
  }

  process(block: PlanarBlock, summary: ChunkSummary): void {
    // 8-bit words are too coarse: quiet programme is exact zeros for long stretches.
    if (this.ctx.format.encoding === 'pcm' && this.ctx.format.bitsPerSample <= 8) return;
    const n = block.frames;
    for (let c = 0; c < this.ch.length; c++) {
      const s = this.ch[c]!;
      const x = block.channels[c]!;
      const hasZero = summary.hasZero[c]!;
      const chunkMax = summary.maxAbs[c]!;
      for (let i = 0, k = 0; i < n; i += CHUNK, k++) {
        const end = Math.min(n, i + CHUNK);
        const mx = chunkMax[k]!;
        if (s.pending) this.settle(s, c, mx, end - i);
        if (hasZero[k] === 0 && s.run === 0) {
          s.lastChunkMax = mx;
          continue;
        }
        // max |x| since the last run of zeros ended (or over the chunk before): the level before a new run.
        let soFar = s.lastChunkMax;
        for (let j = i; j < end; j++) {
          const v = x[j]!;
          if (v === 0) {
            if (s.run === 0) {
              s.runStart = block.startFrame + j;
              s.before = soFar;
            }
            s.run++;
          } else {
            if (s.run > 0) {
              this.endRun(s, c, x, j, end);
              soFar = 0;
            }
            const a = v < 0 ? -v : v;
            if (a > soFar) soFar = a;
          }
        }
        s.lastChunkMax = soFar;
      }
    }
  }

  private endRun(s: ChannelState, c: number, x: Float32Array, j: number, end: number): void {
    const frames = s.run;
    s.run = 0;
    if (frames < dropoutThresholds.minSamples || frames > this.maxFrames || s.before < dropoutThresholds.sideLevel) return;
    // The level after the run: the rest of this chunk now, the next chunk when it comes.
    let after = 0;
    for (let k = j; k < end; k++) after = Math.max(after, Math.abs(x[k]!));
    s.pending = { start: s.runStart, frames, before: s.before, after, need: CHUNK - (end - j) };
    if (s.pending.need <= 0 || after >= dropoutThresholds.sideLevel) this.settle(s, c, 0, 0);
  }

  private settle(s: ChannelState, c: number, chunkMax: number, chunkFrames: number): void {
    const p = s.pending!;
    p.after = Math.max(p.after, chunkMax);
    p.need -= chunkFrames;
    if (p.after < dropoutThresholds.sideLevel && p.need > 0) return;
    s.pending = null;
    if (p.after < dropoutThresholds.sideLevel) return;
    this.total++;
    if (this.events.length < MAX_EVENTS) this.events.push({ frame: p.start, frames: p.frames, channel: c, value: p.frames });
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
        code: 'dropout',
        severity: 'error',
        stage: 'interface',
        unit: 'samples',
        noun: 'dropouts',
        describe: (e, where, at) => `Dropout on ${where} at ${at}: ${e.frames} samples of digital silence inside the programme.`,
        cause: 'Digital silence cut into the programme: a driver that missed buffers, or an edit.',
      },
    );
  }
}
