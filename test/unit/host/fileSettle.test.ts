import assert from 'node:assert/strict';
import { sameStamp, waitUntilSettled, type FileStamp } from '../../../src/host/fileSettle';

/** A file read by a fake clock: each poll returns the next stamp, the last one repeats. */
function readings(stamps: (FileStamp | undefined)[]) {
  let n = 0;
  const sleeps: number[] = [];
  return {
    read: async () => stamps[Math.min(n++, stamps.length - 1)],
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
    polls: () => n,
    sleeps,
  };
}

describe('fileSettle: a take is finished when two readings agree', () => {
  it('sameStamp compares size and mtime', () => {
    assert.equal(sameStamp({ size: 1, mtimeMs: 2 }, { size: 1, mtimeMs: 2 }), true);
    assert.equal(sameStamp({ size: 1, mtimeMs: 2 }, { size: 2, mtimeMs: 2 }), false);
    assert.equal(sameStamp({ size: 1, mtimeMs: 2 }, { size: 1, mtimeMs: 3 }), false);
  });

  it('waits while a recorder is still writing, then returns the final stamp', async () => {
    const r = readings([
      { size: 44, mtimeMs: 1 },
      { size: 1000, mtimeMs: 2 },
      { size: 5000, mtimeMs: 3 },
      { size: 5000, mtimeMs: 4 }, // header rewritten at the end: same size, new mtime
      { size: 5000, mtimeMs: 4 },
    ]);
    assert.deepEqual(await waitUntilSettled(r.read, { intervalMs: 500, sleep: r.sleep }), { size: 5000, mtimeMs: 4 });
    assert.equal(r.polls(), 5);
    assert.deepEqual(r.sleeps, [500, 500, 500, 500]);
  });

  it('an unchanged file settles after one interval', async () => {
    const r = readings([{ size: 10, mtimeMs: 1 }]);
    assert.deepEqual(await waitUntilSettled(r.read, { intervalMs: 250, sleep: r.sleep }), { size: 10, mtimeMs: 1 });
    assert.deepEqual(r.sleeps, [250]);
  });

  it('a file deleted while being watched gives undefined', async () => {
    const r = readings([{ size: 10, mtimeMs: 1 }, { size: 20, mtimeMs: 2 }, undefined]);
    assert.equal(await waitUntilSettled(r.read, { intervalMs: 500, sleep: r.sleep }), undefined);
    assert.equal(r.polls(), 3);
  });

  it('aborting stops the wait with an AbortError (real timers)', async () => {
    const controller = new AbortController();
    let n = 0;
    const read = async () => ({ size: n++, mtimeMs: 0 }); // never settles
    const started = Date.now();
    setTimeout(() => controller.abort(), 60);
    await assert.rejects(waitUntilSettled(read, { intervalMs: 20, signal: controller.signal }), { name: 'AbortError' });
    assert.ok(Date.now() - started < 1000);
    assert.ok(n >= 2, `polled ${n} times`);
  });
});
