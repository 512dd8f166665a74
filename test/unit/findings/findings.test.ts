import assert from 'node:assert/strict';
import { deriveFindings } from '../../../src/core/findings';
import type { WavHeader } from '../../../src/core/wav/types';
import { measure, steppedSine } from '../../support/signals';

const header = (warnings: WavHeader['warnings'] = []): WavHeader => ({ format: {} as WavHeader['format'], metadata: { markers: [], info: {} }, warnings });
const ctx = { peakCeilingDbtp: -1 };
const codes = (f: ReturnType<typeof deriveFindings>) => f.map((x) => `${x.severity}:${x.code}${x.channel !== undefined ? `@${x.channel}` : ''}`);

describe('findings', () => {
  const tone = (db: number, seconds = 2) => steppedSine(48000, 997, [[seconds, db]]);
  it('a well-levelled take has none', () => {
    assert.deepEqual(codes(deriveFindings(measure([tone(-12), tone(-12)]), header(), ctx)), []);
  });
  it('too hot: true peak above the ceiling without clipping', () => {
    const f = deriveFindings(measure([tone(-0.5), tone(-0.5)]), header(), ctx);
    assert.deepEqual(codes(f), ['warning:too-hot']);
    assert.match(f[0]!.message, /lower the gain by 0\.5 dB/);
  });
  it('too quiet', () => assert.deepEqual(codes(deriveFindings(measure([tone(-40)]), header(), ctx)), ['warning:too-quiet']));
  it('DC offset on the shifted channel only', () => {
    const shifted = tone(-12).map((v) => v + 0.01);
    assert.deepEqual(codes(deriveFindings(measure([tone(-12), shifted]), header(), ctx)), ['warning:dc-offset@1']);
  });
  it('dead channel beside a live one; silent take when all are silent', () => {
    assert.deepEqual(codes(deriveFindings(measure([tone(-12), new Float32Array(96000)]), header(), ctx)), ['error:dead-channel@1']);
    assert.deepEqual(codes(deriveFindings(measure([new Float32Array(96000), new Float32Array(96000)]), header(), ctx)), ['error:silent-take']);
  });
  it('inter-sample over: a small over reads in hundredths of a dB, never as 0.0 dBTP', () => {
    // fs/4 at 45 degrees: samples at 0.707 of the +0.05 dB amplitude; the Annex 2 interpolator reads
    // +0.13 dBTP there (its gain at fs/4 adds about 0.08 dB).
    const a = 10 ** (0.05 / 20);
    const x = Float32Array.from({ length: 48000 }, (_, i) => a * Math.sin((Math.PI / 2) * i + Math.PI / 4));
    const over = deriveFindings(measure([x]), header(), ctx).find((y) => y.code === 'inter-sample-over');
    assert.match(over?.message ?? '', /^Inter-sample over on M at 0:00\.\d{3}: true peak \+0\.13 dBTP with samples below full scale/);
  });
  it('clipping: runs closer than 0.5 s are one passage with its span, run count and samples', () => {
    const x = new Float32Array(48000 * 4).fill(0.1);
    for (let k = 0; k < 25; k++) x.fill(1, 1000 + k * 2000, 1000 + k * 2000 + 4); // 25 runs, 41.7 ms apart
    x.fill(-1, 48000 * 3, 48000 * 3 + 5); // a lone run 2 s later
    const clip = deriveFindings(measure([x]), header(), ctx).filter((y) => y.code === 'clipping');
    assert.equal(clip.length, 2);
    assert.equal(clip[0]!.startSeconds, 1000 / 48000);
    assert.match(clip[0]!.message, /^Clipping on M from 0:00\.021 to 0:01\.021: 25 runs, 100 samples at full scale/);
    assert.ok(Math.abs(clip[0]!.durationSeconds! - (48000 + 4 - 0) / 48000) < 1e-9);
    assert.match(clip[1]!.message, /^Clipping on M at 0:03\.000: 5 samples at full scale/);
  });
  it('clipping: passages beyond the listed limit are summarised', () => {
    const x = new Float32Array(48000 * 30).fill(0.1);
    for (let k = 0; k < 25; k++) x.fill(1, k * 48000, k * 48000 + 3); // 25 passages, 1 s apart
    const clip = deriveFindings(measure([x]), header(), ctx).filter((y) => y.code === 'clipping');
    assert.equal(clip.length, 21);
    assert.match(clip[20]!.message, /5 more clipped passages \(75 clipped samples in all\)/);
  });
  it('truncated file from the reader warning', () => {
    const f = deriveFindings(measure([tone(-12)]), header([{ code: 'data-size-zero', message: 'data chunk size is 0', offset: 40 }]), ctx);
    assert.deepEqual(codes(f), ['warning:truncated']);
  });
});
