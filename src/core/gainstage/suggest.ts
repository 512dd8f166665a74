// The suggested gain: one number per take (or per rig input), computed here and nowhere else. It
// moves the level onto its target; when something else decides it (the true-peak ceiling, another
// target, clipping, silence, the gain the hardware has, an implausible level) one line says which
// and why. Every surface (take editor, findings, rig advice, CLI, reports, diagrams) shows it.

import { describeTarget, type ResolvedTargets, type TargetOrigin } from './targets';

/** What is known of a level, measured in a take or predicted by the chain. */
export interface LevelReading {
  /** Peak in dBFS: true peak where it was measured, else sample peak; predicted peak for a rig input. */
  peakDbfs: number | null;
  /** RMS in dBFS, plain convention (a full-scale sine reads -3.01), over the live channels. */
  averageDbfs: number | null;
  loudnessLufs: number | null;
  /** For the ceiling; null when not measured. */
  truePeakDbtp: number | null;
  /** The take clipped: its real peak is unknown and higher than `peakDbfs`. */
  clipped: boolean;
  /**
   * The clip happened before the converter: an analog stage flattened the tops at `levelDbfs`, or the
   * take clipped and was turned down afterwards to `levelDbfs` (its levels here are then as recorded).
   */
  upstreamClip?: { kind: 'analog' | 'lowered'; levelDbfs: number };
  /** Every channel is silent, or the live ones peak below NEAR_SILENCE_DBFS or carry no 50 ms window above it. */
  silent: boolean;
}

/** Below this peak (dBFS) a take holds no programme to set a gain by: an LSB or two of noise, denormals. */
export const NEAR_SILENCE_DBFS = -80;
/** A clipped take hides how far over it went; the least cut that gives a flat top room. */
export const CLIPPED_MIN_CUT_DB = 6;

export type GainLimit = 'peak' | 'average' | 'loudness' | 'true-peak-ceiling' | 'clipped' | 'silent' | 'available-gain' | 'implausible' | 'unknown-level';

export interface SuggestedGain {
  /** dB to add (positive) or remove (negative), to 0.1 dB; null when no gain can be prescribed. */
  gainDb: number | null;
  /** The take clipped: remove at least this much. */
  atLeast: boolean;
  /** The target it aims at. */
  target: { kind: 'peak' | 'average' | 'loudness'; valueDb: number; origin: TargetOrigin; text: string } | null;
  /** What changed the number from the target's (or suppressed it), in one line. */
  limit: { by: GainLimit; line: string } | null;
  /** The gain each target and the ceiling alone would ask for. */
  byTarget: { peak: number | null; average: number | null; loudness: number | null; ceiling: number | null };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const db = (x: number, unit: string) => `${x < 0 ? '−' : ''}${Math.abs(round1(x)).toFixed(1)} ${unit}`;

/** The target a suggestion aims at: the peak target, else loudness, else the average. */
function primaryTarget(targets: ResolvedTargets): SuggestedGain['target'] {
  const kind = targets.peak ? 'peak' : targets.loudness ? 'loudness' : targets.average ? 'average' : null;
  return kind ? { kind, ...targets[kind]!, text: describeTarget(kind, targets[kind]!, targets.material) } : null;
}

/** No number: the level cannot be known, and `line` says why. */
export function noSuggestion(targets: ResolvedTargets, by: GainLimit, line: string): SuggestedGain {
  return {
    gainDb: null,
    atLeast: false,
    target: primaryTarget(targets),
    limit: { by, line },
    byTarget: { peak: null, average: null, loudness: null, ceiling: null },
  };
}

export function suggestGain(reading: LevelReading, targets: ResolvedTargets): SuggestedGain {
  const byTarget = {
    peak: targets.peak && reading.peakDbfs !== null ? targets.peak.valueDb - reading.peakDbfs : null,
    average: targets.average && reading.averageDbfs !== null ? targets.average.valueDb - reading.averageDbfs : null,
    loudness: targets.loudness && reading.loudnessLufs !== null ? targets.loudness.valueDb - reading.loudnessLufs : null,
    ceiling: reading.truePeakDbtp !== null ? targets.ceilingDbtp - reading.truePeakDbtp : null,
  };
  const primary = primaryTarget(targets);
  const out: SuggestedGain = { gainDb: null, atLeast: false, target: primary, limit: null, byTarget };
  if (reading.silent || reading.peakDbfs === null) {
    out.limit = {
      by: 'silent',
      line:
        reading.peakDbfs === null
          ? 'silent: there is no level to set a gain by'
          : `near-silent (peak ${db(reading.peakDbfs, 'dBFS')}): there is no programme to set a gain by`,
    };
    return out;
  }
  if (reading.clipped) {
    // Every level of a clipped take reads under the real one, so each target's cut is a lower bound.
    const cuts = [byTarget.peak, byTarget.average, byTarget.loudness].map((g) => (g === null ? 0 : -g));
    out.gainDb = -round1(Math.max(CLIPPED_MIN_CUT_DB, ...cuts));
    out.atLeast = true;
    out.limit = { by: 'clipped', line: clippedLine(reading.upstreamClip) };
    return out;
  }
  if (!primary) return out;
  let gain = byTarget[primary.kind]!;
  let by: GainLimit | null = null;
  for (const kind of ['peak', 'loudness', 'average'] as const) {
    const g = byTarget[kind];
    if (kind !== primary.kind && g !== null && g < gain) {
      gain = g;
      by = kind;
    }
  }
  if (byTarget.ceiling !== null && byTarget.ceiling < gain) {
    gain = byTarget.ceiling;
    by = 'true-peak-ceiling';
  }
  out.gainDb = round1(gain);
  if (by === 'true-peak-ceiling')
    out.limit = {
      by,
      line: `limited by the ${db(targets.ceilingDbtp, 'dBTP')} true-peak ceiling: ${primary.text} would put true peak at ${db(reading.truePeakDbtp! + byTarget[primary.kind]!, 'dBTP')}`,
    };
  else if (by === 'average')
    out.limit = {
      by,
      line: `limited by ${describeTarget('average', targets.average!, targets.material)}: ${primary.text} would put the average at ${db(reading.averageDbfs! + byTarget[primary.kind]!, 'dBFS')}`,
    };
  else if (by === 'loudness')
    out.limit = {
      by,
      line: `limited by ${describeTarget('loudness', targets.loudness!, targets.material)}: ${primary.text} would put loudness at ${db(reading.loudnessLufs! + byTarget[primary.kind]!, 'LUFS')}`,
    };
  else if (by === 'peak')
    out.limit = {
      by,
      line: `limited by ${describeTarget('peak', targets.peak!, targets.material)}: ${primary.text} would put peaks at ${db(reading.peakDbfs + byTarget[primary.kind]!, 'dBFS')}`,
    };
  return out;
}

function clippedLine(upstream: LevelReading['upstreamClip']): string {
  const least = (where: string) => `how far over it went is unknown, so this is the least cut${where} (at least ${CLIPPED_MIN_CUT_DB} dB)`;
  if (!upstream) return `the take clipped: ${least('')}`;
  if (upstream.kind === 'analog') return `an analog stage clipped at ${db(upstream.levelDbfs, 'dBFS')}: ${least(', at the preamp')}`;
  return `clipped, then lowered by ${db(-upstream.levelDbfs, 'dB')}: ${least(' from the gain it was recorded with')}`;
}

/** "+34.0 dB", "at least −6.0 dB", "n/a": the number as every surface prints it. */
export function formatSuggestedGain(s: SuggestedGain): string {
  if (s.gainDb === null) return 'n/a';
  const n = `${s.gainDb > 0 ? '+' : s.gainDb < 0 ? '−' : '±'}${Math.abs(s.gainDb).toFixed(1)} dB`;
  return s.atLeast ? `at least ${n}` : n;
}

/** The number with its reason: "+34.0 dB to the −10 dBFS peak target" or the limit's line. */
export function describeSuggestedGain(s: SuggestedGain): string {
  const n = formatSuggestedGain(s);
  if (s.limit) return s.gainDb === null ? `n/a: ${s.limit.line}` : `${n}: ${s.limit.line}`;
  return s.target ? `${n} to ${s.target.text}` : n;
}

/** The levels of a measured take that the suggestion reads (a structural slice of the take report). */
export interface TakeLevels {
  channels: readonly {
    silent: boolean;
    nearSilent?: boolean;
    samplePeakDbfs: number | null;
    truePeakDbtp: number | null;
    rmsDbfs: number | null;
    overFullScaleSamples?: number;
  }[];
  rmsConvention: 'plain' | 'aes17';
  overall: { clippedSamples: number };
  loudness: { integratedLufs: number | null };
  diagnosis?: readonly { code: string; value: number }[];
}

/** The clip the detectors found before the converter; a lowered clip wins (it moves every level). */
function upstreamClipOf(diagnosis: TakeLevels['diagnosis']): LevelReading['upstreamClip'] {
  let found: LevelReading['upstreamClip'];
  for (const kind of ['lowered', 'analog'] as const) {
    const code = kind === 'lowered' ? 'clipped-then-lowered' : 'analog-clipping';
    // The highest level of several channels: the smallest claim about how far the take was moved.
    for (const d of diagnosis ?? []) if (d.code === code && (!found || d.value > found.levelDbfs)) found = { kind, levelDbfs: d.value };
    if (found) return found;
  }
  return undefined;
}

const AES17_OFFSET_DB = 20 * Math.log10(Math.SQRT2);

/**
 * A take's levels over its live channels: a dead or silent channel neither lowers the average nor
 * counts as programme. Peaks are true peaks where measured.
 */
export function takeReading(t: TakeLevels): LevelReading {
  const live = t.channels.filter((c) => !c.silent);
  let peak: number | null = null;
  let truePeak: number | null = null;
  let power = 0;
  let powered = 0;
  for (const c of live) {
    const p = c.truePeakDbtp ?? c.samplePeakDbfs;
    if (p !== null && (peak === null || p > peak)) peak = p;
    if (c.truePeakDbtp !== null && (truePeak === null || c.truePeakDbtp > truePeak)) truePeak = c.truePeakDbtp;
    if (c.rmsDbfs !== null) {
      power += 10 ** ((c.rmsDbfs - (t.rmsConvention === 'aes17' ? AES17_OFFSET_DB : 0)) / 10);
      powered++;
    }
  }
  const upstreamClip = upstreamClipOf(t.diagnosis);
  // A clip turned down afterwards: the levels as recorded, before the gain after the clip moved them.
  const moved = (x: number | null) => (x === null || upstreamClip?.kind !== 'lowered' ? x : x - upstreamClip.levelDbfs);
  return {
    peakDbfs: moved(peak),
    averageDbfs: moved(powered > 0 && power > 0 ? 10 * Math.log10(power / powered) : null),
    loudnessLufs: moved(t.loudness.integratedLufs),
    truePeakDbtp: moved(truePeak),
    clipped: t.overall.clippedSamples > 0 || upstreamClip !== undefined,
    ...(upstreamClip ? { upstreamClip } : {}),
    // Isolated spikes in digital silence have a peak but no programme: no 50 ms window above -80 dBFS.
    silent: live.length === 0 || peak === null || peak < NEAR_SILENCE_DBFS || live.every((c) => c.nearSilent === true),
  };
}
