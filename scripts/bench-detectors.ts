// The cost of each chain-diagnosis detector on one take: the take's blocks are read once into
// memory, then the analyser without detectors and each detector alone are timed over them (best of
// 3 after a warm-up run). `npm run bench` runs it on its 20-minute file.

import { TakeAnalyzer } from '../src/core/analysis/analyzer';
import { DETECTOR_IDS, DiagnosisRunner } from '../src/core/analysis/diagnosis';
import { ChunkSummary } from '../src/core/analysis/diagnosis/summary';
import { openWav } from '../src/core/wav/reader';
import type { PlanarBlock } from '../src/core/wav/types';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: bench-detectors <file.wav>');
  const reader = await openWav(file);
  const f = reader.header.format;
  const format = { sampleRate: f.sampleRate, channels: f.channels, channelLabels: f.channelLabels, channelMask: f.channelMask, encoding: f.encoding, bitsPerSample: f.bitsPerSample };
  const blocks: PlanarBlock[] = [];
  for await (const b of reader.blocks()) blocks.push({ frames: b.frames, startFrame: b.startFrame, channels: b.channels.map((c) => c.slice(0, b.frames)) });
  await reader.close();
  const best = (run: () => void) => {
    run();
    let min = Infinity;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      run();
      min = Math.min(min, performance.now() - t);
    }
    return min / 1000;
  };
  let meters!: ReturnType<TakeAnalyzer['finish']>;
  const base = best(() => {
    const a = new TakeAnalyzer(format, { detectors: 'none' });
    for (const b of blocks) a.process(b);
    meters = a.finish();
  });
  const ctx = { format, clipThreshold: 1 - 2 ** -15, rmsOffsetDb: 0 };
  // The chunk summary is computed once per block for every detector: its own line, taken out of each.
  const summary = best(() => {
    const s = new ChunkSummary(format.channels);
    for (const b of blocks) s.compute(b);
  });
  const rows: [string, number][] = [['meters without detectors', base], ['chunk summary (shared)', summary]];
  for (const id of DETECTOR_IDS) {
    const t = best(() => {
      const r = new DiagnosisRunner(ctx, [id]);
      for (const b of blocks) r.process(b);
      r.finish(meters);
    });
    rows.push([id, Math.max(0, t - summary)]);
  }
  const all = best(() => {
    const r = new DiagnosisRunner(ctx, 'all');
    for (const b of blocks) r.process(b);
    r.finish(meters);
  });
  rows.push(['all detectors together', all]);
  console.log(JSON.stringify(rows.map(([name, seconds]) => ({ name, seconds: Math.round(seconds * 1000) / 1000, share: Math.round((seconds / base) * 1000) / 10 }))));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
