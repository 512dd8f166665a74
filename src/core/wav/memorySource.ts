import type { ByteSource } from './types';

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
