// One input's signal chain, evaluated stage by stage: source -> mic or line/instrument source ->
// pad -> preamp -> converter -> recorded dBFS. Every stage gets its level, the headroom it has
// left, and a risk; the first stage to run out of headroom is named.

import { dbuToDbfs, micOutputDbu, powerSumDb } from './units';

export interface MicSpec {
  /** dBV/Pa (e.g. -54.5 for a Shure SM58). */
  sensitivityDbvPa: number;
  /** SPL (dB) at which the mic reaches its rated distortion; null when not published. */
  maxSplDb: number | null;
  /** Self-noise, dB SPL A-weighted; null for dynamics and ribbons (thermal noise of the coil is negligible). */
  selfNoiseDbA: number | null;
}

export type ChainSource =
  | { kind: 'mic'; mic: MicSpec; peakSplDb: number; averageSplDb?: number }
  | { kind: 'line' | 'instrument'; peakDbu: number; averageDbu?: number };

/** A preamp's gain limits; an unpublished range limits nothing (no booster or pad is invented). */
export function gainBounds(range: [number, number] | null): [number, number] {
  return range ?? [-Infinity, Infinity];
}

export interface PreampSpec {
  gainDb: number;
  /** [min, max] dB the preamp can be set to; null when not published (any gain counts as settable). */
  gainRangeDb: [number, number] | null;
  /** Largest level the input takes before clipping (dBu), for the input type in use; null if unknown. */
  maxInputDbu: number | null;
  /** Equivalent input noise, dBu (150 ohm source); null if unknown. */
  einDbu: number | null;
}

export interface ConverterSpec {
  /** 0 dBFS = +N dBu. */
  alignmentDbu: number;
}

export interface ChainTargets {
  /** Where the expected peak should land. */
  peakDbfs: number;
  /** Where the average should land. */
  averageDbfs: number;
  /** Noise floor above this (dBFS) is a problem. */
  maxNoiseFloorDbfs: number;
}

export const defaultChainTargets: ChainTargets = { peakDbfs: -10, averageDbfs: -18, maxNoiseFloorDbfs: -70 };

export interface ChainInput {
  source: ChainSource;
  padDb: number;
  preamp: PreampSpec;
  converter: ConverterSpec;
  targets?: Partial<ChainTargets>;
  /**
   * false: the mic needs power it does not get (a condenser or active ribbon without 48 V phantom),
   * so it gives no output. Default true.
   */
  micPowered?: boolean;
}

/** 'dead': no signal reaches this stage (an unpowered mic); its level is what it would carry when powered. */
export type Risk = 'ok' | 'hot' | 'clip' | 'noisy' | 'unknown' | 'dead';

export interface StageLevel {
  stage: 'source' | 'mic' | 'pad' | 'preamp-input' | 'preamp-output' | 'converter';
  /** Peak level at this stage: dB SPL for the source, dBu for analog stages, dBFS at the converter. */
  peak: number;
  unit: 'dB SPL' | 'dBu' | 'dBFS';
  /** dB left before this stage clips; null where the limit is unknown or there is none. */
  headroomDb: number | null;
  risk: Risk;
  /** Why the stage is in its state when the numbers alone do not say, e.g. "no 48 V: no output". */
  note?: string;
}

export interface GainAdvice {
  /** The preamp gain that puts the expected peak at the target. */
  idealGainDb: number;
  /** That gain, limited to the preamp's range. */
  settableGainDb: number;
  /** dB of extra gain needed beyond the preamp's maximum (an inline booster), or 0. */
  boosterDb: number;
  /** dB of attenuation needed below the preamp's minimum (a pad), or 0. */
  extraPadDb: number;
}

export interface ChainEvaluation {
  stages: StageLevel[];
  /** The first stage whose headroom is below 0 dB, or null. */
  clipsFirst: StageLevel['stage'] | null;
  recordedPeakDbfs: number;
  recordedAverageDbfs: number | null;
  /** Input-referred noise (mic self-noise and preamp EIN, summed as powers) at the converter. */
  noiseFloorDbfs: number | null;
  /** From the noise floor to the first clipping point, in dB. */
  usableDynamicRangeDb: number | null;
  advice: GainAdvice;
  /**
   * Why nothing reaches the converter (e.g. "no 48 V phantom power: the mic gives no output"), or
   * null. The levels then are the ones the chain would carry once the cause is fixed.
   */
  noSignal: string | null;
}

/** dB above which a stage's headroom counts as "hot" rather than fine. */
const HOT_MARGIN_DB = 3;

function risk(headroom: number | null): Risk {
  if (headroom === null) return 'unknown';
  if (headroom < 0) return 'clip';
  if (headroom < HOT_MARGIN_DB) return 'hot';
  return 'ok';
}

export function evaluateChain(input: ChainInput): ChainEvaluation {
  const targets = { ...defaultChainTargets, ...input.targets };
  const { source, padDb, preamp, converter } = input;
  const stages: StageLevel[] = [];
  let peakDbu: number;
  let averageDbu: number | null;
  let sourceNoiseDbu: number | null = null;
  if (source.kind === 'mic') {
    const { mic } = source;
    const micHeadroom = mic.maxSplDb === null ? null : mic.maxSplDb - source.peakSplDb;
    stages.push({ stage: 'source', peak: source.peakSplDb, unit: 'dB SPL', headroomDb: micHeadroom, risk: risk(micHeadroom) });
    peakDbu = micOutputDbu(mic.sensitivityDbvPa, source.peakSplDb);
    averageDbu = source.averageSplDb === undefined ? null : micOutputDbu(mic.sensitivityDbvPa, source.averageSplDb);
    if (mic.selfNoiseDbA !== null) sourceNoiseDbu = micOutputDbu(mic.sensitivityDbvPa, mic.selfNoiseDbA);
    stages.push({ stage: 'mic', peak: peakDbu, unit: 'dBu', headroomDb: micHeadroom, risk: risk(micHeadroom) });
  } else {
    peakDbu = source.peakDbu;
    averageDbu = source.averageDbu ?? null;
    stages.push({ stage: 'source', peak: peakDbu, unit: 'dBu', headroomDb: null, risk: 'ok' });
  }
  const inDbu = peakDbu - padDb;
  stages.push({ stage: 'pad', peak: inDbu, unit: 'dBu', headroomDb: null, risk: 'ok' });
  const inputHeadroom = preamp.maxInputDbu === null ? null : preamp.maxInputDbu - inDbu;
  stages.push({ stage: 'preamp-input', peak: inDbu, unit: 'dBu', headroomDb: inputHeadroom, risk: risk(inputHeadroom) });
  const outDbu = inDbu + preamp.gainDb;
  // On an interface the converter reaches full scale before the preamp's output stage runs out of
  // swing, so the limit after the gain is the converter's, counted there.
  const recordedPeak = dbuToDbfs(outDbu, converter.alignmentDbu);
  stages.push({ stage: 'preamp-output', peak: outDbu, unit: 'dBu', headroomDb: null, risk: 'ok' });
  stages.push({ stage: 'converter', peak: recordedPeak, unit: 'dBFS', headroomDb: -recordedPeak, risk: risk(-recordedPeak) });

  // An unpowered mic gives no output: every stage from the mic on carries nothing. Their levels stay
  // (the gain advice still holds once phantom is on), but none of them may read as fine.
  const noSignal = source.kind === 'mic' && input.micPowered === false ? 'no 48 V phantom power: the mic gives no output' : null;
  if (noSignal !== null) {
    for (const s of stages) {
      if (s.stage === 'source') continue;
      s.risk = 'dead';
      s.note = s.stage === 'mic' ? 'no 48 V: no output' : 'no signal';
    }
  }

  let noiseFloorDbfs: number | null = null;
  const noises = [sourceNoiseDbu === null ? null : sourceNoiseDbu - padDb, preamp.einDbu].filter((n): n is number => n !== null);
  if (noises.length > 0) noiseFloorDbfs = dbuToDbfs(powerSumDb(...noises) + preamp.gainDb, converter.alignmentDbu);
  if (noiseFloorDbfs !== null && noiseFloorDbfs > targets.maxNoiseFloorDbfs) {
    const conv = stages[stages.length - 1]!;
    if (conv.risk === 'ok') conv.risk = 'noisy';
  }

  // The ceiling is whichever clips first for a given input: the converter (after gain) or the
  // preamp input (before it), referred to dBFS.
  const ceilingsDbfs = [0];
  if (preamp.maxInputDbu !== null) ceilingsDbfs.push(dbuToDbfs(preamp.maxInputDbu + preamp.gainDb, converter.alignmentDbu));
  const ceiling = Math.min(...ceilingsDbfs);

  const idealGainDb = targets.peakDbfs + converter.alignmentDbu - inDbu;
  const [minGain, maxGain] = gainBounds(preamp.gainRangeDb);
  const settableGainDb = Math.min(maxGain, Math.max(minGain, idealGainDb));
  const clipsFirst = stages.find((s) => s.headroomDb !== null && s.headroomDb < 0)?.stage ?? null;
  return {
    stages,
    clipsFirst,
    recordedPeakDbfs: recordedPeak,
    recordedAverageDbfs: averageDbu === null ? null : dbuToDbfs(averageDbu - padDb + preamp.gainDb, converter.alignmentDbu),
    noiseFloorDbfs,
    usableDynamicRangeDb: noiseFloorDbfs === null ? null : ceiling - noiseFloorDbfs,
    advice: {
      idealGainDb,
      settableGainDb,
      boosterDb: Math.max(0, idealGainDb - maxGain),
      extraPadDb: Math.max(0, minGain - idealGainDb),
    },
    noSignal,
  };
}
