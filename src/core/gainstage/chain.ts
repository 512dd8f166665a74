// One input's signal chain, evaluated stage by stage: source -> mic (and its pad) -> inline devices
// -> interface pad -> preamp -> converter -> recorded dBFS. Every stage gets its level, the headroom
// it has left, the level that reads 0 dBFS there, and a risk; the first stage to run out of headroom
// is named. The formulae are docs/gain-model.md's ("The chain"); each is one line here.

import { needsPhantom } from './catalogue';
import type { ChainDevice, FullScaleBasis, InputKind, KindSpec, MicSpec } from './types';
import { micOutputDbu, powerSumDb } from './units';

export type ChainSource =
  { kind: 'mic'; mic: MicSpec; peakSplDb: number; averageSplDb?: number } | { kind: 'line' | 'instrument'; peakDbu: number; averageDbu?: number };

/** What is switched and set on one input: the part of a chain that changes between takes. */
export interface ChainSettings {
  /** The interface input kind in use. */
  kind: InputKind;
  /** Preamp gain (dB); 0 on inputs without gain control. */
  gainDb: number;
  /** The interface's pad, engaged (dB) or 0. */
  padDb: number;
  /** The mic's own pad, engaged (dB) or 0. */
  micPadDb: number;
  /** Inline devices from the source to the interface, each at its setting. */
  devices: ChainDevice[];
  /** 48 V on at the interface input. */
  phantom: boolean;
}

export interface ChainInput {
  source: ChainSource;
  settings: ChainSettings;
  /** The interface's published figures for `settings.kind`. */
  spec: KindSpec;
  float32: boolean;
  /** 0 dBFS = +N dBu at the converter (after the preamp's gain), when set explicitly. */
  referenceDbu: { dbu: number; basis: Exclude<FullScaleBasis, 'published'> } | null;
  /** A noise floor above this (dBFS) makes the converter stage "noisy". */
  maxNoiseFloorDbfs: number;
}

/** 'dead': no signal reaches this stage; its level is what it would carry once the cause is fixed. */
export type Risk = 'ok' | 'hot' | 'clip' | 'noisy' | 'unknown' | 'dead';

export type StageId = 'source' | 'mic' | 'device' | 'pad' | 'preamp-input' | 'preamp-output' | 'converter';

export interface StageLevel {
  stage: StageId;
  /** The device's name on device stages. */
  label?: string;
  /** Peak level at this stage: dB SPL for an acoustic source, dBu for analog stages, dBFS at the converter (null when its full scale is unknown). */
  peak: number | null;
  unit: 'dB SPL' | 'dBu' | 'dBFS';
  /** dB left before this stage clips; null where the limit is unknown or there is none. */
  headroomDb: number | null;
  risk: Risk;
  /** On analog stages, the level here (dBu) that reads 0 dBFS; null elsewhere or when the full scale is unknown. */
  fullScaleDbu: number | null;
  /** Where the full scale comes from; null when unknown. */
  basis: FullScaleBasis | null;
  /** The gain this stage applies (dB; a pad is negative): the mic's pad, a device, the interface pad, the preamp. */
  gainDb?: number;
  /** Why the stage is in its state when the numbers alone do not say, e.g. "no 48 V: no output". */
  note?: string;
}

/** Each noise source referred to the converter (dBFS), null when not published. */
export interface NoiseParts {
  /** The mic's self-noise through the chain. */
  source: number | null;
  /** The inline devices' own noise (EIN plus their gain). */
  devices: number | null;
  /** The interface preamp's EIN at the set gain (mic inputs). */
  preamp: number | null;
  /** The converter and line stage: minus the input kind's published dynamic range. */
  converter: number | null;
}

export interface ChainEvaluation {
  stages: StageLevel[];
  /** The first stage whose headroom is below 0 dB, or null. */
  clipsFirst: StageLevel | null;
  /** Null when the converter's full scale is unknown (nothing published, no override). */
  recordedPeakDbfs: number | null;
  recordedAverageDbfs: number | null;
  /** The dBu at the preamp's input that reads 0 dBFS at the set gain, and where that comes from. */
  fullScale: { dbu: number; basis: FullScaleBasis } | null;
  /** Every known noise source summed as powers (dBFS). */
  noiseFloorDbfs: number | null;
  noise: NoiseParts;
  /** From the noise floor to the first clipping point (dB); never more than the published dynamic range. */
  usableDynamicRangeDb: number | null;
  /** dB the chain adds between the source's output and the preamp's output (pads, devices, gain). */
  chainGainDb: number;
  /** Why nothing reaches the converter (e.g. "no 48 V phantom power: the mic gives no output"), or null. */
  noSignal: string | null;
}

/** A stage within this many dB of its limit is "hot". */
export const HOT_MARGIN_DB = 3;

function risk(headroom: number | null): Risk {
  if (headroom === null) return 'unknown';
  if (headroom < 0) return 'clip';
  if (headroom < HOT_MARGIN_DB) return 'hot';
  return 'ok';
}

/**
 * The dBu at the preamp's input that reads 0 dBFS at gain g:
 *   published: maxInputDbu - (g - minGain)   (the maker's maximum at minimum gain, less the gain added)
 *   override:  referenceDbu - g              (0 dBFS = +N dBu after the preamp)
 * A published maximum with an unpublished gain range counts gain from 0 (basis "assumed").
 */
export function fullScaleAtPreampInput(spec: KindSpec, gainDb: number, referenceDbu: ChainInput['referenceDbu']): ChainEvaluation['fullScale'] {
  if (referenceDbu) return { dbu: referenceDbu.dbu - gainDb, basis: referenceDbu.basis };
  if (spec.maxInputDbu === null) return null;
  if (spec.gainRangeDb === null) return { dbu: spec.maxInputDbu - gainDb, basis: 'assumed' };
  return { dbu: spec.maxInputDbu - (gainDb - spec.gainRangeDb[0]), basis: 'published' };
}

/** Where phantom power reaches, walking back from the interface: which devices and whether the mic get it. */
function phantomReach(settings: ChainSettings): { devicePowered: boolean[]; micPowered: boolean } {
  let power = settings.phantom;
  const devicePowered: boolean[] = new Array(settings.devices.length);
  for (let i = settings.devices.length - 1; i >= 0; i--) {
    const d = settings.devices[i]!.spec;
    devicePowered[i] = power;
    power = power && d.passesPhantom;
  }
  return { devicePowered, micPowered: power };
}

/** 48 V reaches the mic (through every device between). */
export const phantomAtMic = (settings: ChainSettings): boolean => phantomReach(settings).micPowered;

export function evaluateChain(input: ChainInput): ChainEvaluation {
  const { source, settings, spec } = input;
  const stages: StageLevel[] = [];
  let noSignal: string | null = null;
  let deadFrom = -1;
  const markDead = (why: string) => {
    if (noSignal === null) {
      noSignal = why;
      deadFrom = stages.length - 1;
    }
  };
  const reach = phantomReach(settings);

  // Source and mic: output (dBu) = sensitivity (dBV/Pa) + (SPL - 94) + 2.2185, less the mic's pad.
  let peak: number;
  let average: number | null;
  let noiseDbu: number | null = null;
  let deviceNoiseDbu: number | null = null;
  if (source.kind === 'mic') {
    const { mic } = source;
    const pad = mic.pads?.find((p) => p.db === settings.micPadDb);
    // A pad usually lets the mic take more level; where its figure is not published, the unpadded one holds.
    const maxSpl = settings.micPadDb > 0 && pad?.maxSplDb != null ? pad.maxSplDb : mic.maxSplDb;
    const micHeadroom = maxSpl === null ? null : maxSpl - source.peakSplDb;
    stages.push({ stage: 'source', peak: source.peakSplDb, unit: 'dB SPL', headroomDb: micHeadroom, risk: risk(micHeadroom), fullScaleDbu: null, basis: null });
    peak = micOutputDbu(mic.sensitivityDbvPa, source.peakSplDb) - settings.micPadDb;
    average = source.averageSplDb === undefined ? null : micOutputDbu(mic.sensitivityDbvPa, source.averageSplDb) - settings.micPadDb;
    if (mic.selfNoiseDbA !== null) noiseDbu = micOutputDbu(mic.sensitivityDbvPa, mic.selfNoiseDbA) - settings.micPadDb;
    stages.push({
      stage: 'mic',
      peak,
      unit: 'dBu',
      headroomDb: micHeadroom,
      risk: risk(micHeadroom),
      fullScaleDbu: null,
      basis: null,
      gainDb: -settings.micPadDb,
    });
    if (needsPhantom(mic.type) && !reach.micPowered) {
      stages[stages.length - 1]!.note = 'no 48 V: no output';
      markDead(`no 48 V phantom power reaches the ${mic.type === 'condenser' ? 'condenser' : 'active ribbon'}: the mic gives no output`);
    }
  } else {
    peak = source.peakDbu;
    average = source.averageDbu ?? null;
    stages.push({ stage: 'source', peak, unit: 'dBu', headroomDb: null, risk: 'ok', fullScaleDbu: null, basis: null });
  }

  // Inline devices: level out = level in + gain; a device's own noise enters at its input.
  for (const [i, { spec: d, gainDb }] of settings.devices.entries()) {
    const inHeadroom = d.maxInputDbu === null ? null : d.maxInputDbu - peak;
    if (d.einDbu !== null) deviceNoiseDbu = deviceNoiseDbu === null ? d.einDbu : powerSumDb(deviceNoiseDbu, d.einDbu);
    peak += gainDb;
    if (average !== null) average += gainDb;
    if (noiseDbu !== null) noiseDbu += gainDb;
    if (deviceNoiseDbu !== null) deviceNoiseDbu += gainDb;
    const outHeadroom = d.maxOutputDbu === null ? null : d.maxOutputDbu - peak;
    const headroom = inHeadroom === null ? outHeadroom : outHeadroom === null ? inHeadroom : Math.min(inHeadroom, outHeadroom);
    stages.push({ stage: 'device', label: d.name, peak, unit: 'dBu', headroomDb: headroom, risk: risk(headroom), fullScaleDbu: null, basis: null, gainDb });
    if (d.needsPhantom && !reach.devicePowered[i]) {
      stages[stages.length - 1]!.note = 'no 48 V: no output';
      markDead(`no 48 V phantom power reaches the ${d.name}: it passes no signal`);
    }
  }

  // The interface: pad, then the preamp's input limit (its maximum at minimum gain), then the gain.
  peak -= settings.padDb;
  if (average !== null) average -= settings.padDb;
  if (noiseDbu !== null) noiseDbu -= settings.padDb;
  if (deviceNoiseDbu !== null) deviceNoiseDbu -= settings.padDb;
  stages.push({ stage: 'pad', peak, unit: 'dBu', headroomDb: null, risk: 'ok', fullScaleDbu: null, basis: null, gainDb: -settings.padDb });
  const inputHeadroom = spec.maxInputDbu === null ? null : spec.maxInputDbu - peak;
  stages.push({ stage: 'preamp-input', peak, unit: 'dBu', headroomDb: inputHeadroom, risk: risk(inputHeadroom), fullScaleDbu: null, basis: null });
  const fs = settings.kind === 'digital' && !input.referenceDbu ? null : fullScaleAtPreampInput(spec, settings.gainDb, input.referenceDbu);
  stages.push({
    stage: 'preamp-output',
    peak: peak + settings.gainDb,
    unit: 'dBu',
    headroomDb: null,
    risk: 'ok',
    fullScaleDbu: null,
    basis: null,
    gainDb: settings.gainDb,
  });
  const recordedPeak = fs === null ? null : peak - fs.dbu;
  const recordedAverage = fs === null || average === null ? null : average - fs.dbu;
  // A 32-bit float file does not clip at 0 dBFS: only the analog stages before it can.
  const convHeadroom = recordedPeak === null || input.float32 ? null : -recordedPeak;
  const conv: StageLevel = {
    stage: 'converter',
    peak: recordedPeak,
    unit: 'dBFS',
    headroomDb: convHeadroom,
    risk: recordedPeak === null ? 'unknown' : input.float32 ? 'ok' : risk(convHeadroom),
    fullScaleDbu: null,
    basis: fs?.basis ?? null,
  };
  if (recordedPeak === null) conv.note = settings.kind === 'digital' ? 'external converter: alignment unknown' : 'full scale not published';
  else if (input.float32 && recordedPeak > 0) {
    conv.risk = 'hot';
    conv.note = '32-bit float: over 0 dBFS, not clipped';
  }
  stages.push(conv);

  // Every stage's 0 dBFS level follows from its own level: the chain is linear.
  if (recordedPeak !== null) {
    for (const s of stages) {
      s.basis = fs!.basis;
      if (s.unit === 'dBu') s.fullScaleDbu = s.peak! - recordedPeak;
    }
  }

  if (noSignal !== null) {
    for (const s of stages.slice(deadFrom)) {
      s.risk = 'dead';
      s.note ??= 'no signal';
    }
  }

  const noise: NoiseParts = { source: null, devices: null, preamp: null, converter: null };
  if (fs !== null) {
    if (noiseDbu !== null) noise.source = noiseDbu - fs.dbu;
    if (deviceNoiseDbu !== null) noise.devices = deviceNoiseDbu - fs.dbu;
    // EIN is a mic preamp's figure at high gain (kinds other than mic carry none); at low gain the
    // published dynamic range holds.
    if (spec.einDbu !== null) noise.preamp = spec.einDbu - fs.dbu;
  }
  if (spec.dynamicRangeDb !== null) noise.converter = -spec.dynamicRangeDb;
  const parts = [noise.source, noise.devices, noise.preamp, noise.converter].filter((n): n is number => n !== null);
  const noiseFloorDbfs = parts.length > 0 ? powerSumDb(...parts) : null;
  if (noiseFloorDbfs !== null && noiseFloorDbfs > input.maxNoiseFloorDbfs && conv.risk === 'ok') conv.risk = 'noisy';

  // The ceiling is the first stage to clip, referred to dBFS.
  let ceiling: number | null = null;
  if (recordedPeak !== null) {
    const limits = stages.filter((s) => s.headroomDb !== null).map((s) => recordedPeak + s.headroomDb!);
    ceiling = limits.length > 0 ? Math.min(...limits) : null;
  }
  const clipsFirst = stages.find((s) => s.headroomDb !== null && s.headroomDb < 0) ?? null;
  return {
    stages,
    clipsFirst,
    recordedPeakDbfs: recordedPeak,
    recordedAverageDbfs: recordedAverage,
    fullScale: fs,
    noiseFloorDbfs,
    noise,
    usableDynamicRangeDb: ceiling === null || noiseFloorDbfs === null ? null : ceiling - noiseFloorDbfs,
    chainGainDb: -settings.micPadDb + settings.devices.reduce((s, d) => s + d.gainDb, 0) - settings.padDb + settings.gainDb,
    noSignal,
  };
}

/**
 * How many dB higher a source lands in the file with settings `b` than with settings `a`: the
 * difference of the predicted peaks when both are known, else the difference of what the chains
 * add (exact when both use the same input kind, whose full scale then moves 1:1 with gain).
 */
export function levelChangeDb(a: ChainEvaluation, b: ChainEvaluation, sameKind: boolean): number | null {
  if (a.recordedPeakDbfs !== null && b.recordedPeakDbfs !== null) return b.recordedPeakDbfs - a.recordedPeakDbfs;
  return sameKind ? b.chainGainDb - a.chainGainDb : null;
}
