// Text for every figure the take editor shows, and the per-channel figures from either a running
// analysis (partial: some figures not known yet) or the final report. Pure, tested in Node.

import { dbfsToDbu } from '../../core/gainstage/units';
import type { Db, PartialMeasurements } from '../../core/analysis/types';
import { formatDb, formatOptional, formatTime, NOT_AVAILABLE } from '../../core/format';
import type { TakeReport } from '../../core/report';

/** undefined: not known yet (the analysis is still running). */
export type Pending<T> = T | undefined;

export interface ChannelFigures {
  index: number;
  label: string;
  samplePeakDbfs: Pending<Db>;
  truePeakDbtp: Pending<Db>;
  rmsDbfs: Pending<Db>;
  crestFactorDb: Pending<Db>;
  dcOffset: Pending<number>;
  noiseFloorDbfs: Pending<Db>;
  clippedSamples: Pending<number>;
}

export interface OverallFigures {
  samplePeakDbfs: Pending<Db>;
  truePeakDbtp: Pending<Db>;
  rmsDbfs: Pending<Db>;
  clippedSamples: Pending<number>;
  integratedLufs: Pending<Db>;
  loudnessRangeLu: Pending<number | null>;
  shortTermMaxLufs: Pending<Db>;
  momentaryMaxLufs: Pending<Db>;
}

export function channelFiguresFromReport(r: TakeReport): ChannelFigures[] {
  return r.channels.map((c) => ({
    index: c.index,
    label: c.label,
    samplePeakDbfs: c.samplePeakDbfs,
    truePeakDbtp: c.truePeakDbtp,
    rmsDbfs: c.rmsDbfs,
    crestFactorDb: c.crestFactorDb,
    dcOffset: c.dcOffset,
    noiseFloorDbfs: c.noiseFloorDbfs,
    clippedSamples: c.clippedSamples,
  }));
}

export function channelFiguresFromPartial(p: PartialMeasurements): ChannelFigures[] {
  return p.channels.map((c) => ({
    index: c.index,
    label: c.label,
    samplePeakDbfs: c.samplePeakDbfs,
    truePeakDbtp: c.truePeakDbtp,
    rmsDbfs: c.rmsDbfs,
    crestFactorDb: undefined,
    dcOffset: undefined,
    noiseFloorDbfs: undefined,
    clippedSamples: c.clippedSamples,
  }));
}

export function overallFromReport(r: TakeReport): OverallFigures {
  return {
    samplePeakDbfs: r.overall.samplePeakDbfs,
    truePeakDbtp: r.overall.truePeakDbtp,
    rmsDbfs: r.overall.rmsDbfs,
    clippedSamples: r.overall.clippedSamples,
    integratedLufs: r.loudness.integratedLufs,
    loudnessRangeLu: r.loudness.loudnessRangeLu,
    shortTermMaxLufs: r.loudness.shortTermMaxLufs,
    momentaryMaxLufs: r.loudness.momentaryMaxLufs,
  };
}

const maxDb = (xs: Db[]): Db => xs.reduce<Db>((m, x) => (x === null ? m : m === null ? x : Math.max(m, x)), null);

/** Running overall figures: the loudest channel's peaks so far, total clipped samples, loudness maxima. */
export function overallFromPartial(p: PartialMeasurements): OverallFigures {
  return {
    samplePeakDbfs: maxDb(p.channels.map((c) => c.samplePeakDbfs)),
    truePeakDbtp: maxDb(p.channels.map((c) => c.truePeakDbtp)),
    rmsDbfs: undefined,
    clippedSamples: p.channels.reduce((n, c) => n + c.clippedSamples, 0),
    integratedLufs: undefined,
    loudnessRangeLu: undefined,
    shortTermMaxLufs: p.shortTermMaxLufs,
    momentaryMaxLufs: p.momentaryMaxLufs,
  };
}

/** A level with its unit; "…" while pending, −∞ for silence. */
export function levelText(v: Pending<Db>, unit: string): string {
  return v === undefined ? '…' : formatDb(v, unit);
}

/** A figure that can have no value (crest factor, noise floor, LRA); "…" while pending, "n/a" for none. */
export function optionalText(v: Pending<number | null>, unit: string): string {
  return v === undefined ? '…' : formatOptional(v, unit);
}

/** Where the converter's full scale sits in the analog domain, and who says so. */
export interface ConverterAlignment {
  /** 0 dBFS = +N dBu. */
  referenceDbu: number;
  /** "the rig" or the setting's name. */
  from: string;
}

/** A digital level as the analog level at the converter's input ("+18.0 dBu"); "…" while pending. */
export function analogText(v: Pending<Db>, c: ConverterAlignment): string {
  if (v === undefined) return '…';
  if (v === null || !Number.isFinite(v)) return NOT_AVAILABLE;
  const dbu = dbfsToDbu(v, c.referenceDbu);
  return `${dbu > 0 ? '+' : ''}${dbu.toFixed(1)} dBu`;
}

/** DC offset as a signed fraction of full scale and in percent. */
export function dcText(v: Pending<number>): string {
  if (v === undefined) return '…';
  const sign = v > 0 ? '+' : v < 0 ? '−' : '';
  return `${sign}${Math.abs(v).toFixed(5)} (${sign}${Math.abs(v * 100).toFixed(3)} %)`;
}

export function countText(v: Pending<number>): string {
  return v === undefined ? '…' : v.toLocaleString('en-US');
}

export function gainText(db: number | null): string {
  if (db === null) return 'n/a';
  return `${db > 0 ? '+' : db < 0 ? '−' : '±'}${Math.abs(db).toFixed(1)} dB`;
}

/** A selection's span: "0:01.000–0:02.500 (1.500 s)". */
export function selectionSpanText(startSeconds: number, endSeconds: number): string {
  return `${formatTime(startSeconds)}–${formatTime(endSeconds)} (${(endSeconds - startSeconds).toFixed(3)} s)`;
}

/** Integrated loudness needs one 400 ms gating block: a shorter selection has none. */
export const MIN_LOUDNESS_SECONDS = 0.4;

/** A selection's loudness: "n/a (under 0.4 s)" when it is too short to have one. */
export function selectionLoudnessText(v: Pending<Db>, seconds: number): string {
  if (seconds < MIN_LOUDNESS_SECONDS) return `n/a (under ${MIN_LOUDNESS_SECONDS} s)`;
  return levelText(v, 'LUFS');
}
