// When has a file finished being written? A DAW records into a take for minutes, so a change event
// says nothing about completeness: the file is taken as finished once two readings of its size and
// mtime, one poll apart, agree. No `vscode` here: tested in plain Node with a fake clock.

import { abortError } from '../core/abort';

export interface FileStamp {
  size: number;
  mtimeMs: number;
}

export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs;
}

export interface SettleOptions {
  intervalMs: number;
  signal?: AbortSignal;
  /** Injected by tests; resolves after `ms` (rejects with an AbortError when the signal aborts). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Polls `read` every `intervalMs` until two consecutive readings are equal and returns the last one;
 * `undefined` when the file disappears. Rejects with an AbortError when the signal aborts.
 */
export async function waitUntilSettled(read: () => Promise<FileStamp | undefined>, opts: SettleOptions): Promise<FileStamp | undefined> {
  const wait = opts.sleep ?? sleep;
  let previous = await read();
  for (;;) {
    if (!previous) return undefined;
    await wait(opts.intervalMs, opts.signal);
    const next = await read();
    if (next && sameStamp(previous, next)) return next;
    previous = next;
  }
}
