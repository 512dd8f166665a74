// Writes WAV files (fixtures, demo takes, fuzz seeds) with constant memory, using the core's encoder.

import { open } from 'node:fs/promises';
import { encodeSamples, wavEnvelope, type WavWriteOptions } from '../core/wav/writer';

/**
 * Streams a file of `frames` frames with constant memory: `fill(block, startFrame, frames)` writes
 * planar samples into the provided arrays.
 */
export async function writeWavFile(
  path: string,
  o: WavWriteOptions,
  frames: number,
  fill: (block: Float64Array[], startFrame: number, frames: number) => void,
  blockFrames = 65536,
): Promise<void> {
  const { head, tail } = wavEnvelope(o, frames);
  const handle = await open(path, 'w');
  try {
    await handle.write(head);
    const block = Array.from({ length: o.channels }, () => new Float64Array(blockFrames));
    for (let start = 0; start < frames; start += blockFrames) {
      const n = Math.min(blockFrames, frames - start);
      fill(block, start, n);
      await handle.write(encodeSamples(block, n, o));
    }
    await handle.write(tail);
  } finally {
    await handle.close();
  }
}
