import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CACHE_VERSION, optionsKey, TakeCache } from '../../../src/host/takeCache';
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

  it('persists across instances and survives a corrupt or outdated file', async () => {
    const file = join(dir(), 'c.json');
    const a = new TakeCache(file);
    a.set('/a.wav', { size: 1, mtimeMs: 2, options: 'o', result: result('/a.wav') });
    await a.flush();
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).version, CACHE_VERSION);
    const b = new TakeCache(file);
    await b.load();
    assert.deepEqual(b.get('/a.wav', 1, 2, 'o'), result('/a.wav'));

    writeFileSync(file, '{"version": 1, "entries": {"/x.wav": {"size": "big"}}}');
    const c = new TakeCache(file);
    await c.load();
    assert.deepEqual(c.paths(), []);
    writeFileSync(file, 'not json');
    await c.load();
    writeFileSync(file, JSON.stringify({ version: CACHE_VERSION + 1, entries: { '/a.wav': { size: 1, mtimeMs: 2, options: 'o', result: result('/a.wav') } } }));
    await c.load();
    assert.deepEqual(c.paths(), []);
  });

  it('clear empties the file', async () => {
    const file = join(dir(), 'c.json');
    const a = new TakeCache(file);
    a.set('/a.wav', { size: 1, mtimeMs: 2, options: 'o', result: result('/a.wav') });
    await a.clear();
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')).entries, {});
  });

  it('keys options independently of property order', () => {
    assert.equal(optionsKey({ a: 1, b: { c: 2, d: null } }), optionsKey({ b: { d: null, c: 2 }, a: 1 }));
    assert.notEqual(optionsKey({ a: 1 }), optionsKey({ a: 2 }));
  });
});
