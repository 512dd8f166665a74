// Unusual samples: NaN and infinities, float64 beyond float32's range, clipping at each format's own
// extremes, and figures that do not exist. Each test runs a whole file through analyzeFile, as the
// CLI and the extension do.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFile } from '../../../src/node/analyzeFile';
import { reportCsv, reportMarkdown } from '../../../src/core/exportReport';
import { isFailed, type TakeReport } from '../../../src/core/report';
import { encodeWav, type WavWriteOptions } from '../../../src/core/wav/writer';
import { formatHuman } from '../../../src/cli/human';
import { scratch } from '../../support/scratch';

let n = 0;
async function analyze(channels: ArrayLike<number>[], o: Omit<WavWriteOptions, 'channels'>, options = {}): Promise<TakeReport> {
  const file = join(scratch, `hostile-${n++}.wav`);
  writeFileSync(file, encodeWav(channels, { channels: channels.length, ...o }));
  const { result } = await analyzeFile(file, options);
  assert.ok(!isFailed(result), JSON.stringify(result));
  return result;
}

/** A 997 Hz sine at `db` dBFS, `seconds` long. */
function sine(db: number, seconds: number, rate = 48000): Float64Array {
  const a = 10 ** (db / 20);
  return Float64Array.from({ length: Math.round(seconds * rate) }, (_, i) => a * Math.sin((2 * Math.PI * 997 * i) / rate));
}

function noText(report: TakeReport): void {
  // The findings' own words may say "NaN": only the figures are checked.
  const r = { ...report, findings: [] };
  const all = [JSON.stringify(r), formatHuman(r), reportCsv([r]), reportMarkdown([r])].join('\n');
  assert.doesNotMatch(all, /Infinity|NaN|-∞|-inf\b/);
}

describe('non-finite samples', function () {
  this.timeout(60000);

  it('one NaN: counted with its time as an error finding; every meter reads it as silence', async () => {
    const clean = sine(-20, 10);
    const dirty = clean.slice();
    dirty[48000] = NaN;
    const a = await analyze([dirty], { sampleRate: 48000, encoding: 'float', bitsPerSample: 32 });
    const b = await analyze([Float64Array.from(clean, (v, i) => (i === 48000 ? 0 : v))], { sampleRate: 48000, encoding: 'float', bitsPerSample: 32 });
    assert.equal(a.channels[0]!.nonFiniteSamples, 1);
    assert.equal(a.channels[0]!.firstNonFiniteSeconds, 1);
    assert.equal(a.loudness.integratedLufs, b.loudness.integratedLufs);
    assert.equal(a.overall.truePeakDbtp, b.overall.truePeakDbtp);
    assert.ok(Math.abs(a.loudness.integratedLufs! - -23.0) < 0.05, `I ${a.loudness.integratedLufs}`);
    // The mean leaves the NaN out: RMS over 479,999 samples, not 480,000.
    assert.ok(Math.abs(a.channels[0]!.rmsDbfs! - -23.0103) < 0.001);
    const f = a.findings.find((x) => x.code === 'non-finite');
    assert.deepEqual(f && { severity: f.severity, channel: f.channel, startSeconds: f.startSeconds }, { severity: 'error', channel: 0, startSeconds: 1 });
    assert.match(f!.message, /^M has 1 NaN or infinite sample, the first at 0:01\.000/);
    noText(a);
  });

  it('+Inf and -Inf: no Infinity, NaN or -∞ anywhere in the report or its formats', async () => {
    const x = sine(-6, 2);
    x[100] = Infinity;
    x[200] = -Infinity;
    x[300] = NaN;
    const r = await analyze([x, sine(-6, 2)], { sampleRate: 48000, encoding: 'float', bitsPerSample: 32 });
    assert.equal(r.channels[0]!.nonFiniteSamples, 3);
    assert.ok(Math.abs(r.overall.samplePeakDbfs! - -6) < 0.01);
    assert.equal(r.channels[0]!.overFullScaleSamples, 0);
    assert.match(r.findings.find((f) => f.code === 'non-finite')!.message, /3 NaN or infinite samples, the first at 0:00\.002/);
    noText(r);
  });

  it('float64 is measured in float64: 1e300 stays finite, its squares overflow to a null RMS with a reason', async () => {
    const x = new Float64Array(48000).fill(1e300);
    const r = await analyze([x], { sampleRate: 48000, encoding: 'float', bitsPerSample: 64 });
    assert.equal(r.channels[0]!.nonFiniteSamples, 0);
    assert.ok(Math.abs(r.overall.samplePeakDbfs! - 6000) < 1e-9);
    assert.equal(r.overall.rmsDbfs, null);
    assert.equal(r.reasons?.['overall.rmsDbfs'], 'the samples are too large to measure: the sum of their squares overflows');
    assert.equal(r.reasons?.['channels[0].rmsDbfs'], 'the samples are too large to measure: the sum of their squares overflows');
    noText(r);
  });

  it('float64 keeps what float32 rounds away: 1 + 2^-40 is over full scale', async () => {
    const x = new Float64Array(4800).fill(0.5);
    x.fill(1 + 2 ** -40, 100, 110);
    const r = await analyze([x], { sampleRate: 48000, encoding: 'float', bitsPerSample: 64 });
    assert.equal(r.channels[0]!.overFullScaleSamples, 10);
  });
});

describe('clipping at the format’s own full scale, per sign', function () {
  this.timeout(60000);

  it('an fs/4 sine on +FS, +FS, -FS, -FS is four runs of two a cycle, not one long run', async () => {
    // sqrt(2) at 45 degrees: every sample is +-sqrt(2) * sin(45 + 90k) = +-1 once clamped.
    const x = Float64Array.from({ length: 240000 }, (_, i) => Math.max(-1, Math.min(1, Math.SQRT2 * Math.sin(Math.PI / 4 + (Math.PI / 2) * i))));
    const r3 = await analyze([x], { sampleRate: 48000, bitsPerSample: 16 });
    assert.equal(r3.overall.clippedSamples, 0);
    const r2 = await analyze([x], { sampleRate: 48000, bitsPerSample: 16 }, { clipMinRun: 2 });
    assert.equal(r2.overall.clippedSamples, 240000);
    assert.equal(r2.clipping.events.length, 10000); // stored events are capped; the count is not
    assert.deepEqual(
      r2.clipping.events.slice(0, 2).map((e) => [e.startFrame, e.samples]),
      [
        [0, 2],
        [2, 2],
      ],
    );
  });

  it('8-bit: code 255 and code 0 are full scale', async () => {
    const x = new Float64Array(1000).fill(0);
    x.fill(127 / 128, 100, 104); // code 255
    x.fill(-1, 500, 505); // code 0
    x.fill(126 / 128, 800, 810); // code 254: not full scale
    const r = await analyze([x], { sampleRate: 8000, bitsPerSample: 8 });
    assert.deepEqual(
      r.clipping.events.map((e) => [e.startFrame, e.samples]),
      [
        [100, 4],
        [500, 5],
      ],
    );
  });

  for (const [name, bits, valid, top] of [
    ['24-in-32', 32, 24, 1 - 2 ** -23],
    ['20-in-24', 24, 20, 1 - 2 ** -19],
    ['16-bit', 16, 16, 1 - 2 ** -15],
    ['24-bit', 24, 24, 1 - 2 ** -23],
  ] as const) {
    it(`${name}: the most positive code of the valid bits and -1 are full scale; one code below is not`, async () => {
      const lsb = 2 ** -(valid - 1);
      const x = new Float64Array(1000).fill(0);
      x.fill(top, 100, 103);
      x.fill(-1, 200, 203);
      x.fill(top - lsb, 300, 310);
      x.fill(-1 + lsb, 400, 410);
      const r = await analyze([x], { sampleRate: 48000, bitsPerSample: bits, extensible: { channelMask: 4, validBitsPerSample: valid } });
      assert.deepEqual(
        r.clipping.events.map((e) => [e.startFrame, e.samples]),
        [
          [100, 3],
          [200, 3],
        ],
      );
    });
  }

  it('an explicit threshold still applies per sign', async () => {
    const x = new Float64Array(1000).fill(0);
    x.set([0.95, 0.96, -0.97, -0.95, -0.99, -0.96], 100);
    const r = await analyze([x], { sampleRate: 48000, bitsPerSample: 24 }, { clipThreshold: 0.9 });
    assert.deepEqual(
      r.clipping.events.map((e) => [e.startFrame, e.samples]),
      [[102, 4]],
    );
  });
});

describe('figures that do not exist: null with a reason, n/a in text', function () {
  this.timeout(60000);

  it('digital silence, a take too short for loudness, and --fast say why', async () => {
    const silence = await analyze([new Float64Array(48000 * 4), sine(-20, 4)], { sampleRate: 48000, bitsPerSample: 16 });
    assert.equal(silence.reasons?.['channels[0].samplePeakDbfs'], 'digital silence: every sample is 0');
    assert.equal(silence.reasons?.['stereoCorrelation'], 'channel 1 or 2 is digital silence');
    assert.equal(silence.channels[1]!.samplePeakDbfs !== null, true);
    assert.equal(silence.reasons?.['channels[1].samplePeakDbfs'], undefined);

    const short = await analyze([sine(-20, 0.2)], { sampleRate: 48000, bitsPerSample: 16 });
    assert.equal(short.reasons?.['loudness.integratedLufs'], 'shorter than one 400 ms block');
    assert.equal(short.reasons?.['loudness.loudnessRangeLu'], 'shorter than one 3 s block');
    assert.equal(short.reasons?.['stereoCorrelation'], 'fewer than two channels');

    const fast = await analyze([sine(-20, 1)], { sampleRate: 48000, bitsPerSample: 16 }, { meters: 'sample' });
    assert.equal(fast.reasons?.['overall.truePeakDbtp'], 'not measured: sample-domain meters only (--fast)');
    assert.equal(fast.reasons?.['loudness.integratedLufs'], 'not measured: sample-domain meters only (--fast)');
    for (const r of [silence, short, fast]) {
      noText(r);
      // Every null figure has its reason.
      const nulls: string[] = [];
      const walk = (v: unknown, path: string) => {
        if (v === null) nulls.push(path);
        else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
        else if (typeof v === 'object') for (const [k, x] of Object.entries(v as object)) walk(x, path ? `${path}.${k}` : k);
      };
      walk({ channels: r.channels, overall: r.overall, loudness: r.loudness, stereoCorrelation: r.stereoCorrelation }, '');
      for (const p of nulls.filter((p) => !p.endsWith('firstNonFiniteSeconds'))) assert.ok(r.reasons?.[p], `${p} is null without a reason`);
    }
  });

  it('a channel of stray LSBs is near-silent though not silent', async () => {
    const x = new Float64Array(48000 * 2);
    for (let i = 0; i < x.length; i += 4800) x[i] = 2 / 32768;
    const r = await analyze([x], { sampleRate: 48000, bitsPerSample: 16 });
    assert.equal(r.channels[0]!.silent, false);
    assert.equal(r.channels[0]!.nearSilent, true);
    const live = await analyze([sine(-40, 1)], { sampleRate: 48000, bitsPerSample: 16 });
    assert.equal(live.channels[0]!.nearSilent, false);
  });
});
