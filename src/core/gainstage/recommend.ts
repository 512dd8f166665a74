// Which catalogue interfaces suit a session, best first: the counts it needs (inputs by kind,
// phantom, monitor sets, headphone outputs, MIDI), and for every input whether the unit has the
// clean gain to bring the quietest source to its target without a booster, and the pads to take
// the loudest without overload. Each interface gets a one-line verdict.

import { inputCount, kindCounts, listInterfaces, toInterfaceSpec, type CatalogueInterface } from './catalogue';
import { evaluateChain } from './chain';
import { assignInputs, kindWord } from './assign';
import { DEFAULT_MAX_NOISE_FLOOR_DBFS, kindSpecOf, type RigDocument, type RigInput, type RigRequirements } from './rig';
import { DEFAULT_TARGETS, resolveTargets, type LevelTargets } from './targets';
import type { InterfaceSpec } from './types';

export interface InterfaceFit {
  id: string;
  name: string;
  /** Every need checked and met. */
  fits: boolean;
  /** 'may fit': nothing is missed, but a count it needs is not published. */
  status: 'fits' | 'may fit' | 'does not fit';
  /** Every requirement the interface misses (empty when it fits), e.g. "2 headphone outputs needed, has 1". */
  reasons: string[];
  /** Counts that could not be checked because they are not published, and external preamps a digital input would need. */
  caveats: string[];
  /** Inputs whose levels could not be checked, with why (a maximum input level or gain range not published). */
  unchecked: string[];
  /** See `unusedFeatures`. */
  unusedFeatures: number;
  einDbu: number | null;
  /** The interface in one line: fits or not, and why. */
  verdict: string;
}

/** A rig input as recommend sees it: the source and what sits before the interface, and the peak target. */
export interface InputToFit {
  input: RigInput;
  /** Where its peaks should land (dBFS); null when no target applies. */
  peakTargetDbfs: number | null;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const r1 = (x: number) => (Math.round(x * 10) / 10).toFixed(1);

/**
 * Features bought but not needed: surplus inputs (beyond simultaneousInputs) + surplus phantom
 * channels (beyond phantomChannels) + surplus monitor pairs (beyond monitorSets) + surplus headphone
 * outputs (beyond headphoneOutputs) + surplus MIDI inputs and outputs (beyond midiIn, midiOut). A
 * requirement not stated counts as 0 needed; a shortfall or an unpublished count counts 0.
 */
export function unusedFeatures(req: RigRequirements, i: InterfaceSpec): number {
  const surplus = (have: number | null | undefined, need: number | undefined) => Math.max(0, (have ?? 0) - (need ?? 0));
  return (
    surplus(inputCount(i.inputs), req.simultaneousInputs) +
    surplus(i.phantom?.channels, req.phantomChannels) +
    surplus(i.monitorPairs, req.monitorSets) +
    surplus(i.headphoneOutputs, req.headphoneOutputs) +
    surplus(i.midi?.in, req.midiIn) +
    surplus(i.midi?.out, req.midiOut)
  );
}

/** Every count requirement the interface misses; one on an unpublished value is listed as such, never assumed met. */
export function missedRequirements(req: RigRequirements, i: InterfaceSpec): { reasons: string[]; caveats: string[] } {
  const reasons: string[] = [];
  const caveats: string[] = [];
  const layoutKnown = !i.unpublished.includes('inputs');
  const counts = kindCounts(i.inputs);
  const unknown: string[] = [];
  const count = (want: number | undefined, have: number | null, one: string, many?: string) => {
    if (want === undefined || want === 0) return;
    if (have === null) unknown.push(many ?? `${one}s`);
    else if (want > have) reasons.push(`${plural(want, one, many)} needed, has ${have}`);
  };
  count(req.simultaneousInputs, layoutKnown ? inputCount(i.inputs) : null, 'input recorded at once', 'inputs recorded at once');
  // Mic inputs beyond the preamps can come in through digital inputs, from external preamps.
  const micShort = (req.micPreamps ?? 0) - counts.mic;
  if (layoutKnown && micShort > 0 && counts.digital >= micShort) caveats.push(`${plural(micShort, 'external mic preamp')} on its digital inputs`);
  else count(req.micPreamps, layoutKnown ? counts.mic : null, 'mic preamp');
  count(req.instrumentInputs, layoutKnown ? counts.instrument : null, 'instrument (Hi-Z) input');
  count(req.lineInputs, layoutKnown ? counts.line + counts['line-fixed'] : null, 'line input');
  count(
    req.phantomChannels,
    i.unpublished.includes('phantom') ? null : (i.phantom?.channels ?? 0),
    'channel with 48 V phantom power',
    'channels with 48 V phantom power',
  );
  count(req.monitorSets, i.monitorPairs, 'monitor set');
  count(req.headphoneOutputs, i.headphoneOutputs, 'headphone output');
  count(req.midiIn, i.midi?.in ?? null, 'MIDI input');
  count(req.midiOut, i.midi?.out ?? null, 'MIDI output');
  const ein = i.kinds.mic?.einDbu ?? null;
  if (req.maxEinDbu !== undefined) {
    if (ein === null) unknown.push('EIN');
    else if (ein > req.maxEinDbu) reasons.push(`EIN of ${req.maxEinDbu} dBu or lower needed, has ${ein} dBu`);
  }
  if (req.sampleRateHz !== undefined) {
    if (i.sampleRates === null) unknown.push('sample rates');
    else if (!i.sampleRates.includes(req.sampleRateHz)) reasons.push(`${req.sampleRateHz} Hz needed, runs at ${i.sampleRates.join(', ')} Hz`);
  }
  if (unknown.length > 0) caveats.push(`not published: ${unknown.join(', ')}`);
  return { reasons, caveats };
}

/**
 * Gain adequacy of one input on one interface: at minimum gain with no pad the chain predicts a
 * peak; the gain needed is target - that peak. More than the range offers is a shortfall (a booster
 * or a more sensitive mic); less than none needs a pad the unit must have.
 */
export function gainAdequacy(iface: InterfaceSpec, fit: InputToFit): { problem: string | null; unchecked: string | null; gainDb: number | null } {
  const { input } = fit;
  const kind = input.settings.kind;
  const spec = kindSpecOf(iface, kind);
  if (kind === 'digital') return { problem: null, unchecked: null, gainDb: null };
  if (!iface.kinds[kind]) return { problem: null, unchecked: null, gainDb: null };
  const range = spec.gainRangeDb;
  if (spec.maxInputDbu === null || range === null || fit.peakTargetDbfs === null) {
    return { problem: null, unchecked: `${kindWord(kind)} ${spec.maxInputDbu === null ? 'maximum input level' : 'gain range'}`, gainDb: null };
  }
  const e = evaluateChain({
    source: input.source,
    settings: { ...input.settings, gainDb: range[0], padDb: 0 },
    spec,
    float32: iface.float32,
    referenceDbu: null,
    maxNoiseFloorDbfs: DEFAULT_MAX_NOISE_FLOOR_DBFS,
  });
  const needed = fit.peakTargetDbfs - e.recordedPeakDbfs!;
  const span = range[1] - range[0];
  if (needed > span)
    return { problem: `"${input.name}" needs ${r1(needed)} dB of gain, ${r1(needed - span)} dB more than its ${span} dB`, unchecked: null, gainDb: needed };
  if (needed >= 0) return { problem: null, unchecked: null, gainDb: range[0] + needed };
  // Float recorders keep what passes 0 dBFS; only their analog front end must not overload.
  const over = iface.float32 ? -(e.stages.find((s) => s.stage === 'preamp-input')!.headroomDb ?? 0) : -needed;
  if (over <= 0) return { problem: null, unchecked: null, gainDb: range[0] };
  if (iface.unpublished.includes('pads')) return { problem: null, unchecked: `pads (it needs ${r1(over)} dB)`, gainDb: range[0] };
  const pads = iface.inputs.filter((g) => g.kinds.includes(kind) && g.pad?.db != null).map((g) => g.pad!.db!);
  const pad = pads.length > 0 ? Math.max(...pads) : 0;
  if (pad >= over) return { problem: null, unchecked: null, gainDb: range[0] + pad + needed };
  return {
    problem: `"${input.name}" overloads by ${r1(over - pad)} dB ${pad > 0 ? `even with its ${pad} dB pad` : 'at minimum gain (no pad)'}`,
    unchecked: null,
    gainDb: range[0],
  };
}

function fitOf(c: CatalogueInterface, requirements: RigRequirements, inputs: readonly InputToFit[]): InterfaceFit {
  const spec = toInterfaceSpec(c);
  const { reasons, caveats } = missedRequirements(requirements, spec);
  // Inputs that must sit on one input kind: three DIs need three Hi-Z inputs whatever else is free.
  if (!spec.unpublished.includes('inputs') && inputs.length > 0) {
    const assignment = assignInputs(
      spec,
      inputs.map((f) => ({ kind: f.input.settings.kind, interfaceInput: null, name: f.input.name })),
    );
    const short = new Set(assignment.problems.filter((p) => p.code === 'not-enough-inputs').map((p) => inputs[p.index]!.input.settings.kind));
    for (const k of short) {
      const line = `not enough ${kindWord(k)} inputs`;
      if (!reasons.some((r) => r.includes(kindWord(k)))) reasons.push(line);
    }
  }
  const unchecked = new Map<string, string[]>();
  for (const f of inputs) {
    const a = gainAdequacy(spec, f);
    if (a.problem) reasons.push(a.problem);
    if (a.unchecked) unchecked.set(a.unchecked, [...(unchecked.get(a.unchecked) ?? []), `"${f.input.name}"`]);
  }
  const levelNotes = [...unchecked].map(([why, names]) => `${names.join(', ')}: ${why} not published`);
  // A need that could not be checked, a count or an input's levels, leaves the fit open.
  const open = caveats.some((c) => c.startsWith('not published')) || levelNotes.length > 0;
  const status = reasons.length > 0 ? 'does not fit' : open ? 'may fit' : 'fits';
  const notes = [...caveats, ...(levelNotes.length ? [`levels not checked for ${levelNotes.join('; ')}`] : [])];
  const verdict = status === 'does not fit' ? `does not fit: ${reasons.join('; ')}` : `${status}${notes.length ? `; ${notes.join('; ')}` : ''}`;
  return {
    id: c.id,
    name: c.name,
    fits: status === 'fits',
    status,
    reasons,
    caveats,
    unchecked: levelNotes,
    unusedFeatures: unusedFeatures(requirements, spec),
    einDbu: spec.kinds.mic?.einDbu ?? null,
    verdict,
  };
}

const STATUS_ORDER = { fits: 0, 'may fit': 1, 'does not fit': 2 } as const;

/**
 * Every interface, ranked: those that fit, those that may (a count they need is not published), then
 * those that do not; within each, fewest missed requirements, fewest unknowns, fewest inputs whose
 * levels could not be checked, fewest unused features, lowest EIN (unpublished last), then name.
 */
export function recommendInterfaces(
  requirements: RigRequirements,
  inputs: readonly InputToFit[] = [],
  interfaces: CatalogueInterface[] = listInterfaces(),
): InterfaceFit[] {
  return interfaces
    .map((c) => fitOf(c, requirements, inputs))
    .sort(
      (a, b) =>
        STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
        a.reasons.length - b.reasons.length ||
        a.caveats.length - b.caveats.length ||
        a.unchecked.length - b.unchecked.length ||
        a.unusedFeatures - b.unusedFeatures ||
        (a.einDbu ?? Infinity) - (b.einDbu ?? Infinity) ||
        a.name.localeCompare(b.name, 'en'),
    );
}

/** The rig file's inputs with their resolved peak targets, for recommend. */
export function inputsToFit(doc: Pick<RigDocument, 'inputs' | 'targets'>, settings: LevelTargets = DEFAULT_TARGETS): InputToFit[] {
  return doc.inputs.map((input) => ({
    input,
    peakTargetDbfs: resolveTargets({ input: input.targets, material: input.material, rig: doc.targets, settings }).peak?.valueDb ?? null,
  }));
}
