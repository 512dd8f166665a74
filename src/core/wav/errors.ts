import type { WavErrorCode } from './types';

/**
 * A file that cannot be read as WAV. The message always names the file, the byte offset and what
 * was expected there, because that is what a user needs to find the fault with a hex viewer.
 */
export class WavError extends Error {
  override readonly name = 'WavError';

  constructor(
    readonly code: WavErrorCode,
    readonly file: string,
    readonly offset: number,
    readonly expected: string,
    detail: string,
  ) {
    super(`${file}: at byte ${offset}: ${detail} (expected ${expected})`);
  }
}
