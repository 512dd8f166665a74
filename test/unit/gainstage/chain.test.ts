import assert from 'node:assert/strict';
import {
  alignmentsDbu,
  dbuToVolts,
  dbvToDbu,
  evaluateChain,
  levelChangeDb,
  micOutputDbu,
  nominalLevelsDbu,
  powerSumDb,
  sensitivityDbvPaToMvPa,
  sensitivityMvPaToDbvPa,
  voltsToDbu,
  type ChainDevice,
  type ChainInput,
  type ChainSettings,
  type KindSpec,
  type MicSpec,
} from '../../../src/core/gainstage';

const close = (actual: number | null, expected: number, tol: number, what: string) =>
  assert.ok(actual !== null && Math.abs(actual - expected) <= tol, `${what}: expected ${expected} ±${tol}, got ${actual}`);

const SM58 = { sensitivityDbvPa: -54.5, maxSplDb: null, selfNoiseDbA: null };

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
  const SM58_MIC: MicSpec = { name: 'SM58', type: 'dynamic', ...SM58, pads: [] };
  // A preamp with a +10 dBu maximum at 0 dB, 0-56 dB, EIN -128 dBu, 110 dB dynamic range.
  const spec: KindSpec = { gainRangeDb: [0, 56], maxInputDbu: 10, einDbu: -128, dynamicRangeDb: 110 };
  const settings: ChainSettings = { kind: 'mic', gainDb: 40, padDb: 0, micPadDb: 0, devices: [], phantom: false };
  const base = (over: Partial<ChainInput> = {}, s: Partial<ChainSettings> = {}): ChainInput => ({
    source: { kind: 'mic', mic: SM58_MIC, peakSplDb: 100, averageSplDb: 92 },
    settings: { ...settings, ...s },
    spec,
    float32: false,
    referenceDbu: null,
    maxNoiseFloorDbfs: -70,
    ...over,
  });

  it('levels and headroom at every stage, full scale and its basis, noise floor and dynamic range', () => {
    // SM58 at 100 dB SPL: -46.28 dBu. Full scale at 40 dB: 10 - 40 = -30 dBu -> -16.28 dBFS.
    const e = evaluateChain(base());
    assert.deepEqual(
      e.stages.map((s) => s.stage),
      ['source', 'mic', 'pad', 'preamp-input', 'preamp-output', 'converter'],
    );
    close(e.stages[1]!.peak, -46.28, 0.01, 'mic out dBu');
    close(e.stages[3]!.headroomDb, 56.28, 0.01, 'preamp input headroom');
    assert.deepEqual(e.fullScale, { dbu: -30, basis: 'published' });
    close(e.recordedPeakDbfs, -16.28, 0.01, 'recorded peak');
    close(e.recordedAverageDbfs, -24.28, 0.01, 'recorded average');
    // EIN -128 + 30 = -98 dBFS; the converter's -110 dBFS adds as power: -97.73.
    close(e.noise.preamp, -98, 1e-9, 'EIN at the converter');
    close(e.noiseFloorDbfs, powerSumDb(-98, -110), 1e-9, 'noise floor');
    close(e.usableDynamicRangeDb, -powerSumDb(-98, -110), 1e-9, 'dynamic range');
    // Each analog stage's 0 dBFS: the preamp input at -30 dBu, the preamp output at +10 dBu.
    assert.equal(e.stages[0]!.fullScaleDbu, null, 'the source is in dB SPL');
    close(e.stages[3]!.fullScaleDbu, -30, 1e-9, 'preamp-input full scale');
    close(e.stages[4]!.fullScaleDbu, 10, 1e-9, 'preamp-output full scale');
    assert.equal(e.stages[5]!.fullScaleDbu, null, 'the converter is in dBFS');
    assert.deepEqual(
      e.stages.map((s) => s.basis),
      ['published', 'published', 'published', 'published', 'published', 'published'],
    );
    assert.equal(e.clipsFirst, null);
    assert.equal(e.chainGainDb, 40);
  });

  it('the override sets 0 dBFS after the preamp; no figure at all leaves the level unknown, never assumed', () => {
    const o = evaluateChain(base({ referenceDbu: { dbu: 18, basis: 'override' } }));
    // 0 dBFS = +18 dBu after 40 dB of gain: -22 dBu at the input -> -46.28 + 22 = -24.28 dBFS.
    close(o.recordedPeakDbfs, -24.28, 0.01, 'override');
    assert.equal(o.fullScale!.basis, 'override');
    const u = evaluateChain(base({ spec: { ...spec, maxInputDbu: null } }));
    assert.equal(u.recordedPeakDbfs, null);
    assert.equal(u.stages.at(-1)!.risk, 'unknown');
    assert.equal(u.stages.at(-1)!.note, 'full scale not published');
  });

  it('a gain range that is not published counts gain from 0 and says it assumed so', () => {
    const e = evaluateChain(base({ spec: { ...spec, gainRangeDb: null } }));
    assert.deepEqual(e.fullScale, { dbu: -30, basis: 'assumed' });
  });

  it('a line source (peaks +22 dBu) into the mic input clips the preamp input first; the pad fixes it', () => {
    const line: ChainInput['source'] = { kind: 'line', peakDbu: 22 };
    const e = evaluateChain(base({ source: line }, { gainDb: 0 }));
    assert.equal(e.clipsFirst?.stage, 'preamp-input');
    close(e.stages.find((s) => s.stage === 'preamp-input')!.headroomDb, -12, 1e-9, 'input headroom');
    const padded = evaluateChain(base({ source: line }, { gainDb: 0, padDb: 20 }));
    assert.equal(padded.clipsFirst, null);
    assert.equal(padded.stages.find((s) => s.stage === 'pad')!.gainDb, -20);
  });

  it('a 32-bit float recorder: over 0 dBFS is not clipping; only the analog front end clips', () => {
    // At 56 dB: full scale -46 dBu -> -46.28 + 46 = -0.28 dBFS; at 58 dB (range 0-60): +1.72 dBFS, not clipped.
    const e = evaluateChain(base({ float32: true, spec: { ...spec, gainRangeDb: [0, 60] } }, { gainDb: 58 }));
    close(e.recordedPeakDbfs, 1.72, 0.01, 'over 0 dBFS');
    assert.equal(e.clipsFirst, null);
    assert.equal(e.stages.at(-1)!.risk, 'hot');
    assert.equal(e.stages.at(-1)!.note, '32-bit float: over 0 dBFS, not clipped');
  });

  it('a condenser: self-noise and EIN sum as powers; SPL above the mic maximum is flagged at the source; its pad raises it', () => {
    const u87: MicSpec = {
      name: 'LDC',
      type: 'condenser',
      sensitivityDbvPa: sensitivityMvPaToDbvPa(28),
      maxSplDb: 117,
      selfNoiseDbA: 12,
      pads: [{ db: 10, maxSplDb: 127 }],
    };
    const e = evaluateChain(base({ source: { kind: 'mic', mic: u87, peakSplDb: 120 } }, { gainDb: 20, phantom: true }));
    // Full scale at 20 dB: -10 dBu. Self-noise at the converter: mic noise + 10; EIN -128 + 10 = -118.
    close(e.noiseFloorDbfs, powerSumDb(micOutputDbu(u87.sensitivityDbvPa, 12) + 10, -118, -110), 1e-9, 'noise floor');
    assert.equal(e.clipsFirst?.stage, 'source');
    assert.equal(e.stages[0]!.risk, 'clip');
    const padded = evaluateChain(base({ source: { kind: 'mic', mic: u87, peakSplDb: 120 } }, { gainDb: 20, phantom: true, micPadDb: 10 }));
    assert.equal(padded.clipsFirst, null);
    close(padded.stages[0]!.headroomDb, 7, 1e-9, 'headroom with the pad (127 - 120)');
  });

  it('devices: a booster adds its gain and its noise, draws 48 V and passes none on', () => {
    const booster: ChainDevice = {
      spec: {
        name: 'Booster',
        type: 'booster',
        gainDb: [25],
        gainRangeDb: null,
        needsPhantom: true,
        passesPhantom: false,
        input: 'mic',
        output: 'mic',
        maxInputDbu: null,
        maxOutputDbu: null,
        einDbu: -130,
      },
      gainDb: 25,
    };
    const e = evaluateChain(base({}, { devices: [booster], phantom: true, gainDb: 15 }));
    assert.deepEqual(
      e.stages.map((s) => s.stage),
      ['source', 'mic', 'device', 'pad', 'preamp-input', 'preamp-output', 'converter'],
    );
    // -46.28 + 25 = -21.28 dBu; full scale at 15 dB: -5 dBu -> -16.28 dBFS, as 40 dB without it.
    close(e.recordedPeakDbfs, -16.28, 0.01, 'peak');
    // The booster's EIN (-130) + 25 at the preamp input, -105 + 5 = -100 dBFS; the preamp's -128 + 5 = -123.
    close(e.noise.devices, -100, 1e-9, 'booster noise');
    close(e.noise.preamp, -123, 1e-9, 'preamp noise');
    assert.equal(e.chainGainDb, 40);
    const unpowered = evaluateChain(base({}, { devices: [booster], phantom: false, gainDb: 15 }));
    assert.match(unpowered.noSignal!, /no 48 V phantom power reaches the Booster/);
    assert.deepEqual(unpowered.stages.map((s) => s.risk).slice(2), ['dead', 'dead', 'dead', 'dead', 'dead']);
  });

  it('how far a source moves between two settings: from the predicted peaks, or from the gains on the same input kind', () => {
    const a = evaluateChain(base());
    const b = evaluateChain(base({}, { gainDb: 30, padDb: 10 }));
    assert.equal(levelChangeDb(a, b, true), -20);
    const ua = evaluateChain(base({ spec: { ...spec, maxInputDbu: null } }));
    const ub = evaluateChain(base({ spec: { ...spec, maxInputDbu: null } }, { gainDb: 30 }));
    assert.equal(levelChangeDb(ua, ub, true), -10);
    assert.equal(levelChangeDb(ua, ub, false), null);
  });
});
