// Benchmark: full analysis by the CLI (one worker, every chain-diagnosis detector on) against
// ffmpeg's ebur128 with true peak and sox stats on the same 20-minute 48 kHz 24-bit stereo file, in
// the same run; the cost of each detector on that file (scripts/bench-detectors.ts); then peak
// memory on a 2-hour file. Prints a table and writes bench-results/latest.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'headroom-bench-'));
const cli = join(__dirname_(), '..', 'dist', 'cli.js');
function __dirname_() {
  return new URL('.', import.meta.url).pathname;
}

function make(file, seconds) {
  // Pink noise under a slow tremolo with a louder middle third: programme-like level changes.
  execFileSync(
    'sox',
    [
      '-n',
      '-r',
      '48000',
      '-b',
      '24',
      '-c',
      '2',
      file,
      'synth',
      String(seconds),
      'pinknoise',
      'tremolo',
      '0.25',
      '80',
      'vol',
      '0.5',
      'gain',
      '-n',
      '-3',
      'fade',
      'q',
      '1',
      String(seconds),
      '1',
    ],
    { stdio: 'inherit' },
  );
}

function time(cmd, args) {
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
    runs.push(performance.now() - t);
    if (r.status !== 0 && !(cmd === 'node' && r.status === 1)) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  }
  return Math.min(...runs) / 1000;
}

/** The CLI's own --stats figure: analysis time without node's start-up. Best of 3. */
function analysisMs(file, fast) {
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const r = spawnSync('node', [cli, 'analyze', '--jobs', '1', '--stats', ...(fast ? ['--fast'] : []), file], { encoding: 'utf8', maxBuffer: 1 << 28 });
    runs.push(Number(/in (\d+) ms/.exec(r.stderr)?.[1]));
  }
  return Math.min(...runs) / 1000;
}

/** Each detector's own cost over the file's blocks in memory, and the meters' without them. */
function detectorCosts(file) {
  const tsx = join(__dirname_(), '..', 'node_modules', '.bin', 'tsx');
  const r = spawnSync(tsx, [join(__dirname_(), 'bench-detectors.ts'), file], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`bench-detectors failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

function peakRss(file) {
  const r = spawnSync('node', [cli, 'analyze', '--jobs', '1', '--stats', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const m = /peak RSS ([\d.]+) MB/.exec(r.stderr);
  if (!m) throw new Error(`no --stats line: ${r.stderr}`);
  return Number(m[1]);
}

try {
  const f20 = join(dir, 'programme-20min.wav');
  console.log('generating 20-minute 48 kHz 24-bit stereo file...');
  make(f20, 1200);
  const ours = time('node', [cli, 'analyze', '--jobs', '1', '--json', f20]);
  const oursFast = time('node', [cli, 'analyze', '--jobs', '1', '--fast', '--json', f20]);
  const inProcess = analysisMs(f20, false);
  const inProcessFast = analysisMs(f20, true);
  const ffmpeg = time('ffmpeg', ['-hide_banner', '-nostats', '-i', f20, '-af', 'ebur128=peak=true', '-f', 'null', '-']);
  const sox = time('sox', [f20, '-n', 'stats']);
  const rss20 = peakRss(f20);
  const detectors = detectorCosts(f20);
  rmSync(f20);
  const f2h = join(dir, 'programme-2h.wav');
  console.log('generating 2-hour file for the memory check...');
  make(f2h, 7200);
  const rss2h = peakRss(f2h);
  rmSync(f2h);
  const rows = [
    ['headroom analyze, all meters, 1 worker (whole process)', `${ours.toFixed(2)} s`],
    ['headroom analyze --fast, sample-domain meters (whole process)', `${oursFast.toFixed(2)} s`],
    ['  the same, analysis only (--stats, without node start-up)', `${inProcess.toFixed(2)} s / ${inProcessFast.toFixed(2)} s`],
    ['ffmpeg -af ebur128=peak=true', `${ffmpeg.toFixed(2)} s`],
    ['sox stats', `${sox.toFixed(2)} s`],
    ['ratio all meters / ffmpeg (target <= 0.5)', (ours / ffmpeg).toFixed(2)],
    ['ratio sample-domain meters / sox stats (target <= 1)', `${(oursFast / sox).toFixed(2)} (analysis only: ${(inProcessFast / sox).toFixed(2)})`],
    ['peak RSS, 20-minute file', `${rss20.toFixed(0)} MB`],
    ['peak RSS, 2-hour file (target < 150 MB)', `${rss2h.toFixed(0)} MB`],
    ...detectors.map(({ name, seconds, share }) => [`  in process: ${name}`, `${seconds.toFixed(3)} s (${share} % of the meters)`]),
  ];
  const md = ['| measure | value |', '|---|---|', ...rows.map(([a, b]) => `| ${a} | ${b} |`)].join('\n');
  console.log(md);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/latest.md', `Best of 3 runs, ${new Date().toISOString()}\n\n${md}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
