// Clicks: single-sample discontinuities far outside the local slope, the mark of a buffer
// under-run or a bad edit. The second difference x[i] − 2x[i−1] + x[i−2] removes the waveform's
// slope; per 64-sample chunk only its largest value is kept, and a chunk's largest value is a click
// when it stands far above the largest of the chunks on both sides (a drum hit's onset is followed
// by more of the hit; a click is alone) and has the two-signed shape of a jump.

import type { PlanarBlock } from '../../wav/types';
import { glitchFindings, MAX_EVENTS, mergeAcrossChannels, type GlitchEvent } from './glitches';
import { CHUNK, type ChunkSummary } from '../chunks';
import type { Detector, DetectorContext, MetersForDiagnosis } from './types';
import type { Diagnosis } from './codes';

export const clickThresholds = {
  /** The click's second difference over the largest in the 64 samples before and after it. */
  ratio: 10,
  /** Smaller jumps are too small to be a driver's (−40 dBFS). */
  minJump: 0.01,
  /**
   * A jump in value (a step or a spike) makes second differences of both signs side by side; a bend
   * in slope (a clipped corner) makes one alone. The opposite-signed neighbour must reach this share.
   */
  opposite: 0.3,
  /** A jump with another within this many seconds on its channel is a waveform's edge (a synth's saw or pulse), not a click. */
  isolationSeconds: 0.02,
  /** Jumps this close to the take's start or end are where it was cut, not glitches. */
  edgeSeconds: 0.01,
};

class ChannelState {
  /** Largest |d2| of the previous chunk. */
  prevMax = 0;
  /** A chunk that stood out from the one before it, waiting for the one after it. */
  pending: { frame: number; max: number } | null = null;
}

export class ClickDetector implements Detector {
  readonly id = 'clicks' as const;
  private readonly ch: ChannelState[];
  private readonly events: GlitchEvent[] = [];
  private total = 0;

  constructor(private readonly ctx: DetectorContext) {
    this.ch = Array.from({ length: ctx.format.channels }, () => new ChannelState());
  }

  process(block: PlanarBlock, summary: ChunkSummary): void {
    const n = block.frames;
    const { ratio, minJump } = clickThresholds;
    for (let c = 0; c < this.ch.length; c++) {
      const s = this.ch[c]!;
      const x = block.channels[c]!;
      const maxD2 = summary.maxD2[c]!;
      for (let k = 0; k < summary.chunks; k++) {
        const max = maxD2[k]!;
        if (s.pending) this.decide(s, c, max);
        // Only a chunk far above the one before it is looked at sample by sample.
        if (max >= minJump && max > ratio * s.prevMax) {
          const where = locate(x, k * CHUNK, Math.min(n, (k + 1) * CHUNK), n, max);
          // x[i] − 2x[i−1] + x[i−2] peaks one sample after a spike: the click is at its centre.
          if (where.jump) s.pending = { frame: block.startFrame + where.at - 1, max };
        }
        s.prevMax = max;
      }
    }
  }

  private decide(s: ChannelState, c: number, nextMax: number): void {
    const p = s.pending!;
    s.pending = null;
    if (p.max <= clickThresholds.ratio * nextMax) return;
    this.total++;
    if (this.events.length < MAX_EVENTS) this.events.push({ frame: p.frame, frames: 0, channel: c, value: jumpDb(p.max) });
  }

  finish(m: MetersForDiagnosis): Diagnosis[] {
    // The last chunk has nothing after it.
    this.ch.forEach((s, c) => s.pending && this.decide(s, c, 0));
    const sr = this.ctx.format.sampleRate;
    const near = clickThresholds.isolationSeconds * sr;
    const edge = clickThresholds.edgeSeconds * sr;
    const byChannel = this.events.filter((e) => e.frame >= edge && e.frame < m.frames - edge);
    const alone = byChannel.filter((e) => !byChannel.some((o) => o !== e && o.channel === e.channel && Math.abs(o.frame - e.frame) <= near));
    const dropped = this.events.length - alone.length;
    const events = mergeAcrossChannels(alone, this.ch.length);
    const merged = this.total - dropped - (alone.length - events.length);
    return glitchFindings(
      events,
      merged,
      this.ctx.format.sampleRate,
      m.channels.map((c) => c.label),
      {
        code: 'click',
        severity: 'warning',
        stage: 'interface',
        unit: 'dBFS',
        noun: 'clicks',
        describe: (e, where, at) =>
          `Click on ${where} at ${at}: a jump ${e.value < MAX_JUMP_DB ? `of ${e.value.toFixed(1)} dBFS` : 'too large for 32-bit float to hold (n/a dBFS)'} far outside the waveform around it.`,
        cause: 'A buffer under-run, a bad edit, or a click in the source (a mouth click, static, a connector).',
      },
    );
  }
}

/**
 * The largest jump a figure is given for: float samples near the top of their range make second
 * differences that overflow the summary's float32 to infinity. Such a jump is reported at this bound.
 */
const MAX_JUMP_DB = Math.round(200 * Math.log10(3.4028234663852886e38)) / 10;

/** A jump's level in dBFS to 0.1 dB, at most MAX_JUMP_DB. */
function jumpDb(jump: number): number {
  return Math.min(MAX_JUMP_DB, Math.round(20 * Math.log10(jump) * 10) / 10);
}

/** x[k] − 2x[k−1] + x[k−2], or 0 where the block does not hold it. */
function d2(x: Float32Array, k: number, n: number): number {
  return k >= 2 && k < n ? x[k]! - 2 * x[k - 1]! + x[k - 2]! : 0;
}

/**
 * Where in [from, to) the chunk's largest second difference is, and whether it has the two-signed
 * shape of a jump. At a block's edge the samples before are not at hand: the shape then does not
 * rule a click out.
 */
function locate(x: Float32Array, from: number, to: number, n: number, max: number): { at: number; jump: boolean } {
  let at = from;
  let best = -1;
  for (let i = Math.max(2, from); i < to; i++) {
    const a = Math.abs(d2(x, i, n));
    if (a > best) {
      best = a;
      at = i;
    }
  }
  // The largest was at the block's first two samples (the summary saw the block before; take the
  // second), or the sample after it is in the next block.
  if (best < max * (1 - 1e-6)) return { at: from + 1, jump: true };
  if (at + 1 >= n) return { at, jump: true };
  // The edge of a run of digital silence is the dropout detector's, not a click.
  if ((at >= 3 && x[at - 2] === 0 && x[at - 3] === 0) || (at + 1 < n && x[at] === 0 && x[at + 1] === 0)) return { at, jump: false };
  const d = d2(x, at, n);
  const before = d2(x, at - 1, n);
  const after = d2(x, at + 1, n);
  const opposite = Math.max(before * d < 0 ? Math.abs(before) : 0, after * d < 0 ? Math.abs(after) : 0);
  return { at, jump: opposite >= clickThresholds.opposite * Math.abs(d) };
}
