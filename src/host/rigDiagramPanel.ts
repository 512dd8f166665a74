// The rig diagram: one webview panel per rig file, reused when opened again, redrawn whenever the rig
// index reports the rig edited or changed on disk, restored after a reload by a serializer from the state the
// webview keeps (no retainContextWhenHidden: a hidden panel's webview is rebuilt and asks for the
// diagram again with "ready").

import { basename } from 'node:path';
import * as vscode from 'vscode';
import { rigView, type RigView } from '../core/diagram/rigView';
import type { RigDocument } from '../core/gainstage/rig';
import { Disposable, disposeAll } from './dispose';
import { readRigDocument, type RigIndex } from './rigIndex';
import { readHeadroomConfig } from './settings';
import { webviewPage } from './webviewPage';
import { isRigPanelState, isWebviewToHost, type HostToWebview, type RigPanelState, type WebviewToHost } from '../shared/rigPanel';

export const RIG_DIAGRAM_VIEW = 'headroom.rigDiagram';
/** The rig as the index holds it (kept current as it is typed), or read now when it is not indexed. */
export async function currentRig(rigs: RigIndex, uri: vscode.Uri): Promise<RigDocument> {
  return rigs.get(uri) ?? readRigDocument(uri);
}

/** `style`: media/diagram.css to embed, for an exported file; none for the webview. `maxWidth`: the panel's room. */
export async function renderRig(rigs: RigIndex, uri: vscode.Uri, style?: string, maxWidth?: number): Promise<RigView> {
  const label = basename(uri.path);
  try {
    return rigView(await currentRig(rigs, uri), label, style, readHeadroomConfig(uri).analysis.targets, maxWidth);
  } catch (err) {
    return { ok: false, title: label, message: `Cannot read ${label}: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function toMessage(view: RigView): HostToWebview {
  if (!view.ok) return { type: 'invalid', title: view.title, message: view.message };
  return {
    type: 'show',
    title: view.title,
    // Safe to insert as markup in the webview: every name in it went through the escaping builder.
    svg: view.svg,
    interfaceName: view.interfaceName,
    requirements: view.requirements.map((r) => ({
      label: r.label,
      need: r.need,
      have: r.have,
      status: r.pass === null ? 'unknown' : r.pass ? 'pass' : 'fail',
    })),
    fits: view.fits.map((f) => ({ id: f.id, name: f.name, fits: f.fits, reasons: f.reasons })),
    problems: view.problems,
  };
}

export type PanelAction = (rig: vscode.Uri, action: Exclude<WebviewToHost['type'], 'ready' | 'layout'>) => void;

class RigDiagramPanel extends Disposable {
  /** The room the webview reported; until it does, the side-by-side layout. */
  private width: number | undefined;
  /** The webview has asked for the diagram: a new width redraws it. */
  private ready = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly uri: vscode.Uri,
    extensionUri: vscode.Uri,
    private readonly rigs: RigIndex,
    onAction: PanelAction,
    onDispose: () => void,
  ) {
    super();
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'headroom.svg');
    panel.webview.html = html(panel.webview, extensionUri, { uri: uri.toString(), zoom: 'fit' });
    this._register(
      panel.webview.onDidReceiveMessage((m: unknown) => {
        if (!isWebviewToHost(m)) return;
        if (m.type === 'ready') {
          this.ready = true;
          void this.refresh();
        } else if (m.type === 'layout') {
          if (m.width === this.width) return;
          this.width = m.width;
          if (this.ready) void this.refresh();
        } else onAction(this.uri, m.type);
      }),
    );
    this._register(
      panel.onDidDispose(() => {
        this.dispose();
        onDispose();
      }),
    );
    // Disposing this closes its panel (one the user closed is already gone: a second dispose does nothing).
    this._register(panel);
  }

  async refresh(): Promise<void> {
    const view = await renderRig(this.rigs, this.uri, undefined, this.width);
    if (this.isDisposed) return;
    this.panel.title = `Rig: ${view.title}`;
    void this.panel.webview.postMessage(toMessage(view));
  }
}

function html(webview: vscode.Webview, extensionUri: vscode.Uri, initial: RigPanelState): string {
  const res = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...p)).toString();
  return webviewPage({
    cspSource: webview.cspSource,
    script: res('dist', 'webview', 'rig.js'),
    styles: [res('media', 'diagram.css'), res('media', 'rig.css')],
    title: 'Rig diagram',
    // The rig's URI travels in a data attribute so a fresh webview knows its rig before any message.
    bodyAttributes: { 'data-initial-state': JSON.stringify(initial) },
    body: `<div class="toolbar" role="toolbar" aria-label="Rig diagram">
  <div class="zoom" role="group" aria-label="Zoom">
    <button id="zoom-out" title="Zoom out" aria-label="Zoom out">−</button>
    <select id="zoom" title="Zoom: Fit width lays the diagram out for the panel's width" aria-label="Zoom">
      <option value="fit">Fit width</option>
      <option value="0.5">50%</option>
      <option value="0.75">75%</option>
      <option value="1">100%</option>
      <option value="1.25">125%</option>
      <option value="1.5">150%</option>
      <option value="2">200%</option>
    </select>
    <button id="zoom-in" title="Zoom in" aria-label="Zoom in">+</button>
  </div>
  <button id="problems" class="problems link" title="Open the rig file: its problems are marked there and listed in the Problems panel"></button>
  <span class="spacer"></span>
  <button id="recommend" title="Rank the catalogue's interfaces against this session">Recommend…</button>
  <button id="export" class="primary" title="Save the diagram as an SVG file">Export SVG…</button>
</div>
<div id="invalid" class="message error" role="alert" hidden></div>
<div class="layout">
  <div id="diagram" class="diagram fit" aria-live="polite"></div>
  <div class="side">
    <section>
      <h2 id="req-heading">Requirements</h2>
      <ul id="requirements"></ul>
    </section>
    <section>
      <h2>Interfaces for this session</h2>
      <ul id="fits"></ul>
    </section>
  </div>
</div>`,
  });
}

export class RigDiagramPanels extends Disposable implements vscode.WebviewPanelSerializer<unknown> {
  private readonly panels = new Map<string, RigDiagramPanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly rigs: RigIndex,
    private readonly onAction: PanelAction,
  ) {
    super();
    // The open panels close with their owner (each leaves the map when it closes by itself).
    this._register({
      dispose: () => {
        disposeAll([...this.panels.values()]);
        this.panels.clear();
      },
    });
    this._register(vscode.window.registerWebviewPanelSerializer(RIG_DIAGRAM_VIEW, this));
    this._register(
      rigs.onDidChange((uri) => {
        for (const p of this.panels.values()) if (!uri || p.uri.toString() === uri.toString()) void p.refresh();
      }),
    );
  }

  /** Shows the rig's diagram, reusing its panel if one is open. */
  async open(uri: vscode.Uri): Promise<vscode.WebviewPanel> {
    const existing = this.panels.get(uri.toString());
    if (existing) {
      existing.panel.reveal();
      await existing.refresh();
      return existing.panel;
    }
    const panel = vscode.window.createWebviewPanel(
      RIG_DIAGRAM_VIEW,
      `Rig: ${basename(uri.path)}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      { enableScripts: true },
    );
    this.track(panel, uri);
    return panel;
  }

  /** The rig shown in the active diagram panel, if the active tab is one. */
  activeRig(): vscode.Uri | undefined {
    for (const p of this.panels.values()) if (p.panel.active) return p.uri;
    return undefined;
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    if (!isRigPanelState(state)) {
      // Nothing to restore it from (state from an older version, or none): close rather than show an empty panel.
      panel.dispose();
      return;
    }
    // The state comes from the webview: restore only a rig file inside the workspace that still exists.
    const uri = await restorableRig(state.uri);
    if (!uri) {
      panel.dispose();
      return;
    }
    const existing = this.panels.get(uri.toString());
    if (existing) {
      panel.dispose();
      return;
    }
    this.track(panel, uri);
  }

  private track(panel: vscode.WebviewPanel, uri: vscode.Uri): void {
    const key = uri.toString();
    const p = new RigDiagramPanel(panel, uri, this.extensionUri, this.rigs, this.onAction, () => {
      if (this.panels.get(key) === p) this.panels.delete(key);
    });
    this.panels.set(key, p);
  }
}

async function restorableRig(raw: string): Promise<vscode.Uri | undefined> {
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(raw, true);
  } catch {
    return undefined;
  }
  if (!/(^|\.)headroom\.json$/i.test(uri.path.split('/').pop() ?? '') || !vscode.workspace.getWorkspaceFolder(uri)) return undefined;
  try {
    return (await vscode.workspace.fs.stat(uri)).type & vscode.FileType.File ? uri : undefined;
  } catch {
    return undefined;
  }
}
