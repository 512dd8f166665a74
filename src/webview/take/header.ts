// The header: format facts, BWF and iXML metadata, LIST/INFO tags and the start timecode.

import { deadChannelLabels } from '../../core/channels';
import { formatTime } from '../../core/format';
import type { TakeReport } from '../../core/report';
import type { WavHeader } from '../../core/wav/types';
import { facts, fig, h, section } from './dom';
import { formatFacts, sampleRateText } from '../../shared/takeFacts';
import { smpteFromSamples } from '../../core/timecode';

const INFO_NAMES: Record<string, string> = {
  INAM: 'Title',
  IART: 'Artist',
  ICMT: 'Comment',
  ISFT: 'Software',
  ICRD: 'Date',
  IPRD: 'Product',
  IENG: 'Engineer',
  ICOP: 'Copyright',
  IGNR: 'Genre',
};

/** The header from the parsed WAV header (early) or, failing that, from the report. */
export function renderHeader(name: string, header: WavHeader | undefined, report: TakeReport | undefined, sizeBytes: number | null): HTMLElement {
  const f = header?.format ?? report?.format;
  const meta = header?.metadata ?? report?.metadata;
  // Before the header is read: the same rows, waiting, so nothing moves when they fill in.
  if (!f || !meta)
    return h(
      'header',
      { id: 'take-header', 'data-pending': '' },
      h('h1', {}, name),
      h('div', { class: 'header-grid' }, facts(['Format', 'Sample rate', 'Channels', 'Duration', 'Size'].map((t) => [t, h('span', { class: 'muted' }, '…')]))),
    );
  const dead = report ? deadChannelLabels(report) : '';
  const labels = f.channelLabels.join(' ');
  // The same text the page was built with (formatFacts), two of its figures marked as figures.
  const rows: [string, ReturnType<typeof h> | string][] = formatFacts(f, sizeBytes).map(([label, text]) => [label, text]);
  rows[1]![1] = fig('format.sampleRate', f.sampleRate, sampleRateText(f.sampleRate));
  rows[2]![1] = h(
    'span',
    {},
    fig('format.channels', f.channels, String(f.channels)),
    labels ? ` (${labels})` : '',
    dead ? h('span', { class: 'dead-note' }, ` — dead: ${dead}`) : null,
  );
  const b = meta.bext;
  const bext: [string, string][] = b
    ? [
        ['Description', b.description],
        ['Originator', [b.originator, b.originatorReference].filter(Boolean).join(' · ')],
        ['Recorded', [b.originationDate, b.originationTime].filter(Boolean).join(' ')],
        ['Timecode', `${b.timecode} (${smpteFromSamples(b.timeReferenceSamples, f.sampleRate, 25)} @ 25 fps)`],
      ]
    : [];
  const x = meta.ixml;
  const ixml: [string, string][] = x
    ? [
        ['Project', x.project ?? ''],
        ['Scene / take', [x.scene, x.take].filter(Boolean).join(' / ') + (x.circled ? ' (circled)' : '')],
        ['Tape', x.tape ?? ''],
        ['Note', x.note ?? ''],
        ['Tracks', x.trackNames.join(', ')],
      ]
    : [];
  const info = Object.entries(meta.info).map(([k, v]): [string, string] => [INFO_NAMES[k] ?? k, v]);
  const markers = meta.markers.length
    ? `${meta.markers.length} (${meta.markers.map((m) => `${m.label ?? `#${m.id}`} at ${formatTime(m.seconds)}`).join(', ')})`
    : '';
  const warnings = header?.warnings.map((w) => w.message) ?? report?.warnings ?? [];
  return h(
    'header',
    { id: 'take-header' },
    h('h1', {}, name),
    h(
      'div',
      { class: 'header-grid' },
      facts(rows),
      bext.length ? h('div', {}, h('h3', {}, 'Broadcast WAV'), facts(bext)) : null,
      ixml.length ? h('div', {}, h('h3', {}, 'iXML'), facts(ixml)) : null,
      info.length || markers ? h('div', {}, h('h3', {}, 'Tags'), facts([...info, ['Markers', markers]])) : null,
    ),
    warnings.length ? h('ul', { class: 'reader-warnings' }, ...warnings.map((w) => h('li', {}, w))) : null,
  );
}

export function renderErrorSection(file: string, error: { code: string; message: string; offset?: number }): HTMLElement {
  return section(
    'error',
    'This file cannot be read',
    h('p', { class: 'error-message', 'data-error-code': error.code }, error.message),
    facts([
      ['File', file],
      ['Byte offset', error.offset === undefined ? '' : String(error.offset)],
      ['Code', error.code],
    ]),
  );
}
