// The take editor's page: a skeleton the script fills, under a strict CSP (scripts by nonce, styles
// and media from the webview's own resource roots only). Free of `vscode`, so the policy is tested
// in plain Node.

import { randomBytes } from 'node:crypto';

export interface TakePageResources {
  /** webview.cspSource */
  cspSource: string;
  /** asWebviewUri of dist/webview/take.js */
  script: string;
  /** asWebviewUri of dist/webview/take.css (uPlot's rules), media/diagram.css and media/take.css, in that order. */
  styles: string[];
  title: string;
}

export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function takeEditorCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    // The take itself plays through <audio>, from the take's folder (a resource root of this editor only).
    `media-src ${cspSource}`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export function takeEditorHtml(r: TakePageResources, nonce = newNonce()): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${esc(takeEditorCsp(r.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${r.styles.map((s) => `<link rel="stylesheet" href="${esc(s)}">`).join('\n')}
<title>${esc(r.title)}</title>
</head>
<body data-state="loading">
<main id="app" aria-live="polite"><p class="muted">Opening ${esc(r.title)}…</p></main>
<script nonce="${esc(nonce)}" src="${esc(r.script)}"></script>
</body>
</html>`;
}
