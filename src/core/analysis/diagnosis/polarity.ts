// Polarity and phase over time for the first channel pair: the correlation of L and R in half-second
// windows (every 4th frame is enough for a correlation). A channel wired out of polarity reads
// strongly negative all through; a passage that cancels in mono reads negative for a while.
// Windows are merged in pairs when their number reaches the cap, so memory is bounded.

import type { PlanarBlock } from '../../wav/types';
import { formatTime } from '../../format';
import type { Detector, DetectorContext, MetersForDiagnosis } from './types';
import type { Diagnosis } from './codes';

export const polarityThresholds = {
  /** Correlation over the take below this, in most loud windows too: one channel is inverted. */
  inverted: -0.5,
  /** Share of the loud windows that must be negative for "inverted". */
  invertedShare: 0.7,
  /** A window below this correlation cancels in mono… */
  cancelling: -0.3,
  /** …and a run of them this long (seconds) is a passage worth naming. */
  minSeconds: 2,
  /** Windows more than this many dB under the loudest are not judged (noise correlates however it likes). */
  loudDb: 30,
};

const STRIDE = 4;
const MAX_WINDOWS = 4096;

export class PolarityDetector implements Detector {
  readonly id = 'polarity' as const;
  private windowFrames: number;
  /** Per window: sum L·R, L², R². */
  private lr: number[] = [];
  private ll: number[] = [];
  private rr: number[] = [];
  private fill = 0;
  private acc = [0, 0, 0];
  private phase = 0;

  constructor(private readonly ctx: DetectorContext) {
    this.windowFrames = Math.round(ctx.format.sampleRate / 2);
  }

  process(block: PlanarBlock): void {
    if (this.ctx.format.channels < 2) return;
    const l = block.channels[0]!;
    const r = block.channels[1]!;
    const n = block.frames;
    let i = this.phase;
    while (i < n) {
      const end = Math.min(n, i + (this.windowFrames - this.fill));
      let a = 0;
      let b = 0;
      let c = 0;
      let j = i;
      for (; j < end; j += STRIDE) {
        const x = l[j]!;
        const y = r[j]!;
        a += x * y;
        b += x * x;
        c += y * y;
      }
      this.acc[0]! += a;
      this.acc[1]! += b;
      this.acc[2]! += c;
      // Frames covered, with the stride's overrun past `end`: the next window starts where the stride left off.
      this.fill += j - i;
      if (this.fill >= this.windowFrames) this.closeWindow();
      i = j;
    }
    this.phase = i - n;
  }

  private closeWindow(): void {
    this.lr.push(this.acc[0]!);
    this.ll.push(this.acc[1]!);
    this.rr.push(this.acc[2]!);
    this.acc = [0, 0, 0];
    this.fill = 0;
    if (this.lr.length >= MAX_WINDOWS) {
      const merge = (v: number[]) => v.reduce<number[]>((out, x, k) => (k % 2 ? ((out[out.length - 1]! += x), out) : (out.push(x), out)), []);
      this.lr = merge(this.lr);
      this.ll = merge(this.ll);
      this.rr = merge(this.rr);
      this.windowFrames *= 2;
    }
  }

  finish(m: MetersForDiagnosis): Diagnosis[] {
    if (this.ctx.format.channels < 2 || m.channels[0]!.silent || m.channels[1]!.silent) return [];
    if (this.fill > 0) this.closeWindow();
    const seconds = this.windowFrames / this.ctx.format.sampleRate;
    const energy = this.ll.map((x, k) => x + this.rr[k]!);
    const loudest = Math.max(...energy);
    const floor = loudest * 10 ** (-polarityThresholds.loudDb / 10);
    const corr = this.lr.map((x, k) => {
      // Both channels must carry signal in the window: a lone channel says nothing about polarity.
      if (energy[k]! < floor || this.ll[k]! < floor / 100 || this.rr[k]! < floor / 100) return null;
      return x / Math.sqrt(this.ll[k]! * this.rr[k]!);
    });
    const judged = corr.filter((c): c is number => c !== null);
    if (judged.length === 0) return [];
    const [l, r] = [m.channels[0]!.label, m.channels[1]!.label];
    const overall = m.stereoCorrelation;
    const negative = judged.filter((c) => c < polarityThresholds.cancelling).length;
    if (overall !== null && overall < polarityThresholds.inverted && negative >= polarityThresholds.invertedShare * judged.length) {
      return [
        {
          code: 'polarity-inverted',
          severity: 'warning',
          stage: 'cabling',
          value: Math.round(overall * 100) / 100,
          unit: 'correlation',
          message: `${r} is out of polarity with ${l} (correlation ${overall.toFixed(2)}, negative in ${negative} of ${judged.length} windows): a cable or mic wired pin 2/pin 3 the other way, or a polarity switch. Flip one channel's polarity; the mono sum cancels until then.`,
        },
      ];
    }
    const out: Diagnosis[] = [];
    const minWindows = Math.max(1, Math.ceil(polarityThresholds.minSeconds / seconds));
    for (let k = 0; k < corr.length;) {
      if (!(corr[k] !== null && corr[k]! < polarityThresholds.cancelling)) {
        k++;
        continue;
      }
      let end = k;
      let sum = 0;
      let count = 0;
      // A quiet window inside the passage does not end it.
      while (end < corr.length && (corr[end] === null || corr[end]! < polarityThresholds.cancelling)) {
        if (corr[end] !== null) {
          sum += corr[end]!;
          count++;
        }
        end++;
      }
      while (end > k && corr[end - 1] === null) end--;
      if (end - k >= minWindows) {
        const mean = sum / count;
        out.push({
          code: 'phase-cancellation',
          severity: 'warning',
          stage: 'source',
          value: Math.round(mean * 100) / 100,
          unit: 'correlation',
          startSeconds: k * seconds,
          durationSeconds: (end - k) * seconds,
          message: `${l} and ${r} cancel in mono from ${formatTime(k * seconds)} to ${formatTime(end * seconds)} (correlation ${mean.toFixed(2)}): a polarity flip, a phase effect or a badly spaced mic pair in that passage.`,
        });
      }
      k = end;
    }
    return out;
  }
}
