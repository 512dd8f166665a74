import { measure } from './support/signals';
import * as F from './support/forensics';
const show = (name: string, chans: Float32Array[], sr = 48000, enc: 'pcm' | 'float' = 'pcm') => {
  const m = measure(chans, sr, {}, { encoding: enc });
  console.log(name, JSON.stringify(m.diagnosis.map((d) => [d.code, d.value, d.message.slice(0, 140)])));
};
const sr = 48000;
for (const drive of [1.5, 2, 4]) show(`analog clip drive ${drive} at -6`, [F.quantize(F.analogClipped(4, sr, drive, 0.5), 24)]);
for (const drive of [1.5, 2, 4]) show(`soft clip drive ${drive} at -3`, [F.quantize(F.analogClipped(4, sr, drive, 0.7, 3, true), 24)]);
show('clean programme', [F.quantize(F.analogClipped(4, sr, 0.9, 0.5), 24)]);
const p = F.programme(4, sr, 1.6, 2).map((v) => Math.max(-1, Math.min(1, v)) * 10 ** (-4.1 / 20));
show('clipped then lowered', [F.quantize(p, 24)]);
show('16-bit in 24', [F.quantize(F.programme(4, sr, 0.5, 4), 16)]);
show('sine 997 -6', [F.quantize(Float64Array.from({ length: 96000 }, (_, i) => 0.5 * Math.sin(2 * Math.PI * 997 * i / sr)), 24)]);
show('sine 50 -10', [F.quantize(Float64Array.from({ length: 96000 }, (_, i) => 0.3 * Math.sin(2 * Math.PI * 50 * i / sr)), 24)]);
