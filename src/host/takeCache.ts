// Results of finished analyses, keyed by path and invalidated by size, mtime or a change of analysis
// options. Persisted in the extension's storage so reopening a workspace of a thousand takes shows
// every figure without reading a single sample. No `vscode` here: tested in Node.
//
// The file is a journal, one JSON line per change: a scan appends each new result (its own few
// kilobytes) instead of rewriting every result every second, and the file is rewritten whole only
// when dead lines outweigh live ones. A failed write never stops later ones: the next write rewrites
// the file from memory.

import { appendFile, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { TakeResult } from '../core/report';

export interface CachedTake {
  size: number;
  mtimeMs: number;
  /** The analysis options the result was computed with (see optionsKey). */
  options: string;
  result: TakeResult;
}

/** Bumped whenever the report's shape or a meter's definition changes: old results are then dropped. */
export const CACHE_VERSION = 3;

export const CACHE_LIMITS = {
  /** Coalesce writes: a scan of 1,000 takes appends to the file a few times a second at most. */
  saveDelayMs: 1000,
  /** A result larger than this (a take clipped ten thousand times) is not kept: re-analysis is cheap next to carrying it. */
  maxEntryBytes: 256 * 1024,
  /** Results kept; the least recently stored go first. */
  maxEntries: 20_000,
  /** Bytes of live results kept. */
  maxBytes: 64 * 1024 * 1024,
} as const;

type Line = { v: number } | { p: string; e: CachedTake } | { p: string; d: 1 };

/** A stable key for a set of analysis options (key order does not matter). */
export function optionsKey(options: object): string {
  const sort = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v as object)
            .sort()
            .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
        )
      : v;
  return JSON.stringify(sort(options));
}

function isCachedTake(v: unknown): v is CachedTake {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Partial<CachedTake>;
  return (
    typeof c.size === 'number' &&
    typeof c.mtimeMs === 'number' &&
    typeof c.options === 'string' &&
    typeof c.result === 'object' &&
    c.result !== null &&
    typeof c.result.file === 'string'
  );
}

export class TakeCache {
  /** Path -> entry and the length of its journal line, in the order stored (oldest first). */
  private entries = new Map<string, { entry: CachedTake; bytes: number }>();
  private liveBytes = 0;
  private journalBytes = 0;
  private pending: string[] = [];
  private rewrite = false;
  private timer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  /** Reads the cache file; a missing, corrupt or outdated file is an empty cache, never an error. */
  async load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return;
    }
    const lines = text.split('\n');
    let header: unknown;
    try {
      header = JSON.parse(lines[0]!);
    } catch {
      return;
    }
    if (typeof header !== 'object' || header === null || (header as { v?: unknown }).v !== CACHE_VERSION) return;
    for (const raw of lines.slice(1)) {
      if (!raw) continue;
      let line: Line;
      try {
        line = JSON.parse(raw) as Line;
      } catch {
        continue; // a line torn by a crash mid-append
      }
      if (!('p' in line) || typeof line.p !== 'string') continue;
      if ('e' in line && isCachedTake(line.e)) this.put(line.p, line.e, raw.length + 1);
      else if ('d' in line) this.remove(line.p);
    }
    this.journalBytes = text.length;
    this.evict();
  }

  /** Drops cached takes whose file is gone (deleted while the editor was closed). */
  async prune(
    exists: (path: string) => Promise<boolean> = (p) =>
      stat(p).then(
        () => true,
        () => false,
      ),
  ): Promise<string[]> {
    const gone: string[] = [];
    for (const path of [...this.entries.keys()]) if (!(await exists(path))) gone.push(path);
    for (const path of gone) this.delete(path);
    return gone;
  }

  /** The cached result when the file is unchanged and was analysed with the same options. */
  get(path: string, size: number, mtimeMs: number, options: string): TakeResult | undefined {
    const e = this.entries.get(path)?.entry;
    return e && e.size === size && e.mtimeMs === mtimeMs && e.options === options ? e.result : undefined;
  }

  /** Whatever is cached for the path, current or not (for showing something before re-analysis). */
  peek(path: string): CachedTake | undefined {
    return this.entries.get(path)?.entry;
  }

  paths(): string[] {
    return [...this.entries.keys()];
  }

  set(path: string, entry: CachedTake): void {
    const line = JSON.stringify({ p: path, e: entry } satisfies Line);
    if (line.length > CACHE_LIMITS.maxEntryBytes) {
      this.delete(path);
      return;
    }
    this.put(path, entry, line.length + 1);
    this.pending.push(line);
    this.evict();
    this.scheduleSave();
  }

  delete(path: string): void {
    if (!this.remove(path)) return;
    this.pending.push(JSON.stringify({ p: path, d: 1 } satisfies Line));
    this.scheduleSave();
  }

  clear(): Promise<void> {
    this.entries.clear();
    this.liveBytes = 0;
    this.pending = [];
    this.rewrite = true;
    return this.flush();
  }

  private put(path: string, entry: CachedTake, bytes: number): void {
    this.remove(path);
    this.entries.set(path, { entry, bytes });
    this.liveBytes += bytes;
  }

  private remove(path: string): boolean {
    const old = this.entries.get(path);
    if (!old) return false;
    this.entries.delete(path);
    this.liveBytes -= old.bytes;
    return true;
  }

  private evict(): void {
    for (const path of this.entries.keys()) {
      if (this.entries.size <= CACHE_LIMITS.maxEntries && this.liveBytes <= CACHE_LIMITS.maxBytes) break;
      this.remove(path);
      this.rewrite = true;
    }
  }

  private scheduleSave(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), CACHE_LIMITS.saveDelayMs);
  }

  /**
   * Writes what changed now: appends the new lines, or rewrites the file (atomically: a crash
   * mid-write leaves the previous file) when dead lines outweigh live ones or a write failed.
   */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const lines = this.pending;
    this.pending = [];
    this.saving = this.saving.then(async () => {
      try {
        await mkdir(dirname(this.file), { recursive: true });
        const appended = lines.reduce((n, l) => n + l.length + 1, 0);
        if (this.rewrite || this.journalBytes === 0 || this.journalBytes + appended > 2 * this.liveBytes + (1 << 20)) await this.writeWhole();
        else if (lines.length) {
          await appendFile(this.file, lines.join('\n') + '\n');
          this.journalBytes += appended;
        }
      } catch (err) {
        // The lines are lost from the file but not from memory: the next write starts it afresh.
        this.rewrite = true;
        this.onError(err);
      }
    });
    return this.saving;
  }

  private async writeWhole(): Promise<void> {
    this.rewrite = false;
    const parts = [JSON.stringify({ v: CACHE_VERSION } satisfies Line)];
    for (const [p, { entry }] of this.entries) parts.push(JSON.stringify({ p, e: entry } satisfies Line));
    const text = parts.join('\n') + '\n';
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      await writeFile(tmp, text);
      await rename(tmp, this.file);
    } catch (err) {
      this.rewrite = true;
      throw err;
    }
    this.journalBytes = text.length;
  }
}
