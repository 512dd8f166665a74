// The rig diagram webview: shows the SVG and the requirement results the extension host sends,
// tells the host how much room the diagram has (it is laid out to fit: beside an editor, each chain
// wraps), zooms, and asks the host to export, recommend or open the rig. Its zoom and rig are kept
// with setState, so VS Code can restore the panel after a reload.

import { problemsText } from './rig/problemsText';
import {
  isHostToWebview,
  isRigPanelState,
  LAYOUT_MAX_WIDTH,
  LAYOUT_MIN_WIDTH,
  ZOOM_MAX,
  ZOOM_MIN,
  type HostToWebview,
  type RigPanelState,
  type WebviewToHost,
} from '../shared/rigPanel';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: RigPanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const MARK = { pass: '✓', fail: '✗', unknown: '?' } as const;
const ZOOM_STEP = 1.25;
/** The diagram's smallest body text, in SVG user units (`.small` in media/diagram.css). */
const BODY_TEXT = 11;
/**
 * "Fit width" lays the diagram out for the panel and fills it, but never shrinks body text below
 * 9 px (it then scrolls, with its scroll bars in view) nor blows it up past 16 px on a very wide panel.
 */
const FIT_MIN = 9 / BODY_TEXT;
const FIT_MAX = 16 / BODY_TEXT;
/** Re-layout once the panel has stopped being resized for this long. */
const LAYOUT_DELAY_MS = 120;

function byId<T extends HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`rig webview: #${id} missing`);
  return e as T;
}

const diagram = byId<HTMLDivElement>('diagram');
const invalid = byId<HTMLDivElement>('invalid');
const zoomSelect = byId<HTMLSelectElement>('zoom');
const requirements = byId<HTMLUListElement>('requirements');
const fits = byId<HTMLUListElement>('fits');
const problems = byId<HTMLButtonElement>('problems');
const reqHeading = byId<HTMLHeadingElement>('req-heading');

function initialState(): RigPanelState {
  const saved = vscode.getState();
  if (isRigPanelState(saved)) return saved;
  let fromPage: unknown;
  try {
    fromPage = JSON.parse(document.body.dataset.initialState ?? '');
  } catch {
    fromPage = undefined;
  }
  return isRigPanelState(fromPage) ? fromPage : { uri: '', zoom: 'fit' };
}

let state = initialState();
let lastLayout = 0;
let layoutTimer: ReturnType<typeof setTimeout> | undefined;

/** The zoom list shows the current zoom; a zoom between its steps gets an entry of its own. */
function showZoom(): void {
  const value = state.zoom === 'fit' ? 'fit' : String(Math.round(state.zoom * 100) / 100);
  zoomSelect.querySelector('option[data-custom]')?.remove();
  if (![...zoomSelect.options].some((o) => o.value === value)) {
    const custom = document.createElement('option');
    custom.value = value;
    custom.dataset.custom = '';
    custom.textContent = `${Math.round(Number(value) * 100)}%`;
    const after = [...zoomSelect.options].find((o) => o.value !== 'fit' && Number(o.value) > Number(value));
    zoomSelect.insertBefore(custom, after ?? null);
  }
  zoomSelect.value = value;
}

function applyZoom(): void {
  showZoom();
  const svg = diagram.querySelector('svg');
  diagram.classList.toggle('fit', state.zoom === 'fit');
  if (!svg) return;
  // The SVG has only a viewBox: its width in user units is its natural size at 100%.
  const natural = svg.viewBox.baseVal.width;
  if (state.zoom === 'fit') {
    // The stylesheet makes it 100% wide; these bounds keep its text readable at any panel width.
    svg.style.removeProperty('width');
    svg.style.minWidth = `${natural * FIT_MIN}px`;
    svg.style.maxWidth = `${natural * FIT_MAX}px`;
    return;
  }
  svg.style.removeProperty('min-width');
  svg.style.removeProperty('max-width');
  svg.style.width = `${natural * state.zoom}px`;
}

/** The room for the diagram at the current zoom, in user units: the host lays the diagram out for it. */
function layoutWidth(): number {
  const scale = state.zoom === 'fit' ? 1 : state.zoom;
  return Math.round(Math.min(LAYOUT_MAX_WIDTH, Math.max(LAYOUT_MIN_WIDTH, diagram.clientWidth / scale)));
}

function sendLayout(): void {
  const width = layoutWidth();
  if (width === lastLayout || diagram.clientWidth === 0) return;
  lastLayout = width;
  vscode.postMessage({ type: 'layout', width });
}

function currentScale(): number {
  if (state.zoom !== 'fit') return state.zoom;
  const svg = diagram.querySelector('svg');
  const natural = svg?.viewBox.baseVal.width ?? 0;
  return natural > 0 && svg ? svg.getBoundingClientRect().width / natural : 1;
}

function setZoom(zoom: number | 'fit'): void {
  state = { ...state, zoom: zoom === 'fit' ? 'fit' : Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, zoom)) };
  vscode.setState(state);
  applyZoom();
  sendLayout();
}

/** A check line in the foreground colour; only its mark carries the pass / fail colour. */
function item(prefix: string, status: keyof typeof MARK, text: string, why?: string[]): HTMLLIElement {
  const li = document.createElement('li');
  li.className = status;
  const mark = document.createElement('span');
  mark.className = `mark ${status}`;
  mark.textContent = MARK[status];
  li.append(prefix, mark, ` ${text}`);
  for (const w of why ?? []) {
    const span = document.createElement('span');
    span.className = 'why';
    span.textContent = w;
    li.append(span);
  }
  return li;
}

function note(text: string): HTMLLIElement {
  const li = document.createElement('li');
  li.className = 'unknown';
  li.textContent = text;
  return li;
}

function show(m: HostToWebview): void {
  document.title = `Rig: ${m.title}`;
  if (m.type === 'invalid') {
    invalid.hidden = false;
    invalid.textContent = m.message;
    return;
  }
  invalid.hidden = true;
  // The host generated this SVG with the escaping builder (src/core/diagram/svg.ts): every rig name
  // in it is escaped text, so it can go in as markup. The CSP blocks scripts and inline styles anyway.
  diagram.innerHTML = m.svg;
  applyZoom();
  reqHeading.textContent = `Requirements — ${m.interfaceName}`;
  requirements.replaceChildren(
    ...(m.requirements.length === 0
      ? [note('The rig states no requirements.')]
      : m.requirements.map((r) => item('', r.status, `${r.label}: need ${r.need}, has ${r.have}`))),
  );
  fits.replaceChildren(...m.fits.map((f, i) => item(`${i + 1}. `, f.fits ? 'pass' : 'fail', f.name, f.reasons)));
  const { errors, warnings, infos } = m.problems;
  problems.textContent = problemsText(m.problems);
  problems.className = `problems link ${errors ? 'has-errors' : warnings ? 'has-warnings' : infos ? 'has-infos' : 'clean'}`;
  problems.dataset.count = String(errors + warnings + infos);
}

window.addEventListener('message', (e: MessageEvent<unknown>) => {
  if (isHostToWebview(e.data)) show(e.data);
});

byId('zoom-in').addEventListener('click', () => setZoom(currentScale() * ZOOM_STEP));
byId('zoom-out').addEventListener('click', () => setZoom(currentScale() / ZOOM_STEP));
zoomSelect.addEventListener('change', () => setZoom(zoomSelect.value === 'fit' ? 'fit' : Number(zoomSelect.value)));
byId('export').addEventListener('click', () => vscode.postMessage({ type: 'exportSvg' }));
byId('recommend').addEventListener('click', () => vscode.postMessage({ type: 'recommendInterface' }));
problems.addEventListener('click', () => vscode.postMessage({ type: 'openRig' }));
new ResizeObserver(() => {
  clearTimeout(layoutTimer);
  layoutTimer = setTimeout(sendLayout, LAYOUT_DELAY_MS);
}).observe(diagram);

vscode.setState(state);
applyZoom();
// The room first, so the first diagram the host sends already fits it.
sendLayout();
vscode.postMessage({ type: 'ready' });
