// Findings (click one to hear and see it), the suggested gain and what limited it, the rig's
// advice, and the signal flow of the take's input.

import { formatTime } from '../../core/format';
import type { Finding, TakeReport } from '../../core/report';
import { facts, fig, h, section } from './dom';
import { formatSuggestedGain } from '../../core/gainstage/suggest';
import { gainText } from './figures';

const SEVERITY_WORD = { error: 'Error', warning: 'Warning', info: 'Info' } as const;

/** Findings in time order (as the report lists them); a timed one is a button that goes there. */
export function renderFindings(findings: Finding[], go: (seconds: number, durationSeconds: number) => void): HTMLElement {
  const items = findings.map((f) => {
    const at = f.startSeconds;
    const span =
      at !== undefined && f.durationSeconds ? `${formatTime(at)}–${formatTime(at + f.durationSeconds)}` : at !== undefined ? formatTime(at) : undefined;
    const li = h(
      'li',
      {
        class: `finding sev-${f.severity}`,
        'data-finding': f.code,
        'data-severity': f.severity,
        'data-start': at,
        'data-duration': f.durationSeconds,
        tabindex: at === undefined ? undefined : 0,
        role: at === undefined ? undefined : 'button',
        'aria-label': at === undefined ? undefined : `${SEVERITY_WORD[f.severity]} at ${formatTime(at)}: ${f.message} Activate to play from there.`,
      },
      h('span', { class: 'sev' }, SEVERITY_WORD[f.severity]),
      h('span', { class: 'message' }, f.message),
      span === undefined ? null : h('span', { class: 'time' }, span),
    );
    if (at !== undefined) {
      const choose = () => {
        for (const other of li.parentElement?.children ?? []) other.removeAttribute('aria-current');
        li.setAttribute('aria-current', 'true');
        go(at, f.durationSeconds ?? 0);
      };
      li.addEventListener('click', choose);
      li.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          choose();
        }
      });
    }
    return li;
  });
  return section(
    'findings',
    `Findings (${findings.length})`,
    items.length ? h('ul', { class: 'findings' }, ...items) : h('p', { class: 'muted' }, 'Nothing to report: the take is clean.'),
  );
}

export function renderGain(report: TakeReport): HTMLElement {
  const g = report.suggestedGain;
  const t = (v: number | null) => (v === null ? 'off' : gainText(v));
  const reason = g.limit ? g.limit.line : g.target ? `to ${g.target.text}` : 'no target applies';
  return section(
    'gain',
    'Suggested gain',
    h('p', { class: 'gain' }, fig('suggestedGain.gainDb', g.gainDb, formatSuggestedGain(g), 'big'), h('span', { class: 'muted' }, ` ${reason}`)),
    ...(report.rig?.action ? [h('p', { class: 'action' }, report.rig.action)] : []),
    facts([
      ['Peak target asks', t(g.byTarget.peak)],
      ['Average target asks', t(g.byTarget.average)],
      ['Loudness target asks', t(g.byTarget.loudness)],
      ['True-peak ceiling allows', t(g.byTarget.ceiling)],
    ]),
  );
}

export function renderRig(rig: TakeReport['rig'] | null, signalFlowSvg: string | null, analyzed: boolean): HTMLElement {
  const advice = rig
    ? h(
        'div',
        {},
        h('p', {}, `Recorded through input "${rig.input}" of ${rig.file.split(/[\\/]/).pop()}.`),
        rig.advice.length
          ? h('ul', { class: 'advice' }, ...rig.advice.map((a) => h('li', { class: `sev-${a.severity}`, 'data-advice': a.code }, a.message)))
          : h('p', { class: 'muted' }, analyzed ? 'No advice: the take has no signal to measure.' : 'The advice for this input follows the analysis.'),
      )
    : h(
        'p',
        { class: 'muted' },
        'This take belongs to no input of a rig file. Give an input a "takes" glob in a *.headroom.json rig file to get advice on the preamp, pad and converter.',
      );
  return section('rig', 'Rig advice', advice, signalFlowSvg ? h('figure', { class: 'signal-flow' }, parseSvg(signalFlowSvg)) : null);
}

/** The diagram arrives as escaped SVG text; parsed as XML (no scripts run) and adopted into the page. */
function parseSvg(svg: string): Node {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.nodeName !== 'svg' || doc.getElementsByTagName('parsererror').length)
    return h('p', { class: 'muted' }, 'The signal-flow diagram could not be shown.');
  return document.importNode(root, true);
}
