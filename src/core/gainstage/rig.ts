// Rig files (*.headroom.json): a session's interface, inputs (each with its source, inline devices,
// pads, phantom power and gain), targets, outputs, requirements, and the settings each take was
// recorded with. Parsed with positions (jsonc-parser) so every problem points at the exact
// characters to change. Every invalid field is reported, not just the first of an input.

import { findNodeAtLocation, getNodeValue, modify, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import {
  DEVICE_REQUIRED,
  findDevice,
  findInterface,
  findMic,
  fullKindSpec,
  inputLayoutErrors,
  listDevices,
  listInterfaces,
  listMics,
  needsPhantom,
  suggestIds,
  toDeviceSpec,
  toInterfaceSpec,
} from './catalogue';
import type { ChainSettings, ChainSource } from './chain';
import {
  DEVICE_TYPES,
  INPUT_KINDS,
  MATERIALS,
  MIC_TYPES,
  type ChainDevice,
  type DeviceSpec,
  type InputGroup,
  type InputKind,
  type InterfaceSpec,
  type KindSpec,
  type MaterialId,
  type MicPad,
  type MicSpec,
  type MicType,
  type PhantomSpec,
} from './types';

export interface Range {
  offset: number;
  length: number;
}

export type JsonPath = (string | number)[];

export interface RigInput {
  id: string;
  name: string;
  /** The interface input it is plugged into (1-based), when the rig says. */
  interfaceInput: number | null;
  source: ChainSource;
  material: MaterialId | null;
  /** Today's settings. */
  settings: ChainSettings;
  /** The input's own targets, over its material's, the rig's and the settings'. */
  targets: { peakDbfs?: number; averageDbfs?: number };
  takes?: string;
  /** JSON path of this input in the file, for locating its fields. */
  path: JsonPath;
}

/** The settings a take was recorded with; fields the record leaves out are today's (and `complete` is false). */
export interface TakeRecord {
  /** The take's path relative to the rig file's folder, with forward slashes. */
  take: string;
  input: string;
  settings: ChainSettings;
  complete: boolean;
  /** ISO time the record was written, when it says. */
  at: string | null;
  path: JsonPath;
}

export interface RigRequirements {
  simultaneousInputs?: number;
  micPreamps?: number;
  instrumentInputs?: number;
  lineInputs?: number;
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
export const REQUIREMENT_KEYS = [
  'simultaneousInputs',
  'micPreamps',
  'instrumentInputs',
  'lineInputs',
  'phantomChannels',
  'monitorSets',
  'headphoneOutputs',
  'midiIn',
  'midiOut',
  'maxEinDbu',
  'sampleRateHz',
] as const;

export interface RigOutputs {
  /** Speaker sets to switch between, each on a named output (e.g. "Line 1-2"). */
  monitorSets: { name: string; output: string }[];
  /** Headphone mixes, each on a headphone output numbered from 1. */
  headphoneMixes: { name: string; output: number }[];
}

export interface RigTargets {
  peakDbfs?: number;
  averageDbfs?: number;
  /** A predicted noise floor above this (dBFS) is a problem. */
  maxNoiseFloorDbfs: number;
}

export interface Rig {
  name: string;
  interface: InterfaceSpec;
  /** The rig's `converterReferenceDbu` (0 dBFS = +N dBu after the preamp), overriding the published figures; null when not set. */
  converterReferenceDbu: number | null;
  targets: RigTargets;
  inputs: RigInput[];
  outputs: RigOutputs;
  requirements: RigRequirements;
  recorded: TakeRecord[];
  /** Devices the studio has at hand beyond those in use (boosters, attenuators): the advice may suggest them. */
  available: DeviceSpec[];
}

/** A quick fix: set the value at `path` (undefined removes it). Edits are computed on demand by `fixEdits`. */
export interface RigFix {
  description: string;
  changes: { path: JsonPath; value: unknown }[];
}

export interface RigProblem {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  range: Range;
  fix?: RigFix;
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
  /** The inputs and targets that parsed, even when the interface did not (recommend needs no interface). */
  inputs: RigInput[];
  targets: RigTargets;
  problems: RigProblem[];
}

export const DEFAULT_MAX_NOISE_FLOOR_DBFS = -70;

/** Limits on what a rig file may ask of the parser: beyond them the file is refused with a clear error. */
export const RIG_LIMITS = { maxBytes: 2 * 1024 * 1024, maxDepth: 64, maxInputs: 512, maxRecords: 10000 };

/** Takes globs may not leave the rig's folder: a rig file must never point Headroom elsewhere. */
export function isSafeGlob(glob: string): boolean {
  return !glob.startsWith('/') && !/^[a-zA-Z]:/.test(glob) && !glob.split(/[\\/]/).includes('..');
}

export function rangeOf(node: Node | undefined, fallback: Range = { offset: 0, length: 0 }): Range {
  return node ? { offset: node.offset, length: node.length } : fallback;
}

/** The range of a value at a path, or of its nearest existing parent. */
export function locate(doc: Pick<RigDocument, 'root'>, path: JsonPath): Range {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.root && findNodeAtLocation(doc.root, path.slice(0, n));
    if (node) return rangeOf(node);
  }
  return { offset: 0, length: 0 };
}

const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2 } };

/** The text edits of a quick fix, against the document's text. */
export function fixEdits(text: string, fix: RigFix): { offset: number; length: number; newText: string }[] {
  let current = text;
  let edits: { offset: number; length: number; newText: string }[] = [];
  // Each change is computed on the text the previous ones produced, then all are expressed as one
  // replacement of the span they touched, so editors apply them atomically.
  for (const c of fix.changes) {
    const es = modify(current, c.path, c.value, FORMAT);
    for (const e of [...es].sort((a, b) => b.offset - a.offset)) current = current.slice(0, e.offset) + e.content + current.slice(e.offset + e.length);
    edits = edits.concat(es.map((e) => ({ offset: e.offset, length: e.length, newText: e.content })));
  }
  if (fix.changes.length <= 1) return edits;
  let start = 0;
  while (start < text.length && start < current.length && text[start] === current[start]) start++;
  let endOld = text.length;
  let endNew = current.length;
  while (endOld > start && endNew > start && text[endOld - 1] === current[endNew - 1]) {
    endOld--;
    endNew--;
  }
  return [{ offset: start, length: endOld - start, newText: current.slice(start, endNew) }];
}

export const setFix = (description: string, path: JsonPath, value: unknown): RigFix => ({ description, changes: [{ path, value }] });

class Reader {
  constructor(
    readonly root: Node,
    readonly problems: RigProblem[],
  ) {}

  fail(path: JsonPath, expected: string): undefined {
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

  error(code: string, path: JsonPath, message: string): void {
    this.problems.push({ code, severity: 'error', message, range: locate({ root: this.root }, path) });
  }

  value(path: JsonPath): unknown {
    const node = findNodeAtLocation(this.root, path);
    return node ? getNodeValue(node) : undefined;
  }

  has(path: JsonPath): boolean {
    return findNodeAtLocation(this.root, path) !== undefined;
  }

  /** A finite number within bounds. Absent: `fallback` (or undefined when optional). null counts as absent where `nullable`. */
  number(
    path: JsonPath,
    opts: { min?: number; max?: number; optional?: boolean; fallback?: number; nullable?: boolean; integer?: boolean } = {},
  ): number | undefined {
    const v = this.value(path);
    if (v === undefined || (v === null && opts.nullable)) {
      if (opts.optional || opts.fallback !== undefined || opts.nullable) return opts.fallback;
    }
    const bounds =
      opts.min !== undefined && opts.max !== undefined
        ? ` from ${opts.min} to ${opts.max}`
        : opts.min !== undefined
          ? ` >= ${opts.min}`
          : opts.max !== undefined
            ? ` <= ${opts.max}`
            : '';
    if (
      typeof v !== 'number' ||
      !Number.isFinite(v) ||
      (opts.min !== undefined && v < opts.min) ||
      (opts.max !== undefined && v > opts.max) ||
      (opts.integer && !Number.isInteger(v))
    ) {
      return this.fail(path, `${opts.integer ? 'a whole number' : 'a number'}${bounds}`);
    }
    return v;
  }

  string(path: JsonPath, opts: { optional?: boolean; fallback?: string; oneOf?: readonly string[] } = {}): string | undefined {
    const v = this.value(path);
    if (v === undefined && (opts.optional || opts.fallback !== undefined)) return opts.fallback;
    if (typeof v !== 'string' || (opts.oneOf && !opts.oneOf.includes(v)))
      return this.fail(path, opts.oneOf ? `one of ${opts.oneOf.map((o) => `"${o}"`).join(', ')}` : 'a string');
    return v;
  }

  boolean(path: JsonPath, fallback: boolean): boolean {
    const v = this.value(path);
    if (v === undefined) return fallback;
    if (typeof v !== 'boolean') {
      this.fail(path, 'true or false');
      return fallback;
    }
    return v;
  }

  count(path: JsonPath, fallback = 0): number {
    return this.number(path, { min: 0, max: 4096, integer: true, fallback }) ?? fallback;
  }

  /** Node children of an array at `path`; reports a non-array. */
  array(path: JsonPath, what: string): Node[] {
    const node = findNodeAtLocation(this.root, path);
    if (!node) return [];
    if (node.type !== 'array') {
      this.fail(path, what);
      return [];
    }
    return node.children ?? [];
  }
}

/**
 * An unknown catalogue id: the error sits on the id, with the likely ids as suggestions, and a quick
 * fix when there is just one.
 */
function unknownId(r: Reader, path: JsonPath, id: string, ids: string[], code: string, what: string, inline: string): void {
  const suggestions = suggestIds(id, ids);
  const quoted = suggestions.map((s) => `"${s}"`);
  const mean =
    quoted.length === 0 ? '.' : `: did you mean ${quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`}?`;
  r.problems.push({
    code,
    severity: 'error',
    message: `No ${what} "${id}" in the catalogue${mean} Or describe it inline (${inline}).`,
    range: locate({ root: r.root }, path),
    ...(suggestions.length === 1 ? { fix: setFix(`Use "${suggestions[0]}"`, path, suggestions[0]) } : {}),
  });
}

const LEGACY_INTERFACE_KEYS = ['micPreamps', 'gainRangeDb', 'maxInputDbu', 'einDbu', 'converterReferenceDbu'];

function readKinds(r: Reader, base: JsonPath): InterfaceSpec['kinds'] {
  const raw = r.value(base);
  const kinds: InterfaceSpec['kinds'] = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    r.fail(base, 'an object of input kinds ("mic", "line", "line-fixed", "instrument", "digital"), each with its figures');
    return kinds;
  }
  for (const k of Object.keys(raw)) {
    if (!INPUT_KINDS.includes(k as InputKind)) {
      r.fail([...base, k], `an input kind: ${INPUT_KINDS.join(', ')}`);
      continue;
    }
    const kind = k as InputKind;
    const p = (f: string) => [...base, kind, f];
    const spec: Partial<KindSpec> = {};
    if (kind !== 'line-fixed' && kind !== 'digital') {
      const range = r.value(p('gainRangeDb'));
      if (range === null || range === undefined) spec.gainRangeDb = null;
      else {
        const lo = r.number([...p('gainRangeDb'), 0], { min: -40, max: 100 });
        const hi = r.number([...p('gainRangeDb'), 1], { min: -40, max: 100 });
        if (lo !== undefined && hi !== undefined) {
          if (lo > hi) r.fail(p('gainRangeDb'), '[min, max] with min <= max');
          else spec.gainRangeDb = [lo, hi];
        }
      }
    }
    if (kind !== 'digital') {
      spec.maxInputDbu = r.number(p('maxInputDbu'), { min: -60, max: 40, nullable: true }) ?? null;
      spec.dynamicRangeDb = r.number(p('dynamicRangeDb'), { min: 60, max: 150, nullable: true }) ?? null;
    }
    if (kind === 'mic') spec.einDbu = r.number(p('einDbu'), { min: -140, max: -90, nullable: true }) ?? null;
    kinds[kind] = fullKindSpec(kind, spec);
  }
  return kinds;
}

function readInterface(r: Reader): InterfaceSpec | undefined {
  const v = r.value(['interface']);
  if (typeof v === 'string') {
    const found = findInterface(v);
    if (found) return toInterfaceSpec(found);
    unknownId(
      r,
      ['interface'],
      v,
      listInterfaces().map((i) => i.id),
      'unknown-interface',
      'interface',
      'name, inputs, kinds, phantom, outputs',
    );
    return undefined;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    r.fail(['interface'], 'an object describing the audio interface, or a catalogue id');
    return undefined;
  }
  const legacy = LEGACY_INTERFACE_KEYS.filter((k) => k in v);
  if (legacy.length > 0) {
    r.error(
      'legacy-interface',
      ['interface', legacy[0]!],
      `The interface uses the old form (${legacy.join(', ')}): describe its inputs as "inputs": [{ "first", "last", "kinds", "pad" }] and each kind's figures under "kinds" ("mic": { "gainRangeDb", "maxInputDbu", "einDbu", "dynamicRangeDb" }, ...); the rig's 0 dBFS override stays at the top as "converterReferenceDbu".`,
    );
  }
  const p = (...k: (string | number)[]) => ['interface', ...k];
  const name = r.string(p('name')) ?? 'interface';
  const kinds = readKinds(r, p('kinds'));
  const groups: InputGroup[] = [];
  const rawInputs = r.value(p('inputs'));
  if (!Array.isArray(rawInputs)) r.fail(p('inputs'), 'a list of input groups: [{ "first": 1, "last": 2, "kinds": ["mic", "line"], "pad": { "db": 10 } }]');
  else {
    const layout = inputLayoutErrors(rawInputs, kinds);
    for (const msg of layout) r.error('invalid-value', p('inputs'), `Interface ${msg}.`);
    if (layout.length === 0)
      for (const g of rawInputs as InputGroup[]) groups.push({ first: g.first, last: g.last, kinds: [...g.kinds], pad: g.pad ? { db: g.pad.db } : null });
  }
  const rates = r.value(p('sampleRates'));
  let sampleRates: number[] | null = null;
  if (Array.isArray(rates)) sampleRates = rates.map((_, i) => r.number([...p('sampleRates'), i], { min: 8000, max: 768000, integer: true }) ?? 0);
  else if (rates !== undefined && rates !== null) r.fail(p('sampleRates'), 'a list of sample rates in Hz, or null');
  const micInputs = groups.filter((g) => g.kinds.includes('mic')).reduce((n, g) => n + g.last - g.first + 1, 0);
  // An inline figure set to null is the rig's way of saying "not published".
  const unpublished: string[] = [];
  for (const [k, spec] of Object.entries(kinds))
    for (const [f, v] of Object.entries(spec)) if (v === null && f !== 'einDbu') unpublished.push(`kinds.${k}.${f}`);
  if (r.value(p('phantom')) === null) unpublished.push('phantom');
  return {
    unpublished,
    name,
    category: r.string(p('category'), { fallback: 'interface', oneOf: ['interface', 'recorder'] }) === 'recorder' ? 'recorder' : 'interface',
    float32: r.boolean(p('float32'), false),
    inputs: groups,
    kinds,
    phantom: readPhantom(r, micInputs),
    lineOutputs: r.count(p('lineOutputs')),
    monitorPairs: r.count(p('monitorPairs')),
    headphoneOutputs: r.count(p('headphoneOutputs')),
    midi: { in: r.count(p('midi', 'in')), out: r.count(p('midi', 'out')) },
    sampleRates,
  };
}

function readPhantom(r: Reader, micInputs: number): PhantomSpec | null {
  const switching = r.string(['interface', 'phantom', 'switching'], { optional: true, oneOf: ['per-channel', 'global', 'groups'] });
  if (!switching) return null;
  const channels = r.count(['interface', 'phantom', 'channels'], micInputs);
  if (switching === 'groups')
    return { switching, channels, groupSize: r.number(['interface', 'phantom', 'groupSize'], { min: 1, max: 256, integer: true }) ?? channels };
  return { switching: switching === 'global' ? 'global' : 'per-channel', channels };
}

const MIC_INLINE = 'name, type, sensitivityDbvPa, maxSplDb, selfNoiseDbA, pads';

function readMic(r: Reader, micPath: JsonPath): MicSpec | undefined {
  const mic = r.value(micPath);
  if (typeof mic === 'string') {
    const found = findMic(mic);
    if (!found) {
      unknownId(
        r,
        micPath,
        mic,
        listMics().map((m) => m.id),
        'unknown-mic',
        'microphone',
        MIC_INLINE,
      );
      return undefined;
    }
    if (found.sensitivityDbvPa === null) {
      r.error(
        'mic-sensitivity-unknown',
        micPath,
        `${found.name}'s sensitivity is not published, so its level cannot be computed: describe it inline (${MIC_INLINE}) with a measured sensitivity.`,
      );
      return undefined;
    }
    return {
      name: found.name,
      catalogueId: found.id,
      type: found.type,
      sensitivityDbvPa: found.sensitivityDbvPa,
      maxSplDb: found.maxSplDb,
      selfNoiseDbA: found.selfNoiseDbA,
      pads: found.pads ? found.pads.map((p) => ({ ...p })) : null,
    };
  }
  if (typeof mic !== 'object' || mic === null || Array.isArray(mic)) {
    r.fail(micPath, `a catalogue microphone id or an inline microphone (${MIC_INLINE})`);
    return undefined;
  }
  const type = r.string([...micPath, 'type'], { oneOf: [...MIC_TYPES] });
  const sens = r.number([...micPath, 'sensitivityDbvPa'], { min: -100, max: 0 });
  const maxSplDb = r.number([...micPath, 'maxSplDb'], { min: 60, max: 200, nullable: true }) ?? null;
  const selfNoiseDbA = r.number([...micPath, 'selfNoiseDbA'], { min: -10, max: 60, nullable: true }) ?? null;
  const pads: MicPad[] = [];
  r.array([...micPath, 'pads'], 'a list of the mic\'s pads: [{ "db": 10, "maxSplDb": 137 }]').forEach((_, i) => {
    const db = r.number([...micPath, 'pads', i, 'db'], { min: 1, max: 40 });
    const max = r.number([...micPath, 'pads', i, 'maxSplDb'], { min: 60, max: 200, nullable: true }) ?? null;
    if (db !== undefined) pads.push({ db, maxSplDb: max });
  });
  const name = r.string([...micPath, 'name'], { fallback: 'microphone' })!;
  if (!type || sens === undefined) return undefined;
  return { name, type: type as MicType, sensitivityDbvPa: sens, maxSplDb, selfNoiseDbA, pads };
}

function readSource(r: Reader, path: JsonPath): ChainSource | undefined {
  const kind = r.string([...path, 'kind'], { oneOf: ['mic', 'line', 'instrument'] });
  if (kind === 'mic') {
    const mic = readMic(r, [...path, 'mic']);
    const peakSplDb = r.number([...path, 'peakSplDb'], { min: 0, max: 200 });
    const averageSplDb = r.number([...path, 'averageSplDb'], { optional: true, min: 0, max: 200 });
    if (peakSplDb !== undefined && averageSplDb !== undefined && averageSplDb > peakSplDb) {
      r.error(
        'average-above-peak',
        [...path, 'averageSplDb'],
        `"averageSplDb" (${averageSplDb}) is above "peakSplDb" (${peakSplDb}): an average cannot exceed the peak.`,
      );
    }
    if (!mic || peakSplDb === undefined) return undefined;
    return { kind, mic, peakSplDb, ...(averageSplDb !== undefined && averageSplDb <= peakSplDb ? { averageSplDb } : {}) };
  }
  if (kind === 'line' || kind === 'instrument') {
    const peakDbu = r.number([...path, 'peakDbu'], { min: -100, max: 40 });
    const averageDbu = r.number([...path, 'averageDbu'], { optional: true, min: -120, max: 40 });
    if (peakDbu !== undefined && averageDbu !== undefined && averageDbu > peakDbu) {
      r.error(
        'average-above-peak',
        [...path, 'averageDbu'],
        `"averageDbu" (${averageDbu}) is above "peakDbu" (${peakDbu}): an average cannot exceed the peak.`,
      );
    }
    if (peakDbu === undefined) return undefined;
    return { kind, peakDbu, ...(averageDbu !== undefined && averageDbu <= peakDbu ? { averageDbu } : {}) };
  }
  return undefined;
}

const DEVICE_INLINE = 'name, type, gainDb, needsPhantom, passesPhantom, output';

/**
 * One inline device: a catalogue id, { "device": id, "gainDb": setting, ... } naming its setting and
 * any figure the catalogue does not publish (its gain, whether it needs or passes 48 V, what it
 * feeds), or described inline.
 */
function readDevice(r: Reader, path: JsonPath): ChainDevice | undefined {
  const v = r.value(path);
  const obj = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  const id = typeof v === 'string' ? v : typeof obj?.device === 'string' ? obj.device : undefined;
  if (id === undefined && obj === null) {
    r.fail(path, `a catalogue device id, { "device": id, "gainDb": setting }, or an inline device (${DEVICE_INLINE})`);
    return undefined;
  }
  if (id === undefined) {
    const type = r.string([...path, 'type'], { oneOf: [...DEVICE_TYPES] });
    const gain = r.number([...path, 'gainDb'], { min: -80, max: 80 });
    const needs = r.boolean([...path, 'needsPhantom'], type === 'booster');
    const passes = r.boolean([...path, 'passesPhantom'], type === 'attenuator');
    const output = r.string([...path, 'output'], { fallback: type === 'preamp' ? 'line' : 'mic', oneOf: ['mic', 'line'] }) as 'mic' | 'line';
    const dbu = (k: string) => r.number([...path, k], { min: -60, max: 40, nullable: true }) ?? null;
    const maxInputDbu = dbu('maxInputDbu');
    const maxOutputDbu = dbu('maxOutputDbu');
    const einDbu = r.number([...path, 'einDbu'], { min: -140, max: -90, nullable: true }) ?? null;
    if (!type || gain === undefined) return undefined;
    return {
      spec: {
        name: r.string([...path, 'name'], { fallback: type })!,
        type: type as DeviceSpec['type'],
        gainDb: [gain],
        gainRangeDb: null,
        needsPhantom: needs,
        passesPhantom: passes,
        input: type === 'di' ? 'instrument' : 'mic',
        output,
        maxInputDbu,
        maxOutputDbu,
        einDbu,
      },
      gainDb: gain,
    };
  }
  const idPath = typeof v === 'string' ? path : [...path, 'device'];
  const found = findDevice(id);
  if (!found) {
    unknownId(
      r,
      idPath,
      id,
      listDevices().map((d) => d.id),
      'unknown-device',
      'device',
      DEVICE_INLINE,
    );
    return undefined;
  }
  // Figures the catalogue leaves unpublished come from the rig; a published one cannot be overridden.
  const given: Partial<Pick<DeviceSpec, 'needsPhantom' | 'passesPhantom' | 'output'>> = {};
  for (const k of DEVICE_REQUIRED) {
    if (obj?.[k] === undefined) continue;
    if (found[k] !== null) r.fail([...path, k], `left out: ${found.name} publishes it (${String(found[k])})`);
    else if (k === 'output') given.output = r.string([...path, k], { oneOf: ['mic', 'line'] }) as 'mic' | 'line' | undefined;
    else given[k] = r.boolean([...path, k], false);
  }
  const spec = toDeviceSpec(found, given);
  if (!spec) {
    const missing = DEVICE_REQUIRED.filter((k) => found[k] === null && given[k] === undefined);
    r.fail(
      idPath,
      `a device whose ${missing.join(', ')} the rig gives, since ${found.name} does not publish ${missing.length === 1 ? 'it' : 'them'}: { "device": "${id}", ${missing.map((k) => `"${k}": ${k === 'output' ? '"mic"' : 'true'}`).join(', ')} }`,
    );
    return undefined;
  }
  // A catalogue device at one of its settings: the only one, or the one the rig names.
  const chosen = obj ? r.number([...path, 'gainDb'], { optional: true, min: -80, max: 80 }) : undefined;
  if (spec.gainDb === null && spec.gainRangeDb === null) {
    // Its gain is not published: the rig has to say what the unit does (from its manual or a measurement).
    if (chosen !== undefined) return { spec: { ...spec, gainDb: [chosen] }, gainDb: chosen };
    r.fail(idPath, `the ${spec.name}'s gain, which is not published: { "device": "${id}", "gainDb": N } from its manual or a measurement`);
    return undefined;
  }
  if (chosen !== undefined) {
    const ok = spec.gainDb ? spec.gainDb.includes(chosen) : chosen >= spec.gainRangeDb![0] && chosen <= spec.gainRangeDb![1];
    if (!ok) {
      r.fail(
        [...path, 'gainDb'],
        `a setting the ${spec.name} has: ${spec.gainDb ? spec.gainDb.join(', ') + ' dB' : `${spec.gainRangeDb![0]}–${spec.gainRangeDb![1]} dB`}`,
      );
      return undefined;
    }
    return { spec, gainDb: chosen };
  }
  if (spec.gainDb && spec.gainDb.length === 1) return { spec, gainDb: spec.gainDb[0]! };
  r.fail(
    idPath,
    `the ${spec.name}'s setting: { "device": "${id}", "gainDb": ${spec.gainDb ? spec.gainDb.join(' | ') : `${spec.gainRangeDb![0]}..${spec.gainRangeDb![1]}`} }`,
  );
  return undefined;
}

/** The kind an input uses when the rig does not say: what its last device or its source feeds. */
function defaultKind(source: unknown, deviceOutputs: (string | null)[]): InputKind {
  const last = deviceOutputs[deviceOutputs.length - 1];
  if (last !== undefined) return last === 'line' ? 'line' : 'mic';
  const k = typeof source === 'object' && source !== null ? (source as { kind?: unknown }).kind : undefined;
  return k === 'line' || k === 'instrument' ? k : 'mic';
}

/** Settings fields shared by inputs and take records, read at `base`; `today` fills what a record leaves out. */
function readSettings(r: Reader, base: JsonPath, source: unknown, today: ChainSettings | null): { settings: ChainSettings | undefined; complete: boolean } {
  const devices: ChainDevice[] = [];
  let devicesOk = true;
  const hasDevices = r.has([...base, 'devices']);
  if (hasDevices) {
    r.array([...base, 'devices'], 'a list of inline devices (catalogue ids or inline objects)').forEach((_, i) => {
      const d = readDevice(r, [...base, 'devices', i]);
      if (d) devices.push(d);
      else devicesOk = false;
    });
  }
  const kind =
    (r.string([...base, 'inputType'], { optional: true, oneOf: INPUT_KINDS }) as InputKind | undefined) ??
    today?.kind ??
    defaultKind(
      source,
      devices.map((d) => d.spec.output),
    );
  const fixedGain = kind === 'line-fixed' || kind === 'digital';
  const gain = r.number([...base, 'preampGainDb'], { min: -40, max: 100, optional: fixedGain || today !== null });
  const padDb = r.number([...base, 'padDb'], { min: 0, max: 60, optional: true });
  const micPadDb = r.number([...base, 'micPadDb'], { min: 0, max: 40, optional: true });
  const phantomGiven = r.has([...base, 'phantom']);
  const phantom = r.boolean([...base, 'phantom'], today?.phantom ?? false);
  const gainDb = gain ?? (fixedGain ? 0 : today?.gainDb);
  if (gainDb === undefined || !devicesOk) return { settings: undefined, complete: false };
  const complete = r.has([...base, 'preampGainDb']) && padDb !== undefined && phantomGiven && r.has([...base, 'inputType']);
  return {
    settings: {
      kind,
      gainDb,
      padDb: padDb ?? today?.padDb ?? 0,
      micPadDb: micPadDb ?? today?.micPadDb ?? 0,
      devices: hasDevices ? devices : (today?.devices ?? []),
      phantom,
    },
    complete,
  };
}

function readInput(r: Reader, i: number): RigInput | undefined {
  const path: JsonPath = ['inputs', i];
  const id = r.string([...path, 'id']);
  const name = r.string([...path, 'name'], { optional: true });
  const interfaceInput = r.number([...path, 'interfaceInput'], { min: 1, max: 256, integer: true, optional: true });
  const rawSource = r.value([...path, 'source']);
  const source = readSource(r, [...path, 'source']);
  const material = r.string([...path, 'material'], { optional: true, oneOf: MATERIALS }) as MaterialId | undefined;
  const { settings } = readSettings(r, path, rawSource, null);
  const targets: RigInput['targets'] = {};
  for (const k of ['peakDbfs', 'averageDbfs'] as const) {
    const v = r.number([...path, 'targets', k], { optional: true, min: -60, max: 0 });
    if (v !== undefined) targets[k] = v;
  }
  const takes = r.string([...path, 'takes'], { optional: true });
  if (id === undefined || !source || !settings) return undefined;
  return {
    id,
    name: name ?? id,
    interfaceInput: interfaceInput ?? null,
    source,
    material: material ?? null,
    settings,
    targets,
    ...(takes !== undefined ? { takes } : {}),
    path,
  };
}

function readRecords(r: Reader, root: Node, inputs: RigInput[]): TakeRecord[] {
  const node = findNodeAtLocation(root, ['recorded']);
  if (!node) return [];
  if (node.type !== 'object') {
    r.fail(['recorded'], 'an object of take records: { "takes/vox-01.wav": { "input": "vox", "preampGainDb": 30, ... } }');
    return [];
  }
  const records: TakeRecord[] = [];
  for (const prop of (node.children ?? []).slice(0, RIG_LIMITS.maxRecords)) {
    const take = prop.children?.[0]?.value;
    if (typeof take !== 'string') continue;
    const path: JsonPath = ['recorded', take];
    const inputId = r.string([...path, 'input']);
    const input = inputs.find((i) => i.id === inputId);
    if (inputId !== undefined && !input) {
      r.error('unknown-record-input', [...path, 'input'], `The record of "${take}" names input "${inputId}", which this rig does not have.`);
      continue;
    }
    if (!input) continue;
    const { settings, complete } = readSettings(r, path, null, input.settings);
    const at = r.string([...path, 'at'], { optional: true });
    if (settings) records.push({ take: take.split('\\').join('/'), input: input.id, settings, complete, at: at ?? null, path });
  }
  return records;
}

/** The deepest nesting of arrays and objects, found without recursion (a hostile file may nest thousands deep). */
function nestingDepth(text: string): { depth: number; offset: number } {
  let depth = 0;
  let max = 0;
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
    } else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      while (i < text.length && text.charCodeAt(i) !== 10) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === 91 || c === 123) {
      if (++depth > max) {
        max = depth;
        at = i;
      }
    } else if (c === 93 || c === 125) depth--;
  }
  return { depth: max, offset: at };
}

export function parseRig(rawText: string, fileName: string): RigDocument {
  // A UTF-8 byte-order mark is not JSON, but editors write it: read past it, keeping offsets.
  const text = rawText.charCodeAt(0) === 0xfeff ? ' ' + rawText.slice(1) : rawText;
  const empty = { inputs: [], targets: { maxNoiseFloorDbfs: DEFAULT_MAX_NOISE_FLOOR_DBFS } };
  const refuse = (message: string, offset: number): RigDocument => ({
    fileName,
    text: rawText,
    root: undefined,
    rig: null,
    needs: null,
    ...empty,
    problems: [{ code: 'too-large', severity: 'error', message, range: { offset, length: 0 } }],
  });
  if (text.length > RIG_LIMITS.maxBytes)
    return refuse(`The rig file is ${Math.round(text.length / 1024)} KB; Headroom reads rig files up to ${RIG_LIMITS.maxBytes / 1024 / 1024} MB.`, 0);
  const nesting = nestingDepth(text);
  if (nesting.depth > RIG_LIMITS.maxDepth)
    return refuse(`The rig file nests ${nesting.depth} levels deep at byte ${nesting.offset}; a rig needs fewer than ${RIG_LIMITS.maxDepth}.`, nesting.offset);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const problems: RigProblem[] = errors.map((e) => ({
    code: 'syntax',
    severity: 'error',
    message: `JSON syntax: ${printParseErrorCode(e.error)}.`,
    range: { offset: e.offset, length: e.length },
  }));
  if (!root || root.type !== 'object') {
    if (problems.length === 0)
      problems.push({ code: 'syntax', severity: 'error', message: 'A rig file is a JSON object.', range: { offset: 0, length: text.length } });
    return { fileName, text: rawText, root, rig: null, needs: null, ...empty, problems };
  }
  const r = new Reader(root, problems);
  const iface = readInterface(r);
  const inputNodes = r.array(['inputs'], 'an array of inputs');
  // After a syntax error the tree is a guess: what seems missing may be behind the error.
  if (!r.has(['inputs']) && errors.length === 0) r.fail(['inputs'], 'an array of inputs');
  if (inputNodes.length > RIG_LIMITS.maxInputs)
    r.error('too-large', ['inputs', RIG_LIMITS.maxInputs], `${inputNodes.length} inputs: Headroom checks up to ${RIG_LIMITS.maxInputs}; the rest are ignored.`);
  const inputs: RigInput[] = [];
  const inputNeeds: InputNeed[] = [];
  for (let i = 0; i < Math.min(inputNodes.length, RIG_LIMITS.maxInputs); i++) {
    inputNeeds.push(inputNeed(r, ['inputs', i]));
    const input = readInput(r, i);
    if (input) inputs.push(input);
  }
  const converterReferenceDbu = r.number(['converterReferenceDbu'], { optional: true, min: -20, max: 40 }) ?? null;
  const targets: RigTargets = {
    maxNoiseFloorDbfs: r.number(['targets', 'maxNoiseFloorDbfs'], { optional: true, min: -160, max: 0 }) ?? DEFAULT_MAX_NOISE_FLOOR_DBFS,
  };
  for (const k of ['peakDbfs', 'averageDbfs'] as const) {
    const v = r.number(['targets', k], { optional: true, min: -60, max: 0 });
    if (v !== undefined) targets[k] = v;
  }
  const requirements: RigRequirements = {};
  for (const k of REQUIREMENT_KEYS) {
    const v =
      k === 'maxEinDbu'
        ? r.number(['requirements', k], { optional: true, min: -160, max: -90 })
        : r.number(['requirements', k], { optional: true, min: k === 'sampleRateHz' ? 8000 : 0, max: k === 'sampleRateHz' ? 768000 : 4096, integer: true });
    if (v !== undefined) requirements[k] = v;
  }
  const outputs = readOutputs(r, root);
  const recorded = readRecords(r, root, inputs);
  const available = r.array(['available'], 'a list of devices at hand (catalogue ids or inline devices)').flatMap((_, i) => {
    const d = readDevice(r, ['available', i]);
    return d ? [d.spec] : [];
  });
  const needs = effectiveRequirements(requirements, inputNeeds, outputs);
  if (!iface) return { fileName, text: rawText, root, rig: null, needs, inputs, targets, problems };
  const rig: Rig = {
    name: r.string(['name'], { fallback: fileName })!,
    interface: iface,
    converterReferenceDbu,
    targets,
    inputs,
    outputs,
    requirements,
    recorded,
    available,
  };
  return { fileName, text: rawText, root, rig, needs, inputs, targets, problems };
}

function readOutputs(r: Reader, root: Node): RigOutputs {
  const outputs: RigOutputs = { monitorSets: [], headphoneMixes: [] };
  const outNode = findNodeAtLocation(root, ['outputs']);
  if (outNode && outNode.type !== 'object') {
    r.fail(['outputs'], 'an object with "monitorSets" and "headphoneMixes"');
    return outputs;
  }
  for (const key of ['monitorSets', 'headphoneMixes'] as const) {
    r.array(['outputs', key], 'an array').forEach((_, i) => {
      const path = ['outputs', key, i];
      const name = r.string([...path, 'name']);
      if (key === 'monitorSets') {
        const output = r.string([...path, 'output']);
        if (name !== undefined && output !== undefined) outputs.monitorSets.push({ name, output });
      } else {
        const output = r.number([...path, 'output'], { min: 1, max: 64, integer: true });
        if (name !== undefined && output !== undefined) outputs.headphoneMixes.push({ name, output });
      }
    });
  }
  return outputs;
}

/** What one input in use asks of an interface. */
export interface InputNeed {
  kind: InputKind;
  phantom: boolean;
  micType?: MicType;
}

/** Read from the raw values, so an input with some other mistake still counts towards the needs. */
function inputNeed(r: Reader, path: JsonPath): InputNeed {
  const type = r.value([...path, 'inputType']);
  const source = r.value([...path, 'source']);
  const mic = r.value([...path, 'source', 'mic']);
  const micType = typeof mic === 'string' ? findMic(mic)?.type : typeof mic === 'object' && mic !== null ? (mic as { type?: unknown }).type : undefined;
  const rawDevices = r.value([...path, 'devices']);
  // What each device feeds and whether it draws 48 V, from the catalogue or as written inline.
  const devices = (Array.isArray(rawDevices) ? rawDevices : []).map((d): { output: string | null; needsPhantom: boolean } => {
    const o = typeof d === 'object' && d !== null ? (d as Record<string, unknown>) : {};
    const id = typeof d === 'string' ? d : typeof o.device === 'string' ? o.device : undefined;
    const found = id === undefined ? undefined : findDevice(id);
    const output = found?.output ?? (typeof o.output === 'string' ? o.output : o.type === 'preamp' ? 'line' : 'mic');
    const needs = found?.needsPhantom ?? (typeof o.needsPhantom === 'boolean' ? o.needsPhantom : o.type === 'booster');
    return { output, needsPhantom: needs };
  });
  return {
    kind: INPUT_KINDS.includes(type as InputKind)
      ? (type as InputKind)
      : defaultKind(
          source,
          devices.map((d) => d.output),
        ),
    // A booster or active DI draws 48 V from the input even when the mic needs none.
    phantom: r.value([...path, 'phantom']) === true || devices.some((d) => d.needsPhantom === true),
    ...(typeof micType === 'string' && MIC_TYPES.includes(micType as MicType) ? { micType: micType as MicType } : {}),
  };
}

/**
 * The stated requirements, raised to what the inputs and outputs in use need: as many inputs
 * recorded at once as there are inputs; a preamp per mic input; a Hi-Z input per instrument input;
 * a line input per line input; phantom power for every input that has it on or carries a condenser
 * or active ribbon; a monitor pair per monitor set and a headphone output per headphone mix.
 */
export function effectiveRequirements(
  stated: RigRequirements,
  inputs: InputNeed[],
  outputs: RigOutputs = { monitorSets: [], headphoneMixes: [] },
): RigRequirements {
  const out: RigRequirements = { ...stated };
  const raise = (
    k: 'simultaneousInputs' | 'micPreamps' | 'instrumentInputs' | 'lineInputs' | 'phantomChannels' | 'monitorSets' | 'headphoneOutputs',
    n: number,
  ) => {
    if (n > 0 && n > (out[k] ?? 0)) out[k] = n;
  };
  raise('simultaneousInputs', inputs.length);
  raise('micPreamps', inputs.filter((i) => i.kind === 'mic').length);
  raise('instrumentInputs', inputs.filter((i) => i.kind === 'instrument').length);
  raise('lineInputs', inputs.filter((i) => i.kind === 'line' || i.kind === 'line-fixed').length);
  raise('phantomChannels', inputs.filter((i) => i.phantom || (i.micType !== undefined && needsPhantom(i.micType))).length);
  raise('monitorSets', outputs.monitorSets.length);
  raise('headphoneOutputs', outputs.headphoneMixes.length);
  return out;
}

/** The kind spec the interface publishes for an input kind (all null when it does not have that kind). */
export const kindSpecOf = (iface: InterfaceSpec, kind: InputKind): KindSpec => iface.kinds[kind] ?? fullKindSpec(kind, undefined);
