import assert from 'node:assert/strict';
import type { PartialMeasurements } from '../../../src/core/analysis/types';
import {
  analogText,
  channelFiguresFromPartial,
  dcText,
  gainText,
  levelText,
  optionalText,
  overallFromPartial,
  selectionLoudnessText,
  selectionSpanText,
} from '../../../src/webview/take/figures';
import { bytesText, sampleRateText } from '../../../src/shared/takeFacts';
import { loudnessSeries, REFERENCE_LUFS } from '../../../src/webview/take/loudnessData';

const partial: PartialMeasurements = {
  framesDone: 48000,
  channels: [
    { index: 0, label: 'L', samplePeakDbfs: -3.5, truePeakDbtp: -3.2, rmsDbfs: -20.1, clippedSamples: 0 },
    { index: 1, label: 'R', samplePeakDbfs: -1.25, truePeakDbtp: null, rmsDbfs: -19, clippedSamples: 7 },
  ],
  momentaryMaxLufs: -14.5,
  shortTermMaxLufs: null,
};

describe('take editor: figures', () => {
  it('analog levels at the converter: dBFS plus the alignment', () => {
    const r68 = { referenceDbu: 18, from: 'headroom.converterReferenceDbu' };
    assert.equal(analogText(-18, r68), '0.0 dBu');
    assert.equal(analogText(-0.04, r68), '+18.0 dBu');
    assert.equal(analogText(1.1, { referenceDbu: 24, from: 'the rig' }), '+25.1 dBu');
    assert.equal(analogText(-43.8, r68), '-25.8 dBu');
    assert.equal(analogText(null, r68), 'n/a');
    assert.equal(analogText(undefined, r68), '…');
  });

  it('shows running figures while the analysis runs, the rest pending', () => {
    const ch = channelFiguresFromPartial(partial);
    assert.equal(ch[1]!.samplePeakDbfs, -1.25);
    assert.equal(ch[1]!.clippedSamples, 7);
    assert.equal(ch[0]!.crestFactorDb, undefined);
    assert.equal(ch[0]!.noiseFloorDbfs, undefined);
    const o = overallFromPartial(partial);
    assert.equal(o.samplePeakDbfs, -1.25);
    assert.equal(o.truePeakDbtp, -3.2);
    assert.equal(o.clippedSamples, 7);
    assert.equal(o.momentaryMaxLufs, -14.5);
    assert.equal(o.shortTermMaxLufs, null);
    assert.equal(o.integratedLufs, undefined);
    assert.equal(o.rmsDbfs, undefined);
  });

  it('formats levels, DC, rates, sizes and gains', () => {
    assert.equal(levelText(-7.266, 'dBFS'), '-7.3 dBFS');
    assert.equal(levelText(null, 'dBTP'), 'n/a');
    assert.equal(levelText(undefined, 'dBFS'), '…');
    assert.equal(dcText(0.00011942), '+0.00012 (+0.012 %)');
    assert.equal(dcText(-0.0123), '−0.01230 (−1.230 %)');
    assert.equal(dcText(0), '0.00000 (0.000 %)');
    assert.equal(sampleRateText(44100), '44.1 kHz');
    assert.equal(sampleRateText(48000), '48 kHz');
    assert.equal(sampleRateText(88200), '88.2 kHz');
    assert.equal(bytesText(1000), '1000 B');
    assert.equal(bytesText(123456), '121 KB');
    assert.equal(bytesText(2_073_600_044), '1.9 GB');
    assert.equal(bytesText(null), 'unknown');
    assert.equal(gainText(-10.73), '−10.7 dB');
    assert.equal(gainText(6), '+6.0 dB');
    assert.equal(gainText(0), '±0.0 dB');
    assert.equal(gainText(null), 'n/a');
  });

  it('says n/a where a figure has no value: the crest factor or noise floor of a silent channel, a silent level', () => {
    assert.equal(optionalText(null, 'dB'), 'n/a');
    assert.equal(optionalText(7.26, 'dB'), '7.3 dB');
    assert.equal(optionalText(undefined, 'dBFS'), '…');
    assert.equal(levelText(null, 'dBFS'), 'n/a');
  });

  it("a selection's span and loudness, n/a when it is shorter than one gating block", () => {
    assert.equal(selectionSpanText(1, 2.5), '0:01.000–0:02.500 (1.500 s)');
    assert.equal(selectionLoudnessText(-14.04, 1.5), '-14.0 LUFS');
    assert.equal(selectionLoudnessText(-14.04, 0.3), 'n/a (under 0.4 s)');
    assert.equal(selectionLoudnessText(undefined, 2), '…');
  });
});

describe('take editor: short-term loudness chart data', () => {
  it('times each value at the end of its 100 ms step, with gaps for NaN', () => {
    const s = loudnessSeries(new Float32Array([NaN, NaN, -20.5, -18, NaN]), 0.1, -16);
    assert.deepEqual(s.times, [0.1, 0.2, 0.3, 0.4, 0.5]);
    assert.deepEqual(s.shortTerm, [null, null, -20.5, -18, null]);
    assert.deepEqual(s.target, [-16, -16, -16, -16, -16]);
    assert.equal(s.targetLabel, 'Target -16 LUFS');
    // −20.5 − 3 → −24; −16 + 3 = −13 → −12.
    assert.equal(s.yMin, -24);
    assert.equal(s.yMax, -12);
  });

  it('draws the EBU R128 reference, labelled as such, when no target is set', () => {
    const s = loudnessSeries(new Float32Array([-5, -4.9]), 0.1, null);
    assert.equal(REFERENCE_LUFS, -23);
    assert.deepEqual(s.target, [-23, -23]);
    assert.equal(s.targetLabel, 'Reference -23 LUFS (EBU R128; no target set)');
    assert.equal(s.yMin, -30);
    assert.equal(s.yMax, 0);
  });
});
