// The excerpts of real recordings committed under test/fixtures/recordings/ and the golden figures the
// reference tools gave for them (both written by scripts/gen-recording-fixtures.ts). Reading them
// needs no tool: the unit tests compare Headroom with these figures.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const RECORDINGS_DIR = resolve(__dirname, '..', 'fixtures', 'recordings');

export interface RecordingGolden {
  file: string;
  /** The recording it was cut from (Debian's sonic-pi-samples; licences in the folder's README). */
  source: string;
  /** What the file's own header says, read byte by byte (not by Headroom's reader). */
  format: { container: 'RIFF' | 'RF64'; formatTag: number; extensible: boolean; bitsPerSample: number; channels: number; sampleRate: number };
  /** Written into the file's bext chunk by ffmpeg, when given. */
  bext?: { description: string; originator: string };
  /** `sox FILE -n stats`: the Overall column, then one per channel when there are several; null for -inf. */
  sox: { peakDb: (number | null)[]; rmsDb: (number | null)[]; dc: number[] };
  /** libebur128 1.2.6 (test/support/reference/ebur128-ref.c). */
  ebur128: { integrated: number | null; momentaryMax: number | null; truePeak: number | null };
  /** sox's decoder: the frame count and, at evenly spaced frames, each channel's sample. */
  decoded: { frames: number; probeFrames: number[]; probes: number[][] };
}

export const recordingGolden = (): RecordingGolden[] => JSON.parse(readFileSync(join(RECORDINGS_DIR, 'golden.json'), 'utf8')) as RecordingGolden[];
