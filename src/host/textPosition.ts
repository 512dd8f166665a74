// Offsets in a rig file's text as editor positions, for a file that need not be open in an editor
// (the rig index holds its text).

import * as vscode from 'vscode';

export function positionAt(text: string, offset: number): vscode.Position {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return new vscode.Position(line, offset - lineStart);
}

export function rangeAt(text: string, offset: number, length: number): vscode.Range {
  return new vscode.Range(positionAt(text, offset), positionAt(text, offset + length));
}
