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
  return h('span', { class: cls ? `figure ${cls}` : 'figure', 'data-figure': path, 'data-value': value === undefined ? undefined : String(value), 'data-pending': value === undefined }, text);
}

export function section(id: string, title: string, ...kids: Kid[]): HTMLElement {
  return h('section', { id, 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title` }, title), ...kids);
}

/** A definition list from [term, description] pairs, leaving out empty descriptions. */
export function facts(rows: [string, Kid][]): HTMLElement {
  return h('dl', { class: 'facts' }, ...rows.filter(([, d]) => d !== '' && d !== null && d !== undefined).map(([t, d]) => [h('dt', {}, t), h('dd', {}, d)]));
}

/** A CSS custom property of the current theme (canvas and uPlot cannot use var()). */
export function themeColor(names: string[], fallback: string): string {
  const style = getComputedStyle(document.body);
  for (const n of names) {
    const v = style.getPropertyValue(n).trim();
    if (v) return v;
  }
  return fallback;
}
