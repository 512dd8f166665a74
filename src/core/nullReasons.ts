// Why a figure of a report is null. JSON readers get `null` and this reason (under the figure's
// path in `reasons`); the text, CSV and Markdown reports print "n/a". A figure that came out
// infinite or NaN (a float file whose squares overflow float64) is turned into null here too, so
// no report ever carries Infinity, NaN or -infinity.

import type { ChannelReport, TakeReport } from './report';

export interface NullContext {
  /** Sample-domain meters only (--fast): no true peak, no loudness. */
  fast: boolean;
  frames: number;
  sampleRate: number;
}

const OVERFLOW = 'the samples are too large to measure: the sum of their squares overflows';
const NOT_MEASURED = 'not measured: sample-domain meters only (--fast)';
const SILENCE = 'digital silence: every sample is 0';

type Figure = [path: string, get: () => number | null, set: (v: null) => void, why: () => string];

function channelFigures(c: ChannelReport, i: number, ctx: NullContext): Figure[] {
  const at = (k: keyof ChannelReport) => `channels[${i}].${k}`;
  const zero = c.samplePeakDbfs === null;
  const windows = ctx.frames >= Math.round(ctx.sampleRate / 20);
  const silentOr = (other: string) => () => (zero ? SILENCE : other);
  return [
    [at('samplePeakDbfs'), () => c.samplePeakDbfs, () => (c.samplePeakDbfs = null), () => SILENCE],
    [at('samplePeakSeconds'), () => c.samplePeakSeconds, () => (c.samplePeakSeconds = null), () => SILENCE],
    [at('truePeakDbtp'), () => c.truePeakDbtp, () => (c.truePeakDbtp = null), () => (ctx.fast ? NOT_MEASURED : SILENCE)],
    [at('rmsDbfs'), () => c.rmsDbfs, () => (c.rmsDbfs = null), () => (ctx.frames === 0 ? 'the take has no samples' : SILENCE)],
    [
      at('rmsWindowMaxDbfs'),
      () => c.rmsWindowMaxDbfs,
      () => (c.rmsWindowMaxDbfs = null),
      silentOr(windows ? 'every 50 ms window is digital silence' : 'shorter than one 50 ms window'),
    ],
    [
      at('rmsWindowMinDbfs'),
      () => c.rmsWindowMinDbfs,
      () => (c.rmsWindowMinDbfs = null),
      silentOr(windows ? 'the quietest 50 ms window is digital silence' : 'shorter than one 50 ms window'),
    ],
    [at('crestFactorDb'), () => c.crestFactorDb, () => (c.crestFactorDb = null), () => SILENCE],
    [
      at('noiseFloorDbfs'),
      () => c.noiseFloorDbfs,
      () => (c.noiseFloorDbfs = null),
      silentOr(windows ? 'every 50 ms window is digital silence' : 'shorter than one 50 ms window'),
    ],
  ];
}

/** Replaces non-finite figures by null and returns the reason for every null figure, by JSON path. */
export function explainNulls(r: Pick<TakeReport, 'channels' | 'overall' | 'loudness' | 'stereoCorrelation'>, ctx: NullContext): Record<string, string> {
  const o = r.overall;
  const l = r.loudness;
  const allZero = o.samplePeakDbfs === null;
  const seconds = ctx.frames / ctx.sampleRate;
  const gate = (minSeconds: number, length: string) => () =>
    ctx.fast ? NOT_MEASURED : seconds < minSeconds ? `shorter than one ${length} block` : 'below the -70 LUFS absolute gate throughout';
  const figures: Figure[] = [
    ...r.channels.flatMap((c, i) => channelFigures(c, i, ctx)),
    ['overall.samplePeakDbfs', () => o.samplePeakDbfs, () => (o.samplePeakDbfs = null), () => SILENCE],
    ['overall.truePeakDbtp', () => o.truePeakDbtp, () => (o.truePeakDbtp = null), () => (ctx.fast ? NOT_MEASURED : SILENCE)],
    ['overall.rmsDbfs', () => o.rmsDbfs, () => (o.rmsDbfs = null), () => (ctx.frames === 0 ? 'the take has no samples' : SILENCE)],
    ['overall.headroomDb', () => o.headroomDb, () => (o.headroomDb = null), () => SILENCE],
    ['loudness.integratedLufs', () => l.integratedLufs, () => (l.integratedLufs = null), gate(0.4, '400 ms')],
    ['loudness.momentaryMaxLufs', () => l.momentaryMaxLufs, () => (l.momentaryMaxLufs = null), gate(0.4, '400 ms')],
    ['loudness.shortTermMaxLufs', () => l.shortTermMaxLufs, () => (l.shortTermMaxLufs = null), gate(3, '3 s')],
    ['loudness.shortTermMaxSeconds', () => l.shortTermMaxSeconds, () => (l.shortTermMaxSeconds = null), gate(3, '3 s')],
    [
      'loudness.loudnessRangeLu',
      () => l.loudnessRangeLu,
      () => (l.loudnessRangeLu = null),
      () => (ctx.fast ? NOT_MEASURED : seconds < 3 ? 'shorter than one 3 s block' : 'no 3 s block above the gates'),
    ],
    [
      'stereoCorrelation',
      () => r.stereoCorrelation,
      () => (r.stereoCorrelation = null),
      () =>
        r.channels.length < 2
          ? 'fewer than two channels'
          : allZero || r.channels[0]!.samplePeakDbfs === null || r.channels[1]!.samplePeakDbfs === null
            ? 'channel 1 or 2 is digital silence'
            : OVERFLOW,
    ],
  ];
  const reasons: Record<string, string> = {};
  for (const [path, get, set, why] of figures) {
    const v = get();
    if (v === null) reasons[path] = why();
    else if (!Number.isFinite(v)) {
      set(null);
      reasons[path] = OVERFLOW;
    }
  }
  return reasons;
}
