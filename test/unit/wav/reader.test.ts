import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { WavError } from '../../../src/core/wav/errors';
import { openWav, openWavSource } from '../../../src/core/wav/reader';
import { MemoryByteSource } from '../../../src/core/wav/source';
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
  return Array.from({ length: channels }, (_, c) => Float64Array.from({ length: frames }, (_, i) => 0.9 * Math.sin((2 * Math.PI * (i + 1) * (c + 1) * 0.01)) * (i % 7 === 0 ? -1 : 1)));
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
    assert.deepEqual((await open(encodeWav(six, { sampleRate: 48000, channels: 6, bitsPerSample: 24, extensible: { channelMask: 0x60f } }))).header.format.channelLabels, ['FL', 'FR', 'FC', 'LFE', 'SL', 'SR']);
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
        bextChunk({ description: 'Kick in', originator: 'Headroom', date: '2026-11-24', time: '10:11:12', timeReference: 48000 * 3661.5, codingHistory: 'A=PCM,F=48000,W=24' }),
        ixmlChunk('<BWFXML><PROJECT>Album &amp; Co</PROJECT><SCENE>12</SCENE><TAKE>3</TAKE><CIRCLED>TRUE</CIRCLED><TRACK_LIST><TRACK><CHANNEL_INDEX>2</CHANNEL_INDEX><NAME>Snare</NAME></TRACK><TRACK><CHANNEL_INDEX>1</CHANNEL_INDEX><NAME><![CDATA[Kick <in>]]></NAME></TRACK></TRACK_LIST></BWFXML>'),
      ],
      after: [...cueChunks([{ id: 1, frame: 24000, label: 'Chorus' }, { id: 2, frame: 12000 }]), infoChunk({ INAM: 'Take 3', ISFT: 'Headroom' })],
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
    assert.deepEqual(r.header.warnings.map((w) => w.code), ['data-size-past-eof', 'partial-frame']);
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
  it('block align contradicting channels x bits', () => expectWavError(patch(32, u16(6)), 'inconsistent-header', 32, /block align = channels x bytes per sample = 4/));
  it('byte rate contradicting rate x align', () => expectWavError(patch(28, [1, 0, 0, 0]), 'inconsistent-header', 28, /byte rate/));
  it('unsupported bit depth', () => expectWavError(patch(34, u16(12)), 'bad-fmt', 34, /8\/16\/24\/32 bits/));
  it('no fmt chunk', () => expectWavError(patch(12, [0x66, 0x6d, 0x74, 0x58]), 'no-fmt', 12, /"fmt " chunk/));
  it('fmt chunk size past the end of the file', () => expectWavError(patch(16, [0xff, 0xff, 0xff, 0x7f]), 'chunk-overflow', 16, /size field says 2147483647/));
  it('no data chunk', () => expectWavError(good.subarray(0, 36), 'no-data', 36, /"data" chunk/));
  it('a missing file is an io error naming it', async () => {
    await assert.rejects(openWav(join(scratch, 'does-not-exist.wav')), (e: unknown) => e instanceof WavError && e.code === 'io' && /does-not-exist\.wav/.test(e.message));
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
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), fc.nat(base.length), async (edits, cut) => {
        const b = base.slice(0, Math.max(0, base.length - cut));
        for (const [at, v] of edits) if (at < b.length) b[at] = v;
        try {
          const r = await open(b);
          await readAll(r);
        } catch (err) {
          if (!(err instanceof WavError)) throw err;
        }
      }),
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
      for (let c = 0; c < 2; c++) for (let i = 0; i < 5000; i++) assert.ok(Math.abs(theirs.channelData[c]![i]! - ours[c]![i]!) <= tol, `${layout.name} ch ${c} frame ${i}`);
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
