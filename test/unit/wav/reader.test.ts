import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { WavError } from '../../../src/core/wav/errors';
import { openWavSource } from '../../../src/core/wav/reader';
import { openWav } from '../../../src/node/byteSource';
import { MemoryByteSource } from '../../../src/core/wav/memorySource';
import { READER_LIMITS } from '../../../src/core/wav/limits';
import type { WavReader } from '../../../src/core/wav/types';
import { bextChunk, cueChunks, encodeWav, infoChunk, ixmlChunk, type WavWriteOptions } from '../../../src/core/wav/writer';
import { scratch } from '../../support/scratch';
// wav-decoder ships no types; it decodes a whole buffer, independently of our reader.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const WavDecoder = require('wav-decoder') as { decode(buf: Buffer): Promise<{ sampleRate: number; channelData: Float32Array[] }> };

async function readAll(reader: WavReader, blockFrames?: number): Promise<Float32Array[]> {
  const f = reader.header.format;
  const out = Array.from({ length: f.channels }, () => new Float32Array(f.frames));
  for await (const b of reader.blocks(blockFrames)) b.channels.forEach((c, i) => out[i]!.set(c.subarray(0, b.frames), b.startFrame));
  return out;
}

const open = (bytes: Uint8Array, name = 'mem.wav') => openWavSource(new MemoryByteSource(name, bytes));

async function expectWavError(bytes: Uint8Array, code: string, offset: number, pattern: RegExp): Promise<void> {
  await assert.rejects(open(bytes, 'bad.wav'), (err: unknown) => {
    assert.ok(err instanceof WavError, `expected WavError, got ${String(err)}`);
    assert.equal(err.code, code);
    assert.equal(err.offset, offset);
    assert.match(err.message, /^bad\.wav: at byte \d+: /);
    assert.match(err.message, pattern);
    return true;
  });
}

function testSignal(channels: number, frames: number): Float64Array[] {
  return Array.from({ length: channels }, (_, c) =>
    Float64Array.from({ length: frames }, (_, i) => 0.9 * Math.sin(2 * Math.PI * (i + 1) * (c + 1) * 0.01) * (i % 7 === 0 ? -1 : 1)),
  );
}

const LAYOUTS: { name: string; o: Omit<WavWriteOptions, 'sampleRate' | 'channels'>; lsb: number }[] = [
  { name: 'u8', o: { bitsPerSample: 8 }, lsb: 1 / 128 },
  { name: 's16', o: { bitsPerSample: 16 }, lsb: 1 / 32768 },
  { name: 's24', o: { bitsPerSample: 24 }, lsb: 1 / 8388608 },
  { name: 's32', o: { bitsPerSample: 32 }, lsb: 2 ** -31 },
  { name: 'f32', o: { encoding: 'float', bitsPerSample: 32 }, lsb: 0 },
  { name: 'f64', o: { encoding: 'float', bitsPerSample: 64 }, lsb: 0 },
  { name: 's24 extensible', o: { bitsPerSample: 24, extensible: { channelMask: 0x3f } }, lsb: 1 / 8388608 },
  { name: 's24 RF64', o: { bitsPerSample: 24, container: 'RF64' }, lsb: 1 / 8388608 },
  { name: 'f32 BW64', o: { encoding: 'float', bitsPerSample: 32, container: 'BW64' }, lsb: 0 },
];

describe('WAV reader: round trips through the writer', () => {
  for (const layout of LAYOUTS) {
    for (const [channels, rate] of [
      [1, 8000],
      [2, 44100],
      [6, 96000],
      [3, 384000],
    ] as const) {
      it(`${layout.name}, ${channels} ch, ${rate} Hz: samples exact to the quantisation`, async () => {
        const sig = testSignal(channels, 3001);
        const opts: WavWriteOptions = { sampleRate: rate, channels, ...layout.o };
        if (opts.extensible && channels !== 6) opts.extensible = { channelMask: channels === 1 ? 0x4 : channels === 2 ? 0x3 : 0x7 };
        const r = await open(encodeWav(sig, opts));
        const f = r.header.format;
        assert.equal(f.channels, channels);
        assert.equal(f.sampleRate, rate);
        assert.equal(f.frames, 3001);
        assert.equal(f.container, opts.container ?? 'RIFF');
        assert.equal(f.extensible, !!opts.extensible);
        const got = await readAll(r, 1000);
        for (let c = 0; c < channels; c++) {
          for (let i = 0; i < 3001; i++) {
            const x = sig[c]![i]!;
            // Samples arrive as Float32: 32-bit integers keep 24 bits of mantissa.
            const want = Math.fround(layout.lsb === 0 ? x : Math.max(-1, Math.min(1 - layout.lsb, Math.round(x / layout.lsb) * layout.lsb)));
            assert.ok(Math.abs(got[c]![i]! - want) <= (layout.name === 'f64' ? 1e-7 : 0), `ch ${c} frame ${i}: ${got[c]![i]} vs ${want}`);
          }
        }
        assert.deepEqual(r.header.warnings, []);
      });
    }
  }

  it('channel labels from the EXTENSIBLE mask, and by convention without one', async () => {
    const six = testSignal(6, 10);
    assert.deepEqual(
      (await open(encodeWav(six, { sampleRate: 48000, channels: 6, bitsPerSample: 24, extensible: { channelMask: 0x60f } }))).header.format.channelLabels,
      ['FL', 'FR', 'FC', 'LFE', 'SL', 'SR'],
    );
    assert.deepEqual((await open(encodeWav(six, { sampleRate: 48000, channels: 6 }))).header.format.channelLabels, ['L', 'R', 'C', 'LFE', 'Ls', 'Rs']);
    assert.deepEqual((await open(encodeWav(testSignal(1, 10), { sampleRate: 48000, channels: 1 }))).header.format.channelLabels, ['M']);
  });

  it('effective bit depth: a 24-bit file holding 16-bit audio reads as 16', async () => {
    const sig = testSignal(2, 2000).map((c) => c.map((x) => Math.round(x * 32768) / 32768));
    const r = await open(encodeWav(sig, { sampleRate: 48000, channels: 2, bitsPerSample: 24 }));
    await readAll(r);
    assert.deepEqual(r.decodeStats().effectiveBits, [16, 16]);
    const full = await open(encodeWav(testSignal(2, 2000), { sampleRate: 48000, channels: 2, bitsPerSample: 24 }));
    await readAll(full);
    assert.deepEqual(full.decodeStats().effectiveBits, [24, 24]);
  });
});

describe('WAV reader: metadata', () => {
  it('reads bext, iXML, cue + adtl labels and LIST/INFO wherever they sit', async () => {
    const bytes = encodeWav(testSignal(2, 48000), {
      sampleRate: 48000,
      channels: 2,
      bitsPerSample: 24,
      before: [
        bextChunk({
          description: 'Kick in',
          originator: 'Headroom',
          date: '2026-11-24',
          time: '10:11:12',
          timeReference: 48000 * 3661.5,
          codingHistory: 'A=PCM,F=48000,W=24',
        }),
        ixmlChunk(
          '<BWFXML><PROJECT>Album &amp; Co</PROJECT><SCENE>12</SCENE><TAKE>3</TAKE><CIRCLED>TRUE</CIRCLED><TRACK_LIST><TRACK><CHANNEL_INDEX>2</CHANNEL_INDEX><NAME>Snare</NAME></TRACK><TRACK><CHANNEL_INDEX>1</CHANNEL_INDEX><NAME><![CDATA[Kick <in>]]></NAME></TRACK></TRACK_LIST></BWFXML>',
        ),
      ],
      after: [
        ...cueChunks([
          { id: 1, frame: 24000, label: 'Chorus' },
          { id: 2, frame: 12000 },
        ]),
        infoChunk({ INAM: 'Take 3', ISFT: 'Headroom' }),
      ],
    });
    const { metadata } = (await open(bytes)).header;
    assert.equal(metadata.bext?.description, 'Kick in');
    assert.equal(metadata.bext?.originationDate, '2026-11-24');
    assert.equal(metadata.bext?.timeReferenceSamples, 48000 * 3661.5);
    assert.equal(metadata.bext?.timecode, '01:01:01.500');
    assert.equal(metadata.bext?.codingHistory, 'A=PCM,F=48000,W=24');
    assert.equal(metadata.ixml?.project, 'Album & Co');
    assert.equal(metadata.ixml?.take, '3');
    assert.equal(metadata.ixml?.circled, true);
    assert.deepEqual(metadata.ixml?.trackNames, ['Kick <in>', 'Snare']);
    assert.deepEqual(metadata.markers, [
      { id: 2, frame: 12000, seconds: 0.25 },
      { id: 1, frame: 24000, seconds: 0.5, label: 'Chorus' },
    ]);
    assert.deepEqual(metadata.info, { INAM: 'Take 3', ISFT: 'Headroom' });
  });

  it('odd-size chunks with their pad byte, and without it (warning)', async () => {
    const odd = { id: 'junk', body: new Uint8Array(5) };
    const ok = await open(encodeWav(testSignal(1, 100), { sampleRate: 48000, channels: 1, before: [odd] }));
    assert.equal(ok.header.format.frames, 100);
    assert.deepEqual(ok.header.warnings, []);
    // Remove the pad byte after the 5-byte chunk: fmt(24) + RIFF header(12) + 8 + 5.
    const padded = encodeWav(testSignal(1, 100), { sampleRate: 48000, channels: 1, fault: { riffSize: 0 }, before: [odd] });
    const at = 12 + 24 + 8 + 5;
    const unpadded = new Uint8Array([...padded.subarray(0, at), ...padded.subarray(at + 1)]);
    const r = await open(unpadded);
    assert.equal(r.header.format.frames, 100);
    assert.equal(r.header.warnings[0]?.code, 'missing-pad-byte');
  });
});

describe('WAV reader: bounded work on hostile headers', () => {
  const cue = (points: number, first = 0) => {
    const body = new Uint8Array(4 + points * 24);
    const v = new DataView(body.buffer);
    v.setUint32(0, points, true);
    for (let i = 0; i < points; i++) {
      v.setUint32(4 + i * 24, first + i, true);
      v.setUint32(4 + i * 24 + 20, i, true);
    }
    return { id: 'cue ', body };
  };

  it('cue points past the marker budget are dropped with one warning', async () => {
    const chunks = Array.from({ length: 6 }, (_, k) => cue(20_000, k * 20_000));
    const r = await open(encodeWav(testSignal(1, 100), { sampleRate: 48000, channels: 1, after: chunks }));
    assert.equal(r.header.metadata.markers.length, READER_LIMITS.maxMarkers);
    const w = r.header.warnings.filter((x) => x.code === 'metadata-limit');
    assert.equal(w.length, 1);
    assert.match(w[0]!.message, /^110000 cue points past the first 10000 ignored$/);
  });

  it('metadata past the total byte budget is skipped chunk by chunk; the audio is still read', async () => {
    const big = { id: 'LIST', body: new Uint8Array([0x49, 0x4e, 0x46, 0x4f, ...new Uint8Array(READER_LIMITS.maxMetadataChunkBytes - 4)]) };
    const r = await open(encodeWav(testSignal(1, 100), { sampleRate: 48000, channels: 1, after: Array.from({ length: 6 }, () => big) }));
    assert.equal(r.header.format.frames, 100);
    assert.deepEqual(
      r.header.warnings.map((w) => w.code),
      ['metadata-limit', 'metadata-limit'],
    );
    assert.match(r.header.warnings[0]!.message, /metadata past 4194304 bytes in all: "LIST" chunk skipped/);
  });

  it('a metadata chunk larger than the per-chunk limit is skipped', async () => {
    const r = await open(
      encodeWav(testSignal(1, 10), { sampleRate: 48000, channels: 1, after: [ixmlChunk('<A>' + 'x'.repeat(READER_LIMITS.maxMetadataChunkBytes) + '</A>')] }),
    );
    assert.equal(r.header.metadata.ixml, undefined);
    assert.match(r.header.warnings[0]!.message, /"iXML" chunk of 1048583 bytes is larger than 1048576 bytes; skipped/);
  });

  it('70,000 empty chunks after the data: the walk stops at the chunk limit with a warning, fast', async () => {
    const empty = Array.from({ length: 70_000 }, () => ({ id: 'junk', body: new Uint8Array(0) }));
    const t = performance.now();
    const r = await open(encodeWav(testSignal(1, 100), { sampleRate: 48000, channels: 1, after: empty }));
    assert.equal(r.header.format.frames, 100);
    assert.deepEqual(
      r.header.warnings.map((w) => w.code),
      ['chunk-limit'],
    );
    assert.ok(performance.now() - t < 2000);
  });

  it('thousands of chunks before fmt and data: an error at the chunk limit', async () => {
    const empty = Array.from({ length: READER_LIMITS.maxChunks + 5 }, () => ({ id: 'junk', body: new Uint8Array(0) }));
    const bytes = encodeWav(testSignal(1, 10), { sampleRate: 48000, channels: 1, before: empty });
    // The writer puts fmt first: move it behind the junk by swapping it with the first 24 bytes of junk.
    const fmt = bytes.slice(12, 36);
    bytes.copyWithin(12, 36, 36 + 8 * (READER_LIMITS.maxChunks + 5));
    bytes.set(fmt, 12 + 8 * (READER_LIMITS.maxChunks + 5));
    await expectWavError(bytes, 'chunk-overflow', 12 + 8 * READER_LIMITS.maxChunks, /too many chunks/);
  });

  it('warnings of one kind are listed at most 10 times, then counted', async () => {
    const odd = Array.from({ length: 30 }, () => ({ id: 'junk', body: new Uint8Array(5) }));
    const padded = encodeWav(testSignal(1, 10), { sampleRate: 48000, channels: 1, before: odd });
    // Drop every pad byte: each 5-byte chunk is followed directly by the next chunk id.
    const parts: number[] = [...padded.subarray(0, 36)];
    for (let k = 0; k < 30; k++) parts.push(...padded.subarray(36 + k * 14, 36 + k * 14 + 13));
    parts.push(...padded.subarray(36 + 30 * 14));
    const r = await open(new Uint8Array(parts));
    assert.equal(r.header.format.frames, 10);
    assert.equal(r.header.warnings.length, 11);
    assert.equal(r.header.warnings[10]!.message, '20 more missing-pad-byte warnings like the one before');
  });

  for (const [name, xml] of [
    ['unclosed tags', '<PROJECT>'.repeat(100_000)],
    ['unclosed track list entries', '<TRACK_LIST>' + '<TRACK><NAME>'.repeat(70_000) + '</TRACK_LIST>'],
    ['open tags with attributes and no >', '<PROJECT a="'.repeat(80_000)],
  ] as const) {
    it(`iXML of ${name} (${xml.length} bytes) parses in linear time`, async () => {
      const t = performance.now();
      const r = await open(encodeWav(testSignal(1, 10), { sampleRate: 48000, channels: 1, after: [ixmlChunk(xml)] }));
      assert.ok(r.header.metadata.ixml);
      assert.ok(performance.now() - t < 1000, `${(performance.now() - t).toFixed(0)} ms`);
    });
  }

  it('iXML: case-insensitive tags, attributes, and tags that only start like the wanted one', async () => {
    const r = await open(
      encodeWav(testSignal(1, 10), {
        sampleRate: 48000,
        channels: 1,
        after: [
          ixmlChunk(
            '<bwfxml><PROJECTS>no</PROJECTS><project id="1">Yes</Project><TRACK_LIST><track><name>A</name></track><TRACK><NAME>B</NAME><CHANNEL_INDEX>0</CHANNEL_INDEX></TRACK></TRACK_LIST></bwfxml>',
          ),
        ],
      }),
    );
    assert.equal(r.header.metadata.ixml?.project, 'Yes');
    assert.deepEqual(r.header.metadata.ixml?.trackNames, ['B', 'A']);
  });

  it(`${READER_LIMITS.maxChannels} channels are read; more are refused`, async () => {
    const r = await open(encodeWav(testSignal(READER_LIMITS.maxChannels, 50), { sampleRate: 48000, channels: READER_LIMITS.maxChannels, bitsPerSample: 16 }));
    const got = await readAll(r);
    assert.equal(got.length, 256);
    assert.equal(got[255]![10], Math.round(testSignal(256, 50)[255]![10]! * 32768) / 32768);
    const bytes = encodeWav(testSignal(1, 4), { sampleRate: 48000, channels: 1, bitsPerSample: 16 });
    const v = new DataView(bytes.buffer);
    v.setUint16(22, 257, true);
    await expectWavError(bytes, 'bad-fmt', 22, /1 to 256 channels/);
  });
});

describe('WAV reader: unfinished and truncated files', () => {
  const sig = testSignal(2, 1000);
  for (const [fault, code] of [
    ['zero', 'data-size-zero'],
    ['unset', 'data-size-unset'],
    [1_000_000, 'data-size-past-eof'],
  ] as const) {
    it(`data size ${fault}: read to the real end with a ${code} warning`, async () => {
      const r = await open(encodeWav(sig, { sampleRate: 48000, channels: 2, bitsPerSample: 16, fault: { dataSize: fault } }));
      assert.equal(r.header.format.frames, 1000);
      assert.equal(r.header.warnings[0]?.code, code);
      assert.equal(r.header.warnings[0]?.offset, 40);
      const got = await readAll(r);
      assert.ok(Math.abs(got[1]![999]! - sig[1]![999]!) < 1 / 32768);
    });
  }
  it('a file cut mid-frame drops the partial frame with a warning', async () => {
    const bytes = encodeWav(sig, { sampleRate: 48000, channels: 2, bitsPerSample: 24 });
    const r = await open(bytes.subarray(0, bytes.length - 4));
    assert.equal(r.header.format.frames, 999);
    assert.deepEqual(
      r.header.warnings.map((w) => w.code),
      ['data-size-past-eof', 'partial-frame'],
    );
  });
});

describe('WAV reader: a file that changes while it is read', () => {
  const bytes = encodeWav(testSignal(2, 20000), { sampleRate: 48000, channels: 2, bitsPerSample: 16 });

  it('cut short mid-read: a changed error at the byte where the samples ran out', async () => {
    class Shrinking extends MemoryByteSource {
      override async readInto(target: Uint8Array, offset: number): Promise<number> {
        // The file loses its second half after the header has been parsed.
        const n = await super.readInto(target.subarray(0, Math.max(0, Math.min(target.length, 40044 - offset))), offset);
        return n;
      }
    }
    const r = await openWavSource(new Shrinking('grow.wav', bytes));
    await assert.rejects(
      readAll(r, 4000),
      (e: unknown) => e instanceof WavError && e.code === 'changed' && e.offset === 40044 && /cut short while it was read/.test(e.message),
    );
  });

  it('written to while read: a changed error naming what changed', async () => {
    class Touched extends MemoryByteSource {
      async changedSinceOpen(): Promise<string | null> {
        return 'its size went from 80044 to 90000 bytes';
      }
    }
    const r = await openWavSource(new Touched('rec.wav', bytes));
    await assert.rejects(readAll(r), /rec\.wav: at byte 0: the file changed while it was read \(its size went from 80044 to 90000 bytes\)/);
  });
});

describe('WAV reader: errors name the file, the byte offset and what was expected', () => {
  const good = encodeWav(testSignal(2, 10), { sampleRate: 48000, channels: 2, bitsPerSample: 16 });
  const patch = (at: number, bytes: number[]) => {
    const b = good.slice();
    b.set(bytes, at);
    return b;
  };
  const u16 = (v: number) => [v & 0xff, v >> 8];
  it('empty file', () => expectWavError(new Uint8Array(0), 'empty', 0, /empty/));
  it('not RIFF', () => expectWavError(patch(0, [0x4f, 0x67, 0x67, 0x53]), 'not-riff', 0, /expected "RIFF", "RF64" or "BW64"/));
  it('not WAVE', () => expectWavError(patch(8, [0x41, 0x56, 0x49, 0x20]), 'not-wave', 8, /found "AVI "/));
  it('MP3 in a WAV wrapper', () => expectWavError(patch(20, u16(0x55)), 'unsupported-codec', 20, /MPEG Layer 3 \(0x0055\) is not PCM/));
  it('zero channels', () => expectWavError(patch(22, u16(0)), 'zero-channels', 22, /0 channels/));
  it('block align and byte rate both contradicting channels x bits (ambiguous)', () => {
    const b = patch(32, u16(6));
    new DataView(b.buffer).setUint32(28, 48000 * 6, true);
    return expectWavError(b, 'inconsistent-header', 32, /block align = channels x bytes per sample = 4/);
  });
  for (const [name, at, bytes, code] of [
    ['byte rate 0', 28, [0, 0, 0, 0], 28],
    ['byte rate contradicting rate x align', 28, [1, 0, 0, 0], 28],
    ['block align 6 with the right byte rate', 32, u16(6), 32],
    ['block align 0 and byte rate 0', 28, [0, 0, 0, 0, 0, 0], 32],
  ] as const) {
    it(`${name}: repaired from channels x bits with a warning`, async () => {
      const r = await open(patch(at, [...bytes]));
      assert.equal(r.header.format.blockAlign, 4);
      assert.equal(r.header.format.byteRate, 48000 * 4);
      assert.equal(r.header.format.frames, 10);
      assert.ok(r.header.warnings.every((w) => w.code === 'header-repaired'));
      assert.equal(r.header.warnings[0]?.offset, code);
      assert.deepEqual((await readAll(r))[0], (await readAll(await open(good)))[0]);
    });
  }
  it('unsupported bit depth', () => expectWavError(patch(34, u16(12)), 'bad-fmt', 34, /8\/16\/24\/32 bits/));
  it('no fmt chunk', () => expectWavError(patch(12, [0x66, 0x6d, 0x74, 0x58]), 'no-fmt', 12, /"fmt " chunk/));
  it('fmt chunk size past the end of the file', () => expectWavError(patch(16, [0xff, 0xff, 0xff, 0x7f]), 'chunk-overflow', 16, /size field says 2147483647/));
  it('no data chunk', () => expectWavError(good.subarray(0, 36), 'no-data', 36, /"data" chunk/));
  it('a missing file is an io error naming it', async () => {
    await assert.rejects(
      openWav(join(scratch, 'does-not-exist.wav')),
      (e: unknown) => e instanceof WavError && e.code === 'io' && /does-not-exist\.wav/.test(e.message),
    );
  });

  it('hostile mutations and truncations: a header or a WavError, never anything else, never a hang', async () => {
    const base = encodeWav(testSignal(2, 200), {
      sampleRate: 48000,
      channels: 2,
      bitsPerSample: 24,
      extensible: { channelMask: 3 },
      before: [bextChunk({ description: 'x' })],
      after: cueChunks([{ id: 1, frame: 5, label: 'a' }]),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        fc.nat(base.length),
        async (edits, cut) => {
          const b = base.slice(0, Math.max(0, base.length - cut));
          for (const [at, v] of edits) if (at < b.length) b[at] = v;
          try {
            const r = await open(b);
            await readAll(r);
          } catch (err) {
            if (!(err instanceof WavError)) throw err;
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('WAV reader against independent decoders', function () {
  this.timeout(120000);
  it('wav-decoder decodes every plain fixture to the same samples (within one LSB)', async () => {
    for (const layout of LAYOUTS.filter((l) => !l.o.container && !l.o.extensible)) {
      const bytes = encodeWav(testSignal(2, 5000), { sampleRate: 44100, channels: 2, ...layout.o });
      const theirs = await WavDecoder.decode(Buffer.from(bytes));
      const ours = await readAll(await open(bytes));
      assert.equal(theirs.sampleRate, 44100);
      // wav-decoder divides positive integers by 2^(N-1)-1 rather than 2^(N-1): allow one LSB.
      const tol = layout.lsb === 0 ? 1e-7 : 1.5 * layout.lsb;
      for (let c = 0; c < 2; c++)
        for (let i = 0; i < 5000; i++) assert.ok(Math.abs(theirs.channelData[c]![i]! - ours[c]![i]!) <= tol, `${layout.name} ch ${c} frame ${i}`);
    }
  });

  it('reads a file written to disk through the streaming path in small blocks', async () => {
    const file = join(scratch, 'blocks.wav');
    const sig = testSignal(3, 10007);
    writeFileSync(file, encodeWav(sig, { sampleRate: 48000, channels: 3, bitsPerSample: 24 }));
    const r = await openWav(file);
    const got = await readAll(r, 1000);
    await r.close();
    for (let c = 0; c < 3; c++) assert.ok(Math.abs(got[c]![10006]! - sig[c]![10006]!) < 1 / 8388608);
  });
});
