// The analysis options a run uses: the settings' defaults (core/settings/schema.ts) under whatever the
// caller sets, merged here once for the analyser and the report alike.

import { DEFAULT_TARGETS } from '../gainstage/targets';
import { settingDefault } from '../settings/schema';
import type { AnalysisOptions } from './types';

export const defaultAnalysisOptions: Readonly<AnalysisOptions> = {
  clipThreshold: settingDefault('clipping.threshold'),
  clipMinRun: settingDefault('clipping.minRun'),
  rmsConvention: settingDefault('rms.convention'),
  meters: 'all',
  targets: DEFAULT_TARGETS,
  pyramidBaseBucket: 256,
  detectors: 'all',
};

/** `options` over the defaults; a partial `targets` is filled in target by target. */
export function resolveAnalysisOptions(options: Partial<AnalysisOptions> = {}): AnalysisOptions {
  return { ...defaultAnalysisOptions, ...options, targets: { ...defaultAnalysisOptions.targets, ...options.targets } };
}
