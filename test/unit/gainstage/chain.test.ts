import assert from 'node:assert/strict';
import {
  alignmentsDbu,
  dbuToVolts,
  dbvToDbu,
  evaluateChain,
  micOutputDbu,
  nominalLevelsDbu,
  powerSumDb,
  sensitivityDbvPaToMvPa,
  sensitivityMvPaToDbvPa,
  voltsToDbu,
  type ChainInput,
} from '../../../src/core/gainstage';

const close = (actual: number | null, expected: number, tol: number, what: string) =>
  assert.ok(actual !== null && Math.abs(actual - expected) <= tol, `${what}: expected ${expected} ±${tol}, got ${actual}`);

const SM58 = { sensitivityDbvPa: -54.5, maxSplDb: null, selfNoiseDbA: null };
const preamp = { gainDb: 40, gainRangeDb: [0, 56] as [number, number], maxInputDbu: 10, einDbu: -128 };

describe('gain-staging units', () => {
  it('dBu, dBV and volts', () => {
    close(dbvToDbu(0), 2.2185, 1e-4, '0 dBV in dBu');
    close(dbuToVolts(4), 1.228, 1e-3, '+4 dBu in volts');
    close(dbuToVolts(0), 0.7746, 1e-4, '0 dBu in volts');
    close(voltsToDbu(1), 2.2185, 1e-4, '1 V in dBu');
    close(nominalLevelsDbu.consumerLine, -7.78, 0.01, '-10 dBV in dBu');
    close(nominalLevelsDbu.proLine - nominalLevelsDbu.consumerLine, 11.78, 0.01, 'pro vs consumer line');
  });
  it('mic sensitivity and output for an SPL', () => {
    close(sensitivityMvPaToDbvPa(1.85), -54.66, 0.01, '1.85 mV/Pa');
    close(sensitivityDbvPaToMvPa(-54.5), 1.884, 0.001, 'SM58 in mV/Pa');
    close(micOutputDbu(-54.5, 94), -52.28, 0.01, 'SM58 at 1 Pa');
  });
  it('worked example: an SM58 on a 72 dB SPL source needs about 74 dB of gain to reach 0 dBu', () => {
    close(0 - micOutputDbu(SM58.sensitivityDbvPa, 72), 74.28, 0.01, 'gain');
  });
  it('worked example: an SM58 at 84 dB SPL gives -62.3 dBu; -18 dBFS on an EBU R68 converter needs 62.3 dB', () => {
    const out = micOutputDbu(SM58.sensitivityDbvPa, 84);
    close(out, -62.28, 0.01, 'mic output');
    close(-18 + alignmentsDbu.ebuR68 - out, 62.28, 0.01, 'gain');
  });
  it('noise adds as power', () => {
    close(powerSumDb(-128, -128), -124.99, 0.01, 'equal');
    close(powerSumDb(-110, -130), -109.96, 0.01, '20 dB apart');
  });
});

describe('chain evaluation', () => {
  const base = (over: Partial<ChainInput> = {}): ChainInput => ({
    source: { kind: 'mic', mic: SM58, peakSplDb: 100, averageSplDb: 92 },
    padDb: 0,
    preamp,
    converter: { alignmentDbu: alignmentsDbu.ebuR68 },
    ...over,
  });

  it('levels and headroom at every stage, noise floor and dynamic range', () => {
    const e = evaluateChain(base());
    assert.deepEqual(e.stages.map((s) => s.stage), ['source', 'mic', 'pad', 'preamp-input', 'preamp-output', 'converter']);
    close(e.stages[1]!.peak, -46.28, 0.01, 'mic out dBu');
    close(e.stages[3]!.headroomDb, 56.28, 0.01, 'preamp input headroom');
    close(e.recordedPeakDbfs, -24.28, 0.01, 'recorded peak');
    close(e.recordedAverageDbfs, -32.28, 0.01, 'recorded average');
    close(e.noiseFloorDbfs, -106, 1e-9, 'EIN + gain - alignment');
    close(e.usableDynamicRangeDb, 106, 1e-9, 'dynamic range');
    assert.equal(e.clipsFirst, null);
    close(e.advice.idealGainDb, 54.28, 0.01, 'gain for -10 dBFS peak');
    assert.equal(e.advice.boosterDb, 0);
  });

  it('a quiet source on a low-output mic needs more gain than the preamp has: booster amount', () => {
    const e = evaluateChain(base({ source: { kind: 'mic', mic: { sensitivityDbvPa: -57, maxSplDb: null, selfNoiseDbA: null }, peakSplDb: 60 } }));
    close(e.advice.idealGainDb, 96.78, 0.01, 'ideal');
    assert.equal(e.advice.settableGainDb, 56);
    close(e.advice.boosterDb, 40.78, 0.01, 'booster');
  });

  it('a +4 dBu line source (peaks +22 dBu) into a mic input without a pad clips the preamp input first', () => {
    const line: ChainInput['source'] = { kind: 'line', peakDbu: 22 };
    const e = evaluateChain(base({ source: line, preamp: { ...preamp, gainDb: 0 } }));
    assert.equal(e.clipsFirst, 'preamp-input');
    close(e.stages.find((s) => s.stage === 'preamp-input')!.headroomDb, -12, 1e-9, 'input headroom');
    const padded = evaluateChain(base({ source: line, padDb: 20, preamp: { ...preamp, gainDb: 0 } }));
    assert.equal(padded.clipsFirst, null);
    assert.equal(padded.stages.find((s) => s.stage === 'preamp-input')!.risk, 'ok');
  });

  it('too much gain clips the converter while the preamp input is fine', () => {
    const e = evaluateChain(base({ preamp: { ...preamp, gainDb: 66, gainRangeDb: [0, 70] } }));
    assert.equal(e.clipsFirst, 'converter');
    close(e.recordedPeakDbfs, 1.72, 0.01, 'recorded');
    assert.equal(e.stages.at(-1)!.risk, 'clip');
  });

  it('a condenser: self-noise and EIN sum as powers; SPL above the mic maximum is flagged at the source', () => {
    const u87 = { sensitivityDbvPa: sensitivityMvPaToDbvPa(28), maxSplDb: 117, selfNoiseDbA: 12 };
    const e = evaluateChain(base({ source: { kind: 'mic', mic: u87, peakSplDb: 120 }, preamp: { ...preamp, gainDb: 20 } }));
    const micNoise = micOutputDbu(u87.sensitivityDbvPa, 12);
    close(e.noiseFloorDbfs, powerSumDb(micNoise, -128) + 20 - 18, 1e-9, 'noise floor');
    assert.equal(e.clipsFirst, 'source');
    assert.equal(e.stages[0]!.risk, 'clip');
  });

  it('a very hot source with too little gain range asks for a pad', () => {
    const e = evaluateChain(base({ source: { kind: 'line', peakDbu: 24 }, preamp: { ...preamp, gainDb: 10, gainRangeDb: [10, 60], maxInputDbu: 30 } }));
    close(e.advice.idealGainDb, -16, 1e-9, 'ideal');
    close(e.advice.extraPadDb, 26, 1e-9, 'pad');
  });
});
