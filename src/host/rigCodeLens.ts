// Buttons at the top of every rig file: open its diagram, rank interfaces against its requirements.

import * as vscode from 'vscode';
import { isRigDocument } from './rigFiles';

export class RigCodeLens implements vscode.CodeLensProvider {
  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!isRigDocument(doc)) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    return [
      new vscode.CodeLens(top, {
        title: 'Open rig diagram',
        tooltip: 'Every input chain, the interface, the DAW and the outputs, with levels and the requirements check',
        command: 'headroom.openRigDiagram',
        arguments: [doc.uri],
      }),
      new vscode.CodeLens(top, {
        title: 'Recommend an interface',
        tooltip: "Rank the catalogue's interfaces against this session's requirements",
        command: 'headroom.recommendInterface',
        arguments: [doc.uri],
      }),
    ];
  }
}
