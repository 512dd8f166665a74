// Rig files (*.headroom.json): a session's interface, inputs, outputs, targets and requirements.
// Parsed with positions (jsonc-parser) so every problem points at the exact characters to change.

import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { MicSpec } from './chain';

export interface Range {
  offset: number;
  length: number;
}

export type InputType = 'mic' | 'line' | 'instrument';

export interface InterfaceSpec {
  name: string;
  micPreamps: number;
  /** Inputs that can record at once, preamps included. */
  inputs: number;
  gainRangeDb: [number, number];
  maxInputDbu: Partial<Record<InputType, number>>;
  einDbu: number | null;
  /** 'per-channel' or 'global' switching; channels that can have it. */
  phantom: { switching: 'per-channel' | 'global'; channels: number } | null;
  converterReferenceDbu: number | null;
  lineOutputs: number;
  monitorPairs: number;
  headphoneOutputs: number;
  midi: { in: number; out: number };
}

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
  phantomChannels?: number;
  monitorSets?: number;
  headphoneOutputs?: number;
  midiIn?: number;
  midiOut?: number;
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

  private fail(path: (string | number)[], expected: string): undefined {
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

function readInterface(r: Reader, problems: RigProblem[], root: Node): InterfaceSpec | undefined {
  const v = r.value(['interface']);
  if (typeof v === 'string') {
    problems.push({
      code: 'unknown-interface',
      severity: 'error',
      message: `No interface "${v}" in the catalogue: describe it inline (name, micPreamps, gainRangeDb, maxInputDbu, einDbu, phantom, outputs).`,
      range: locate({ root }, ['interface']),
    });
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
  const gMin = r.number([...p('gainRangeDb'), 0]);
  const gMax = r.number([...p('gainRangeDb'), 1]);
  const switching = r.string(p('phantom', 'switching'), { optional: true, oneOf: ['per-channel', 'global'] });
  const micPreamps = r.count(p('micPreamps'));
  return {
    name,
    micPreamps,
    inputs: r.count(p('inputs'), micPreamps),
    gainRangeDb: [gMin ?? 0, gMax ?? 0],
    maxInputDbu: {
      ...(r.has(p('maxInputDbu', 'mic')) ? { mic: r.number(p('maxInputDbu', 'mic')) ?? 0 } : {}),
      ...(r.has(p('maxInputDbu', 'line')) ? { line: r.number(p('maxInputDbu', 'line')) ?? 0 } : {}),
      ...(r.has(p('maxInputDbu', 'instrument')) ? { instrument: r.number(p('maxInputDbu', 'instrument')) ?? 0 } : {}),
    },
    einDbu: r.number(p('einDbu'), { optional: true }) ?? null,
    phantom: switching ? { switching: switching as 'per-channel' | 'global', channels: r.count(p('phantom', 'channels'), micPreamps) } : null,
    converterReferenceDbu: r.number(p('converterReferenceDbu'), { optional: true }) ?? null,
    lineOutputs: r.count(p('lineOutputs')),
    monitorPairs: r.count(p('monitorPairs')),
    headphoneOutputs: r.count(p('headphoneOutputs')),
    midi: { in: r.count(p('midi', 'in')), out: r.count(p('midi', 'out')) },
  };
}

function readSource(r: Reader, path: (string | number)[], problems: RigProblem[], root: Node): RigSource | undefined {
  const kind = r.string([...path, 'kind'], { oneOf: ['mic', 'line', 'instrument'] });
  if (kind === 'mic') {
    const micPath = [...path, 'mic'];
    const mic = r.value(micPath);
    if (typeof mic === 'string') {
      problems.push({ code: 'unknown-mic', severity: 'error', message: `No microphone "${mic}" in the catalogue: describe it inline (name, type, sensitivityDbvPa, maxSplDb, selfNoiseDbA).`, range: locate({ root }, micPath) });
      return undefined;
    }
    const type = r.string([...micPath, 'type'], { oneOf: ['dynamic', 'condenser', 'ribbon', 'active-ribbon'] });
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
    return { fileName, text, root, rig: null, problems };
  }
  const r = new Reader(root, problems);
  const iface = readInterface(r, problems, root);
  const inputsNode = findNodeAtLocation(root, ['inputs']);
  const inputs: RigInput[] = [];
  const count = inputsNode?.type === 'array' ? (inputsNode.children?.length ?? 0) : 0;
  if (inputsNode && inputsNode.type !== 'array') {
    problems.push({ code: 'invalid-value', severity: 'error', message: '"inputs" must be an array of inputs.', range: rangeOf(inputsNode) });
  }
  for (let i = 0; i < count; i++) {
    const path = ['inputs', i];
    const id = r.string([...path, 'id']);
    const inputType = r.string([...path, 'inputType'], { fallback: 'mic', oneOf: ['mic', 'line', 'instrument'] }) as InputType | undefined;
    const source = readSource(r, [...path, 'source'], problems, root);
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
  for (const k of ['simultaneousInputs', 'phantomChannels', 'monitorSets', 'headphoneOutputs', 'midiIn', 'midiOut'] as const) {
    const v = req(k);
    if (v !== undefined) requirements[k] = v;
  }
  if (!iface) return { fileName, text, root, rig: null, problems };
  const rig: Rig = {
    name: r.string(['name'], { fallback: fileName })!,
    interface: iface,
    converterReferenceDbu: r.number(['converterReferenceDbu'], { optional: true }) ?? iface.converterReferenceDbu ?? DEFAULT_REFERENCE_DBU,
    targets: { peakDbfs: t('peakDbfs'), averageDbfs: t('averageDbfs'), maxNoiseFloorDbfs: t('maxNoiseFloorDbfs') },
    inputs,
    requirements,
  };
  return { fileName, text, root, rig, problems };
}
