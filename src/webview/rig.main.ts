// The rig diagram webview: shows the SVG and the requirement results the extension host sends, zooms
// (buttons, fit to width) and asks the host to export, recommend or open the rig. Its zoom and rig
// are kept with setState, so VS Code can restore the panel after a reload.

import { isHostToWebview, isRigPanelState, ZOOM_MAX, ZOOM_MIN, type HostToWebview, type RigPanelState, type WebviewToHost } from './protocol/rigPanel';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: RigPanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const ZOOM_STEP = 1.25;

function byId<T extends HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`rig webview: #${id} missing`);
  return e as T;
}

const diagram = byId<HTMLDivElement>('diagram');
const invalid = byId<HTMLDivElement>('invalid');
const zoomLevel = byId<HTMLSpanElement>('zoom-level');
const requirements = byId<HTMLUListElement>('requirements');
const fits = byId<HTMLUListElement>('fits');
const problems = byId<HTMLSpanElement>('problems');
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

function applyZoom(): void {
  const svg = diagram.querySelector('svg');
  diagram.classList.toggle('fit', state.zoom === 'fit');
  zoomLevel.textContent = state.zoom === 'fit' ? 'Fit' : `${Math.round(state.zoom * 100)}%`;
  if (!svg) return;
  if (state.zoom === 'fit') {
    svg.style.removeProperty('width');
    return;
  }
  // The SVG has only a viewBox: its width in user units is its natural size at 100%.
  const natural = svg.viewBox.baseVal.width;
  svg.style.width = `${natural * state.zoom}px`;
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
}

function item(text: string, cls: string, why?: string[]): HTMLLIElement {
  const li = document.createElement('li');
  li.className = cls;
  li.textContent = text;
  for (const w of why ?? []) {
    const span = document.createElement('span');
    span.className = 'why';
    span.textContent = w;
    li.append(span);
  }
  return li;
}

const MARK = { pass: '✓', fail: '✗', unknown: '?' } as const;

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
    ...(m.requirements.length === 0 ? [item('The rig states no requirements.', 'unknown')] : m.requirements.map((r) => item(`${MARK[r.status]} ${r.label}: need ${r.need}, has ${r.have}`, r.status))),
  );
  fits.replaceChildren(...m.fits.map((f, i) => item(`${i + 1}. ${f.fits ? '✓' : '✗'} ${f.name}`, f.fits ? 'pass' : 'fail', f.reasons)));
  const { errors, warnings } = m.problems;
  problems.textContent = errors + warnings === 0 ? 'No problems in the rig' : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in the rig`;
}

window.addEventListener('message', (e: MessageEvent<unknown>) => {
  if (isHostToWebview(e.data)) show(e.data);
});

byId('zoom-in').addEventListener('click', () => setZoom(currentScale() * ZOOM_STEP));
byId('zoom-out').addEventListener('click', () => setZoom(currentScale() / ZOOM_STEP));
byId('zoom-fit').addEventListener('click', () => setZoom('fit'));
byId('zoom-reset').addEventListener('click', () => setZoom(1));
byId('export').addEventListener('click', () => vscode.postMessage({ type: 'exportSvg' }));
byId('recommend').addEventListener('click', () => vscode.postMessage({ type: 'recommendInterface' }));
byId('open-rig').addEventListener('click', () => vscode.postMessage({ type: 'openRig' }));

vscode.setState(state);
applyZoom();
vscode.postMessage({ type: 'ready' });
