// What the extension host's parts share. Built once in extension.ts and handed to the editors,
// views, commands and diagnostics, so none of them constructs its own pool or cache.

import type * as vscode from 'vscode';
import type { AnalysisPool, AnalyzeOutcome, AnalyzeProgress } from '../worker/api';
import type { AnalysisOptions } from '../core/analysis/types';

export interface HeadroomSettings {
  analysis: AnalysisOptions;
  /** Converter reference: 0 dBFS = +N dBu, used when no rig says otherwise. */
  converterReferenceDbu: number;
  /** Severities that go to the Problems panel. */
  diagnosticsSeverities: ReadonlyArray<'error' | 'warning' | 'info'>;
  /** Files above this size (bytes) are analysed only on demand. */
  maxAutoAnalyzeBytes: number;
  /** Globs of folders to scan for takes. */
  scanInclude: string[];
  scanExclude: string[];
  workerCount: number;
}

/** Where a take sits in a rig: resolved by the rig index from the inputs' take globs. */
export interface TakeRigContext {
  rigUri: vscode.Uri;
  inputId: string;
}

export interface AnalyzeTakeOptions {
  /** Ignore the cache. */
  force?: boolean;
  wantSeries?: boolean;
  onProgress?: (progress: AnalyzeProgress) => void;
  token?: vscode.CancellationToken;
}

export interface TakeAnalysisService {
  /** Cached result (by path, size and mtime) if still valid; never starts work. */
  cached(uri: vscode.Uri): AnalyzeOutcome | undefined;
  /** Runs in the worker pool (or returns the valid cached result). */
  analyze(uri: vscode.Uri, options?: AnalyzeTakeOptions): Promise<AnalyzeOutcome>;
  readonly onDidAnalyze: vscode.Event<{ uri: vscode.Uri; outcome: AnalyzeOutcome }>;
  clear(): Promise<void>;
}

export interface HeadroomServices {
  readonly pool: AnalysisPool;
  readonly takes: TakeAnalysisService;
  /** The rig input a take belongs to, if any rig file's input glob matches it. */
  rigContextFor(take: vscode.Uri): TakeRigContext | undefined;
  settings(): HeadroomSettings;
  readonly onDidChangeSettings: vscode.Event<void>;
}
