// Per-channel meters: sample peak, true peak and RMS as bars on a −60…0 dBFS scale, the headroom to
// full scale, and crest, DC and noise floor as figures. Works with partial figures while running.

import type { Db } from '../../core/analysis/types';
import { fig, h, section } from './dom';
import { analogText, countText, dcText, levelText, type ChannelFigures, type ConverterAlignment, type OverallFigures, type Pending } from './figures';
import { classifyLevel, dbToFraction, headroomToFullScale, meterLabelStep, meterTicks } from './meterScale';

function headroomText(room: number | null | undefined): string {
  if (room === undefined) return '';
  if (room === null) return 'no signal';
  if (room < 0) return `${Math.abs(room).toFixed(1)} dB over full scale`;
  return room === 0 ? 'at full scale' : `${room.toFixed(1)} dB headroom`;
}

function bar(kind: string, path: string, v: Pending<Db>, unit: string, ceiling: number, clipped: number): HTMLElement {
  const cls = v === undefined ? 'pending' : classifyLevel(v, ceiling, kind === 'rms' ? 0 : clipped);
  const fill = h('div', { class: `fill ${cls}` });
  // Width through the CSSOM: the CSP forbids style attributes, not style properties.
  fill.style.width = `${(dbToFraction(v ?? null) * 100).toFixed(2)}%`;
  const room = v === undefined ? undefined : headroomToFullScale(v);
  return h(
    'div',
    // The headroom as a tooltip too: a narrow column leaves its words out.
    { class: `meter-row ${kind}`, 'data-class': cls, title: headroomText(room) || undefined },
    h('span', { class: 'meter-name' }, kind === 'sample' ? 'Peak' : kind === 'true' ? 'True peak' : 'RMS'),
    h('div', { class: 'meter-track', role: 'meter', 'aria-valuemin': -60, 'aria-valuemax': 0, 'aria-valuenow': v ?? -60, 'aria-label': `${kind} level` }, fill),
    fig(path, v, levelText(v, unit), cls),
    h('span', { class: 'headroom' }, headroomText(room)),
  );
}

/** Tick labels as many as the track's width holds: recomputed whenever a scale track is resized. */
const scaleObserver = new ResizeObserver((entries) => {
  for (const e of entries) {
    const track = e.target as HTMLElement;
    // A replaced scale (every progress message renders the meters again) is let go of.
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

function scale(): HTMLElement {
  const track = h('div', { class: 'meter-track ticks' });
  scaleObserver.observe(track);
  return h('div', { class: 'meter-row scale', 'aria-hidden': 'true' }, h('span', { class: 'meter-name' }), track, h('span'), h('span'));
}

export function renderMeters(channels: ChannelFigures[], overall: OverallFigures, peakCeilingDbtp: number, converter: ConverterAlignment): HTMLElement {
  const lanes = channels.map((c) => {
    const p = `channels.${c.index}`;
    const clipped = c.clippedSamples ?? 0;
    return h(
      'div',
      { class: 'meter-channel', 'data-channel': c.index },
      h('h3', {}, `${c.index + 1} · ${c.label}`),
      bar('sample', `${p}.samplePeakDbfs`, c.samplePeakDbfs, 'dBFS', peakCeilingDbtp, clipped),
      bar('true', `${p}.truePeakDbtp`, c.truePeakDbtp, 'dBTP', peakCeilingDbtp, clipped),
      bar('rms', `${p}.rmsDbfs`, c.rmsDbfs, 'dBFS', peakCeilingDbtp, 0),
      h(
        'div',
        { class: 'meter-figures' },
        h('span', {}, 'Crest ', fig(`${p}.crestFactorDb`, c.crestFactorDb, levelText(c.crestFactorDb, 'dB'))),
        h('span', {}, 'DC ', fig(`${p}.dcOffset`, c.dcOffset, dcText(c.dcOffset))),
        h('span', {}, 'Noise floor ', fig(`${p}.noiseFloorDbfs`, c.noiseFloorDbfs, levelText(c.noiseFloorDbfs, 'dBFS'))),
        h('span', {}, 'Clipped ', fig(`${p}.clippedSamples`, c.clippedSamples, countText(c.clippedSamples), clipped > 0 ? 'clipped' : undefined)),
      ),
    );
  });
  const o = overall;
  const totals = h(
    'div',
    { class: 'overall' },
    h('span', {}, 'Peak ', fig('overall.samplePeakDbfs', o.samplePeakDbfs, levelText(o.samplePeakDbfs, 'dBFS'))),
    h('span', {}, 'True peak ', fig('overall.truePeakDbtp', o.truePeakDbtp, levelText(o.truePeakDbtp, 'dBTP'))),
    h('span', {}, 'RMS ', fig('overall.rmsDbfs', o.rmsDbfs, levelText(o.rmsDbfs, 'dBFS'))),
    h('span', {}, 'Clipped samples ', fig('overall.clippedSamples', o.clippedSamples, countText(o.clippedSamples), (o.clippedSamples ?? 0) > 0 ? 'clipped' : undefined)),
    h('span', {}, 'Integrated ', fig('loudness.integratedLufs', o.integratedLufs, levelText(o.integratedLufs, 'LUFS'))),
    h('span', {}, 'LRA ', fig('loudness.loudnessRangeLu', o.loudnessRangeLu, o.loudnessRangeLu === undefined ? '…' : o.loudnessRangeLu === null ? 'n/a' : `${o.loudnessRangeLu.toFixed(1)} LU`)),
    h('span', {}, 'Short-term max ', fig('loudness.shortTermMaxLufs', o.shortTermMaxLufs, levelText(o.shortTermMaxLufs, 'LUFS'))),
    h('span', {}, 'Momentary max ', fig('loudness.momentaryMaxLufs', o.momentaryMaxLufs, levelText(o.momentaryMaxLufs, 'LUFS'))),
  );
  // The same peaks on the analog side: what the converter's input saw, at its alignment.
  const analog = h(
    'div',
    { class: 'overall analog', title: `0 dBFS = ${analogText(0, converter)} (${converter.from})` },
    h('span', {}, 'At the converter: peak ', h('strong', {}, analogText(o.samplePeakDbfs, converter))),
    h('span', {}, 'true peak ', h('strong', {}, analogText(o.truePeakDbtp, converter))),
    h('span', { class: 'muted' }, `0 dBFS = ${analogText(0, converter)}, from ${converter.from}`),
  );
  return section('meters', 'Levels', totals, analog, h('div', { class: 'meters' }, scale(), ...lanes));
}
