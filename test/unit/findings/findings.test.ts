import assert from 'node:assert/strict';
import { deriveFindings, sortFindings } from '../../../src/core/findings';
import { gainFindings } from '../../../src/core/findings/gain';
import { mergePassages } from '../../../src/core/findings/passages';
import { resolveTargets, suggestGain, takeReading, type TakeLevels } from '../../../src/core/gainstage';
import { DEFAULT_TARGETS } from '../../../src/core/gainstage/targets';
import type { Finding } from '../../../src/core/report';
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
    assert.equal(
      f[0]!.message,
      'True peak −0.5 dBTP is above the −1.0 dBTP ceiling. Suggested gain −14.5 dB: limited by the −18 dBFS average target: the −10 dBFS peak target would put the average at −13.0 dBFS.',
    );
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
      return Float32Array.from(
        { length: 48000 },
        (_, i) => (i < 480 ? 0.5 - 0.5 * Math.cos((Math.PI * i) / 480) : 1) * a * Math.sin((Math.PI / 2) * i + Math.PI / 4),
      );
    };
    const over = deriveFindings(measure([sine(0.08)]), header()).find((y) => y.code === 'inter-sample-over');
    assert.match(over?.message ?? '', /^Inter-sample over on M at 0:00\.\d{3}: true peak \+0\.07 dBTP with samples below full scale/);
    // +0.03 dBTP is within the meter's stated accuracy (TRUE_PEAK_ACCURACY_DB = 0.05): no over.
    assert.equal(
      deriveFindings(measure([sine(0.03)]), header()).find((y) => y.code === 'inter-sample-over'),
      undefined,
    );
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
  it('clipping: passages beyond the listed limit are summarised, with the span they cover', () => {
    const x = new Float32Array(48000 * 30).fill(0.1);
    for (let k = 0; k < 25; k++) x.fill(1, k * 48000, k * 48000 + 3); // 25 passages, 1 s apart
    const clip = deriveFindings(measure([x]), header()).filter((y) => y.code === 'clipping');
    assert.equal(clip.length, 21);
    assert.equal(clip[20]!.message, '5 more clipped passages (75 clipped samples in all) from 0:20.000 to 0:24.000.');
    assert.equal(clip[20]!.startSeconds, 20);
  });
  it('clipping and overs of a stereo take come in time order, whatever the channel', () => {
    const l = new Float32Array(48000 * 4).fill(0.1);
    const r = new Float32Array(48000 * 4).fill(0.1);
    l.fill(1, 48000 * 3, 48000 * 3 + 4); // L clips at 3 s
    r.fill(1, 48000, 48000 + 4); // R clips at 1 s
    l.fill(1, 48000 * 2, 48000 * 2 + 4); // L clips at 2 s
    const f = deriveFindings(measure([l, r]), header()).filter((x) => x.startSeconds !== undefined);
    assert.deepEqual(
      f.map((x) => [x.code, x.channel, x.startSeconds]),
      [
        ['clipping', 1, 1],
        ['clipping', 0, 2],
        ['clipping', 0, 3],
      ],
    );
  });
  it('truncated file from the reader warning', () => {
    const f = deriveFindings(measure([tone(-12)]), header([{ code: 'data-size-zero', message: 'data chunk size is 0', offset: 40 }]));
    assert.deepEqual(codes(f), ['warning:truncated']);
  });
});

describe('passages: clipping runs and overs merged per channel', () => {
  const tone = (db: number) => steppedSine(48000, 997, [[2, db]]);
  const run = (channel: number, startSeconds: number, samples: number) => ({
    channel,
    startFrame: Math.round(startSeconds * 48000),
    startSeconds,
    durationSeconds: samples / 48000,
    samples,
  });
  const over = (channel: number, startSeconds: number, truePeakDbtp: number) => ({ channel, startSeconds, truePeakDbtp });

  it('runs closer than the gap are one passage: span, run count, samples, longest run', () => {
    const p = mergePassages([run(0, 1, 3), run(0, 1.2, 7), run(0, 1.6, 4), run(0, 3, 5)], [], 0.5, 0);
    assert.deepEqual(p, [
      {
        kind: 'clipping',
        channel: 0,
        startSeconds: 1,
        endSeconds: 1.6 + 4 / 48000,
        count: 3,
        samples: 14,
        longestRunSamples: 7,
        worstTruePeakDbtp: null,
        overs: 0,
      },
      {
        kind: 'clipping',
        channel: 0,
        startSeconds: 3,
        endSeconds: 3 + 5 / 48000,
        count: 1,
        samples: 5,
        longestRunSamples: 5,
        worstTruePeakDbtp: null,
        overs: 0,
      },
    ]);
  });
  it('each channel has passages of its own', () => {
    const p = mergePassages([run(0, 1, 3), run(1, 1.1, 3), run(0, 1.3, 3)], [], 0.5, 0);
    assert.deepEqual(
      p.map((x) => [x.channel, x.count]),
      [
        [0, 2],
        [1, 1],
      ],
    );
  });
  it('an over inside (or next to) a clipping passage on its channel is counted with it', () => {
    const p = mergePassages([run(0, 1, 3), run(0, 2, 3)], [over(0, 1.5, 0.4), over(0, 2.3, 0.9), over(1, 1.5, 0.3)], 0.5, 0);
    assert.equal(p.length, 3);
    assert.deepEqual([p[0]!.kind, p[0]!.overs, p[0]!.worstTruePeakDbtp], ['clipping', 1, 0.4]);
    assert.deepEqual([p[1]!.kind, p[1]!.channel, p[1]!.worstTruePeakDbtp], ['inter-sample-over', 1, 0.3]);
    assert.deepEqual([p[2]!.kind, p[2]!.channel, p[2]!.overs, p[2]!.worstTruePeakDbtp], ['clipping', 0, 1, 0.9]);
  });
  it('overs closer than the gap are one passage with the highest true peak', () => {
    const p = mergePassages([], [over(0, 1, 0.1), over(0, 1.4, 0.6), over(0, 1.8, 0.2), over(0, 5, 0.05)], 0.5, 0);
    assert.deepEqual(
      p.map((x) => [x.startSeconds, x.endSeconds, x.count, x.worstTruePeakDbtp]),
      [
        [1, 1.8, 3, 0.6],
        [5, 5, 1, 0.05],
      ],
    );
  });
  it('overs within the meter accuracy are left out', () => {
    const p = mergePassages([], [over(0, 1, 0.1), over(0, 3, 0.25)], 0.5, 0.2);
    assert.deepEqual(
      p.map((x) => x.worstTruePeakDbtp),
      [0.25],
    );
  });
  it('the findings say one passage of overs in one line, with the count and the highest over', () => {
    const f = deriveFindings({ ...measure([tone(-12)]), clipping: { events: [], overs: [over(0, 1, 0.04), over(0, 1.3, 0.12)] } }, header()).filter(
      (x) => x.code === 'inter-sample-over',
    );
    assert.equal(f.length, 1);
    assert.equal(
      f[0]!.message,
      'Inter-sample overs on M from 0:01.000 to 0:01.300: 2 overs, the highest +0.12 dBTP with samples below full scale; a converter or codec will clip it.',
    );
    assert.deepEqual([f[0]!.startSeconds, f[0]!.durationSeconds], [1, 0.30000000000000004]);
  });
});

describe('sortFindings', () => {
  const f = (code: Finding['code'], severity: Finding['severity'], startSeconds?: number, channel?: number): Finding => ({
    code,
    severity,
    message: code,
    startSeconds,
    channel,
  });
  it('whole-take findings first by severity, then the timed ones by time and channel', () => {
    const sorted = sortFindings([
      f('truncated', 'info'),
      f('inter-sample-over', 'warning', 3.084, 0),
      f('clipping', 'error', 1.584, 1),
      f('too-hot', 'warning'),
      f('dead-channel', 'error'),
      f('clipping', 'error', 1.584, 0),
    ]);
    assert.deepEqual(
      sorted.map((x) => `${x.code}@${x.startSeconds ?? '-'}/${x.channel ?? '-'}`),
      ['dead-channel@-/-', 'too-hot@-/-', 'truncated@-/-', 'clipping@1.584/0', 'clipping@1.584/1', 'inter-sample-over@3.084/0'],
    );
  });
});
