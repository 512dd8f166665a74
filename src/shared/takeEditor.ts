// Messages between the take editor's host (src/host/takeEditor*.ts) and its webview (take.main.ts).
// Both sides validate every message they receive: a webview is a separate page and a stale or
// mismatched bundle must not be able to confuse the other side.

import type { Db, PartialMeasurements } from '../core/analysis/types';
import type { FailedTake, TakeReport } from '../core/report';
import type { WavHeader } from '../core/wav/types';
import { settingDefault } from '../core/settings/schema';
import { isCount, isNum, isNumOrNull, isObj, isStr } from './guards';

/** What the view needs to know that is not in the report: where to play from, what to draw. */
export interface TakeViewSettings {
  /** headroom.targets.loudnessLufs; null when unset (the chart then shows the −23 LUFS reference). */
  loudnessTargetLufs: number | null;
  peakCeilingDbtp: number;
  /** headroom.converterReferenceDbu: 0 dBFS = +N dBu, for a take that belongs to no rig input. */
  converterReferenceDbu: number;
  /** headroom.takeEditor.clickToPlay: a click on the waveform or a finding plays from there (else it only moves the playhead). */
  clickToPlay: boolean;
}

/** What the view shows before the host's first message: the settings' defaults. */
export const DEFAULT_VIEW_SETTINGS: Readonly<TakeViewSettings> = {
  loudnessTargetLufs: settingDefault('targets.loudnessLufs'),
  peakCeilingDbtp: settingDefault('targets.peakCeilingDbtp'),
  converterReferenceDbu: settingDefault('converterReferenceDbu'),
  clickToPlay: settingDefault('takeEditor.clickToPlay'),
};

/**
 * A selection's own figures. A figure is absent until known; null is −∞ (silence), or, for the
 * loudness, a stretch too short or too quiet to be measured.
 */
export interface SelectionFigures {
  startFrame: number;
  endFrame: number;
  samplePeakDbfs?: Db;
  truePeakDbtp?: Db;
  rmsDbfs?: Db;
  integratedLufs?: Db;
  /** The worker has measured the selection: nothing more will come. */
  done: boolean;
  /** Why the selection could not be measured. */
  error?: string;
}

/** One pyramid level (or a slice of it): per channel interleaved [min0, max0, min1, max1, ...]. */
export interface PeakSlice {
  bucketFrames: number;
  /** Index of the first bucket of the slice in its level. */
  startBucket: number;
  minMax: Float32Array[];
}

/** The display series, bounded in size whatever the take's length. */
export interface OverviewSeries {
  /** Every level the host holds, finest first: the view asks for windows of them. */
  levels: { bucketFrames: number; buckets: number }[];
  /** The whole take at the finest level of at most MAX_OVERVIEW_BUCKETS buckets per channel. */
  overview: PeakSlice;
  shortTermLufs: Float32Array;
  stepSeconds: number;
}

export type HostToTake =
  /** A (re)start: the view drops what it shows and waits for the analysis. */
  | { type: 'start'; file: string; name: string; audioSrc: string; settings: TakeViewSettings }
  | { type: 'header'; header: WavHeader; sizeBytes: number | null }
  | { type: 'progress'; fraction: number; partial: PartialMeasurements | null }
  | { type: 'report'; report: TakeReport; series: OverviewSeries | null }
  | {
      type: 'rig';
      rig: TakeReport['rig'] | null;
      signalFlowSvg: string | null;
      /** The rig's converter alignment (0 dBFS = +N dBu) when the take belongs to one of its inputs. */ converterReferenceDbu: number | null;
    }
  | { type: 'failed'; failed: FailedTake }
  | { type: 'window'; id: number; slice: PeakSlice | null }
  /** Go to this time and show it (a finding chosen in the Problems panel). */
  | { type: 'reveal'; seconds: number; durationSeconds: number }
  /** The figures of the selection the view asked for with the same id (sent as they come in). */
  | { type: 'selection'; id: number; figures: SelectionFigures };

export type TakeToHost =
  /** Sent when the page loads (first time or after being hidden): the host re-sends its state. */
  | { type: 'ready' }
  /** The peaks of frames [startFrame, endFrame) at the finest level with at most maxBuckets buckets. */
  | { type: 'window'; id: number; startFrame: number; endFrame: number; maxBuckets: number }
  /** Measure frames [startFrame, endFrame); a later request replaces it. */
  | { type: 'selection'; id: number; startFrame: number; endFrame: number }
  /** The last 'reveal' has been shown: a reloaded view must not jump there again. */
  | { type: 'revealed' };

/** Overview levels are capped at this many buckets per channel (about 64 KB per channel). */
export const MAX_OVERVIEW_BUCKETS = 8192;
/** A window request never gets more than this many buckets per channel. */
export const MAX_WINDOW_BUCKETS = 16384;

export function isPeakSlice(v: unknown): v is PeakSlice {
  if (!isObj(v) || !isCount(v.bucketFrames) || v.bucketFrames < 1 || !isCount(v.startBucket) || !Array.isArray(v.minMax)) return false;
  const arrays = v.minMax as unknown[];
  if (!arrays.every((a) => a instanceof Float32Array && a.length % 2 === 0)) return false;
  // Every channel covers the same buckets.
  return arrays.every((a) => (a as Float32Array).length === (arrays[0] as Float32Array).length);
}

function isOverviewSeries(v: unknown): v is OverviewSeries {
  if (!isObj(v) || !Array.isArray(v.levels) || !isPeakSlice(v.overview) || !isNum(v.stepSeconds) || v.stepSeconds <= 0) return false;
  if (!(v.shortTermLufs instanceof Float32Array)) return false;
  return (v.levels as unknown[]).every((l) => isObj(l) && isCount(l.bucketFrames) && l.bucketFrames >= 1 && isCount(l.buckets));
}

function isSettings(v: unknown): v is TakeViewSettings {
  return isObj(v) && isNumOrNull(v.loudnessTargetLufs) && isNum(v.peakCeilingDbtp) && isNum(v.converterReferenceDbu) && typeof v.clickToPlay === 'boolean';
}

function isSelectionFigures(v: unknown): v is SelectionFigures {
  if (!isObj(v) || !isCount(v.startFrame) || !isCount(v.endFrame) || v.endFrame <= v.startFrame || typeof v.done !== 'boolean') return false;
  const figure = (x: unknown) => x === undefined || isNumOrNull(x);
  return figure(v.samplePeakDbfs) && figure(v.truePeakDbtp) && figure(v.rmsDbfs) && figure(v.integratedLufs) && (v.error === undefined || isStr(v.error));
}

function isHeader(v: unknown): v is WavHeader {
  if (!isObj(v) || !isObj(v.format) || !isObj(v.metadata) || !Array.isArray(v.warnings)) return false;
  const f = v.format;
  return isCount(f.channels) && isNum(f.sampleRate) && isCount(f.frames) && Array.isArray(f.channelLabels) && Array.isArray(v.metadata.markers);
}

function isReport(v: unknown): v is TakeReport {
  if (!isObj(v) || !isStr(v.file) || !isObj(v.format) || !Array.isArray(v.channels) || !isObj(v.overall) || !isObj(v.loudness)) return false;
  if (!isObj(v.clipping) || !Array.isArray(v.clipping.events) || !Array.isArray(v.clipping.overs) || !Array.isArray(v.findings)) return false;
  return isObj(v.metadata) && Array.isArray(v.metadata.markers) && isSuggestedGain(v.suggestedGain);
}

function isSuggestedGain(v: unknown): boolean {
  if (!isObj(v) || !isNumOrNull(v.gainDb) || typeof v.atLeast !== 'boolean' || !isObj(v.byTarget)) return false;
  const limitOk = v.limit === null || (isObj(v.limit) && isStr(v.limit.by) && isStr(v.limit.line));
  const targetOk = v.target === null || (isObj(v.target) && isStr(v.target.text) && isNum(v.target.valueDb));
  return limitOk && targetOk;
}

function isPartial(v: unknown): v is PartialMeasurements {
  return isObj(v) && isCount(v.framesDone) && Array.isArray(v.channels) && isNumOrNull(v.momentaryMaxLufs) && isNumOrNull(v.shortTermMaxLufs);
}

function isRig(v: unknown): v is NonNullable<TakeReport['rig']> {
  return (
    isObj(v) &&
    isStr(v.file) &&
    isStr(v.input) &&
    Array.isArray(v.advice) &&
    (v.advice as unknown[]).every((a) => isObj(a) && isStr(a.message) && isStr(a.code) && isStr(a.severity)) &&
    (v.action === null || isStr(v.action)) &&
    isObj(v.recorded)
  );
}

export function isHostToTake(m: unknown): m is HostToTake {
  if (!isObj(m)) return false;
  switch (m.type) {
    case 'start':
      return isStr(m.file) && isStr(m.name) && isStr(m.audioSrc) && isSettings(m.settings);
    case 'header':
      return isHeader(m.header) && isNumOrNull(m.sizeBytes);
    case 'progress':
      return isNum(m.fraction) && m.fraction >= 0 && m.fraction <= 1 && (m.partial === null || isPartial(m.partial));
    case 'report':
      return isReport(m.report) && (m.series === null || isOverviewSeries(m.series));
    case 'rig':
      return (m.rig === null || isRig(m.rig)) && (m.signalFlowSvg === null || isStr(m.signalFlowSvg)) && isNumOrNull(m.converterReferenceDbu);
    case 'failed':
      return (
        isObj(m.failed) &&
        isStr(m.failed.file) &&
        isObj(m.failed.error) &&
        isStr(m.failed.error.message) &&
        isStr(m.failed.error.code) &&
        Array.isArray(m.failed.findings)
      );
    case 'window':
      return isCount(m.id) && (m.slice === null || isPeakSlice(m.slice));
    case 'reveal':
      return isNum(m.seconds) && m.seconds >= 0 && isNum(m.durationSeconds) && m.durationSeconds >= 0;
    case 'selection':
      return isCount(m.id) && isSelectionFigures(m.figures);
    default:
      return false;
  }
}

export function isTakeToHost(m: unknown): m is TakeToHost {
  if (!isObj(m)) return false;
  switch (m.type) {
    case 'ready':
    case 'revealed':
      return true;
    case 'window':
      return isCount(m.id) && isCount(m.startFrame) && isCount(m.endFrame) && m.endFrame > m.startFrame && isCount(m.maxBuckets) && m.maxBuckets >= 1;
    case 'selection':
      return isCount(m.id) && isCount(m.startFrame) && isCount(m.endFrame) && m.endFrame > m.startFrame;
    default:
      return false;
  }
}
