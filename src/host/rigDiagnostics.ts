// Rig files (*.headroom.json, headroom.json): the model's findings as diagnostics at their exact
// ranges while the user types, and quick fixes where the fix is clear.

import * as vscode from 'vscode';
import { checkRig, fixEdits, parseRig, type RigProblem } from '../core/gainstage';
import { readHeadroomConfig } from './takeStore';

const SEVERITY: Record<RigProblem['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};
/** Re-check after typing pauses this long. */
const DEBOUNCE_MS = 250;

export const RIG_SELECTOR: vscode.DocumentSelector = [{ pattern: '**/*.headroom.json' }, { pattern: '**/headroom.json' }];

export function isRigDocument(doc: vscode.TextDocument): boolean {
  return /(^|[\\/])(headroom|[^\\/]+\.headroom)\.json$/i.test(doc.fileName);
}

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

export class RigDiagnostics implements vscode.Disposable, vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];
  private readonly collection = vscode.languages.createDiagnosticCollection('Headroom rigs');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor() {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.check(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
      vscode.languages.registerCodeActionsProvider(RIG_SELECTOR, this, { providedCodeActionKinds: RigDiagnostics.providedCodeActionKinds }),
    );
    for (const d of vscode.workspace.textDocuments) this.check(d);
  }

  private schedule(doc: vscode.TextDocument): void {
    if (!isRigDocument(doc)) return;
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
    if (!isRigDocument(doc)) return;
    const problems = checkRig(parseRig(doc.getText(), doc.fileName), undefined, readHeadroomConfig(doc.uri).analysis.targets);
    this.collection.set(
      doc.uri,
      problems.map((p) => new RigDiagnostic(new vscode.Range(doc.positionAt(p.range.offset), doc.positionAt(p.range.offset + p.range.length)), p)),
    );
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
        for (const e of fixEdits(doc.getText(), fix)) action.edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)), e.newText);
        return action;
      });
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
