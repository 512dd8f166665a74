// Independent reference tools (Debian packages) for the reference suite (`npm run test:reference`)
// and scripts/gen-recording-fixtures.ts, never for unit tests. Each fails loudly when the tool is
// missing: a cross-check that silently does nothing would be a test that cannot fail.

import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { scratch } from '../scratch';

export function requireTool(cmd: string, pkg: string): void {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
  } catch {
    throw new Error(`${cmd} is missing: install the Debian package "${pkg}" (bash scripts/install-system-deps.sh)`);
  }
}

export interface SoxStats {
  /** Per column: Overall, then each channel. */
  peakDb: number[];
  rmsDb: number[];
  dc: number[];
}

/** `sox FILE -n stats`, parsed. sox scales integers by 1/2^(N-1), as we do. */
export function soxStats(file: string): SoxStats {
  requireTool('sox', 'sox');
  const text = execFileSync('sh', ['-c', `sox "$0" -n stats 2>&1`, file], { encoding: 'utf8' });
  const row = (name: string) => {
    const line = text.split('\n').find((l) => l.startsWith(name));
    if (!line) throw new Error(`sox stats printed no "${name}" line for ${file}`);
    return line
      .slice(name.length)
      .trim()
      .split(/\s+/)
      .map((v) => (v === '-inf' ? -Infinity : Number(v)));
  };
  return { peakDb: row('Pk lev dB'), rmsDb: row('RMS lev dB'), dc: row('DC offset') };
}

/**
 * True peak by reconstruction: sox's very high quality resampler (`rate -v`, linear phase) to 16x
 * the file's rate, then the sample peak of that, over all channels (dBFS).
 */
export function soxTruePeak16x(file: string, sampleRate: number): number {
  requireTool('sox', 'sox');
  // sox works in 32-bit integers: halve the level first so that overs above 0 dBFS are not clipped.
  const text = execFileSync('sh', ['-c', `sox -v 0.5 "$0" -n rate -v ${sampleRate * 16} stats 2>&1`, file], { encoding: 'utf8' });
  const line = text.split('\n').find((l) => l.startsWith('Pk lev dB'));
  if (!line) throw new Error(`sox printed no peak for ${file}`);
  return Number(line.slice('Pk lev dB'.length).trim().split(/\s+/)[0]) + 20 * Math.log10(2);
}

export interface Ebur128Reference {
  integrated: number | null;
  lra: number | null;
  momentaryMax: number | null;
  shortTermMax: number | null;
  truePeak: number | null;
  samplePeak: number | null;
}

let refBinary: string | undefined;

/** Compiles test/support/reference/ebur128-ref.c against libebur128 + libsndfile once per run. */
export function ensureEbur128Reference(): string {
  if (refBinary) return refBinary;
  requireTool('gcc', 'gcc');
  requireTool('pkg-config', 'pkg-config');
  const src = join(__dirname, 'ebur128-ref.c');
  const bin = join(scratch, 'ebur128-ref');
  let flags: string;
  try {
    flags = execFileSync('pkg-config', ['--cflags', '--libs', 'libebur128', 'sndfile'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('libebur128/libsndfile development files are missing: install libebur128-dev and libsndfile1-dev');
  }
  if (!existsSync(bin) || statSync(bin).mtimeMs < statSync(src).mtimeMs) {
    execFileSync('sh', ['-c', `gcc -O2 -o "${bin}" "${src}" ${flags} -lm`], { stdio: 'inherit' });
  }
  refBinary = bin;
  return bin;
}

export function ebur128(file: string): Ebur128Reference {
  return JSON.parse(execFileSync(ensureEbur128Reference(), [file], { encoding: 'utf8' })) as Ebur128Reference;
}

/** Converts with ffmpeg (-y, quiet). */
export function ffmpeg(args: string[]): void {
  requireTool('ffmpeg', 'ffmpeg');
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Raw little-endian float32 interleaved samples decoded by sox, for sample-exact comparisons. */
export function soxDecodeF32(file: string): Float32Array {
  requireTool('sox', 'sox');
  const buf = execFileSync('sox', [file, '-t', 'f32', '-e', 'floating-point', '-'], { maxBuffer: 1 << 30 });
  return new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
}
