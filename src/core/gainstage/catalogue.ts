// The catalogue of real interfaces, recorders, microphones, inline devices and source materials
// (catalogue/*.json). Every published value names the document it was read from; a value no
// document gave is null and names why in `unpublished`. The model treats null as unknown: checks
// that need it say so instead of assuming a number.

import devicesData from './catalogue/devices.json';
import interfacesData from './catalogue/interfaces.json';
import materialsData from './catalogue/materials.json';
import micsData from './catalogue/mics.json';
import {
  DEVICE_TYPES,
  INPUT_KINDS,
  MATERIALS,
  MIC_TYPES,
  type DeviceSpec,
  type InputGroup,
  type InputKind,
  type InterfaceSpec,
  type KindSpec,
  type MaterialId,
  type MicPad,
  type MicType,
} from './types';

/** Where a value was published: the document, the page it was read from, and the words read there. */
export interface SourceDocument {
  title: string;
  url: string;
  /** When `url` is not the maker's own page: what it is (a mirror of the user guide, a retailer's copy of the spec table). */
  via?: string;
  /** The passage the values were read from, as printed. */
  quote?: string;
}

interface Sourced {
  id: string;
  name: string;
  manufacturer: string;
  documents: Record<string, SourceDocument>;
  /** Field path (e.g. "kinds.mic.maxInputDbu") -> key in `documents`, for every published value. */
  sources: Record<string, string>;
  /** Field path -> why it is null, for every unpublished value. */
  unpublished: Record<string, string>;
}

export interface CatalogueInterface extends Sourced, Omit<InterfaceSpec, 'name' | 'catalogueId' | 'inputs' | 'float32' | 'unpublished'> {
  /** null: the input layout is not published. */
  inputs: InputGroup[] | null;
  float32: boolean | null;
}

export interface CatalogueMic extends Sourced {
  type: MicType;
  shotgun: boolean;
  sensitivityDbvPa: number | null;
  maxSplDb: number | null;
  selfNoiseDbA: number | null;
  phantomRequired: boolean;
  battery?: boolean;
  /** The mic's own pads; [] when it has none, null when no document says. */
  pads: MicPad[] | null;
}

/** A catalogue device: what its documents publish; a rig names what they do not (see rig.ts readDevice). */
export interface CatalogueDevice extends Sourced, Omit<DeviceSpec, 'name' | 'catalogueId' | 'needsPhantom' | 'passesPhantom' | 'input' | 'output'> {
  needsPhantom: boolean | null;
  passesPhantom: boolean | null;
  input: DeviceSpec['input'] | null;
  output: DeviceSpec['output'] | null;
}

/** A catalogue device's gain settings, or null when its gain is not published (the rig then has to give it). */
export const deviceGainKnown = (d: Pick<DeviceSpec, 'gainDb' | 'gainRangeDb'>): boolean => d.gainDb !== null || d.gainRangeDb !== null;

export interface CatalogueMaterial extends Omit<Sourced, 'name' | 'manufacturer'> {
  id: MaterialId;
  label: string;
  placement: string;
  /** Plausible peak SPL at the mic for the usual placements; null for line sources. */
  peakSplDb: [number, number] | null;
  /** Plausible peak level of a line or instrument source (dBu); null for acoustic sources. */
  peakDbu: [number, number] | null;
  target: { peakDbfs: number | null; averageDbfs: number | null };
}

/** Condensers and active ribbons give no signal without 48 V; dynamics and passive ribbons need none. */
export const needsPhantom = (type: MicType): boolean => type === 'condenser' || type === 'active-ribbon';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isRange = (v: unknown, allowEqual = false): v is [number, number] =>
  Array.isArray(v) && v.length === 2 && isNum(v[0]) && isNum(v[1]) && (allowEqual ? v[0] <= v[1] : v[0] < v[1]);

/**
 * Checks one entry's values and their sourcing. `values` lists the entry's value fields as
 * [path, value, validator]: a validator returns what was expected, or null when the value is fine.
 */
function checkSourced(
  where: string,
  entry: Json,
  values: [string, unknown, ((v: unknown) => string | null) | null][],
  errors: string[],
  extraPaths: readonly string[] = [],
): void {
  const docs = isObj(entry.documents) ? entry.documents : {};
  for (const [key, doc] of Object.entries(docs)) {
    const d = doc as Partial<SourceDocument> | null;
    if (typeof d?.title !== 'string' || d.title === '') errors.push(`${where}: document "${key}" has no title`);
    if (!(typeof d?.url === 'string' && /^https?:\/\//.test(d.url))) errors.push(`${where}: document "${key}" url must be an http(s) address`);
  }
  const sources = isObj(entry.sources) ? (entry.sources as Record<string, unknown>) : {};
  const unpublished = isObj(entry.unpublished) ? (entry.unpublished as Record<string, unknown>) : {};
  const paths = new Set([...values.map(([p]) => p), ...extraPaths]);
  // A range's two ends may come from different documents: "peakSplDb.min", "peakSplDb.max".
  const known = (key: string) => paths.has(key) || paths.has(key.replace(/\.(min|max)$/, ''));
  for (const key of Object.keys(sources)) if (!known(key)) errors.push(`${where}: source for unknown field "${key}"`);
  for (const key of Object.keys(unpublished)) if (!known(key)) errors.push(`${where}: unpublished reason for unknown field "${key}"`);
  for (const [path, v, validate] of values) {
    if (v === undefined) {
      errors.push(`${where}: ${path} missing (null if not published)`);
      continue;
    }
    if (v === null) {
      if (sources[path] !== undefined) errors.push(`${where}: ${path} is null but names a source`);
      if (typeof unpublished[path] !== 'string' || unpublished[path] === '') errors.push(`${where}: ${path} is null without a reason in "unpublished"`);
      continue;
    }
    const bad = validate?.(v);
    if (bad) errors.push(`${where}: ${path} must be ${bad}`);
    if (unpublished[path] !== undefined) errors.push(`${where}: ${path} has a value and an "unpublished" reason`);
    const src = sources[path];
    if (src === undefined) errors.push(`${where}: ${path} has no source`);
    else if (typeof src !== 'string' || !isObj(docs[src])) errors.push(`${where}: ${path} cites unknown document "${String(src)}"`);
  }
}

function checkIds(kind: string, entries: unknown, errors: string[], named: readonly string[] = ['name', 'manufacturer']): Json[] {
  if (!Array.isArray(entries)) {
    errors.push(`${kind}: expected a list`);
    return [];
  }
  const ids = new Set<string>();
  return entries.map((e, i) => {
    const entry = (isObj(e) ? e : {}) as Json;
    const where = `${kind} ${typeof entry.id === 'string' ? entry.id : `#${i}`}`;
    if (typeof entry.id !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(entry.id)) errors.push(`${where}: id must be kebab-case`);
    else if (ids.has(entry.id)) errors.push(`${where}: duplicate id`);
    else ids.add(entry.id);
    for (const k of named) if (typeof entry[k] !== 'string' || entry[k] === '') errors.push(`${where}: ${k} missing`);
    return entry;
  });
}

const whereOf = (kind: string, e: Json) => `${kind} ${String(e.id)}`;

/** The fields each input kind carries; a kind without a gain control has no gain range. */
export const KIND_FIELDS: Record<InputKind, readonly (keyof KindSpec)[]> = {
  mic: ['gainRangeDb', 'maxInputDbu', 'einDbu', 'dynamicRangeDb'],
  line: ['gainRangeDb', 'maxInputDbu', 'dynamicRangeDb'],
  instrument: ['gainRangeDb', 'maxInputDbu', 'dynamicRangeDb'],
  'line-fixed': ['maxInputDbu', 'dynamicRangeDb'],
  digital: [],
};

const kindValidators: Record<keyof KindSpec, (v: unknown) => string | null> = {
  // [0, 0]: a unit with no gain control at all (some float recorders).
  gainRangeDb: (v) => (isRange(v, true) ? null : '[min, max] with min <= max'),
  maxInputDbu: (v) => (isNum(v) && v > -60 && v < 40 ? null : 'dBu between -60 and +40'),
  einDbu: (v) => (isNum(v) && v > -140 && v < -90 ? null : 'dBu between -140 and -90'),
  dynamicRangeDb: (v) => (isNum(v) && v > 60 && v < 150 ? null : 'dB between 60 and 150'),
};

function phantomError(v: unknown): string | null {
  const p = v as { switching?: unknown; channels?: unknown; groupSize?: unknown } | null;
  const ok =
    p &&
    isCount(p.channels) &&
    (p.switching === 'groups'
      ? isCount(p.groupSize) && p.groupSize > 0
      : (p.switching === 'per-channel' || p.switching === 'global') && p.groupSize === undefined);
  return ok ? null : '{ switching: "per-channel" | "global", channels } or { switching: "groups", channels, groupSize }';
}

/** Problems with an interface's input layout: numbered groups that do not overlap, kinds it describes. */
export function inputLayoutErrors(inputs: unknown, kinds: unknown): string[] {
  if (!Array.isArray(inputs) || inputs.length === 0) return ['inputs must be a non-empty list of { first, last, kinds, pad }'];
  const errors: string[] = [];
  const taken = new Set<number>();
  for (const [i, g] of inputs.entries()) {
    const grp = g as Partial<InputGroup> | null;
    if (!grp || !isCount(grp.first) || !isCount(grp.last) || grp.first < 1 || grp.last < grp.first || grp.last > 256) {
      errors.push(`inputs[${i}]: first and last must be input numbers with 1 <= first <= last <= 256`);
      continue;
    }
    if (!Array.isArray(grp.kinds) || grp.kinds.length === 0 || !grp.kinds.every((k) => INPUT_KINDS.includes(k)))
      errors.push(`inputs[${i}]: kinds must list some of ${INPUT_KINDS.join(', ')}`);
    else for (const k of grp.kinds) if (!isObj(kinds) || !isObj((kinds as Json)[k])) errors.push(`inputs[${i}]: kind "${k}" has no entry in "kinds"`);
    if (grp.pad !== null && !(isObj(grp.pad) && (grp.pad.db === null || (isNum(grp.pad.db) && grp.pad.db > 0))))
      errors.push(`inputs[${i}]: pad must be null (no pad), { "db": N } or { "db": null } (value unpublished)`);
    for (let n = grp.first; n <= grp.last; n++) {
      if (taken.has(n)) {
        errors.push(`inputs[${i}]: input ${n} is in two groups`);
        break;
      }
      taken.add(n);
    }
  }
  return errors;
}

function interfaceValues(e: Json): [string, unknown, ((v: unknown) => string | null) | null][] {
  // null inputs: the layout is not published; then no pad or kind can be placed either.
  const values: [string, unknown, ((v: unknown) => string | null) | null][] = [['inputs', e.inputs, null]];
  const kinds = isObj(e.kinds) ? e.kinds : {};
  for (const kind of INPUT_KINDS) {
    const spec = kinds[kind];
    if (spec === undefined) continue;
    for (const f of KIND_FIELDS[kind]) values.push([`kinds.${kind}.${f}`, isObj(spec) ? spec[f] : undefined, kindValidators[f]]);
  }
  values.push(
    // null phantom: with a source, the unit has none; with an "unpublished" reason, nobody says.
    [
      'phantom',
      e.phantom === null && isObj(e.sources) && (e.sources as Json).phantom !== undefined ? 'none' : e.phantom,
      (v) => (v === 'none' ? null : phantomError(v)),
    ],
    ['lineOutputs', e.lineOutputs, (v) => (isCount(v) ? null : 'a whole number >= 0')],
    ['monitorPairs', e.monitorPairs, (v) => (isCount(v) ? null : 'a whole number >= 0')],
    ['headphoneOutputs', e.headphoneOutputs, (v) => (isCount(v) ? null : 'a whole number >= 0')],
    ['midi', e.midi, (v) => (isObj(v) && isCount(v.in) && isCount(v.out) ? null : '{ in, out } whole numbers')],
    ['sampleRates', e.sampleRates, (v) => (Array.isArray(v) && v.length > 0 && v.every((r) => isCount(r) && r >= 8000) ? null : 'a list of rates in Hz')],
  );
  if (e.float32 !== false) values.push(['float32', e.float32, (v) => (v === true ? null : 'true or false')]);
  return values;
}

function micValues(e: Json): [string, unknown, ((v: unknown) => string | null) | null][] {
  const values: [string, unknown, ((v: unknown) => string | null) | null][] = [
    ['type', e.type, (v) => (MIC_TYPES.includes(v as MicType) ? null : MIC_TYPES.join(' | '))],
    ['sensitivityDbvPa', e.sensitivityDbvPa, (v) => (isNum(v) && v < 0 && v > -100 ? null : 'dBV/Pa between -100 and 0')],
    ['maxSplDb', e.maxSplDb, (v) => (isNum(v) && v > 80 && v < 200 ? null : 'dB SPL between 80 and 200')],
    ['selfNoiseDbA', e.selfNoiseDbA, (v) => (isNum(v) && v > -10 && v < 50 ? null : 'dB-A between -10 and 50')],
    ['phantomRequired', e.phantomRequired, (v) => (typeof v === 'boolean' ? null : 'true or false')],
  ];
  // pads: [] the mic has none, null nobody says; a pad's own max SPL may be unpublished.
  values.push([
    'pads',
    e.pads,
    (v) =>
      Array.isArray(v) && v.every((p) => isObj(p) && isNum(p.db) && p.db > 0 && (p.maxSplDb === null || isNum(p.maxSplDb)))
        ? null
        : 'a list of { db, maxSplDb }',
  ]);
  return values;
}

function deviceValues(e: Json): [string, unknown, ((v: unknown) => string | null) | null][] {
  const io = (v: unknown) => (v === 'mic' || v === 'line' || v === 'instrument' ? null : '"mic", "line" or "instrument"');
  const dbu = (v: unknown) => (isNum(v) && v > -60 && v < 40 ? null : 'dBu between -60 and +40');
  const values: [string, unknown, ((v: unknown) => string | null) | null][] = [
    ['type', e.type, (v) => (DEVICE_TYPES.includes(v as DeviceSpec['type']) ? null : DEVICE_TYPES.join(' | '))],
    ['needsPhantom', e.needsPhantom, (v) => (typeof v === 'boolean' ? null : 'true or false')],
    ['passesPhantom', e.passesPhantom, (v) => (typeof v === 'boolean' ? null : 'true or false')],
    ['input', e.input, io],
    ['output', e.output, (v) => (v === 'mic' || v === 'line' ? null : '"mic" or "line"')],
    ['maxInputDbu', e.maxInputDbu, dbu],
    ['maxOutputDbu', e.maxOutputDbu, dbu],
    ['einDbu', e.einDbu, (v) => (isNum(v) && v > -140 && v < -90 ? null : 'dBu between -140 and -90')],
  ];
  // A device has fixed (selectable) gains or a continuous range; the other is absent. Both null: its gain is not published.
  if (e.gainRangeDb !== undefined && e.gainRangeDb !== null)
    values.push(['gainRangeDb', e.gainRangeDb, (v) => (isRange(v) ? null : '[min, max] with min < max')]);
  else
    values.push([
      'gainDb',
      e.gainDb,
      (v) => (Array.isArray(v) && v.length > 0 && v.every((g) => isNum(g) && Math.abs(g) < 80) ? null : 'a list of gains in dB (negative for attenuation)'),
    ]);
  return values;
}

function materialValues(e: Json): [string, unknown, ((v: unknown) => string | null) | null][] {
  const target = isObj(e.target) ? e.target : {};
  const dbfs = (v: unknown) => (isNum(v) && v < 0 && v > -60 ? null : 'dBFS between -60 and 0');
  return [
    ['peakSplDb', e.peakSplDb, (v) => (isRange(v) && v[0] >= 0 && v[1] <= 200 ? null : '[min, max] dB SPL')],
    ['peakDbu', e.peakDbu, (v) => (isRange(v) && v[0] >= -80 && v[1] <= 40 ? null : '[min, max] dBu')],
    ['target.peakDbfs', target.peakDbfs, dbfs],
    ['target.averageDbfs', target.averageDbfs, dbfs],
  ];
}

export interface CatalogueData {
  interfaces: unknown;
  mics: unknown;
  devices: unknown;
  materials: unknown;
}

/** Every problem with the catalogue data; empty when it is complete and sourced. */
export function validateCatalogue(data: CatalogueData): string[] {
  const errors: string[] = [];
  for (const e of checkIds('interface', data.interfaces, errors)) {
    const where = whereOf('interface', e);
    if (e.category !== 'interface' && e.category !== 'recorder') errors.push(`${where}: category must be "interface" or "recorder"`);
    if (!isObj(e.kinds)) errors.push(`${where}: kinds must be an object of input kinds`);
    else for (const k of Object.keys(e.kinds)) if (!INPUT_KINDS.includes(k as InputKind)) errors.push(`${where}: unknown input kind "${k}"`);
    if (e.inputs !== null) for (const msg of inputLayoutErrors(e.inputs, e.kinds)) errors.push(`${where}: ${msg}`);
    checkSourced(where, e, interfaceValues(e), errors, ['pads', 'pads.db', 'kinds']);
  }
  for (const e of checkIds('mic', data.mics, errors)) {
    const where = whereOf('mic', e);
    const padPaths = Array.isArray(e.pads) ? e.pads.flatMap((_, i) => [`pads[${i}].db`, `pads[${i}].maxSplDb`]) : [];
    checkSourced(where, e, micValues(e), errors, ['shotgun', 'battery', ...padPaths]);
    if (typeof e.shotgun !== 'boolean') errors.push(`${where}: shotgun must be true or false`);
    // The type decides phantom power advice, so the two must agree.
    if (typeof e.phantomRequired === 'boolean' && MIC_TYPES.includes(e.type as MicType) && e.phantomRequired !== needsPhantom(e.type as MicType))
      errors.push(`${where}: phantomRequired contradicts type ${String(e.type)}`);
  }
  for (const e of checkIds('device', data.devices, errors)) checkSourced(whereOf('device', e), e, deviceValues(e), errors, ['gainDb', 'gainRangeDb']);
  const materials = checkIds('material', data.materials, errors, ['label']);
  for (const e of materials) {
    const where = whereOf('material', e);
    if (!MATERIALS.includes(e.id as MaterialId)) errors.push(`${where}: id must be one of ${MATERIALS.join(', ')}`);
    checkSourced(where, e, materialValues(e), errors, ['placement']);
  }
  for (const id of MATERIALS) if (!materials.some((m) => m.id === id)) errors.push(`material ${id}: missing`);
  return errors;
}

let loaded:
  | {
      interfaces: Map<string, CatalogueInterface>;
      mics: Map<string, CatalogueMic>;
      devices: Map<string, CatalogueDevice>;
      materials: Map<MaterialId, CatalogueMaterial>;
    }
  | undefined;

function catalogue(): NonNullable<typeof loaded> {
  if (!loaded) {
    const data = { interfaces: interfacesData.interfaces, mics: micsData.mics, devices: devicesData.devices, materials: materialsData.materials };
    const errors = validateCatalogue(data);
    if (errors.length > 0) throw new Error(`The catalogue is invalid:\n${errors.join('\n')}`);
    loaded = {
      interfaces: new Map((data.interfaces as unknown as CatalogueInterface[]).map((i) => [i.id, i])),
      mics: new Map((data.mics as unknown as CatalogueMic[]).map((m) => [m.id, m])),
      devices: new Map((data.devices as unknown as CatalogueDevice[]).map((d) => [d.id, d])),
      materials: new Map((data.materials as unknown as CatalogueMaterial[]).map((m) => [m.id, m])),
    };
  }
  return loaded;
}

export const listInterfaces = (): CatalogueInterface[] => [...catalogue().interfaces.values()];
export const listMics = (): CatalogueMic[] => [...catalogue().mics.values()];
export const listDevices = (): CatalogueDevice[] => [...catalogue().devices.values()];
export const listMaterials = (): CatalogueMaterial[] => [...catalogue().materials.values()];
export const findInterface = (id: string): CatalogueInterface | undefined => catalogue().interfaces.get(id);
export const findMic = (id: string): CatalogueMic | undefined => catalogue().mics.get(id);
export const findDevice = (id: string): CatalogueDevice | undefined => catalogue().devices.get(id);
export const findMaterial = (id: MaterialId): CatalogueMaterial => catalogue().materials.get(id)!;

/** A kind's figures with every field present (absent ones null), so the model reads one shape. */
export function fullKindSpec(kind: InputKind, spec: Partial<KindSpec> | undefined): KindSpec {
  const fixed = kind === 'line-fixed' || kind === 'digital';
  return {
    gainRangeDb: fixed ? [0, 0] : (spec?.gainRangeDb ?? null),
    maxInputDbu: spec?.maxInputDbu ?? null,
    einDbu: kind === 'mic' ? (spec?.einDbu ?? null) : null,
    dynamicRangeDb: spec?.dynamicRangeDb ?? null,
  };
}

/** The catalogue entry as the chain model's interface; what is not published is listed in `unpublished`. */
export function toInterfaceSpec(c: CatalogueInterface): InterfaceSpec {
  const kinds: InterfaceSpec['kinds'] = {};
  for (const k of INPUT_KINDS) if (c.kinds[k]) kinds[k] = fullKindSpec(k, c.kinds[k]);
  return {
    name: c.name,
    catalogueId: c.id,
    category: c.category,
    float32: c.float32 === true,
    inputs: (c.inputs ?? []).map((g) => ({ ...g, kinds: [...g.kinds], pad: g.pad ? { ...g.pad } : null })),
    kinds,
    phantom: c.phantom ? { ...c.phantom } : null,
    lineOutputs: c.lineOutputs,
    monitorPairs: c.monitorPairs,
    headphoneOutputs: c.headphoneOutputs,
    midi: c.midi ? { ...c.midi } : null,
    sampleRates: c.sampleRates,
    unpublished: Object.keys(c.unpublished),
  };
}

/** The device's published fields that the chain model needs and the catalogue leaves null. */
export const DEVICE_REQUIRED = ['needsPhantom', 'passesPhantom', 'output'] as const;

/**
 * The catalogue device as the chain model's device, with `given` filling what its documents do not
 * publish; null when a field the model needs is still unknown.
 */
export function toDeviceSpec(c: CatalogueDevice, given: Partial<Pick<DeviceSpec, (typeof DEVICE_REQUIRED)[number]>> = {}): DeviceSpec | null {
  const needsPhantom = c.needsPhantom ?? given.needsPhantom;
  const passesPhantom = c.passesPhantom ?? given.passesPhantom;
  const output = c.output ?? given.output;
  if (needsPhantom === undefined || passesPhantom === undefined || output === undefined) return null;
  return {
    name: c.name,
    catalogueId: c.id,
    type: c.type,
    gainDb: c.gainDb ?? null,
    gainRangeDb: c.gainRangeDb ?? null,
    needsPhantom,
    passesPhantom,
    input: c.input ?? 'mic',
    output,
    maxInputDbu: c.maxInputDbu,
    maxOutputDbu: c.maxOutputDbu,
    einDbu: c.einDbu,
  };
}

/** How many of the interface's inputs take each kind (an input that takes several counts for each). */
export function kindCounts(inputs: readonly InputGroup[]): Record<InputKind, number> {
  const counts = Object.fromEntries(INPUT_KINDS.map((k) => [k, 0])) as Record<InputKind, number>;
  for (const g of inputs) for (const k of g.kinds) counts[k] += g.last - g.first + 1;
  return counts;
}

/** Inputs that record at once: every numbered input. */
export const inputCount = (inputs: readonly InputGroup[]): number => inputs.reduce((n, g) => n + g.last - g.first + 1, 0);

export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The ids a mistyped one most likely meant: every id that contains it (e.g. "scarlett-2i2" for the
 * 3rd and 4th Gen), else the closest one if it is within a third of its length in edits.
 */
export function suggestIds(typed: string, ids: readonly string[]): string[] {
  const t = typed.toLowerCase().trim();
  const containing = ids.filter((id) => t.length >= 3 && id.includes(t));
  if (containing.length > 0) return containing.slice(0, 3);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const id of ids) {
    const d = editDistance(t, id);
    if (d < bestDistance) {
      best = id;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? [best] : [];
}
