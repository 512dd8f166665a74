// How the diagrams look: CSS classes whose colours are VS Code theme variables with concrete
// fallbacks. Inside a webview the variables resolve to the current theme (light, dark, high
// contrast); in an exported file they are undefined and the fallbacks (a light palette on a white
// background) apply. Webviews forbid inline styles by CSP, so there the same rules come from
// media/rig.css and the SVG is generated without its <style> (a unit test keeps the two in step).

import { el, fragment, num, type Child, type Markup, render } from './svg';

export const DIAGRAM_CSS = `
.hr-diagram { font-family: var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", sans-serif); }
.hr-diagram text { fill: var(--vscode-foreground, #1f1f1f); }
.hr-diagram .bg { fill: var(--vscode-editor-background, #ffffff); }
.hr-diagram .title { font-size: 16px; font-weight: 600; }
.hr-diagram .label { font-size: 12px; font-weight: 600; }
.hr-diagram .level { font-size: 17px; font-weight: 600; }
.hr-diagram .compact .level { font-size: 15px; }
.hr-diagram .small { font-size: 11px; }
.hr-diagram .heading { font-size: 13px; font-weight: 600; }
.hr-diagram text.muted { fill: var(--vscode-descriptionForeground, #5f5f5f); }
.hr-diagram .frame { fill: var(--vscode-editorWidget-background, #f5f5f5); stroke: var(--vscode-editorWidget-border, #9e9e9e); stroke-width: 1.5; }
.hr-diagram .block { fill: var(--vscode-sideBar-background, #eef3f8); stroke: var(--vscode-focusBorder, #005fb8); stroke-width: 1.5; }
.hr-diagram .wire { stroke: var(--vscode-foreground, #1f1f1f); stroke-width: 1.5; fill: none; }
.hr-diagram .head { fill: var(--vscode-foreground, #1f1f1f); }
.hr-diagram .switch-pivot { fill: var(--vscode-foreground, #1f1f1f); }
.hr-diagram .risk-ok .frame { stroke: var(--vscode-testing-iconPassed, #2e7d32); }
.hr-diagram .risk-hot .frame { stroke: var(--vscode-editorWarning-foreground, #b26a00); stroke-width: 2.5; }
.hr-diagram .risk-clip .frame { stroke: var(--vscode-editorError-foreground, #c62828); stroke-width: 3; }
.hr-diagram .risk-noisy .frame { stroke: var(--vscode-editorInfo-foreground, #1565c0); stroke-width: 2.5; }
.hr-diagram .risk-unknown .frame { stroke: var(--vscode-disabledForeground, #757575); stroke-dasharray: 5 3; }
.hr-diagram .risk-ok text.risk { fill: var(--vscode-testing-iconPassed, #2e7d32); }
.hr-diagram .risk-hot text.risk { fill: var(--vscode-editorWarning-foreground, #b26a00); }
.hr-diagram .risk-clip text.risk { fill: var(--vscode-editorError-foreground, #c62828); }
.hr-diagram .risk-noisy text.risk { fill: var(--vscode-editorInfo-foreground, #1565c0); }
.hr-diagram .risk-unknown text.risk { fill: var(--vscode-disabledForeground, #757575); }
.hr-diagram text.pass { fill: var(--vscode-testing-iconPassed, #2e7d32); }
.hr-diagram text.fail { fill: var(--vscode-editorError-foreground, #c62828); }
`;

export interface DocumentOptions {
  width: number;
  height: number;
  /** Spoken by screen readers and shown as the image's tooltip. */
  label: string;
  /** Include the <style> (exported files). Webviews pass false and load media/rig.css. */
  embedStyle: boolean;
}

/** A standalone SVG: a viewBox and no fixed pixel size, so it scales to any width. */
export function svgDocument(opts: DocumentOptions, ...body: Child[]): string {
  const root: Markup = el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      viewBox: `0 0 ${num(opts.width)} ${num(opts.height)}`,
      class: 'hr-diagram',
      role: 'img',
      'aria-label': opts.label,
      preserveAspectRatio: 'xMidYMin meet',
    },
    el('title', {}, opts.label),
    opts.embedStyle ? el('style', {}, DIAGRAM_CSS) : null,
    el('rect', { class: 'bg', x: 0, y: 0, width: opts.width, height: opts.height }),
    fragment(...body),
  );
  return render(root);
}
