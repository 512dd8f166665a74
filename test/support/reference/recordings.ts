// What scripts/gen-recording-fixtures.ts cuts from which recording, and how the golden figures are
// obtained from the reference tools (also used by the reference suite to check the committed ones).

import { readFileSync } from 'node:fs';
import type { RecordingGolden } from '../recordings';
import { ebur128, soxDecodeF32, soxStats } from './tools';

const SAMPLES = '/usr/share/sonic-pi/samples';

export interface RecordingFixture {
  file: string;
  source: string;
  startSeconds: number;
  seconds: number;
  /** ffmpeg output options: codec, channels, container, metadata. */
  args: string[];
  bext?: { description: string; originator: string };
}

const bext = { description: 'Amen take', originator: 'Headroom' };

// Every encoding the reader supports, as ffmpeg writes it, in under 1 MB: stereo where a channel
// mask or per-channel figures matter, mono for the wide encodings.
export const FIXTURES: RecordingFixture[] = [
  {
    file: 'amen-s16-bext.wav',
    source: `${SAMPLES}/loop_amen_full.flac`,
    startSeconds: 0,
    seconds: 1,
    args: ['-c:a', 'pcm_s16le', '-write_bext', '1', '-metadata', `description=${bext.description}`, '-metadata', `originator=${bext.originator}`],
    bext,
  },
  { file: 'amen-s24-extensible.wav', source: `${SAMPLES}/loop_amen_full.flac`, startSeconds: 1, seconds: 0.5, args: ['-c:a', 'pcm_s24le'] },
  { file: 'amen-rf64-s24.wav', source: `${SAMPLES}/loop_amen_full.flac`, startSeconds: 2, seconds: 0.5, args: ['-c:a', 'pcm_s24le', '-rf64', 'always'] },
  { file: 'guitar-u8.wav', source: `${SAMPLES}/guit_e_fifths.flac`, startSeconds: 0.5, seconds: 1, args: ['-c:a', 'pcm_u8'] },
  { file: 'guitar-f32-mono.wav', source: `${SAMPLES}/guit_e_fifths.flac`, startSeconds: 2, seconds: 0.5, args: ['-ac', '1', '-c:a', 'pcm_f32le'] },
  { file: 'lunar-s32-mono.wav', source: `${SAMPLES}/ambi_lunar_land.flac`, startSeconds: 2, seconds: 0.5, args: ['-ac', '1', '-c:a', 'pcm_s32le'] },
  { file: 'lunar-f64-mono.wav', source: `${SAMPLES}/ambi_lunar_land.flac`, startSeconds: 4, seconds: 0.5, args: ['-ac', '1', '-c:a', 'pcm_f64le'] },
];

const PROBES = 32;
// JSON has no -Infinity (silence) and writes -0 (sox's "-0.00") as 0.
const finite = (v: number) => (Number.isFinite(v) ? v + 0 : null);

/** The container and the fmt chunk's fields, read from the bytes without Headroom's reader. */
function headerOf(file: string): RecordingGolden['format'] {
  const b = readFileSync(file);
  const container = b.toString('latin1', 0, 4);
  if (container !== 'RIFF' && container !== 'RF64') throw new Error(`${file}: not RIFF or RF64 but "${container}"`);
  for (let at = 12; at + 8 <= b.length; at += 8 + b.readUInt32LE(at + 4) + (b.readUInt32LE(at + 4) & 1)) {
    if (b.toString('latin1', at, at + 4) !== 'fmt ') continue;
    const tag = b.readUInt16LE(at + 8);
    return {
      container,
      formatTag: tag,
      extensible: tag === 0xfffe,
      channels: b.readUInt16LE(at + 10),
      sampleRate: b.readUInt32LE(at + 12),
      bitsPerSample: b.readUInt16LE(at + 22),
    };
  }
  throw new Error(`${file}: no fmt chunk`);
}

export function goldenOf(fixture: RecordingFixture, file: string): RecordingGolden {
  const format = headerOf(file);
  const sox = soxStats(file);
  const ref = ebur128(file);
  const samples = soxDecodeF32(file);
  const frames = samples.length / format.channels;
  const probeFrames = Array.from({ length: PROBES }, (_, i) => Math.floor((i * (frames - 1)) / (PROBES - 1)));
  return {
    file: fixture.file,
    source: fixture.source.split('/').pop()!,
    format,
    ...(fixture.bext ? { bext: fixture.bext } : {}),
    sox: { peakDb: sox.peakDb.map(finite), rmsDb: sox.rmsDb.map(finite), dc: sox.dc.map((v) => v + 0) },
    ebur128: { integrated: ref.integrated, momentaryMax: ref.momentaryMax, truePeak: ref.truePeak },
    decoded: { frames, probeFrames, probes: Array.from({ length: format.channels }, (_, c) => probeFrames.map((f) => samples[f * format.channels + c]!)) },
  };
}
