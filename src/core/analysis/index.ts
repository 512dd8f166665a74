export * from './types';
export { TakeAnalyzer, defaultAnalysisOptions, toDb } from './analyzer';
export { kWeightingFilters, loudnessWeight } from './kweighting';
export { integrated, loudnessRange } from './loudness';
export * from './diagnosis';
