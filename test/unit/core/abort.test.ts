import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { abortError, isAbortError } from '../../../src/core/abort';

describe('abort errors', () => {
  it('abortError is an Error named AbortError, with the message given or a default', () => {
    const e = abortError('The analysis was cancelled');
    assert.ok(e instanceof Error);
    assert.equal(e.name, 'AbortError');
    assert.equal(e.message, 'The analysis was cancelled');
    assert.equal(abortError().message, 'The operation was aborted');
  });

  it("isAbortError recognises ours, an aborted signal's reason and Node's own", async () => {
    assert.equal(isAbortError(abortError()), true);
    const controller = new AbortController();
    controller.abort();
    assert.equal(isAbortError(controller.signal.reason), true);
    const nodes = await delay(10_000, undefined, { signal: controller.signal }).catch((e: unknown) => e);
    assert.equal(isAbortError(nodes), true);
  });

  it('isAbortError is false for other errors and for values that are not errors', () => {
    for (const v of [
      new Error('boom'),
      new TypeError('AbortError'),
      Object.assign(new Error('x'), { code: 'ABORT_ERR' }),
      'AbortError',
      { name: 'Abort' },
      null,
      undefined,
      0,
    ]) {
      assert.equal(isAbortError(v), false, String(v));
    }
  });
});
