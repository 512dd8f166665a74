// The take editor's page. It only displays: the analysis runs in the worker pool on the host's
// side, and the host re-sends everything when the page is reloaded (it is not retained when hidden);
// the page's own state (zoom window, playhead, selection, scale) survives through vscode.setState.
// It paints a skeleton at once, the header's facts as soon as the host has read them, and the
// figures as they come.

import 'uplot/dist/uPlot.min.css';
import { channelCondition } from '../core/channels';
import type { TakeReport } from '../core/report';
import type { WavHeader } from '../core/wav/types';
import {
  DEFAULT_VIEW_SETTINGS,
  isHostToTake,
  type HostToTake,
  type OverviewSeries,
  type SelectionFigures,
  type TakeToHost,
  type TakeViewSettings,
} from '../shared/takeEditor';
import { h, section } from './take/dom';
import {
  channelFiguresFromPartial,
  channelFiguresFromReport,
  levelText,
  overallFromPartial,
  overallFromReport,
  selectionLoudnessText,
  selectionSpanText,
  type ConverterAlignment,
} from './take/figures';
import { renderDiagnosis } from './take/diagnosis';
import { renderFindings, renderGain, renderRig } from './take/findings';
import { isDiagnosisCode } from '../core/analysis/diagnosis/codes';
import { renderErrorSection, renderHeader } from './take/header';
import { LoudnessChart } from './take/loudnessChart';
import { Meters } from './take/meters';
import { keyAction, nudgeSeconds, type KeyAction, type KeyTarget, type TimeRange } from './take/playback';
import type { FrameWindow } from '../shared/pyramidWindow';
import { timecodeAt } from '../core/timecode';
import { Transport } from './take/transport';
import { Waveform } from './take/waveform';
import { WAVE_SCALES, isWaveScale, scaleNote, type WaveScale } from './take/waveScale';

interface VsCodeApi {
  postMessage(message: TakeToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface SavedState {
  file: string;
  view?: FrameWindow;
  time?: number;
  selection?: TimeRange;
  loop?: boolean;
  /** The waveform's vertical scale: a choice of the person, kept for every take this editor shows. */
  scale?: WaveScale;
}

const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;

const isRange = (v: unknown): v is TimeRange =>
  typeof v === 'object' &&
  v !== null &&
  Number.isFinite((v as TimeRange).start) &&
  Number.isFinite((v as TimeRange).end) &&
  (v as TimeRange).end > (v as TimeRange).start;

function savedState(): SavedState | undefined {
  const s = vscode.getState() as Partial<SavedState> | undefined;
  if (!s || typeof s.file !== 'string') return undefined;
  // State saved by another version of this page may not fit this one.
  return { ...s, scale: isWaveScale(s.scale) ? s.scale : undefined, selection: isRange(s.selection) ? s.selection : undefined } as SavedState;
}

/** Milliseconds since the page started, once the frame that first shows a change has been painted. */
function markPainted(name: string): void {
  if (document.body.dataset[name] !== undefined) return;
  document.body.dataset[name] = '';
  requestAnimationFrame(() => setTimeout(() => (document.body.dataset[name] = performance.now().toFixed(0))));
}

function keyTarget(t: EventTarget | null): KeyTarget {
  if (!(t instanceof HTMLElement)) return 'other';
  if (t.isContentEditable || t.closest('input, textarea, select')) return 'text';
  return t.closest('button, a, summary, [role="button"]') ? 'button' : 'other';
}

type State = 'loading' | 'partial' | 'done' | 'error';

class TakeView {
  private file = '';
  private audioSrc = '';
  private name = document.title;
  private settings: TakeViewSettings = DEFAULT_VIEW_SETTINGS;
  private header: WavHeader | undefined;
  private sizeBytes: number | null = null;
  private report: TakeReport | undefined;
  private rig: Extract<HostToTake, { type: 'rig' }> | undefined;
  private selection: TimeRange | null = null;
  private selectionId = 0;
  /** A time the host asked to show before the waveform could. */
  private pendingReveal: Extract<HostToTake, { type: 'reveal' }> | undefined;
  private readonly parts = {
    header: h('div'),
    progress: h('div', { id: 'progress', class: 'progress', hidden: true }),
    error: h('div'),
    findings: h('div'),
    diagnosis: h('div'),
    gain: h('div'),
    rig: h('div'),
  };
  private readonly progressBar = h('progress', { max: 1, value: 0, 'aria-label': 'Analysis progress' });
  private readonly progressText = h('span', { class: 'muted' });
  private readonly chartHolder = h('div', { class: 'chart-holder' });
  private readonly scaleButtons = new Map<WaveScale, HTMLButtonElement>();
  private readonly scaleNote = h('span', { class: 'muted scale-note', 'aria-live': 'polite' });
  private readonly selectionBar = h('div', { class: 'selection-bar', hidden: true, 'aria-live': 'polite' });
  private readonly waveSection: HTMLElement;
  private readonly loudnessSection: HTMLElement;
  private readonly waveform: Waveform;
  private readonly transport: Transport;
  private readonly meters = new Meters();
  private readonly chart: LoudnessChart;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    this.parts.progress.append(this.progressBar, this.progressText);
    const button = (label: string, title: string, run: () => void) => {
      const b = h('button', { type: 'button', title, 'aria-label': title }, label);
      b.addEventListener('click', run);
      return b;
    };
    this.waveform = new Waveform({
      requestWindow: (id, startFrame, endFrame, maxBuckets) => vscode.postMessage({ type: 'window', id, startFrame, endFrame, maxBuckets }),
      clicked: (s, extend) => this.clicked(s, extend),
      selecting: (range, final) => this.select(range, final),
      viewChanged: () => this.saveLater(),
    });
    this.transport = new Transport({
      position: (t, playing) => {
        this.waveform.setPlayhead(t);
        if (playing) this.waveform.follow(t);
        this.saveLater();
      },
      playingChanged: (playing) => (document.body.dataset.playing = String(playing)),
    });
    const scaleNames: Record<WaveScale, [string, string]> = {
      linear: ['Linear', 'Linear vertical scale: sample values'],
      db: ['dB', 'dB vertical scale: -60 dBFS at the centre line, 0 dBFS at the lane edges'],
      normalised: ['Normalise', "Normalised view: the take's peak reaches the lane edges (display gain only)"],
    };
    for (const sc of WAVE_SCALES) {
      const b = button(scaleNames[sc][0], scaleNames[sc][1], () => this.setScale(sc));
      b.dataset.scale = sc;
      this.scaleButtons.set(sc, b);
    }
    this.chart = new LoudnessChart(this.chartHolder, (s) => this.clicked(s, false));
    this.waveSection = section(
      'waveform',
      'Waveform',
      h(
        'div',
        { class: 'toolbar' },
        this.transport.element,
        h(
          'div',
          { class: 'segmented', role: 'group', 'aria-label': 'Zoom' },
          button('−', 'Zoom out (−)', () => this.waveform.zoom(2)),
          button('+', 'Zoom in (+)', () => this.waveform.zoom(0.5)),
          button('Fit', 'Show the whole take (0)', () => this.waveform.fit()),
        ),
        h('div', { class: 'segmented', role: 'group', 'aria-label': 'Vertical scale' }, ...this.scaleButtons.values()),
        this.scaleNote,
      ),
      this.waveform.element,
      this.selectionBar,
      h(
        'p',
        { class: 'legend muted' },
        h('span', { class: 'key clip' }),
        ' clipping  ',
        h('span', { class: 'key over' }),
        ' inter-sample over  ',
        h('span', { class: 'key over' }),
        ' chain diagnosis (bar along the lane\u2019s foot)  ',
        h('span', { class: 'key marker' }),
        ' cue marker',
        h('br'),
        'Click: play from there · drag: select (plays, with its own figures) · Space: play/pause · Home/End · ←/→: nudge · J/K/L: shuttle · R: loop · wheel: zoom · Shift+wheel or the overview: scroll',
      ),
    );
    this.loudnessSection = section('loudness', 'Short-term loudness', this.chartHolder);
    this.setScale(savedState()?.scale ?? 'linear', false);
    this.parts.findings.replaceChildren(section('findings', 'Findings', h('p', { class: 'muted' }, 'The findings follow the analysis…')));
    app.replaceChildren(
      this.parts.header,
      this.parts.progress,
      this.parts.error,
      this.waveSection,
      this.parts.findings,
      this.parts.diagnosis,
      this.meters.element,
      this.loudnessSection,
      this.parts.gain,
      this.parts.rig,
    );
    this.parts.header.replaceChildren(renderHeader(this.name, undefined, undefined, null));
    markPainted('skeletonMs');
    document.addEventListener('keydown', (e) => this.onKey(e));
    new ResizeObserver(() => {
      this.waveform.redraw();
      this.chart.resize();
    }).observe(app);
    // VS Code switches the body's theme class: canvases must be redrawn with the new colours.
    new MutationObserver(() => {
      this.waveform.themeChanged();
      this.chart.render();
    }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
  }

  private setScale(scale: WaveScale, save = true): void {
    this.waveform.setVerticalScale(scale);
    for (const [sc, b] of this.scaleButtons) b.setAttribute('aria-pressed', String(sc === scale));
    this.showScaleNote();
    if (save) this.saveLater();
  }

  private showScaleNote(): void {
    this.scaleNote.textContent = scaleNote(this.waveform.verticalScale, this.waveform.viewGainDb);
  }

  private setState(s: State): void {
    document.body.dataset.state = s;
  }

  handle(m: HostToTake): void {
    switch (m.type) {
      case 'start':
        return this.start(m);
      case 'header':
        this.header = m.header;
        this.sizeBytes = m.sizeBytes;
        this.parts.header.replaceChildren(renderHeader(this.name, this.header, this.report, this.sizeBytes));
        if (!this.report) {
          const f = m.header.format;
          this.waveform.setHeader(f.channels, f.channelLabels, f.frames, f.sampleRate);
          this.transport.setTake(f.durationSeconds, this.timecode(f.sampleRate));
        }
        markPainted('headerMs');
        if (document.body.dataset.state === 'loading') this.setState('partial');
        return;
      case 'progress':
        if (this.report) return;
        this.parts.progress.hidden = false;
        this.progressBar.value = m.fraction;
        this.progressText.textContent = ` Analysing… ${Math.round(m.fraction * 100)} %`;
        if (m.partial) {
          this.meters.update(channelFiguresFromPartial(m.partial), overallFromPartial(m.partial), this.settings.peakCeilingDbtp, this.converter());
          this.setState('partial');
        }
        return;
      case 'report':
        return this.showReport(m.report, m.series);
      case 'rig':
        this.rig = m;
        this.showRig();
        // The converter alignment may have changed with the rig: the analog levels follow.
        if (this.report) this.updateMeters(this.report);
        return;
      case 'failed':
        this.parts.progress.hidden = true;
        this.parts.error.replaceChildren(renderErrorSection(m.failed.file, m.failed.error));
        this.parts.findings.replaceChildren(renderFindings(m.failed.findings, () => undefined));
        this.waveSection.hidden = this.meters.element.hidden = this.loudnessSection.hidden = true;
        this.setState('error');
        return;
      case 'window':
        this.waveform.acceptWindow(m.id, m.slice);
        return;
      case 'reveal':
        this.pendingReveal = m;
        this.applyReveal();
        return;
      case 'selection':
        if (m.id === this.selectionId) this.showSelectionFigures(m.figures);
        return;
    }
  }

  private start(m: Extract<HostToTake, { type: 'start' }>): void {
    // The page was built with this start already (and maybe the header): nothing to reset.
    if (m.file === this.file && m.audioSrc === this.audioSrc && !this.report && document.body.dataset.state !== 'error') {
      this.settings = m.settings;
      return;
    }
    this.audioSrc = m.audioSrc;
    this.file = m.file;
    this.name = m.name;
    this.settings = m.settings;
    this.header = this.report = this.rig = undefined;
    this.sizeBytes = null;
    document.title = m.name;
    this.parts.header.replaceChildren(renderHeader(m.name, undefined, undefined, null));
    for (const p of [this.parts.error, this.parts.diagnosis, this.parts.gain, this.parts.rig]) p.replaceChildren();
    this.parts.findings.replaceChildren(section('findings', 'Findings', h('p', { class: 'muted' }, 'The findings follow the analysis…')));
    this.waveSection.hidden = this.meters.element.hidden = this.loudnessSection.hidden = false;
    this.parts.progress.hidden = false;
    this.progressBar.value = 0;
    this.progressText.textContent = ' Analysing…';
    this.transport.load(m.audioSrc);
    this.setState('loading');
  }

  private updateMeters(report: TakeReport): void {
    this.meters.update(
      channelFiguresFromReport(report),
      overallFromReport(report),
      this.settings.peakCeilingDbtp,
      this.converter(),
      report.channels.map((c) => channelCondition(report, c.index)),
    );
  }

  private showReport(report: TakeReport, series: OverviewSeries | null): void {
    this.report = report;
    this.parts.progress.hidden = true;
    this.parts.header.replaceChildren(renderHeader(this.name, this.header, report, this.sizeBytes));
    this.updateMeters(report);
    // The diagnosis's findings are listed in their own section, with their values and stages.
    this.parts.findings.replaceChildren(
      renderFindings(
        report.findings.filter((f) => !isDiagnosisCode(f.code)),
        (s, d) => this.goTo(s, d, this.settings.clickToPlay),
      ),
    );
    this.parts.gain.replaceChildren(renderGain(report));
    this.showRig();
    this.transport.setTake(report.format.durationSeconds, this.timecode(report.format.sampleRate));
    this.setState('done');
    markPainted('reportMs');
    if (!series) return;
    const saved = savedState();
    const same = saved?.file === this.file;
    this.waveform.setData(report, series, same ? saved?.view : undefined);
    this.showScaleNote();
    this.chart.setData(series.shortTermLufs, series.stepSeconds, this.settings.loudnessTargetLufs);
    if (same && saved?.loop) this.transport.setLoop(true);
    if (same && saved?.selection && saved.selection.end <= report.format.durationSeconds) this.select(saved.selection, true);
    this.transport.seek(same && saved?.time !== undefined ? saved.time : 0);
    this.applyReveal();
  }

  private timecode(rate: number): ((seconds: number) => string) | undefined {
    const b = this.report?.metadata.bext ?? this.header?.metadata.bext;
    return b ? (t) => timecodeAt(b.timeReferenceSamples, rate, t) : undefined;
  }

  /** The rig's converter alignment when the take belongs to one of its inputs, else the setting. */
  private converter(): ConverterAlignment {
    const rig = this.rig?.converterReferenceDbu;
    return rig !== null && rig !== undefined
      ? { referenceDbu: rig, from: 'the rig' }
      : { referenceDbu: this.settings.converterReferenceDbu, from: 'headroom.converterReferenceDbu' };
  }

  private showRig(): void {
    if (this.rig) this.parts.rig.replaceChildren(renderRig(this.rig.rig, this.rig.signalFlowSvg, this.report !== undefined));
    // The diagnosis reads against the rig's chain when the take belongs to one of its inputs.
    if (this.report)
      this.parts.diagnosis.replaceChildren(renderDiagnosis(this.report, this.rig?.rig?.diagnosis ?? [], (s) => this.goTo(s, 0, this.settings.clickToPlay)));
  }

  /** A click on the waveform or the loudness chart: play (or move the playhead) there. */
  private clicked(seconds: number, extend: boolean): void {
    if (extend) {
      const from = this.transport.time;
      if (Math.abs(seconds - from) > 0) this.select({ start: Math.min(from, seconds), end: Math.max(from, seconds) }, true);
      return;
    }
    this.select(null, true);
    this.waveform.mark(null);
    if (this.settings.clickToPlay) this.transport.play(seconds);
    else this.transport.seek(seconds);
  }

  /** A finding chosen here, or in the Problems panel: show its passage, scroll to it, play it. */
  private goTo(seconds: number, durationSeconds: number, play: boolean): void {
    const range = { start: seconds, end: seconds + durationSeconds };
    this.select(null, true);
    this.waveform.showRange(range);
    this.waveform.mark(range);
    this.waveSection.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    if (play) this.transport.play(seconds);
    else this.transport.seek(seconds);
  }

  private applyReveal(): void {
    const r = this.pendingReveal;
    if (!r || !this.report) return;
    this.pendingReveal = undefined;
    this.goTo(r.seconds, r.durationSeconds, false);
    vscode.postMessage({ type: 'revealed' });
  }

  /** Sets (or clears) the selection; once the drag ends, the host measures it. */
  private select(range: TimeRange | null, final: boolean): void {
    const frames = this.report?.format.frames ?? 0;
    const rate = this.report?.format.sampleRate ?? 48000;
    const usable = range && Math.round(range.end * rate) - Math.round(range.start * rate) >= 1 ? range : null;
    this.selection = usable;
    this.waveform.setSelection(usable);
    this.transport.setSelection(usable);
    if (!usable) {
      this.selectionId++;
      this.selectionBar.hidden = true;
      this.saveLater();
      return;
    }
    this.selectionBar.hidden = false;
    this.showSelectionFigures({
      startFrame: Math.round(usable.start * rate),
      endFrame: Math.max(Math.round(usable.start * rate) + 1, Math.round(usable.end * rate)),
      done: false,
    });
    if (!final) return;
    const id = ++this.selectionId;
    const startFrame = Math.min(frames - 1, Math.round(usable.start * rate));
    vscode.postMessage({ type: 'selection', id, startFrame, endFrame: Math.min(frames, Math.max(startFrame + 1, Math.round(usable.end * rate))) });
    if (!this.transport.playing) this.transport.seek(usable.start);
    this.saveLater();
  }

  private showSelectionFigures(f: SelectionFigures): void {
    const rate = this.report?.format.sampleRate ?? 48000;
    const start = f.startFrame / rate;
    const end = f.endFrame / rate;
    const figure = (name: string, key: string, value: number | null | undefined, text: string) =>
      h(
        'span',
        { class: 'selection-figure' },
        `${name} `,
        h(
          'span',
          { class: 'figure', 'data-selection': key, 'data-value': value === undefined ? undefined : String(value), 'data-pending': value === undefined },
          text,
        ),
      );
    const clear = h('button', { type: 'button', class: 'clear-selection', title: 'Clear the selection (Esc)', 'aria-label': 'Clear the selection (Esc)' }, '×');
    clear.addEventListener('click', () => this.select(null, true));
    this.selectionBar.dataset.done = String(f.done);
    this.selectionBar.replaceChildren(
      h('strong', {}, 'Selection '),
      h('span', { class: 'selection-span', 'data-start-frame': f.startFrame, 'data-end-frame': f.endFrame }, selectionSpanText(start, end)),
      figure('Peak', 'samplePeakDbfs', f.samplePeakDbfs, levelText(f.samplePeakDbfs, 'dBFS')),
      figure('True peak', 'truePeakDbtp', f.truePeakDbtp, levelText(f.truePeakDbtp, 'dBTP')),
      figure('RMS', 'rmsDbfs', f.rmsDbfs, levelText(f.rmsDbfs, 'dBFS')),
      figure('Loudness', 'integratedLufs', f.integratedLufs, selectionLoudnessText(f.done ? f.integratedLufs : undefined, end - start)),
      ...(f.error ? [h('span', { class: 'error-message' }, f.error)] : []),
      clear,
    );
  }

  private onKey(e: KeyboardEvent): void {
    const action = keyAction(e, keyTarget(e.target));
    if (!action || !this.report || document.body.dataset.state === 'error') return;
    e.preventDefault();
    this.run(action);
  }

  private run(action: KeyAction): void {
    const t = this.transport;
    const duration = this.report?.format.durationSeconds ?? 0;
    const nudge = (sign: number, fine: boolean) => {
      t.seek(t.time + sign * nudgeSeconds(this.waveform.visibleSeconds, fine));
      this.waveform.ensureVisible(t.time);
    };
    switch (action) {
      case 'toggle-play':
        return t.toggle();
      case 'to-start':
        t.seek(0);
        return this.waveform.ensureVisible(0);
      case 'to-end':
        t.seek(duration);
        return this.waveform.ensureVisible(duration);
      case 'nudge-back':
        return nudge(-1, false);
      case 'nudge-forward':
        return nudge(1, false);
      case 'nudge-back-fine':
        return nudge(-1, true);
      case 'nudge-forward-fine':
        return nudge(1, true);
      case 'page-back':
        return this.waveform.scroll(-1);
      case 'page-forward':
        return this.waveform.scroll(1);
      case 'shuttle-back':
        return t.shuttleBack();
      case 'shuttle-pause':
        return t.pause();
      case 'shuttle-forward':
        return t.shuttleForward();
      case 'toggle-loop':
        t.setLoop(!t.looping);
        return this.saveLater();
      case 'clear-selection':
        this.waveform.mark(null);
        return this.select(null, true);
      case 'zoom-in':
        return this.waveform.zoom(0.5);
      case 'zoom-out':
        return this.waveform.zoom(2);
      case 'zoom-fit':
        return this.waveform.fit();
    }
  }

  private saveLater(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      if (!this.file) return;
      // Until the report is shown the waveform has no window of its own: keep the saved one.
      const saved = savedState();
      const mine = saved?.file === this.file;
      const view = this.report ? this.waveform.window : mine ? saved.view : undefined;
      const state: SavedState = {
        file: this.file,
        view,
        time: this.report ? this.transport.time : mine ? saved.time : undefined,
        scale: this.waveform.verticalScale,
        loop: this.transport.looping,
      };
      if (this.selection) state.selection = this.selection;
      vscode.setState(state);
    }, 200);
  }
}

const view = new TakeView();
// What the host knew when it built the page (the start, and the header when it had read it): shown
// before the first paint, without waiting for a message.
try {
  const initial: unknown = JSON.parse(document.body.dataset.initial ?? '[]');
  if (Array.isArray(initial)) for (const m of initial) if (isHostToTake(m)) view.handle(m);
} catch {
  // A page without it waits for the messages "ready" brings.
}
window.addEventListener('message', (e: MessageEvent<unknown>) => {
  if (!isHostToTake(e.data)) {
    console.warn('Headroom take editor: ignored an invalid message from the host', e.data);
    return;
  }
  view.handle(e.data);
});
document.body.dataset.timeOrigin = performance.timeOrigin.toFixed(0);
vscode.postMessage({ type: 'ready' });
