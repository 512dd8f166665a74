import * as vscode from 'vscode';
import { RigDiagnostics } from './host/rigDiagnostics';
import { RigIndex } from './host/rigIndex';
import { TakeCommands } from './host/takeCommands';
import { TakeDiagnostics } from './host/takeDiagnostics';
import { TakeStore } from './host/takeStore';

export function activate(context: vscode.ExtensionContext): void {
  // Workers start on first use: activating Headroom costs nothing until a take is analysed.
  const rigs = new RigIndex();
  const store = new TakeStore(context, rigs);
  context.subscriptions.push(rigs, store, new TakeDiagnostics(store, rigs), new TakeCommands(store), new RigDiagnostics());
}
