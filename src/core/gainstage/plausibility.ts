// Is a level plausible for its source? A take that implies a source far from what its material
// produces, or far from what the rig expects, says the chain is not as the rig describes it: the
// advice is then "check the chain", never a gain prescription built on a wrong premise.

import { findMaterial } from './catalogue';
import type { ChainSource } from './chain';
import type { MaterialId } from './types';

/** A take more than this far from the rig's expected source level is not trusted for gain advice. */
export const PLAUSIBLE_DEVIATION_DB = 12;

export interface PlausibilityCheck {
  /** The source level the take implies (dB SPL or dBu). */
  implied: number;
  expected: number;
  unit: 'dB SPL' | 'dBu';
  /** The material's cited plausible range, when it has one for this kind of source. */
  range: [number, number] | null;
  /** Null when plausible; else the "check the chain" sentence with the likely causes. */
  problem: string | null;
}

const r1 = (x: number) => (Math.round(x * 10) / 10).toFixed(1);

/** The material's plausible peak range for this kind of source. */
export function plausibleRange(material: MaterialId | null, source: ChainSource): { range: [number, number]; label: string } | null {
  if (!material) return null;
  const m = findMaterial(material);
  const range = source.kind === 'mic' ? m.peakSplDb : m.peakDbu;
  return range ? { range, label: m.label.toLowerCase() } : null;
}

/** `offsetDb`: how much higher the take is than the rig predicted at the settings it was recorded with. */
export function checkPlausibility(source: ChainSource, material: MaterialId | null, offsetDb: number): PlausibilityCheck {
  const expected = source.kind === 'mic' ? source.peakSplDb : source.peakDbu;
  const unit = source.kind === 'mic' ? 'dB SPL' : 'dBu';
  const implied = expected + offsetDb;
  const material_ = plausibleRange(material, source);
  const outside = material_ !== null && (implied < material_.range[0] || implied > material_.range[1]);
  const far = Math.abs(offsetDb) > PLAUSIBLE_DEVIATION_DB;
  let problem: string | null = null;
  if (outside || far) {
    const reasons: string[] = [];
    if (material_) reasons.push(`${material_.label} peaks at ${material_.range[0]}–${material_.range[1]} ${unit}`);
    reasons.push(`the rig expects ${expected} ${unit}`);
    const quieter = offsetDb < 0;
    const causes = quieter
      ? [
          'the take came from another input',
          'a pad engaged that the rig does not list',
          ...(source.kind === 'mic' ? ['phantom power off', 'a less sensitive mic than the rig names', 'the mic further away than planned'] : []),
          'less gain than noted',
        ]
      : [
          'the take came from another input',
          'more gain than noted',
          'a booster or preamp the rig does not list',
          'a pad noted but not engaged',
          ...(source.kind === 'mic' ? ['a more sensitive mic than the rig names'] : []),
        ];
    problem = `The take implies a source at ${r1(implied)} ${unit} (${reasons.join('; ')}): check the chain before changing any gain — likely causes: ${causes.join(', ')}.`;
  }
  return { implied, expected, unit, range: material_?.range ?? null, problem };
}
