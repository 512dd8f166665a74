// Shutting down: what deactivate() waits for (the take store's close) leaves the last result in the
// cache file. A store of its own, on its own storage, so the extension under test keeps running.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { RigIndex } from '../../src/host/rigIndex';
import { CACHE_VERSION, TakeCache } from '../../src/host/takeCache';
import { TakeStore } from '../../src/host/takeStore';
import { take } from './support/workspace';

describe('Shutdown', () => {
  let storage: string;
  let log: vscode.LogOutputChannel;
  let context: vscode.ExtensionContext;

  before(() => {
    storage = mkdtempSync(join(tmpdir(), 'headroom-store-'));
    log = vscode.window.createOutputChannel('Headroom (shutdown test)', { log: true });
    context = {
      storageUri: vscode.Uri.file(storage),
      globalStorageUri: vscode.Uri.file(storage),
      extensionUri: vscode.extensions.getExtension('headroom.headroom')!.extensionUri,
    } as unknown as vscode.ExtensionContext;
  });

  after(() => {
    log.dispose();
    rmSync(storage, { recursive: true, force: true });
  });

  it('a take analysed just before deactivation is in the cache file once deactivate() resolves', async () => {
    const rigs = new RigIndex(log);
    const store = new TakeStore(context, rigs, log);
    const uri = take('quiet-guitar.wav');
    const { result, fromCache } = await store.analyze(uri);
    assert.equal(fromCache, false);
    // As VS Code shuts an extension down: deactivate() (which returns the store's close), the
    // subscriptions disposed at once without waiting, then the host waits for deactivate's promise.
    const closed = store.close();
    store.dispose();
    rigs.dispose();
    await closed;
    const [header, ...lines] = readFileSync(join(storage, 'takes-cache.jsonl'), 'utf8').trimEnd().split('\n');
    assert.deepEqual(JSON.parse(header!), { v: CACHE_VERSION });
    const entries = lines.map((l) => JSON.parse(l) as { p: string; e: { result: { file: string; overall: unknown } } });
    assert.deepEqual(
      entries.map((e) => e.p),
      [uri.fsPath],
    );
    assert.ok('overall' in result);
    assert.equal(entries[0]!.e.result.file, uri.fsPath);
    assert.deepEqual(entries[0]!.e.result.overall, JSON.parse(JSON.stringify(result.overall)));
    // Closed for good: disposing again does nothing, and no analysis starts a new pool.
    store.dispose();
    assert.equal(await store.close(), undefined);
    await assert.rejects(store.analyze(take('good-vocal.wav'), { force: true }), /the take store has been closed/);
  });

  it('a change made just before deactivation, with no worker ever started, is written before deactivate() resolves', async () => {
    // Forgetting a cached take is a cache write only: the close waits for nothing else, so a close
    // that did not wait for the write would be caught here (no worker's termination to hide it).
    const uri = take('quiet-guitar.wav');
    const file = join(storage, 'takes-cache.jsonl');
    const seed = new TakeCache(file);
    seed.set(uri.fsPath, { size: 1, mtimeMs: 1, options: '{}', result: { file: uri.fsPath, error: { code: 'seed', message: 'seeded' }, findings: [] } });
    await seed.flush();
    const rigs = new RigIndex(log);
    const store = new TakeStore(context, rigs, log);
    await store.whenLoaded();
    assert.ok(store.get(uri), 'the cached result was loaded');
    store.forget(uri);
    const closed = store.close();
    store.dispose();
    rigs.dispose();
    await closed;
    const after = new TakeCache(file);
    await after.load();
    assert.deepEqual(after.paths(), []);
  });
});
