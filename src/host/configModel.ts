// Headroom's settings turned into analysis options. Kept free of `vscode` (the caller passes a getter
// over the configuration) so defaults and validation are tested in plain Node.

import { defaultAnalysisOptions } from '../core/analysis/analyzer';
import type { AnalysisOptions } from '../core/analysis/types';
import type { Severity } from '../core/report';

export type ConfigGetter = <T>(key: string) => T | undefined;

export interface HeadroomConfig {
  analysis: Omit<AnalysisOptions, 'pyramidBaseBucket'>;
  severities: ReadonlySet<Severity>;
  /** 0 dBFS = +N dBu, for showing analog levels of takes that belong to no rig input. */
  converterReferenceDbu: number;
  /** Automatic analysis (scan, watcher) leaves larger files alone; opening one still analyses it. */
  maxFileSizeBytes: number;
  include: string[];
  exclude: string[];
  /** 0 = one per core. */
  workers: number;
  /** A click on the take editor's waveform or a finding plays from there; false: it only moves the playhead. */
  clickToPlay: boolean;
}

/** Worker threads at most (the setting's schema maximum; a workspace file can still hold any number). */
export const MAX_WORKERS = 64;

/**
 * Settings that spend the machine's resources: in an untrusted workspace only the user's own values
 * apply (package.json declares them as restrictedConfigurations, and readHeadroomConfig skips their
 * workspace values).
 */
export const RESTRICTED_SETTINGS = ['workers', 'files.maxSizeMB', 'scan.include'] as const;

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A linear level in (0, 1], or null: the format's own full scale. */
const clipLevel = (v: unknown): number | null => (finite(v) && v > 0 && v <= 1 ? v : null);

export function readConfig(get: ConfigGetter): HeadroomConfig {
  const d = defaultAnalysisOptions;
  const num = (key: string, fallback: number, ok: (n: number) => boolean = () => true) => {
    const v = get<unknown>(key);
    return finite(v) && ok(v) ? v : fallback;
  };
  // null switches a target off; anything else that is not a number means "default".
  const target = (key: string, fallback: number | null) => {
    const v = get<unknown>(key);
    return v === null ? null : finite(v) ? v : fallback;
  };
  const strings = (key: string, fallback: string[]) => {
    const v = get<unknown>(key);
    return Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : fallback;
  };
  const severities = strings('diagnostics.severities', ['error', 'warning', 'info']).filter((s): s is Severity => s === 'error' || s === 'warning' || s === 'info');
  return {
    analysis: {
      clipThreshold: clipLevel(get<unknown>('clipping.threshold')),
      clipMinRun: num('clipping.minRun', d.clipMinRun, (n) => Number.isInteger(n) && n >= 1),
      rmsConvention: get<unknown>('rms.convention') === 'aes17' ? 'aes17' : 'plain',
      meters: 'all',
      detectors: 'all',
      targets: {
        peakDbfs: target('targets.peakDbfs', d.targets.peakDbfs),
        averageDbfs: target('targets.rmsDbfs', d.targets.averageDbfs),
        loudnessLufs: target('targets.loudnessLufs', d.targets.loudnessLufs),
        ceilingDbtp: num('targets.peakCeilingDbtp', d.targets.ceilingDbtp),
      },
    },
    severities: new Set(severities),
    converterReferenceDbu: num('converterReferenceDbu', 18),
    maxFileSizeBytes: num('files.maxSizeMB', 4096, (n) => n > 0) * 1024 * 1024,
    include: strings('scan.include', ['**/*.wav']),
    exclude: strings('scan.exclude', []),
    workers: Math.min(MAX_WORKERS, num('workers', 0, (n) => Number.isInteger(n) && n >= 0)),
    clickToPlay: get<unknown>('takeEditor.clickToPlay') !== false,
  };
}
