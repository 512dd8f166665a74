// Cancellation as an error: what every cancellable operation of Headroom rejects with, and the one
// test of whether an error means "cancelled" (callers treat that as no result, not as a failure).

// A plain Error, not a DOMException: core sees no DOM, and `name` is all that Node's own AbortError and DOMException share.
/** The error a cancelled operation rejects with. */
export function abortError(message = 'The operation was aborted'): Error {
  const err = new Error(message);
  err.name = 'AbortError';
  return err;
}

/** True for a cancellation: ours, Node's (timers, fs, streams) or a DOMException raised by AbortSignal. */
export function isAbortError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'AbortError';
}
