// Which documents are rig files: *.headroom.json anywhere, or headroom.json.

import type * as vscode from 'vscode';

export const RIG_SELECTOR: vscode.DocumentSelector = [{ pattern: '**/*.headroom.json' }, { pattern: '**/headroom.json' }];

export function isRigDocument(doc: vscode.TextDocument): boolean {
  return /(^|[\\/])(headroom|[^\\/]+\.headroom)\.json$/i.test(doc.fileName);
}
