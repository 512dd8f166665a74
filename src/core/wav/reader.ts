// Streaming WAV reader: parses the chunk list once, then decodes the data chunk in fixed-size
// blocks into reused planar Float32 arrays. Memory is bounded by the block size whatever the file.

import { WavError } from './errors';
import { channelLabels } from './labels';
import { applyAdtl, fourcc, parseBext, parseCue, parseInfo, parseIxml } from './metadata';
import { READER_LIMITS } from './limits';
import type { ByteSource, Container, DecodeStats, PlanarBlock, WavErrorCode, WavFormat, WavHeader, WavMetadata, WavReader, WavWarning } from './types';

const WAVE_FORMAT_PCM = 0x0001;
const WAVE_FORMAT_IEEE_FLOAT = 0x0003;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

const CODEC_NAMES: Record<number, string> = {
  0x0002: 'Microsoft ADPCM',
  0x0006: 'A-law',
  0x0007: 'mu-law',
  0x0011: 'IMA ADPCM',
  0x0016: 'ITU G.723 ADPCM',
  0x0031: 'GSM 6.10',
  0x0040: 'ITU G.721 ADPCM',
  0x0050: 'MPEG',
  0x0055: 'MPEG Layer 3',
  0x0092: 'Dolby AC-3 SPDIF',
  0x00ff: 'AAC',
  0x0160: 'Windows Media Audio',
  0x1610: 'HE-AAC',
  0x2000: 'Dolby AC-3',
  0xf1ac: 'FLAC',
};

// The 14 bytes that follow the format tag in every KSDATAFORMAT_SUBTYPE_* GUID of the WAVE family.
const KS_GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

function hex(n: number, width = 4): string {
  return '0x' + n.toString(16).toUpperCase().padStart(width, '0');
}

function isFourcc(bytes: Uint8Array, at: number): boolean {
  if (at + 4 > bytes.length) return false;
  for (let i = 0; i < 4; i++) {
    const c = bytes[at + i]!;
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

interface ChunkRef {
  id: string;
  offset: number;
  size: number;
}

export async function openWavSource(source: ByteSource): Promise<WavReader> {
  const header = await parseHeader(source);
  return new StreamingWavReader(source, header);
}

/** Collects reader warnings, listing at most a few of each kind so a hostile file cannot flood the report. */
class Warnings {
  readonly list: WavWarning[] = [];
  private readonly counts = new Map<WavWarning['code'], number>();

  push(w: WavWarning): void {
    const n = (this.counts.get(w.code) ?? 0) + 1;
    this.counts.set(w.code, n);
    if (n <= READER_LIMITS.maxWarningsPerCode) this.list.push(w);
  }

  done(): WavWarning[] {
    for (const [code, n] of this.counts) {
      const more = n - READER_LIMITS.maxWarningsPerCode;
      if (more > 0) {
        const last = [...this.list].reverse().find((w) => w.code === code)!;
        this.list.push({ code, message: `${more} more ${code} warning${more === 1 ? '' : 's'} like the one before`, offset: last.offset });
      }
    }
    return this.list;
  }
}

/** Chunk headers are read through a 64 KiB window, so a list of thousands of tiny chunks costs a few reads, not thousands. */
class HeaderWindow {
  private buf: Uint8Array = new Uint8Array(0);
  private at = 0;

  constructor(private readonly source: ByteSource) {}

  async bytes(offset: number, length: number): Promise<Uint8Array> {
    if (offset < this.at || offset + length > this.at + this.buf.length) {
      this.at = offset;
      this.buf = await this.source.read(offset, Math.max(length, 65536));
    }
    return this.buf.subarray(offset - this.at, Math.min(this.buf.length, offset - this.at + length));
  }
}

type Fail = (code: WavErrorCode, offset: number, expected: string, detail: string) => never;

/** What every step of the header parse shares: the bytes, their name, and where problems go. */
interface HeaderContext {
  source: ByteSource;
  size: number;
  warnings: Warnings;
  fail: Fail;
}

/** The 64-bit sizes of an RF64/BW64 file: the data chunk's, and any other chunk's from the table. */
interface Ds64 {
  data: number;
  table: Map<string, number>;
}

/**
 * Header, chunk walk, format, metadata: each step reads only what it needs, within READER_LIMITS,
 * and repairs what players repair (warnings) or fails with the offset and what was expected.
 */
async function parseHeader(source: ByteSource): Promise<WavHeader> {
  const fail: Fail = (code, offset, expected, detail) => {
    throw new WavError(code, source.name, offset, expected, detail);
  };
  const ctx: HeaderContext = { source, size: source.size, warnings: new Warnings(), fail };
  const container = await readContainer(ctx);
  const chunks = await walkChunks(ctx, container);
  const format = await readFormat(ctx, chunks, container);
  const metadata = await readMetadata(source, chunks, format.sampleRate, ctx.warnings);
  return { format, metadata, warnings: ctx.warnings.done() };
}

/** The 12-byte RIFF/RF64/BW64 header. */
async function readContainer({ source, size, fail }: HeaderContext): Promise<Container> {
  if (size === 0) fail('empty', 0, 'a RIFF header', 'the file is empty');
  const head = await source.read(0, 12);
  if (head.length < 12) fail('not-riff', 0, 'a 12-byte RIFF header', `the file has only ${size} bytes`);
  const riffId = fourcc(head, 0);
  if (riffId === 'RIFX') fail('not-riff', 0, '"RIFF", "RF64" or "BW64"', 'big-endian RIFX files are not supported');
  if (riffId !== 'RIFF' && riffId !== 'RF64' && riffId !== 'BW64') {
    fail('not-riff', 0, '"RIFF", "RF64" or "BW64"', `found ${JSON.stringify(isFourcc(head, 0) ? riffId : Array.from(head.subarray(0, 4)))}`);
  }
  if (fourcc(head, 8) !== 'WAVE') fail('not-wave', 8, '"WAVE"', `found ${JSON.stringify(fourcc(head, 8))}`);
  return riffId as Container;
}

/**
 * The chunk list, read through a window of chunk headers: at most maxChunks, stopping at trailing
 * junk once fmt and data are known, at a data chunk whose size had to be repaired, or at a chunk
 * that runs past the end of the file.
 */
async function walkChunks(ctx: HeaderContext, container: Container): Promise<ChunkRef[]> {
  const { source, size, warnings, fail } = ctx;
  const chunks: ChunkRef[] = [];
  const window = new HeaderWindow(source);
  const seen = (id: string) => chunks.some((c) => c.id === id);
  let ds64: Ds64 | null = null;
  let offset = 12;
  while (offset + 8 <= size) {
    if (chunks.length >= READER_LIMITS.maxChunks) {
      if (!seen('fmt ') || !seen('data')) fail('chunk-overflow', offset, `fmt and data within the first ${READER_LIMITS.maxChunks} chunks`, 'too many chunks');
      warnings.push({
        code: 'chunk-limit',
        message: `more than ${READER_LIMITS.maxChunks} chunks: the rest of the chunk list (${size - offset} bytes) was not read`,
        offset,
      });
      break;
    }
    const hdr = await window.bytes(offset, 8);
    if (hdr.length < 8) break;
    if (!isFourcc(hdr, 0)) {
      // Trailing junk after the last chunk (some recorders pad to a sector) is not an error once the
      // chunks we need have been seen.
      if (seen('data') && seen('fmt ')) break;
      fail('chunk-overflow', offset, 'a chunk id of four printable characters', `found bytes ${Array.from(hdr.subarray(0, 4)).join(' ')}`);
    }
    const id = fourcc(hdr, 0);
    let chunkSize = new DataView(hdr.buffer, hdr.byteOffset, 8).getUint32(4, true);
    if (id === 'ds64') {
      if (container === 'RIFF') warnings.push({ code: 'bad-metadata', message: 'ds64 chunk in a plain RIFF file ignored', offset });
      else ds64 = await readDs64(ctx, offset, chunkSize);
    } else if (chunkSize === 0xffffffff && ds64 && container !== 'RIFF') {
      chunkSize = (id === 'data' ? ds64.data : ds64.table.get(id)) ?? chunkSize;
    }
    const chunk: ChunkRef = { id, offset: offset + 8, size: chunkSize };
    if (id === 'data') {
      chunks.push(chunk);
      if (repairDataSize(ctx, chunk)) break;
    } else if (chunk.offset + chunkSize > size) {
      if (id === 'fmt ')
        fail('chunk-overflow', offset + 4, `a fmt chunk size within the file (${size - chunk.offset} bytes left)`, `size field says ${chunkSize}`);
      warnings.push({ code: 'chunk-past-eof', message: `"${id}" chunk of ${chunkSize} bytes runs past the end of the file; ignored`, offset });
      break;
    } else chunks.push(chunk);
    offset = await nextChunk(window, chunk, warnings);
  }
  return chunks;
}

/** The ds64 chunk at `offset`: the 64-bit data size and the table of other chunks' sizes. */
async function readDs64({ source, fail }: HeaderContext, offset: number, chunkSize: number): Promise<Ds64> {
  const body = await source.read(offset + 8, Math.min(chunkSize, 4096));
  if (body.length < 24) fail('bad-fmt', offset + 8, 'a ds64 chunk of at least 24 bytes', `found ${body.length}`);
  const v = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const u64 = (at: number) => v.getUint32(at, true) + v.getUint32(at + 4, true) * 2 ** 32;
  const table = new Map<string, number>();
  const tableLength = body.length >= 28 ? v.getUint32(24, true) : 0;
  for (let i = 0; i < tableLength && 28 + i * 12 + 12 <= body.length; i++) table.set(fourcc(body, 28 + i * 12), u64(28 + i * 12 + 4));
  return { data: u64(8), table };
}

/**
 * A data chunk whose size field is 0, unset or past the end of the file (a recorder that never
 * patched its header, a truncated copy) is read to the end of the file. True when it was repaired:
 * nothing after it can be trusted to be a chunk.
 */
function repairDataSize({ size, warnings }: HeaderContext, data: ChunkRef): boolean {
  const available = size - data.offset;
  const at = data.offset - 4;
  if (data.size === 0 && available > 0) {
    warnings.push({
      code: 'data-size-zero',
      message: `data chunk size is 0 but ${available} bytes follow: read to the end of the file (the recorder probably never patched the header)`,
      offset: at,
    });
  } else if (data.size === 0xffffffff) {
    warnings.push({
      code: 'data-size-unset',
      message: `data chunk size is 0xFFFFFFFF (never written): read ${available} bytes to the end of the file`,
      offset: at,
    });
  } else if (data.size > available) {
    warnings.push({
      code: 'data-size-past-eof',
      message: `data chunk claims ${data.size} bytes but only ${available} remain: the file is truncated, read to its end`,
      offset: at,
    });
  } else return false;
  data.size = available;
  return true;
}

/**
 * Where the chunk after `chunk` starts. RIFF pads odd chunks to even length; some writers forget:
 * whichever position starts a plausible chunk id wins.
 */
async function nextChunk(window: HeaderWindow, chunk: ChunkRef, warnings: Warnings): Promise<number> {
  const next = chunk.offset + chunk.size;
  if (!(chunk.size & 1)) return next;
  const probe = await window.bytes(next, 5);
  const padded = probe.length >= 5 && isFourcc(probe, 1);
  const unpadded = probe.length >= 4 && isFourcc(probe, 0);
  if (!padded && unpadded) {
    warnings.push({ code: 'missing-pad-byte', message: `"${chunk.id}" chunk has an odd size and no pad byte`, offset: next });
    return next;
  }
  return next + 1;
}

/** The fmt chunk read, and the data chunk's place and whole frames (a partial last frame is dropped). */
async function readFormat({ source, size, warnings, fail }: HeaderContext, chunks: ChunkRef[], container: Container): Promise<WavFormat> {
  const fmtRef = chunks.find((c) => c.id === 'fmt ');
  if (!fmtRef)
    fail('no-fmt', 12, 'a "fmt " chunk', `none among ${[...new Set(chunks.map((c) => JSON.stringify(c.id)))].slice(0, 20).join(', ') || 'no chunks'}`);
  const dataRef = chunks.find((c) => c.id === 'data');
  const fmtBody = await source.read(fmtRef!.offset, Math.min(fmtRef!.size, 4096));
  const format = parseFmt(fmtRef!.offset, fmtBody, container, warnings, fail);
  if (!dataRef) fail('no-data', size, 'a "data" chunk', 'none found (the file has a format but no audio)');
  let dataBytes = dataRef!.size;
  const partial = dataBytes % format.blockAlign;
  if (partial !== 0) {
    warnings.push({
      code: 'partial-frame',
      message: `data ends with ${partial} bytes of an incomplete frame; ignored`,
      offset: dataRef!.offset + dataBytes - partial,
    });
    dataBytes -= partial;
  }
  format.dataOffset = dataRef!.offset;
  format.dataBytes = dataBytes;
  format.frames = dataBytes / format.blockAlign;
  format.durationSeconds = format.frames / format.sampleRate;
  return format;
}

const METADATA_CHUNKS = new Set(['bext', 'iXML', 'cue ', 'LIST', 'fact']);

/**
 * Reads the metadata chunks within the budgets of READER_LIMITS: however many chunks a file holds or
 * how large they claim to be, at most maxMetadataBytes are read and maxMarkers markers kept.
 */
async function readMetadata(source: ByteSource, chunks: ChunkRef[], sampleRate: number, warnings: Warnings): Promise<WavMetadata> {
  const metadata: WavMetadata = { markers: [], info: {} };
  const adtl: Uint8Array[] = [];
  let budget: number = READER_LIMITS.maxMetadataBytes;
  let droppedMarkers = 0;
  let droppedTags = 0;
  for (const chunk of chunks) {
    if (!METADATA_CHUNKS.has(chunk.id)) continue;
    const at = chunk.offset - 8;
    if (chunk.size > READER_LIMITS.maxMetadataChunkBytes) {
      warnings.push({
        code: 'metadata-limit',
        message: `"${chunk.id}" chunk of ${chunk.size} bytes is larger than ${READER_LIMITS.maxMetadataChunkBytes} bytes; skipped`,
        offset: at,
      });
      continue;
    }
    if (chunk.size > budget) {
      warnings.push({
        code: 'metadata-limit',
        message: `metadata past ${READER_LIMITS.maxMetadataBytes} bytes in all: "${chunk.id}" chunk skipped`,
        offset: at,
      });
      continue;
    }
    budget -= chunk.size;
    const body = await source.read(chunk.offset, chunk.size);
    try {
      if (chunk.id === 'bext') metadata.bext = parseBext(body, sampleRate);
      else if (chunk.id === 'iXML') metadata.ixml = parseIxml(body);
      else if (chunk.id === 'cue ') {
        const room = READER_LIMITS.maxMarkers - metadata.markers.length;
        const markers = parseCue(body, sampleRate);
        droppedMarkers += Math.max(0, markers.length - room);
        for (let i = 0; i < Math.min(room, markers.length); i++) metadata.markers.push(markers[i]!);
      } else if (chunk.id === 'fact' && body.length >= 4) metadata.factSampleLength = new DataView(body.buffer, body.byteOffset).getUint32(0, true);
      else if (chunk.id === 'LIST' && body.length >= 4 && fourcc(body, 0) === 'INFO') {
        for (const [tag, value] of Object.entries(parseInfo(body))) {
          if (tag in metadata.info || Object.keys(metadata.info).length < READER_LIMITS.maxInfoTags) metadata.info[tag] = value;
          else droppedTags++;
        }
      } else if (chunk.id === 'LIST' && body.length >= 4 && fourcc(body, 0) === 'adtl') adtl.push(body);
    } catch (err) {
      warnings.push({ code: 'bad-metadata', message: `"${chunk.id}" chunk could not be parsed: ${(err as Error).message}`, offset: at });
    }
  }
  if (droppedMarkers > 0)
    warnings.push({
      code: 'metadata-limit',
      message: `${droppedMarkers} cue point${droppedMarkers === 1 ? '' : 's'} past the first ${READER_LIMITS.maxMarkers} ignored`,
      offset: 0,
    });
  if (droppedTags > 0)
    warnings.push({
      code: 'metadata-limit',
      message: `${droppedTags} LIST/INFO tag${droppedTags === 1 ? '' : 's'} past the first ${READER_LIMITS.maxInfoTags} ignored`,
      offset: 0,
    });
  // adtl labels refer to cue ids, so they are applied once every cue chunk has been read.
  for (const body of adtl) applyAdtl(body, metadata.markers);
  metadata.markers.sort((a, b) => a.frame - b.frame);
  return metadata;
}

function parseFmt(at: number, body: Uint8Array, container: Container, warnings: Warnings, fail: Fail): WavFormat {
  const f = fmtFields(at, body, fail);
  checkFmt(at, f, fail);
  const { blockAlign, byteRate } = repairRestatements(at, f, warnings, fail);
  const { formatTag, extensible, bitsPerSample, validBitsPerSample, sampleRate, channels, channelMask } = f;
  return {
    container,
    encoding: formatTag === WAVE_FORMAT_PCM ? 'pcm' : 'float',
    formatTag,
    extensible,
    bitsPerSample,
    validBitsPerSample,
    sampleRate,
    channels,
    blockAlign,
    byteRate,
    channelMask,
    channelLabels: channelLabels(channels, channelMask),
    frames: 0,
    durationSeconds: 0,
    dataOffset: 0,
    dataBytes: 0,
  };
}

interface FmtFields {
  formatTag: number;
  extensible: boolean;
  channels: number;
  sampleRate: number;
  byteRate: number;
  blockAlign: number;
  bitsPerSample: number;
  validBitsPerSample: number;
  channelMask: number | null;
}

/** The fields as written, the sub-format of WAVE_FORMAT_EXTENSIBLE resolved; only PCM and IEEE float pass. */
function fmtFields(at: number, body: Uint8Array, fail: Fail): FmtFields {
  if (body.length < 16) fail('bad-fmt', at - 4, 'a fmt chunk of at least 16 bytes', `size is ${body.length}`);
  const v = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const tag = v.getUint16(0, true);
  const bitsPerSample = v.getUint16(14, true);
  const f: FmtFields = {
    formatTag: tag,
    extensible: tag === WAVE_FORMAT_EXTENSIBLE,
    channels: v.getUint16(2, true),
    sampleRate: v.getUint32(4, true),
    byteRate: v.getUint32(8, true),
    blockAlign: v.getUint16(12, true),
    bitsPerSample,
    validBitsPerSample: bitsPerSample,
    channelMask: null,
  };
  if (f.extensible) {
    if (body.length < 40) fail('bad-fmt', at - 4, 'a WAVE_FORMAT_EXTENSIBLE fmt chunk of 40 bytes', `size is ${body.length}`);
    f.validBitsPerSample = v.getUint16(18, true) || bitsPerSample;
    f.channelMask = v.getUint32(20, true);
    f.formatTag = v.getUint16(24, true);
    for (let i = 0; i < 14; i++) {
      if (body[26 + i] !== KS_GUID_TAIL[i]) {
        const guid = Array.from(body.subarray(24, 40), (b) => b.toString(16).padStart(2, '0')).join('');
        fail('unsupported-codec', at + 24, 'a KSDATAFORMAT_SUBTYPE PCM or IEEE_FLOAT GUID', `sub-format GUID ${guid} is not a WAVE sub-format`);
      }
    }
  }
  if (f.formatTag !== WAVE_FORMAT_PCM && f.formatTag !== WAVE_FORMAT_IEEE_FLOAT) {
    const name = CODEC_NAMES[f.formatTag] ?? 'unknown codec';
    fail('unsupported-codec', f.extensible ? at + 24 : at, 'PCM (0x0001) or IEEE float (0x0003)', `${name} (${hex(f.formatTag)}) is not PCM`);
  }
  return f;
}

/** Channels, rate and bit depth within what the reader decodes. */
function checkFmt(at: number, f: FmtFields, fail: Fail): void {
  const pcm = f.formatTag === WAVE_FORMAT_PCM;
  const maxChannels = READER_LIMITS.maxChannels;
  if (f.channels === 0) fail('zero-channels', at + 2, `1 to ${maxChannels} channels`, 'the fmt chunk says 0 channels');
  if (f.channels > maxChannels) fail('bad-fmt', at + 2, `1 to ${maxChannels} channels`, `the fmt chunk says ${f.channels}`);
  if (f.sampleRate < 8000 || f.sampleRate > 768000) fail('bad-fmt', at + 4, 'a sample rate from 8000 to 768000 Hz', `found ${f.sampleRate}`);
  const okBits = pcm ? [8, 16, 24, 32] : [32, 64];
  if (!okBits.includes(f.bitsPerSample))
    fail('bad-fmt', at + 14, `${okBits.join('/')} bits per sample for ${pcm ? 'PCM' : 'IEEE float'}`, `found ${f.bitsPerSample}`);
  if (f.validBitsPerSample > f.bitsPerSample)
    fail('inconsistent-header', at + 18, `valid bits <= container bits (${f.bitsPerSample})`, `found ${f.validBitsPerSample}`);
}

/**
 * Channels and bits decide how samples are decoded; block align and byte rate only restate them.
 * When one of the two restatements is wrong (0, or not the product) it is repaired, as sox, ffmpeg
 * and libsndfile do. When both agree with each other but not with channels x bits, the header is
 * ambiguous (the channel count or the bit depth could be the wrong field), so it stays an error.
 */
function repairRestatements(at: number, f: FmtFields, warnings: Warnings, fail: Fail): { blockAlign: number; byteRate: number } {
  const expectedAlign = (f.channels * f.bitsPerSample) / 8;
  let { blockAlign, byteRate } = f;
  const alignOk = blockAlign === expectedAlign;
  const rateOk = byteRate === f.sampleRate * expectedAlign;
  if (!alignOk && byteRate === f.sampleRate * blockAlign && blockAlign !== 0) {
    fail('inconsistent-header', at + 12, `block align = channels x bytes per sample = ${expectedAlign}`, `found ${blockAlign}`);
  }
  if (!alignOk) {
    warnings.push({
      code: 'header-repaired',
      message: `block align is ${blockAlign}, not channels x bytes per sample = ${expectedAlign}; read as ${expectedAlign}`,
      offset: at + 12,
    });
    blockAlign = expectedAlign;
  }
  if (!rateOk) {
    warnings.push({
      code: 'header-repaired',
      message: `byte rate is ${byteRate}, not sample rate x block align = ${f.sampleRate * expectedAlign}; read as ${f.sampleRate * expectedAlign}`,
      offset: at + 8,
    });
    byteRate = f.sampleRate * expectedAlign;
  }
  return { blockAlign, byteRate };
}

/** About 1 MB of file per read: large enough that per-read overhead vanishes, small enough to stay in cache. */
function defaultBlockFrames(blockAlign: number): number {
  return Math.max(4096, Math.min(262144, Math.floor((1 << 20) / blockAlign)));
}

function trailingZeros(x: number): number {
  if (x === 0) return 32;
  return 31 - Math.clz32(x & -x);
}

class StreamingWavReader implements WavReader {
  readonly file: string;
  private readonly orBits: number[];
  /** Float files: per channel, the finest integer grid every sample sat on (16, 24 or 0 = none). */
  private readonly floatGrid: number[];
  private finished = false;

  constructor(
    private readonly source: ByteSource,
    readonly header: WavHeader,
  ) {
    this.file = source.name;
    this.orBits = new Array(header.format.channels).fill(0);
    this.floatGrid = new Array(header.format.channels).fill(16);
  }

  async *blocks(blockFrames = defaultBlockFrames(this.header.format.blockAlign), signal?: AbortSignal): AsyncIterableIterator<PlanarBlock> {
    const f = this.header.format;
    const C = f.channels;
    const bytesPerSample = f.bitsPerSample / 8;
    const frameBytes = f.blockAlign;
    // Two byte buffers: the next read runs in the I/O thread pool while this block is analysed.
    const raw = [new ArrayBuffer(blockFrames * frameBytes), new ArrayBuffer(blockFrames * frameBytes)];
    const channels = Array.from({ length: C }, () => new Float32Array(blockFrames));
    const wide = f.encoding === 'float' && bytesPerSample === 8 ? Array.from({ length: C }, () => new Float64Array(blockFrames)) : undefined;
    const block: PlanarBlock = wide ? { channels, wide, frames: 0, startFrame: 0 } : { channels, frames: 0, startFrame: 0 };
    const readAt = (which: number, frame: number) => {
      const want = Math.min(blockFrames, f.frames - frame);
      return this.source.readInto(new Uint8Array(raw[which]!, 0, want * frameBytes), f.dataOffset + frame * frameBytes);
    };
    let cur = 0;
    let frame = 0;
    let pending: Promise<number> | null = f.frames > 0 ? readAt(0, 0) : null;
    try {
      while (pending) {
        const got = await pending;
        pending = null;
        signal?.throwIfAborted();
        const frames = Math.floor(got / frameBytes);
        if (frames < Math.min(blockFrames, f.frames - frame)) {
          throw new WavError(
            'changed',
            this.file,
            f.dataOffset + frame * frameBytes + got,
            `${f.dataBytes} bytes of samples from byte ${f.dataOffset}`,
            'the file was cut short while it was read; analyse it again once it is written',
          );
        }
        if (frame + frames < f.frames) pending = readAt(cur ^ 1, frame + frames);
        const buffer = raw[cur]!;
        if (f.encoding === 'pcm') this.decodePcm(buffer, new Uint8Array(buffer), frames, C, bytesPerSample, channels);
        else this.decodeFloat(buffer, frames, C, bytesPerSample, wide ?? channels);
        if (wide) for (let c = 0; c < C; c++) channels[c]!.set(wide[c]!.subarray(0, frames));
        block.frames = frames;
        block.startFrame = frame;
        frame += frames;
        cur ^= 1;
        yield block;
      }
      const change = await this.source.changedSinceOpen?.();
      if (change)
        throw new WavError(
          'changed',
          this.file,
          0,
          'a file that does not change while it is read',
          `the file changed while it was read (${change}); analyse it again once it is written`,
        );
      this.finished = true;
    } finally {
      // Never leave a read in flight on a handle the caller is about to close.
      await pending?.catch(() => 0);
    }
  }

  private decodePcm(buffer: ArrayBuffer, bytes: Uint8Array, frames: number, C: number, bps: number, out: Float32Array[]): void {
    const n = frames * C;
    for (let ch = 0; ch < C; ch++) {
      const dst = out[ch]!;
      let or = 0;
      if (bps === 2) {
        const src = new Int16Array(buffer, 0, n);
        const k = 1 / 32768;
        for (let i = ch, j = 0; i < n; i += C, j++) {
          const s = src[i]!;
          or |= s;
          dst[j] = s * k;
        }
      } else if (bps === 3) {
        if (C === 2) {
          // Stereo is the common case: both channels in one pass over the bytes.
          this.decode24Stereo(bytes, frames, out[0]!, out[1]!);
          return;
        }
        const k = 1 / 8388608;
        for (let i = ch * 3, j = 0, step = C * 3; j < frames; i += step, j++) {
          const s = ((bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16)) << 8) >> 8;
          or |= s;
          dst[j] = s * k;
        }
      } else if (bps === 4) {
        const src = new Int32Array(buffer, 0, n);
        const k = 1 / 2147483648;
        for (let i = ch, j = 0; i < n; i += C, j++) {
          const s = src[i]!;
          or |= s;
          dst[j] = s * k;
        }
      } else {
        const k = 1 / 128;
        for (let i = ch, j = 0; i < n; i += C, j++) {
          const s = bytes[i]! - 128;
          or |= s;
          dst[j] = s * k;
        }
      }
      this.orBits[ch]! |= or;
    }
  }

  /**
   * Two 24-bit stereo frames are 12 bytes: three aligned 32-bit words, so four samples come from
   * three loads instead of twelve byte loads (the buffer starts at offset 0 of its own ArrayBuffer).
   */
  private decode24Stereo(bytes: Uint8Array, frames: number, left: Float32Array, right: Float32Array): void {
    const k = 1 / 8388608;
    const words = new Uint32Array(bytes.buffer, 0, Math.floor((frames * 6) / 4));
    const pairs = frames >> 1;
    let orL = 0;
    let orR = 0;
    for (let p = 0, w = 0, j = 0; p < pairs; p++, w += 3, j += 2) {
      const w0 = words[w]!;
      const w1 = words[w + 1]!;
      const w2 = words[w + 2]!;
      const l0 = (w0 << 8) >> 8;
      const r0 = (((w0 >>> 24) | (w1 << 8)) << 8) >> 8;
      const l1 = (((w1 >>> 16) | (w2 << 16)) << 8) >> 8;
      const r1 = w2 >> 8;
      orL |= l0 | l1;
      orR |= r0 | r1;
      left[j] = l0 * k;
      right[j] = r0 * k;
      left[j + 1] = l1 * k;
      right[j + 1] = r1 * k;
    }
    if (frames & 1) {
      const i = (frames - 1) * 6;
      const l = ((bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16)) << 8) >> 8;
      const r = ((bytes[i + 3]! | (bytes[i + 4]! << 8) | (bytes[i + 5]! << 16)) << 8) >> 8;
      orL |= l;
      orR |= r;
      left[frames - 1] = l * k;
      right[frames - 1] = r * k;
    }
    this.orBits[0]! |= orL;
    this.orBits[1]! |= orR;
  }

  private decodeFloat(buffer: ArrayBuffer, frames: number, C: number, bps: number, out: Float32Array[] | Float64Array[]): void {
    const n = frames * C;
    const src = bps === 4 ? new Float32Array(buffer, 0, n) : new Float64Array(buffer, 0, n);
    for (let ch = 0; ch < C; ch++) {
      const dst = out[ch]!;
      let grid = this.floatGrid[ch]!;
      for (let i = ch, j = 0; i < n; i += C, j++) {
        const s = src[i]!;
        dst[j] = s;
        // A float take rendered from 16- or 24-bit material keeps every sample on that grid.
        if (grid !== 0 && s - s === 0) {
          const scaled = s * (grid === 16 ? 32768 : 8388608);
          if (scaled !== Math.round(scaled)) {
            grid = grid === 16 && Number.isInteger(s * 8388608) ? 24 : 0;
          }
        }
      }
      this.floatGrid[ch] = grid;
    }
  }

  decodeStats(): DecodeStats {
    if (!this.finished) throw new Error('decodeStats() is valid only after blocks() has run to the end');
    const f = this.header.format;
    const effectiveBits = this.orBits.map((or, ch) => {
      if (f.encoding === 'float') return this.floatGrid[ch] || f.bitsPerSample;
      if (or === 0) return 0;
      return f.bitsPerSample - Math.min(f.bitsPerSample, trailingZeros(or));
    });
    return { effectiveBits };
  }

  close(): Promise<void> {
    return this.source.close();
  }
}
