// One take open in the take editor (shared by every editor tab on the same file): runs its analysis
// through the take store (worker pool), keeps what the views need to redraw (they are not retained
// when hidden), answers zoom requests from the pyramid, and re-analyses when the file, the analysis
// settings or the rig change.

import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { isAbortError } from '../core/abort';
import type { TakeSeries } from '../core/analysis/types';
import { signalFlowSvg } from '../core/diagram/signalFlow';
import { adviseInput } from '../core/gainstage/advice';
import { isFailed, type TakeReport } from '../core/report';
import { openWav } from '../node/byteSource';
import type { WavHeader } from '../core/wav/types';
import { exactPeakFromLevel, overviewSeries, windowSlice } from '../shared/pyramidWindow';
import type { HostToTake, TakeToHost } from '../shared/takeEditor';
import { Disposable } from './dispose';
import type { RigIndex } from './rigIndex';
import { optionsKey } from './takeCache';
import type { TakeStore } from './takeStore';

type Msg<T extends HostToTake['type']> = Extract<HostToTake, { type: T }>;

/** A recorder writes in bursts: wait for it to pause before reading the file again. */
const REANALYZE_DELAY_MS = 500;

async function fileStamp(uri: vscode.Uri): Promise<{ stamp: string; size: number | null }> {
  try {
    const s = await stat(uri.fsPath);
    return { stamp: `${s.size}:${s.mtimeMs}`, size: s.size };
  } catch {
    return { stamp: 'missing', size: null };
  }
}

/** The take's header, or undefined for a file that cannot be read (the analysis reports why). */
async function readHeader(uri: vscode.Uri): Promise<WavHeader | undefined> {
  try {
    const reader = await openWav(uri.fsPath);
    await reader.close();
    return reader.header;
  } catch {
    return undefined;
  }
}

export class TakeSession extends Disposable {
  private readonly emitter = this._register(new vscode.EventEmitter<HostToTake>());
  /** Messages for every open view of this take, as they happen (a view that loads later asks for snapshot()). */
  readonly onMessage = this.emitter.event;
  private controller: AbortController | undefined;
  private started = false;
  private header: Msg<'header'> | undefined;
  private progress: Msg<'progress'> | undefined;
  private report: TakeReport | undefined;
  private series: TakeSeries | undefined;
  private failed: Msg<'failed'> | undefined;
  private rig: Msg<'rig'> = { type: 'rig', rig: null, signalFlowSvg: null, converterReferenceDbu: null };
  /** The host's own read of the header, under way or done. */
  private headerRead: Promise<void> = Promise.resolve();
  /** A time to show (a finding chosen in the Problems panel), kept until a view has shown it. */
  private reveal: Msg<'reveal'> | undefined;
  /** File stamp and options the shown result was computed from: a change of either re-analyses. */
  private analyzed: { stamp: string; size: number | null; options: string } = { stamp: '', size: null, options: '' };
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly uri: vscode.Uri,
    private readonly store: TakeStore,
    private readonly rigs: RigIndex,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    const folder = vscode.Uri.joinPath(uri, '..');
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, basename(uri.fsPath))));
    const later = () => this.checkLater();
    this._register(watcher.onDidChange(later));
    this._register(watcher.onDidCreate(later));
    this._register(
      store.onDidChange((uris) => {
        if (uris.length === 0 || uris.some((u) => u.toString() === uri.toString())) later();
      }),
    );
    this._register(rigs.onDidChange(() => this.refreshRig()));
  }

  /** Starts the first analysis; later calls (more tabs on the same file) do nothing. */
  start(): void {
    if (this.started) return;
    this.started = true;
    void this.run();
  }

  /** What a view that just loaded needs to show the current state, `audioSrc` being its own. */
  snapshot(audioSrc: string): HostToTake[] {
    const out: HostToTake[] = [this.startMessage(audioSrc)];
    if (this.header) out.push(this.header);
    if (this.failed) return [...out, this.failed];
    out.push(this.rig);
    if (this.report) out.push({ type: 'report', report: this.report, series: this.series ? overviewSeries(this.series) : null });
    else if (this.progress) out.push(this.progress);
    if (this.reveal) out.push(this.reveal);
    return out;
  }

  /**
   * What a new view's page is built with, so that its first paint shows the take's header: the start
   * message and the header when the host reads it within `waitMs` (a slow disk must not hold the editor up).
   */
  async initialMessages(audioSrc: string, waitMs = 250): Promise<HostToTake[]> {
    await Promise.race([this.headerRead, new Promise((r) => setTimeout(r, waitMs))]);
    return this.header ? [this.startMessage(audioSrc), this.header] : [this.startMessage(audioSrc)];
  }

  /** Shows a time in every view of this take (and in a view that opens later, until one has shown it). */
  revealTime(seconds: number, durationSeconds: number): void {
    this.reveal = { type: 'reveal', seconds, durationSeconds };
    this.emit(this.reveal);
  }

  /** A view has shown the time it was sent. */
  revealed(): void {
    this.reveal = undefined;
  }

  /**
   * The figures of frames [startFrame, endFrame), each call of `post` adding what is known: the
   * sample peak at once when the pyramid settles it, then everything the worker measures.
   */
  async measureSelection(req: Extract<TakeToHost, { type: 'selection' }>, post: (m: Msg<'selection'>) => void, signal: AbortSignal): Promise<void> {
    const frames = this.report?.format.frames;
    if (frames === undefined) return;
    const startFrame = Math.min(req.startFrame, frames - 1);
    const endFrame = Math.min(Math.max(req.endFrame, startFrame + 1), frames);
    const finest = this.series?.pyramid[0];
    const peak = finest ? exactPeakFromLevel(finest, startFrame, endFrame, frames) : undefined;
    post({
      type: 'selection',
      id: req.id,
      figures: { startFrame, endFrame, done: false, ...(peak === undefined ? {} : { samplePeakDbfs: peak > 0 ? 20 * Math.log10(peak) : null }) },
    });
    try {
      const result = await this.store.analyzeRange(this.uri, { startFrame, endFrame }, signal);
      if (signal.aborted) return;
      if (isFailed(result)) {
        post({ type: 'selection', id: req.id, figures: { startFrame, endFrame, done: true, error: result.error.message } });
        return;
      }
      const { overall, loudness } = result;
      post({
        type: 'selection',
        id: req.id,
        figures: {
          startFrame,
          endFrame,
          done: true,
          samplePeakDbfs: overall.samplePeakDbfs,
          truePeakDbtp: overall.truePeakDbtp,
          rmsDbfs: overall.rmsDbfs,
          integratedLufs: loudness.integratedLufs,
        },
      });
    } catch (err) {
      if (!isAbortError(err)) post({ type: 'selection', id: req.id, figures: { startFrame, endFrame, done: true, error: (err as Error).message } });
    }
  }

  /** The peaks a zoomed view asked for, from the finest level that fits its size. */
  window(req: Extract<TakeToHost, { type: 'window' }>): Msg<'window'> {
    return { type: 'window', id: req.id, slice: this.series ? windowSlice(this.series.pyramid, req.startFrame, req.endFrame, req.maxBuckets) : null };
  }

  startMessage(audioSrc: string): Msg<'start'> {
    const t = this.store.settings.analysis.targets;
    const { converterReferenceDbu, clickToPlay } = this.store.settings;
    return {
      type: 'start',
      file: this.uri.fsPath,
      name: basename(this.uri.fsPath),
      audioSrc,
      settings: { loudnessTargetLufs: t.loudnessLufs, peakCeilingDbtp: t.ceilingDbtp, converterReferenceDbu, clickToPlay },
    };
  }

  private emit(m: HostToTake): void {
    this.emitter.fire(m);
  }

  private async run(): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.header = this.progress = this.failed = this.report = this.series = undefined;
    // The header from here, at once (read while the file is stat'ed): the worker pool may still be
    // starting, and the view shows the take's format while the figures come.
    // It goes out after the start message, which resets the views.
    let started = () => {};
    const afterStart = new Promise<void>((r) => (started = r));
    this.headerRead = Promise.all([readHeader(this.uri), afterStart]).then(([h]) => {
      if (!h || controller !== this.controller || this.header) return;
      this.header = { type: 'header', header: h, sizeBytes: this.analyzed.size };
      this.emit(this.header);
    });
    this.analyzed = { ...(await fileStamp(this.uri)), options: optionsKey(this.store.settings.analysis) };
    started();
    if (controller !== this.controller) return;
    // '' stands for each view's own audio address, which the editor fills in.
    this.emit(this.startMessage(''));
    this.refreshRig();
    try {
      const { result, series } = await this.store.analyze(this.uri, {
        wantSeries: true,
        signal: controller.signal,
        onProgress: (p) => {
          if (controller !== this.controller) return;
          if (p.header && !this.header) {
            this.header = { type: 'header', header: p.header, sizeBytes: this.analyzed.size };
            this.emit(this.header);
          }
          if (p.partial || !p.header) {
            this.progress = { type: 'progress', fraction: Math.min(1, Math.max(0, p.fraction)), partial: p.partial ?? null };
            this.emit(this.progress);
          }
        },
      });
      if (controller !== this.controller) return;
      if (isFailed(result)) {
        this.failed = { type: 'failed', failed: result };
        this.emit(this.failed);
        return;
      }
      this.report = result;
      this.series = series;
      // The rig's advice first, so the finished view never shows the input without it.
      this.refreshRig();
      this.emit({ type: 'report', report: result, series: series ? overviewSeries(series) : null });
    } catch (err) {
      if (isAbortError(err) || controller !== this.controller) return;
      this.failed = {
        type: 'failed',
        failed: { file: this.uri.fsPath, error: { code: 'internal', message: `${basename(this.uri.fsPath)}: ${(err as Error).message}` }, findings: [] },
      };
      this.emit(this.failed);
    } finally {
      if (controller === this.controller) this.controller = undefined;
    }
  }

  /** The rig's advice and the signal flow of the take's input, after any rig edit. */
  private refreshRig(): void {
    const targets = this.store.settings.analysis.targets;
    const advised = this.report ? this.rigs.advise(this.uri, this.report, targets) : undefined;
    if (this.report) this.report = advised?.report ?? (this.rigs.attach(this.uri, this.report, targets) as TakeReport);
    const match = advised?.match ?? this.rigs.match(this.uri);
    let svg: string | null = null;
    let reference: number | null = null;
    if (match) {
      try {
        // With the take: its chain at today's settings from the source level it implies, and its one number.
        // Before the analysis ends: the chain the rig predicts, and the rig's number.
        const a = advised?.advice ?? adviseInput(match.rig, match.input, targets);
        svg = signalFlowSvg(a.evaluation, {
          title: `${match.input.name} (${basename(match.rigUri.fsPath)})`,
          measuredPeakDbfs: this.report?.overall.truePeakDbtp ?? this.report?.overall.samplePeakDbfs ?? null,
          advice: { suggested: a.suggested, action: a.action },
        });
        reference = a.evaluation.stages.find((st) => st.stage === 'preamp-output')?.fullScaleDbu ?? null;
      } catch (err) {
        this.log.warn(`no signal flow for ${match.input.name}: ${(err as Error).message}`);
      }
    }
    // Before the analysis ends the input is known but its advice (which needs the measured take) is not.
    const rig = this.report
      ? (this.report.rig ?? null)
      : match
        ? {
            file: match.rigUri.fsPath,
            input: match.input.id,
            advice: [],
            action: null,
            recorded: { fromRecord: false, changedSince: false, changeSinceDb: null },
          }
        : null;
    this.rig = { type: 'rig', rig, signalFlowSvg: svg, converterReferenceDbu: reference };
    this.emit(this.rig);
  }

  private checkLater(): void {
    if (!this.started) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.reanalyzeIfStale(), REANALYZE_DELAY_MS);
  }

  private async reanalyzeIfStale(): Promise<void> {
    const options = optionsKey(this.store.settings.analysis);
    const { stamp } = await fileStamp(this.uri);
    if (stamp !== this.analyzed.stamp || options !== this.analyzed.options) void this.run();
  }

  override dispose(): void {
    clearTimeout(this.timer);
    this.controller?.abort();
    this.controller = undefined;
    super.dispose();
  }
}
