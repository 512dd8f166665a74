// Mutation fuzzer for the whole CLI: hostile WAV files, built by hand and by mutating valid ones
// with a seeded generator, analysed in batches by `node dist/cli.js analyze --json --stats`. Every
// batch must end with exit status 0 or 2 (no finding thresholds are asked for), print valid JSON
// with one result per file, stay under a memory and time ceiling, and never print a non-finite
// figure. Usage: `npm run fuzz` (FUZZ_SEED, FUZZ_SECONDS and FUZZ_BATCH override 1, 60 and 24).
// Ends with "fuzz: N passed, N failed" and exits 1 on any failure.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bextChunk, cueChunks, encodeWav, infoChunk, ixmlChunk, type ExtraChunk } from '../src/core/wav/writer';

const seed = Number(process.env.FUZZ_SEED ?? 1);
const budgetMs = Number(process.env.FUZZ_SECONDS ?? 60) * 1000;
const batchSize = Number(process.env.FUZZ_BATCH ?? 24);
/** Whole-process ceilings for one batch (two workers, each limited to 512 MB of heap). */
const MAX_RSS_MB = 1400;
const MAX_BATCH_MS = 90_000;

const cli = resolve(__dirname, '..', 'dist', 'cli.js');

/** xorshift32: the same mutants for the same seed on every machine. */
let state = seed >>> 0 || 1;
function rnd(): number {
  state ^= state << 13;
  state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5;
  state >>>= 0;
  return state / 4294967296;
}
const int = (n: number) => Math.floor(rnd() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;

function signal(channels: number, frames: number, special?: 'nan' | 'huge'): Float64Array[] {
  return Array.from({ length: channels }, (_, c) =>
    Float64Array.from({ length: frames }, (_, i) => {
      if (special === 'nan' && i % 97 === 5) return [NaN, Infinity, -Infinity][i % 3]!;
      if (special === 'huge' && i % 50 === 0) return 1e300;
      return 0.8 * Math.sin((2 * Math.PI * (c + 1) * 440 * i) / 48000);
    }),
  );
}

function u32(v: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v >>> 0, true);
  return b;
}

function cue(points: number): ExtraChunk {
  const body = new Uint8Array(4 + points * 24);
  const v = new DataView(body.buffer);
  v.setUint32(0, points, true);
  for (let i = 0; i < points; i++) {
    v.setUint32(4 + i * 24, i, true);
    v.setUint32(4 + i * 24 + 20, i, true);
  }
  return { id: 'cue ', body };
}

/** Valid files of every layout the reader knows, with metadata, and the hand-built hostile ones of issue #10. */
function seeds(): { name: string; bytes: Uint8Array }[] {
  const meta = [
    bextChunk({ description: 'take', originator: 'fuzz', timeReference: 48000 }),
    ixmlChunk('<BWFXML><PROJECT>p</PROJECT><TRACK_LIST><TRACK><NAME>a</NAME></TRACK></TRACK_LIST></BWFXML>'),
  ];
  const after = [...cueChunks([{ id: 1, frame: 10, label: 'm' }]), infoChunk({ INAM: 'n' })];
  const sig = signal(2, 2000);
  const out = [
    { name: 's16', bytes: encodeWav(sig, { sampleRate: 48000, channels: 2, bitsPerSample: 16, before: meta, after }) },
    { name: 's24-ext', bytes: encodeWav(sig, { sampleRate: 48000, channels: 2, bitsPerSample: 24, extensible: { channelMask: 3 }, before: meta, after }) },
    { name: 's32-24', bytes: encodeWav(sig, { sampleRate: 96000, channels: 2, bitsPerSample: 32, extensible: { channelMask: 3, validBitsPerSample: 24 } }) },
    { name: 'u8', bytes: encodeWav(sig, { sampleRate: 8000, channels: 2, bitsPerSample: 8, after }) },
    { name: 'f32-nan', bytes: encodeWav(signal(2, 2000, 'nan'), { sampleRate: 44100, channels: 2, encoding: 'float', bitsPerSample: 32 }) },
    { name: 'f64-huge', bytes: encodeWav(signal(1, 2000, 'huge'), { sampleRate: 48000, channels: 1, encoding: 'float', bitsPerSample: 64 }) },
    { name: 'rf64', bytes: encodeWav(sig, { sampleRate: 48000, channels: 2, bitsPerSample: 24, container: 'RF64', before: meta }) },
    { name: 'ch64', bytes: encodeWav(signal(64, 300), { sampleRate: 48000, channels: 64, bitsPerSample: 16 }) },
    { name: 'cue-flood', bytes: encodeWav(sig, { sampleRate: 48000, channels: 2, bitsPerSample: 16, after: Array.from({ length: 12 }, () => cue(40_000)) }) },
    { name: 'ixml-unclosed', bytes: encodeWav(sig, { sampleRate: 48000, channels: 2, bitsPerSample: 16, after: [ixmlChunk('<PROJECT>'.repeat(110_000))] }) },
    {
      name: 'empty-chunks',
      bytes: encodeWav(sig, {
        sampleRate: 48000,
        channels: 2,
        bitsPerSample: 16,
        after: Array.from({ length: 70_000 }, () => ({ id: 'junk', body: new Uint8Array(0) })),
      }),
    },
  ];
  const zeroRate = encodeWav(sig, { sampleRate: 48000, channels: 2, bitsPerSample: 16 });
  zeroRate.set(u32(0), 28);
  out.push({ name: 'byte-rate-0', bytes: zeroRate });
  return out;
}

/** Offsets of chunk size fields, so that mutations hit the places a parser trusts. */
function sizeFields(b: Uint8Array): number[] {
  const at = [4];
  for (let o = 12; o + 8 <= b.length && at.length < 64;) {
    at.push(o + 4);
    const size = new DataView(b.buffer, b.byteOffset).getUint32(o + 4, true);
    if (size > b.length) break;
    o += 8 + size + (size & 1);
  }
  return at;
}

function mutate(base: Uint8Array): Uint8Array {
  let b: Uint8Array = base.slice();
  const edits = 1 + int(4);
  for (let e = 0; e < edits; e++) {
    switch (int(8)) {
      case 0: // flip bytes
        for (let i = 0, n = 1 + int(8); i < n && b.length; i++) b[int(b.length)] = int(256);
        break;
      case 1: // a hostile value in a size field
        b.set(u32(pick([0, 1, 0xffffffff, 0x7fffffff, 0x80000000, b.length, b.length * 2, int(1 << 24)])), pick(sizeFields(b)));
        break;
      case 2: // a hostile value in the fmt fields
        if (b.length > 40) b.set(u32(pick([0, 1, 0xffff, 0xfffe, 256, 257, 65535, 0xffffffff])).subarray(0, pick([2, 4])), 20 + 2 * int(10));
        break;
      case 3: // truncate
        b = b.subarray(0, int(b.length + 1));
        break;
      case 4: // repeat a slice many times (chunk floods)
        if (b.length > 16) {
          const from = 12 + int(b.length - 12);
          const len = 1 + int(Math.min(64, b.length - from));
          const times = 1 + int(2000);
          const copy = new Uint8Array(b.length + len * times);
          copy.set(b.subarray(0, from));
          for (let t = 0; t < times; t++) copy.set(b.subarray(from, from + len), from + t * len);
          copy.set(b.subarray(from), from + len * times);
          b = copy;
        }
        break;
      case 5: // splice random bytes in
        {
          const at = int(b.length + 1);
          const junk = Uint8Array.from({ length: 1 + int(32) }, () => int(256));
          const copy = new Uint8Array(b.length + junk.length);
          copy.set(b.subarray(0, at));
          copy.set(junk, at);
          copy.set(b.subarray(at), at + junk.length);
          b = copy;
        }
        break;
      case 6: // NaN / Inf patterns over the samples
        for (let i = 0, n = 1 + int(16); i < n && b.length > 48; i++)
          b.set(u32(pick([0x7fc00000, 0x7f800000, 0xff800000, 0x00000001, 0x7f7fffff])), 44 + 4 * int((b.length - 48) / 4));
        break;
      default: // swap two 4-byte words (ids and sizes move around)
        if (b.length > 8) {
          const x = int(b.length - 4);
          const y = int(b.length - 4);
          const t = b.slice(x, x + 4);
          b.copyWithin(x, y, y + 4);
          b.set(t, y);
        }
    }
  }
  return b.length > 8 << 20 ? b.subarray(0, 8 << 20) : b;
}

function main(): number {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-fuzz-'));
  const started = performance.now();
  const base = seeds();
  const codes = new Map<number, number>();
  /** Per file: "analysed", or the reader's error code. */
  const outcomes = new Map<string, number>();
  const failures: string[] = [];
  let mutants = 0;
  let batches = 0;
  let worstMs = 0;
  let worstPerFileMs = 0;
  let worstRss = 0;
  try {
    while (performance.now() - started < budgetMs) {
      const batchDir = join(dir, `b${batches}`);
      mkdirSync(batchDir);
      // The first batch is the seeds themselves, hand-built hostile files included.
      const files = (
        batches === 0
          ? base.map((s) => ({ name: s.name, bytes: s.bytes }))
          : Array.from({ length: batchSize }, (_, i) => {
              const s = pick(base);
              return { name: `${s.name}-${i}`, bytes: mutate(s.bytes) };
            })
      ).map((f) => {
        const path = join(batchDir, `${f.name}.wav`);
        writeFileSync(path, f.bytes);
        return path;
      });
      const t = performance.now();
      const r = spawnSync('node', [cli, 'analyze', '--json', '--stats', '--jobs', '2', batchDir], {
        encoding: 'utf8',
        maxBuffer: 1 << 30,
        timeout: MAX_BATCH_MS,
      });
      const ms = performance.now() - t;
      batches++;
      mutants += files.length;
      worstMs = Math.max(worstMs, ms);
      worstPerFileMs = Math.max(worstPerFileMs, ms / files.length);
      const keep = () => {
        const saved = join(process.cwd(), 'fuzz-failures', `seed${seed}-batch${batches - 1}`);
        mkdirSync(saved, { recursive: true });
        spawnSync('cp', ['-r', batchDir + '/.', saved]);
        return saved;
      };
      const fail = (why: string) => failures.push(`batch ${batches - 1}: ${why} (files kept in ${keep()})`);
      if (r.error || r.status === null) {
        fail(`no exit status: ${r.error?.message ?? r.signal}; stderr ends: ${r.stderr.slice(0, 1500)}`);
        continue;
      }
      codes.set(r.status, (codes.get(r.status) ?? 0) + 1);
      if (r.status !== 0 && r.status !== 2) fail(`exit status ${r.status}: ${r.stderr.slice(0, 500)}`);
      const rss = Number(/peak RSS ([\d.]+) MB/.exec(r.stderr)?.[1]);
      if (!Number.isFinite(rss)) fail(`no --stats line: ${r.stderr.slice(0, 500)}`);
      else {
        worstRss = Math.max(worstRss, rss);
        if (rss > MAX_RSS_MB) fail(`peak RSS ${rss} MB`);
      }
      let out: unknown;
      try {
        out = JSON.parse(r.stdout);
      } catch (err) {
        fail(`invalid JSON: ${(err as Error).message}`);
        continue;
      }
      if (!Array.isArray(out) || out.length !== files.length) fail(`expected ${files.length} results, got ${Array.isArray(out) ? out.length : typeof out}`);
      else {
        // Figures only: the prose of findings and diagnoses is checked by the unit tests of each message.
        const figures = out.map((o: { findings?: unknown; diagnosis?: { message?: string }[] }) => ({
          ...o,
          findings: [],
          diagnosis: (o.diagnosis ?? []).map((d) => ({ ...d, message: '' })),
        }));
        if (/Infinity|NaN/.test(JSON.stringify(figures))) fail('a non-finite figure in the JSON');
        for (const o of out as { error?: { code: string } }[]) outcomes.set(o.error?.code ?? 'analysed', (outcomes.get(o.error?.code ?? 'analysed') ?? 0) + 1);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const codeText = [...codes]
    .sort((a, b) => a[0] - b[0])
    .map(([c, n]) => `${c}: ${n} batch${n === 1 ? '' : 'es'}`)
    .join(', ');
  console.log(
    `fuzz: seed ${seed}, ${mutants} files (${base.length} seeds, ${mutants - base.length} mutants) in ${batches} batches of up to ${batchSize}, ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  console.log(
    `fuzz: exit statuses ${codeText}; worst batch ${(worstMs / 1000).toFixed(1)} s (${(worstPerFileMs / 1000).toFixed(2)} s a file); peak RSS ${worstRss.toFixed(0)} MB`,
  );
  console.log(
    `fuzz: per file: ${[...outcomes]
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );
  for (const f of failures) console.log(`fuzz: FAILED ${f}`);
  console.log(`fuzz: ${batches - failures.length} passed, ${failures.length} failed`);
  return failures.length ? 1 : 0;
}

process.exitCode = main();
