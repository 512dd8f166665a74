import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { writeWavFile } from '../../../src/node/wavFile';
import { isFailed } from '../../../src/core/report';
import type { AnalyzeProgress } from '../../../src/shared/worker';
import { createAnalysisPool } from '../../../src/worker/pool';
import { isFromWorker, isToWorker } from '../../../src/shared/worker';
import { requireBuild } from '../../support/dist';
import { scratch } from '../../support/scratch';
import { writeTakes } from '../../support/takes';

const root = resolve(__dirname, '../../..');
const workerScript = join(root, 'dist', 'worker.js');

describe('worker pool', function () {
  this.timeout(120000);
  let takes: ReturnType<typeof writeTakes>;
  const long = join(scratch, 'long.wav');
  before(async () => {
    requireBuild();
    takes = writeTakes(join(scratch, 'pool'));
    // 10 minutes of noise: long enough that an analysis is still running when it is cancelled.
    let s = 1;
    await writeWavFile(long, { sampleRate: 48000, channels: 2, bitsPerSample: 16 }, 48000 * 600, (b, _start, n) => {
      for (let i = 0; i < n; i++) {
        s = (s * 1103515245 + 12345) % 2147483648;
        b[0]![i] = b[1]![i] = (s / 2147483648 - 0.5) * 0.5;
      }
    });
  });

  it('analyses many files in parallel; a corrupt one resolves to a FailedTake and the rest succeed', async () => {
    const pool = createAnalysisPool({ size: 2, workerScript });
    try {
      const files = [takes.good, takes.corrupt, takes.clipped, takes.quiet, takes.good, takes.corrupt];
      const results = await Promise.all(files.map((file) => pool.analyze({ file })));
      assert.deepEqual(
        results.map((r) => isFailed(r.result)),
        [false, true, false, false, false, true],
      );
      const ok = await pool.analyze({ file: takes.good, wantSeries: true });
      assert.ok(ok.series && ok.series.pyramid.length > 0 && ok.series.shortTermLufs.length === 20);
    } finally {
      await pool.dispose();
    }
  });

  it('reports the header first, then monotonic progress', async () => {
    const pool = createAnalysisPool({ size: 1, workerScript });
    try {
      const events: AnalyzeProgress[] = [];
      await pool.analyze({ file: long }, { onProgress: (p) => events.push(p) });
      assert.ok(events[0]?.header, 'header first');
      const fractions = events.slice(1).map((e) => e.fraction);
      assert.ok(fractions.length >= 2);
      assert.deepEqual(
        fractions,
        [...fractions].sort((a, b) => a - b),
      );
      assert.equal(fractions.at(-1), 1);
      assert.ok(events.slice(1).every((e) => e.partial && e.partial.channels.length === 2));
    } finally {
      await pool.dispose();
    }
  });

  it('cancellation rejects with AbortError long before the analysis would have ended, and the pool keeps working', async () => {
    const pool = createAnalysisPool({ size: 1, workerScript });
    try {
      const controller = new AbortController();
      const started = performance.now();
      let abortedAt = 0;
      let fractionAtAbort = 0;
      const pending = pool.analyze(
        { file: long },
        {
          signal: controller.signal,
          onProgress: (p) => {
            if (p.fraction > 0.05 && !abortedAt) {
              abortedAt = performance.now();
              fractionAtAbort = p.fraction;
              controller.abort();
            }
          },
        },
      );
      await assert.rejects(pending, (e: Error) => e.name === 'AbortError');
      const latency = performance.now() - abortedAt;
      // Against the pace of this very run, not a wall-clock figure a loaded machine can miss: the
      // rest of the file would take (elapsed / fraction) * (1 - fraction); a stop must come within a
      // tenth of that (the worker checks the signal between blocks, not at the end).
      const remaining = ((abortedAt - started) / fractionAtAbort) * (1 - fractionAtAbort);
      assert.ok(abortedAt > 0 && latency < remaining / 10, `cancel took ${latency.toFixed(1)} ms; the rest would have taken ${remaining.toFixed(0)} ms`);
      const after = await pool.analyze({ file: takes.good });
      assert.equal(isFailed(after.result), false);
    } finally {
      await pool.dispose();
    }
  });

  it('a worker past its heap limit costs only its request', async () => {
    const pool = createAnalysisPool({ size: 1, workerScript: join(root, 'test', 'support', 'hungry-worker.js'), limits: { maxHeapMb: 64 } });
    try {
      const { result } = await pool.analyze({ file: '/x.wav' });
      assert.ok(isFailed(result));
      assert.equal(result.error.message, '/x.wav: the analysis worker failed: it needed more than 64 MB of memory and was stopped');
    } finally {
      await pool.dispose();
    }
  });

  it('a worker past its time budget is stopped; its request fails alone and the pool goes on', async () => {
    const stuck = createAnalysisPool({ size: 1, workerScript: join(root, 'test', 'support', 'stuck-worker.js'), limits: { headerMs: 300 } });
    try {
      const t = performance.now();
      const { result } = await stuck.analyze({ file: '/x.wav' });
      assert.ok(isFailed(result));
      assert.match(result.error.message, /took longer than its time budget \(0 s\) and was stopped/);
      assert.ok(performance.now() - t < 5000);
    } finally {
      await stuck.dispose();
    }
    // The budget grows with the samples once the header is known: a real analysis is not cut short.
    const pool = createAnalysisPool({ size: 1, workerScript, limits: { headerMs: 600, msPerMegabyte: 250 } });
    try {
      assert.ok(!isFailed((await pool.analyze({ file: long })).result));
    } finally {
      await pool.dispose();
    }
  });

  it('a crashed worker costs only its request', async () => {
    const pool = createAnalysisPool({ size: 1, workerScript: join(root, 'test', 'support', 'crashing-worker.js') });
    try {
      const r = await pool.analyze({ file: takes.good });
      assert.ok(isFailed(r.result));
      assert.match((r.result as { error: { message: string } }).error.message, /worker failed/);
    } finally {
      await pool.dispose();
    }
  });

  it('analyses a range of frames (a selection): its own peak, RMS and loudness, times from its start', async () => {
    // 1 s at -20 dBFS then 2 s at -6 dBFS, stereo.
    const stepped = join(scratch, 'stepped.wav');
    await writeWavFile(stepped, { sampleRate: 48000, channels: 2, bitsPerSample: 24 }, 48000 * 3, (b, start, n) => {
      for (let i = 0; i < n; i++) b[0]![i] = b[1]![i] = 10 ** ((start + i < 48000 ? -20 : -6) / 20) * Math.sin((2 * Math.PI * 997 * (start + i)) / 48000);
    });
    const pool = createAnalysisPool({ size: 1, workerScript });
    try {
      const quiet = (await pool.analyze({ file: stepped, range: { startFrame: 0, endFrame: 48000 } })).result;
      const loud = (await pool.analyze({ file: stepped, range: { startFrame: 60000, endFrame: 132000 } })).result;
      assert.ok(!isFailed(quiet) && !isFailed(loud));
      assert.equal(quiet.format.frames, 48000);
      assert.equal(loud.format.frames, 72000);
      assert.equal(quiet.overall.samplePeakDbfs!.toFixed(2), '-20.00');
      assert.equal(loud.overall.samplePeakDbfs!.toFixed(2), '-6.00');
      // A sine's RMS is 3.01 dB under its peak; a stereo 1 kHz sine reads its peak level in LUFS (EBU Tech 3341, case 1).
      assert.equal(loud.overall.rmsDbfs!.toFixed(2), '-9.01');
      assert.equal(loud.loudness.integratedLufs!.toFixed(1), '-6.0');
      assert.ok(loud.channels[0]!.samplePeakSeconds! < 1.5, 'times are from the range start');
    } finally {
      await pool.dispose();
    }
  });

  it('validates messages on both sides of the channel', () => {
    assert.equal(isToWorker({ type: 'analyze', id: 1, file: 'a.wav', options: {}, wantSeries: false }), true);
    assert.equal(isToWorker({ type: 'analyze', id: 1, file: 42, options: {}, wantSeries: false }), false);
    assert.equal(isToWorker({ type: 'explode', id: 1 }), false);
    assert.equal(isToWorker({ type: 'analyze', id: 1, file: 'a.wav', options: {}, wantSeries: false, range: { startFrame: 10, endFrame: 20 } }), true);
    assert.equal(isToWorker({ type: 'analyze', id: 1, file: 'a.wav', options: {}, wantSeries: false, range: { startFrame: 20, endFrame: 20 } }), false);
    assert.equal(isToWorker({ type: 'analyze', id: 1, file: 'a.wav', options: {}, wantSeries: false, range: { startFrame: -1, endFrame: 20 } }), false);
    assert.equal(isFromWorker({ type: 'progress', id: 1, fraction: 0.5, partial: {} }), true);
    assert.equal(isFromWorker({ type: 'done', id: 1, result: null }), false);
    assert.equal(isFromWorker(null), false);
  });
});
