// The take editor's page as the host builds it: free of `vscode`, so its markup is tested in Node.

import type { HostToTake } from '../shared/takeEditor';
import { formatFacts } from '../shared/takeFacts';
import { escapeHtml } from './webviewPage';

/**
 * The page's first paint, before its script runs: the take's name and, once the host has read it,
 * its format facts (the same text the script then shows), as escaped static markup.
 */
export function headerHtml(title: string, initial: readonly HostToTake[]): string {
  const header = initial.find((m): m is Extract<HostToTake, { type: 'header' }> => m.type === 'header');
  const facts = header ? formatFacts(header.header.format, header.sizeBytes) : [];
  const rows = facts.map(([label, text]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(text)}</dd>`).join('');
  return `<header id="take-header"><h1>${escapeHtml(title)}</h1>${rows ? `<div class="header-grid"><dl class="facts">${rows}</dl></div>` : `<p class="muted">Opening ${escapeHtml(title)}…</p>`}</header>`;
}
