// Parsers for the metadata chunks. Each takes the chunk body and returns plain data; a malformed
// body yields what could be read, because metadata must never stop the audio from being measured.

import { timecodeFromSamples } from '../timecode';
import { READER_LIMITS } from './limits';
import type { BextMetadata, IxmlMetadata, Marker } from './types';

const utf8 = new TextDecoder('utf-8');

export function text(bytes: Uint8Array, start = 0, length = bytes.length - start): string {
  const end = Math.min(bytes.length, start + length);
  let stop = start;
  while (stop < end && bytes[stop] !== 0) stop++;
  return utf8.decode(bytes.subarray(start, stop)).trim();
}

export function fourcc(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
}

export function parseBext(body: Uint8Array, sampleRate: number): BextMetadata {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const u32 = (at: number) => (at + 4 <= body.length ? view.getUint32(at, true) : 0);
  const i16 = (at: number) => (at + 2 <= body.length ? view.getInt16(at, true) : 0x7fff);
  const timeReferenceSamples = u32(338) + u32(342) * 2 ** 32;
  const version = body.length >= 348 ? view.getUint16(346, true) : 0;
  let umid: string | undefined;
  if (body.length >= 412) {
    const raw = body.subarray(348, 412);
    if (raw.some((b) => b !== 0)) umid = Array.from(raw, (b) => b.toString(16).padStart(2, '0')).join('');
  }
  // Tech 3285 v2 stores loudness as int16 x 100; 0x7FFF marks a value that was not measured.
  const loud = (at: number) => {
    const v = i16(at);
    return v === 0x7fff ? null : v / 100;
  };
  const bext: BextMetadata = {
    description: text(body, 0, 256),
    originator: text(body, 256, 32),
    originatorReference: text(body, 288, 32),
    originationDate: text(body, 320, 10),
    originationTime: text(body, 330, 8),
    timeReferenceSamples,
    timecode: timecodeFromSamples(timeReferenceSamples, sampleRate),
    version,
    codingHistory: body.length > 602 ? text(body, 602) : '',
  };
  if (umid) bext.umid = umid;
  if (version >= 2 && body.length >= 422) {
    bext.loudness = {
      integratedLufs: loud(412),
      loudnessRangeLu: loud(414),
      maxTruePeakDbtp: loud(416),
      maxMomentaryLufs: loud(418),
      maxShortTermLufs: loud(420),
    };
  }
  return bext;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXmlText(s: string): string {
  const t = s.trim();
  if (t.startsWith('<![CDATA[') && t.endsWith(']]>') && t.length >= 12) return t.slice(9, -3);
  return s
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, ent: string) => {
      if (ent[0] === '#') {
        const code = ent[1] === 'x' || ent[1] === 'X' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
        return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[ent.toLowerCase()] ?? whole;
    })
    .trim();
}

/**
 * The XML text with ASCII letters upper-cased (same length, so indices carry over): tag names are
 * matched case-insensitively by indexOf, never by a backtracking expression.
 */
function upperAscii(s: string): string {
  return s.replace(/[a-z]+/g, (w) => w.toUpperCase());
}

interface Span {
  /** Content start and end (the close tag's start). */
  start: number;
  end: number;
  /** Index just past the close tag. */
  next: number;
}

/**
 * The first `<NAME ...>content</NAME>` at or after `from` in `upper` (upper-cased XML). Linear in the
 * text: once an open tag has no close tag after it, no later open tag can have one either.
 */
function findElement(upper: string, name: string, from = 0, to = upper.length): Span | undefined {
  const open = `<${name}`;
  const close = `</${name}>`;
  for (let at = upper.indexOf(open, from); at >= 0 && at < to; at = upper.indexOf(open, at + 1)) {
    const after = upper.charCodeAt(at + open.length);
    // '>' or white space: <NAME> or <NAME attr="...">, not <NAMES> or <NAME/>.
    if (after !== 0x3e && after !== 0x20 && after !== 0x09 && after !== 0x0a && after !== 0x0d) continue;
    const gt = upper.indexOf('>', at + open.length);
    if (gt < 0 || gt >= to) return undefined;
    const end = upper.indexOf(close, gt + 1);
    if (end < 0 || end + close.length > to) return undefined;
    return { start: gt + 1, end, next: end + close.length };
  }
  return undefined;
}

function tag(xml: string, upper: string, name: string, from = 0, to = xml.length): string | undefined {
  const span = findElement(upper, name, from, to);
  return span ? decodeXmlText(xml.slice(span.start, span.end)) : undefined;
}

/** iXML is free-form XML written by field recorders; we extract the few tags a take view needs. */
export function parseIxml(body: Uint8Array): IxmlMetadata {
  const xml = text(body);
  const upper = upperAscii(xml);
  const out: IxmlMetadata = { trackNames: [] };
  const fields: [keyof IxmlMetadata, string][] = [
    ['project', 'PROJECT'],
    ['scene', 'SCENE'],
    ['take', 'TAKE'],
    ['tape', 'TAPE'],
    ['note', 'NOTE'],
  ];
  for (const [key, name] of fields) {
    const v = tag(xml, upper, name);
    if (v) (out as unknown as Record<string, string>)[key] = v;
  }
  const circled = tag(xml, upper, 'CIRCLED');
  if (circled) out.circled = circled.toUpperCase() === 'TRUE';
  const list = findElement(upper, 'TRACK_LIST');
  if (list !== undefined) {
    const named: { index: number; name: string }[] = [];
    for (let at = list.start; named.length < READER_LIMITS.maxIxmlTracks;) {
      const track = findElement(upper, 'TRACK', at, list.end);
      if (!track) break;
      const index = Number(tag(xml, upper, 'CHANNEL_INDEX', track.start, track.end) ?? named.length + 1);
      named.push({ index: Number.isFinite(index) ? index : named.length + 1, name: tag(xml, upper, 'NAME', track.start, track.end) ?? '' });
      at = track.next;
    }
    named.sort((a, b) => a.index - b.index);
    out.trackNames = named.map((t) => t.name);
  }
  return out;
}

export function parseCue(body: Uint8Array, sampleRate: number): Marker[] {
  if (body.length < 4) return [];
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const count = Math.min(view.getUint32(0, true), Math.floor((body.length - 4) / 24));
  const markers: Marker[] = [];
  for (let i = 0; i < count; i++) {
    const at = 4 + i * 24;
    // dwSampleOffset (the last field) is the position in the data chunk; dwPosition is play order
    // position, which writers set to the same value for a plain data chunk.
    const frame = view.getUint32(at + 20, true);
    markers.push({ id: view.getUint32(at, true), frame, seconds: frame / sampleRate });
  }
  return markers;
}

/** LIST/adtl: labels, notes and region lengths keyed by cue id. */
export function applyAdtl(body: Uint8Array, markers: Marker[]): void {
  const byId = new Map(markers.map((m) => [m.id, m]));
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  for (let at = 4; at + 8 <= body.length;) {
    const id = fourcc(body, at);
    const size = view.getUint32(at + 4, true);
    const start = at + 8;
    const end = Math.min(body.length, start + size);
    if (end - start >= 4) {
      const marker = byId.get(view.getUint32(start, true));
      if (marker) {
        if (id === 'labl') marker.label = text(body, start + 4, end - start - 4);
        else if (id === 'note') marker.note = text(body, start + 4, end - start - 4);
        else if (id === 'ltxt' && end - start >= 20) {
          marker.lengthFrames = view.getUint32(start + 4, true);
          if (end - start > 20) marker.label ??= text(body, start + 20, end - start - 20);
        }
      }
    }
    at = start + size + (size & 1);
  }
}

export function parseInfo(body: Uint8Array): Record<string, string> {
  const info: Record<string, string> = {};
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  for (let at = 4; at + 8 <= body.length;) {
    const id = fourcc(body, at);
    const size = view.getUint32(at + 4, true);
    const value = text(body, at + 8, size);
    if (value) info[id] = value;
    at += 8 + size + (size & 1);
  }
  return info;
}
