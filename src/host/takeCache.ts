// Results of finished analyses, keyed by path and invalidated by size, mtime or a change of analysis
// options. Persisted as one JSON file in the extension's storage so reopening a workspace of a
// thousand takes shows every figure without reading a single sample. No `vscode` here: tested in Node.

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { TakeResult } from '../core/report';

export interface CachedTake {
  size: number;
  mtimeMs: number;
  /** The analysis options the result was computed with (see optionsKey). */
  options: string;
  result: TakeResult;
}

interface CacheFile {
  version: typeof CACHE_VERSION;
  entries: Record<string, CachedTake>;
}

/** Bumped whenever the report's shape or a meter's definition changes: old results are then dropped. */
export const CACHE_VERSION = 2;
/** Coalesce writes: a scan of 1,000 takes writes the file a few times, not a thousand. */
const SAVE_DELAY_MS = 1000;

/** A stable key for a set of analysis options (key order does not matter). */
export function optionsKey(options: object): string {
  const sort = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])])) : v;
  return JSON.stringify(sort(options));
}

function isCacheFile(v: unknown): v is CacheFile {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Partial<CacheFile>;
  return f.version === CACHE_VERSION && typeof f.entries === 'object' && f.entries !== null;
}

function isCachedTake(v: unknown): v is CachedTake {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Partial<CachedTake>;
  return typeof c.size === 'number' && typeof c.mtimeMs === 'number' && typeof c.options === 'string' && typeof c.result === 'object' && c.result !== null && typeof c.result.file === 'string';
}

export class TakeCache {
  private entries = new Map<string, CachedTake>();
  private timer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly file: string) {}

  /** Reads the cache file; a missing, corrupt or outdated file is an empty cache, never an error. */
  async load(): Promise<void> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(this.file, 'utf8'));
    } catch {
      return;
    }
    if (!isCacheFile(parsed)) return;
    for (const [path, entry] of Object.entries(parsed.entries)) if (isCachedTake(entry)) this.entries.set(path, entry);
  }

  /** The cached result when the file is unchanged and was analysed with the same options. */
  get(path: string, size: number, mtimeMs: number, options: string): TakeResult | undefined {
    const e = this.entries.get(path);
    return e && e.size === size && e.mtimeMs === mtimeMs && e.options === options ? e.result : undefined;
  }

  /** Whatever is cached for the path, current or not (for showing something before re-analysis). */
  peek(path: string): CachedTake | undefined {
    return this.entries.get(path);
  }

  paths(): string[] {
    return [...this.entries.keys()];
  }

  set(path: string, entry: CachedTake): void {
    this.entries.set(path, entry);
    this.scheduleSave();
  }

  delete(path: string): void {
    if (this.entries.delete(path)) this.scheduleSave();
  }

  clear(): Promise<void> {
    this.entries.clear();
    return this.flush();
  }

  private scheduleSave(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
  }

  /** Writes now (atomically: a crash mid-write leaves the previous file). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const data: CacheFile = { version: CACHE_VERSION, entries: Object.fromEntries(this.entries) };
    this.saving = this.saving.then(async () => {
      await mkdir(dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(data));
      await rename(tmp, this.file);
    });
    return this.saving;
  }
}
