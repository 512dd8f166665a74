// The cost of the analysis's parts on one take: the meters without detectors (their one sample
// pass fills the chunk summary the detectors read), each chain-diagnosis detector alone given that
// summary, all of them together, and the whole analysis. Each is timed over the take's blocks as
// the reader streams them (the reading itself not counted), best of 2. `npm run bench` runs it on
// its 20-minute file.

import { TakeAnalyzer } from '../src/core/analysis/analyzer';
import { ChunkSummary } from '../src/core/analysis/chunks';
import { DETECTOR_IDS, DiagnosisRunner } from '../src/core/analysis/diagnosis';
import { openWav } from '../src/node/byteSource';
import { streamFormatOf, type StreamFormat } from '../src/core/analysis/types';
import type { PlanarBlock } from '../src/core/wav/types';

interface Timed {
  /** Work done for each block before the timed part (not counted). */
  prepare?: (b: PlanarBlock) => void;
  feed: (b: PlanarBlock) => void;
  end: () => void;
}

/** Seconds spent in `feed` and `end` over the take's blocks (reading the file is not counted), best of `runs`. */
async function timed(file: string, runs: number, start: (format: StreamFormat) => Timed): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const reader = await openWav(file);
    const f = reader.header.format;
    const s = start(streamFormatOf(f));
    let spent = 0;
    for await (const b of reader.blocks()) {
      s.prepare?.(b);
      const t = performance.now();
      s.feed(b);
      spent += performance.now() - t;
    }
    await reader.close();
    const t = performance.now();
    s.end();
    best = Math.min(best, (spent + performance.now() - t) / 1000);
  }
  return best;
}

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: bench-detectors <file.wav>');
  const runs = 2;
  let meters!: ReturnType<TakeAnalyzer['finish']>;
  const base = await timed(file, runs, (format) => {
    const a = new TakeAnalyzer(format, { detectors: 'none' });
    return { feed: (b) => a.process(b), end: () => (meters = a.finish()) };
  });
  const ctx = (format: StreamFormat) => ({ format, clipThreshold: 1 - 2 ** -15, rmsOffsetDb: 0 });
  /** Detectors fed as the analyser feeds them: the summary of each block (made outside the timing) and the block. */
  const detectors = (ids: 'all' | (typeof DETECTOR_IDS)[number][]) => (format: StreamFormat) => {
    const summary = new ChunkSummary(format.channels);
    const r = new DiagnosisRunner(ctx(format), ids);
    return {
      prepare: (b: PlanarBlock) => summary.compute(b.channels, b.frames, b.startFrame === 0),
      feed: (b: PlanarBlock) => r.process(b, summary),
      end: () => r.finish(meters),
    };
  };
  const rows: [string, number][] = [['meters without detectors (their sample pass fills the chunk summary)', base]];
  for (const id of DETECTOR_IDS) rows.push([id, await timed(file, runs, detectors([id]))]);
  rows.push(['all detectors together', await timed(file, runs, detectors('all'))]);
  const whole = await timed(file, runs, (format) => {
    const a = new TakeAnalyzer(format, { detectors: 'all' });
    return { feed: (b) => a.process(b), end: () => a.finish() };
  });
  rows.push(['meters and detectors (the full analysis)', whole]);
  console.log(
    JSON.stringify(rows.map(([name, seconds]) => ({ name, seconds: Math.round(seconds * 1000) / 1000, share: Math.round((seconds / base) * 1000) / 10 }))),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
