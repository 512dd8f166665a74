// Clicks: single-sample discontinuities far outside the local slope, the mark of a buffer
// under-run or a bad edit. The second difference x[i] − 2x[i−1] + x[i−2] removes the waveform's
// slope; per 32-sample chunk its energy and its largest value are kept, and a chunk's largest value
// is a click when it stands far above the chunks on both sides and the rest of its own chunk
// (a drum hit's onset is followed by more of the hit; a click is alone).

import type { PlanarBlock } from '../../wav/types';
import { glitchFindings, MAX_EVENTS, mergeAcrossChannels, type GlitchEvent } from './glitches';
import type { Detector, DetectorContext, Diagnosis, MetersForDiagnosis } from './types';

export const clickThresholds = {
  /** The click's second difference over the RMS second difference around it (both sides). */
  ratio: 12,
  /** Smaller jumps are inaudible or dither (−60 dBFS). */
  minJump: 1e-3,
  /**
   * A jump in value (a step or a spike) makes second differences of both signs side by side; a bend
   * in slope (a clipped corner) makes one alone. The opposite-signed neighbour must reach this share.
   */
  opposite: 0.3,
};

const CHUNK = 32;

class ChannelState {
  x1 = 0;
  x2 = 0;
  primed = 0;
  /** The chunk being judged (one behind) and the one before it; rest: mean d² without the largest values. */
  prevRest = -1;
  prevMax = 0;
  prevAt = 0;
  /** Whether the chunk's largest second difference has the two-signed shape of a jump. */
  prevJump = false;
  prevPrevRest = 0;
}

/** x[k] − 2x[k−1] + x[k−2], or 0 where the block does not hold it. */
function d2(x: Float32Array, k: number, n: number): number {
  return k >= 2 && k < n ? x[k]! - 2 * x[k - 1]! + x[k - 2]! : 0;
}

/** Mean d² of a chunk without its largest value and what a one-sample spike or step spills next to it. */
function restMean(energy: number, max: number, len: number): number {
  return len > 3 ? Math.max(0, energy - 2 * max * max) / (len - 3) : 0;
}

export class ClickDetector implements Detector {
  readonly id = 'clicks' as const;
  private readonly ch: ChannelState[];
  private readonly events: GlitchEvent[] = [];
  private total = 0;

  constructor(private readonly ctx: DetectorContext) {
    this.ch = Array.from({ length: ctx.format.channels }, () => new ChannelState());
  }

  process(block: PlanarBlock): void {
    const n = block.frames;
    for (let c = 0; c < this.ch.length; c++) {
      const s = this.ch[c]!;
      const x = block.channels[c]!;
      let x1 = s.x1;
      let x2 = s.x2;
      let i = 0;
      // The first two samples of the take have no second difference.
      for (; s.primed < 2 && i < n; i++, s.primed++) {
        x2 = x1;
        x1 = x[i]!;
      }
      while (i < n) {
        const end = Math.min(n, i + CHUNK);
        let e = 0;
        let max = 0;
        let at = i;
        for (let j = i; j < end; j++) {
          const v = x[j]!;
          const d = v - 2 * x1 + x2;
          const a = d < 0 ? -d : d;
          e += d * d;
          if (a > max) {
            max = a;
            at = j;
          }
          x2 = x1;
          x1 = v;
        }
        const rest = restMean(e, max, end - i);
        // Chunks are judged one behind, once the chunk after them is known.
        this.decide(s, c, rest);
        s.prevPrevRest = Math.max(0, s.prevRest);
        s.prevRest = rest;
        s.prevMax = max;
        s.prevAt = block.startFrame + at;
        // At a block's edge the neighbours are not at hand: the shape then does not rule a click out.
        if (at < 3 || at + 1 >= n) s.prevJump = true;
        else {
          const d = d2(x, at, n);
          const opposite = Math.max(...[d2(x, at - 1, n), d2(x, at + 1, n)].map((e) => (e * d < 0 ? Math.abs(e) : 0)));
          s.prevJump = opposite >= clickThresholds.opposite * Math.abs(d);
        }
        i = end;
      }
      s.x1 = x1;
      s.x2 = x2;
    }
  }

  private decide(s: ChannelState, c: number, nextRest: number): void {
    if (s.prevRest < 0 || s.prevMax < clickThresholds.minJump || !s.prevJump) return;
    const scale = Math.max(s.prevRest, s.prevPrevRest, nextRest);
    if (s.prevMax * s.prevMax <= clickThresholds.ratio * clickThresholds.ratio * scale) return;
    this.total++;
    if (this.events.length < MAX_EVENTS) this.events.push({ frame: s.prevAt, frames: 0, channel: c, value: Math.round(20 * Math.log10(s.prevMax) * 10) / 10 });
  }

  finish(m: MetersForDiagnosis): Diagnosis[] {
    // The last chunk has nothing after it.
    this.ch.forEach((s, c) => this.decide(s, c, 0));
    const events = mergeAcrossChannels(this.events, this.ch.length);
    const merged = this.total - (this.events.length - events.length);
    return glitchFindings(events, merged, this.ctx.format.sampleRate, m.channels.map((c) => c.label), {
      code: 'click',
      severity: 'warning',
      stage: 'interface',
      unit: 'dBFS',
      noun: 'clicks',
      describe: (e, where, at) => `Click on ${where} at ${at}: a jump of ${e.value.toFixed(1)} dBFS far outside the waveform around it.`,
      cause: 'A buffer under-run, a bad edit, or a click in the source (a mouth click, static, a connector).',
    });
  }
}
