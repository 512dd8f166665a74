import assert from 'node:assert/strict';
import type { PeakLevel } from '../../../src/core/analysis/types';
import {
  bucketRange,
  centreWindow,
  chooseLevel,
  exactPeakFromLevel,
  columnsFromSlice,
  levelInfo,
  overviewSeries,
  overviewLevel,
  panWindow,
  sliceCovers,
  sliceLevel,
  windowSlice,
  zoomWindow,
} from '../../../src/shared/pyramidWindow';

/** A level of `n` buckets where bucket i has min −i/100 and max i/100 (channel 1 negated). */
function level(bucketFrames: number, n: number): PeakLevel {
  const a = new Float32Array(2 * n);
  const b = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    a[2 * i] = -i / 100;
    a[2 * i + 1] = i / 100;
    b[2 * i] = -i / 50;
    b[2 * i + 1] = i / 50;
  }
  return { bucketFrames, minMax: [a, b] };
}

// A 2-hour take at 48 kHz: 345,600,000 frames; levels of 256, 512, ... frames.
const TWO_HOURS = 2 * 3600 * 48000;
const levels = Array.from({ length: 12 }, (_, k) => ({ bucketFrames: 256 << k, buckets: Math.ceil(TWO_HOURS / (256 << k)) }));

describe('take editor: pyramid windows', () => {
  it('counts buckets of a level and the range a frame window touches', () => {
    assert.deepEqual(levelInfo(level(256, 10)), { bucketFrames: 256, buckets: 10 });
    assert.deepEqual(bucketRange({ bucketFrames: 256, buckets: 10 }, 300, 1000), { first: 1, end: 4 });
    assert.deepEqual(bucketRange({ bucketFrames: 256, buckets: 10 }, 0, 99999), { first: 0, end: 10 });
    assert.deepEqual(bucketRange({ bucketFrames: 256, buckets: 10 }, 5000, 6000), { first: 10, end: 10 });
  });

  it('sends a 2-hour overview of at most 8192 buckets per channel', () => {
    assert.equal(levels[0]!.buckets, 1_350_000);
    const i = overviewLevel(levels, 8192);
    assert.equal(i, 8);
    assert.equal(levels[i]!.bucketFrames, 65536);
    assert.equal(levels[i]!.buckets, 5274);
    assert.equal(overviewLevel([{ bucketFrames: 256, buckets: 1875 }], 8192), 0);
  });

  it('answers a zoom window from the finest level that fits', () => {
    // 10 s at 48 kHz over 2000 buckets: 480000 / 2000 = 240 frames per bucket → the 256 level.
    assert.equal(chooseLevel(levels, 0, 480_000, 2000), 0);
    // 60 s over 2000: 1440 frames per bucket → 2048 (index 3).
    assert.equal(chooseLevel(levels, 3_000_000, 5_880_000, 2000), 3);
    // The whole take over 2000 buckets: 131072 frames need 2637, 262144 need 1319.
    assert.equal(levels[chooseLevel(levels, 0, TWO_HOURS, 2000)]!.bucketFrames, 262144);
    assert.equal(chooseLevel(levels, 0, TWO_HOURS, 10), 11);
    assert.equal(chooseLevel([], 0, 10, 10), -1);
  });

  it('slices copies of the buckets of a window', () => {
    const l = level(256, 10);
    const s = sliceLevel(l, 512, 1100);
    assert.equal(s.bucketFrames, 256);
    assert.equal(s.startBucket, 2);
    assert.deepEqual(Array.from(s.minMax[0]!), [-0.02, 0.02, -0.03, 0.03, -0.04, 0.04].map(Math.fround));
    assert.deepEqual(Array.from(s.minMax[1]!), [-0.04, 0.04, -0.06, 0.06, -0.08, 0.08].map(Math.fround));
    s.minMax[0]![0] = 5;
    assert.equal(l.minMax[0]![4], Math.fround(-0.02));
  });

  it('reduces buckets to pixel columns: min of mins and max of maxes', () => {
    const s = sliceLevel(level(100, 8), 0, 800);
    const c = columnsFromSlice(s, 0, { start: 0, end: 800 }, 4);
    assert.deepEqual(Array.from(c.min), [-0.01, -0.03, -0.05, -0.07].map(Math.fround));
    assert.deepEqual(Array.from(c.max), [0.01, 0.03, 0.05, 0.07].map(Math.fround));
    // Columns narrower than a bucket repeat the bucket they start in.
    const fine = columnsFromSlice(s, 1, { start: 150, end: 350 }, 4);
    assert.deepEqual(Array.from(fine.max), [0.02, 0.04, 0.04, 0.06].map(Math.fround));
    // Outside the slice: no data.
    const part = columnsFromSlice(sliceLevel(level(100, 8), 400, 800), 0, { start: 0, end: 800 }, 4);
    assert.ok(Number.isNaN(part.min[0]!) && Number.isNaN(part.min[1]!));
    assert.equal(part.max[3], Math.fround(0.07));
  });

  it('knows whether a slice covers a window', () => {
    const s = sliceLevel(level(100, 8), 200, 600);
    assert.equal(sliceCovers(s, { start: 200, end: 600 }, 800), true);
    assert.equal(sliceCovers(s, { start: 150, end: 600 }, 800), false);
    assert.equal(sliceCovers(s, { start: 250, end: 601 }, 800), false);
  });

  it('zooms around an anchor, pans and centres within the take', () => {
    assert.deepEqual(zoomWindow({ start: 0, end: 1000 }, 0.5, 500, 1000, 10), { start: 250, end: 750 });
    assert.deepEqual(zoomWindow({ start: 0, end: 1000 }, 0.5, 0, 1000, 10), { start: 0, end: 500 });
    assert.deepEqual(zoomWindow({ start: 100, end: 200 }, 0.01, 150, 1000, 20), { start: 140, end: 160 });
    assert.deepEqual(zoomWindow({ start: 250, end: 750 }, 4, 500, 1000, 10), { start: 0, end: 1000 });
    assert.deepEqual(panWindow({ start: 100, end: 300 }, 50, 1000), { start: 150, end: 350 });
    assert.deepEqual(panWindow({ start: 100, end: 300 }, -500, 1000), { start: 0, end: 200 });
    assert.deepEqual(panWindow({ start: 700, end: 900 }, 500, 1000), { start: 800, end: 1000 });
    assert.deepEqual(centreWindow({ start: 0, end: 200 }, 500, 1000), { start: 400, end: 600 });
    assert.deepEqual(centreWindow({ start: 0, end: 200 }, 990, 1000), { start: 800, end: 1000 });
  });
});

describe('take editor: what crosses postMessage for a 2-hour take', () => {
  // A mono 2-hour pyramid as the analyser builds it: 256-frame buckets, each level merging pairs.
  const pyramid: PeakLevel[] = [];
  let n = Math.ceil(TWO_HOURS / 256);
  let mm = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    mm[2 * i] = -((i % 1000) / 1000);
    mm[2 * i + 1] = (i % 1000) / 1000;
  }
  for (let bucketFrames = 256; ; bucketFrames *= 2) {
    pyramid.push({ bucketFrames, minMax: [mm] });
    if (n === 1) break;
    const next = Math.ceil(n / 2);
    const merged = new Float32Array(2 * next);
    for (let i = 0; i < next; i++) {
      const j = Math.min(2 * i + 1, n - 1);
      merged[2 * i] = Math.min(mm[4 * i]!, mm[2 * j]!);
      merged[2 * i + 1] = Math.max(mm[4 * i + 1]!, mm[2 * j + 1]!);
    }
    mm = merged;
    n = next;
  }
  const series = { pyramid, shortTermLufs: new Float32Array(72000), momentaryLufs: new Float32Array(72000), shortTermStepSeconds: 0.1 };

  it('sends an overview of at most 8192 buckets and the size of every level', () => {
    const o = overviewSeries(series);
    assert.equal(o.levels.length, 22);
    assert.deepEqual(o.levels[0], { bucketFrames: 256, buckets: 1_350_000 });
    assert.deepEqual(o.levels.at(-1), { bucketFrames: 256 * 2 ** 21, buckets: 1 });
    assert.equal(o.overview.bucketFrames, 65536);
    assert.equal(o.overview.startBucket, 0);
    assert.equal(o.overview.minMax[0]!.length, 2 * 5274);
    // 42 KB per channel instead of 10.8 MB for the finest level.
    assert.equal(o.overview.minMax[0]!.byteLength, 42192);
    assert.equal(o.shortTermLufs.length, 72000);
  });

  it('answers zoom windows from the right level, never more than the cap', () => {
    // One minute at 1 h over 2000 px × 2: 2880000 frames / 4000 → 1024-frame buckets.
    const w = windowSlice(pyramid, 172_800_000, 175_680_000, 4000)!;
    assert.equal(w.bucketFrames, 1024);
    assert.equal(w.startBucket, 168_750);
    assert.equal(w.minMax[0]!.length, 2 * 2813);
    // Its first bucket merges finest buckets 675000…675003, whose maxima are 0 … 0.003.
    assert.equal(w.minMax[0]![1], Math.fround(0.003));
    // A request for the whole take at a huge size is capped at 16384 buckets.
    const all = windowSlice(pyramid, 0, TWO_HOURS, 1e9)!;
    assert.equal(all.bucketFrames, 32768);
    assert.equal(all.minMax[0]!.length, 2 * 10547);
    assert.equal(windowSlice([], 0, 10, 10), null);
  });

  describe("exactPeakFromLevel (a selection's peak, when the pyramid settles it)", () => {
    // Bucket i peaks at i/50 (channel 1): rising, so the right edge decides.
    const l = level(256, 10);
    it('is exact when the range covers whole buckets', () => {
      assert.equal(exactPeakFromLevel(l, 256, 1024, 2560), Math.fround(3 / 50));
      assert.equal(exactPeakFromLevel(l, 0, 2560, 2560), Math.fround(9 / 50));
    });
    it('is exact when the cut edge buckets are quieter than the inside', () => {
      // Falling peaks, the range starting on a bucket: the cut bucket on the right is quieter than those inside.
      const falling: PeakLevel = {
        bucketFrames: 256,
        minMax: [Float32Array.from({ length: 20 }, (_, k) => ((k % 2 ? 1 : -1) * (10 - Math.floor(k / 2))) / 10)],
      };
      assert.equal(exactPeakFromLevel(falling, 256, 1100, 2560), Math.fround(0.9));
      assert.equal(exactPeakFromLevel(falling, 300, 1100, 2560), undefined, 'the cut bucket on the left is louder');
    });
    it('leaves it to the worker when a cut edge bucket may hold the peak, or nothing lies wholly inside', () => {
      assert.equal(exactPeakFromLevel(l, 256, 1100, 2560), undefined);
      assert.equal(exactPeakFromLevel(l, 300, 500, 2560), undefined);
    });
    it("counts the take's short last bucket as inside when the range reaches the end", () => {
      assert.equal(exactPeakFromLevel(l, 2304, 2500, 2500), Math.fround(9 / 50));
    });
  });
});
