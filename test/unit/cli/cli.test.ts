import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { workerCount } from '../../../src/cli/main';
import { requireBuild } from '../../support/dist';
import { scratch } from '../../support/scratch';
import { writeTakes } from '../../support/takes';

const root = resolve(__dirname, '../../..');
const cli = join(root, 'dist', 'cli.js');
const run = (...args: string[]) => spawnSync('node', [cli, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });

describe('headroom CLI', function () {
  this.timeout(60000);
  const dir = join(scratch, 'cli');
  let takes: ReturnType<typeof writeTakes>;
  before(() => {
    requireBuild();
    takes = writeTakes(dir);
  });

  it('--json: one object per file (folders searched recursively), figures as numbers, null for -inf; exit 2 when one is unreadable', () => {
    const r = run('analyze', '--json', dir);
    assert.equal(r.status, 2, r.stderr);
    const out = JSON.parse(r.stdout) as any[];
    assert.deepEqual(out.map((o) => o.file).sort(), Object.values(takes).sort());
    const good = out.find((o) => o.file === takes.good);
    assert.equal(good.format.container, 'RIFF');
    assert.equal(good.format.encoding, 'pcm');
    assert.equal(good.format.bitsPerSample, 24);
    assert.equal(good.format.frames, 96000);
    assert.deepEqual(good.format.channelLabels, ['L', 'R']);
    assert.ok(Math.abs(good.overall.samplePeakDbfs - -6) < 0.01);
    assert.ok(Math.abs(good.channels[0].rmsDbfs - -9.01) < 0.01);
    assert.ok(Math.abs(good.loudness.integratedLufs - -6.0) < 0.1, `I ${good.loudness.integratedLufs}`);
    // The -6 dBFS sine: -4 dB to the -10 dBFS peak target, -9 dB to put its -9 dBFS RMS on -18: the average decides.
    assert.equal(good.suggestedGain.gainDb, -9, `suggested gain ${JSON.stringify(good.suggestedGain)}`);
    assert.equal(good.suggestedGain.limit.by, 'average');
    assert.deepEqual(good.findings, []);
    const clipped = out.find((o) => o.file === takes.clipped);
    assert.ok(clipped.clipping.events.length > 0);
    assert.equal(clipped.clipping.events[0].channel, 0);
    assert.ok(clipped.findings.some((f: any) => f.code === 'clipping' && f.severity === 'error' && typeof f.startSeconds === 'number'));
    const quiet = out.find((o) => o.file === takes.quiet);
    assert.ok(quiet.findings.some((f: any) => f.code === 'too-quiet'));
    const corrupt = out.find((o) => o.file === takes.corrupt);
    assert.equal(corrupt.error.code, 'unsupported-codec');
    assert.match(corrupt.error.message, /corrupt\.wav: at byte 20: MPEG Layer 3 \(0x0055\) is not PCM/);
  });

  it('--version prints the package version', () => {
    const r = run('--version');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `${(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version}\n`);
  });

  it('--fail-on: exit 1 when a finding reaches the level, 0 otherwise', () => {
    assert.equal(run('analyze', '--fail-on', 'error', takes.clipped).status, 1);
    assert.equal(run('analyze', '--fail-on', 'error', takes.good, takes.quiet).status, 0);
    assert.equal(run('analyze', '--fail-on', 'warning', takes.quiet).status, 1);
  });

  it('human output: a table per file and the findings with timestamps', () => {
    const r = run('analyze', takes.clipped);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /RIFF 24-bit PCM 48 kHz stereo, 0:02\.000/);
    assert.match(r.stdout, /ERROR {3}clipping: Clipping on L from 0:00\.\d{3} to 0:02\.000: \d+ runs/);
  });

  it('targets and conventions change the figures', () => {
    const plain = JSON.parse(run('analyze', '--json', takes.good).stdout)[0];
    const aes = JSON.parse(run('analyze', '--json', '--rms', 'aes17', '--target-lufs', '-23', '--target-rms', 'none', takes.good).stdout)[0];
    assert.ok(Math.abs(aes.channels[0].rmsDbfs - plain.channels[0].rmsDbfs - 3.0103) < 1e-3);
    assert.equal(aes.rmsConvention, 'aes17');
    // A -6 dBFS sine reads about -6 LUFS: -17 dB to -23 LUFS, less than the -4 dB the peak target asks.
    assert.equal(aes.suggestedGain.limit.by, 'loudness');
    assert.ok(Math.abs(aes.suggestedGain.gainDb - -17) < 0.1);
    const delivery = JSON.parse(run('analyze', '--json', '--target-peak', 'none', '--target-rms', 'none', '--target-lufs', '-23', takes.good).stdout)[0];
    assert.equal(delivery.suggestedGain.target.kind, 'loudness');
    assert.equal(delivery.suggestedGain.limit, null);
    assert.equal(delivery.suggestedGain.gainDb, aes.suggestedGain.gainDb);
  });

  it('--fast: sample-domain figures only', () => {
    const fast = JSON.parse(run('analyze', '--json', '--fast', takes.good).stdout)[0];
    const full = JSON.parse(run('analyze', '--json', takes.good).stdout)[0];
    assert.equal(fast.overall.truePeakDbtp, null);
    assert.equal(fast.loudness.integratedLufs, null);
    assert.equal(fast.overall.samplePeakDbfs, full.overall.samplePeakDbfs);
    assert.equal(fast.overall.rmsDbfs, full.overall.rmsDbfs);
  });

  it('folders: symbolic links followed, each file once; a broken link is reported as unreadable', () => {
    const d = join(scratch, 'cli-links');
    rmSync(d, { recursive: true, force: true });
    mkdirSync(join(d, 'real'), { recursive: true });
    copyFileSync(takes.good, join(d, 'real', 'a.wav'));
    symlinkSync(join(d, 'real', 'a.wav'), join(d, 'link-to-a.wav'));
    symlinkSync(join(d, 'real'), join(d, 'linked-folder'));
    symlinkSync(d, join(d, 'real', 'loop'));
    symlinkSync(join(d, 'nowhere.wav'), join(d, 'broken.wav'));
    const r = run('analyze', '--json', d);
    assert.equal(r.status, 2, r.stderr);
    const out = JSON.parse(r.stdout) as { file: string; error?: { code: string } }[];
    assert.deepEqual(
      out.map((o) => o.file.slice(d.length + 1)),
      ['broken.wav', 'link-to-a.wav'],
    );
    assert.equal(out[0]!.error?.code, 'io');
  });

  it('output into a pipe that closes early ends quietly with exit 0', () => {
    const many = Array.from({ length: 40 }, () => takes.good);
    const r = spawnSync('bash', ['-c', `node "${cli}" analyze ${many.map((f) => `"${f}"`).join(' ')} | head -n 1`], { encoding: 'utf8' });
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, `${takes.good}\n`);
    const status = spawnSync('bash', ['-c', `set -o pipefail; node "${cli}" analyze ${many.map((f) => `"${f}"`).join(' ')} | head -c 10 > /dev/null`]);
    assert.equal(status.status, 0);
  });

  it('--jobs: at most 64; by default one worker per core, never more than files', () => {
    assert.equal(run('analyze', '--jobs', '65', takes.good).status, 64);
    assert.equal(workerCount(0, 500), availableParallelism());
    assert.equal(workerCount(0, 1), 1);
    assert.equal(workerCount(3, 500), 3);
    assert.equal(workerCount(8, 2), 2);
  });

  it('--frames: one stretch of the take, as the take editor measures a selection', () => {
    const part = JSON.parse(run('analyze', '--json', '--frames', '24000:72000', takes.clipped).stdout)[0];
    const whole = JSON.parse(run('analyze', '--json', takes.clipped).stdout)[0];
    assert.equal(part.format.frames, 48000);
    assert.equal(part.format.durationSeconds, 1);
    assert.ok(part.overall.clippedSamples > 0 && part.overall.clippedSamples < whole.overall.clippedSamples);
    assert.equal(part.overall.samplePeakDbfs, whole.overall.samplePeakDbfs);
    assert.ok(
      part.clipping.events.every((e: { startFrame: number }) => e.startFrame < 48000),
      'times count from the start of the stretch',
    );
  });

  it('usage errors exit 64 with the usage text', () => {
    for (const args of [
      [],
      ['frobnicate'],
      ['analyze'],
      ['analyze', '--fail-on', 'panic', 'x.wav'],
      ['analyze', '--bogus', 'x.wav'],
      ['analyze', '--clip-run', '0', 'x.wav'],
      ['analyze', '--frames', '10:10', 'x.wav'],
      ['analyze', '--frames', '2.5:4', 'x.wav'],
    ]) {
      const r = run(...args);
      assert.equal(r.status, 64, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stdout + r.stderr, /Usage: headroom analyze/);
    }
    assert.equal(run('--help').status, 0);
  });
});
