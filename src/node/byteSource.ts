// Node's file I/O for the WAV reader: the core reads through ByteSource and never touches the disk.

import { open, type FileHandle } from 'node:fs/promises';
import { WavError } from '../core/wav/errors';
import { openWavSource } from '../core/wav/reader';
import type { ByteSource, WavReader } from '../core/wav/types';

/** Reads a file by position. One handle; every read names its offset, so there is no cursor state. */
export class FileByteSource implements ByteSource {
  private constructor(
    readonly name: string,
    readonly size: number,
    private readonly mtimeMs: number,
    private readonly handle: FileHandle,
  ) {}

  static async open(path: string): Promise<FileByteSource> {
    const handle = await open(path, 'r');
    try {
      const stat = await handle.stat();
      return new FileByteSource(path, stat.size, stat.mtimeMs, handle);
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const n = Math.max(0, Math.min(length, this.size - offset));
    const buf = new Uint8Array(n);
    const { bytesRead } = await this.handle.read(buf, 0, n, offset);
    return bytesRead === n ? buf : buf.subarray(0, bytesRead);
  }

  async readInto(target: Uint8Array, offset: number): Promise<number> {
    const n = Math.max(0, Math.min(target.length, this.size - offset));
    const { bytesRead } = await this.handle.read(target, 0, n, offset);
    return bytesRead;
  }

  async changedSinceOpen(): Promise<string | null> {
    const now = await this.handle.stat();
    if (now.size !== this.size) return `its size went from ${this.size} to ${now.size} bytes`;
    if (now.mtimeMs !== this.mtimeMs) return 'it was written to';
    return null;
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

/** Opens a WAV file: a file that cannot be opened is a WavError ('io') like any unreadable take. */
export async function openWav(path: string): Promise<WavReader> {
  let source: FileByteSource;
  try {
    source = await FileByteSource.open(path);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new WavError('io', path, 0, 'a readable file', e.message ?? String(err));
  }
  try {
    return await openWavSource(source);
  } catch (err) {
    await source.close();
    throw err;
  }
}
