// Re-analyses a take when it appears or changes, once it has finished being written: a DAW writing a
// new take into the folder shows its findings within seconds of the write finishing. The pool bounds
// how many analyses run at once; this class only decides when a take is ready.

import { stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import { isAbortError } from '../core/abort';
import { Disposable, DisposableStore } from './dispose';
import { waitUntilSettled } from './fileSettle';
import { takeMatcher } from './takeFiles';
import type { TakeStore } from './takeStore';

/** How often a file being written is looked at; two equal readings one poll apart mean "finished". */
const POLL_MS = 500;

export class TakeWatcher extends Disposable {
  /** Made again whenever the workspace folders or the scan settings change. */
  private readonly watchers = this._register(new DisposableStore());
  /** Takes being waited on or analysed: the controller that cancels the work, and whether the take changed during its analysis. */
  private readonly pending = new Map<string, { controller: AbortController; analyzing: boolean; again: boolean }>();
  private readonly pendingChanged = this._register(new vscode.EventEmitter<vscode.Uri>());
  /** A take started or stopped being written/analysed (see isPending). */
  readonly onDidChangePending = this.pendingChanged.event;
  private readonly takesChanged = this._register(new vscode.EventEmitter<void>());
  /** A take appeared or was deleted: the list of takes changed. */
  readonly onDidChangeTakes = this.takesChanged.event;
  private readonly takeCreated = this._register(new vscode.EventEmitter<vscode.Uri>());
  /** A new take appeared (a recorder started writing it), before it has finished. */
  readonly onDidCreateTake = this.takeCreated.event;

  /** Takes written while the workspace was untrusted: analysed once it is trusted. */
  private readonly awaitingTrust = new Map<string, vscode.Uri>();

  constructor(
    private readonly store: TakeStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this._register(
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        const waiting = [...this.awaitingTrust.values()];
        this.awaitingTrust.clear();
        for (const uri of waiting) this.touched(uri, false);
      }),
    );
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('headroom.scan') || e.affectsConfiguration('files.exclude')) {
          this.watch();
          this.takesChanged.fire();
        }
      }),
    );
    this._register(
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.watch();
        this.takesChanged.fire();
      }),
    );
    this.watch();
  }

  isPending(uri: vscode.Uri): boolean {
    return this.pending.has(uri.toString());
  }

  /** One watcher per include glob and workspace folder; every event is then filtered by takeMatcher. */
  private watch(): void {
    this.watchers.clear();
    const config = this.store.settings;
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const glob of config.include) {
        const w = this.watchers.add(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, glob)));
        this.watchers.add(w.onDidCreate((uri) => this.touched(uri, true)));
        this.watchers.add(w.onDidChange((uri) => this.touched(uri, false)));
        this.watchers.add(w.onDidDelete((uri) => this.deleted(uri)));
      }
    }
  }

  private touched(uri: vscode.Uri, created: boolean): void {
    // Read the settings now: they may have changed since the watcher was made.
    if (!takeMatcher(this.store.settings)(uri)) return;
    if (created) {
      this.takesChanged.fire();
      this.takeCreated.fire(uri);
    }
    // Nobody opened this file: in an untrusted workspace it waits until the workspace is trusted.
    if (!vscode.workspace.isTrusted) {
      this.awaitingTrust.set(uri.toString(), uri);
      return;
    }
    // A burst of change events while the take is written is absorbed by the one poll loop running;
    // a change during the analysis itself runs the whole cycle once more afterwards.
    const running = this.pending.get(uri.toString());
    if (running) {
      running.again ||= running.analyzing;
      return;
    }
    const job = { controller: new AbortController(), analyzing: false, again: false };
    this.pending.set(uri.toString(), job);
    this.pendingChanged.fire(uri);
    void this.settleAndAnalyze(uri, job).finally(() => {
      if (this.pending.get(uri.toString()) !== job) return;
      this.pending.delete(uri.toString());
      this.pendingChanged.fire(uri);
      if (job.again) this.touched(uri, false);
    });
  }

  private async settleAndAnalyze(uri: vscode.Uri, job: { controller: AbortController; analyzing: boolean }): Promise<void> {
    const { controller } = job;
    try {
      const settled = await waitUntilSettled(
        () =>
          stat(uri.fsPath).then(
            (s) => ({ size: s.size, mtimeMs: s.mtimeMs }),
            () => undefined,
          ),
        { intervalMs: POLL_MS, signal: controller.signal },
      );
      if (!settled) return;
      if (settled.size > this.store.settings.maxFileSizeBytes) return;
      job.analyzing = true;
      await this.store.analyze(uri, { signal: controller.signal });
    } catch (err) {
      // Nobody awaits a watcher's analysis: a failure (a worker that died) is logged, not thrown.
      // One that ends with the watcher is the shutdown's (the pool stopped), not the take's.
      if (!isAbortError(err) && !this.isDisposed) this.log.error(`re-analysing ${uri.fsPath} failed:`, err);
    }
  }

  private deleted(uri: vscode.Uri): void {
    this.awaitingTrust.delete(uri.toString());
    this.pending.get(uri.toString())?.controller.abort();
    this.pending.delete(uri.toString());
    this.store.forget(uri);
    this.takesChanged.fire();
  }

  override dispose(): void {
    for (const job of this.pending.values()) job.controller.abort();
    this.pending.clear();
    super.dispose();
  }
}
