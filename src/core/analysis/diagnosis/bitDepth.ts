// Effective bit depth: how many bits of the word carry signal. A 24-bit or float file holding
// 16-bit words (a 16-bit driver setting, a 16-bit recorder, a 16-bit file converted up) has every
// sample on the 16-bit grid. Each 64-sample chunk is put on the finest grid it needs; a few
// chunks finer than the rest (a fade rendered later) do not decide it, a real share does.

import type { PlanarBlock } from '../../wav/types';
import type { Detector, DetectorContext, MetersForDiagnosis } from './types';
import type { Diagnosis } from './codes';

export const bitDepthThresholds = {
  /** Chunks finer than the reported depth may be at most this share of the non-silent chunks looked at… */
  tolerance: 1e-4,
  /** …or this many, whichever is more (a stray sample or two in a short take). */
  minChunks: 2,
};

const CHUNK = 64;
/** One chunk in this many is looked at. */
const STEP = 8;
/** Samples are looked at on the 24-bit grid: as far as Float32 samples are exact. */
const GRID_BITS = 24;
const SCALE = 2 ** (GRID_BITS - 1);

export class BitDepthDetector implements Detector {
  readonly id = 'bit-depth' as const;
  /** Per channel: chunks by the bits they need (index GRID_BITS + 1: finer than the 24-bit grid). */
  private readonly needs: Float64Array[];

  constructor(private readonly ctx: DetectorContext) {
    this.needs = Array.from({ length: ctx.format.channels }, () => new Float64Array(GRID_BITS + 2));
  }

  process(block: PlanarBlock): void {
    const n = block.frames;
    for (let c = 0; c < this.needs.length; c++) {
      const x = block.channels[c]!;
      const needs = this.needs[c]!;
      for (let i = 0; i < n; i += CHUNK * STEP) {
        const end = Math.min(n, i + CHUNK);
        let or = 0;
        let off = false;
        for (let j = i; j < end; j++) {
          const q = x[j]! * SCALE;
          const k = q | 0;
          or |= k;
          off ||= k !== q;
        }
        // Bits a chunk needs: the word length down to its lowest set bit (0 for silence).
        const bits = off ? GRID_BITS + 1 : or === 0 ? 0 : GRID_BITS - (31 - Math.clz32(or & -or));
        needs[bits]!++;
      }
    }
  }

  /** The bits each channel's content needs, or null when it is silent; GRID_BITS + 1 means "more than 24". */
  contentBits(): (number | null)[] {
    return this.needs.map((needs) => {
      let total = 0;
      for (let b = 1; b < needs.length; b++) total += needs[b]!;
      if (total === 0) return null;
      let above = 0;
      for (let b = needs.length - 1; b >= 1; b--) {
        above += needs[b]!;
        if (above > Math.max(bitDepthThresholds.minChunks, bitDepthThresholds.tolerance * total)) return b;
      }
      return 1;
    });
  }

  finish(m: MetersForDiagnosis): Diagnosis[] {
    const f = this.ctx.format;
    const out: Diagnosis[] = [];
    const bits = this.contentBits();
    const live = bits.filter((b, c) => b !== null && !m.channels[c]!.silent) as number[];
    if (live.length === 0) return out;
    const used = Math.max(...live);
    // Finer than the 24-bit grid is full resolution as far as Float32 samples show; a float file of
    // 24-bit words is a 24-bit converter recorded into float without processing: normal.
    if (used >= GRID_BITS + 1 || used >= (f.encoding === 'float' ? GRID_BITS : f.bitsPerSample)) return out;
    const word = f.encoding === 'float' ? `${f.bitsPerSample}-bit float` : `${f.bitsPerSample}-bit`;
    const why =
      used <= 16
        ? 'the chain delivered 16-bit words (a 16-bit driver or recorder setting, or a 16-bit file converted up); the extra bits hold only zeros'
        : 'the low bits were never used by the converter or by the software that wrote the file';
    out.push({
      code: 'reduced-bit-depth',
      severity: used <= 16 && (f.encoding === 'float' || f.bitsPerSample >= 24) ? 'warning' : 'info',
      stage: used <= 16 ? 'interface' : 'converter',
      value: used,
      unit: 'bits',
      message: `${word} file, ${used}-bit content: ${why}.`,
    });
    return out;
  }
}
