// One pass over each block that the sample-domain detectors share: per 64-sample chunk and channel,
// the largest and smallest magnitude and the largest second difference (x[i] − 2x[i−1] + x[i−2])
// with where it is. Each sample is loaded once here; the detectors then look at samples only in
// the chunks where the summary says there is something to see.

import type { PlanarBlock } from '../../wav/types';

export const CHUNK = 64;

export class ChunkSummary {
  /** Per channel, per chunk of the current block. */
  readonly maxAbs: Float32Array[];
  readonly minAbs: Float32Array[];
  readonly maxD2: Float32Array[];
  chunks = 0;
  private readonly x1: Float64Array;
  private readonly x2: Float64Array;
  private primed = false;
  private capacity = 0;

  constructor(channels: number) {
    this.maxAbs = Array.from({ length: channels }, () => new Float32Array(0));
    this.minAbs = Array.from({ length: channels }, () => new Float32Array(0));
    this.maxD2 = Array.from({ length: channels }, () => new Float32Array(0));
    this.x1 = new Float64Array(channels);
    this.x2 = new Float64Array(channels);
  }

  compute(block: PlanarBlock): void {
    const n = block.frames;
    const chunks = Math.ceil(n / CHUNK);
    if (chunks > this.capacity) {
      this.capacity = chunks;
      for (let c = 0; c < this.maxAbs.length; c++) {
        this.maxAbs[c] = new Float32Array(chunks);
        this.minAbs[c] = new Float32Array(chunks);
        this.maxD2[c] = new Float32Array(chunks);
      }
    }
    this.chunks = chunks;
    // Before the take's first sample the line through its first two is extended, so the second
    // differences there are 0 rather than a jump from silence.
    const fresh = !this.primed && n > 0;
    for (let c = 0; c < this.maxAbs.length; c++) {
      const x = block.channels[c]!;
      const maxAbs = this.maxAbs[c]!;
      const minAbs = this.minAbs[c]!;
      const maxD2 = this.maxD2[c]!;
      const back = n > 1 ? 2 * x[0]! - x[1]! : x[0]!;
      let x1 = fresh ? back : this.x1[c]!;
      let x2 = fresh ? 2 * back - x[0]! : this.x2[c]!;
      for (let k = 0, i = 0; k < chunks; k++) {
        const end = Math.min(n, i + CHUNK);
        let mx = 0;
        let mn = Infinity;
        let dm = 0;
        // Math.max/min rather than branches: on audio the branches mispredict and cost twice as much.
        for (; i < end; i++) {
          const v = x[i]!;
          const a = Math.abs(v);
          mx = Math.max(mx, a);
          mn = Math.min(mn, a);
          dm = Math.max(dm, Math.abs(v - 2 * x1 + x2));
          x2 = x1;
          x1 = v;
        }
        maxAbs[k] = mx;
        minAbs[k] = mn;
        maxD2[k] = dm;
      }
      this.x1[c] = x1;
      this.x2[c] = x2;
    }
    if (n > 0) this.primed = true;
  }
}
