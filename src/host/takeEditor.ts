// The take editor: a read-only custom editor for WAV files (priority "option", so VS Code's own
// preview stays the default unless the user chooses otherwise). Each file's analysis lives in its
// document and is shared by every tab showing it; each tab is a webview that is not retained when
// hidden and asks for the current state again when it comes back.

import * as vscode from 'vscode';
import { isTakeToHost, type HostToTake } from '../shared/takeEditor';
import { Disposable, DisposableStore, disposeAll } from './dispose';
import { headerHtml } from './takePage';
import type { RigIndex } from './rigIndex';
import { webviewPage } from './webviewPage';
import { TakeSession } from './takeEditorSession';
import type { TakeStore } from './takeStore';

export const TAKE_EDITOR_VIEW_TYPE = 'headroom.takeEditor';

class TakeDocument implements vscode.CustomDocument {
  constructor(
    readonly uri: vscode.Uri,
    readonly session: TakeSession,
    private readonly onDispose: () => void,
  ) {}

  /** The last tab on the file closed: stop its analysis. */
  dispose(): void {
    this.session.dispose();
    this.onDispose();
  }
}

export class TakeEditorProvider extends Disposable implements vscode.CustomReadonlyEditorProvider<TakeDocument> {
  /** The open takes' sessions, by URI. */
  private readonly sessions = new Map<string, TakeSession>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: TakeStore,
    private readonly rigs: RigIndex,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this._register(vscode.window.registerCustomEditorProvider(TAKE_EDITOR_VIEW_TYPE, this, { supportsMultipleEditorsPerDocument: true }));
    // Sessions still open when Headroom is deactivated stop their analyses and watchers.
    this._register({ dispose: () => disposeAll([...this.sessions.values()]) });
  }

  openCustomDocument(uri: vscode.Uri): TakeDocument {
    const session = new TakeSession(uri, this.store, this.rigs, this.log);
    this.sessions.set(uri.toString(), session);
    return new TakeDocument(uri, session, () => {
      if (this.sessions.get(uri.toString()) === session) this.sessions.delete(uri.toString());
    });
  }

  /** Opens a take in the take editor and shows a time in it (`durationSeconds`: the passage from there). */
  async openAt(uri: vscode.Uri, seconds: number, durationSeconds: number): Promise<void> {
    await vscode.commands.executeCommand('vscode.openWith', uri, TAKE_EDITOR_VIEW_TYPE, { preview: false });
    this.sessions.get(uri.toString())?.revealTime(seconds, durationSeconds);
  }

  async resolveCustomEditor(document: TakeDocument, panel: vscode.WebviewPanel): Promise<void> {
    const { webview } = panel;
    // The analysis (and the host's read of the header) starts before the page is built.
    document.session.start();
    webview.options = {
      enableScripts: true,
      // The take's folder is a root for this editor only, so its <audio> can play the take. It is the
      // narrowest root that works: VS Code reads every root as a folder (it appends a separator before
      // matching), so the file itself as a root lets nothing load, the take included.
      localResourceRoots: [
        vscode.Uri.joinPath(this.extensionUri, 'dist'),
        vscode.Uri.joinPath(this.extensionUri, 'media'),
        vscode.Uri.joinPath(document.uri, '..'),
      ],
    };
    const res = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...p)).toString();
    const title = document.uri.path.split('/').pop() ?? 'take';
    const audioSrc = webview.asWebviewUri(document.uri).toString();
    // The page starts with what is known (the header, when the host read it in time): its first
    // paint shows it without waiting for a message.
    let closed = false;
    const closing = panel.onDidDispose(() => (closed = true));
    const initial = await document.session.initialMessages(audioSrc);
    closing.dispose();
    if (closed) return;
    webview.html = webviewPage({
      cspSource: webview.cspSource,
      script: res('dist', 'webview', 'take.js'),
      // uPlot's rules (bundled from the package), the diagram's, the editor's own.
      styles: [res('dist', 'webview', 'take.css'), res('media', 'diagram.css'), res('media', 'take.css')],
      title,
      bodyAttributes: { 'data-state': 'loading', 'data-initial': JSON.stringify(initial) },
      body: `<main id="app" aria-live="polite">${headerHtml(title, initial)}</main>`,
    });
    const post = (m: HostToTake) => void webview.postMessage(m.type === 'start' ? { ...m, audioSrc } : m);
    /** This tab's selection being measured: a new selection (or closing the tab) stops it. */
    let selection: AbortController | undefined;
    const subscriptions = new DisposableStore();
    subscriptions.add(document.session.onMessage(post));
    subscriptions.add(
      webview.onDidReceiveMessage((m: unknown) => {
        if (!isTakeToHost(m)) {
          this.log.warn(`take editor: ignored an invalid message from the view: ${JSON.stringify(m)?.slice(0, 200)}`);
          return;
        }
        switch (m.type) {
          case 'ready':
            for (const s of document.session.snapshot(audioSrc)) post(s);
            return;
          case 'window':
            post(document.session.window(m));
            return;
          case 'selection': {
            selection?.abort();
            const controller = (selection = new AbortController());
            void document.session.measureSelection(m, (r) => !controller.signal.aborted && post(r), controller.signal);
            return;
          }
          case 'revealed':
            document.session.revealed();
            return;
        }
      }),
    );
    subscriptions.add(
      panel.onDidDispose(() => {
        selection?.abort();
        subscriptions.dispose();
      }),
    );
  }
}
