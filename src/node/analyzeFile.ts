// The analysis pipeline over a file on disk: what the worker runs, and what tests and scripts call
// in-process.

import { analyzeTake, type AnalyzeHooks } from '../core/analyze';
import type { AnalysisOptions, TakeSeries } from '../core/analysis/types';
import type { TakeResult } from '../core/report';
import { openWav } from './byteSource';

export function analyzeFile(
  file: string,
  options: Partial<AnalysisOptions> = {},
  hooks: AnalyzeHooks = {},
): Promise<{ result: TakeResult; series?: TakeSeries }> {
  return analyzeTake(file, openWav, options, hooks);
}
