// What a chain diagnosis is: its codes (a public contract, CLI JSON `diagnosis[].code`), the stage
// of the chain it names, and the detectors that find them.

export const DIAGNOSIS_CODES = [
  'analog-clipping',
  'clipped-then-lowered',
  'reduced-bit-depth',
  'band-limited',
  'dropout',
  'repeated-buffer',
  'click',
  'hum',
  'polarity-inverted',
  'phase-cancellation',
  'noise-floor',
] as const;
export type DiagnosisCode = (typeof DIAGNOSIS_CODES)[number];

export function isDiagnosisCode(code: string): code is DiagnosisCode {
  return (DIAGNOSIS_CODES as readonly string[]).includes(code);
}

/** Where in the chain the cause most likely sits. */
export type ChainStage = 'source' | 'cabling' | 'preamp' | 'converter' | 'interface' | 'daw';

export type DiagnosisUnit = 'dBFS' | 'bits' | 'Hz' | 'samples' | 'correlation' | 'events';

export interface Diagnosis {
  code: DiagnosisCode;
  severity: 'error' | 'warning' | 'info';
  stage: ChainStage;
  /** The measured figure the finding rests on, in `unit` (e.g. the plateau level in dBFS). */
  value: number;
  unit: DiagnosisUnit;
  message: string;
  /** Absent when the finding concerns every channel. */
  channel?: number;
  startSeconds?: number;
  durationSeconds?: number;
  /** How many events (plateaus, dropouts, clicks…) the finding sums up. */
  count?: number;
}

/** The detectors a run uses; each id names one module and one line of the benchmark. */
export const DETECTOR_IDS = ['clipping', 'bit-depth', 'spectrum', 'dropouts', 'repeats', 'clicks', 'polarity'] as const;
export type DetectorId = (typeof DETECTOR_IDS)[number];
