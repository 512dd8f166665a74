export * from './types';
export { TakeAnalyzer, defaultAnalysisOptions, toDb } from './analyzer';
export { kWeightingFilters, loudnessChannelMap, LOUDNESS_WEIGHTS, type LoudnessChannel } from './kweighting';
export { integrated, loudnessRange } from './loudness';
export * from './diagnosis';
