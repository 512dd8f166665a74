// Small takes with known defects, written by code for CLI, worker and extension tests.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeWav } from '../../src/core/wav/writer';

const sine = (frames: number, rate: number, amp: number, freq = 997) =>
  Float64Array.from({ length: frames }, (_, i) => amp * Math.sin((2 * Math.PI * freq * i) / rate));

export function writeTakes(dir: string): Record<'good' | 'clipped' | 'quiet' | 'corrupt', string> {
  mkdirSync(join(dir, 'nested'), { recursive: true });
  const rate = 48000;
  const good = sine(rate * 2, rate, 10 ** (-6 / 20));
  const clipped = sine(rate * 2, rate, 2).map((v) => Math.max(-1, Math.min(1, v)));
  const quiet = sine(rate * 2, rate, 10 ** (-40 / 20));
  const files = {
    good: join(dir, 'good.wav'),
    clipped: join(dir, 'nested', 'clipped.wav'),
    quiet: join(dir, 'quiet.wav'),
    corrupt: join(dir, 'corrupt.wav'),
  };
  writeFileSync(files.good, encodeWav([good, good], { sampleRate: rate, channels: 2, bitsPerSample: 24 }));
  writeFileSync(files.clipped, encodeWav([clipped, clipped], { sampleRate: rate, channels: 2, bitsPerSample: 24 }));
  writeFileSync(files.quiet, encodeWav([quiet], { sampleRate: rate, channels: 1, bitsPerSample: 16 }));
  const bad = encodeWav([good], { sampleRate: rate, channels: 1 });
  bad.set([0x55, 0x00], 20); // MPEG Layer 3 format tag
  writeFileSync(files.corrupt, bad);
  return files;
}
