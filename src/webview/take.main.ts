// The take editor's page. It only displays: the analysis runs in the worker pool on the host's
// side, and the host re-sends everything when the page is reloaded (it is not retained when hidden);
// the page's own state (zoom window, play position) survives through vscode.setState.

import 'uplot/dist/uPlot.min.css';
import { formatTime } from '../core/format';
import type { TakeReport } from '../core/report';
import type { WavHeader } from '../core/wav/types';
import { isHostToTake, type HostToTake, type OverviewSeries, type TakeToHost, type TakeViewSettings } from './protocol/takeEditor';
import { h, section } from './take/dom';
import { channelFiguresFromPartial, channelFiguresFromReport, overallFromPartial, overallFromReport, type ConverterAlignment } from './take/figures';
import { renderDiagnosis } from './take/diagnosis';
import { renderFindings, renderGain, renderRig } from './take/findings';
import { isDiagnosisCode } from '../core/analysis/diagnosis/types';
import { renderErrorSection, renderHeader } from './take/header';
import { LoudnessChart } from './take/loudnessChart';
import { renderMeters } from './take/meters';
import type { FrameWindow } from './take/pyramidWindow';
import { timecodeAt } from './take/timecode';
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
  /** The waveform's vertical scale: a choice of the person, kept for every take this editor shows. */
  scale?: WaveScale;
}

const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;

function savedState(): SavedState | undefined {
  const s = vscode.getState() as Partial<SavedState> | undefined;
  if (!s || typeof s.file !== 'string') return undefined;
  // A scale saved by another version of this page may not exist any more.
  return { ...s, scale: isWaveScale(s.scale) ? s.scale : undefined } as SavedState;
}

type State = 'loading' | 'partial' | 'done' | 'error';

class TakeView {
  private file = '';
  private name = '';
  private settings: TakeViewSettings = { loudnessTargetLufs: null, peakCeilingDbtp: -1, converterReferenceDbu: 18 };
  private header: WavHeader | undefined;
  private sizeBytes: number | null = null;
  private report: TakeReport | undefined;
  private rig: Extract<HostToTake, { type: 'rig' }> | undefined;
  private readonly parts = {
    header: h('div'),
    progress: h('div', { id: 'progress', class: 'progress', hidden: true }),
    error: h('div'),
    meters: h('div'),
    wave: h('div', { hidden: true }),
    findings: h('div'),
    diagnosis: h('div'),
    gain: h('div'),
    rig: h('div'),
  };
  private readonly progressBar = h('progress', { max: 1, value: 0, 'aria-label': 'Analysis progress' });
  private readonly progressText = h('span', { class: 'muted' });
  private readonly audio = h('audio', { controls: true, preload: 'metadata' });
  private readonly clock = h('span', { class: 'clock', 'aria-live': 'off' });
  private readonly audioNote = h('span', { class: 'muted' });
  private readonly waveHolder = h('div', { class: 'wave-holder' });
  private readonly chartHolder = h('div', { class: 'chart-holder' });
  private readonly scaleButtons = new Map<WaveScale, HTMLButtonElement>();
  private readonly scaleNote = h('span', { class: 'muted scale-note', 'aria-live': 'polite' });
  private readonly waveform: Waveform;
  private readonly chart: LoudnessChart;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private raf = 0;

  constructor() {
    this.parts.progress.append(this.progressBar, this.progressText);
    const button = (label: string, title: string, run: () => void) => {
      const b = h('button', { type: 'button', title, 'aria-label': title }, label);
      b.addEventListener('click', run);
      return b;
    };
    this.waveform = new Waveform(this.waveHolder, {
      requestWindow: (id, startFrame, endFrame, maxBuckets) => vscode.postMessage({ type: 'window', id, startFrame, endFrame, maxBuckets }),
      seek: (s) => this.seek(s, false),
      viewChanged: () => this.saveLater(),
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
    this.chart = new LoudnessChart(this.chartHolder, (s) => this.seek(s, true));
    this.parts.wave.append(
      section(
        'waveform',
        'Waveform',
        h(
          'div',
          { class: 'toolbar' },
          button('+', 'Zoom in', () => this.waveform.zoom(0.5)),
          button('−', 'Zoom out', () => this.waveform.zoom(2)),
          button('Fit', 'Show the whole take', () => this.waveform.fit()),
          h('div', { class: 'segmented', role: 'group', 'aria-label': 'Vertical scale' }, ...this.scaleButtons.values()),
          this.scaleNote,
          this.clock,
        ),
        this.waveHolder,
        h('p', { class: 'legend muted' }, h('span', { class: 'key clip' }), ' clipping  ', h('span', { class: 'key over' }), ' inter-sample over  ', h('span', { class: 'key over' }), ' chain diagnosis (bar along the lane\u2019s foot)  ', h('span', { class: 'key marker' }), ' cue marker  · wheel: zoom, drag: pan, click: play from there'),
        h('div', { class: 'player' }, this.audio, this.audioNote),
      ),
      section('loudness', 'Short-term loudness', this.chartHolder),
    );
    this.setScale(savedState()?.scale ?? 'linear', false);
    app.replaceChildren(this.parts.header, this.parts.progress, this.parts.error, this.parts.meters, this.parts.wave, this.parts.findings, this.parts.diagnosis, this.parts.gain, this.parts.rig);
    // While playing, the animation loop (tick) moves the playhead every frame already.
    this.audio.addEventListener('timeupdate', () => {
      if (this.audio.paused) this.onTime();
    });
    this.audio.addEventListener('seeked', () => this.onTime());
    this.audio.addEventListener('play', () => this.tick());
    this.audio.addEventListener('error', () => {
      this.audioNote.textContent = ' This player cannot play this file; the figures are unaffected.';
    });
    new ResizeObserver(() => {
      this.waveform.draw();
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
        if (document.body.dataset.state === 'loading') this.setState('partial');
        return;
      case 'progress':
        if (this.report) return;
        this.parts.progress.hidden = false;
        this.progressBar.value = m.fraction;
        this.progressText.textContent = ` Analysing… ${Math.round(m.fraction * 100)} %`;
        if (m.partial) {
          this.parts.meters.replaceChildren(renderMeters(channelFiguresFromPartial(m.partial), overallFromPartial(m.partial), this.settings.peakCeilingDbtp, this.converter()));
          this.setState('partial');
        }
        return;
      case 'report':
        return this.showReport(m.report, m.series);
      case 'rig':
        this.rig = m;
        this.showRig();
        // The converter alignment may have changed with the rig: the analog levels follow.
        if (this.report) this.parts.meters.replaceChildren(renderMeters(channelFiguresFromReport(this.report), overallFromReport(this.report), this.settings.peakCeilingDbtp, this.converter()));
        return;
      case 'failed':
        this.parts.progress.hidden = true;
        this.parts.error.replaceChildren(renderErrorSection(m.failed.file, m.failed.error));
        this.parts.findings.replaceChildren(renderFindings(m.failed.findings, () => undefined));
        this.setState('error');
        return;
      case 'window':
        this.waveform.acceptWindow(m.id, m.slice);
        return;
    }
  }

  private start(m: Extract<HostToTake, { type: 'start' }>): void {
    this.file = m.file;
    this.name = m.name;
    this.settings = m.settings;
    this.header = this.report = this.rig = undefined;
    this.sizeBytes = null;
    document.title = m.name;
    this.parts.header.replaceChildren(renderHeader(m.name, undefined, undefined, null));
    for (const p of [this.parts.error, this.parts.meters, this.parts.findings, this.parts.diagnosis, this.parts.gain, this.parts.rig]) p.replaceChildren();
    this.parts.wave.hidden = true;
    this.parts.progress.hidden = false;
    this.progressBar.value = 0;
    this.progressText.textContent = ' Analysing…';
    if (m.audioSrc && this.audio.getAttribute('src') !== m.audioSrc) this.audio.src = m.audioSrc;
    // Same address, maybe new content (the take was recorded again): drop what the player buffered.
    else if (m.audioSrc) this.audio.load();
    this.setState('loading');
  }

  private showReport(report: TakeReport, series: OverviewSeries | null): void {
    this.report = report;
    this.parts.progress.hidden = true;
    this.parts.header.replaceChildren(renderHeader(this.name, this.header, report, this.sizeBytes));
    this.parts.meters.replaceChildren(renderMeters(channelFiguresFromReport(report), overallFromReport(report), this.settings.peakCeilingDbtp, this.converter()));
    // The diagnosis's findings are listed in their own section, with their values and stages.
    this.parts.findings.replaceChildren(renderFindings(report.findings.filter((f) => !isDiagnosisCode(f.code)), (s) => this.seek(s, true)));
    this.parts.gain.replaceChildren(renderGain(report));
    this.showRig();
    this.setState('done');
    if (!series) return;
    this.parts.wave.hidden = false;
    const saved = savedState();
    const same = saved?.file === this.file;
    this.waveform.setData(report, series, same ? saved?.view : undefined);
    this.showScaleNote();
    this.chart.setData(series.shortTermLufs, series.stepSeconds, this.settings.loudnessTargetLufs);
    if (same && saved?.time !== undefined && saved.time > 0) this.seek(saved.time, false);
    else this.onTime();
  }

  /** The rig's converter alignment when the take belongs to one of its inputs, else the setting. */
  private converter(): ConverterAlignment {
    const rig = this.rig?.converterReferenceDbu;
    return rig !== null && rig !== undefined ? { referenceDbu: rig, from: 'the rig' } : { referenceDbu: this.settings.converterReferenceDbu, from: 'headroom.converterReferenceDbu' };
  }

  private showRig(): void {
    if (this.rig) this.parts.rig.replaceChildren(renderRig(this.rig.rig, this.rig.signalFlowSvg, this.report !== undefined));
    // The diagnosis reads against the rig's chain when the take belongs to one of its inputs.
    if (this.report) this.parts.diagnosis.replaceChildren(renderDiagnosis(this.report, this.rig?.rig?.diagnosis ?? [], (s) => this.seek(s, true)));
  }

  /** Plays from a time (a finding, a clip, a click) and shows it in the waveform. */
  private seek(seconds: number, centre: boolean): void {
    const t = Math.max(0, Math.min(seconds, this.report?.format.durationSeconds ?? seconds));
    try {
      this.audio.currentTime = t;
    } catch {
      // Not seekable before its metadata loaded; the playhead still moves.
    }
    if (centre) this.waveform.centreOn(t);
    this.showTime(t);
  }

  private onTime(): void {
    this.showTime(this.audio.currentTime);
  }

  private showTime(t: number): void {
    this.waveform.setPlayhead(t);
    const b = this.report?.metadata.bext ?? this.header?.metadata.bext;
    const rate = this.report?.format.sampleRate ?? this.header?.format.sampleRate ?? 0;
    this.clock.textContent = `${formatTime(t)}${b ? ` · TC ${timecodeAt(b.timeReferenceSamples, rate, t)}` : ''}`;
    this.saveLater();
  }

  private tick(): void {
    cancelAnimationFrame(this.raf);
    const step = () => {
      if (this.audio.paused) return;
      this.waveform.follow(this.audio.currentTime);
      this.showTime(this.audio.currentTime);
      this.raf = requestAnimationFrame(step);
    };
    this.raf = requestAnimationFrame(step);
  }

  private saveLater(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      if (!this.file) return;
      // Until the report is shown the waveform has no window of its own: keep the saved one.
      const saved = savedState();
      const view = this.report ? this.waveform.window : saved?.file === this.file ? saved.view : undefined;
      vscode.setState({ file: this.file, view, time: this.audio.currentTime, scale: this.waveform.verticalScale } satisfies SavedState);
    }, 200);
  }
}

const view = new TakeView();
window.addEventListener('message', (e: MessageEvent<unknown>) => {
  if (!isHostToTake(e.data)) {
    console.warn('Headroom take editor: ignored an invalid message from the host', e.data);
    return;
  }
  view.handle(e.data);
});
vscode.postMessage({ type: 'ready' });
