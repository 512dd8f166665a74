// The catalogue of real audio interfaces and microphones (catalogue/*.json). Every published value
// names the document it came from; a value no document gave is null, and the model treats null as
// unknown: checks that need it say so instead of assuming a number.

import interfacesData from './catalogue/interfaces.json';
import micsData from './catalogue/mics.json';
import type { InterfaceSpec, PhantomSpec, RigMic } from './rig';

/** Where a value was published: the manufacturer's document, and the page it was read from if any. */
export interface SourceDocument {
  title: string;
  /** The page the values were checked against; null when only the named document is cited. */
  url: string | null;
  /** When `url` is not the manufacturer's own page: what it is (e.g. a review quoting the spec sheet). */
  via?: string;
}

interface Sourced {
  id: string;
  name: string;
  manufacturer: string;
  documents: Record<string, SourceDocument>;
  /** Field path (e.g. "maxInputDbu.mic") -> key in `documents`, for every non-null field. */
  sources: Record<string, string>;
}

export interface CatalogueInterface extends Sourced {
  micPreamps: number;
  /** Inputs that can record at once (analogue and digital), preamps included. */
  inputs: number;
  /** [min, max] preamp gain in dB; null when the range is not published. */
  gainRangeDb: [number, number] | null;
  /** Largest level per input type at minimum gain (dBu). */
  maxInputDbu: { mic: number | null; line: number | null; instrument: number | null };
  einDbu: number | null;
  phantom: PhantomSpec;
  converterReferenceDbu: number | null;
  lineOutputs: number;
  monitorPairs: number;
  headphoneOutputs: number;
  midi: { in: number; out: number };
  /** Hz. */
  sampleRates: number[] | null;
}

export interface CatalogueMic extends Sourced {
  type: RigMic['type'];
  sensitivityDbvPa: number | null;
  maxSplDb: number | null;
  selfNoiseDbA: number | null;
  phantomRequired: boolean;
}

/** The fields of an interface entry that carry values, as source paths. */
export const INTERFACE_FIELDS = [
  'micPreamps',
  'inputs',
  'gainRangeDb',
  'maxInputDbu.mic',
  'maxInputDbu.line',
  'maxInputDbu.instrument',
  'einDbu',
  'phantom',
  'converterReferenceDbu',
  'lineOutputs',
  'monitorPairs',
  'headphoneOutputs',
  'midi',
  'sampleRates',
] as const;
/** Interface fields that may be null (not published); the rest describe the unit's panel and are always known. */
const NULLABLE_INTERFACE_FIELDS = new Set(['gainRangeDb', 'maxInputDbu.mic', 'maxInputDbu.line', 'maxInputDbu.instrument', 'einDbu', 'converterReferenceDbu', 'sampleRates']);
export const MIC_FIELDS = ['type', 'sensitivityDbvPa', 'maxSplDb', 'selfNoiseDbA', 'phantomRequired'] as const;
const NULLABLE_MIC_FIELDS = new Set(['sensitivityDbvPa', 'maxSplDb', 'selfNoiseDbA']);
export const MIC_TYPES: readonly RigMic['type'][] = ['dynamic', 'condenser', 'ribbon', 'active-ribbon'];

/** Condensers and active ribbons give no signal without 48 V; dynamics and passive ribbons need none. */
export const needsPhantom = (type: RigMic['type']): boolean => type === 'condenser' || type === 'active-ribbon';

function at(obj: unknown, path: string): unknown {
  let v: unknown = obj;
  for (const k of path.split('.')) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isNum = (v: unknown) => typeof v === 'number' && Number.isFinite(v);

function fieldError(path: string, v: unknown): string | null {
  switch (path) {
    case 'micPreamps':
    case 'inputs':
    case 'lineOutputs':
    case 'monitorPairs':
    case 'headphoneOutputs':
      return isCount(v) ? null : 'a whole number >= 0';
    case 'gainRangeDb':
      return Array.isArray(v) && v.length === 2 && isNum(v[0]) && isNum(v[1]) && v[0] < v[1] ? null : '[min, max] with min < max';
    case 'phantom': {
      const p = v as { switching?: unknown; channels?: unknown; groupSize?: unknown } | null;
      const ok = p && isCount(p.channels) && (p.switching === 'groups' ? isCount(p.groupSize) && (p.groupSize as number) > 0 : (p.switching === 'per-channel' || p.switching === 'global') && p.groupSize === undefined);
      return ok ? null : '{ switching: "per-channel" | "global", channels } or { switching: "groups", channels, groupSize }';
    }
    case 'midi': {
      const m = v as { in?: unknown; out?: unknown } | null;
      return m && isCount(m.in) && isCount(m.out) ? null : '{ in, out } whole numbers';
    }
    case 'sampleRates':
      return Array.isArray(v) && v.length > 0 && v.every((r) => isCount(r) && r >= 8000) ? null : 'a list of rates in Hz';
    case 'type':
      return MIC_TYPES.includes(v as RigMic['type']) ? null : MIC_TYPES.join(' | ');
    case 'phantomRequired':
      return typeof v === 'boolean' ? null : 'true or false';
    case 'sensitivityDbvPa':
      return isNum(v) && (v as number) < 0 && (v as number) > -100 ? null : 'dBV/Pa between -100 and 0';
    default:
      return isNum(v) ? null : 'a number';
  }
}

function validateEntries(kind: string, entries: unknown, fields: readonly string[], nullable: Set<string>): string[] {
  const errors: string[] = [];
  if (!Array.isArray(entries)) return [`${kind}: expected a list`];
  const ids = new Set<string>();
  for (const [i, e] of entries.entries()) {
    const entry = e as Partial<Sourced> & Record<string, unknown>;
    const where = `${kind} ${typeof entry.id === 'string' ? entry.id : `#${i}`}`;
    if (typeof entry.id !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(entry.id)) errors.push(`${where}: id must be kebab-case`);
    else if (ids.has(entry.id)) errors.push(`${where}: duplicate id`);
    else ids.add(entry.id);
    for (const k of ['name', 'manufacturer'] as const) if (typeof entry[k] !== 'string' || entry[k] === '') errors.push(`${where}: ${k} missing`);
    const docs = (entry.documents ?? {}) as Record<string, SourceDocument>;
    for (const [key, doc] of Object.entries(docs)) {
      if (typeof doc?.title !== 'string' || doc.title === '') errors.push(`${where}: document "${key}" has no title`);
      if (doc?.url !== null && !(typeof doc?.url === 'string' && /^https?:\/\//.test(doc.url))) errors.push(`${where}: document "${key}" url must be an http(s) address or null`);
    }
    const sources = (entry.sources ?? {}) as Record<string, string>;
    for (const key of Object.keys(sources)) if (!fields.includes(key)) errors.push(`${where}: source for unknown field "${key}"`);
    for (const path of fields) {
      const v = at(entry, path);
      if (v === undefined) {
        errors.push(`${where}: ${path} missing (null if not published)`);
        continue;
      }
      if (v === null) {
        if (!nullable.has(path)) errors.push(`${where}: ${path} may not be null`);
        if (sources[path] !== undefined) errors.push(`${where}: ${path} is null but names a source`);
        continue;
      }
      const bad = fieldError(path, v);
      if (bad) errors.push(`${where}: ${path} must be ${bad}`);
      const src = sources[path];
      if (src === undefined) errors.push(`${where}: ${path} has no source`);
      else if (!docs[src]) errors.push(`${where}: ${path} cites unknown document "${src}"`);
    }
  }
  return errors;
}

/** Every problem with the catalogue data; empty when it is complete and sourced. */
export function validateCatalogue(interfaces: unknown, mics: unknown): string[] {
  const errors = [...validateEntries('interface', interfaces, INTERFACE_FIELDS, NULLABLE_INTERFACE_FIELDS), ...validateEntries('mic', mics, MIC_FIELDS, NULLABLE_MIC_FIELDS)];
  for (const m of Array.isArray(mics) ? (mics as CatalogueMic[]) : []) {
    // The type decides phantom power advice, so the two must agree.
    if (typeof m.phantomRequired === 'boolean' && m.phantomRequired !== needsPhantom(m.type)) errors.push(`mic ${m.id}: phantomRequired contradicts type ${m.type}`);
  }
  return errors;
}

let loaded: { interfaces: Map<string, CatalogueInterface>; mics: Map<string, CatalogueMic> } | undefined;

function catalogue(): NonNullable<typeof loaded> {
  if (!loaded) {
    const errors = validateCatalogue(interfacesData.interfaces, micsData.mics);
    if (errors.length > 0) throw new Error(`The interface and microphone catalogue is invalid:\n${errors.join('\n')}`);
    loaded = {
      interfaces: new Map((interfacesData.interfaces as unknown as CatalogueInterface[]).map((i) => [i.id, i])),
      mics: new Map((micsData.mics as unknown as CatalogueMic[]).map((m) => [m.id, m])),
    };
  }
  return loaded;
}

export const listInterfaces = (): CatalogueInterface[] => [...catalogue().interfaces.values()];
export const listMics = (): CatalogueMic[] => [...catalogue().mics.values()];
export const findInterface = (id: string): CatalogueInterface | undefined => catalogue().interfaces.get(id);
export const findMic = (id: string): CatalogueMic | undefined => catalogue().mics.get(id);

/** The catalogue entry as the chain model's interface: unpublished maximum levels are left out (unknown). */
export function toInterfaceSpec(c: CatalogueInterface): InterfaceSpec {
  const maxInputDbu: InterfaceSpec['maxInputDbu'] = {};
  for (const t of ['mic', 'line', 'instrument'] as const) {
    const v = c.maxInputDbu[t];
    if (v !== null) maxInputDbu[t] = v;
  }
  return {
    name: c.name,
    catalogueId: c.id,
    micPreamps: c.micPreamps,
    inputs: c.inputs,
    gainRangeDb: c.gainRangeDb,
    maxInputDbu,
    einDbu: c.einDbu,
    phantom: { ...c.phantom },
    converterReferenceDbu: c.converterReferenceDbu,
    lineOutputs: c.lineOutputs,
    monitorPairs: c.monitorPairs,
    headphoneOutputs: c.headphoneOutputs,
    midi: { ...c.midi },
    sampleRates: c.sampleRates,
  };
}

/** The catalogue mic as a rig mic, or null when its sensitivity is not published (no level can be computed). */
export function toRigMic(c: CatalogueMic): RigMic | null {
  if (c.sensitivityDbvPa === null) return null;
  return { name: c.name, type: c.type, sensitivityDbvPa: c.sensitivityDbvPa, maxSplDb: c.maxSplDb, selfNoiseDbA: c.selfNoiseDbA };
}

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
 * The id closest to a mistyped one, if it is close enough to be what was meant: within a third of
 * its length in edits, or the only id that contains it (e.g. "scarlett-2i2" for the 4th Gen).
 */
export function suggestId(typed: string, ids: readonly string[]): string | undefined {
  const t = typed.toLowerCase().trim();
  const containing = ids.filter((id) => t.length >= 3 && id.includes(t));
  if (containing.length === 1) return containing[0];
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const id of ids) {
    const d = editDistance(t, id);
    if (d < bestDistance) {
      best = id;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}
