import { open, type FileHandle } from 'node:fs/promises';
import type { ByteSource } from './types';

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

/** Bytes already in memory (tests, fuzzing). */
export class MemoryByteSource implements ByteSource {
  constructor(
    readonly name: string,
    private readonly bytes: Uint8Array,
  ) {}

  get size(): number {
    return this.bytes.length;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    return this.bytes.slice(offset, Math.min(this.bytes.length, offset + length));
  }

  async readInto(target: Uint8Array, offset: number): Promise<number> {
    const part = this.bytes.subarray(offset, Math.min(this.bytes.length, offset + target.length));
    target.set(part);
    return part.length;
  }

  async close(): Promise<void> {}
}
