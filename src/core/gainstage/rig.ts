// Rig files (*.headroom.json): a session's interface, inputs, outputs, targets and requirements.
// Parsed with positions (jsonc-parser) so every problem points at the exact characters to change.

import { findNodeAtLocation, getNodeValue, modify, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { findInterface, findMic, listInterfaces, listMics, MIC_TYPES, needsPhantom, suggestId, toInterfaceSpec, toRigMic } from './catalogue';
import type { MicSpec } from './chain';

export interface Range {
  offset: number;
  length: number;
}

export type InputType = 'mic' | 'line' | 'instrument';

export interface InterfaceSpec {
  name: string;
  /** Set when the interface came from the catalogue. */
  catalogueId?: string;
  micPreamps: number;
  /** Inputs that can record at once, preamps included. */
  inputs: number;
  /** [min, max] preamp gain in dB; null when not published. */
  gainRangeDb: [number, number] | null;
  maxInputDbu: Partial<Record<InputType, number>>;
  einDbu: number | null;
  /** How 48 V is switched and how many channels can have it; null when there is none. */
  phantom: PhantomSpec | null;
  converterReferenceDbu: number | null;
  lineOutputs: number;
  monitorPairs: number;
  headphoneOutputs: number;
  midi: { in: number; out: number };
  /** Supported sample rates (Hz); null or absent when not published. */
  sampleRates?: number[] | null;
}

/**
 * Phantom power: a switch per channel, one switch for all, or one switch per group of `groupSize`
 * consecutive channels (e.g. inputs 1-4 and 5-8).
 */
export type PhantomSpec = { switching: 'per-channel'; channels: number } | { switching: 'global'; channels: number } | { switching: 'groups'; channels: number; groupSize: number };

export interface RigMic extends MicSpec {
  name: string;
  type: 'dynamic' | 'condenser' | 'ribbon' | 'active-ribbon';
}

export type RigSource = { kind: 'mic'; mic: RigMic; peakSplDb: number; averageSplDb?: number } | { kind: 'line' | 'instrument'; peakDbu: number; averageDbu?: number };

export interface RigInput {
  id: string;
  name: string;
  inputType: InputType;
  source: RigSource;
  padDb: number;
  phantom: boolean;
  preampGainDb: number;
  takes?: string;
  /** JSON path of this input in the file, for locating its fields. */
  path: (string | number)[];
}

export interface RigRequirements {
  simultaneousInputs?: number;
  micPreamps?: number;
  phantomChannels?: number;
  monitorSets?: number;
  headphoneOutputs?: number;
  midiIn?: number;
  midiOut?: number;
  /** The preamps' EIN must be this low or lower (dBu). */
  maxEinDbu?: number;
  /** The interface must record at this sample rate (Hz). */
  sampleRateHz?: number;
}

/** The requirement keys in the order they are checked and reported. */
export const REQUIREMENT_KEYS = ['simultaneousInputs', 'micPreamps', 'phantomChannels', 'monitorSets', 'headphoneOutputs', 'midiIn', 'midiOut', 'maxEinDbu', 'sampleRateHz'] as const;

export interface RigOutputs {
  /** Speaker sets to switch between, each on a named output (e.g. "Line 1-2"). */
  monitorSets: { name: string; output: string }[];
  /** Headphone mixes, each on a headphone output numbered from 1. */
  headphoneMixes: { name: string; output: number }[];
}

export interface RigTargets {
  peakDbfs: number;
  averageDbfs: number;
  maxNoiseFloorDbfs: number;
}

export interface Rig {
  name: string;
  interface: InterfaceSpec;
  converterReferenceDbu: number;
  targets: RigTargets;
  inputs: RigInput[];
  outputs: RigOutputs;
  requirements: RigRequirements;
}

export interface RigProblem {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  range: Range;
  fix?: { description: string; edits: { offset: number; length: number; newText: string }[] };
}

export interface RigDocument {
  fileName: string;
  text: string;
  root: Node | undefined;
  /** Null when the file is too broken to describe a rig; `problems` says why. */
  rig: Rig | null;
  /**
   * What the session needs from an interface: the stated requirements, raised to what the inputs in
   * use need. Present whenever the file is a JSON object, even without a usable interface.
   */
  needs: RigRequirements | null;
  problems: RigProblem[];
}

const DEFAULT_TARGETS: RigTargets = { peakDbfs: -10, averageDbfs: -18, maxNoiseFloorDbfs: -70 };
/** EBU R68, used when neither the rig nor the interface gives the converter's alignment. */
const DEFAULT_REFERENCE_DBU = 18;

export function rangeOf(node: Node | undefined, fallback: Range = { offset: 0, length: 0 }): Range {
  return node ? { offset: node.offset, length: node.length } : fallback;
}

/** The range of a value at a path, or of its nearest existing parent. */
export function locate(doc: Pick<RigDocument, 'root'>, path: (string | number)[]): Range {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.root && findNodeAtLocation(doc.root, path.slice(0, n));
    if (node) return rangeOf(node);
  }
  return { offset: 0, length: 0 };
}

class Reader {
  constructor(
    private readonly root: Node,
    private readonly problems: RigProblem[],
  ) {}

  fail(path: (string | number)[], expected: string): undefined {
    const node = findNodeAtLocation(this.root, path);
    const where = path.join('.');
    this.problems.push({
      code: node ? 'invalid-value' : 'missing-value',
      severity: 'error',
      message: node ? `"${where}" must be ${expected}.` : `"${where}" is missing: expected ${expected}.`,
      range: node ? rangeOf(node) : locate({ root: this.root }, path),
    });
    return undefined;
  }

  value(path: (string | number)[]): unknown {
    const node = findNodeAtLocation(this.root, path);
    return node ? getNodeValue(node) : undefined;
  }

  has(path: (string | number)[]): boolean {
    return findNodeAtLocation(this.root, path) !== undefined;
  }

  number(path: (string | number)[], opts: { min?: number; max?: number; optional?: boolean; fallback?: number } = {}): number | undefined {
    const v = this.value(path);
    // null is how a rig says "unknown" (an unpublished spec): the same as leaving it out.
    if ((v === undefined || (v === null && opts.optional)) && (opts.optional || opts.fallback !== undefined)) return opts.fallback;
    if (typeof v !== 'number' || !Number.isFinite(v) || (opts.min !== undefined && v < opts.min) || (opts.max !== undefined && v > opts.max)) {
      const bounds = opts.min !== undefined && opts.max !== undefined ? ` from ${opts.min} to ${opts.max}` : opts.min !== undefined ? ` >= ${opts.min}` : '';
      return this.fail(path, `a number${bounds}`);
    }
    return v;
  }

  string(path: (string | number)[], opts: { optional?: boolean; fallback?: string; oneOf?: readonly string[] } = {}): string | undefined {
    const v = this.value(path);
    if (v === undefined && (opts.optional || opts.fallback !== undefined)) return opts.fallback;
    if (typeof v !== 'string' || (opts.oneOf && !opts.oneOf.includes(v))) return this.fail(path, opts.oneOf ? `one of ${opts.oneOf.map((o) => `"${o}"`).join(', ')}` : 'a string');
    return v;
  }

  boolean(path: (string | number)[], fallback: boolean): boolean {
    const v = this.value(path);
    if (v === undefined) return fallback;
    if (typeof v !== 'boolean') {
      this.fail(path, 'true or false');
      return fallback;
    }
    return v;
  }

  count(path: (string | number)[], fallback = 0): number {
    return this.number(path, { min: 0, fallback }) ?? fallback;
  }
}

/** An unknown catalogue id: the error sits on the id, with the closest id as a suggestion and quick fix. */
function unknownId(text: string, root: Node, path: (string | number)[], id: string, ids: string[], code: string, what: string, inline: string): RigProblem {
  const suggestion = suggestId(id, ids);
  const range = locate({ root }, path);
  return {
    code,
    severity: 'error',
    message: `No ${what} "${id}" in the catalogue${suggestion ? `: did you mean "${suggestion}"?` : '.'} Or describe it inline (${inline}).`,
    range,
    ...(suggestion
      ? { fix: { description: `Use "${suggestion}"`, edits: modify(text, path, suggestion, { formattingOptions: { insertSpaces: true, tabSize: 2 } }).map((e) => ({ offset: e.offset, length: e.length, newText: e.content })) } }
      : {}),
  };
}

function readInterface(r: Reader, problems: RigProblem[], root: Node, text: string): InterfaceSpec | undefined {
  const v = r.value(['interface']);
  if (typeof v === 'string') {
    const found = findInterface(v);
    if (found) return toInterfaceSpec(found);
    problems.push(unknownId(text, root, ['interface'], v, listInterfaces().map((i) => i.id), 'unknown-interface', 'interface', 'name, micPreamps, gainRangeDb, maxInputDbu, einDbu, phantom, outputs'));
    return undefined;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    problems.push({
      code: v === undefined ? 'missing-value' : 'invalid-value',
      severity: 'error',
      message: '"interface" must be an object describing the audio interface (or a catalogue id).',
      range: locate({ root }, ['interface']),
    });
    return undefined;
  }
  const p = (...k: string[]) => ['interface', ...k];
  const name = r.string(p('name')) ?? 'interface';
  // null: the range is not published; gain settings then go unchecked.
  const gainRangeDb: [number, number] | null = r.value(p('gainRangeDb')) === null ? null : [r.number([...p('gainRangeDb'), 0]) ?? 0, r.number([...p('gainRangeDb'), 1]) ?? 0];
  const rates = r.value(p('sampleRates'));
  let sampleRates: number[] | null = null;
  if (Array.isArray(rates)) sampleRates = rates.map((_, i) => r.number([...p('sampleRates'), i], { min: 1 }) ?? 0);
  else if (rates !== undefined && rates !== null) r.fail(p('sampleRates'), 'a list of sample rates in Hz, or null');
  const switching = r.string(p('phantom', 'switching'), { optional: true, oneOf: ['per-channel', 'global', 'groups'] });
  const micPreamps = r.count(p('micPreamps'));
  return {
    name,
    micPreamps,
    inputs: r.count(p('inputs'), micPreamps),
    gainRangeDb,
    maxInputDbu: {
      ...(r.has(p('maxInputDbu', 'mic')) ? { mic: r.number(p('maxInputDbu', 'mic')) ?? 0 } : {}),
      ...(r.has(p('maxInputDbu', 'line')) ? { line: r.number(p('maxInputDbu', 'line')) ?? 0 } : {}),
      ...(r.has(p('maxInputDbu', 'instrument')) ? { instrument: r.number(p('maxInputDbu', 'instrument')) ?? 0 } : {}),
    },
    einDbu: r.number(p('einDbu'), { optional: true }) ?? null,
    phantom: readPhantom(r, switching, micPreamps),
    converterReferenceDbu: r.number(p('converterReferenceDbu'), { optional: true }) ?? null,
    lineOutputs: r.count(p('lineOutputs')),
    monitorPairs: r.count(p('monitorPairs')),
    headphoneOutputs: r.count(p('headphoneOutputs')),
    midi: { in: r.count(p('midi', 'in')), out: r.count(p('midi', 'out')) },
    sampleRates,
  };
}

function readPhantom(r: Reader, switching: string | undefined, micPreamps: number): PhantomSpec | null {
  if (!switching) return null;
  const channels = r.count(['interface', 'phantom', 'channels'], micPreamps);
  if (switching === 'groups') return { switching, channels, groupSize: r.number(['interface', 'phantom', 'groupSize'], { min: 1 }) ?? channels };
  return { switching: switching === 'global' ? 'global' : 'per-channel', channels };
}

function readSource(r: Reader, path: (string | number)[], problems: RigProblem[], root: Node, text: string): RigSource | undefined {
  const kind = r.string([...path, 'kind'], { oneOf: ['mic', 'line', 'instrument'] });
  if (kind === 'mic') {
    const micPath = [...path, 'mic'];
    const mic = r.value(micPath);
    if (typeof mic === 'string') {
      const found = findMic(mic);
      const inline = 'name, type, sensitivityDbvPa, maxSplDb, selfNoiseDbA';
      if (!found) {
        problems.push(unknownId(text, root, micPath, mic, listMics().map((m) => m.id), 'unknown-mic', 'microphone', inline));
        return undefined;
      }
      const spec = toRigMic(found);
      if (!spec) {
        problems.push({ code: 'mic-sensitivity-unknown', severity: 'error', message: `${found.name}'s sensitivity is not published, so its level cannot be computed: describe it inline (${inline}) with a measured sensitivity.`, range: locate({ root }, micPath) });
        return undefined;
      }
      const peakSplDb = r.number([...path, 'peakSplDb'], { min: 0, max: 200 });
      if (peakSplDb === undefined) return undefined;
      const averageSplDb = r.number([...path, 'averageSplDb'], { optional: true, min: 0, max: 200 });
      return { kind, mic: spec, peakSplDb, ...(averageSplDb !== undefined ? { averageSplDb } : {}) };
    }
    const type = r.string([...micPath, 'type'], { oneOf: [...MIC_TYPES] });
    const sens = r.number([...micPath, 'sensitivityDbvPa'], { min: -100, max: 0 });
    const peakSplDb = r.number([...path, 'peakSplDb'], { min: 0, max: 200 });
    if (!type || sens === undefined || peakSplDb === undefined) return undefined;
    const averageSplDb = r.number([...path, 'averageSplDb'], { optional: true, min: 0, max: 200 });
    return {
      kind,
      mic: {
        name: r.string([...micPath, 'name'], { fallback: 'microphone' })!,
        type: type as RigMic['type'],
        sensitivityDbvPa: sens,
        maxSplDb: r.number([...micPath, 'maxSplDb'], { optional: true }) ?? null,
        selfNoiseDbA: r.number([...micPath, 'selfNoiseDbA'], { optional: true }) ?? null,
      },
      peakSplDb,
      ...(averageSplDb !== undefined ? { averageSplDb } : {}),
    };
  }
  if (kind === 'line' || kind === 'instrument') {
    const peakDbu = r.number([...path, 'peakDbu']);
    if (peakDbu === undefined) return undefined;
    const averageDbu = r.number([...path, 'averageDbu'], { optional: true });
    return { kind, peakDbu, ...(averageDbu !== undefined ? { averageDbu } : {}) };
  }
  return undefined;
}

export function parseRig(text: string, fileName: string): RigDocument {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const problems: RigProblem[] = errors.map((e) => ({
    code: 'syntax',
    severity: 'error',
    message: `JSON syntax: ${printParseErrorCode(e.error)}.`,
    range: { offset: e.offset, length: e.length },
  }));
  if (!root || root.type !== 'object') {
    if (problems.length === 0) problems.push({ code: 'syntax', severity: 'error', message: 'A rig file is a JSON object.', range: { offset: 0, length: text.length } });
    return { fileName, text, root, rig: null, needs: null, problems };
  }
  const r = new Reader(root, problems);
  const iface = readInterface(r, problems, root, text);
  const inputsNode = findNodeAtLocation(root, ['inputs']);
  const inputs: RigInput[] = [];
  const count = inputsNode?.type === 'array' ? (inputsNode.children?.length ?? 0) : 0;
  if (inputsNode && inputsNode.type !== 'array') {
    problems.push({ code: 'invalid-value', severity: 'error', message: '"inputs" must be an array of inputs.', range: rangeOf(inputsNode) });
  }
  const inputNeeds: InputNeed[] = [];
  for (let i = 0; i < count; i++) {
    const path = ['inputs', i];
    inputNeeds.push(inputNeed(r, path));
    const id = r.string([...path, 'id']);
    const inputType = r.string([...path, 'inputType'], { fallback: 'mic', oneOf: ['mic', 'line', 'instrument'] }) as InputType | undefined;
    const source = readSource(r, [...path, 'source'], problems, root, text);
    const preampGainDb = r.number([...path, 'preampGainDb']);
    const padDb = r.number([...path, 'padDb'], { min: 0, fallback: 0 });
    const takes = r.string([...path, 'takes'], { optional: true });
    if (id === undefined || !inputType || !source || preampGainDb === undefined || padDb === undefined) continue;
    inputs.push({
      id,
      name: r.string([...path, 'name'], { fallback: id })!,
      inputType,
      source,
      padDb,
      phantom: r.boolean([...path, 'phantom'], false),
      preampGainDb,
      ...(takes !== undefined ? { takes } : {}),
      path,
    });
  }
  const t = (k: keyof RigTargets) => r.number(['targets', k], { fallback: DEFAULT_TARGETS[k] }) ?? DEFAULT_TARGETS[k];
  const req = (k: keyof RigRequirements) => r.number(['requirements', k], { optional: true, min: 0 });
  const requirements: RigRequirements = {};
  for (const k of REQUIREMENT_KEYS) {
    const v = k === 'maxEinDbu' ? r.number(['requirements', k], { optional: true, min: -160, max: -90 }) : req(k);
    if (v !== undefined) requirements[k] = v;
  }
  const outputs = readOutputs(r, root, problems);
  const needs = effectiveRequirements(requirements, inputNeeds, outputs);
  if (!iface) return { fileName, text, root, rig: null, needs, problems };
  const rig: Rig = {
    name: r.string(['name'], { fallback: fileName })!,
    interface: iface,
    converterReferenceDbu: r.number(['converterReferenceDbu'], { optional: true }) ?? iface.converterReferenceDbu ?? DEFAULT_REFERENCE_DBU,
    targets: { peakDbfs: t('peakDbfs'), averageDbfs: t('averageDbfs'), maxNoiseFloorDbfs: t('maxNoiseFloorDbfs') },
    inputs,
    outputs,
    requirements,
  };
  return { fileName, text, root, rig, needs, problems };
}

function readOutputs(r: Reader, root: Node, problems: RigProblem[]): RigOutputs {
  const outputs: RigOutputs = { monitorSets: [], headphoneMixes: [] };
  const outNode = findNodeAtLocation(root, ['outputs']);
  if (outNode && outNode.type !== 'object') {
    problems.push({ code: 'invalid-value', severity: 'error', message: '"outputs" must be an object with "monitorSets" and "headphoneMixes".', range: rangeOf(outNode) });
    return outputs;
  }
  for (const key of ['monitorSets', 'headphoneMixes'] as const) {
    const node = findNodeAtLocation(root, ['outputs', key]);
    if (!node) continue;
    if (node.type !== 'array') {
      problems.push({ code: 'invalid-value', severity: 'error', message: `"outputs.${key}" must be an array.`, range: rangeOf(node) });
      continue;
    }
    for (let i = 0; i < (node.children?.length ?? 0); i++) {
      const path = ['outputs', key, i];
      const name = r.string([...path, 'name']);
      if (key === 'monitorSets') {
        const output = r.string([...path, 'output']);
        if (name !== undefined && output !== undefined) outputs.monitorSets.push({ name, output });
      } else {
        const output = r.number([...path, 'output'], { min: 1 });
        if (output !== undefined && !Number.isInteger(output)) r.fail([...path, 'output'], 'a headphone output number (1, 2, ...)');
        else if (name !== undefined && output !== undefined) outputs.headphoneMixes.push({ name, output });
      }
    }
  }
  return outputs;
}

/** What one input in use asks of an interface. */
export interface InputNeed {
  inputType: InputType;
  phantom: boolean;
  micType?: RigMic['type'];
}

/** Read from the raw values, so an input with some other mistake still counts towards the needs. */
function inputNeed(r: Reader, path: (string | number)[]): InputNeed {
  const type = r.value([...path, 'inputType']);
  const mic = r.value([...path, 'source', 'mic']);
  const micType = typeof mic === 'string' ? findMic(mic)?.type : typeof mic === 'object' && mic !== null ? (mic as { type?: unknown }).type : undefined;
  return {
    inputType: type === 'line' || type === 'instrument' ? type : 'mic',
    phantom: r.value([...path, 'phantom']) === true,
    ...(typeof micType === 'string' && MIC_TYPES.includes(micType as RigMic['type']) ? { micType: micType as RigMic['type'] } : {}),
  };
}

/**
 * The stated requirements, raised to what the inputs and outputs in use need: as many inputs recorded
 * at once as there are inputs, a preamp per mic input, phantom power for every input that has it on
 * or carries a condenser or active ribbon (which needs it whether or not the rig turns it on), a
 * monitor pair per monitor set and a headphone output per headphone mix.
 */
export function effectiveRequirements(stated: RigRequirements, inputs: InputNeed[], outputs: RigOutputs = { monitorSets: [], headphoneMixes: [] }): RigRequirements {
  const out: RigRequirements = { ...stated };
  const raise = (k: 'simultaneousInputs' | 'micPreamps' | 'phantomChannels' | 'monitorSets' | 'headphoneOutputs', n: number) => {
    if (n > 0 && n > (out[k] ?? 0)) out[k] = n;
  };
  raise('simultaneousInputs', inputs.length);
  raise('micPreamps', inputs.filter((i) => i.inputType === 'mic').length);
  raise('phantomChannels', inputs.filter((i) => i.phantom || (i.micType !== undefined && needsPhantom(i.micType))).length);
  raise('monitorSets', outputs.monitorSets.length);
  raise('headphoneOutputs', outputs.headphoneMixes.length);
  return out;
}
