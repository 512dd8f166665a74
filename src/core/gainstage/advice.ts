// Gain advice for a rig input (predicted from the chain) and for a take recorded through one
// (measured): one suggested gain, the hardware plan that delivers it, and the lines every surface
// shows. The take is reconciled with the settings it was recorded with, so a change already made on
// the rig is never prescribed again.

import { listDevices, toDeviceSpec } from './catalogue';
import { HOT_MARGIN_DB, levelChangeDb, type ChainEvaluation, type ChainSettings } from './chain';
import { evaluateInput } from './evaluate';
import { describePlan, placeGain, type GainPlan, type PlacementContext } from './placement';
import { checkPlausibility, plausibleRange, type PlausibilityCheck } from './plausibility';
import { kindSpecOf, type Rig, type RigInput, type TakeRecord } from './rig';
import { noSuggestion, suggestGain, takeReading, type LevelReading, type SuggestedGain, type TakeLevels } from './suggest';
import { resolveTargets, type LevelTargets, type ResolvedTargets } from './targets';
import { INPUT_KINDS, type AdviceLine, type DeviceSpec } from './types';

/** A gain change smaller than this is "on target". */
export const ON_TARGET_DB = 1;
/** A rig input whose predicted peak misses the target by more than this gets a hint. */
export const OFF_TARGET_HINT_DB = 6;

export interface LevelAdvice {
  /** The one number, relative to today's settings. */
  suggested: SuggestedGain;
  targets: ResolvedTargets;
  /** How today's hardware delivers it; null when no gain is prescribed. */
  plan: GainPlan | null;
  /** The plan as one sentence. */
  action: string | null;
  /** The advice, most important first. */
  lines: AdviceLine[];
}

export interface InputAdvice extends LevelAdvice {
  evaluation: ChainEvaluation;
}

export interface TakeAdvice extends LevelAdvice {
  /** Today's chain, with the source level the take implies when that is known and plausible. */
  evaluation: ChainEvaluation;
  /** The settings the take was recorded with, and whether a record said so. */
  recorded: { settings: ChainSettings; fromRecord: boolean; changedSince: boolean };
  /** How many dB today's settings move this take's level (null when that cannot be known). */
  changeSinceDb: number | null;
  plausibility: PlausibilityCheck | null;
}

const r1 = (x: number) => Math.round(x * 10) / 10;
// Levels in dBu and dBFS keep their sign (+6.0 dBFS is over full scale); SPL never has one.
const fmt = (x: number, unit: string) => `${x < 0 ? '−' : x > 0 && unit !== 'dB SPL' ? '+' : ''}${Math.abs(r1(x)).toFixed(1)} ${unit}`;
const signed = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(r1(x)).toFixed(1)} dB`;

export function targetsFor(rig: Rig, input: RigInput, settings: LevelTargets): ResolvedTargets {
  return resolveTargets({ input: input.targets, material: input.material, rig: rig.targets, settings });
}

function placementContext(rig: Rig, input: RigInput, e: ChainEvaluation): PlacementContext {
  const s = input.settings;
  const group =
    input.interfaceInput === null ? undefined : rig.interface.inputs.find((g) => input.interfaceInput! >= g.first && input.interfaceInput! <= g.last);
  // Without an input number, a pad counts only where every input of that kind has the same one.
  const groups = group ? [group] : rig.interface.inputs.filter((g) => g.kinds.includes(s.kind));
  const pads = groups.length > 0 && groups.every((g) => g.pad?.db != null && g.pad.db === groups[0]!.pad!.db) ? [groups[0]!.pad!.db!] : [];
  const preampIn = e.stages.find((st) => st.stage === 'preamp-input')!.peak!;
  return {
    source: input.source,
    kind: s.kind,
    spec: kindSpecOf(rig.interface, s.kind),
    gainDb: s.gainDb,
    padDb: s.padDb,
    micPadDb: s.micPadDb,
    devices: s.devices,
    phantom: s.phantom,
    float32: rig.interface.float32,
    interfacePads: pads,
    micPads: input.source.kind === 'mic' ? (input.source.mic.pads ?? []) : [],
    addable: addableDevices(rig),
    preampInputDbu: preampIn,
    otherKinds: INPUT_KINDS.filter((k) => k !== s.kind && (group ? group.kinds.includes(k) : rig.interface.inputs.some((g) => g.kinds.includes(k)))).map(
      (k) => ({ kind: k, spec: kindSpecOf(rig.interface, k) }),
    ),
    fullScaleDbu: e.fullScale?.dbu ?? null,
  };
}

/**
 * Boosters and attenuators the advice may suggest: the rig's own at-hand devices, and catalogue
 * devices whose gain and 48 V behaviour are published (a device with an unknown need is never advised).
 */
function addableDevices(rig: Rig): DeviceSpec[] {
  const published = listDevices()
    .filter((d) => d.type === 'booster' || d.type === 'attenuator')
    .map((d) => toDeviceSpec(d))
    .filter((d): d is DeviceSpec => d !== null && d.gainDb !== null);
  return [...rig.available.filter((d) => d.type === 'booster' || d.type === 'attenuator'), ...published];
}

/** The plan for the change; a shortfall becomes the number's limit. */
function plan(ctx: PlacementContext, suggested: SuggestedGain): { plan: GainPlan | null; action: string | null } {
  if (suggested.gainDb === null) return { plan: null, action: null };
  if (Math.abs(suggested.gainDb) < ON_TARGET_DB && !suggested.atLeast) return { plan: null, action: null };
  const p = placeGain(ctx, suggested.gainDb);
  if (p.shortfall !== null) {
    suggested.limit = { by: 'available-gain', line: p.shortfall };
    suggested.gainDb = p.achievedDb;
    suggested.atLeast = false;
  }
  return { plan: p, action: describePlan(p, ctx) };
}

/** Advice for a rig input from the levels its chain predicts. */
export function adviseInput(rig: Rig, input: RigInput, settingsTargets: LevelTargets, evaluation: ChainEvaluation = evaluateInput(rig, input)): InputAdvice {
  const e = evaluation;
  const targets = targetsFor(rig, input, settingsTargets);
  const reading: LevelReading = {
    peakDbfs: e.recordedPeakDbfs,
    averageDbfs: e.recordedAverageDbfs,
    loudnessLufs: null,
    truePeakDbtp: null,
    clipped: false,
    silent: false,
  };
  const lines: AdviceLine[] = [];
  const label = `Input "${input.name}"`;
  if (e.recordedPeakDbfs === null) {
    const suggested = noSuggestion(targets, 'unknown-level', unknownLevelLine(rig));
    lines.push({ severity: 'info', code: 'unknown-level', message: `${label}: ${unknownLevelLine(rig)}.` });
    return { evaluation: e, suggested, targets, plan: null, action: null, lines };
  }
  const suggested = suggestGain(reading, targets);
  const { plan: p, action } = plan(placementContext(rig, input, e), suggested);
  const peak = e.recordedPeakDbfs;
  const target = targets.peak?.valueDb ?? null;
  const gain = suggested.gainDb ?? 0;
  const where = `at ${input.settings.gainDb} dB of gain the expected peak lands at ${fmt(peak, 'dBFS')}`;
  const what = action ? ` ${action}` : '';
  const clip = e.clipsFirst !== null;
  const hot = !rig.interface.float32 && peak > -HOT_MARGIN_DB;
  if (clip) {
    const stage = e.clipsFirst!;
    const at =
      stage.stage === 'converter'
        ? `and clips the converter`
        : `and overloads the ${stage.stage === 'device' ? stage.label : stage.stage === 'source' || stage.stage === 'mic' ? 'mic' : 'preamp input'} by ${r1(-stage.headroomDb!).toFixed(1)} dB`;
    lines.push({ severity: 'error', code: 'set-gain', message: `${label}: ${where} ${at}.${what}` });
  } else if (hot || (target !== null && peak > target + ON_TARGET_DB)) {
    lines.push({
      severity: 'warning',
      code: 'set-gain',
      message: `${label}: ${where}, ${hot ? `within ${HOT_MARGIN_DB} dB of full scale` : `above ${suggested.target?.text ?? 'the target'}`}.${what}`,
    });
  } else if (Math.abs(gain) > OFF_TARGET_HINT_DB || suggested.limit?.by === 'available-gain') {
    lines.push({
      severity: suggested.limit?.by === 'available-gain' ? 'warning' : 'info',
      code: suggested.limit?.by === 'available-gain' ? 'out-of-reach' : 'set-gain',
      message: `${label}: ${where}; ${describeNumber(suggested)}.${what}`,
    });
  }
  if (suggested.limit?.by === 'available-gain' && lines.every((l) => l.code !== 'out-of-reach')) {
    lines.push({ severity: 'warning', code: 'out-of-reach', message: `${label}: ${suggested.limit.line}.` });
  }
  // The rig's own expectation checked against what the material can produce.
  const pr = plausibleRange(input.material, input.source);
  const expected = input.source.kind === 'mic' ? input.source.peakSplDb : input.source.peakDbu;
  if (pr && (expected < pr.range[0] || expected > pr.range[1])) {
    const unit = input.source.kind === 'mic' ? 'dB SPL' : 'dBu';
    lines.push({
      severity: 'warning',
      code: 'check-chain',
      message: `${label}: the rig expects ${expected} ${unit}, outside the ${pr.range[0]}–${pr.range[1]} ${unit} that ${pr.label} peaks at: check the expected level.`,
    });
  }
  return { evaluation: e, suggested, targets, plan: p, action, lines };
}

function unknownLevelLine(rig: Rig): string {
  return `${rig.interface.name} does not publish this input's maximum level, so the recorded level cannot be predicted: set "converterReferenceDbu" (0 dBFS = +N dBu) to predict it`;
}

/** "+6.0 dB to the −10 dBFS peak target", or with its limit. */
function describeNumber(s: SuggestedGain): string {
  if (s.gainDb === null) return s.limit?.line ?? 'no gain can be suggested';
  return `${signed(s.gainDb)}${s.limit ? `: ${s.limit.line}` : s.target ? ` to ${s.target.text}` : ''}`;
}

function describeSettings(s: ChainSettings): string {
  const parts = [`${s.gainDb} dB`];
  parts.push(s.padDb > 0 ? `${s.padDb} dB pad` : 'no pad');
  if (s.micPadDb > 0) parts.push(`mic pad −${s.micPadDb} dB`);
  for (const d of s.devices) parts.push(`${d.spec.name} ${signed(d.gainDb)}`);
  return parts.join(', ');
}

const sameSettings = (a: ChainSettings, b: ChainSettings) =>
  a.kind === b.kind &&
  a.gainDb === b.gainDb &&
  a.padDb === b.padDb &&
  a.micPadDb === b.micPadDb &&
  a.phantom === b.phantom &&
  a.devices.length === b.devices.length &&
  a.devices.every((d, i) => d.spec.name === b.devices[i]!.spec.name && d.gainDb === b.devices[i]!.gainDb);

/**
 * Advice for a take recorded through a rig input. The take's measured level, referred through the
 * settings it was recorded with, gives the source level; today's settings then say where this
 * passage would land now, and the suggested gain is what is left to change from today's settings.
 */
export function adviseTake(rig: Rig, input: RigInput, record: TakeRecord | undefined, take: TakeLevels, settingsTargets: LevelTargets): TakeAdvice {
  const targets = targetsFor(rig, input, settingsTargets);
  const recSettings = record?.settings ?? input.settings;
  const eRec = evaluateInput(rig, input, recSettings);
  const eNow = evaluateInput(rig, input);
  const changedSince = !sameSettings(recSettings, input.settings);
  const change = changedSince ? levelChangeDb(eRec, eNow, recSettings.kind === input.settings.kind) : 0;
  const reading = takeReading(take);
  const label = `input "${input.name}"`;
  const lines: AdviceLine[] = [];
  const base = { targets, recorded: { settings: recSettings, fromRecord: record !== undefined, changedSince }, changeSinceDb: change };

  // The number relative to the take as recorded, then moved by what today's settings already change.
  const suggested = suggestGain(reading, targets);
  let plausibility: PlausibilityCheck | null = null;
  let evaluation = eNow;
  if (!reading.silent && !reading.clipped && reading.peakDbfs !== null && eRec.recordedPeakDbfs !== null) {
    plausibility = checkPlausibility(input.source, input.material, reading.peakDbfs - eRec.recordedPeakDbfs);
    if (!plausibility.problem) {
      evaluation = evaluateInput(rig, { ...input, source: withPeak(input.source, plausibility.implied) });
      lines.push({
        severity: 'info',
        code: 'implied-source-level',
        message: `The take peaks at ${fmt(reading.peakDbfs, 'dBFS')}: the source on ${label} peaked at about ${fmt(plausibility.implied, plausibility.unit)} (the rig expects ${fmt(plausibility.expected, plausibility.unit)}).`,
      });
    }
  }
  if (changedSince && change !== null && reading.peakDbfs !== null && !reading.silent) {
    const now = reading.peakDbfs + change;
    lines.push({
      severity: 'info',
      code: 'recorded-settings',
      message: `Recorded at ${describeSettings(recSettings)}; at today's ${describeSettings(input.settings)} this passage would peak at ${fmt(now, 'dBFS')}${reading.clipped ? ' or more' : ''}.`,
    });
  } else if (changedSince && change === null) {
    lines.push({
      severity: 'info',
      code: 'recorded-settings',
      message: `Recorded at ${describeSettings(recSettings)} on a ${recSettings.kind} input; today's ${input.settings.kind} input has no published full scale to compare with, so the advice is for the take as recorded.`,
    });
  }
  if (!record)
    lines.push({
      severity: 'info',
      code: 'recorded-settings',
      message: `No record of the settings this take was recorded with: the advice assumes today's (${describeSettings(input.settings)}).`,
    });

  if (suggested.gainDb !== null && change !== null && change !== 0) {
    suggested.gainDb = r1(suggested.gainDb - change);
    for (const k of ['peak', 'average', 'loudness', 'ceiling'] as const)
      if (suggested.byTarget[k] !== null) suggested.byTarget[k] = suggested.byTarget[k]! - change;
    if (reading.clipped && suggested.gainDb >= 0) {
      suggested.limit = {
        by: 'clipped',
        line: `today's settings already take ${(-change).toFixed(1)} dB off, more than the ${(-(suggested.gainDb + change)).toFixed(1)} dB this clipped take needs at least: record a test take to set the gain exactly`,
      };
      suggested.gainDb = null;
      suggested.atLeast = false;
    }
  }

  if (plausibility?.problem) {
    suggested.limit = { by: 'implausible', line: plausibility.problem };
    suggested.gainDb = null;
    suggested.atLeast = false;
    lines.unshift({ severity: 'warning', code: 'check-chain', message: plausibility.problem });
    return { ...base, evaluation, suggested, plan: null, action: null, lines, plausibility };
  }

  const { plan: p, action } = plan(placementContext(rig, input, eNow), suggested);
  const main = mainTakeLine(label, reading, suggested, action, take);
  if (main) lines.unshift(main);
  return { ...base, evaluation, suggested, plan: p, action, lines, plausibility };
}

function withPeak(source: RigInput['source'], peak: number): RigInput['source'] {
  if (source.kind === 'mic') {
    const shift = peak - source.peakSplDb;
    return { ...source, peakSplDb: peak, ...(source.averageSplDb !== undefined ? { averageSplDb: source.averageSplDb + shift } : {}) };
  }
  const shift = peak - source.peakDbu;
  return { ...source, peakDbu: peak, ...(source.averageDbu !== undefined ? { averageDbu: source.averageDbu + shift } : {}) };
}

function mainTakeLine(label: string, reading: LevelReading, s: SuggestedGain, action: string | null, take: TakeLevels): AdviceLine | null {
  // Float samples past full scale: nothing clipped yet, but a fixed-point export will.
  const floatOver = take.channels.some((c) => (c.overFullScaleSamples ?? 0) > 0);
  if (reading.clipped) {
    if (s.gainDb === null)
      return { severity: 'error', code: 'clipped', message: `The take clipped: the DAW cannot repair it. ${capital(s.limit?.line ?? '')}.` };
    return {
      severity: 'error',
      code: 'clipped',
      message: `The take clipped: the DAW cannot repair it. For the next take on ${label}, ${formatAtLeast(s)}: ${lower(action ?? '')}`,
    };
  }
  if (s.gainDb === null) return s.limit ? { severity: 'info', code: 'unknown-level', message: `${capital(s.limit.line)}.` } : null;
  if (floatOver)
    return {
      severity: 'warning',
      code: 'daw-gain',
      message: `The file goes over full scale in floating point: nothing clipped, but lower it by ${Math.abs(s.gainDb).toFixed(1)} dB in the DAW before export.`,
    };
  if (Math.abs(s.gainDb) < ON_TARGET_DB)
    return {
      severity: 'info',
      code: 'on-target',
      message: `Levels on ${label} are on target (${signed(s.gainDb)} to ${s.target?.text ?? 'the target'}): keep the settings.`,
    };
  const severity = s.limit?.by === 'available-gain' ? 'warning' : 'info';
  return {
    severity,
    code: s.limit?.by === 'available-gain' ? 'out-of-reach' : 'set-gain',
    message: `${signed(s.gainDb)} on ${label} (${s.limit ? s.limit.line : `to ${s.target?.text ?? 'the target'}`}): ${lower(action ?? '')}`,
  };
}

const capital = (t: string) => (t ? t[0]!.toUpperCase() + t.slice(1) : t);
const lower = (t: string) => (t ? t[0]!.toLowerCase() + t.slice(1) : t);
const formatAtLeast = (s: SuggestedGain) => `lower it by at least ${Math.abs(s.gainDb!).toFixed(1)} dB`;
