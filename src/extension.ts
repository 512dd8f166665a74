import * as vscode from 'vscode';
import { createAnalysisPool } from './worker/pool';
import type { AnalysisPool } from './worker/api';
import { RigDiagnostics } from './host/rigDiagnostics';
import { TakeCommands } from './host/takeCommands';

export function activate(context: vscode.ExtensionContext): void {
  // Workers start on first use: activating Headroom costs nothing until a take is analysed.
  let pool: AnalysisPool | undefined;
  const getPool = () => (pool ??= createAnalysisPool({ workerScript: vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').fsPath }));
  context.subscriptions.push(new TakeCommands(getPool), new RigDiagnostics(), { dispose: () => void pool?.dispose() });
}
