import * as vscode from 'vscode';
import { createAnalysisPool } from './worker/pool';
import type { AnalysisPool } from './worker/api';
import { TakeCommands } from './host/takeCommands';

export function activate(context: vscode.ExtensionContext): void {
  // Workers start on first use: activating Headroom costs nothing until a take is analysed.
  let pool: AnalysisPool | undefined;
  const getPool = () => (pool ??= createAnalysisPool({ workerScript: vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').fsPath }));
  context.subscriptions.push(new TakeCommands(getPool), { dispose: () => void pool?.dispose() });
}

export function deactivate(): void {}
