import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CACHE_LIMITS, CACHE_VERSION, optionsKey, TakeCache } from '../../../src/host/takeCache';
import type { FailedTake } from '../../../src/core/report';

const result = (file: string): FailedTake => ({ file, error: { code: 'not-wav', message: `${file}: at byte 0: not RIFF` }, findings: [] });

describe('take cache', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'hr-cache-'));

  it('serves a result only for the same size, mtime and options', () => {
    const c = new TakeCache(join(dir(), 'c.json'));
    c.set('/a.wav', { size: 10, mtimeMs: 5, options: 'o', result: result('/a.wav') });
    assert.equal(c.get('/a.wav', 10, 5, 'o')?.file, '/a.wav');
    assert.equal(c.get('/a.wav', 11, 5, 'o'), undefined);
    assert.equal(c.get('/a.wav', 10, 6, 'o'), undefined);
    assert.equal(c.get('/a.wav', 10, 5, 'p'), undefined);
    assert.equal(c.get('/b.wav', 10, 5, 'o'), undefined);
  });

  it('persists across instances and survives a corrupt, torn or outdated file', async () => {
    const file = join(dir(), 'c.jsonl');
    const a = new TakeCache(file);
    a.set('/a.wav', { size: 1, mtimeMs: 2, options: 'o', result: result('/a.wav') });
    await a.flush();
    assert.equal(JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!).v, CACHE_VERSION);
    const b = new TakeCache(file);
    await b.load();
    assert.deepEqual(b.get('/a.wav', 1, 2, 'o'), result('/a.wav'));

    // A crash mid-append leaves a torn last line: the lines before it still count.
    appendFileSync(file, '{"p":"/x.wav","e":{"size":');
    const torn = new TakeCache(file);
    await torn.load();
    assert.deepEqual(torn.paths(), ['/a.wav']);

    writeFileSync(file, `{"v":${CACHE_VERSION}}\n{"p":"/x.wav","e":{"size":"big"}}\n`);
    const c = new TakeCache(file);
    await c.load();
    assert.deepEqual(c.paths(), []);
    writeFileSync(file, 'not json');
    await c.load();
    writeFileSync(file, `{"v":${CACHE_VERSION + 1}}\n${JSON.stringify({ p: '/a.wav', e: { size: 1, mtimeMs: 2, options: 'o', result: result('/a.wav') } })}\n`);
    await c.load();
    assert.deepEqual(c.paths(), []);
  });

  it('appends one line per change instead of rewriting every result', async () => {
    const file = join(dir(), 'c.jsonl');
    const a = new TakeCache(file);
    for (let i = 0; i < 50; i++) a.set(`/t${i}.wav`, { size: i, mtimeMs: 2, options: 'o', result: result(`/t${i}.wav`) });
    await a.flush();
    const whole = readFileSync(file, 'utf8');
    a.set('/t50.wav', { size: 50, mtimeMs: 2, options: 'o', result: result('/t50.wav') });
    a.delete('/t0.wav');
    await a.flush();
    const after = readFileSync(file, 'utf8');
    assert.ok(after.startsWith(whole), 'the earlier lines are untouched');
    assert.equal(after.split('\n').length, whole.split('\n').length + 2);
    const b = new TakeCache(file);
    await b.load();
    assert.equal(b.paths().length, 50);
    assert.equal(b.peek('/t0.wav'), undefined);
    assert.equal(b.peek('/t50.wav')?.size, 50);
  });

  it('a failed save does not stop later ones: the next save rewrites the file', async () => {
    const root = dir();
    const file = join(root, 'sub', 'c.jsonl');
    const errors: unknown[] = [];
    const a = new TakeCache(file, (e) => errors.push(e));
    // A file where the folder should be makes the first save fail.
    writeFileSync(join(root, 'sub'), 'in the way');
    a.set('/a.wav', { size: 1, mtimeMs: 2, options: 'o', result: result('/a.wav') });
    await a.flush();
    assert.equal(errors.length, 1);
    rmSync(join(root, 'sub'));
    a.set('/b.wav', { size: 1, mtimeMs: 2, options: 'o', result: result('/b.wav') });
    await a.flush();
    const b = new TakeCache(file);
    await b.load();
    assert.deepEqual(b.paths().sort(), ['/a.wav', '/b.wav']);
  });

  it('prunes takes whose file is gone, skips oversized results and caps the number kept', async () => {
    const file = join(dir(), 'c.jsonl');
    const a = new TakeCache(file);
    a.set('/here.wav', { size: 1, mtimeMs: 2, options: 'o', result: result('/here.wav') });
    a.set('/gone.wav', { size: 1, mtimeMs: 2, options: 'o', result: result('/gone.wav') });
    assert.deepEqual(await a.prune(async (p) => p === '/here.wav'), ['/gone.wav']);
    assert.deepEqual(a.paths(), ['/here.wav']);
    const huge = {
      ...result('/huge.wav'),
      findings: Array.from({ length: 5000 }, () => ({ severity: 'error' as const, code: 'clipping' as const, message: 'x'.repeat(60) })),
    };
    a.set('/huge.wav', { size: 1, mtimeMs: 2, options: 'o', result: huge });
    assert.equal(a.peek('/huge.wav'), undefined);
    for (let i = 0; i < CACHE_LIMITS.maxEntries + 10; i++) a.set(`/t${i}.wav`, { size: i, mtimeMs: 2, options: 'o', result: result(`/t${i}.wav`) });
    assert.equal(a.paths().length, CACHE_LIMITS.maxEntries);
    assert.equal(a.peek('/t0.wav'), undefined, 'the oldest go first');
    assert.ok(a.peek(`/t${CACHE_LIMITS.maxEntries + 9}.wav`));
    await a.flush();
    const b = new TakeCache(file);
    await b.load();
    assert.equal(b.paths().length, CACHE_LIMITS.maxEntries);
  });

  it('clear empties the file', async () => {
    const file = join(dir(), 'c.jsonl');
    const a = new TakeCache(file);
    a.set('/a.wav', { size: 1, mtimeMs: 2, options: 'o', result: result('/a.wav') });
    await a.clear();
    assert.deepEqual(readFileSync(file, 'utf8'), `{"v":${CACHE_VERSION}}\n`);
  });

  it('keys options independently of property order', () => {
    assert.equal(optionsKey({ a: 1, b: { c: 2, d: null } }), optionsKey({ b: { d: null, c: 2 }, a: 1 }));
    assert.notEqual(optionsKey({ a: 1 }), optionsKey({ a: 2 }));
  });
});
