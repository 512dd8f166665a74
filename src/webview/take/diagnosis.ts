// The take editor's "Chain diagnosis": what the detectors found, each with the stage of the chain
// it points at, the measured value, where in the take (click to hear it), and, for a take recorded
// through a rig input, the same finding read against that input's chain.

import type { ChainDiagnosis, Diagnosis } from '../../core/analysis/diagnosis/index';
import { formatTime } from '../../core/format';
import type { TakeReport } from '../../core/report';
import { h, section } from './dom';

const SEVERITY_WORD = { error: 'Error', warning: 'Warning', info: 'Info' } as const;
const STAGE_WORD: Record<Diagnosis['stage'], string> = {
  source: 'Source',
  cabling: 'Cabling',
  preamp: 'Preamp',
  converter: 'Converter',
  interface: 'Interface',
  daw: 'DAW / file',
};

/** The measured value as it reads in the list: "−6.1 dBFS", "16 bits", "21.6 kHz", "256 samples", "r = −0.98". */
export function diagnosisValue(d: Pick<Diagnosis, 'value' | 'unit'>): string {
  const minus = (x: string) => x.replace(/^-/, '−');
  switch (d.unit) {
    case 'dBFS':
      return `${minus(d.value.toFixed(1))} dBFS`;
    case 'bits':
      return `${d.value} bits`;
    case 'Hz':
      return d.value >= 1000 ? `${(d.value / 1000).toFixed(1)} kHz` : `${d.value} Hz`;
    case 'samples':
      return `${d.value} sample${d.value === 1 ? '' : 's'}`;
    case 'events':
      return `${d.value} in all`;
    case 'correlation':
      return `r = ${minus(d.value.toFixed(2))}`;
  }
}

export function renderDiagnosis(report: TakeReport, chain: readonly ChainDiagnosis[], seek: (seconds: number) => void): HTMLElement {
  const label = (ch: number | undefined) => (ch === undefined ? 'all channels' : (report.channels[ch]?.label ?? `channel ${ch + 1}`));
  const items = report.diagnosis.map((d) => {
    const at = d.startSeconds;
    const rig = chain.find((c) => c.code === d.code);
    const li = h(
      'li',
      {
        class: `finding sev-${d.severity}`,
        'data-diagnosis': d.code,
        'data-severity': d.severity,
        'data-start': at,
        tabindex: at === undefined ? undefined : 0,
        role: at === undefined ? undefined : 'button',
      },
      h('span', { class: 'sev' }, SEVERITY_WORD[d.severity]),
      h(
        'span',
        { class: 'message' },
        h('strong', {}, `${STAGE_WORD[d.stage]} · ${diagnosisValue(d)} · ${label(d.channel)}: `),
        d.message,
        rig ? h('span', { class: 'rig-note', 'data-rig-diagnosis': rig.code }, ` ${rig.message}`) : null,
      ),
      at === undefined ? null : h('span', { class: 'time' }, formatTime(at)),
    );
    if (at !== undefined) {
      li.addEventListener('click', () => seek(at));
      li.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          seek(at);
        }
      });
    }
    return li;
  });
  return section(
    'diagnosis',
    `Chain diagnosis (${report.diagnosis.length})`,
    items.length
      ? h('ul', { class: 'findings' }, ...items)
      : h(
          'p',
          { class: 'muted' },
          'Nothing points at the chain: no clipping below full scale, the full bit depth and bandwidth, no dropouts, clicks, hum or polarity problems.',
        ),
  );
}
