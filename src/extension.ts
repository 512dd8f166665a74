import type * as vscode from 'vscode';
import { RigCommands } from './host/rigCommands';
import { RigDiagnostics } from './host/rigDiagnostics';
import { RigIndex } from './host/rigIndex';
import { TakeCommands } from './host/takeCommands';
import { TakeDiagnostics } from './host/takeDiagnostics';
import { TakeEditorProvider } from './host/takeEditor';
import { TakeEditorCommands } from './host/takeEditorCommands';
import { TakeRecords } from './host/takeRecords';
import { TakeReferences } from './host/takeReferences';
import { TakeStatusBar } from './host/takeStatusBar';
import { TakeStore } from './host/takeStore';
import { TakeWatcher } from './host/takeWatcher';
import { TakesView } from './host/takesView';
import { WorkspaceCommands } from './host/workspaceCommands';

export function activate(context: vscode.ExtensionContext): void {
  // Workers start on first use: activating Headroom costs nothing until a take is analysed.
  const rigs = new RigIndex();
  const store = new TakeStore(context, rigs);
  context.subscriptions.push(rigs, store, new TakeDiagnostics(store, rigs), new TakeCommands(store, rigs), new RigDiagnostics(rigs), new RigCommands(context.extensionUri, rigs));
  const watcher = new TakeWatcher(store);
  const takesView = new TakesView(context, store, rigs, watcher);
  context.subscriptions.push(watcher, takesView, new TakeStatusBar(store, takesView), new TakeReferences(store), new WorkspaceCommands(store), new TakeRecords(rigs, watcher));
  const editors = new TakeEditorProvider(context.extensionUri, store, rigs);
  context.subscriptions.push(editors, new TakeEditorCommands(store, editors));
}
