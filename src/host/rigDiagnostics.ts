// Rig files (*.headroom.json, headroom.json): the model's findings as diagnostics at their exact
// ranges while the user types, and quick fixes where the fix is clear. Every rig file of the
// workspace is checked (the rig index reads them all), open or not; a rig file opened from outside
// the workspace is checked while it is open.

import { basename } from 'node:path';
import * as vscode from 'vscode';
import { checkRig, fixEdits, parseRig, type RigDocument, type RigProblem } from '../core/gainstage';
import { Disposable } from './dispose';
import { isRigDocument, RIG_SELECTOR } from './rigFiles';
import type { RigIndex } from './rigIndex';
import { readHeadroomConfig } from './settings';
import { rangeAt } from './textPosition';

const SEVERITY: Record<RigProblem['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};
/** Re-check after typing pauses this long. */
const DEBOUNCE_MS = 250;

class RigDiagnostic extends vscode.Diagnostic {
  constructor(
    range: vscode.Range,
    readonly problem: RigProblem,
  ) {
    super(range, problem.message, SEVERITY[problem.severity]);
    this.source = 'Headroom';
    this.code = problem.code;
  }
}

function unreadableDiagnostic(uri: vscode.Uri, reason: string): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), `Cannot read ${basename(uri.fsPath)}: ${reason}`, vscode.DiagnosticSeverity.Error);
  diagnostic.source = 'Headroom';
  diagnostic.code = 'unreadable';
  return diagnostic;
}

export class RigDiagnostics extends Disposable implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('Headroom rigs'));
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly rigs: RigIndex) {
    super();
    // The index reports each rig it (re)reads, and every rig after a scan: their problems follow.
    this._register(
      rigs.onDidChange((uri) => {
        if (uri) this.publishIndexed(uri);
        else this.publishAllIndexed();
      }),
    );
    // The checks aim at the level targets in the settings.
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('headroom')) return;
        this.publishAllIndexed();
        for (const d of vscode.workspace.textDocuments) this.check(d);
      }),
    );
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.check(d)));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)));
    this._register(
      vscode.workspace.onDidCloseTextDocument((d) => {
        // A workspace rig keeps its problems (from the file on disk, which the index reads again).
        if (!this.rigs.get(d.uri)) this.collection.delete(d.uri);
      }),
    );
    this._register(vscode.languages.registerCodeActionsProvider(RIG_SELECTOR, this, { providedCodeActionKinds: RigDiagnostics.providedCodeActionKinds }));
    this.publishAllIndexed();
    for (const d of vscode.workspace.textDocuments) this.check(d);
  }

  private publishAllIndexed(): void {
    const stale: vscode.Uri[] = [];
    this.collection.forEach((uri) => {
      if (!this.rigs.get(uri)) stale.push(uri);
    });
    for (const uri of stale) this.publishIndexed(uri);
    for (const { uri } of this.rigs.rigs()) this.publishIndexed(uri);
    for (const uri of this.rigs.unreadableRigs()) this.publishIndexed(uri);
  }

  private publishIndexed(uri: vscode.Uri): void {
    const doc = this.rigs.get(uri);
    const readError = doc ? undefined : this.rigs.readError(uri);
    if (doc) this.publish(uri, doc);
    // Where the rig's problems are looked for, once (not a notification at every change of the file).
    else if (readError !== undefined) this.collection.set(uri, [unreadableDiagnostic(uri, readError)]);
    // Deleted: its problems go with it, unless it is still open (outside the index's reach).
    else if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) this.collection.delete(uri);
  }

  private publish(uri: vscode.Uri, doc: RigDocument): void {
    this.collection.set(
      uri,
      checkRig(doc, undefined, readHeadroomConfig(uri).analysis.targets).map((p) => new RigDiagnostic(rangeAt(doc.text, p.range.offset, p.range.length), p)),
    );
  }

  private schedule(doc: vscode.TextDocument): void {
    // A workspace rig is checked when the index has read the edit.
    if (!isRigDocument(doc) || this.rigs.get(doc.uri)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.check(doc);
      }, DEBOUNCE_MS),
    );
  }

  private check(doc: vscode.TextDocument): void {
    if (!isRigDocument(doc) || this.rigs.get(doc.uri)) return;
    this.publish(doc.uri, parseRig(doc.getText(), doc.fileName));
  }

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return context.diagnostics
      .filter((d): d is RigDiagnostic => d instanceof RigDiagnostic && d.problem.fix !== undefined)
      .map((d) => {
        const fix = d.problem.fix!;
        const action = new vscode.CodeAction(fix.description, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [d];
        action.isPreferred = true;
        action.edit = new vscode.WorkspaceEdit();
        for (const e of fixEdits(doc.getText(), fix))
          action.edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)), e.newText);
        return action;
      });
  }

  override dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    super.dispose();
  }
}
