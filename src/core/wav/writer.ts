// WAV encoder for fixtures, demo takes and the benchmark. Writes every layout the reader accepts,
// plus deliberate faults, so the reader's tests can build their inputs in code.

import type { Container, SampleEncoding } from './types';

export interface ExtraChunk {
  id: string;
  body: Uint8Array;
}

export interface WavWriteOptions {
  sampleRate: number;
  channels: number;
  encoding?: SampleEncoding;
  bitsPerSample?: number;
  container?: Container;
  /** Write WAVE_FORMAT_EXTENSIBLE (with this mask; 0 for none). */
  extensible?: { channelMask: number; validBitsPerSample?: number };
  /** Chunks written before the data chunk. */
  before?: ExtraChunk[];
  /** Chunks written after the data chunk (as many DAWs place cue and LIST). */
  after?: ExtraChunk[];
  /** Faults for reader tests. */
  fault?: { dataSize?: 'zero' | 'unset' | number; riffSize?: number };
}

const KS_GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

function defaults(o: WavWriteOptions) {
  const encoding = o.encoding ?? 'pcm';
  const bits = o.bitsPerSample ?? (encoding === 'pcm' ? 16 : 32);
  return { encoding, bits, container: o.container ?? ('RIFF' as Container), blockAlign: (o.channels * bits) / 8 };
}

function chunk(id: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + body.length + (body.length & 1));
  for (let i = 0; i < 4; i++) out[i] = id.charCodeAt(i);
  new DataView(out.buffer).setUint32(4, body.length, true);
  out.set(body, 8);
  return out;
}

function fmtBody(o: WavWriteOptions): Uint8Array {
  const { encoding, bits, blockAlign } = defaults(o);
  const tag = encoding === 'pcm' ? 1 : 3;
  const body = new Uint8Array(o.extensible ? 40 : 16);
  const v = new DataView(body.buffer);
  v.setUint16(0, o.extensible ? 0xfffe : tag, true);
  v.setUint16(2, o.channels, true);
  v.setUint32(4, o.sampleRate, true);
  v.setUint32(8, o.sampleRate * blockAlign, true);
  v.setUint16(12, blockAlign, true);
  v.setUint16(14, bits, true);
  if (o.extensible) {
    v.setUint16(16, 22, true);
    v.setUint16(18, o.extensible.validBitsPerSample ?? bits, true);
    v.setUint32(20, o.extensible.channelMask, true);
    v.setUint16(24, tag, true);
    body.set(KS_GUID_TAIL, 26);
  }
  return body;
}

/** Interleaves and quantises one block: integers as round(x * 2^(N-1)) clamped, 8-bit offset 128. */
export function encodeSamples(channels: ArrayLike<number>[], frames: number, o: WavWriteOptions): Uint8Array {
  const { encoding, bits, blockAlign } = defaults(o);
  const C = o.channels;
  const out = new Uint8Array(frames * blockAlign);
  const v = new DataView(out.buffer);
  const full = 2 ** (bits - 1);
  for (let j = 0; j < frames; j++) {
    for (let ch = 0; ch < C; ch++) {
      const x = channels[ch]![j]!;
      const at = j * blockAlign + (ch * bits) / 8;
      if (encoding === 'float') {
        if (bits === 32) v.setFloat32(at, x, true);
        else v.setFloat64(at, x, true);
        continue;
      }
      const q = Math.max(-full, Math.min(full - 1, Math.round(x * full)));
      if (bits === 8) out[at] = q + 128;
      else if (bits === 16) v.setInt16(at, q, true);
      else if (bits === 24) {
        out[at] = q & 0xff;
        out[at + 1] = (q >> 8) & 0xff;
        out[at + 2] = (q >> 16) & 0xff;
      } else v.setInt32(at, q, true);
    }
  }
  return out;
}

function headerBytes(o: WavWriteOptions, dataBytes: number, afterBytes: number): Uint8Array {
  const { container } = defaults(o);
  const parts: Uint8Array[] = [];
  const fmt = chunk('fmt ', fmtBody(o));
  const before = (o.before ?? []).map((c) => chunk(c.id, c.body));
  const ds64Size = container === 'RIFF' ? 0 : 8 + 28;
  const headLen = 12 + ds64Size + fmt.length + before.reduce((n, c) => n + c.length, 0) + 8;
  const riffSize = headLen - 8 + dataBytes + (dataBytes & 1) + afterBytes;
  const head = new Uint8Array(12);
  const hv = new DataView(head.buffer);
  for (let i = 0; i < 4; i++) head[i] = container.charCodeAt(i);
  hv.setUint32(4, o.fault?.riffSize ?? (container === 'RIFF' ? riffSize : 0xffffffff), true);
  head.set([0x57, 0x41, 0x56, 0x45], 8);
  parts.push(head);
  if (container !== 'RIFF') {
    const ds = new Uint8Array(28);
    const dv = new DataView(ds.buffer);
    const set64 = (at: number, n: number) => {
      dv.setUint32(at, n % 2 ** 32, true);
      dv.setUint32(at + 4, Math.floor(n / 2 ** 32), true);
    };
    set64(0, riffSize);
    set64(8, dataBytes);
    set64(16, dataBytes / defaults(o).blockAlign);
    parts.push(chunk('ds64', ds));
  }
  parts.push(fmt, ...before);
  const dataHead = new Uint8Array(8);
  dataHead.set([0x64, 0x61, 0x74, 0x61]);
  const f = o.fault?.dataSize;
  const sizeField = container !== 'RIFF' ? 0xffffffff : f === 'zero' ? 0 : f === 'unset' ? 0xffffffff : (f ?? dataBytes);
  new DataView(dataHead.buffer).setUint32(4, sizeField, true);
  parts.push(dataHead);
  return concat(parts);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Everything but the samples of a file of `frames` frames: the header up to the data chunk's
 * samples, and what follows them (the pad byte of an odd data chunk, then the `after` chunks). A
 * writer puts `head`, the encoded samples, then `tail`.
 */
export function wavEnvelope(o: WavWriteOptions, frames: number): { head: Uint8Array; tail: Uint8Array } {
  const dataBytes = frames * defaults(o).blockAlign;
  const after = (o.after ?? []).map((c) => chunk(c.id, c.body));
  const tail = concat([...(dataBytes & 1 ? [new Uint8Array(1)] : []), ...after]);
  return {
    head: headerBytes(
      o,
      dataBytes,
      after.reduce((n, c) => n + c.length, 0),
    ),
    tail,
  };
}

/** The whole file in memory: for small fixtures. */
export function encodeWav(channels: ArrayLike<number>[], o: WavWriteOptions): Uint8Array {
  const frames = channels[0]?.length ?? 0;
  const { head, tail } = wavEnvelope(o, frames);
  return concat([head, encodeSamples(channels, frames, o), tail]);
}

// Metadata chunk bodies, for fixtures and demo takes.

export function bextChunk(fields: {
  description?: string;
  originator?: string;
  date?: string;
  time?: string;
  timeReference?: number;
  codingHistory?: string;
}): ExtraChunk {
  const history = new TextEncoder().encode(fields.codingHistory ?? '');
  const body = new Uint8Array(602 + history.length);
  const put = (s: string | undefined, at: number, len: number) => body.set(new TextEncoder().encode(s ?? '').subarray(0, len), at);
  put(fields.description, 0, 256);
  put(fields.originator, 256, 32);
  put(fields.date, 320, 10);
  put(fields.time, 330, 8);
  const v = new DataView(body.buffer);
  const t = fields.timeReference ?? 0;
  v.setUint32(338, t % 2 ** 32, true);
  v.setUint32(342, Math.floor(t / 2 ** 32), true);
  v.setUint16(346, 1, true);
  body.set(history, 602);
  return { id: 'bext', body };
}

export function ixmlChunk(xml: string): ExtraChunk {
  return { id: 'iXML', body: new TextEncoder().encode(xml) };
}

export function cueChunks(markers: { id: number; frame: number; label?: string }[]): ExtraChunk[] {
  const cue = new Uint8Array(4 + markers.length * 24);
  const v = new DataView(cue.buffer);
  v.setUint32(0, markers.length, true);
  markers.forEach((m, i) => {
    const at = 4 + i * 24;
    v.setUint32(at, m.id, true);
    v.setUint32(at + 4, m.frame, true);
    cue.set([0x64, 0x61, 0x74, 0x61], at + 8);
    v.setUint32(at + 20, m.frame, true);
  });
  const labels = markers
    .filter((m) => m.label !== undefined)
    .map((m) => {
      const t = new TextEncoder().encode(m.label + '\0');
      const b = new Uint8Array(4 + t.length);
      new DataView(b.buffer).setUint32(0, m.id, true);
      b.set(t, 4);
      return chunk('labl', b);
    });
  const list = concat([new Uint8Array([0x61, 0x64, 0x74, 0x6c]), ...labels]);
  return [{ id: 'cue ', body: cue }, ...(labels.length ? [{ id: 'LIST', body: list }] : [])];
}

export function infoChunk(tags: Record<string, string>): ExtraChunk {
  const subs = Object.entries(tags).map(([id, value]) => chunk(id, new TextEncoder().encode(value + '\0')));
  return { id: 'LIST', body: concat([new Uint8Array([0x49, 0x4e, 0x46, 0x4f]), ...subs]) };
}
