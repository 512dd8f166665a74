// The cost of each chain-diagnosis detector on one take: the analyser without detectors, the shared
// chunk summary, and each detector alone are timed over the take's blocks as the reader streams
// them (the reading itself not counted), best of 2. `npm run bench` runs it on its 20-minute file.

import { TakeAnalyzer } from '../src/core/analysis/analyzer';
import { DETECTOR_IDS, DiagnosisRunner } from '../src/core/analysis/diagnosis';
import { ChunkSummary } from '../src/core/analysis/diagnosis/summary';
import { openWav } from '../src/node/byteSource';
import type { StreamFormat } from '../src/core/analysis/types';
import type { PlanarBlock } from '../src/core/wav/types';

/** Seconds spent in `feed` over the take's blocks (reading the file is not counted), best of `runs`. */
async function timed(file: string, runs: number, start: (format: StreamFormat) => { feed: (b: PlanarBlock) => void; end: () => void }): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const reader = await openWav(file);
    const f = reader.header.format;
    const s = start({
      sampleRate: f.sampleRate,
      channels: f.channels,
      channelLabels: f.channelLabels,
      channelMask: f.channelMask,
      encoding: f.encoding,
      bitsPerSample: f.bitsPerSample,
    });
    let spent = 0;
    for await (const b of reader.blocks()) {
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
  // The chunk summary is computed once per block for every detector: its own line, taken out of each.
  const summary = await timed(file, runs, (format) => {
    const s = new ChunkSummary(format.channels);
    return { feed: (b) => s.compute(b), end: () => undefined };
  });
  const rows: [string, number][] = [
    ['meters without detectors', base],
    ['chunk summary (shared)', summary],
  ];
  for (const id of DETECTOR_IDS) {
    const t = await timed(file, runs, (format) => {
      const r = new DiagnosisRunner(ctx(format), [id]);
      return { feed: (b) => r.process(b), end: () => r.finish(meters) };
    });
    rows.push([id, Math.max(0, t - summary)]);
  }
  const all = await timed(file, runs, (format) => {
    const r = new DiagnosisRunner(ctx(format), 'all');
    return { feed: (b) => r.process(b), end: () => r.finish(meters) };
  });
  rows.push(['all detectors together', all]);
  console.log(
    JSON.stringify(rows.map(([name, seconds]) => ({ name, seconds: Math.round(seconds * 1000) / 1000, share: Math.round((seconds / base) * 1000) / 10 }))),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
