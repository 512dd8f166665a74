export * from './types';
export { WavError } from './errors';
export { openWav, openWavSource } from './reader';
export { FileByteSource, MemoryByteSource } from './source';
