// Commands that analyse takes: one take, or every take in the workspace with cancellable progress.
// Results flow through the store, which publishes them to every view.

import { stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import { isAbortError } from '../core/abort';
import { plural } from '../core/format';
import type { TakeResult } from '../core/report';
import { Disposable } from './dispose';
import { takeSummary } from './findingDiagnostics';
import type { RigIndex } from './rigIndex';
import { findTakes } from './takeFiles';
import type { TakeStore } from './takeStore';

export interface WorkspaceScanSummary {
  analyzed: number;
  failed: number;
  /** Larger than `headroom.files.maxSizeMB`: open them to analyse them. */
  skipped: number;
  cancelled: boolean;
}

/** The take a command applies to: its argument, else the active editor's or custom editor's file. */
export function activeTakeUri(arg?: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const tab = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  const uri = tab instanceof vscode.TabInputCustom || tab instanceof vscode.TabInputText ? tab.uri : vscode.window.activeTextEditor?.document.uri;
  return uri && /\.wav$/i.test(uri.path) ? uri : undefined;
}

export class TakeCommands extends Disposable {
  /** Aborts every analysis these commands started ("Headroom: Cancel Analysis", or a notification's Cancel). */
  private readonly running = new Set<AbortController>();

  constructor(
    private readonly store: TakeStore,
    private readonly rigs: RigIndex,
  ) {
    super();
    // From the Explorer (and the takes view) the second argument lists every selected take.
    this._register(vscode.commands.registerCommand('headroom.analyzeTake', (uri?: unknown, selection?: unknown) => this.analyzeTake(uri, selection)));
    this._register(vscode.commands.registerCommand('headroom.analyzeWorkspace', () => this.analyzeWorkspace()));
    this._register(vscode.commands.registerCommand('headroom.cancelAnalysis', () => this.cancelAll()));
  }

  /** One take: its result. Several selected takes: a summary, like a workspace scan of just those. */
  private async analyzeTake(arg?: unknown, selection?: unknown): Promise<TakeResult | WorkspaceScanSummary | undefined> {
    const selected = Array.isArray(selection)
      ? [...new Map(selection.filter((u): u is vscode.Uri => u instanceof vscode.Uri && /\.wav$/i.test(u.path)).map((u) => [u.toString(), u])).values()]
      : [];
    if (selected.length > 1) return this.analyzeTakes(`Headroom: analysing ${selected.length} takes`, async () => selected, { force: true, sizeLimit: false });
    const target = activeTakeUri(arg);
    if (!target) {
      void vscode.window.showWarningMessage('Headroom: open or select a .wav take to analyse.');
      return undefined;
    }
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Headroom: analysing ${vscode.workspace.asRelativePath(target)}`, cancellable: true },
      async (progress, token) => {
        const controller = this.track();
        const sub = token.onCancellationRequested(() => controller.abort());
        let last = 0;
        try {
          const { result } = await this.store.analyze(target, {
            force: true,
            signal: controller.signal,
            onProgress: (p) => {
              progress.report({ increment: (p.fraction - last) * 100 });
              last = p.fraction;
            },
          });
          void vscode.window.showInformationMessage(`Headroom: ${vscode.workspace.asRelativePath(target)}: ${takeSummary(result)}`);
          return result;
        } catch (err) {
          if (isAbortError(err)) return undefined;
          throw err;
        } finally {
          sub.dispose();
          this.running.delete(controller);
        }
      },
    );
  }

  private analyzeWorkspace(): Promise<WorkspaceScanSummary> {
    // The rig files too: their problems reach the Problems panel without opening them.
    void this.rigs.rescan();
    return this.analyzeTakes('Headroom: analysing takes', (token) => findTakes(this.store.settings, token), { force: false, sizeLimit: true });
  }

  /**
   * Analyses a list of takes with notification progress, results streaming into the store, cancelled
   * by the notification or "Cancel Analysis". `force` re-analyses takes the cache holds; `sizeLimit`
   * leaves takes over headroom.files.maxSizeMB alone (for scans, not for takes the user picked).
   */
  private async analyzeTakes(
    title: string,
    list: (token: vscode.CancellationToken) => Promise<vscode.Uri[]>,
    opts: { force: boolean; sizeLimit: boolean },
  ): Promise<WorkspaceScanSummary> {
    const summary: WorkspaceScanSummary = { analyzed: 0, failed: 0, skipped: 0, cancelled: false };
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const controller = this.track();
      const sub = token.onCancellationRequested(() => controller.abort());
      try {
        const files = await list(token);
        const limit = opts.sizeLimit ? this.store.settings.maxFileSizeBytes : Infinity;
        await Promise.all(
          files.map(async (uri) => {
            try {
              if (((await stat(uri.fsPath).catch(() => undefined))?.size ?? 0) > limit) {
                summary.skipped++;
                return;
              }
              const { result } = await this.store.analyze(uri, { force: opts.force, signal: controller.signal });
              if ('error' in result) summary.failed++;
              else summary.analyzed++;
              progress.report({ increment: 100 / files.length, message: `${summary.analyzed + summary.failed} of ${files.length}` });
            } catch (err) {
              if (!isAbortError(err)) throw err;
            }
          }),
        );
      } finally {
        summary.cancelled = controller.signal.aborted;
        sub.dispose();
        this.running.delete(controller);
      }
    });
    if (summary.skipped)
      void vscode.window.showInformationMessage(
        `Headroom: ${plural(summary.skipped, 'take')} larger than headroom.files.maxSizeMB ${summary.skipped === 1 ? 'was' : 'were'} not analysed; open ${summary.skipped === 1 ? 'it' : 'one'} to analyse it.`,
      );
    return summary;
  }

  private track(): AbortController {
    const controller = new AbortController();
    this.running.add(controller);
    return controller;
  }

  /** Returns how many runs were cancelled. */
  private cancelAll(): number {
    const n = this.running.size;
    for (const c of this.running) c.abort();
    this.running.clear();
    return n;
  }

  override dispose(): void {
    this.cancelAll();
    super.dispose();
  }
}
