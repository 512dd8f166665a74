// `headroom` command line: the same analysis as the extension, for scripts and CI.

import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultAnalysisOptions } from '../core/analysis/options';
import { settingDefault, type SettingKey } from '../core/settings/schema';
import type { FrameRange } from '../core/analyze';
import type { AnalysisOptions } from '../core/analysis/types';
import { matchTakeToInput, parseRig, withRigAdvice, type LevelTargets, type Rig } from '../core/gainstage';
import { formatReport, isReportFormat, type ReportFormat } from '../core/exportReport';
import { plural } from '../core/format';
import { isFailed, type Severity, type TakeResult } from '../core/report';
import { createAnalysisPool } from '../worker/pool';
import { formatHuman } from './human';
import type { CliIo } from './io';
import { COMPARE_USAGE, CompareUsageError, runCompareCommand } from './compareCommand';
import { RIG_USAGE, RigUsageError, runRigCommand } from './rigCommand';

declare const HEADROOM_VERSION: string | undefined;

/** Worker threads at most: each holds a V8 heap, and more threads than cores only add memory. */
const MAX_JOBS = 64;

/** Worker threads for a run: --jobs, else one per core; never more than there are files. */
export function workerCount(jobs: number, files: number): number {
  return Math.max(1, Math.min(jobs || availableParallelism(), files));
}

export const EXIT = { ok: 0, findings: 1, unreadable: 2, usage: 64 } as const;

const d = (key: SettingKey) => {
  const v = settingDefault(key);
  return v === null ? 'none' : String(v);
};
const off = (key: SettingKey) => (settingDefault(key) === null ? 'default: none' : `default ${d(key)}; "none" to disable`);

/** The help text, its defaults those of the settings model (core/settings/schema.ts). */
export const usage = () => `Usage: headroom analyze [options] <file|folder>...
       headroom rig check [--json] [--fail-on warning|error] <file.headroom.json>
       headroom rig recommend [--json] <file.headroom.json>
       headroom rig record <file.headroom.json> <take.wav>...
       headroom compare [--json] [--max-lag <ms>] <reference.wav> <take.wav>...

Analyses WAV takes (folders are searched recursively for .wav files).

Options:
  --format <f>            text (default), json (a JSON array, one object per file),
                          md (Markdown table and findings) or csv (one row per file)
  --json                  the same as --format json
  --fail-on <level>       exit 1 when a finding reaches warning|error
  --target-peak <dBFS>    where peaks (true peak) should land (${off('targets.peakDbfs')})
  --target-rms <dBFS>     average (RMS, plain convention) target (${off('targets.rmsDbfs')})
  --target-lufs <LUFS>    integrated loudness target (${off('targets.loudnessLufs')})
  --peak-ceiling <dBTP>   suggested gain never pushes true peak above this (default ${d('targets.peakCeilingDbtp')})
  --clip-run <N>          consecutive full-scale samples of one sign that count as
                          clipping (default ${d('clipping.minRun')})
  --clip-threshold <x>    linear level counted as full scale (default: the format's own
                          extremes, e.g. 16-bit +32767 and -32768; "none" for the default)
  --rms <plain|aes17>     RMS convention (default ${d('rms.convention')}: a full-scale sine reads -3.01 dBFS)
  --jobs <N>              worker threads, at most 64 (default: the available
                          parallelism, or the number of files when fewer)
  --rig <file>            add advice from a rig file to each take matched by an input's takes glob
  --fast                  sample-domain meters only: no loudness, no true peak (null)
  --frames <start>:<end>  only frames [start, end) of each take, times from start (what the take
                          editor shows for a selection)
  --stats                 print elapsed time and peak memory (RSS) to stderr
  -h, --help              show this help
  --version               show the version

Exit status: 0 all files analysed, 1 --fail-on reached, 2 a file could not be read, 64 usage error.
rig recommend: 0 at least one catalogue interface fits, 1 none fits. See "headroom rig --help".
compare: 0 compared, 1 a take is out of polarity with the reference. See "headroom compare --help".`;

export type { CliIo } from './io';

class UsageError extends Error {}

function num(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new UsageError(`--${name} expects a number, got ${JSON.stringify(value)}`);
  return n;
}

function nullableNum(name: string, value: string | undefined, fallback: number | null): number | null {
  if (value === undefined) return fallback;
  if (value === 'none') return null;
  return num(name, value, 0);
}

/**
 * The .wav files under the given paths, each once (by its real path), in sorted order per folder.
 * Symbolic links are followed, to files and to folders (a folder reached twice, or a link loop, is
 * walked once). A path that does not resolve (a broken link, a missing file) is kept, so the
 * analysis reports it as unreadable rather than it vanishing from the batch.
 */
export async function collectWavFiles(paths: string[], cwd: string): Promise<string[]> {
  const out: string[] = [];
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();
  const addFile = async (file: string) => {
    let key = file;
    try {
      key = await realpath(file);
    } catch {
      // broken link or missing: reported by the analysis
    }
    if (seenFiles.has(key)) return;
    seenFiles.add(key);
    out.push(file);
  };
  const walk = async (dir: string, found: string[]) => {
    const real = await realpath(dir);
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    const entries = await readdir(dir, { withFileTypes: true });
    const subdirs: string[] = [];
    for (const e of entries) {
      const path = join(dir, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const s = await stat(path);
          isDir = s.isDirectory();
          isFile = s.isFile();
        } catch {
          // A broken link named like a take is a take the user expects: report it.
          if (/\.wav$/i.test(e.name)) found.push(path);
          continue;
        }
      }
      if (isFile && /\.wav$/i.test(e.name)) found.push(path);
      else if (isDir) subdirs.push(path);
    }
    for (const d of subdirs) await walk(d, found);
  };
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let s;
    try {
      s = await stat(abs);
    } catch {
      out.push(abs); // reported as unreadable by the analysis, like any other bad file
      continue;
    }
    if (s.isDirectory()) {
      const found: string[] = [];
      await walk(abs, found);
      for (const f of found.sort()) await addFile(f);
    } else await addFile(abs);
  }
  return out;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

interface LoadedRig {
  file: string;
  rig: Rig;
}

async function loadRig(file: string): Promise<LoadedRig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--rig: ${(err as Error).message}`);
  }
  const doc = parseRig(text, file);
  if (!doc.rig) throw new UsageError(`--rig: ${file} is not a usable rig: ${doc.problems.map((p) => p.message).join(' ')}`);
  return { file, rig: doc.rig };
}

/** Takes a rig input's glob (or record) matches get the rig's advice, aimed at its targets over the options'. */
function attachRigAdvice(results: TakeResult[], { file, rig }: LoadedRig, targets: LevelTargets): void {
  const dir = dirname(file);
  results.forEach((r, i) => {
    if (isFailed(r)) return;
    const rel = relative(dir, r.file);
    const input = matchTakeToInput(rig, rel);
    if (input) results[i] = withRigAdvice(r, file, rig, input, rel, targets).report;
  });
}

const NUMERIC_OPTIONS = new Set(['--peak-ceiling', '--target-peak', '--target-lufs', '--target-rms', '--clip-run', '--clip-threshold', '--jobs']);

/** Levels are negative numbers: `--target-lufs -23` must not read "-23" as an option. */
function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    if (NUMERIC_OPTIONS.has(a) && next !== undefined && /^-\d|^-\.\d/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

function outputFormat(json: boolean | undefined, format: string | undefined): 'text' | ReportFormat {
  if (json && format !== undefined && format !== 'json') throw new UsageError(`--json contradicts --format ${format}`);
  const f = json ? 'json' : (format ?? 'text');
  if (f !== 'text' && !isReportFormat(f)) throw new UsageError(`--format expects text, json, md or csv, got ${JSON.stringify(f)}`);
  return f;
}

function frameRange(value: string | undefined): FrameRange | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+):(\d+)$/.exec(value);
  if (!m || Number(m[2]) <= Number(m[1])) throw new UsageError(`--frames expects <start>:<end>, whole frames with end > start, got ${JSON.stringify(value)}`);
  return { startFrame: Number(m[1]), endFrame: Number(m[2]) };
}

export async function runAnalyze(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: joinNegativeValues(argv),
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      format: { type: 'string' },
      'fail-on': { type: 'string' },
      'peak-ceiling': { type: 'string' },
      'target-peak': { type: 'string' },
      'target-lufs': { type: 'string' },
      'target-rms': { type: 'string' },
      'clip-run': { type: 'string' },
      'clip-threshold': { type: 'string' },
      rms: { type: 'string' },
      jobs: { type: 'string' },
      stats: { type: 'boolean' },
      fast: { type: 'boolean' },
      rig: { type: 'string' },
      frames: { type: 'string' },
    },
  });
  const range = frameRange(values.frames);
  const failOn = values['fail-on'];
  if (failOn !== undefined && failOn !== 'warning' && failOn !== 'error') throw new UsageError('--fail-on expects warning or error');
  if (values.rms !== undefined && values.rms !== 'plain' && values.rms !== 'aes17') throw new UsageError('--rms expects plain or aes17');
  const format = outputFormat(values.json, values.format);
  if (positionals.length === 0) throw new UsageError('analyze needs at least one file or folder');
  const clipRun = num('clip-run', values['clip-run'], defaultAnalysisOptions.clipMinRun);
  if (!Number.isInteger(clipRun) || clipRun < 1) throw new UsageError('--clip-run expects a whole number >= 1');
  const options: Partial<AnalysisOptions> = {
    clipMinRun: clipRun,
    clipThreshold: nullableNum('clip-threshold', values['clip-threshold'], defaultAnalysisOptions.clipThreshold),
    rmsConvention: (values.rms as 'plain' | 'aes17' | undefined) ?? 'plain',
    meters: values.fast ? 'sample' : 'all',
    targets: {
      peakDbfs: nullableNum('target-peak', values['target-peak'], defaultAnalysisOptions.targets.peakDbfs),
      averageDbfs: nullableNum('target-rms', values['target-rms'], defaultAnalysisOptions.targets.averageDbfs),
      loudnessLufs: nullableNum('target-lufs', values['target-lufs'], defaultAnalysisOptions.targets.loudnessLufs),
      ceilingDbtp: num('peak-ceiling', values['peak-ceiling'], defaultAnalysisOptions.targets.ceilingDbtp),
    },
  };
  const jobs = values.jobs === undefined ? 0 : num('jobs', values.jobs, 0);
  if (!Number.isInteger(jobs) || jobs < 0 || jobs > MAX_JOBS) throw new UsageError(`--jobs expects a whole number from 1 to ${MAX_JOBS}`);

  const started = performance.now();
  const rig = values.rig === undefined ? undefined : await loadRig(resolve(io.cwd, values.rig));
  const files = await collectWavFiles(positionals, io.cwd);
  if (files.length === 0) {
    io.stderr('headroom: no .wav files found\n');
    return EXIT.ok;
  }
  const pool = createAnalysisPool({ size: workerCount(jobs, files.length) });
  const results: TakeResult[] = new Array(files.length);
  let done = 0;
  const progress = io.isTty && format === 'text' ? (text: string) => io.stderr(`\r\x1b[K${text}`) : undefined;
  try {
    await Promise.all(
      files.map(async (file, i) => {
        const outcome = await pool.analyze(
          range ? { file, options, range } : { file, options },
          progress ? { onProgress: (p) => progress(`[${done}/${files.length}] ${file} ${Math.round(p.fraction * 100)}%`) } : {},
        );
        results[i] = outcome.result;
        done++;
      }),
    );
  } finally {
    progress?.('');
    await pool.dispose();
  }
  if (rig) attachRigAdvice(results, rig, options.targets!);
  if (values.stats) {
    // maxRSS covers the whole process, worker threads included: what a user's machine must spare.
    io.stderr(
      `headroom: ${plural(files.length, 'file')} in ${(performance.now() - started).toFixed(0)} ms, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MB\n`,
    );
  }
  if (format === 'text') for (const r of results) io.stdout(formatHuman(r) + '\n');
  else io.stdout(formatReport(results, format, { displayPath: (f) => relative(io.cwd, f) || f }));

  if (results.some(isFailed)) return EXIT.unreadable;
  if (failOn && results.some((r) => r.findings.some((f) => RANK[f.severity] >= RANK[failOn]))) return EXIT.findings;
  return EXIT.ok;
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === '--version') {
      io.stdout(`${typeof HEADROOM_VERSION === 'string' ? HEADROOM_VERSION : 'dev'}\n`);
      return EXIT.ok;
    }
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      io.stdout(usage() + '\n');
      return command === undefined ? EXIT.usage : EXIT.ok;
    }
    if (command === 'analyze') {
      if (rest.includes('-h') || rest.includes('--help')) {
        io.stdout(usage() + '\n');
        return EXIT.ok;
      }
      return await runAnalyze(rest, io);
    }
    if (command === 'rig') return await runRigCommand(rest, io);
    if (command === 'compare') return await runCompareCommand(rest, io);
    throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  } catch (err) {
    if (err instanceof RigUsageError) {
      io.stderr(`headroom: ${err.message}\n\n${RIG_USAGE}\n`);
      return EXIT.usage;
    }
    if (err instanceof CompareUsageError) {
      io.stderr(`headroom: ${err.message}\n\n${COMPARE_USAGE}\n`);
      return EXIT.usage;
    }
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`headroom: ${(err as Error).message}\n\n${usage()}\n`);
      return EXIT.usage;
    }
    throw err;
  }
}

if (require.main === module) {
  // A reader that stops early (`headroom analyze takes/ | head`) closes the pipe: that is the
  // reader's choice, not a failure, so the CLI ends quietly with success.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(EXIT.ok);
      throw err;
    });
  }
  main(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTty: !!process.stderr.isTTY,
    cwd: process.cwd(),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`headroom: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 70;
    },
  );
}
