// Headroom's settings turned into what the extension uses, with the defaults of ./schema.ts. Free of
// `vscode` (the caller passes a getter over the configuration), so defaults and validation are
// tested in plain Node.

import type { AnalysisOptions } from '../analysis/types';
import type { Severity } from '../report';
import { settingDefault, SETTINGS, type SettingKey } from './schema';

export type ConfigGetter = <T>(key: SettingKey) => T | undefined;

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
  /** Write a rig input's settings into the rig file's `recorded` section when a take of it appears. */
  recordTakeSettings: boolean;
  /** Hovers and CodeLenses on strings naming takes in source code. */
  sourceHints: boolean;
}

/** Worker threads at most (the setting's schema maximum; a workspace file can still hold any number). */
export const MAX_WORKERS = SETTINGS.workers.schema.maximum;

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A linear level in (0, 1], or null: the format's own full scale. */
const clipLevel = (v: unknown): number | null => (finite(v) && v > 0 && v <= 1 ? v : null);

export function readConfig(get: ConfigGetter): HeadroomConfig {
  const num = (key: SettingKey & keyof typeof NUMBER_DEFAULTS, ok: (n: number) => boolean = () => true) => {
    const v = get<unknown>(key);
    return finite(v) && ok(v) ? v : NUMBER_DEFAULTS[key];
  };
  // null switches a target off; anything else that is not a number means "default".
  const target = (key: 'targets.peakDbfs' | 'targets.rmsDbfs' | 'targets.loudnessLufs') => {
    const v = get<unknown>(key);
    return v === null ? null : finite(v) ? v : settingDefault(key);
  };
  const strings = (key: 'scan.include' | 'scan.exclude' | 'diagnostics.severities') => {
    const v = get<unknown>(key);
    return Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : [...settingDefault(key)];
  };
  const flag = (key: 'takeEditor.clickToPlay' | 'rig.recordTakeSettings' | 'sourceHints.enabled') => {
    const v = get<unknown>(key);
    return typeof v === 'boolean' ? v : settingDefault(key);
  };
  const severities = strings('diagnostics.severities').filter((s): s is Severity => s === 'error' || s === 'warning' || s === 'info');
  return {
    analysis: {
      clipThreshold: clipLevel(get<unknown>('clipping.threshold')),
      clipMinRun: num('clipping.minRun', (n) => Number.isInteger(n) && n >= 1),
      rmsConvention: get<unknown>('rms.convention') === 'aes17' ? 'aes17' : 'plain',
      meters: 'all',
      detectors: 'all',
      targets: {
        peakDbfs: target('targets.peakDbfs'),
        averageDbfs: target('targets.rmsDbfs'),
        loudnessLufs: target('targets.loudnessLufs'),
        ceilingDbtp: num('targets.peakCeilingDbtp'),
      },
    },
    severities: new Set(severities),
    converterReferenceDbu: num('converterReferenceDbu'),
    maxFileSizeBytes: num('files.maxSizeMB', (n) => n > 0) * 1024 * 1024,
    include: strings('scan.include'),
    exclude: strings('scan.exclude'),
    workers: Math.min(
      MAX_WORKERS,
      num('workers', (n) => Number.isInteger(n) && n >= 0),
    ),
    clickToPlay: flag('takeEditor.clickToPlay'),
    recordTakeSettings: flag('rig.recordTakeSettings'),
    sourceHints: flag('sourceHints.enabled'),
  };
}

const NUMBER_DEFAULTS = {
  'clipping.minRun': settingDefault('clipping.minRun'),
  'targets.peakCeilingDbtp': settingDefault('targets.peakCeilingDbtp'),
  converterReferenceDbu: settingDefault('converterReferenceDbu'),
  'files.maxSizeMB': settingDefault('files.maxSizeMB'),
  workers: settingDefault('workers'),
};
