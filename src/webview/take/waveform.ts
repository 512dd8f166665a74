// The waveform: one lane per channel drawn from the peak pyramid (the overview for the whole take,
// finer windows asked from the host when zoomed in), clipping and over passages, chain-diagnosis
// spans, cue markers, the selection and the playhead. Drawn in layers so that playback costs almost
// nothing: the lanes on a base canvas (redrawn when the view, the data, the scale or the theme
// change), the selection and the chosen passage on an overlay canvas, the playhead as a positioned
// element moved every frame. Above it, an overview of the whole take with the visible window, to
// scroll by. A click plays (or seeks) there, a drag selects, the wheel zooms, Shift+wheel scrolls.

import { channelCondition } from '../../core/channels';
import { formatTime, plural } from '../../core/format';
import type { TakeReport } from '../../core/report';
import type { OverviewSeries, PeakSlice } from '../../shared/takeEditor';
import { canvasColours, h, type CanvasColours } from './dom';
import type { TimeRange } from './playback';
import { centreWindow, clampWindow, columnsFromSlice, panWindow, sliceCovers, zoomWindow, type FrameWindow } from '../../shared/pyramidWindow';
import { labelledTimeStep, tickLabels, tickTimes } from './timeAxis';
import { levelToLane, sampleToLane, scaleLines, viewGainDb, type WaveScale } from './waveScale';

export interface WaveformHost {
  requestWindow(id: number, startFrame: number, endFrame: number, maxBuckets: number): void;
  /** A click (no drag) at a time; `extend`: with Shift, the selection runs from the playhead to there. */
  clicked(seconds: number, extend: boolean): void;
  /** The selection being dragged (final: the button was released), or null when it is cleared. */
  selecting(selection: TimeRange | null, final: boolean): void;
  viewChanged(view: FrameWindow): void;
}

const AXIS_H = 18;
const MARKER_H = 16;
const OVERVIEW_H = 28;
/** Never zoom closer than this many frames on screen (finest buckets are 256 frames). */
const MIN_SPAN_FRAMES = 2048;
/** A click within this many CSS pixels of a clip or marker snaps to it. */
const SNAP_PX = 4;
/** A pointer that moves less than this is a click, not a drag. */
const DRAG_PX = 3;

/** What the canvases need to know of the take before its report: lanes and length from the header. */
interface Layout {
  channels: number;
  labels: string[];
  frames: number;
  rate: number;
}

function sizeCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const dpr = window.devicePixelRatio || 1;
  canvas.style.height = `${height}px`;
  if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
  }
  const ctx = canvas.getContext('2d');
  ctx?.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}

export class Waveform {
  /** Everything the waveform shows, for the page to place. */
  readonly element: HTMLElement;
  readonly canvas = h('canvas', { class: 'waveform base', role: 'img', tabindex: 0 });
  private readonly overlay = h('canvas', { class: 'waveform overlay', 'aria-hidden': 'true' });
  private readonly playheadLine = h('div', { class: 'playhead', 'aria-hidden': 'true' });
  private readonly stack = h('div', { class: 'wave-stack' });
  private readonly overview = h('canvas', {
    class: 'overview',
    'aria-label': 'Overview of the whole take: drag to scroll',
    role: 'scrollbar',
    'aria-orientation': 'horizontal',
    'aria-controls': 'waveform-lanes',
  });
  private readonly overviewWindow = h('div', { class: 'overview-window', 'aria-hidden': 'true' });
  private readonly overviewPlayhead = h('div', { class: 'overview-playhead', 'aria-hidden': 'true' });
  private readonly overviewBox = h('div', { class: 'overview-box' });
  private layout: Layout | undefined;
  private report: TakeReport | undefined;
  private series: OverviewSeries | undefined;
  private view: FrameWindow = { start: 0, end: 1 };
  private detail: PeakSlice | undefined;
  private nextId = 1;
  private pendingId = 0;
  private requestTimer: ReturnType<typeof setTimeout> | undefined;
  private playhead: number | null = null;
  private selection: TimeRange | null = null;
  /** A passage being shown (a finding that was chosen), outlined on the overlay. */
  private marked: TimeRange | null = null;
  private drag: { x: number; moved: boolean; anchor: number } | undefined;
  private overviewDrag: { x: number; view: FrameWindow } | undefined;
  private scale: WaveScale = 'linear';
  /** Read from the theme once, not on every frame of playback; dropped when the theme changes. */
  private colours: CanvasColours | undefined;

  constructor(private readonly host: WaveformHost) {
    this.canvas.id = 'waveform-lanes';
    this.stack.append(this.canvas, this.overlay, this.playheadLine);
    this.overviewBox.append(this.overview, this.overviewWindow, this.overviewPlayhead);
    this.element = h('div', { class: 'wave-holder' }, this.overviewBox, this.stack);
    this.canvas.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    this.canvas.addEventListener('pointerdown', (e) => this.onDown(e));
    this.canvas.addEventListener('pointermove', (e) => this.onMove(e));
    this.canvas.addEventListener('pointerup', (e) => this.onUp(e));
    this.overview.addEventListener('pointerdown', (e) => this.onOverviewDown(e));
    this.overview.addEventListener('pointermove', (e) => this.onOverviewMove(e));
    this.overview.addEventListener('pointerup', () => (this.overviewDrag = undefined));
  }

  private get frames(): number {
    return this.layout?.frames ?? 0;
  }

  private get rate(): number {
    return this.layout?.rate ?? 48000;
  }

  /** Empty lanes from the header, while the analysis runs. */
  setHeader(channels: number, labels: string[], frames: number, rate: number): void {
    if (this.report) return;
    this.layout = { channels, labels, frames, rate };
    this.view = { start: 0, end: Math.max(1, frames) };
    this.canvas.setAttribute('aria-label', `Waveform of ${plural(channels, 'channel')}: it appears when the analysis has read the take`);
    this.redraw();
  }

  setData(report: TakeReport, series: OverviewSeries, view?: FrameWindow): void {
    this.report = report;
    this.series = series;
    this.detail = undefined;
    // A dead or silent lane says so: a flat line alone could be a very quiet take.
    const labels = report.channels.map((c) => {
      const condition = channelCondition(report, c.index);
      return condition === 'dead' ? `${c.label} — dead channel: no signal` : condition === 'silent' ? `${c.label} — silent` : c.label;
    });
    this.layout = { channels: report.format.channels, labels, frames: report.format.frames, rate: report.format.sampleRate };
    this.view = view && view.end > view.start && view.end <= report.format.frames ? view : { start: 0, end: Math.max(1, report.format.frames) };
    const passages = report.clipping.passages.length;
    this.canvas.setAttribute(
      'aria-label',
      `Waveform of ${plural(report.format.channels, 'channel')}, ${formatTime(report.format.durationSeconds)}; ${passages ? `${plural(passages, 'clipping or over passage')} marked` : 'no clipping marked'}`,
    );
    this.changed();
  }

  get verticalScale(): WaveScale {
    return this.scale;
  }

  /** The normalised view's display gain for this take: what lifts its sample peak to full scale. */
  get viewGainDb(): number {
    return viewGainDb(this.report?.overall.samplePeakDbfs ?? null);
  }

  setVerticalScale(scale: WaveScale): void {
    this.scale = scale;
    this.drawBase();
  }

  get window(): FrameWindow {
    return this.view;
  }

  /** The visible span in seconds. */
  get visibleSeconds(): number {
    return (this.view.end - this.view.start) / this.rate;
  }

  acceptWindow(id: number, slice: PeakSlice | null): void {
    if (id !== this.pendingId || !slice) return;
    this.detail = slice;
    this.drawBase();
  }

  /** VS Code switched themes: read the colours again and redraw. */
  themeChanged(): void {
    this.colours = undefined;
    this.redraw();
  }

  /** The page was resized. */
  redraw(): void {
    this.drawBase();
    this.drawOverlay();
    this.drawOverview();
    this.placePlayhead();
  }

  /** Moves the playhead: only the playhead element (and the overview's) move. */
  setPlayhead(seconds: number | null): void {
    this.playhead = seconds;
    this.placePlayhead();
  }

  setSelection(selection: TimeRange | null): void {
    this.selection = selection;
    this.drawOverlay();
  }

  /** Outlines a passage (a chosen finding); null removes the outline. */
  mark(range: TimeRange | null): void {
    this.marked = range;
    this.drawOverlay();
  }

  /** Keeps a playing playhead in view by paging along with it. */
  follow(seconds: number): void {
    const f = seconds * this.rate;
    if (f < this.view.start || f > this.view.end) this.setView(clampWindow({ start: f, end: f + (this.view.end - this.view.start) }, this.frames));
  }

  /** Brings a time into view (centred) when it is not already in the middle 90 % of it. */
  ensureVisible(seconds: number): void {
    const f = seconds * this.rate;
    const margin = (this.view.end - this.view.start) * 0.05;
    if (f < this.view.start + margin || f > this.view.end - margin) this.centreOn(seconds);
  }

  /** Shows a passage: centred, and zoomed out just enough when it is wider than the view. */
  showRange(range: TimeRange): void {
    if (!this.report) return;
    const span = (range.end - range.start) * this.rate;
    if (span * 1.2 > this.view.end - this.view.start) {
      const pad = span * 0.1;
      this.setView(clampWindow({ start: range.start * this.rate - pad, end: range.end * this.rate + pad }, this.frames));
    } else this.ensureVisible(range.start);
  }

  centreOn(seconds: number): void {
    if (!this.report) return;
    this.setView(centreWindow(this.view, seconds * this.rate, this.frames));
  }

  zoom(
    factor: number,
    anchorFrame = this.playhead !== null && this.playheadInView() ? this.playhead * this.rate : (this.view.start + this.view.end) / 2,
  ): void {
    if (!this.report) return;
    this.setView(zoomWindow(this.view, factor, anchorFrame, this.frames, MIN_SPAN_FRAMES));
  }

  /** Scrolls by a fraction of the visible span (negative: towards the start). */
  scroll(fraction: number): void {
    if (this.report) this.setView(panWindow(this.view, fraction * (this.view.end - this.view.start), this.frames));
  }

  fit(): void {
    if (this.report) this.setView({ start: 0, end: this.frames });
  }

  private playheadInView(): boolean {
    const f = (this.playhead ?? -1) * this.rate;
    return f >= this.view.start && f <= this.view.end;
  }

  private setView(v: FrameWindow): void {
    this.view = v;
    this.changed();
  }

  private changed(): void {
    this.host.viewChanged(this.view);
    this.requestDetailIfNeeded();
    this.redraw();
    this.canvas.dataset.viewStart = String(this.view.start / this.rate);
    this.canvas.dataset.viewEnd = String(this.view.end / this.rate);
  }

  private get width(): number {
    return Math.max(1, this.stack.clientWidth);
  }

  private get laneHeight(): number {
    const channels = this.layout?.channels ?? 1;
    return channels > 8 ? 40 : channels > 4 ? 56 : 84;
  }

  private get height(): number {
    return MARKER_H + (this.layout?.channels ?? 1) * this.laneHeight + AXIS_H;
  }

  /** The overview is coarser than a pixel column here: ask the host for a finer window. */
  private requestDetailIfNeeded(): void {
    const s = this.series;
    if (!s) return;
    const span = this.view.end - this.view.start;
    const columns = this.width;
    const needed = span / columns;
    if (s.overview.bucketFrames <= Math.max(needed, s.levels[0]?.bucketFrames ?? 1)) return;
    if (
      this.detail &&
      this.detail.bucketFrames <= Math.max(needed, s.levels[0]?.bucketFrames ?? 1) &&
      sliceCovers(this.detail, this.view, this.frames) &&
      this.detail.bucketFrames * 4 > needed
    )
      return;
    clearTimeout(this.requestTimer);
    this.requestTimer = setTimeout(() => {
      const id = this.nextId++;
      this.pendingId = id;
      // A margin of half a screen each side keeps small scrolls smooth.
      const margin = span / 2;
      const start = Math.max(0, Math.floor(this.view.start - margin));
      const end = Math.min(this.frames, Math.ceil(this.view.end + margin));
      this.host.requestWindow(id, start, Math.max(start + 1, end), columns * 2);
    }, 40);
  }

  private source(): PeakSlice | undefined {
    const s = this.series;
    if (!s) return undefined;
    if (this.detail && this.detail.bucketFrames < s.overview.bucketFrames && sliceCovers(this.detail, this.view, this.frames)) return this.detail;
    return s.overview;
  }

  private xOf(frame: number, width = this.width): number {
    return ((frame - this.view.start) / (this.view.end - this.view.start)) * width;
  }

  private frameAt(x: number): number {
    return Math.max(0, Math.min(this.frames, this.view.start + (x / this.width) * (this.view.end - this.view.start)));
  }

  private get theme(): CanvasColours {
    return (this.colours ??= canvasColours());
  }

  private drawBase(): void {
    const width = this.width;
    const height = this.height;
    const ctx = sizeCanvas(this.canvas, width, height);
    if (!ctx) return;
    const c = this.theme;
    ctx.fillStyle = c.bg;
    ctx.fillRect(0, 0, width, height);
    ctx.font = `11px ${c.font}`;
    const layout = this.layout;
    if (!layout) return;
    const report = this.report;
    const laneH = this.laneHeight;
    const channels = layout.channels;
    const gain = this.viewGainDb;
    const slice = this.source();
    // Which level is on screen, for tests and for anyone inspecting the view.
    if (slice) this.canvas.dataset.bucketFrames = String(slice.bucketFrames);
    for (let ch = 0; ch < channels; ch++) {
      const top = MARKER_H + ch * laneH;
      const mid = top + laneH / 2;
      const amp = laneH / 2 - 2;
      ctx.strokeStyle = c.grid;
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(0, top + 0.5);
      ctx.lineTo(width, top + 0.5);
      ctx.moveTo(0, mid + 0.5);
      ctx.lineTo(width, mid + 0.5);
      ctx.stroke();
      if (slice) {
        const { min, max } = columnsFromSlice(slice, ch, this.view, Math.ceil(width));
        ctx.fillStyle = c.wave;
        for (let x = 0; x < min.length; x++) {
          const lo = min[x]!;
          const hi = max[x]!;
          if (Number.isNaN(lo)) continue;
          const y1 = mid - sampleToLane(hi, this.scale, gain) * amp;
          const y2 = mid - sampleToLane(lo, this.scale, gain) * amp;
          ctx.fillRect(x, y1, 1, Math.max(1, y2 - y1));
        }
      }
      if (report) this.drawLaneMarks(ctx, report, ch, top, mid, amp, width, laneH, gain, c);
      this.label(ctx, layout.labels[ch] ?? String(ch + 1), 4, top + 12, c.text, c.bg);
    }
    if (!report) {
      ctx.fillStyle = c.text;
      ctx.fillText('The waveform appears when the analysis has read the take…', 8, MARKER_H + (channels * laneH) / 2 + 4);
    } else this.drawMarkers(ctx, report, width, channels * laneH, c);
    this.drawAxis(ctx, width, MARKER_H + channels * laneH, c.grid, c.text);
  }

  private drawLaneMarks(
    ctx: CanvasRenderingContext2D,
    report: TakeReport,
    ch: number,
    top: number,
    mid: number,
    amp: number,
    width: number,
    laneH: number,
    gain: number,
    c: CanvasColours,
  ): void {
    // Full scale (and the dB scale's steps) above and below the centre line, where they fall
    // inside the lane: drawn over the waveform so a take touching full scale still shows it.
    ctx.lineWidth = 1;
    // Labelled in the first lane only, and only where a label has room below the one above it.
    let lastLabel = -Infinity;
    for (const [label, db] of scaleLines(this.scale)) {
      const f = levelToLane(db, this.scale, gain);
      if (f === null || f === 0) continue;
      const fullScale = db === 0;
      ctx.strokeStyle = fullScale ? c.clip : c.text;
      ctx.setLineDash(fullScale ? [] : [2, 3]);
      // Reference lines, not alarms: softer than the clipping marks drawn in the same colour, and
      // the dB steps (in the text colour, as the grid colour is nearly invisible in light themes) softer still.
      ctx.globalAlpha = fullScale ? 0.6 : 0.45;
      ctx.beginPath();
      for (const y of [Math.round(mid - f * amp) + 0.5, Math.round(mid + f * amp) - 0.5]) {
        ctx.moveTo(0, y);
        ctx.lineTo(width, y);
      }
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.globalAlpha = 1;
      const baseline = Math.round(mid - f * amp) + 11;
      if (ch === 0 && baseline - lastLabel >= 13 && baseline <= mid) {
        this.label(ctx, label, width - ctx.measureText(label).width - 4, baseline, c.text, c.bg);
        lastLabel = baseline;
      }
    }
    // Clipping runs: a band over the lane, at least 2 px wide so a 3-sample run is visible.
    ctx.fillStyle = c.clip;
    for (const e of report.clipping.events) {
      if (e.channel !== ch) continue;
      const x1 = this.xOf(e.startFrame, width);
      const x2 = this.xOf(e.startFrame + e.samples, width);
      if (x2 < 0 || x1 > width) continue;
      ctx.globalAlpha = 0.25;
      ctx.fillRect(x1, top, Math.max(2, x2 - x1), laneH);
      ctx.globalAlpha = 1;
      ctx.fillRect(x1, top, Math.max(2, x2 - x1), 3);
      ctx.fillRect(x1, top + laneH - 3, Math.max(2, x2 - x1), 3);
    }
    ctx.fillStyle = c.warning;
    for (const o of report.clipping.overs) {
      if (o.channel !== ch) continue;
      const x = this.xOf(o.startSeconds * this.rate, width);
      if (x < -4 || x > width + 4) continue;
      ctx.beginPath();
      ctx.moveTo(x - 4, top + 1);
      ctx.lineTo(x + 4, top + 1);
      ctx.lineTo(x, top + 8);
      ctx.fill();
    }
    // Chain-diagnosis findings with a place in time: a bar along the lane's foot over their span
    // (a notch for a single event), red for errors, amber otherwise.
    for (const d of report.diagnosis) {
      if (d.startSeconds === undefined || (d.channel !== undefined && d.channel !== ch)) continue;
      const x1 = this.xOf(d.startSeconds * this.rate, width);
      const x2 = this.xOf((d.startSeconds + (d.durationSeconds ?? 0)) * this.rate, width);
      if (x2 < -4 || x1 > width + 4) continue;
      ctx.fillStyle = d.severity === 'error' ? c.clip : c.warning;
      ctx.fillRect(x1 - (x2 - x1 < 2 ? 1 : 0), top + laneH - 9, Math.max(2, x2 - x1), 4);
    }
  }

  /** Cue markers across every lane, labelled in the strip above them. */
  private drawMarkers(ctx: CanvasRenderingContext2D, report: TakeReport, width: number, lanesH: number, c: CanvasColours): void {
    ctx.strokeStyle = c.marker;
    ctx.fillStyle = c.marker;
    ctx.setLineDash([4, 3]);
    for (const m of report.metadata.markers) {
      const x = this.xOf(m.frame, width);
      if (x < 0 || x > width) continue;
      if (m.lengthFrames) {
        ctx.globalAlpha = 0.12;
        ctx.fillRect(x, MARKER_H, this.xOf(m.frame + m.lengthFrames, width) - x, lanesH);
        ctx.globalAlpha = 1;
      }
      ctx.beginPath();
      ctx.moveTo(Math.round(x) + 0.5, MARKER_H - 4);
      ctx.lineTo(Math.round(x) + 0.5, MARKER_H + lanesH);
      ctx.stroke();
      ctx.fillText(m.label ?? `#${m.id}`, x + 3, MARKER_H - 4);
    }
    ctx.setLineDash([]);
  }

  /** The selection and the chosen passage, over the lanes. */
  private drawOverlay(): void {
    const width = this.width;
    const height = this.height;
    const ctx = sizeCanvas(this.overlay, width, height);
    if (!ctx) return;
    ctx.clearRect(0, 0, width, height);
    const c = this.theme;
    const bottom = height - AXIS_H;
    const span = (r: TimeRange) => [this.xOf(r.start * this.rate, width), this.xOf(r.end * this.rate, width)] as const;
    if (this.selection) {
      const [x1, x2] = span(this.selection);
      ctx.fillStyle = c.selection;
      ctx.globalAlpha = 0.45;
      ctx.fillRect(x1, MARKER_H, Math.max(1, x2 - x1), bottom - MARKER_H);
      ctx.globalAlpha = 1;
      ctx.strokeStyle = c.playhead;
      ctx.lineWidth = 1;
      ctx.beginPath();
      for (const x of [Math.round(x1) + 0.5, Math.round(x2) - 0.5]) {
        ctx.moveTo(x, MARKER_H);
        ctx.lineTo(x, bottom);
      }
      ctx.stroke();
    }
    if (this.marked) {
      const [x1, x2] = span(this.marked);
      ctx.strokeStyle = c.focus;
      ctx.lineWidth = 2;
      ctx.setLineDash([5, 3]);
      ctx.strokeRect(Math.round(x1) - 2, MARKER_H + 1, Math.max(4, x2 - x1 + 4), bottom - MARKER_H - 2);
      ctx.setLineDash([]);
    }
  }

  private placePlayhead(): void {
    const t = this.playhead;
    const x = t === null ? -1 : this.xOf(t * this.rate);
    const visible = t !== null && x >= 0 && x <= this.width;
    this.playheadLine.hidden = !visible;
    if (visible) this.playheadLine.style.transform = `translateX(${x.toFixed(1)}px)`;
    this.playheadLine.style.height = `${this.height - AXIS_H}px`;
    const ow = Math.max(1, this.overviewBox.clientWidth);
    this.overviewPlayhead.hidden = t === null || !this.frames;
    if (t !== null && this.frames) this.overviewPlayhead.style.transform = `translateX(${((t * this.rate) / this.frames) * ow}px)`;
  }

  /** The whole take, small, with the visible window: drawn when the data, the size or the theme change. */
  private drawOverview(): void {
    const width = Math.max(1, this.overviewBox.clientWidth);
    const ctx = sizeCanvas(this.overview, width, OVERVIEW_H);
    if (!ctx) return;
    const c = this.theme;
    ctx.fillStyle = c.bg;
    ctx.fillRect(0, 0, width, OVERVIEW_H);
    const s = this.series;
    const frames = this.frames;
    if (s && frames) {
      const whole = { start: 0, end: frames };
      const mid = OVERVIEW_H / 2;
      ctx.fillStyle = c.wave;
      ctx.globalAlpha = 0.7;
      const cols = s.overview.minMax.map((_, ch) => columnsFromSlice(s.overview, ch, whole, Math.ceil(width)));
      for (let x = 0; x < width; x++) {
        let peak = 0;
        for (const col of cols) if (!Number.isNaN(col.max[x]!)) peak = Math.max(peak, col.max[x]!, -col.min[x]!);
        const y = Math.min(1, peak) * (mid - 1);
        ctx.fillRect(x, mid - y, 1, Math.max(1, 2 * y));
      }
      ctx.globalAlpha = 1;
      ctx.fillStyle = c.clip;
      for (const p of this.report?.clipping.passages ?? []) {
        if (p.kind !== 'clipping') continue;
        const x1 = ((p.startSeconds * this.rate) / frames) * width;
        const x2 = ((p.endSeconds * this.rate) / frames) * width;
        ctx.fillRect(x1, OVERVIEW_H - 3, Math.max(2, x2 - x1), 3);
      }
    }
    const left = frames ? (this.view.start / frames) * width : 0;
    const right = frames ? (this.view.end / frames) * width : width;
    this.overviewWindow.style.transform = `translateX(${left.toFixed(1)}px)`;
    this.overviewWindow.style.width = `${Math.max(4, right - left).toFixed(1)}px`;
    this.overview.setAttribute('aria-valuenow', String(Math.round(frames ? (100 * this.view.start) / frames : 0)));
  }

  /** Text on a patch of background, so a lane or line label stays legible over the waveform. */
  private label(ctx: CanvasRenderingContext2D, text: string, x: number, baseline: number, fg: string, bg: string): void {
    const w = ctx.measureText(text).width;
    ctx.fillStyle = bg;
    ctx.globalAlpha = 0.8;
    ctx.fillRect(x - 2, baseline - 10, w + 4, 13);
    ctx.globalAlpha = 1;
    ctx.fillStyle = fg;
    ctx.fillText(text, x, baseline);
  }

  private drawAxis(ctx: CanvasRenderingContext2D, width: number, top: number, grid: string, text: string): void {
    const startS = this.view.start / this.rate;
    const endS = this.view.end / this.rate;
    // Room for the widest label each step would need (the last one, with that step's decimals) plus a gap.
    const step = labelledTimeStep(endS - startS, width, (s) => ctx.measureText(tickLabels([endS], s)[0]!).width, 24);
    const times = tickTimes(startS, endS, step);
    const labels = tickLabels(times, step);
    ctx.strokeStyle = grid;
    ctx.fillStyle = text;
    ctx.beginPath();
    ctx.moveTo(0, top + 0.5);
    ctx.lineTo(width, top + 0.5);
    let rightmost = -Infinity;
    times.forEach((t, i) => {
      const x = Math.round(this.xOf(t * this.rate, width)) + 0.5;
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + 4);
      const label = labels[i]!;
      const w = ctx.measureText(label).width;
      // The last label is pulled inside the canvas; it is left out if it would then touch the one before.
      const lx = Math.min(x + 2, width - w - 2);
      if (lx < rightmost + 8) return;
      ctx.fillText(label, lx, top + 14);
      rightmost = lx + w;
    });
    ctx.stroke();
  }

  private onWheel(e: WheelEvent): void {
    if (!this.report) return;
    e.preventDefault();
    if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) this.scroll((e.shiftKey ? e.deltaY : e.deltaX) / this.width);
    else this.zoom(e.deltaY > 0 ? 1.25 : 0.8, this.frameAt(e.offsetX));
  }

  private onDown(e: PointerEvent): void {
    if (!this.report || e.button !== 0) return;
    this.canvas.setPointerCapture(e.pointerId);
    this.drag = { x: e.offsetX, moved: false, anchor: this.frameAt(e.offsetX) };
  }

  private onMove(e: PointerEvent): void {
    const d = this.drag;
    if (!d) return;
    if (Math.abs(e.offsetX - d.x) > DRAG_PX) d.moved = true;
    if (d.moved) this.host.selecting(this.dragRange(d.anchor, e.offsetX), false);
  }

  private onUp(e: PointerEvent): void {
    const d = this.drag;
    this.drag = undefined;
    if (!d || !this.report) return;
    if (d.moved) this.host.selecting(this.dragRange(d.anchor, e.offsetX), true);
    else this.host.clicked(this.snap(e.offsetX) / this.rate, e.shiftKey);
  }

  private dragRange(anchor: number, x: number): TimeRange {
    const f = this.frameAt(x);
    return { start: Math.min(anchor, f) / this.rate, end: Math.max(anchor, f) / this.rate };
  }

  private onOverviewDown(e: PointerEvent): void {
    if (!this.report || e.button !== 0) return;
    this.overview.setPointerCapture(e.pointerId);
    // A press outside the window centres it there; dragging then moves it.
    const width = Math.max(1, this.overviewBox.clientWidth);
    const f = (e.offsetX / width) * this.frames;
    if (f < this.view.start || f > this.view.end) this.setView(centreWindow(this.view, f, this.frames));
    this.overviewDrag = { x: e.offsetX, view: this.view };
  }

  private onOverviewMove(e: PointerEvent): void {
    const d = this.overviewDrag;
    if (!d) return;
    const width = Math.max(1, this.overviewBox.clientWidth);
    this.setView(panWindow(d.view, ((e.offsetX - d.x) / width) * this.frames, this.frames));
  }

  /** The frame a click means: the start of a clipping run or marker under the pointer, or the pointer's own. */
  private snap(x: number): number {
    const report = this.report!;
    const width = this.width;
    const targets = [
      ...report.clipping.events.map((c) => c.startFrame),
      ...report.metadata.markers.map((m) => m.frame),
      ...report.diagnosis.flatMap((d) => (d.startSeconds === undefined ? [] : [Math.round(d.startSeconds * this.rate)])),
    ];
    let best = this.frameAt(x);
    let bestDx = SNAP_PX + 1;
    for (const f of targets) {
      const dx = Math.abs(this.xOf(f, width) - x);
      if (dx < bestDx) {
        bestDx = dx;
        best = f;
      }
    }
    return Math.max(0, Math.min(this.frames, best));
  }
}
