// The rig's side of the diagnosis: the same findings read against the chain the take went through.
// Only two facts of the chain are needed, so this stays independent of how the gain-staging model
// computes them: the dBu that reads 0 dBFS at the converter for this input, and the noise floor the
// chain predicts at its gain.

import type { Diagnosis, DiagnosisCode } from './codes';

export interface ChainFacts {
  /** dBu at the converter's input that reads 0 dBFS (the converter alignment for this input), or null. */
  fullScaleDbu: number | null;
  /** Noise floor the chain predicts at the take's gain, in dBFS (a full-scale sine's RMS = 0 dBFS), or null. */
  predictedNoiseFloorDbfs: number | null;
}

export interface ChainDiagnosis {
  code: DiagnosisCode;
  severity: Diagnosis['severity'];
  message: string;
  /** The finding's level as an analog level at the converter's input (dBu), where it has one. */
  dbu?: number;
  /** noise-floor: measured minus predicted, in dB. */
  excessDb?: number;
}

/** A noise floor this far from the prediction is worth a sentence; further than `noisyDb` above it, a warning. */
export const chainThresholds = { matchDb: 3, noisyDb: 10 };

/** The plain RMS convention reads a full-scale sine at −3.01 dBFS; the chain's dBu→dBFS reads it at 0. */
const SINE_RMS_DB = 20 * Math.log10(Math.SQRT2);

const signed = (x: number, digits = 1) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(digits)}`;
const dbfs = (x: number) => `${x < 0 ? '−' : ''}${Math.abs(x).toFixed(1)} dBFS`;

export function reconcileDiagnosis(diagnosis: readonly Diagnosis[], facts: ChainFacts): ChainDiagnosis[] {
  const out: ChainDiagnosis[] = [];
  const fs = facts.fullScaleDbu;
  for (const d of diagnosis) {
    if (d.code === 'analog-clipping' && fs !== null) {
      const dbu = d.value + fs;
      out.push({
        code: d.code,
        severity: 'error',
        dbu: round1(dbu),
        message: `Flattened at ${dbfs(d.value)} = ${signed(dbu)} dBu at the converter: the most the preamp's output (or a stage between it and the converter) can swing. Lower the preamp gain, or pad before it.`,
      });
    } else if (d.code === 'hum' && fs !== null) {
      const dbu = d.value + SINE_RMS_DB + fs;
      out.push({
        code: d.code,
        severity: 'warning',
        dbu: round1(dbu),
        message: `The hum is ${signed(dbu)} dBu at the converter's input: it entered before the converter, in the cabling or the preamp.`,
      });
    } else if (d.code === 'noise-floor' && facts.predictedNoiseFloorDbfs !== null) {
      const measured = d.value + SINE_RMS_DB;
      const excess = measured - facts.predictedNoiseFloorDbfs;
      const predicted = dbfs(facts.predictedNoiseFloorDbfs);
      const at = fs !== null ? ` (${signed(measured + fs)} dBu at the converter)` : '';
      let severity: ChainDiagnosis['severity'] = 'info';
      let message: string;
      if (excess >= chainThresholds.noisyDb) {
        severity = 'warning';
        message = `The noise floor${at} is ${excess.toFixed(0)} dB above what this chain should give (${predicted} from the mic's self-noise and the preamp's EIN at this gain): a noisy source or room, hum, or a gain higher than the rig says.`;
      } else if (excess <= -chainThresholds.noisyDb) {
        message = `The noise floor${at} is ${(-excess).toFixed(0)} dB below what this chain predicts (${predicted}): the gain was lower than the rig says, or noise reduction or a gate ran on the take.`;
      } else if (Math.abs(excess) <= chainThresholds.matchDb) {
        message = `The noise floor${at} is what this chain predicts (${predicted}, within ${chainThresholds.matchDb} dB): the mic and preamp set it.`;
      } else {
        message = `The noise floor${at} is ${signed(excess, 0)} dB from what this chain predicts (${predicted}).`;
      }
      out.push({ code: d.code, severity, excessDb: round1(excess), message });
    }
  }
  return out;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
