// Takes named in source code, in any language: a string such as "takes/kick.wav" that resolves to a
// take in the workspace gets a hover with its key figures and a CodeLens with its peak and loudness,
// so a take can be checked next to the code that plays it.

import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import * as vscode from 'vscode';
import { readHeadroomConfig } from './settings';
import { findWavLiterals, literalAt, type WavLiteral } from './takeLiterals';
import { baseName, keyFiguresMarkdown, lensTitle } from './takesModel';
import type { TakeStore } from './takeStore';

/** Larger documents (bundles, minified code, data dumps) are not scanned. */
const MAX_DOCUMENT_CHARS = 1_000_000;
const LENS_REFRESH_MS = 300;
/** The only commands the hover's links may run. */
const LINK_COMMANDS = ['headroom.takes.open', 'headroom.analyzeTake'];

function commandLink(title: string, command: string, uri: vscode.Uri): string {
  return `[${title}](command:${command}?${encodeURIComponent(JSON.stringify([uri]))})`;
}

export class TakeReferences implements vscode.HoverProvider, vscode.CodeLensProvider, vscode.Disposable {
  private readonly lensesChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensesChanged.event;
  private readonly disposables: vscode.Disposable[] = [this.lensesChanged];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly store: TakeStore) {
    const selector: vscode.DocumentSelector = { scheme: 'file' };
    this.disposables.push(
      vscode.languages.registerHoverProvider(selector, this),
      vscode.languages.registerCodeLensProvider(selector, this),
      store.onDidChange(() => this.refreshLenses()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('headroom.sourceHints')) this.refreshLenses();
      }),
    );
  }

  private get enabled(): boolean {
    return readHeadroomConfig().sourceHints;
  }

  private refreshLenses(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.lensesChanged.fire();
    }, LENS_REFRESH_MS);
  }

  private literals(doc: vscode.TextDocument): WavLiteral[] {
    if (!this.enabled || /\.wav$/i.test(doc.uri.path)) return [];
    const text = doc.getText();
    return text.length > MAX_DOCUMENT_CHARS ? [] : findWavLiterals(text);
  }

  /**
   * The take a literal names: relative to the document's folder, then to each workspace folder.
   * Only existing files inside the workspace count, so a source file never points Headroom elsewhere.
   */
  private async resolveTake(doc: vscode.TextDocument, literal: WavLiteral): Promise<vscode.Uri | undefined> {
    const bases = [dirname(doc.uri.fsPath), ...(vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath)];
    for (const base of new Set(bases)) {
      const uri = vscode.Uri.file(resolve(base, literal.value));
      if (!vscode.workspace.getWorkspaceFolder(uri)) continue;
      const s = await stat(uri.fsPath).catch(() => undefined);
      if (s?.isFile()) return uri;
    }
    return undefined;
  }

  async provideHover(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const literal = literalAt(this.literals(doc), doc.offsetAt(position));
    if (!literal) return undefined;
    const uri = await this.resolveTake(doc, literal);
    if (!uri || token.isCancellationRequested) return undefined;
    let result = this.store.get(uri);
    // In an untrusted workspace a hover only shows what is known: analysing is one click away.
    if (!result && vscode.workspace.isTrusted && ((await stat(uri.fsPath).catch(() => undefined))?.size ?? Infinity) <= this.store.settings.maxFileSizeBytes) {
      // Hovering is asking: analyse now (a few hundred ms for a typical take), unless the hover goes away.
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort());
      try {
        result = (await this.store.analyze(uri, { signal: controller.signal })).result;
      } catch (err) {
        if ((err as Error).name !== 'AbortError') throw err;
        return undefined;
      } finally {
        sub.dispose();
      }
    }
    const md = new vscode.MarkdownString(keyFiguresMarkdown(vscode.workspace.asRelativePath(uri), result), true);
    md.isTrusted = { enabledCommands: LINK_COMMANDS };
    md.appendMarkdown(`\n\n${commandLink('Open in Headroom', 'headroom.takes.open', uri)} · ${commandLink('Analyse', 'headroom.analyzeTake', uri)}`);
    return new vscode.Hover(md, new vscode.Range(doc.positionAt(literal.start), doc.positionAt(literal.end)));
  }

  async provideCodeLenses(doc: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    const lenses: vscode.CodeLens[] = [];
    for (const literal of this.literals(doc)) {
      if (token.isCancellationRequested) break;
      const uri = await this.resolveTake(doc, literal);
      if (!uri) continue;
      const result = this.store.get(uri);
      const line = doc.positionAt(literal.start).line;
      lenses.push(
        new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
          title: lensTitle(baseName(uri.path), result),
          tooltip: result ? 'Open in Headroom' : 'Analyse this take with Headroom',
          command: result ? 'headroom.takes.open' : 'headroom.analyzeTake',
          arguments: [uri],
        }),
      );
    }
    return lenses;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
