// Every result the store produces becomes Problems-panel entries on the take's URI: the findings,
// and, for a take that belongs to a rig input, the chain's advice linked to that input in the rig file.

import * as vscode from 'vscode';
import { locate } from '../core/gainstage';
import { isFailed, type Severity, type TakeResult } from '../core/report';
import { Disposable } from './dispose';
import { openTakeAtLink, takeDiagnostics } from './findingDiagnostics';
import type { RigIndex } from './rigIndex';
import type { TakeStore } from './takeStore';
import { rangeAt } from './textPosition';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** A binary file has no lines: every entry sits at its start, and the message carries the time. */
const START = new vscode.Range(0, 0, 0, 0);

export class TakeDiagnostics extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('Headroom'));

  constructor(
    private readonly store: TakeStore,
    private readonly rigs: RigIndex,
  ) {
    super();
    this._register(
      store.onDidChange((uris) => {
        if (uris.length === 0) this.publishAll();
        else for (const uri of uris) this.publish(uri, store.get(uri));
      }),
    );
    // A deleted take takes its problems with it.
    this._register(
      vscode.workspace.onDidDeleteFiles((e) => {
        for (const uri of e.files) {
          this.collection.delete(uri);
          store.forget(uri);
        }
      }),
    );
    this.publishAll();
  }

  private publishAll(): void {
    this.collection.clear();
    for (const { uri, result } of this.store.all()) this.publish(uri, result);
  }

  private publish(uri: vscode.Uri, result: TakeResult | undefined): void {
    if (!result) {
      this.collection.delete(uri);
      return;
    }
    const show = this.store.settings.severities;
    const diagnostics = takeDiagnostics(result, show).map((d) => {
      const diagnostic = new vscode.Diagnostic(START, d.message, SEVERITY[d.severity]);
      diagnostic.source = 'Headroom';
      // A timed finding's code is a link that opens the take editor at its time.
      diagnostic.code = d.at ? { value: d.code, target: vscode.Uri.parse(openTakeAtLink(uri.fsPath, d.at), true) } : d.code;
      return diagnostic;
    });
    if (!isFailed(result) && result.rig) {
      const rigUri = vscode.Uri.file(result.rig.file);
      const doc = this.rigs.get(rigUri);
      const input = doc?.rig?.inputs.find((i) => i.id === result.rig!.input);
      const where =
        doc && input
          ? (() => {
              const r = locate(doc, [...input.path, 'preampGainDb']);
              return new vscode.Location(rigUri, rangeAt(doc.text, r.offset, r.length));
            })()
          : undefined;
      // The rig's advice, then the chain diagnosis read against that input's chain.
      for (const a of [...result.rig.advice, ...(result.rig.diagnosis ?? [])]) {
        if (!show.has(a.severity)) continue;
        const diagnostic = new vscode.Diagnostic(START, a.message, SEVERITY[a.severity]);
        diagnostic.source = 'Headroom rig';
        diagnostic.code = a.code;
        if (where)
          diagnostic.relatedInformation = [
            new vscode.DiagnosticRelatedInformation(where, `input "${input!.name}" in ${vscode.workspace.asRelativePath(rigUri)}`),
          ];
        diagnostics.push(diagnostic);
      }
    }
    this.collection.set(uri, diagnostics);
  }
}
