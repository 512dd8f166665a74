// Small DOM helpers for the take editor: elements built from data (never from HTML strings), and
// the figure element every test and screen reader relies on.

type Attrs = Record<string, string | number | boolean | null | undefined>;
export type Kid = Node | string | null | undefined | false | readonly Kid[];

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...kids: Kid[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    e.setAttribute(k, v === true ? '' : String(v));
  }
  append(e, kids);
  return e;
}

function append(parent: Node, kids: readonly Kid[]): void {
  for (const k of kids) {
    if (k === null || k === undefined || k === false) continue;
    if (Array.isArray(k)) append(parent, k);
    else parent.appendChild(typeof k === 'string' ? document.createTextNode(k) : (k as Node));
  }
}

/**
 * A figure from the report: `data-figure` is its path in the report JSON and `data-value` the raw
 * number ("null" for −∞); a figure not known yet has `data-pending` and no value.
 */
export function fig(path: string, value: number | null | undefined, text: string, cls?: string): HTMLElement {
  return h(
    'span',
    {
      class: cls ? `figure ${cls}` : 'figure',
      'data-figure': path,
      'data-value': value === undefined ? undefined : String(value),
      'data-pending': value === undefined,
    },
    text,
  );
}

export function section(id: string, title: string, ...kids: Kid[]): HTMLElement {
  return h('section', { id, 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title` }, title), ...kids);
}

/** A definition list from [term, description] pairs, leaving out empty descriptions. */
export function facts(rows: [string, Kid][]): HTMLElement {
  return h('dl', { class: 'facts' }, ...rows.filter(([, d]) => d !== '' && d !== null && d !== undefined).map(([t, d]) => [h('dt', {}, t), h('dd', {}, d)]));
}

/** A CSS custom property of the current theme (canvas and uPlot cannot use var()). */
function themeColor(style: CSSStyleDeclaration, names: string[], fallback: string): string {
  for (const n of names) {
    const v = style.getPropertyValue(n).trim();
    if (v) return v;
  }
  return fallback;
}

export interface CanvasColours {
  bg: string;
  wave: string;
  clip: string;
  /** Overs and the loudness target: charts.orange carries transparency in VS Code's themes, the warning colour reads better as a line. */
  warning: string;
  marker: string;
  grid: string;
  text: string;
  playhead: string;
  /** The selection's fill: the editor's selection colour (drawn translucent: some themes make it opaque). */
  selection: string;
  /** The outline of a chosen passage. */
  focus: string;
  font: string;
}

/** The theme's colours for the canvases (waveform, loudness chart): read again only when the theme changes. */
export function canvasColours(): CanvasColours {
  const style = getComputedStyle(document.body);
  const c = (names: string[], fallback: string) => themeColor(style, names, fallback);
  return {
    bg: c(['--vscode-editor-background'], '#ffffff'),
    wave: c(['--vscode-charts-blue', '--vscode-textLink-foreground'], '#1a73e8'),
    clip: c(['--vscode-charts-red', '--vscode-editorError-foreground'], '#d32f2f'),
    warning: c(['--vscode-editorWarning-foreground', '--vscode-charts-orange'], '#ef6c00'),
    marker: c(['--vscode-charts-purple', '--vscode-textLink-activeForeground'], '#7b1fa2'),
    grid: c(['--vscode-editorWidget-border', '--vscode-panel-border'], '#c8c8c8'),
    text: c(['--vscode-descriptionForeground', '--vscode-foreground'], '#616161'),
    playhead: c(['--vscode-editorCursor-foreground', '--vscode-foreground'], '#000000'),
    selection: c(['--vscode-editor-selectionBackground', '--vscode-textLink-foreground'], '#add6ff'),
    focus: c(['--vscode-focusBorder', '--vscode-foreground'], '#0078d4'),
    font: c(['--vscode-font-family'], 'sans-serif'),
  };
}

const ICON_PATHS = {
  play: 'M4 2.5v11l9-5.5z',
  pause: 'M4 2.5h3v11H4zM9 2.5h3v11H9z',
  stop: 'M3.5 3.5h9v9h-9z',
  start: 'M3 2.5h2v11H3zM14 2.5v11L6 8z',
  loop: 'M4 4.5h7V2.5l3 3-3 3v-2H5v2.5H3V5.5a1 1 0 0 1 1-1zM12 11.5H5v2l-3-3 3-3v2h6V7h2v3.5a1 1 0 0 1-1 1z',
} as const;

export type IconName = keyof typeof ICON_PATHS;

/** A 16 px icon in the text colour (the fonts VS Code ships do not all have the transport symbols). */
export function icon(name: IconName): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'icon');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', ICON_PATHS[name]);
  path.setAttribute('fill', 'currentColor');
  svg.appendChild(path);
  return svg;
}
