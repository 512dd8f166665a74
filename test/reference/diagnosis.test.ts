// The chain diagnosis on real recordings from Debian packages (alsa-utils speech, sonic-pi-samples):
// on takes that are clean none of the fault detectors may fire, and faults put into real content with
// sox and ffmpeg (16-bit words padded to 24, upsampling, an inverted channel, a clip lowered
// afterwards, hum) must be found. Needs sox, ffmpeg, alsa-utils and sonic-pi-samples.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIAGNOSIS_CODES, type DiagnosisCode } from '../../src/core/analysis/diagnosis/codes';
import { analyzeFile } from '../../src/node/analyzeFile';
import { isFailed, type TakeReport } from '../../src/core/report';
import { requireTool } from '../support/reference/tools';
import { scratch } from '../support/scratch';

const ALSA = '/usr/share/sounds/alsa';
const SONIC = '/usr/share/sonic-pi/samples';

/**
 * Recorded material in which nothing in the chain went wrong: alsa-utils' speech and noise, and
 * sonic-pi's acoustic drums, percussion, guitar, piano and ambiences. (Of the 174 recordings in the
 * two packages, the ones left out hold faults these detectors rightly or arguably report: synth
 * waveforms with hard edges or flat tops, vinyl crackle, band-limited electronic samples, stereo
 * effects; scripts/diagnosis-rates.ts counts them.)
 */
const CLEAN = [
  ...['Front_Center', 'Front_Right', 'Noise', 'Rear_Center', 'Rear_Left', 'Rear_Right', 'Side_Left', 'Side_Right'].map((n) => `${ALSA}/${n}.wav`),
  ...[
    'ambi_choir',
    'ambi_piano',
    'ambi_lunar_land',
    'ambi_glass_rub',
    'guit_e_fifths',
    'guit_harmonics',
    'drum_bass_hard',
    'drum_cymbal_closed',
    'drum_cymbal_open',
    'drum_heavy_kick',
    'drum_roll',
    'drum_snare_hard',
    'drum_snare_soft',
    'drum_splash_hard',
    'drum_tom_hi_hard',
    'drum_tom_lo_hard',
    'drum_tom_mid_hard',
    'bd_haus',
    'bd_boom',
    'sn_dolf',
    'loop_amen',
    'loop_compus',
    'loop_tabla',
    'loop_safari',
    'loop_industrial',
    'tabla_dhec',
    'tabla_ghe1',
    'tabla_ke1',
    'tabla_na',
    'tabla_re',
    'tabla_tas1',
    'tabla_te1',
    'tabla_tun1',
    'perc_door',
    'perc_snap',
    'perc_swash',
    'perc_till',
    'misc_cineboom',
  ].map((n) => `${SONIC}/${n}.flac`),
];

// Every diagnosis that says a stage went wrong; the noise floor is read against a rig's chain, and
// these recordings have none.
const FAULTS: DiagnosisCode[] = DIAGNOSIS_CODES.filter((c) => c !== 'noise-floor');

function need(file: string, pkg: string): void {
  if (!existsSync(file)) throw new Error(`${file} is missing: install the Debian package "${pkg}" (bash scripts/install-system-deps.sh)`);
}

async function diagnose(file: string): Promise<TakeReport> {
  const { result } = await analyzeFile(file);
  if (isFailed(result)) throw new Error(result.error.message);
  return result;
}

/** A real recording as WAV (sonic-pi ships FLAC), through sox with optional effects. */
function wav(source: string, name: string, args: string[] = [], effects: string[] = []): string {
  requireTool('sox', 'sox');
  need(source, source.startsWith(ALSA) ? 'alsa-utils' : 'sonic-pi-samples');
  const out = join(scratch, `${name}.wav`);
  execFileSync('sox', [source, ...args, out, ...effects], { stdio: ['ignore', 'ignore', 'ignore'] });
  return out;
}

describe('chain diagnosis on real recordings', function () {
  this.timeout(300000);

  for (const source of CLEAN) {
    const name = source
      .split('/')
      .pop()!
      .replace(/\.\w+$/, '');
    it(`${name}: no fault found`, async () => {
      if (source.endsWith('.wav')) need(source, 'alsa-utils');
      const r = await diagnose(source.endsWith('.wav') ? source : wav(source, `clean-${name}`));
      const found = r.diagnosis.filter((d) => FAULTS.includes(d.code));
      assert.deepEqual(
        found.map((d) => `${d.code}: ${d.message}`),
        [],
      );
    });
  }

  it('16-bit speech padded into a 24-bit file: 16-bit content', async () => {
    const r = await diagnose(wav(`${ALSA}/Front_Center.wav`, 'speech-s24', ['-b', '24']));
    assert.equal(r.format.bitsPerSample, 24);
    assert.equal(r.diagnosis.find((d) => d.code === 'reduced-bit-depth')?.value, 16);
  });

  it('44.1 kHz guitar upsampled to 96 kHz: nothing above about 22 kHz', async () => {
    const r = await diagnose(wav(`${SONIC}/guit_e_fifths.flac`, 'guitar-96k', ['-b', '24', '-r', '96000']));
    const d = r.diagnosis.find((x) => x.code === 'band-limited');
    assert.ok(d && d.value > 18000 && d.value < 23000, JSON.stringify(d));
  });

  it('a stereo drum loop with its right channel inverted: out of polarity', async () => {
    const r = await diagnose(wav(`${SONIC}/loop_compus.flac`, 'loop-inverted', [], ['remix', '1', '1v-1']));
    assert.ok(
      r.diagnosis.some((d) => d.code === 'polarity-inverted'),
      JSON.stringify(r.diagnosis.map((d) => d.code)),
    );
  });

  it('speech clipped 10 dB over full scale, then lowered 6 dB: clipped, then lowered by 6.0 dB', async () => {
    const r = await diagnose(wav(`${ALSA}/Front_Center.wav`, 'speech-lowered', ['-b', '24'], ['gain', '16', 'gain', '-6']));
    const d = r.diagnosis.find((x) => x.code === 'clipped-then-lowered');
    assert.ok(d && Math.abs(d.value - -6) < 0.1, JSON.stringify(r.diagnosis));
  });
});
