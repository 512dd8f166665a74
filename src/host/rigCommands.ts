// Rig commands: open the rig diagram, export it as an SVG file, recommend an interface from the
// catalogue for the session's requirements (and set it in the rig); plus the CodeLens at the top of
// rig files. Each command works on the rig given as an argument, else the active rig file or diagram,
// else one picked from the workspace.

import { findNodeAtLocation, modify } from 'jsonc-parser';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { rigNeeds } from '../core/diagram/rigView';
import { inputsToFit, recommendInterfaces, type InterfaceFit } from '../core/gainstage/recommend';
import { readHeadroomConfig } from './settings';
import type { RigDocument } from '../core/gainstage/rig';
import { RigCodeLens } from './rigCodeLens';
import { Disposable } from './dispose';
import { currentRig, RigDiagramPanels, renderRig } from './rigDiagramPanel';
import { isRigDocument, RIG_SELECTOR } from './rigFiles';
import type { RigIndex } from './rigIndex';

export interface RecommendOptions {
  /** false: return the ranking without showing the QuickPick. */
  pick?: boolean;
  /** Set this catalogue id as the rig's interface without asking (the QuickPick's choice, for scripts and tests). */
  apply?: string;
}

export class RigCommands extends Disposable {
  private readonly panels: RigDiagramPanels;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly rigs: RigIndex,
  ) {
    super();
    this.panels = this._register(
      new RigDiagramPanels(extensionUri, rigs, (rig, action) => {
        if (action === 'exportSvg') void this.exportDiagram(rig);
        else if (action === 'recommendInterface') void this.recommend(rig);
        else void vscode.window.showTextDocument(rig, { viewColumn: vscode.ViewColumn.One });
      }),
    );
    this._register(vscode.commands.registerCommand('headroom.openRigDiagram', (rig?: unknown) => this.openDiagram(rig)));
    this._register(vscode.commands.registerCommand('headroom.exportRigDiagram', (rig?: unknown, target?: unknown) => this.exportDiagram(rig, target)));
    this._register(vscode.commands.registerCommand('headroom.recommendInterface', (rig?: unknown, options?: RecommendOptions) => this.recommend(rig, options)));
    this._register(vscode.languages.registerCodeLensProvider(RIG_SELECTOR, new RigCodeLens()));
  }

  private async pickRig(given: unknown): Promise<vscode.Uri | undefined> {
    if (given instanceof vscode.Uri) return given;
    const fromPanel = this.panels.activeRig();
    if (fromPanel) return fromPanel;
    const editor = vscode.window.activeTextEditor;
    if (editor && isRigDocument(editor.document)) return editor.document.uri;
    await this.rigs.ready;
    const uris = this.rigs.rigs().map((r) => r.uri);
    if (uris.length === 0) {
      void vscode.window.showErrorMessage('Headroom: no rig file (*.headroom.json or headroom.json) in the workspace. Create one to describe the session.');
      return undefined;
    }
    if (uris.length === 1) return uris[0];
    const items = uris
      .map((uri) => ({ label: basename(uri.path), description: vscode.workspace.asRelativePath(uri), uri }))
      .sort((a, b) => a.description.localeCompare(b.description));
    return (await vscode.window.showQuickPick(items, { title: 'Headroom: choose a rig file', matchOnDescription: true }))?.uri;
  }

  private async openDiagram(rig: unknown): Promise<void> {
    const uri = await this.pickRig(rig);
    if (uri) await this.panels.open(uri);
  }

  /** Writes the diagram (with its own colours, so it reads anywhere) and returns where. */
  private async exportDiagram(rig: unknown, target?: unknown): Promise<vscode.Uri | undefined> {
    const uri = await this.pickRig(rig);
    if (!uri) return undefined;
    // An exported file stands alone: it carries the diagram stylesheet the webviews link.
    const style = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, 'media', 'diagram.css')));
    const view = await renderRig(this.rigs, uri, style);
    if (!view.ok) {
      void vscode.window.showErrorMessage(`Headroom: ${view.message}`);
      return undefined;
    }
    let dest = target instanceof vscode.Uri ? target : undefined;
    if (!dest) {
      const stem = basename(uri.path)
        .replace(/\.json$/i, '')
        .replace(/\.headroom$/i, '');
      dest = await vscode.window.showSaveDialog({
        title: 'Export rig diagram',
        defaultUri: vscode.Uri.joinPath(uri, '..', `${stem}-rig.svg`),
        filters: { 'SVG image': ['svg'] },
      });
      if (!dest) return undefined;
    }
    try {
      await vscode.workspace.fs.writeFile(dest, new TextEncoder().encode(`<?xml version="1.0" encoding="UTF-8"?>\n${view.svg}\n`));
    } catch (err) {
      void vscode.window.showErrorMessage(`Headroom: could not write ${dest.fsPath}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
    if (!(target instanceof vscode.Uri)) void vscode.window.showInformationMessage(`Rig diagram saved to ${vscode.workspace.asRelativePath(dest)}.`);
    return dest;
  }

  /** The catalogue ranked against the rig's needs; offers to set the chosen interface in the rig. */
  private async recommend(rig: unknown, options: RecommendOptions = {}): Promise<InterfaceFit[] | undefined> {
    const uri = await this.pickRig(rig);
    if (!uri) return undefined;
    let doc: RigDocument;
    try {
      doc = await currentRig(this.rigs, uri);
    } catch (err) {
      void vscode.window.showErrorMessage(`Headroom: cannot read ${basename(uri.path)}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
    if (doc.root?.type !== 'object') {
      void vscode.window.showErrorMessage(`Headroom: ${basename(uri.path)} is not a rig yet (a rig file is a JSON object).`);
      return undefined;
    }
    const fits = recommendInterfaces(rigNeeds(doc), inputsToFit(doc, readHeadroomConfig(uri).analysis.targets));
    if (options.apply !== undefined) {
      const chosen = fits.find((f) => f.id === options.apply);
      if (!chosen) throw new Error(`No interface "${options.apply}" in the catalogue.`);
      await this.setInterface(uri, chosen);
      return fits;
    }
    if (options.pick === false || fits.length === 0) return fits;
    const rigName = doc.rig?.name ?? basename(uri.path);
    const icon = { fits: '$(pass)', 'may fit': '$(question)', 'does not fit': '$(error)' } as const;
    const items = fits.map((f, i) => ({
      label: `${icon[f.status]} ${f.name}`,
      description: `${i + 1}. ${f.status}${f.fits ? ` · ${f.unusedFeatures} unused feature${f.unusedFeatures === 1 ? '' : 's'}` : ''}${f.einDbu === null ? '' : ` · EIN ${f.einDbu} dBu`}`,
      detail: f.fits ? 'Meets every need of the session, levels included.' : f.verdict,
      fit: f,
    }));
    const picked = await vscode.window.showQuickPick(items, {
      title: `Interfaces for ${rigName}, best first`,
      placeHolder: 'Choose one to use it in the rig',
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (!picked) return fits;
    const inline = findNodeAtLocation(doc.root, ['interface'])?.type === 'object';
    const answer = await vscode.window.showInformationMessage(
      `Use ${picked.fit.name} in ${basename(uri.path)}?`,
      {
        modal: true,
        detail: `Sets "interface": "${picked.fit.id}"${inline ? ', replacing the inline interface description' : ''}.${picked.fit.fits ? '' : ` It ${picked.fit.verdict}.`}`,
      },
      'Set Interface',
    );
    if (answer === 'Set Interface') await this.setInterface(uri, picked.fit);
    return fits;
  }

  private async setInterface(uri: vscode.Uri, fit: InterfaceFit): Promise<void> {
    const document = await vscode.workspace.openTextDocument(uri);
    const edit = new vscode.WorkspaceEdit();
    for (const e of modify(document.getText(), ['interface'], fit.id, { formattingOptions: { insertSpaces: true, tabSize: 2 } })) {
      edit.replace(uri, new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)), e.content);
    }
    if (!(await vscode.workspace.applyEdit(edit))) void vscode.window.showErrorMessage(`Headroom: could not set the interface in ${basename(uri.path)}.`);
  }
}
