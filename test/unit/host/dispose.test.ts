import assert from 'node:assert/strict';
import { Disposable, DisposableStore, disposeAll } from '../../../src/host/dispose';

/** A disposable that writes its name to `log` each time it is disposed (and throws when told to). */
function tracked(log: string[], name: string, error?: Error) {
  return {
    dispose() {
      log.push(name);
      if (error) throw error;
    },
  };
}

class Owner extends Disposable {
  register<T extends { dispose(): unknown }>(d: T): T {
    return this._register(d);
  }
}

describe('host disposables', () => {
  it('an owner disposes what it registered, in order, once however often it is disposed', () => {
    const log: string[] = [];
    const owner = new Owner();
    const a = tracked(log, 'a');
    assert.equal(owner.register(a), a);
    owner.register(tracked(log, 'b'));
    owner.register(tracked(log, 'c'));
    assert.equal(owner.isDisposed, false);
    assert.deepEqual(log, []);
    owner.dispose();
    assert.equal(owner.isDisposed, true);
    assert.deepEqual(log, ['a', 'b', 'c']);
    owner.dispose();
    assert.deepEqual(log, ['a', 'b', 'c']);
  });

  it('a disposable registered after its owner was disposed is disposed at once', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.dispose();
    owner.register(tracked(log, 'late'));
    assert.deepEqual(log, ['late']);
    owner.dispose();
    assert.deepEqual(log, ['late']);
  });

  it('owners nest: disposing the outer one disposes the inner ones and what they own', () => {
    const log: string[] = [];
    const outer = new Owner();
    const inner = outer.register(new Owner());
    inner.register(tracked(log, 'inner.a'));
    outer.register(tracked(log, 'outer.b'));
    outer.dispose();
    assert.equal(inner.isDisposed, true);
    assert.deepEqual(log, ['inner.a', 'outer.b']);
  });

  it('one disposable that throws does not keep the others alive; its error comes out after', () => {
    const log: string[] = [];
    const owner = new Owner();
    const boom = new Error('boom');
    owner.register(tracked(log, 'a'));
    owner.register(tracked(log, 'b', boom));
    owner.register(tracked(log, 'c'));
    assert.throws(
      () => owner.dispose(),
      (e) => e === boom,
    );
    assert.deepEqual(log, ['a', 'b', 'c']);
    assert.equal(owner.isDisposed, true);
  });

  it('several that throw: every one is disposed and an AggregateError carries each error', () => {
    const log: string[] = [];
    const one = new Error('one');
    const two = new Error('two');
    assert.throws(
      () => disposeAll([tracked(log, 'a', one), tracked(log, 'b'), tracked(log, 'c', two)]),
      (e) =>
        e instanceof AggregateError &&
        e.errors.length === 2 &&
        e.errors[0] === one &&
        e.errors[1] === two &&
        e.message === '2 disposables threw while being disposed',
    );
    assert.deepEqual(log, ['a', 'b', 'c']);
  });

  it('a store can be cleared and used again; once disposed it disposes what is added at once', () => {
    const log: string[] = [];
    const store = new DisposableStore();
    store.add(tracked(log, 'w1'));
    store.add(tracked(log, 'w2'));
    store.clear();
    assert.deepEqual(log, ['w1', 'w2']);
    assert.equal(store.isDisposed, false);
    store.add(tracked(log, 'w3'));
    store.clear();
    store.clear();
    assert.deepEqual(log, ['w1', 'w2', 'w3']);
    store.add(tracked(log, 'w4'));
    store.dispose();
    store.dispose();
    store.add(tracked(log, 'w5'));
    assert.deepEqual(log, ['w1', 'w2', 'w3', 'w4', 'w5']);
    assert.equal(store.isDisposed, true);
  });
});
