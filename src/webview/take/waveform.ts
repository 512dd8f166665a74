// The waveform: one lane per channel drawn from the peak pyramid (the overview for the whole take,
// finer windows asked from the host when zoomed in), clipping runs in red, inter-sample overs,
// chain-diagnosis spans and cue markers, and the playhead. Wheel or buttons zoom, drag pans, a click seeks.

import { formatTime } from '../../core/format';
import type { TakeReport } from '../../core/report';
import type { OverviewSeries, PeakSlice } from '../protocol/takeEditor';
import { canvasColours, type CanvasColours } from './dom';
import { centreWindow, columnsFromSlice, panWindow, sliceCovers, zoomWindow, type FrameWindow } from './pyramidWindow';
import { labelledTimeStep, tickLabels, tickTimes } from './timeAxis';
import { levelToLane, sampleToLane, scaleLines, viewGainDb, type WaveScale } from './waveScale';

export interface WaveformHost {
  requestWindow(id: number, startFrame: number, endFrame: number, maxBuckets: number): void;
  seek(seconds: number): void;
  viewChanged(view: FrameWindow): void;
}

const AXIS_H = 18;
const MARKER_H = 16;
/** Never zoom closer than this many frames on screen (finest buckets are 256 frames). */
const MIN_SPAN_FRAMES = 2048;
/** A click within this many CSS pixels of a clip or marker snaps to it. */
const SNAP_PX = 4;

export class Waveform {
  readonly canvas: HTMLCanvasElement;
  private report: TakeReport | undefined;
  private series: OverviewSeries | undefined;
  private view: FrameWindow = { start: 0, end: 1 };
  private detail: PeakSlice | undefined;
  private nextId = 1;
  private pendingId = 0;
  private requestTimer: ReturnType<typeof setTimeout> | undefined;
  private playhead: number | null = null;
  private drag: { x: number; view: FrameWindow; moved: boolean } | undefined;
  private scale: WaveScale = 'linear';
  /** Read from the theme once, not on every frame of playback; dropped when the theme changes. */
  private colours: CanvasColours | undefined;

  constructor(
    private readonly container: HTMLElement,
    private readonly host: WaveformHost,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'waveform';
    this.canvas.setAttribute('role', 'img');
    this.canvas.tabIndex = 0;
    container.appendChild(this.canvas);
    this.canvas.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    this.canvas.addEventListener('pointerdown', (e) => this.onDown(e));
    this.canvas.addEventListener('pointermove', (e) => this.onMove(e));
    this.canvas.addEventListener('pointerup', (e) => this.onUp(e));
    this.canvas.addEventListener('keydown', (e) => this.onKey(e));
  }

  private get frames(): number {
    return this.report?.format.frames ?? 0;
  }

  private get rate(): number {
    return this.report?.format.sampleRate ?? 48000;
  }

  setData(report: TakeReport, series: OverviewSeries, view?: FrameWindow): void {
    this.report = report;
    this.series = series;
    this.detail = undefined;
    this.view = view && view.end > view.start && view.end <= report.format.frames ? view : { start: 0, end: Math.max(1, report.format.frames) };
    this.canvas.setAttribute('aria-label', `Waveform of ${report.format.channels} channel(s), ${formatTime(report.format.durationSeconds)}; ${report.clipping.events.length} clipping run(s) marked`);
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
    this.draw();
  }

  get window(): FrameWindow {
    return this.view;
  }

  acceptWindow(id: number, slice: PeakSlice | null): void {
    if (id !== this.pendingId || !slice) return;
    this.detail = slice;
    this.draw();
  }

  /** VS Code switched themes: read the colours again and redraw. */
  themeChanged(): void {
    this.colours = undefined;
    this.draw();
  }

  setPlayhead(seconds: number | null): void {
    this.playhead = seconds;
    this.draw();
  }

  /** Keeps a playing playhead in view by paging along with it. */
  follow(seconds: number): void {
    const f = seconds * this.rate;
    if (f < this.view.start || f > this.view.end) this.centreOn(seconds);
  }

  centreOn(seconds: number): void {
    if (!this.report) return;
    this.setView(centreWindow(this.view, seconds * this.rate, this.frames));
  }

  zoom(factor: number, anchorFrame = (this.view.start + this.view.end) / 2): void {
    if (!this.report) return;
    this.setView(zoomWindow(this.view, factor, anchorFrame, this.frames, MIN_SPAN_FRAMES));
  }

  fit(): void {
    if (this.report) this.setView({ start: 0, end: this.frames });
  }

  private setView(v: FrameWindow): void {
    this.view = v;
    this.changed();
  }

  private changed(): void {
    this.host.viewChanged(this.view);
    this.requestDetailIfNeeded();
    this.draw();
  }

  private get width(): number {
    return Math.max(1, this.container.clientWidth);
  }

  /** The overview is coarser than a pixel column here: ask the host for a finer window. */
  private requestDetailIfNeeded(): void {
    const s = this.series;
    if (!s) return;
    const span = this.view.end - this.view.start;
    const columns = this.width;
    const needed = span / columns;
    if (s.overview.bucketFrames <= Math.max(needed, s.levels[0]?.bucketFrames ?? 1)) return;
    if (this.detail && this.detail.bucketFrames <= Math.max(needed, s.levels[0]?.bucketFrames ?? 1) && sliceCovers(this.detail, this.view, this.frames) && this.detail.bucketFrames * 4 > needed) return;
    clearTimeout(this.requestTimer);
    this.requestTimer = setTimeout(() => {
      const id = this.nextId++;
      this.pendingId = id;
      // A margin of half a screen each side keeps small pans smooth.
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

  private xOf(frame: number, width: number): number {
    return ((frame - this.view.start) / (this.view.end - this.view.start)) * width;
  }

  private frameAt(x: number): number {
    return this.view.start + (x / this.width) * (this.view.end - this.view.start);
  }

  draw(): void {
    const report = this.report;
    const width = this.width;
    const channels = report?.format.channels ?? 1;
    const laneH = channels > 8 ? 40 : channels > 4 ? 56 : 84;
    const height = MARKER_H + channels * laneH + AXIS_H;
    const dpr = window.devicePixelRatio || 1;
    this.canvas.style.height = `${height}px`;
    if (this.canvas.width !== Math.round(width * dpr) || this.canvas.height !== Math.round(height * dpr)) {
      this.canvas.width = Math.round(width * dpr);
      this.canvas.height = Math.round(height * dpr);
    }
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const c = (this.colours ??= canvasColours());
    ctx.fillStyle = c.bg;
    ctx.fillRect(0, 0, width, height);
    ctx.font = `11px ${c.font}`;
    if (!report) return;
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
      this.label(ctx, report.channels[ch]?.label ?? String(ch + 1), 4, top + 12, c.text, c.bg);
    }
    // Cue markers across every lane, labelled in the strip above them.
    ctx.strokeStyle = c.marker;
    ctx.fillStyle = c.marker;
    ctx.setLineDash([4, 3]);
    for (const m of report.metadata.markers) {
      const x = this.xOf(m.frame, width);
      if (x < 0 || x > width) continue;
      if (m.lengthFrames) {
        ctx.globalAlpha = 0.12;
        ctx.fillRect(x, MARKER_H, this.xOf(m.frame + m.lengthFrames, width) - x, channels * laneH);
        ctx.globalAlpha = 1;
      }
      ctx.beginPath();
      ctx.moveTo(Math.round(x) + 0.5, MARKER_H - 4);
      ctx.lineTo(Math.round(x) + 0.5, MARKER_H + channels * laneH);
      ctx.stroke();
      ctx.fillText(m.label ?? `#${m.id}`, x + 3, MARKER_H - 4);
    }
    ctx.setLineDash([]);
    this.drawAxis(ctx, width, MARKER_H + channels * laneH, c.grid, c.text);
    if (this.playhead !== null) {
      const x = this.xOf(this.playhead * this.rate, width);
      if (x >= 0 && x <= width) {
        ctx.strokeStyle = c.playhead;
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        ctx.moveTo(x, 0);
        ctx.lineTo(x, height - AXIS_H);
        ctx.stroke();
      }
    }
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
    const anchor = this.frameAt(e.offsetX);
    if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
      const d = (e.shiftKey ? e.deltaY : e.deltaX) / this.width;
      this.setView(panWindow(this.view, d * (this.view.end - this.view.start), this.frames));
    } else {
      this.zoom(e.deltaY > 0 ? 1.25 : 0.8, anchor);
    }
  }

  private onDown(e: PointerEvent): void {
    if (!this.report || e.button !== 0) return;
    this.canvas.setPointerCapture(e.pointerId);
    this.drag = { x: e.offsetX, view: this.view, moved: false };
  }

  private onMove(e: PointerEvent): void {
    const d = this.drag;
    if (!d) return;
    const dx = e.offsetX - d.x;
    if (Math.abs(dx) > 3) d.moved = true;
    if (d.moved) this.setView(panWindow(d.view, (-dx / this.width) * (d.view.end - d.view.start), this.frames));
  }

  private onUp(e: PointerEvent): void {
    const d = this.drag;
    this.drag = undefined;
    if (!d || d.moved || !this.report) return;
    this.host.seek(this.snap(e.offsetX) / this.rate);
  }

  /** The frame a click means: the start of a clipping run or marker under the pointer, or the pointer's own. */
  private snap(x: number): number {
    const report = this.report!;
    const width = this.width;
    const targets = [...report.clipping.events.map((c) => c.startFrame), ...report.metadata.markers.map((m) => m.frame), ...report.diagnosis.flatMap((d) => (d.startSeconds === undefined ? [] : [Math.round(d.startSeconds * this.rate)]))];
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

  private onKey(e: KeyboardEvent): void {
    const span = this.view.end - this.view.start;
    if (e.key === '+' || e.key === '=') this.zoom(0.5);
    else if (e.key === '-') this.zoom(2);
    else if (e.key === 'ArrowLeft') this.setView(panWindow(this.view, -span / 4, this.frames));
    else if (e.key === 'ArrowRight') this.setView(panWindow(this.view, span / 4, this.frames));
    else if (e.key === '0') this.fit();
    else return;
    e.preventDefault();
  }
}
