import * as vscode from 'vscode';
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

/** What deactivate() waits for before VS Code ends the extension host. */
let shutdown: (() => Promise<void>) | undefined;

export function activate(context: vscode.ExtensionContext): void {
  // Not in the subscriptions: VS Code disposes those as soon as deactivate() returns, and the
  // cache's last write may still have a failure to log. deactivate() closes it after that write.
  const log = vscode.window.createOutputChannel('Headroom', { log: true });
  // Workers start on first use: activating Headroom costs nothing until a take is analysed.
  const rigs = new RigIndex(log);
  const store = new TakeStore(context, rigs, log);
  shutdown = () => store.close().finally(() => log.dispose());
  context.subscriptions.push(
    rigs,
    store,
    new TakeDiagnostics(store, rigs),
    new TakeCommands(store, rigs),
    new RigDiagnostics(rigs),
    new RigCommands(context.extensionUri, rigs),
  );
  const watcher = new TakeWatcher(store, log);
  const takesView = new TakesView(context, store, rigs, watcher);
  context.subscriptions.push(
    watcher,
    takesView,
    new TakeStatusBar(store, takesView),
    new TakeReferences(store),
    new WorkspaceCommands(store),
    new TakeRecords(rigs, watcher),
  );
  const editors = new TakeEditorProvider(context.extensionUri, store, rigs, log);
  context.subscriptions.push(editors, new TakeEditorCommands(store, editors));
}

/** Waits for the last write of the analysis cache and the end of the worker threads. */
export function deactivate(): Promise<void> | undefined {
  const done = shutdown?.();
  shutdown = undefined;
  return done;
}
