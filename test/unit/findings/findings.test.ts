import assert from 'node:assert/strict';
import { deriveFindings } from '../../../src/core/findings';
import { gainFindings } from '../../../src/core/findings/gain';
import { resolveTargets, suggestGain, takeReading, type TakeLevels } from '../../../src/core/gainstage';
import { DEFAULT_TARGETS } from '../../../src/core/gainstage/targets';
import type { WavHeader } from '../../../src/core/wav/types';
import { measure, steppedSine } from '../../support/signals';

const header = (warnings: WavHeader['warnings'] = []): WavHeader => ({ format: {} as WavHeader['format'], metadata: { markers: [], info: {} }, warnings });
/** The level findings, from the measured channels and the default targets, as the report makes them. */
function levelFindings(m: ReturnType<typeof measure>) {
  const take: TakeLevels = { channels: m.channels, rmsConvention: 'plain', overall: m.overall, loudness: m.loudness };
  const targets = resolveTargets({ settings: DEFAULT_TARGETS });
  return gainFindings(take, suggestGain(takeReading(take), targets), targets);
}
const codes = (f: ReturnType<typeof deriveFindings>) => f.map((x) => `${x.severity}:${x.code}${x.channel !== undefined ? `@${x.channel}` : ''}`);

describe('findings', () => {
  const tone = (db: number, seconds = 2) => steppedSine(48000, 997, [[seconds, db]]);
  it('a well-levelled take has none', () => {
    assert.deepEqual(codes(deriveFindings(measure([tone(-12), tone(-12)]), header())), []);
  });
  it('too hot: true peak above the ceiling without clipping, quoting the one suggested gain', () => {
    const m = measure([tone(-0.5), tone(-0.5)]);
    assert.deepEqual(codes(deriveFindings(m, header())), [], 'levels are not the measurement findings');
    const f = levelFindings(m);
    assert.deepEqual(codes(f), ['warning:too-hot']);
    // True peak -0.5 dBTP: -9.5 dB to -10 dBFS peaks, -14.5 dB to put its -3.5 dBFS RMS on -18.
    assert.equal(f[0]!.message, 'True peak −0.5 dBTP is above the −1.0 dBTP ceiling. Suggested gain −14.5 dB: limited by the −18 dBFS average target: the average would land at −13.0 dBFS.');
  });
  it('too quiet: more than 20 dB under the peak target', () => {
    assert.deepEqual(codes(levelFindings(measure([tone(-40)]))), ['warning:too-quiet']);
    assert.deepEqual(codes(levelFindings(measure([tone(-29)]))), []);
  });
  it('DC offset on the shifted channel only', () => {
    const shifted = tone(-12).map((v) => v + 0.01);
    assert.deepEqual(codes(deriveFindings(measure([tone(-12), shifted]), header())), ['warning:dc-offset@1']);
  });
  it('dead channel beside a live one; silent take when all are silent', () => {
    assert.deepEqual(codes(deriveFindings(measure([tone(-12), new Float32Array(96000)]), header())), ['error:dead-channel@1']);
    assert.deepEqual(codes(deriveFindings(measure([new Float32Array(96000), new Float32Array(96000)]), header())), ['error:silent-take']);
  });
  it('inter-sample over: a small over reads in hundredths of a dB; one within the meter accuracy is not reported', () => {
    // fs/4 at 45 degrees: the samples sit at 0.707 of the amplitude, the true peak is the amplitude
    // (+0.08 dB reads +0.07: the 16x grid can miss up to 0.01 dB of a peak at fs/4).
    // A 10 ms fade-in: a sine that jumps in from silence rings in any interpolator.
    const sine = (db: number) => {
      const a = 10 ** (db / 20);
      return Float32Array.from({ length: 48000 }, (_, i) => (i < 480 ? 0.5 - 0.5 * Math.cos((Math.PI * i) / 480) : 1) * a * Math.sin((Math.PI / 2) * i + Math.PI / 4));
    };
    const over = deriveFindings(measure([sine(0.08)]), header()).find((y) => y.code === 'inter-sample-over');
    assert.match(over?.message ?? '', /^Inter-sample over on M at 0:00\.\d{3}: true peak \+0\.07 dBTP with samples below full scale/);
    // +0.03 dBTP is within the meter's stated accuracy (TRUE_PEAK_ACCURACY_DB = 0.05): no over.
    assert.equal(deriveFindings(measure([sine(0.03)]), header()).find((y) => y.code === 'inter-sample-over'), undefined);
  });
  it('clipping: runs closer than 0.5 s are one passage with its span, run count and samples', () => {
    const x = new Float32Array(48000 * 4).fill(0.1);
    for (let k = 0; k < 25; k++) x.fill(1, 1000 + k * 2000, 1000 + k * 2000 + 4); // 25 runs, 41.7 ms apart
    x.fill(-1, 48000 * 3, 48000 * 3 + 5); // a lone run 2 s later
    const clip = deriveFindings(measure([x]), header()).filter((y) => y.code === 'clipping');
    assert.equal(clip.length, 2);
    assert.equal(clip[0]!.startSeconds, 1000 / 48000);
    assert.match(clip[0]!.message, /^Clipping on M from 0:00\.021 to 0:01\.021: 25 runs, 100 samples at full scale/);
    assert.ok(Math.abs(clip[0]!.durationSeconds! - (48000 + 4 - 0) / 48000) < 1e-9);
    assert.match(clip[1]!.message, /^Clipping on M at 0:03\.000: 5 samples at full scale/);
  });
  it('clipping: passages beyond the listed limit are summarised', () => {
    const x = new Float32Array(48000 * 30).fill(0.1);
    for (let k = 0; k < 25; k++) x.fill(1, k * 48000, k * 48000 + 3); // 25 passages, 1 s apart
    const clip = deriveFindings(measure([x]), header()).filter((y) => y.code === 'clipping');
    assert.equal(clip.length, 21);
    assert.match(clip[20]!.message, /5 more clipped passages \(75 clipped samples in all\)/);
  });
  it('truncated file from the reader warning', () => {
    const f = deriveFindings(measure([tone(-12)]), header([{ code: 'data-size-zero', message: 'data chunk size is 0', offset: 40 }]));
    assert.deepEqual(codes(f), ['warning:truncated']);
  });
});
