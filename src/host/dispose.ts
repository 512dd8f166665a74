// Ownership of what the host's objects create (registrations, listeners, watchers, emitters, child
// objects): each is registered with its owner as it is made, and disposing the owner disposes them
// all, once. No `vscode` at run time (anything with a dispose() can be owned): tested in plain Node.

/** Anything that can be disposed: a vscode.Disposable, an EventEmitter, a watcher, another owner. */
export interface DisposableLike {
  dispose(): unknown;
}

/**
 * Disposes each in turn, in order. One that throws does not keep the rest alive: every one is
 * disposed, then the error is rethrown (several: an AggregateError).
 */
export function disposeAll(items: Iterable<DisposableLike>): void {
  const errors: unknown[] = [];
  for (const d of items) {
    try {
      d.dispose();
    } catch (err) {
      errors.push(err);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, `${errors.length} disposables threw while being disposed`);
}

/**
 * Disposables released together, in the order they were added. `clear()` releases them and the
 * store stays in use (a set of watchers made again when the settings change); once the store is
 * disposed, anything added is disposed at once, so nothing made late outlives its owner.
 */
export class DisposableStore implements DisposableLike {
  private items: DisposableLike[] = [];
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  add<T extends DisposableLike>(d: T): T {
    if (this.disposed) d.dispose();
    else this.items.push(d);
    return d;
  }

  clear(): void {
    const items = this.items;
    this.items = [];
    disposeAll(items);
  }

  dispose(): void {
    this.disposed = true;
    this.clear();
  }
}

/**
 * The base of the host's objects: `_register` each thing they create and must release; `dispose()`
 * releases everything registered, in order, and a second call does nothing. A subclass with more
 * to stop (timers, running analyses) overrides dispose(), stops them, then calls super.dispose().
 */
export abstract class Disposable implements DisposableLike {
  private readonly owned = new DisposableStore();

  get isDisposed(): boolean {
    return this.owned.isDisposed;
  }

  protected _register<T extends DisposableLike>(d: T): T {
    return this.owned.add(d);
  }

  dispose(): void {
    this.owned.dispose();
  }
}
