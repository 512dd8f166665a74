// The one place takes get analysed in the extension: every view (Problems panel, take editor, takes
// view, status bar, hovers) asks the store, which answers from the cache when the file is unchanged
// and otherwise queues the work on the worker pool. Views learn of new results through onDidChange.

import { stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { FrameRange } from '../core/analyze';
import type { TakeResult } from '../core/report';
import type { AnalysisPool, AnalyzeOutcome, AnalyzeProgress } from '../shared/worker';
import { createAnalysisPool } from '../worker/pool';
import type { HeadroomConfig } from '../core/settings/read';
import { Disposable } from './dispose';
import { readHeadroomConfig } from './settings';
import type { RigIndex } from './rigIndex';
import { optionsKey, TakeCache } from './takeCache';

export interface AnalyzeTakeOptions {
  signal?: AbortSignal;
  onProgress?: (p: AnalyzeProgress) => void;
  /** Also compute the display series (waveform pyramid, loudness over time); never cached. */
  wantSeries?: boolean;
  /** Analyse even when the cache holds a current result. */
  force?: boolean;
}

export interface TakeOutcome extends AnalyzeOutcome {
  fromCache: boolean;
}

export class TakeStore extends Disposable {
  private pool: AnalysisPool | undefined;
  private readonly cache: TakeCache;
  private readonly loaded: Promise<void>;
  private readonly results = new Map<string, { uri: vscode.Uri; result: TakeResult }>();
  private readonly changed = this._register(new vscode.EventEmitter<readonly vscode.Uri[]>());
  /** Fires with the takes whose result changed; an empty list means "everything" (cache cleared, settings or rigs changed). */
  readonly onDidChange = this.changed.event;
  private config: HeadroomConfig = readHeadroomConfig();
  private closed: Promise<void> | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly rigs: RigIndex,
    log: vscode.LogOutputChannel,
  ) {
    super();
    const storage = context.storageUri ?? context.globalStorageUri;
    this.cache = new TakeCache(vscode.Uri.joinPath(storage, 'takes-cache.jsonl').fsPath, (err) =>
      log.error('saving the analysis cache failed (it will be rewritten at the next save):', err),
    );
    this.loaded = this.cache.load().then(() => {
      for (const path of this.cache.paths()) {
        const uri = vscode.Uri.file(path);
        this.results.set(uri.toString(), { uri, result: this.rigs.attach(uri, this.cache.peek(path)!.result, this.settings.analysis.targets) });
      }
      if (this.results.size) this.changed.fire([]);
      // Takes deleted while VS Code was closed leave the cache (and the views) in the background.
      void this.cache.prune().then((gone) => {
        for (const path of gone) this.results.delete(vscode.Uri.file(path).toString());
        if (gone.length) this.changed.fire([]);
      });
    });
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('headroom')) return;
        const before = this.config;
        this.config = readHeadroomConfig();
        if (before.workers !== this.config.workers) this.resetPool();
        this.changed.fire([]);
      }),
    );
    this._register(
      rigs.onDidChange(() => {
        for (const entry of this.results.values()) entry.result = this.rigs.attach(entry.uri, entry.result, this.settings.analysis.targets);
        this.changed.fire([]);
      }),
    );
  }

  get settings(): HeadroomConfig {
    return this.config;
  }

  private get optionsKey(): string {
    return optionsKey(this.config.analysis);
  }

  private getPool(): AnalysisPool {
    if (this.isDisposed) throw new Error('the take store has been closed');
    return (this.pool ??= createAnalysisPool({
      workerScript: vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'worker.js').fsPath,
      size: this.config.workers || undefined,
    }));
  }

  private resetPool(): void {
    // Running analyses finish on the old pool; new ones start on a pool of the new size.
    const old = this.pool;
    this.pool = undefined;
    void old?.dispose();
  }

  /** The last result for a take (current or from an earlier run), without analysing anything. */
  get(uri: vscode.Uri): TakeResult | undefined {
    return this.results.get(uri.toString())?.result;
  }

  all(): { uri: vscode.Uri; result: TakeResult }[] {
    return [...this.results.values()];
  }

  /** Resolves once the persisted cache has been read (views wait for it before their first paint). */
  whenLoaded(): Promise<void> {
    return this.loaded;
  }

  /**
   * The take's result: from the cache when the file's size and mtime and the analysis options are
   * unchanged (and no series is wanted), otherwise analysed in the worker pool. Never rejects for a
   * bad file (that is a FailedTake); rejects with an AbortError when cancelled.
   */
  async analyze(uri: vscode.Uri, opts: AnalyzeTakeOptions = {}): Promise<TakeOutcome> {
    await this.loaded;
    const key = this.optionsKey;
    let size = -1;
    let mtimeMs = -1;
    try {
      const s = await stat(uri.fsPath);
      size = s.size;
      mtimeMs = s.mtimeMs;
    } catch {
      // A missing file is reported by the analysis itself, with the reader's message.
    }
    if (!opts.force && !opts.wantSeries) {
      const cached = this.cache.get(uri.fsPath, size, mtimeMs, key);
      if (cached) return { result: this.publish(uri, cached), fromCache: true };
    }
    const outcome = await this.getPool().analyze(
      { file: uri.fsPath, options: this.config.analysis, wantSeries: opts.wantSeries ?? false },
      { signal: opts.signal, onProgress: opts.onProgress },
    );
    if (size >= 0) this.cache.set(uri.fsPath, { size, mtimeMs, options: key, result: outcome.result });
    return { ...outcome, result: this.publish(uri, outcome.result), fromCache: false };
  }

  /** Frames [startFrame, endFrame) of a take measured on their own (a selection): not cached, not published. */
  async analyzeRange(uri: vscode.Uri, range: FrameRange, signal?: AbortSignal): Promise<TakeResult> {
    const { result } = await this.getPool().analyze({ file: uri.fsPath, options: this.config.analysis, range }, { signal });
    return result;
  }

  private publish(uri: vscode.Uri, raw: TakeResult): TakeResult {
    const result = this.rigs.attach(uri, raw, this.settings.analysis.targets);
    this.results.set(uri.toString(), { uri, result });
    this.changed.fire([uri]);
    return result;
  }

  /** Drops a take that was deleted. */
  forget(uri: vscode.Uri): void {
    this.cache.delete(uri.fsPath);
    if (this.results.delete(uri.toString())) this.changed.fire([uri]);
  }

  async clear(): Promise<void> {
    await this.loaded;
    await this.cache.clear();
    this.results.clear();
    this.changed.fire([]);
  }

  /**
   * Ends the store: no more analyses, the workers terminated, the cache's last changes written.
   * Resolves when all of that is done; deactivate() returns it, so VS Code waits for the write.
   */
  close(): Promise<void> {
    if (!this.closed) {
      super.dispose();
      // Until the cache file has been read nothing can have changed, and a write would replace the file with an empty cache.
      this.closed = Promise.all([this.loaded.then(() => this.cache.flush()), this.pool?.dispose()]).then(() => undefined);
    }
    return this.closed;
  }

  override dispose(): void {
    void this.close();
  }
}
