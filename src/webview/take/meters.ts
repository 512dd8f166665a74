// The levels: the take's overall figures, the peaks at the converter's input, and per channel the
// sample peak, true peak and RMS on a −60…0 dBFS scale. One or two channels get horizontal bars
// with their figures; more get a compact meter bridge (one column per channel, as in a DAW) with the
// numbers on hover and in a table. Built once per channel layout and updated in place: progress
// messages arrive ten times a second.

import type { Db } from '../../core/analysis/types';
import type { ChannelCondition } from '../../core/channels';
import { fig, h, section } from './dom';
import {
  analogText,
  countText,
  dcText,
  levelText,
  optionalText,
  type ChannelFigures,
  type ConverterAlignment,
  type OverallFigures,
  type Pending,
} from './figures';
import { classifyLevel, dbToFraction, headroomToFullScale, meterLabelStep, meterTicks, type LevelClass } from './meterScale';

/** More channels than this get the meter bridge. */
const BAR_CHANNELS = 2;

function headroomText(room: number | null | undefined): string {
  if (room === undefined) return '';
  if (room === null) return 'no signal';
  if (room < 0) return `${Math.abs(room).toFixed(1)} dB over full scale`;
  return room === 0 ? 'at full scale' : `${room.toFixed(1)} dB headroom`;
}

const CONDITION_TEXT: Record<ChannelCondition, string> = { dead: 'dead channel: no signal', silent: 'silent' };

/** Sets a figure element made by `fig` to a new value. */
function setFigure(el: HTMLElement, value: number | null | undefined, text: string, cls?: string): void {
  if (el.textContent !== text) el.textContent = text;
  if (value === undefined) {
    el.removeAttribute('data-value');
    el.setAttribute('data-pending', '');
  } else {
    el.setAttribute('data-value', String(value));
    el.removeAttribute('data-pending');
  }
  el.className = cls ? `figure ${cls}` : 'figure';
}

const KIND_NAMES = { sample: 'Peak', true: 'True peak', rms: 'RMS' } as const;
type Kind = keyof typeof KIND_NAMES;

function levelClass(kind: Kind, v: Pending<Db>, ceiling: number, clipped: number): LevelClass | 'pending' {
  return v === undefined ? 'pending' : classifyLevel(v, ceiling, kind === 'rms' ? 0 : clipped);
}

/** One horizontal bar: name, track, figure, headroom. */
class Bar {
  readonly element: HTMLElement;
  private readonly fill = h('div', { class: 'fill pending' });
  private readonly track: HTMLElement;
  private readonly figure: HTMLElement;
  private readonly room = h('span', { class: 'headroom' });

  constructor(
    private readonly kind: Kind,
    path: string,
    private readonly unit: string,
    private readonly channel: string,
  ) {
    this.track = h('div', { class: 'meter-track', role: 'meter', 'aria-valuemin': -60, 'aria-valuemax': 0 }, this.fill);
    this.figure = fig(path, undefined, '…');
    this.element = h('div', { class: `meter-row ${kind}` }, h('span', { class: 'meter-name' }, KIND_NAMES[kind]), this.track, this.figure, this.room);
  }

  update(v: Pending<Db>, ceiling: number, clipped: number): void {
    const cls = levelClass(this.kind, v, ceiling, clipped);
    const text = levelText(v, this.unit);
    this.fill.className = `fill ${cls}`;
    // Width through the CSSOM: the CSP forbids style attributes, not style properties.
    this.fill.style.width = `${(dbToFraction(v ?? null) * 100).toFixed(2)}%`;
    this.element.dataset.class = cls;
    const room = headroomText(v === undefined ? undefined : headroomToFullScale(v));
    this.room.textContent = room;
    // The headroom as a tooltip too: a narrow column leaves its words out.
    this.element.title = room;
    this.track.setAttribute('aria-valuenow', String(v ?? -60));
    this.track.setAttribute('aria-valuetext', `${this.channel} ${KIND_NAMES[this.kind]} ${text}${room ? `, ${room}` : ''}`);
    this.track.setAttribute('aria-label', `${this.channel} ${KIND_NAMES[this.kind]}`);
    setFigure(this.figure, v, text, cls === 'pending' ? undefined : cls);
  }
}

/** The per-channel figures every layout shows (inline beside the bars, or in the bridge's table). */
interface ChannelCells {
  crest: HTMLElement;
  dc: HTMLElement;
  floor: HTMLElement;
  clipped: HTMLElement;
}

function channelCells(p: string): ChannelCells {
  return {
    crest: fig(`${p}.crestFactorDb`, undefined, '…'),
    dc: fig(`${p}.dcOffset`, undefined, '…'),
    floor: fig(`${p}.noiseFloorDbfs`, undefined, '…'),
    clipped: fig(`${p}.clippedSamples`, undefined, '…'),
  };
}

function updateCells(cells: ChannelCells, c: ChannelFigures): void {
  setFigure(cells.crest, c.crestFactorDb, optionalText(c.crestFactorDb, 'dB'));
  setFigure(cells.dc, c.dcOffset, dcText(c.dcOffset));
  setFigure(cells.floor, c.noiseFloorDbfs, optionalText(c.noiseFloorDbfs, 'dBFS'));
  setFigure(cells.clipped, c.clippedSamples, countText(c.clippedSamples), (c.clippedSamples ?? 0) > 0 ? 'clipped' : undefined);
}

interface ChannelView {
  update(c: ChannelFigures, ceiling: number, condition: ChannelCondition | null): void;
}

/** One or two channels: a lane of bars each, its figures under them. */
function barChannel(c: ChannelFigures): { element: HTMLElement } & ChannelView {
  const p = `channels.${c.index}`;
  const name = `${c.index + 1} · ${c.label}`;
  const bars = {
    sample: new Bar('sample', `${p}.samplePeakDbfs`, 'dBFS', c.label),
    true: new Bar('true', `${p}.truePeakDbtp`, 'dBTP', c.label),
    rms: new Bar('rms', `${p}.rmsDbfs`, 'dBFS', c.label),
  };
  const cells = channelCells(p);
  const badge = h('span', { class: 'condition', hidden: true });
  const element = h(
    'div',
    { class: 'meter-channel', 'data-channel': c.index },
    h('h3', {}, name, badge),
    bars.sample.element,
    bars.true.element,
    bars.rms.element,
    h(
      'div',
      { class: 'meter-figures' },
      h('span', {}, 'Crest ', cells.crest),
      h('span', {}, 'DC ', cells.dc),
      h('span', {}, 'Noise floor ', cells.floor),
      h('span', {}, 'Clipped ', cells.clipped),
    ),
  );
  return {
    element,
    update(f, ceiling, condition) {
      const clipped = f.clippedSamples ?? 0;
      bars.sample.update(f.samplePeakDbfs, ceiling, clipped);
      bars.true.update(f.truePeakDbtp, ceiling, clipped);
      bars.rms.update(f.rmsDbfs, ceiling, 0);
      updateCells(cells, f);
      badge.hidden = condition === null;
      badge.textContent = condition ? ` — ${CONDITION_TEXT[condition]}` : '';
      element.dataset.condition = condition ?? '';
    },
  };
}

/** More channels: a column in the bridge and a row in the table. */
function bridgeChannel(c: ChannelFigures): { column: HTMLElement; row: HTMLElement } & ChannelView {
  const p = `channels.${c.index}`;
  const peakFill = h('div', { class: 'fill pending' });
  const rmsFill = h('div', { class: 'fill rms pending' });
  const trueTick = h('div', { class: 'true-tick', hidden: true });
  const track = h(
    'div',
    { class: 'bridge-track', role: 'meter', 'aria-valuemin': -60, 'aria-valuemax': 0, 'aria-label': `${c.label} peak` },
    peakFill,
    rmsFill,
    trueTick,
  );
  const top = h('span', { class: 'bridge-peak' }, '…');
  const badge = h('span', { class: 'condition', hidden: true });
  const column = h('div', { class: 'bridge-column', 'data-channel': c.index }, top, track, h('span', { class: 'bridge-label' }, c.label), badge);
  const figures = {
    sample: fig(`${p}.samplePeakDbfs`, undefined, '…'),
    true: fig(`${p}.truePeakDbtp`, undefined, '…'),
    rms: fig(`${p}.rmsDbfs`, undefined, '…'),
  };
  const cells = channelCells(p);
  const state = h('td', { class: 'condition-cell' });
  const row = h(
    'tr',
    { 'data-channel': c.index },
    h('th', { scope: 'row' }, `${c.index + 1} · ${c.label}`),
    ...[figures.sample, figures.true, figures.rms, cells.crest, cells.dc, cells.floor, cells.clipped].map((f) => h('td', {}, f)),
    state,
  );
  return {
    column,
    row,
    update(f, ceiling, condition) {
      const clipped = f.clippedSamples ?? 0;
      const peakCls = levelClass('sample', f.samplePeakDbfs, ceiling, clipped);
      const trueCls = levelClass('true', f.truePeakDbtp, ceiling, clipped);
      peakFill.className = `fill ${peakCls}`;
      peakFill.style.height = `${(dbToFraction(f.samplePeakDbfs ?? null) * 100).toFixed(2)}%`;
      rmsFill.className = `fill rms ${levelClass('rms', f.rmsDbfs, ceiling, 0)}`;
      rmsFill.style.height = `${(dbToFraction(f.rmsDbfs ?? null) * 100).toFixed(2)}%`;
      trueTick.hidden = f.truePeakDbtp === undefined || f.truePeakDbtp === null;
      trueTick.className = `true-tick ${trueCls}`;
      trueTick.style.bottom = `${(dbToFraction(f.truePeakDbtp ?? null) * 100).toFixed(2)}%`;
      const peak = levelText(f.samplePeakDbfs, '');
      top.textContent = peak.trim();
      top.className = `bridge-peak ${peakCls}`;
      setFigure(figures.sample, f.samplePeakDbfs, levelText(f.samplePeakDbfs, 'dBFS'), peakCls === 'pending' ? undefined : peakCls);
      setFigure(figures.true, f.truePeakDbtp, levelText(f.truePeakDbtp, 'dBTP'), trueCls === 'pending' ? undefined : trueCls);
      setFigure(figures.rms, f.rmsDbfs, levelText(f.rmsDbfs, 'dBFS'));
      updateCells(cells, f);
      const summary = `${c.label}: peak ${levelText(f.samplePeakDbfs, 'dBFS')}, true peak ${levelText(f.truePeakDbtp, 'dBTP')}, RMS ${levelText(f.rmsDbfs, 'dBFS')}, crest ${optionalText(f.crestFactorDb, 'dB')}, noise floor ${optionalText(f.noiseFloorDbfs, 'dBFS')}, clipped ${countText(f.clippedSamples)}${condition ? ` (${CONDITION_TEXT[condition]})` : ''}`;
      column.title = summary;
      track.setAttribute('aria-valuenow', String(f.samplePeakDbfs ?? -60));
      track.setAttribute('aria-valuetext', summary);
      badge.hidden = condition === null;
      badge.textContent = condition === 'dead' ? 'DEAD' : condition === 'silent' ? 'silent' : '';
      state.textContent = condition ? CONDITION_TEXT[condition] : '';
      column.dataset.condition = row.dataset.condition = condition ?? '';
    },
  };
}

/** Tick labels as many as the track's width holds: recomputed whenever a scale track is resized. */
const scaleObserver = new ResizeObserver((entries) => {
  for (const e of entries) {
    const track = e.target as HTMLElement;
    if (!track.isConnected) scaleObserver.unobserve(track);
    else labelScale(track, e.contentRect.width);
  }
});

function labelScale(track: HTMLElement, width: number): void {
  const step = meterLabelStep(width);
  if (track.dataset.step === String(step)) return;
  track.dataset.step = String(step);
  track.replaceChildren(
    ...meterTicks(step).map(([db, f]) => {
      const t = h('span', { class: 'tick' }, String(db));
      t.style.left = `${(f * 100).toFixed(2)}%`;
      return t;
    }),
  );
}

function horizontalScale(): HTMLElement {
  const track = h('div', { class: 'meter-track ticks' });
  scaleObserver.observe(track);
  return h('div', { class: 'meter-row scale', 'aria-hidden': 'true' }, h('span', { class: 'meter-name' }), track, h('span'), h('span'));
}

/** The bridge's dB scale, beside its columns. */
function verticalScale(): HTMLElement {
  return h(
    'div',
    { class: 'bridge-scale', 'aria-hidden': 'true' },
    h(
      'div',
      { class: 'bridge-scale-track' },
      meterTicks(12).map(([db, f]) => {
        const t = h('span', { class: 'tick' }, String(db));
        t.style.bottom = `${(f * 100).toFixed(2)}%`;
        return t;
      }),
    ),
  );
}

export class Meters {
  readonly element: HTMLElement;
  private readonly body = h('div', { class: 'meters' });
  private readonly overall: Record<keyof OverallFigures, HTMLElement>;
  private readonly analog: { peak: HTMLElement; truePeak: HTMLElement; note: HTMLElement; line: HTMLElement };
  private channels: ChannelView[] = [];
  /** The channel layout built: its count and labels. */
  private built = '';

  constructor() {
    const o = (path: string) => fig(path, undefined, '…');
    this.overall = {
      samplePeakDbfs: o('overall.samplePeakDbfs'),
      truePeakDbtp: o('overall.truePeakDbtp'),
      rmsDbfs: o('overall.rmsDbfs'),
      clippedSamples: o('overall.clippedSamples'),
      integratedLufs: o('loudness.integratedLufs'),
      loudnessRangeLu: o('loudness.loudnessRangeLu'),
      shortTermMaxLufs: o('loudness.shortTermMaxLufs'),
      momentaryMaxLufs: o('loudness.momentaryMaxLufs'),
    };
    const names: [keyof OverallFigures, string][] = [
      ['samplePeakDbfs', 'Peak'],
      ['truePeakDbtp', 'True peak'],
      ['rmsDbfs', 'RMS'],
      ['clippedSamples', 'Clipped samples'],
      ['integratedLufs', 'Integrated'],
      ['loudnessRangeLu', 'LRA'],
      ['shortTermMaxLufs', 'Short-term max'],
      ['momentaryMaxLufs', 'Momentary max'],
    ];
    const totals = h('div', { class: 'overall' }, ...names.map(([k, name]) => h('span', {}, `${name} `, this.overall[k])));
    this.analog = {
      peak: h('strong', {}, '…'),
      truePeak: h('strong', {}, '…'),
      note: h('span', { class: 'muted' }),
      line: h('div', { class: 'overall analog' }),
    };
    // The same peaks on the analog side: what the converter's input saw, at its alignment.
    this.analog.line.append(h('span', {}, 'At the converter: peak ', this.analog.peak), h('span', {}, 'true peak ', this.analog.truePeak), this.analog.note);
    this.element = section('meters', 'Levels', totals, this.analog.line, this.body);
  }

  update(
    channels: ChannelFigures[],
    overall: OverallFigures,
    peakCeilingDbtp: number,
    converter: ConverterAlignment,
    conditions: readonly (ChannelCondition | null)[] = [],
  ): void {
    const layout = channels.map((c) => c.label).join('\u0000');
    if (layout !== this.built) this.build(channels);
    channels.forEach((c, i) => this.channels[i]?.update(c, peakCeilingDbtp, conditions[i] ?? null));
    const o = overall;
    const clippedCls = (o.clippedSamples ?? 0) > 0 ? 'clipped' : undefined;
    setFigure(this.overall.samplePeakDbfs, o.samplePeakDbfs, levelText(o.samplePeakDbfs, 'dBFS'));
    setFigure(this.overall.truePeakDbtp, o.truePeakDbtp, levelText(o.truePeakDbtp, 'dBTP'));
    setFigure(this.overall.rmsDbfs, o.rmsDbfs, levelText(o.rmsDbfs, 'dBFS'));
    setFigure(this.overall.clippedSamples, o.clippedSamples, countText(o.clippedSamples), clippedCls);
    setFigure(this.overall.integratedLufs, o.integratedLufs, levelText(o.integratedLufs, 'LUFS'));
    setFigure(this.overall.loudnessRangeLu, o.loudnessRangeLu, o.loudnessRangeLu === undefined ? '…' : optionalText(o.loudnessRangeLu, 'LU'));
    setFigure(this.overall.shortTermMaxLufs, o.shortTermMaxLufs, levelText(o.shortTermMaxLufs, 'LUFS'));
    setFigure(this.overall.momentaryMaxLufs, o.momentaryMaxLufs, levelText(o.momentaryMaxLufs, 'LUFS'));
    this.analog.peak.textContent = analogText(o.samplePeakDbfs, converter);
    this.analog.truePeak.textContent = analogText(o.truePeakDbtp, converter);
    this.analog.note.textContent = `0 dBFS = ${analogText(0, converter)}, from ${converter.from}`;
    this.analog.line.title = `0 dBFS = ${analogText(0, converter)} (${converter.from})`;
  }

  private build(channels: ChannelFigures[]): void {
    this.built = channels.map((c) => c.label).join('\u0000');
    if (channels.length <= BAR_CHANNELS) {
      const views = channels.map(barChannel);
      this.channels = views;
      this.body.className = 'meters';
      this.body.replaceChildren(horizontalScale(), ...views.map((v) => v.element));
      return;
    }
    const views = channels.map(bridgeChannel);
    this.channels = views;
    this.body.className = 'meters bridge-layout';
    const head = ['Channel', 'Peak', 'True peak', 'RMS', 'Crest', 'DC', 'Noise floor', 'Clipped', ''].map((t) => h('th', { scope: 'col' }, t));
    this.body.replaceChildren(
      h(
        'div',
        { class: 'bridge', role: 'group', 'aria-label': 'Meter bridge: sample peak (bar), RMS (inner bar) and true peak (line) per channel' },
        verticalScale(),
        ...views.map((v) => v.column),
      ),
      h('table', { class: 'channel-table' }, h('thead', {}, h('tr', {}, ...head)), h('tbody', {}, ...views.map((v) => v.row))),
    );
  }
}
