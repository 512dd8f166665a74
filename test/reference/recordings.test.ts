// The recordings the unit tests read without tools (test/fixtures/recordings/): their golden figures
// must be what the tools say about the committed files, and sox must decode whatever ffmpeg writes
// from the full recordings to Headroom's samples.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openWav } from '../../src/node/byteSource';
import type { WavReader } from '../../src/core/wav/types';
import { RECORDINGS_DIR, recordingGolden } from '../support/recordings';
import { FIXTURES, goldenOf } from '../support/reference/recordings';
import { ffmpeg, soxDecodeF32 } from '../support/reference/tools';
import { scratch } from '../support/scratch';

async function readAll(reader: WavReader): Promise<Float32Array[]> {
  const f = reader.header.format;
  const out = Array.from({ length: f.channels }, () => new Float32Array(f.frames));
  for await (const b of reader.blocks()) b.channels.forEach((c, i) => out[i]!.set(c.subarray(0, b.frames), b.startFrame));
  return out;
}

describe('recordings for the unit tests', function () {
  this.timeout(120000);

  it('golden.json holds what sox, libebur128 and sox decoding give for each committed file (regenerate: scripts/gen-recording-fixtures.ts)', () => {
    const committed = recordingGolden();
    assert.deepEqual(
      committed.map((g) => g.file),
      FIXTURES.map((f) => f.file),
    );
    for (const fixture of FIXTURES)
      assert.deepEqual(
        goldenOf(fixture, join(RECORDINGS_DIR, fixture.file)),
        committed.find((g) => g.file === fixture.file),
        fixture.file,
      );
  });

  it('sox decodes ffmpeg-written files (EXTENSIBLE, RF64, u8, float) of whole recordings to our samples', async () => {
    const src = '/usr/share/sonic-pi/samples/loop_amen_full.flac';
    for (const args of [
      ['-c:a', 'pcm_s24le'],
      ['-c:a', 'pcm_s24le', '-rf64', 'always'],
      ['-c:a', 'pcm_u8'],
      ['-c:a', 'pcm_f32le'],
      ['-c:a', 'pcm_s16le', '-write_bext', '1', '-metadata', 'description=Amen take', '-metadata', 'originator=Headroom'],
    ]) {
      const file = join(scratch, `dec-${args.join('_')}.wav`);
      ffmpeg(['-i', src, ...args, file]);
      const r = await openWav(file);
      const ours = await readAll(r);
      const theirs = soxDecodeF32(file);
      const C = r.header.format.channels;
      assert.equal(theirs.length, r.header.format.frames * C);
      let maxDiff = 0;
      for (let i = 0; i < theirs.length; i++) maxDiff = Math.max(maxDiff, Math.abs(theirs[i]! - ours[i % C]![Math.floor(i / C)]!));
      assert.ok(maxDiff <= 1e-6, `${args.join(' ')}: max difference ${maxDiff}`);
      if (args.includes('-write_bext')) {
        assert.equal(r.header.metadata.bext?.description, 'Amen take');
        assert.equal(r.header.metadata.bext?.originator, 'Headroom');
      }
      await r.close();
    }
  });
});
