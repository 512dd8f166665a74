// A model of the reader, checked by fast-check over generated files: any order of chunks around
// fmt and data, odd sizes with and without their pad byte, metadata chunks of any size, a data
// chunk whose size field is right, zero, unset or past the end, and every sample layout. The model
// says what must come out: the frames, every sample, the markers and tags, and which warnings.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { openWavSource } from '../../../src/core/wav/reader';
import { MemoryByteSource } from '../../../src/core/wav/memorySource';
import { encodeSamples, type WavWriteOptions } from '../../../src/core/wav/writer';

interface Layout {
  bits: 8 | 16 | 24 | 32;
  float: boolean;
  channels: number;
  frames: number;
  /** Chunks before fmt, between fmt and data, and after data: ids and body sizes. */
  before: { id: string; size: number; pad: boolean }[];
  middle: { id: string; size: number; pad: boolean }[];
  after: { id: string; size: number; pad: boolean }[];
  info: Record<string, string>;
  dataSize: 'exact' | 'zero' | 'unset' | 'past-eof';
}

const chunkId = fc.constantFrom('junk', 'JUNK', 'PAD ', 'fake', 'abcd', 'smpl', 'inst');
// Sizes whose low byte is not printable: "unk" + that byte never reads as a chunk id, so a missing
// pad byte is never ambiguous (the reader prefers the padded position when both look like ids).
const chunk = fc.record({ id: chunkId, size: fc.oneof(fc.integer({ min: 0, max: 31 }), fc.integer({ min: 127, max: 287 })), pad: fc.boolean() });
const layout: fc.Arbitrary<Layout> = fc
  .record({
    bits: fc.constantFrom(8, 16, 24, 32) as fc.Arbitrary<8 | 16 | 24 | 32>,
    float: fc.boolean(),
    channels: fc.integer({ min: 1, max: 8 }),
    // At least one frame: a data size of 0 with bytes after it is read as an unfinished recording.
    frames: fc.integer({ min: 1, max: 700 }),
    before: fc.array(chunk, { maxLength: 3 }),
    middle: fc.array(chunk, { maxLength: 3 }),
    after: fc.array(chunk, { maxLength: 3 }),
    info: fc.dictionary(
      fc.constantFrom('INAM', 'IART', 'ICMT', 'ISFT'),
      fc.string({ unit: fc.constantFrom('a', 'b', 'Z', ' ', '9'), minLength: 1, maxLength: 20 }).filter((s) => s.trim() === s),
    ),
    dataSize: fc.constantFrom('exact', 'zero', 'unset', 'past-eof') as fc.Arbitrary<Layout['dataSize']>,
  })
  .map((l) => (l.float ? { ...l, bits: l.bits === 8 || l.bits === 16 ? 32 : ((l.bits === 24 ? 64 : 32) as 8 | 16 | 24 | 32) } : l));

function bytesOf(id: string, body: Uint8Array, pad: boolean): number[] {
  const head = [...id].map((c) => c.charCodeAt(0));
  const size = [body.length & 0xff, (body.length >> 8) & 0xff, 0, 0];
  return [...head, ...size, ...body, ...(body.length & 1 && pad ? [0] : [])];
}

/** Builds the file the layout describes, and what the reader must make of it. */
function build(l: Layout) {
  const bits = l.float ? (l.bits === 32 ? 32 : 64) : l.bits;
  const sig = Array.from({ length: l.channels }, (_, c) => Float64Array.from({ length: l.frames }, (_, i) => Math.sin(0.01 * (i + 1) * (c + 1)) * 0.7));
  const opts: WavWriteOptions = { sampleRate: 48000, channels: l.channels, bitsPerSample: bits, encoding: l.float ? 'float' : 'pcm' };
  const data = encodeSamples(sig, l.frames, opts);
  const blockAlign = (l.channels * bits) / 8;
  const fmt = new Uint8Array(16);
  const v = new DataView(fmt.buffer);
  v.setUint16(0, l.float ? 3 : 1, true);
  v.setUint16(2, l.channels, true);
  v.setUint32(4, 48000, true);
  v.setUint32(8, 48000 * blockAlign, true);
  v.setUint16(12, blockAlign, true);
  v.setUint16(14, bits, true);
  // A pad byte is left out only before another generated chunk (whose size byte is not printable):
  // before fmt, data or LIST the data size could make the padded reading look plausible too.
  // Chunk bodies are zeros, so a body never looks like a chunk id.
  const fix = (list: Layout['before'], nextIsJunk: boolean) => list.map((c, i) => ({ ...c, pad: c.pad || !(i + 1 < list.length || nextIsJunk) }));
  l = { ...l, before: fix(l.before, false), middle: fix(l.middle, false), after: fix(l.after, false) };
  const junk = (c: { id: string; size: number; pad: boolean }) => bytesOf(c.id, new Uint8Array(c.size), c.pad);
  const info = Object.entries(l.info)
    .map(([k, s]) => bytesOf(k, new TextEncoder().encode(s + '\0'), true))
    .flat();
  const list = Object.keys(l.info).length ? bytesOf('LIST', new Uint8Array([0x49, 0x4e, 0x46, 0x4f, ...info]), true) : [];
  const sizeField = l.dataSize === 'zero' ? 0 : l.dataSize === 'unset' ? 0xffffffff : l.dataSize === 'past-eof' ? data.length + 1000 : data.length;
  const dataHead = [0x64, 0x61, 0x74, 0x61, sizeField & 0xff, (sizeField >>> 8) & 0xff, (sizeField >>> 16) & 0xff, sizeField >>> 24];
  // A data chunk whose size is not exact is read to the end of the file: nothing may follow it.
  const tail = l.dataSize === 'exact' ? [...(data.length & 1 ? [0] : []), ...l.after.flatMap(junk), ...list] : [];
  const body = [0x57, 0x41, 0x56, 0x45, ...l.before.flatMap(junk), ...bytesOf('fmt ', fmt, true), ...l.middle.flatMap(junk), ...dataHead, ...data, ...tail];
  const riff = [0x52, 0x49, 0x46, 0x46, body.length & 0xff, (body.length >> 8) & 0xff, (body.length >> 16) & 0xff, body.length >>> 24];
  const file = new Uint8Array([...riff, ...body]);
  const unpadded = [...l.before, ...l.middle, ...(l.dataSize === 'exact' ? l.after : [])].filter((c) => c.size & 1 && !c.pad).length;
  return { file, sig, bits, unpadded, info: l.dataSize === 'exact' ? { ...l.info } : {} };
}

describe('WAV reader: a model over generated chunk layouts', () => {
  it('frames, samples, tags and warnings are what the layout says', async () => {
    await fc.assert(
      fc.asyncProperty(layout, async (l) => {
        const { file, sig, bits, unpadded, info } = build(l);
        const r = await openWavSource(new MemoryByteSource('model.wav', file));
        const f = r.header.format;
        assert.equal(f.frames, l.frames);
        assert.equal(f.channels, l.channels);
        assert.equal(f.bitsPerSample, bits);
        assert.deepEqual(r.header.metadata.info, info);
        const codes = r.header.warnings.map((w) => w.code);
        assert.equal(codes.filter((c) => c === 'missing-pad-byte').length, unpadded);
        const expectWarning = { exact: null, zero: l.frames > 0 ? 'data-size-zero' : null, unset: 'data-size-unset', 'past-eof': 'data-size-past-eof' }[
          l.dataSize
        ];
        if (expectWarning) assert.ok(codes.includes(expectWarning as never), `${expectWarning} in ${codes.join(',')}`);
        const lsb = l.float ? 0 : 2 ** -(bits - 1);
        for await (const b of r.blocks(97)) {
          for (let c = 0; c < l.channels; c++) {
            for (let i = 0; i < b.frames; i++) {
              const x = sig[c]![b.startFrame + i]!;
              const want = lsb === 0 ? (bits === 32 ? Math.fround(x) : x) : Math.max(-1, Math.min(1 - lsb, Math.round(x / lsb) * lsb));
              const expected = bits <= 24 || l.float ? want : Math.fround(want);
              // 64-bit float arrives exact in `wide`, and rounded to float32 in `channels`.
              const got = b.wide ? b.wide[c]![i] : b.channels[c]![i];
              // === rather than Object.is: a quantised -0 and the decoded 0 are the same sample.
              assert.ok(got === expected, `ch ${c} frame ${b.startFrame + i}: ${got} vs ${expected}`);
              if (b.wide) assert.ok(b.channels[c]![i] === Math.fround(expected));
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
