// The whole pipeline (reader + analyser) on excerpts of real recordings that ffmpeg wrote in every
// encoding Headroom reads, against the figures sox stats, libebur128 and sox's decoder gave for the
// same files (test/fixtures/recordings/golden.json; the reference suite checks them against the tools).
// Tolerances are the agreement targets of the analysis issue.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyzeFile } from '../../../src/node/analyzeFile';
import { isFailed, type TakeReport } from '../../../src/core/report';
import { openWav } from '../../../src/node/byteSource';
import { RECORDINGS_DIR, recordingGolden } from '../../support/recordings';

const dbClose = (ours: number | null, ref: number | null, tol: number, what: string) => {
  const o = ours ?? -Infinity;
  const r = ref ?? -Infinity;
  if (o === -Infinity || r === -Infinity) return assert.equal(o, r, `${what}: ours ${ours}, reference ${ref}`);
  assert.ok(Math.abs(o - r) <= tol, `${what}: ours ${o.toFixed(4)}, reference ${r.toFixed(4)} (tolerance ${tol})`);
};

describe('real recordings written by ffmpeg, against golden figures from sox and libebur128', () => {
  const goldens = recordingGolden();

  it('covers every container and encoding the reader supports', () => {
    const kinds = new Set(goldens.map((g) => `${g.format.container} ${g.format.bitsPerSample}${g.format.extensible ? ' extensible' : ''}`));
    for (const k of ['RIFF 8', 'RIFF 16', 'RIFF 24 extensible', 'RF64 24 extensible', 'RIFF 32 extensible', 'RIFF 64 extensible'])
      assert.ok(kinds.has(k), `no fixture is ${k}`);
    assert.ok(goldens.some((g) => g.file.includes('f32')) && goldens.some((g) => g.file.includes('s32')));
  });

  for (const g of goldens) {
    describe(g.file, () => {
      const file = join(RECORDINGS_DIR, g.file);

      it('header and samples as sox decodes them', async () => {
        const r = await openWav(file);
        try {
          const f = r.header.format;
          assert.deepEqual(
            {
              container: f.container,
              extensible: f.extensible,
              channels: f.channels,
              sampleRate: f.sampleRate,
              bitsPerSample: f.bitsPerSample,
              frames: f.frames,
            },
            {
              container: g.format.container,
              extensible: g.format.extensible,
              channels: g.format.channels,
              sampleRate: g.format.sampleRate,
              bitsPerSample: g.format.bitsPerSample,
              frames: g.decoded.frames,
            },
          );
          if (g.bext) assert.deepEqual({ description: r.header.metadata.bext?.description, originator: r.header.metadata.bext?.originator }, g.bext);
          const ours = Array.from({ length: f.channels }, () => new Float64Array(g.decoded.probeFrames.length));
          for await (const b of r.blocks()) {
            g.decoded.probeFrames.forEach((frame, i) => {
              if (frame >= b.startFrame && frame < b.startFrame + b.frames)
                for (let c = 0; c < f.channels; c++) ours[c]![i] = b.channels[c]![frame - b.startFrame]!;
            });
          }
          // sox passes every format through 32-bit integers before writing float: 1e-6 covers that.
          for (let c = 0; c < f.channels; c++) {
            g.decoded.probeFrames.forEach((frame, i) => {
              assert.ok(
                Math.abs(ours[c]![i]! - g.decoded.probes[c]![i]!) <= 1e-6,
                `channel ${c} frame ${frame}: ours ${ours[c]![i]}, sox ${g.decoded.probes[c]![i]}`,
              );
            });
          }
        } finally {
          await r.close();
        }
      });

      it('peak, RMS and DC as sox stats, loudness and true peak as libebur128', async () => {
        const { result } = await analyzeFile(file);
        assert.ok(!isFailed(result), `analysis failed: ${JSON.stringify(result)}`);
        const r = result as TakeReport;
        dbClose(r.overall.samplePeakDbfs, g.sox.peakDb[0]!, 0.01, 'overall sample peak');
        dbClose(r.overall.rmsDbfs, g.sox.rmsDb[0]!, 0.01, 'overall RMS');
        // sox prints an Overall column, then one per channel when there is more than one; DC to 6 decimals.
        const column = (i: number) => (r.channels.length > 1 ? i + 1 : 0);
        r.channels.forEach((c, i) => {
          dbClose(c.samplePeakDbfs, g.sox.peakDb[column(i)]!, 0.01, `${c.label} sample peak`);
          dbClose(c.rmsDbfs, g.sox.rmsDb[column(i)]!, 0.01, `${c.label} RMS`);
          assert.ok(Math.abs(c.dcOffset - g.sox.dc[column(i)]!) <= 5e-6, `${c.label} DC: ours ${c.dcOffset}, sox ${g.sox.dc[column(i)]}`);
        });
        dbClose(r.loudness.integratedLufs, g.ebur128.integrated, 0.1, 'integrated loudness');
        dbClose(r.loudness.momentaryMaxLufs, g.ebur128.momentaryMax, 0.1, 'momentary max');
        dbClose(r.overall.truePeakDbtp, g.ebur128.truePeak, 0.2, 'true peak');
      });
    });
  }
});
