import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loudnessChannelMap } from '../../../src/core/analysis/channelMap';
import { kWeightingFilters } from '../../../src/core/analysis/kweighting';
import { dot, interpolatorPhases, PHASES, TAPS } from '../../../src/core/analysis/truepeak';
import { measure, steppedSine } from '../../support/signals';

const close = (actual: number | null, expected: number, tol: number, what = '') => {
  assert.ok(actual !== null, `${what}: expected ${expected}, got null`);
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: expected ${expected} ±${tol}, got ${actual}`);
};

describe('K-weighting coefficients', () => {
  it('reproduce the BS.1770 48 kHz table', () => {
    const { shelf, highpass } = kWeightingFilters(48000);
    const expect = [1.53512485958697, -2.69169618940638, 1.19839281085285, -1.69065929318241, 0.73248077421585];
    [shelf.b0, shelf.b1, shelf.b2, shelf.a1, shelf.a2].forEach((v, i) => close(v, expect[i]!, 1e-12, `shelf ${i}`));
    close(highpass.a1, -1.99004745483398, 1e-12, 'rlb a1');
    close(highpass.a2, 0.99007225036621, 1e-12, 'rlb a2');
  });
  it('match the published 44.1 kHz check values', () => {
    const { shelf, highpass } = kWeightingFilters(44100);
    const expect = [1.53084123005035, -2.65097999515473, 1.16907907992159, -1.66365511325602, 0.71259542807323];
    [shelf.b0, shelf.b1, shelf.b2, shelf.a1, shelf.a2].forEach((v, i) => close(v, expect[i]!, 1e-12, `shelf ${i}`));
    close(highpass.a1, -1.9891696736298, 1e-12, 'rlb a1');
    close(highpass.a2, 0.98919903578704, 1e-12, 'rlb a2');
  });
});

describe('loudness channel map', () => {
  it('from the speaker mask, bit by bit: 5.1 side, 7.1, and channels past the mask', () => {
    assert.deepEqual(loudnessChannelMap(6, 0x60f), ['left', 'right', 'centre', 'lfe', 'leftSurround', 'rightSurround']);
    assert.deepEqual(loudnessChannelMap(8, 0x63f), ['left', 'right', 'centre', 'lfe', 'leftSurround', 'rightSurround', 'leftSurround', 'rightSurround']);
    assert.deepEqual(loudnessChannelMap(3, 0x4), ['centre', 'other', 'other']);
    assert.deepEqual(loudnessChannelMap(2, 0x100 | 0x40), ['other', 'other']);
  });
  it('without a mask, the plain-WAV order for the count', () => {
    assert.deepEqual(loudnessChannelMap(1, null), ['centre']);
    assert.deepEqual(loudnessChannelMap(2, 0), ['left', 'right']);
    assert.deepEqual(loudnessChannelMap(4, null), ['left', 'right', 'leftSurround', 'rightSurround']);
    assert.deepEqual(loudnessChannelMap(5, null), ['left', 'right', 'centre', 'leftSurround', 'rightSurround']);
    assert.deepEqual(loudnessChannelMap(8, null), ['left', 'right', 'centre', 'lfe', 'leftSurround', 'rightSurround', 'other', 'other']);
  });
});

describe('sample-domain meters on known signals', () => {
  it('full-scale sine: peak 0 dBFS, RMS -3.01 plain and 0 AES17, crest 3.01 dB', () => {
    const x = steppedSine(48000, 1000, [[1, 0]], Math.PI / 2);
    const plain = measure([x]);
    close(plain.channels[0]!.samplePeakDbfs, 0, 1e-6, 'peak');
    close(plain.channels[0]!.rmsDbfs, -3.0103, 1e-3, 'rms');
    close(plain.channels[0]!.crestFactorDb, 3.0103, 1e-3, 'crest');
    const aes = measure([x], 48000, { rmsConvention: 'aes17' });
    close(aes.channels[0]!.rmsDbfs, 0, 1e-3, 'aes17 rms');
    close(aes.overall.rmsDbfs, 0, 1e-3, 'aes17 overall');
  });

  it('square wave at -6.02 dBFS: peak = RMS, crest 0 dB', () => {
    const x = new Float32Array(48000).map((_, i) => (Math.floor(i / 24) % 2 ? 0.5 : -0.5));
    const m = measure([x]);
    close(m.channels[0]!.samplePeakDbfs, -6.0206, 1e-4, 'peak');
    close(m.channels[0]!.rmsDbfs, -6.0206, 1e-4, 'rms');
    close(m.channels[0]!.crestFactorDb, 0, 1e-9, 'crest');
    close(m.channels[0]!.dcOffset, 0, 1e-12, 'dc');
  });

  it('DC: the mean as a fraction of full scale', () => {
    const m = measure([new Float32Array(4800).fill(0.25)]);
    close(m.channels[0]!.dcOffset, 0.25, 1e-9, 'dc');
    close(m.channels[0]!.rmsDbfs, -12.0412, 1e-4, 'rms');
  });

  it('silence: null (not -Infinity) and silent', () => {
    const m = measure([new Float32Array(48000), new Float32Array(48000)]);
    const c = m.channels[0]!;
    assert.equal(c.samplePeakDbfs, null);
    assert.equal(c.truePeakDbtp, null);
    assert.equal(c.rmsDbfs, null);
    assert.equal(c.noiseFloorDbfs, null);
    assert.equal(c.silent, true);
    assert.equal(m.loudness.integratedLufs, null);
    assert.equal(m.overall.headroomDb, null);
    assert.equal(m.stereoCorrelation, null);
    assert.equal(JSON.stringify(m.overall).includes('Infinity'), false);
  });

  it('peak position is the first sample at the peak', () => {
    const x = new Float32Array(1000);
    x[123] = -0.75;
    x[700] = 0.75;
    const m = measure([x]);
    assert.equal(m.channels[0]!.samplePeakFrame, 123);
  });

  it('clipping runs: >= 3 consecutive full-scale samples, with channel, start and length, across block edges', () => {
    const x = new Float32Array(20000).fill(0.1);
    x.fill(1, 1000, 1005); // 5 samples: a run
    x.fill(1, 5000, 5002); // 2 samples: too short
    x.fill(-1, 9998, 10004); // 6 samples straddling a block boundary at 10000
    const m = measure([new Float32Array(20000), x], 48000, {}, { blockFrames: 10000 });
    assert.deepEqual(
      m.clipping.events.map((e) => [e.channel, e.startFrame, e.samples]),
      [
        [1, 1000, 5],
        [1, 9998, 6],
      ],
    );
    close(m.clipping.events[0]!.startSeconds, 1000 / 48000, 1e-12, 'start');
    close(m.clipping.events[1]!.durationSeconds, 6 / 48000, 1e-12, 'duration');
    assert.equal(m.channels[1]!.clippedSamples, 11);
    assert.equal(m.overall.clippedSamples, 11);
    const strict = measure([x], 48000, { clipMinRun: 2 });
    assert.equal(strict.channels[0]!.clippedSamples, 13);
  });

  it('a clipped sine counts every flat-topped sample', () => {
    // Amplitude 2 at 100 Hz: |x| >= 1 for a third of each half cycle.
    const x = steppedSine(48000, 100, [[0.1, 6.0206]]).map((v) => Math.max(-1, Math.min(1, v)));
    const m = measure([x]);
    const expected = x.reduce((n, v) => n + (Math.abs(v) >= 1 - 2 ** -15 ? 1 : 0), 0);
    assert.equal(m.channels[0]!.clippedSamples, expected);
    assert.equal(m.clipping.events.length, 20); // 10 cycles x 2 half cycles
  });

  it('float samples beyond 1.0 are over full scale, not clipped', () => {
    const x = new Float32Array(1000).fill(0.5);
    x.fill(1.5, 100, 110);
    const m = measure([x], 48000, {}, { encoding: 'float' });
    assert.equal(m.channels[0]!.overFullScaleSamples, 10);
    assert.equal(m.channels[0]!.clippedSamples, 0);
    close(m.channels[0]!.samplePeakDbfs, 3.5218, 1e-4, 'peak above 0 dBFS');
  });

  it('stereo correlation +1, -1 and 0', () => {
    const a = steppedSine(48000, 440, [[1, -6]]);
    const b = steppedSine(48000, 440, [[1, -6]], Math.PI / 2);
    close(measure([a, a]).stereoCorrelation, 1, 1e-9, 'same');
    close(measure([a, a.map((v) => -v)]).stereoCorrelation, -1, 1e-9, 'inverted');
    close(measure([a, b]).stereoCorrelation, 0, 1e-3, 'quadrature');
  });

  it('windowed RMS and noise floor follow the quiet and loud parts', () => {
    const x = steppedSine(48000, 1000, [
      [2, -60],
      [2, -6],
    ]);
    const m = measure([x]);
    close(m.channels[0]!.rmsWindowMaxDbfs, -9.0103, 0.001, 'window max');
    close(m.channels[0]!.rmsWindowMinDbfs, -63.0103, 0.001, 'window min');
    // The noise floor comes from a 0.01 dB histogram: exact to half a bin.
    close(m.channels[0]!.noiseFloorDbfs, -63.0103, 0.005, 'noise floor');
  });
});

describe('display series', () => {
  it('peak pyramid: a single full-scale sample survives at every zoom level', () => {
    const x = new Float32Array(48000 * 30).fill(0.01);
    x[1234567] = -1;
    const m = measure([x]);
    assert.ok(m.series.pyramid.length > 3);
    for (const level of m.series.pyramid) {
      const mm = level.minMax[0]!;
      const bucket = Math.floor(1234567 / level.bucketFrames);
      assert.equal(mm[2 * bucket], -1, `level ${level.bucketFrames}`);
      assert.equal(Math.min(...mm.filter((_, i) => i % 2 === 0)), -1);
    }
    assert.ok(m.series.pyramid.at(-1)!.minMax[0]!.length / 2 <= 512);
  });
  it('peak pyramid: the finest level stays capped however long the input', () => {
    const x = new Float32Array(48000 * 60 * 8).fill(0.5); // 8 minutes
    const m = measure([x], 48000, { pyramidBaseBucket: 64 });
    const finest = m.series.pyramid[0]!;
    assert.ok(finest.minMax[0]!.length / 2 <= 65536);
    assert.ok(finest.bucketFrames * (finest.minMax[0]!.length / 2) >= x.length);
  });
  it('sample-only mode leaves loudness and true peak null and keeps the rest identical', () => {
    const x = steppedSine(48000, 1000, [[3, -6]]);
    const all = measure([x, x]);
    const fast = measure([x, x], 48000, { meters: 'sample' });
    assert.equal(fast.overall.truePeakDbtp, null);
    assert.equal(fast.loudness.integratedLufs, null);
    assert.equal(fast.channels[0]!.rmsDbfs, all.channels[0]!.rmsDbfs);
    assert.equal(fast.overall.samplePeakDbfs, all.overall.samplePeakDbfs);
  });
});

describe('EBU Tech 3341 (loudness, 48 kHz stereo 1 kHz)', () => {
  const stereo = (segments: [number, number][]) => {
    const x = steppedSine(48000, 1000, segments);
    return measure([x, x]);
  };
  it('case 1: -23 dBFS, 20 s -> M, S, I = -23.0 ±0.1', () => {
    const m = stereo([[20, -23]]);
    close(m.loudness.integratedLufs, -23, 0.1, 'I');
    close(m.loudness.momentaryMaxLufs, -23, 0.1, 'M');
    close(m.loudness.shortTermMaxLufs, -23, 0.1, 'S');
  });
  it('case 2: -33 dBFS -> -33.0 ±0.1', () => close(stereo([[20, -33]]).loudness.integratedLufs, -33, 0.1, 'I'));
  it('case 3: relative gate', () =>
    close(
      stereo([
        [10, -36],
        [60, -23],
        [10, -36],
      ]).loudness.integratedLufs,
      -23,
      0.1,
      'I',
    ));
  it('case 4: absolute and relative gate', () =>
    close(
      stereo([
        [10, -72],
        [10, -36],
        [60, -23],
        [10, -36],
        [10, -72],
      ]).loudness.integratedLufs,
      -23,
      0.1,
      'I',
    ));
  it('case 5: -26 / -20 / -26', () =>
    close(
      stereo([
        [20, -26],
        [20.1, -20],
        [20, -26],
      ]).loudness.integratedLufs,
      -23,
      0.1,
      'I',
    ));
  it('case 6: 5.0 channels with surround weights', () => {
    const sig = (db: number) => steppedSine(48000, 1000, [[20, db]]);
    const m = measure([sig(-28), sig(-28), sig(-24), sig(-30), sig(-30)], 48000, {}, { labels: ['L', 'R', 'C', 'Ls', 'Rs'] });
    close(m.loudness.integratedLufs, -23, 0.1, 'I');
  });
  it('LFE is excluded: 5.1 with a loud LFE reads like 5.0', () => {
    const sig = (db: number) => steppedSine(48000, 1000, [[20, db]]);
    const m = measure([sig(-28), sig(-28), sig(-24), sig(0), sig(-30), sig(-30)], 48000, {}, { labels: ['L', 'R', 'C', 'LFE', 'Ls', 'Rs'] });
    close(m.loudness.integratedLufs, -23, 0.1, 'I');
  });
  it('case 9: short-term stays at -23.0 ±0.1 after 3 s', () => {
    const segs: [number, number][] = [];
    for (let i = 0; i < 5; i++) segs.push([1.34, -20], [1.66, -30]);
    const s = stereo(segs).series.shortTermLufs;
    for (let i = 30; i < s.length; i++) close(s[i]!, -23, 0.1, `S at ${(i + 1) / 10} s`);
  });
  it('case 12: momentary stays at -23.0 ±0.1 after 1 s', () => {
    const segs: [number, number][] = [];
    for (let i = 0; i < 25; i++) segs.push([0.18, -20], [0.22, -30]);
    const mSeries = stereo(segs).series.momentaryLufs;
    for (let i = 10; i < mSeries.length; i++) close(mSeries[i]!, -23, 0.1, `M at ${(i + 1) / 10} s`);
  });
  it('a 0 dBFS sine on one channel reads -3.01 LUFS; on both, 0.0', () => {
    const x = steppedSine(48000, 997, [[5, 0]]);
    close(measure([x, new Float32Array(x.length)]).loudness.integratedLufs, -3.01, 0.05, 'one');
    close(measure([x, x]).loudness.integratedLufs, 0, 0.05, 'both');
  });
  it('the channel map follows the speaker mask, not the labels: FL FR FC LFE reads as its three front channels', () => {
    const sig = (db: number) => steppedSine(48000, 1000, [[10, db]]);
    const front = [sig(-28), sig(-28), sig(-24)];
    const masked = measure([...front, sig(0)], 48000, {}, { mask: 0x0f, labels: ['L', 'R', 'Ls', 'Rs'] });
    assert.equal(masked.loudness.integratedLufs, measure(front).loudness.integratedLufs);
    assert.deepEqual(
      masked.channels.map((c) => c.loudnessWeight),
      [1, 1, 1, 0],
    );
  });
  it('a mono take marked dual mono reads as the same signal on both speakers of a pair', () => {
    const x = steppedSine(48000, 997, [[5, 0]]);
    const dual = measure([x], 48000, {}, { loudnessChannels: ['dualMono'] });
    close(dual.loudness.integratedLufs, 0, 0.05, 'dual mono');
    assert.equal(dual.loudness.integratedLufs, measure([x, x]).loudness.integratedLufs);
    close(measure([x]).loudness.integratedLufs, -3.01, 0.05, 'mono as centre');
  });
  it('a channel map of the wrong length is refused', () => {
    const x = steppedSine(48000, 997, [[1, 0]]);
    assert.throws(() => measure([x, x], 48000, {}, { loudnessChannels: ['dualMono'] }), /loudness channel map has 1 channel for a take of 2 channels/);
  });
  for (const rate of [44100, 96000]) {
    it(`case 1 at ${rate} Hz`, () => {
      const x = steppedSine(rate, 1000, [[20, -23]]);
      close(measure([x, x], rate).loudness.integratedLufs, -23, 0.1, 'I');
    });
  }
});

describe('EBU Tech 3341 true peak (cases 15-19, tolerance +0.2/-0.4 dB)', () => {
  const tp = (freqDivisor: number, amp: number, phaseDeg: number) => {
    const fs = 48000;
    // A 10 ms raised-cosine fade-in: the cases measure the steady state, and a sine that jumps in
    // from silence makes any interpolator ring on the step.
    const fade = fs / 100;
    const x = new Float32Array(fs).map((_, n) => {
      const g = n < fade ? 0.5 - 0.5 * Math.cos((Math.PI * n) / fade) : 1;
      return g * amp * Math.sin((2 * Math.PI * n) / freqDivisor + (phaseDeg * Math.PI) / 180);
    });
    return measure([x, x], fs, {}, { encoding: 'float' });
  };
  const within = (v: number | null, target: number) => {
    assert.ok(v !== null && v <= target + 0.2 && v >= target - 0.4, `expected ${target} +0.2/-0.4, got ${v}`);
  };
  it('case 15: fs/4, 0.5, 0 deg -> -6.0', () => within(tp(4, 0.5, 0).overall.truePeakDbtp, -6));
  it('case 16: fs/4, 0.5, 45 deg -> -6.0', () => within(tp(4, 0.5, 45).overall.truePeakDbtp, -6));
  it('case 17: fs/6, 0.5, 60 deg -> -6.0', () => within(tp(6, 0.5, 60).overall.truePeakDbtp, -6));
  it('case 18: fs/8, 0.5, 67.5 deg -> -6.0', () => within(tp(8, 0.5, 67.5).overall.truePeakDbtp, -6));
  it('case 19: fs/4, 1.41, 45 deg -> +3.0 with sample peak -0.03, and an inter-sample over is reported', () => {
    const m = tp(4, 1.41, 45);
    within(m.overall.truePeakDbtp, 3);
    close(m.overall.samplePeakDbfs, -0.03, 0.01, 'sample peak');
    assert.ok(m.clipping.overs.length >= 1, 'over reported');
    assert.equal(m.overall.clippedSamples, 0);
  });
});

describe('EBU Tech 3342 loudness range (stereo 1 kHz, 20 s segments, ±1 LU)', () => {
  const lra = (levels: number[]) => {
    const x = steppedSine(
      48000,
      1000,
      levels.map((l) => [20, l] as [number, number]),
    );
    return measure([x, x]).loudness.loudnessRangeLu;
  };
  it('-20 then -30 -> 10', () => close(lra([-20, -30]), 10, 1, 'LRA'));
  it('-20 then -15 -> 5', () => close(lra([-20, -15]), 5, 1, 'LRA'));
  it('-40 then -20 -> 20', () => close(lra([-40, -20]), 20, 1, 'LRA'));
  it('-50, -35, -20, -35, -50 -> 15', () => close(lra([-50, -35, -20, -35, -50]), 15, 1, 'LRA'));
});

describe('properties', () => {
  /** Every phase at every position, in the analyser's summation order (dot), without any skipping. */
  const bruteTruePeak = (x: Float32Array) => {
    const phases = interpolatorPhases();
    const padded = new Float64Array(x.length + TAPS - 1);
    padded.set(x, TAPS - 1);
    let max = 0;
    for (const v of x) max = Math.max(max, Math.abs(v));
    for (let i = 0; i < x.length; i++) {
      for (let p = 0; p < PHASES; p++) max = Math.max(max, Math.abs(dot(phases, p * TAPS, padded, i + TAPS - 1)));
    }
    return 20 * Math.log10(max);
  };

  it('the true-peak skip never changes the result', () => {
    fc.assert(
      fc.property(
        fc.float32Array({ minLength: 1, maxLength: 3000, noNaN: true, noDefaultInfinity: true, min: -1, max: 1 }),
        fc.integer({ min: 1, max: 700 }),
        (arr, block) => {
          fc.pre(arr.some((v) => v !== 0));
          const got = measure([arr], 48000, {}, { blockFrames: block }).channels[0]!.truePeakDbtp!;
          const want = bruteTruePeak(arr);
          return Math.abs(got - want) < 1e-9;
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gain by a power of two shifts every level by exactly 20 log10(g), however the input is blocked', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(0.5, 0.25, 0.125), fc.integer({ min: 100, max: 30000 }), (seed, g, block) => {
        let s = seed;
        const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
        const x = new Float32Array(48000).map(() => rnd() * 0.9);
        const y = x.map((v) => v * g);
        const a = measure([x, x.map((v) => v * 0.5)]);
        const b = measure([y, y.map((v) => v * 0.5)], 48000, {}, { blockFrames: block });
        const shift = 20 * Math.log10(g);
        for (const key of ['samplePeakDbfs', 'truePeakDbtp', 'rmsDbfs'] as const) {
          if (Math.abs(b.overall[key]! - a.overall[key]! - shift) > 1e-6) return false;
        }
        return Math.abs(b.loudness.integratedLufs! - a.loudness.integratedLufs! - shift) < 1e-6;
      }),
      { numRuns: 15 },
    );
  });
});
