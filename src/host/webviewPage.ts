// The pages of Headroom's webviews: a skeleton their script fills, under a strict CSP (nothing by
// default, scripts by nonce, styles and media from the webview's own resource roots only). Free of
// `vscode`, so the policy is tested in plain Node.

import { randomBytes } from 'node:crypto';

export interface WebviewPage {
  /** webview.cspSource */
  cspSource: string;
  /** asWebviewUri of the page's bundle in dist/webview/. */
  script: string;
  /** asWebviewUri of its stylesheets, in cascade order. */
  styles: string[];
  title: string;
  /** Attributes of <body> (escaped here), e.g. state the script needs before any message. */
  bodyAttributes?: Record<string, string>;
  /** Static markup of the page body: written by Headroom, never built from file contents. */
  body: string;
}

export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function webviewCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    // The take editor plays the take through <audio>, from the take's folder (a resource root of that editor only).
    `media-src ${cspSource}`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export function webviewPage(p: WebviewPage, nonce = newNonce()): string {
  const attrs = Object.entries(p.bodyAttributes ?? {})
    .map(([k, v]) => ` ${k}="${escapeHtml(v)}"`)
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(webviewCsp(p.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${p.styles.map((s) => `<link rel="stylesheet" href="${escapeHtml(s)}">`).join('\n')}
<title>${escapeHtml(p.title)}</title>
</head>
<body${attrs}>
${p.body}
<script nonce="${escapeHtml(nonce)}" src="${escapeHtml(p.script)}"></script>
</body>
</html>`;
}
