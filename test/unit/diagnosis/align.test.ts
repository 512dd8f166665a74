import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWav } from '../../../src/node/byteSource';
import { alignTakes, bestLag, describeAlignment } from '../../../src/core/analysis/diagnosis/align';
import { main } from '../../../src/cli/main';
import { encodeWav } from '../../../src/core/wav/writer';
import { programme, rng } from '../../support/forensics';
import { scratch } from '../../support/scratch';

const rate = 48000;

describe('diagnosis across takes: polarity and delay of two takes of one source', () => {
  const dir = join(scratch, 'align');
  const kickIn = programme(3, rate, 0.6, 40);
  const r = rng(41);
  // The kick-out mic: 91 samples (1.90 ms, 65 cm) later, out of polarity, with its own noise.
  const kickOut = kickIn.map((_, i) => -0.7 * (kickIn[i - 91] ?? 0) + r() * 0.01);
  const noise = rng(42);
  const other = Float64Array.from({ length: 3 * rate }, () => noise() * 0.5);
  const files = { in: join(dir, 'kick-in.wav'), out: join(dir, 'kick-out.wav'), other: join(dir, 'other.wav') };
  before(() => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(files.in, encodeWav([kickIn], { sampleRate: rate, channels: 1, bitsPerSample: 24 }));
    writeFileSync(files.out, encodeWav([kickOut], { sampleRate: rate, channels: 1, bitsPerSample: 24 }));
    writeFileSync(files.other, encodeWav([other], { sampleRate: rate, channels: 1, bitsPerSample: 24 }));
  });

  it('best lag: the sign and the delay, to a fraction of a sample', () => {
    const x = Float64Array.from({ length: 4000 }, (_, i) => Math.sin(i * 0.05) * Math.sin(i * 0.0031) + 0.3 * Math.sin(i * 0.7));
    const shifted = Float64Array.from(x, (_, i) => 0.5 * (x[i - 12] ?? 0));
    const { correlation, lag } = bestLag(x, shifted, 1000, 2000, 40);
    assert.ok(correlation > 0.99 && Math.abs(lag - 12) < 0.05, `${correlation} ${lag}`);
    const inverted = bestLag(
      x,
      Float64Array.from(shifted, (v) => -v),
      1000,
      2000,
      40,
    );
    assert.ok(inverted.correlation < -0.99 && Math.abs(inverted.lag - 12) < 0.05);
  });
  it('the kick-out mic: out of polarity and 1.9 ms (65 cm) behind kick-in', async () => {
    const a = await alignTakes(openWav, files.in, files.out, ['kick-in', 'kick-out']);
    assert.ok(a.related && a.correlation < -0.9, JSON.stringify(a));
    assert.equal(a.delayMs, 1.9);
    assert.equal(a.distanceCm, 65);
    assert.match(a.message, /^kick-out is out of polarity with kick-in and 1\.9 ms \(65 cm\) behind it \(correlation -(0\.9\d|1\.00)/);
  });
  it('two unrelated takes are not one source', async () => {
    const a = await alignTakes(openWav, files.in, files.other, ['kick-in', 'other']);
    assert.equal(a.related, false);
    assert.match(a.message, /do not look like one source/);
  });
  it('in polarity and time-aligned reads so', () => {
    assert.match(describeAlignment('di', 'amp', 0.8, 0.01, 0).message, /^amp is in polarity with di and time-aligned with it \(correlation 0\.80/);
  });
  it('headroom compare: text, JSON, and exit 1 when a take is out of polarity', async () => {
    let out = '';
    const io = { stdout: (s: string) => (out += s), stderr: () => undefined, isTty: false, cwd: dir };
    assert.equal(await main(['compare', 'kick-in.wav', 'kick-out.wav'], io), 1);
    assert.match(out, /^kick-out\.wav is out of polarity with kick-in\.wav and 1\.9 ms \(65 cm\) behind it/);
    out = '';
    assert.equal(await main(['compare', '--json', 'kick-in.wav', 'other.wav'], io), 0);
    assert.equal(JSON.parse(out)[0].related, false);
    assert.equal(await main(['compare', 'kick-in.wav'], io), 64);
  });
});
