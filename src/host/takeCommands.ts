// Commands that analyse takes in the worker pool and publish their findings as diagnostics.

import * as vscode from 'vscode';
import type { Severity, TakeResult } from '../core/report';
import type { AnalysisPool } from '../worker/api';
import { takeDiagnostics, takeSummary } from './findingDiagnostics';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export class TakeCommands implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('Headroom');
  private readonly disposables: vscode.Disposable[] = [this.diagnostics];

  constructor(private readonly pool: () => AnalysisPool) {
    this.disposables.push(
      vscode.commands.registerCommand('headroom.analyzeTake', (uri?: vscode.Uri) => this.analyzeTake(uri)),
      vscode.commands.registerCommand('headroom.analyzeWorkspace', () => this.analyzeWorkspace()),
    );
  }

  private severities(): Set<Severity> {
    const list = vscode.workspace.getConfiguration('headroom').get<Severity[]>('diagnostics.severities', ['error', 'warning', 'info']);
    return new Set(list);
  }

  private publish(uri: vscode.Uri, result: TakeResult): void {
    const range = new vscode.Range(0, 0, 0, 0);
    this.diagnostics.set(
      uri,
      takeDiagnostics(result, this.severities()).map((d) => {
        const diagnostic = new vscode.Diagnostic(range, d.message, SEVERITY[d.severity]);
        diagnostic.source = 'Headroom';
        diagnostic.code = d.code;
        return diagnostic;
      }),
    );
  }

  private async analyzeTake(uri?: vscode.Uri): Promise<TakeResult | undefined> {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri ?? (vscode.window.tabGroups.activeTabGroup.activeTab?.input as { uri?: vscode.Uri } | undefined)?.uri;
    if (!target || !/\.wav$/i.test(target.path)) {
      void vscode.window.showWarningMessage('Headroom: open or select a .wav take to analyse.');
      return undefined;
    }
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Headroom: analysing ${vscode.workspace.asRelativePath(target)}`, cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const sub = token.onCancellationRequested(() => controller.abort());
        let last = 0;
        try {
          const { result } = await this.pool().analyze(
            { file: target.fsPath },
            {
              signal: controller.signal,
              onProgress: (p) => {
                progress.report({ increment: (p.fraction - last) * 100 });
                last = p.fraction;
              },
            },
          );
          this.publish(target, result);
          void vscode.window.showInformationMessage(`Headroom: ${takeSummary(result)}`);
          return result;
        } catch (err) {
          if ((err as Error).name === 'AbortError') return undefined;
          throw err;
        } finally {
          sub.dispose();
        }
      },
    );
  }

  private async analyzeWorkspace(): Promise<{ analysed: number; failed: number; cancelled: boolean }> {
    // findFiles applies files.exclude when its exclude argument is undefined.
    const files = await vscode.workspace.findFiles('**/*.{wav,WAV}');
    let analysed = 0;
    let failed = 0;
    const cancelled = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Headroom: analysing takes', cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const sub = token.onCancellationRequested(() => controller.abort());
        try {
          await Promise.all(
            files.map(async (uri) => {
              try {
                const { result } = await this.pool().analyze({ file: uri.fsPath }, { signal: controller.signal });
                this.publish(uri, result);
                if ('error' in result) failed++;
                else analysed++;
                progress.report({ increment: 100 / files.length, message: `${analysed + failed} of ${files.length}` });
              } catch (err) {
                if ((err as Error).name !== 'AbortError') throw err;
              }
            }),
          );
          return token.isCancellationRequested;
        } finally {
          sub.dispose();
        }
      },
    );
    return { analysed, failed, cancelled };
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
