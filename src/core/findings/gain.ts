// The two findings about a take's level, too hot and too quiet. Both quote the take's one suggested
// gain (with its reason), so the finding, the editor and the rig advice never disagree.

import { describeSuggestedGain, takeReading, type SuggestedGain, type TakeLevels } from '../gainstage/suggest';
import type { ResolvedTargets } from '../gainstage/targets';
import type { Finding } from '../report';

/** A take whose peak is this far under its peak target is too quiet (at the default −10 dBFS target: −30 dBFS). */
export const TOO_QUIET_BELOW_TARGET_DB = 20;

const fmt = (x: number, unit: string) => `${x < 0 ? '−' : ''}${Math.abs(Math.round(x * 10) / 10).toFixed(1)} ${unit}`;

export function gainFindings(take: TakeLevels, suggested: SuggestedGain, targets: ResolvedTargets): Finding[] {
  const reading = takeReading(take);
  if (reading.silent || reading.peakDbfs === null) return [];
  const out: Finding[] = [];
  const gain = describeSuggestedGain(suggested);
  if (!reading.clipped && reading.truePeakDbtp !== null && reading.truePeakDbtp > targets.ceilingDbtp) {
    out.push({
      severity: 'warning',
      code: 'too-hot',
      message: `True peak ${fmt(reading.truePeakDbtp, 'dBTP')} is above the ${fmt(targets.ceilingDbtp, 'dBTP')} ceiling. Suggested gain ${gain}.`,
    });
  }
  const quietBelow = (targets.peak?.valueDb ?? -10) - TOO_QUIET_BELOW_TARGET_DB;
  if (reading.peakDbfs < quietBelow) {
    out.push({
      severity: 'warning',
      code: 'too-quiet',
      message: `Peak ${fmt(reading.peakDbfs, 'dBFS')} is more than ${TOO_QUIET_BELOW_TARGET_DB} dB under ${suggested.target?.text ?? 'the target'}. Suggested gain ${gain}.`,
    });
  }
  return out;
}
