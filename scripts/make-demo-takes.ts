// Writes the demo takes: one of each situation Headroom is built to catch. Generated, not shipped.

import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bextChunk, cueChunks, ixmlChunk, type WavWriteOptions } from '../src/core/wav/writer';
import { writeWavFile } from '../src/node/wavFile';

const dir = resolve(process.argv[2] ?? 'demo/takes');
mkdirSync(dir, { recursive: true });
const rate = 48000;

/** A plucked-note texture with an envelope: more like programme than a steady tone. */
function music(level: number, seed: number) {
  let s = seed;
  const notes = [220, 277.18, 329.63, 440, 554.37];
  return (i: number, ch: number) => {
    const t = i / rate;
    const beat = t % 0.5;
    const f = notes[Math.floor(t * 2 + ch) % notes.length]!;
    s = (s * 1103515245 + 12345) % 2147483648;
    const noise = (s / 2147483648 - 0.5) * 0.002;
    // 5 ms in and out of each note: a note change is no jump in the waveform (that would be a click).
    const edges = Math.min(1, beat / 0.005, (0.5 - beat) / 0.005);
    return (level * edges * Math.exp(-beat * 4) * (Math.sin(2 * Math.PI * f * t) + 0.3 * Math.sin(4 * Math.PI * f * t))) / 1.3 + noise;
  };
}

/**
 * A preamp that runs out of swing at `ceiling` (linear, at the converter's scale) before the
 * converter: the music is made at 4x the rate, flattened there, and brought down to the take's rate
 * through a windowed-sinc anti-alias filter, as a converter would (so the tops are flat, not
 * identical).
 */
function preampClipped(seconds: number, level: number, ceiling: number, seed: number): Float64Array {
  const hiRate = rate * 4;
  const hi = Float64Array.from({ length: Math.round(seconds * hiRate) }, (_, i) => {
    const t = i / hiRate;
    const beat = t % 0.5;
    const env = Math.exp(-beat * 3) * Math.min(1, beat / 0.005, (0.5 - beat) / 0.005);
    return Math.max(-ceiling, Math.min(ceiling, level * env * (Math.sin(2 * Math.PI * 55 * t) + 0.3 * Math.sin(2 * Math.PI * 165 * t + seed))));
  });
  const taps = 127;
  const h = Float64Array.from({ length: taps }, (_, k) => {
    const x = k - (taps - 1) / 2;
    const sinc = x === 0 ? 0.225 : Math.sin(2 * Math.PI * 0.1125 * x) / (Math.PI * x);
    return sinc * (0.42 - 0.5 * Math.cos((2 * Math.PI * k) / (taps - 1)) + 0.08 * Math.cos((4 * Math.PI * k) / (taps - 1)));
  });
  const gain = h.reduce((a, b) => a + b, 0);
  let noise = seed;
  return Float64Array.from({ length: Math.floor(hi.length / 4) }, (_, o) => {
    let acc = 0;
    for (let k = 0; k < taps; k++) acc += h[k]! * (hi[o * 4 + 63 - k] ?? 0);
    noise = (noise * 1103515245 + 12345) % 2147483648;
    return acc / gain + (noise / 2147483648 - 0.5) * 2e-5;
  });
}

async function take(name: string, seconds: number, o: Omit<WavWriteOptions, 'sampleRate'>, sample: (i: number, ch: number) => number): Promise<void> {
  await writeWavFile(join(dir, name), { sampleRate: rate, ...o }, Math.round(seconds * rate), (block, start, n) => {
    for (let ch = 0; ch < o.channels; ch++) for (let i = 0; i < n; i++) block[ch]![i] = sample(start + i, ch);
  });
  console.log(`wrote ${join(dir, name)}`);
}

async function main(): Promise<void> {
  const meta = (take: string) => [
    bextChunk({ description: `Demo take ${take}`, originator: 'Headroom demo', date: '2026-11-24', time: '10:00:00', timeReference: rate * 36000 }),
    ixmlChunk(`<BWFXML><PROJECT>Headroom demo</PROJECT><SCENE>1</SCENE><TAKE>${take}</TAKE></BWFXML>`),
  ];
  // Levels follow demo/studio.headroom.json's predictions, so each take implies the source level the
  // rig expects: vocal 110 dB SPL at 14 dB of gain -> about -9.6 dBFS; guitar 94 dB SPL through the
  // +25 dB booster at 0 dB of gain -> about -36.3 dBFS; bass -2 dBu at 1 dB of gain -> about -10 dBFS.
  await take(
    'good-vocal.wav',
    12,
    { channels: 2, bitsPerSample: 24, before: meta('1'), after: cueChunks([{ id: 1, frame: rate * 4, label: 'Chorus' }]) },
    music(0.341, 1),
  );
  // A clean count-in, then the drums come in too hot for the preamp: one clipped passage per channel.
  const countIn = music(0.8, 2);
  const hot = music(1.6, 2);
  await take('clipped-drums.wav', 10, { channels: 2, bitsPerSample: 24, before: meta('2') }, (i, ch) =>
    i < rate * 2.5 ? countIn(i, ch) : Math.max(-1, Math.min(1, hot(i, ch))),
  );
  await take('quiet-guitar.wav', 10, { channels: 1, bitsPerSample: 24, before: meta('3') }, music(0.0156, 3));
  const dc = music(0.31, 4);
  await take('dc-shifted-bass.wav', 8, { channels: 1, bitsPerSample: 16 }, (i) => dc(i, 0) + 0.04);
  const stem = music(0.2, 5);
  await take('mix-5.1-stem.wav', 8, { channels: 6, bitsPerSample: 24, extensible: { channelMask: 0x3f } }, (i, ch) =>
    ch === 3 ? 0.3 * Math.sin((2 * Math.PI * 50 * i) / rate) : stem(i, ch) * (ch >= 4 ? 0.5 : 1),
  );
  const unfinished = music(0.3, 6);
  await take('crashed-recorder.wav', 6, { channels: 2, bitsPerSample: 24, fault: { dataSize: 'zero' } }, unfinished);
  await take('dead-right-channel.wav', 6, { channels: 2, bitsPerSample: 24 }, (i, ch) => (ch === 0 ? unfinished(i, 0) : 0));
  // Chain diagnosis: a bass DI whose preamp ran out of swing at -6 dBFS (flattened, not identical, tops)…
  const bass = preampClipped(8, 1.2, 0.5, 7);
  await take('preamp-clipped-bass.wav', 8, { channels: 1, bitsPerSample: 24 }, (i) => bass[i] ?? 0);
  // …a vocal clipped at full scale and then turned down 4.1 dB in the DAW (identical plateaus)…
  const loud = music(1.7, 8);
  await take('lowered-clip-vocal.wav', 8, { channels: 2, bitsPerSample: 24 }, (i, ch) => Math.max(-1, Math.min(1, loud(i, ch))) * 10 ** (-4.1 / 20));
  // …and a take from a USB interface that dropped three 256-sample buffers and played one twice.
  const usb = music(0.4, 9);
  const usbTake = Array.from({ length: 2 }, (_, ch) => Float64Array.from({ length: rate * 8 }, (_, i) => usb(i, ch)));
  for (const c of usbTake) {
    for (const at of [256 * 301, 256 * 703, 256 * 1201]) c.fill(0, at, at + 256);
    c.copyWithin(256 * 1000, 256 * 999, 256 * 1000);
  }
  await take('usb-dropouts.wav', 8, { channels: 2, bitsPerSample: 24 }, (i, ch) => usbTake[ch]![i]!);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
