import { SpectrumDetector } from '../src/core/analysis/diagnosis/spectrum';
import { ChunkSummary } from '../src/core/analysis/diagnosis/summary';
import { addHum, ditherTo, programme } from './support/forensics';
const x = ditherTo(addHum(programme(8, 48000, 0.7, 6, true), 48000, 50, [1, 3, 5], -58), 24);
const d = new SpectrumDetector({ format: { sampleRate: 48000, channels: 1, channelLabels: ['M'], channelMask: null, encoding: 'pcm', bitsPerSample: 24 }, clipThreshold: 1, rmsOffsetDb: 0 });
const b = { channels: [x], frames: x.length, startFrame: 0 }; const s = new ChunkSummary(1); s.compute(b); d.process(b, s);
const recs = (d as any).records;
for (const r of recs) console.log(r.frame / 48000, r.levelDb.toFixed(1), [0, 1, 2].map((h) => `${(10 * Math.log10(r.hum[h * 3 + 1])).toFixed(0)}dB/${r.hum[h * 3 + 2].toFixed(2)}Hz`).join(' '));
