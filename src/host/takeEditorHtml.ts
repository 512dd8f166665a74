// The take editor's page: a skeleton the script fills, under a strict CSP (scripts by nonce, styles
// and media from the extension's and the take's own resource roots only).

import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export function takeEditorHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const nonce = randomBytes(16).toString('base64');
  const res = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...p)).toString();
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
    `media-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${res('dist', 'webview', 'take.css')}">
<link rel="stylesheet" href="${res('media', 'take.css')}">
<title>${esc(title)}</title>
</head>
<body data-state="loading">
<main id="app" aria-live="polite"><p class="muted">Opening ${esc(title)}…</p></main>
<script nonce="${nonce}" src="${res('dist', 'webview', 'take.js')}"></script>
</body>
</html>`;
}
