// Worked examples: real scenarios (mic, SPL, interface, gain) with the hand arithmetic in the
// comments, so each expected number can be checked with a calculator. The formulae are the
// chain model of docs/gain-model.md:
//   mic output (dBu)            = sensitivity (dBV/Pa) + (SPL - 94) + 2.2185
//   full scale at gain g (dBu)  = max input at minimum gain - (g - minimum gain)
//   recorded peak (dBFS)        = level at the preamp input - full scale at g
//   suggested gain (dB)         = target - predicted (or measured) peak
// Catalogue figures used (docs/catalogue.md cites each): Scarlett 18i20 3rd Gen mic/instrument
// +9 dBu, line +22 dBu, 0-56 dB, EIN -128 dBu, 10 dB pads; Scarlett 4i4 4th Gen line +22 dBu,
// fixed line inputs 3-4 +22 dBu, dynamic range 115.5 dB; RME Babyface Pro mic +8 dBu, 0-65 dB,
// 11 dB pad; SM57 -54.5 dBV/Pa; SM7B -59.0; TLM 103 -32.8, 7 dB-A; AT4040 -32.0, 145 dB SPL,
// -10 dB pad to 155 dB SPL; MKH 416 -32.0.

import assert from 'node:assert/strict';
import { adviseRig, adviseTake, checkRig, parseRig, type InputAdvice, type Rig, type RigDocument, type TakeLevels } from '../../../src/core/gainstage';
import { DEFAULT_TARGETS } from '../../../src/core/gainstage/targets';

const close = (actual: number | null | undefined, expected: number, tol: number, what: string) =>
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) <= tol, `${what}: expected ${expected} ±${tol}, got ${actual}`);

function doc(rig: object): RigDocument {
  return parseRig(JSON.stringify(rig, null, 2), 'example.headroom.json');
}

function rigOf(rig: object): Rig {
  const d = doc(rig);
  assert.deepEqual(
    d.problems.filter((p) => p.severity === 'error').map((p) => p.message),
    [],
    'the example rig parses',
  );
  return d.rig!;
}

function advice(rig: object, id: string): InputAdvice {
  const r = rigOf(rig);
  return adviseRig(r)[r.inputs.findIndex((i) => i.id === id)]!;
}

const codes = (rig: object) => checkRig(doc(rig)).map((p) => `${p.severity} ${p.code}`);

/** A take's levels as the analysis reports them: one live channel at this true peak and RMS. */
function takeAt(peakDbfs: number, rmsDbfs = peakDbfs - 12, clipped = false): TakeLevels {
  return {
    channels: [{ silent: false, samplePeakDbfs: Math.min(peakDbfs, 0), truePeakDbtp: peakDbfs, rmsDbfs }],
    rmsConvention: 'plain',
    overall: { clippedSamples: clipped ? 100 : 0 },
    loudness: { integratedLufs: rmsDbfs },
  };
}

const S18 = 'focusrite-scarlett-18i20-3rd-gen';

describe('worked examples', () => {
  it('1. snare at 132 dB SPL into the 18i20 at 30 dB: the take clips; 13.3 dB puts it on target', () => {
    // SM57 at 132 dB SPL: -54.5 + (132 - 94) + 2.2185 = -14.28 dBu.
    // Full scale at 30 dB: 9 - (30 - 0) = -21 dBu, so the peak lands at -14.28 - (-21) = +6.72 dBFS.
    // Drums preset target -10 dBFS: -10 - 6.72 = -16.7 dB, i.e. 30 - 16.7 = 13.3 dB of gain.
    const rig = { interface: S18, inputs: [{ id: 'snare', source: { kind: 'mic', mic: 'shure-sm57', peakSplDb: 132 }, material: 'drums', preampGainDb: 30 }] };
    const a = advice(rig, 'snare');
    close(a.evaluation.stages.find((s) => s.stage === 'mic')!.peak, -14.28, 0.01, 'mic output');
    close(a.evaluation.fullScale!.dbu, -21, 1e-9, 'full scale at the preamp input');
    assert.equal(a.evaluation.fullScale!.basis, 'published');
    close(a.evaluation.recordedPeakDbfs, 6.72, 0.01, 'predicted peak');
    assert.equal(a.evaluation.clipsFirst?.stage, 'converter');
    assert.equal(a.suggested.gainDb, -16.7);
    assert.equal(a.action, 'Set the preamp to 13.3 dB (now 30 dB, range 0–56 dB).');
    assert.ok(codes(rig).includes('error converter-clip'));
  });

  it('2. dynamic mic on speech at the top of a 57 dB preamp: out of gain; a booster at hand closes it', () => {
    // SM7B at 88 dB SPL: -59 + (88 - 94) + 2.2185 = -62.78 dBu. On an inline 57 dB preamp whose
    // maximum is +9 dBu at 0 dB: full scale at 57 dB is 9 - 57 = -48 dBu -> -62.78 + 48 = -14.78 dBFS.
    // Speech preset target -12 dBFS: 2.78 dB more than the preamp has.
    const iface = {
      name: '57 dB preamp',
      inputs: [{ first: 1, last: 1, kinds: ['mic'], pad: null }],
      kinds: { mic: { gainRangeDb: [0, 57], maxInputDbu: 9, einDbu: -128, dynamicRangeDb: 110 } },
      phantom: { switching: 'per-channel', channels: 1 },
    };
    const input = { id: 'vo', source: { kind: 'mic', mic: 'shure-sm7b', peakSplDb: 88 }, material: 'speech', preampGainDb: 57 };
    const alone = advice({ interface: iface, inputs: [input] }, 'vo');
    close(alone.evaluation.recordedPeakDbfs, -14.78, 0.01, 'peak at the top of the range');
    assert.equal(alone.suggested.gainDb, 0, 'nothing left to give');
    assert.equal(alone.suggested.limit?.by, 'available-gain');
    assert.match(alone.suggested.limit!.line, /runs out of gain 2\.8 dB short \(preamp maximum 57 dB\): use a more sensitive mic, or move the mic closer/);
    // With a +25 dB booster at hand (it needs 48 V, passes none on): 57 + 2.78 - 25 = 34.8 dB.
    const booster = { name: 'Inline booster', type: 'booster', gainDb: 25, needsPhantom: true, passesPhantom: false };
    const helped = advice({ interface: iface, inputs: [input], available: [booster] }, 'vo');
    assert.equal(helped.suggested.gainDb, 2.8);
    assert.equal(helped.suggested.limit, null);
    assert.equal(
      helped.action,
      'Add an inline booster (Inline booster, +25 dB, needs 48 V, passes none on), turn 48 V on at the interface for it and set the preamp to 34.8 dB (now 57 dB, range 0–57 dB).',
    );
  });

  it('3. +20 dBu line into a +22 dBu fixed line input: within 3 dB of full scale, and no gain to take off', () => {
    // 4i4 4th Gen input 3 (fixed line, +22 dBu): 20 - 22 = -2 dBFS, 2 dB under full scale: a warning.
    // DI/line preset target -10 dBFS asks for -8 dB; a fixed input has no gain and no pad here.
    const rig = {
      interface: 'focusrite-scarlett-4i4-4th-gen',
      inputs: [{ id: 'synth', interfaceInput: 3, inputType: 'line-fixed', source: { kind: 'line', peakDbu: 20 }, material: 'di-line' }],
    };
    const a = advice(rig, 'synth');
    close(a.evaluation.recordedPeakDbfs, -2, 1e-9, 'peak');
    assert.ok(codes(rig).includes('warning level-hot'));
    // The published dynamic range is the floor on a line input (no EIN at line level): 115.5 dB, never more.
    close(a.evaluation.noiseFloorDbfs, -115.5, 1e-9, 'noise floor');
    close(a.evaluation.usableDynamicRangeDb, 115.5, 1e-9, 'usable dynamic range');
    assert.equal(a.suggested.limit?.by, 'available-gain');
  });

  it('4. passive ribbon behind a booster: the booster takes the 48 V, the ribbon gets none', () => {
    // An inline passive ribbon at -52 dBV/Pa (given in the rig): 48 V on the input powers the booster,
    // which passes none on, so the ribbon is safe; without the booster the same 48 V reaches the ribbon.
    const ribbon = { name: 'Passive ribbon', type: 'ribbon', sensitivityDbvPa: -52, maxSplDb: 135, selfNoiseDbA: null };
    const booster = { name: 'Inline booster', type: 'booster', gainDb: 25, needsPhantom: true, passesPhantom: false };
    const base = { id: 'gtr', interfaceInput: 3, source: { kind: 'mic', mic: ribbon, peakSplDb: 100 }, phantom: true, preampGainDb: 20 };
    assert.ok(!codes({ interface: S18, inputs: [{ ...base, devices: [booster] }] }).some((c) => c.includes('ribbon-phantom')));
    assert.ok(codes({ interface: S18, inputs: [base] }).includes('warning ribbon-phantom'));
    // Ribbon out: -52 + 6 + 2.2185 = -43.78 dBu; booster +25 -> -18.78; full scale at 20 dB: -11 dBu -> -7.78 dBFS.
    close(advice({ interface: S18, inputs: [{ ...base, devices: [booster] }] }, 'gtr').evaluation.recordedPeakDbfs, -7.78, 0.01, 'peak behind the booster');
    // The booster without 48 V passes nothing.
    assert.ok(codes({ interface: S18, inputs: [{ ...base, phantom: false, devices: [booster] }] }).includes('error device-needs-phantom'));
  });

  it("5. condenser at 148 dB SPL: the mic's own pad for the capsule, the interface's pad for the preamp", () => {
    // AT4040 at 148 dB SPL: 3 dB past its 145 dB maximum (the -10 dB pad raises it to 155).
    // Output: -32 + 54 + 2.2185 = +24.22 dBu, 15.2 dB over the 18i20's +9 dBu at minimum gain.
    // Mic pad -10 and interface pad 10: 24.22 - 20 = +4.22 dBu at the preamp; drums target -10 dBFS:
    // 4.22 - (9 - g) = -10 -> g = -5.22 < 0: at 0 dB it lands at -4.78 dBFS, the closest the hardware gets.
    const rig = {
      interface: S18,
      inputs: [
        {
          id: 'cab',
          interfaceInput: 3,
          source: { kind: 'mic', mic: 'audio-technica-at4040', peakSplDb: 148 },
          material: 'drums',
          phantom: true,
          preampGainDb: 0,
        },
      ],
    };
    const a = advice(rig, 'cab');
    assert.equal(a.evaluation.clipsFirst?.stage, 'source');
    const plan = a.plan!.actions.map((x) => x.kind);
    assert.deepEqual(plan, ['interface-pad', 'mic-pad']);
    close(a.suggested.gainDb, -20, 1e-9, 'what the pads deliver');
    assert.equal(a.suggested.limit?.by, 'available-gain');
    assert.match(a.action!, /^Engage the interface's 10 dB pad and use the mic's −10 dB pad\.$/);
    // With both pads engaged the mic and the preamp are inside their limits.
    const padded = advice({ interface: S18, inputs: [{ ...rig.inputs[0], padDb: 10, micPadDb: 10 }] }, 'cab');
    assert.equal(padded.evaluation.clipsFirst, null);
    close(padded.evaluation.recordedPeakDbfs, -4.78, 0.01, 'peak with both pads');
  });

  it('6. bass DI into the Hi-Z input: 1 dB of gain for peaks at -10 dBFS', () => {
    // -2 dBu into the 18i20's instrument input (+9 dBu at 0 dB): -2 - (9 - g) = -10 -> g = 1.
    const a = advice(
      {
        interface: S18,
        inputs: [{ id: 'bass', interfaceInput: 1, inputType: 'instrument', source: { kind: 'instrument', peakDbu: -2 }, material: 'di-line', preampGainDb: 1 }],
      },
      'bass',
    );
    close(a.evaluation.recordedPeakDbfs, -10, 1e-9, 'peak');
    assert.equal(a.suggested.gainDb, 0);
    assert.deepEqual(a.lines, []);
  });

  it('7. field shotgun on quiet ambience: the 18i20 runs out of gain, its EIN sets the floor', () => {
    // MKH 416 at 50 dB SPL: -32 + (50 - 94) + 2.2185 = -73.78 dBu. At 56 dB full scale is 9 - 56 =
    // -47 dBu -> -26.78 dBFS; the field-ambience target -12 dBFS needs 14.8 dB more than the range.
    // Noise at 56 dB: EIN -128 dBu - (-47) = -81 dBFS (the MKH 416's self-noise is not published).
    const rig = {
      interface: S18,
      inputs: [
        {
          id: 'amb',
          interfaceInput: 3,
          source: { kind: 'mic', mic: 'sennheiser-mkh-416', peakSplDb: 50 },
          material: 'field-ambience',
          phantom: true,
          preampGainDb: 56,
        },
      ],
    };
    const a = advice(rig, 'amb');
    close(a.evaluation.recordedPeakDbfs, -26.78, 0.01, 'peak at the top of the range');
    close(a.evaluation.noiseFloorDbfs, -81, 1e-9, 'noise floor');
    assert.equal(a.suggested.limit?.by, 'available-gain');
    assert.match(a.suggested.limit!.line, /14\.8 dB short/);
    assert.match(a.suggested.limit!.line, /inline boosters pass no 48 V to a condenser/);
    // A booster at hand that passes no 48 V is not offered to the condenser.
    const booster = { name: 'Inline booster', type: 'booster', gainDb: 25, needsPhantom: true, passesPhantom: false };
    const withBooster = advice({ ...rig, available: [booster] }, 'amb');
    assert.equal(withBooster.suggested.limit?.by, 'available-gain');
    assert.ok(!withBooster.plan?.actions.some((x) => x.kind === 'add-device'));
  });

  it('8. an 8-mic drum rig on the 18i20: a ribbon sharing a 48 V switch, and a third DI with no Hi-Z input left', () => {
    const ribbon = { name: 'Room ribbon', type: 'ribbon', sensitivityDbvPa: -52, maxSplDb: 135, selfNoiseDbA: null };
    const mic = (id: string, n: number, m: string, spl: number, phantom: boolean) => ({
      id,
      interfaceInput: n,
      source: { kind: 'mic', mic: m, peakSplDb: spl },
      material: 'drums',
      phantom,
      preampGainDb: 10,
    });
    const inputs = [
      mic('kick', 1, 'shure-sm57', 130, false),
      mic('snare', 2, 'shure-sm57', 132, false),
      mic('tom1', 3, 'shure-sm57', 125, false),
      mic('tom2', 4, 'shure-sm57', 125, false),
      mic('ohl', 5, 'rode-nt5', 125, true),
      mic('ohr', 6, 'rode-nt5', 125, true),
      { id: 'room', interfaceInput: 7, source: { kind: 'mic', mic: ribbon, peakSplDb: 115 }, material: 'drums', phantom: false, preampGainDb: 30 },
      mic('hat', 8, 'rode-nt5', 120, true),
    ];
    // Inputs 5-8 share one 48 V switch: the overheads' 48 V reaches the ribbon on input 7.
    const problems = checkRig(doc({ interface: S18, inputs }));
    const shared = problems.find((p) => p.code === 'shared-phantom-ribbon')!;
    assert.match(shared.message, /switches 48 V for inputs 5-8 together: the passive ribbon on input 7 \("room"\) gets it because "ohl" has it on/);
    // Three DIs, two Hi-Z inputs (1-2): the third has no input left, wherever it is listed.
    const di = (id: string) => ({ id, inputType: 'instrument', source: { kind: 'instrument', peakDbu: -5 }, preampGainDb: 5 });
    // 48 V on the first 2 of 4 mic inputs only: input 3 has none.
    const twoPhantom = {
      name: 'Four pres, two with 48 V',
      inputs: [{ first: 1, last: 4, kinds: ['mic'], pad: null }],
      kinds: { mic: { gainRangeDb: [0, 60], maxInputDbu: 10, einDbu: null, dynamicRangeDb: null } },
      phantom: { switching: 'per-channel', channels: 2 },
    };
    const off = checkRig(doc({ interface: twoPhantom, inputs: [mic('oh', 3, 'rode-nt5', 120, true)] })).find((p) => p.code === 'no-phantom-on-input')!;
    assert.equal(off.message, 'Input "oh" has phantom on, but Four pres, two with 48 V\'s input 3 has no 48 V.');
    const dis = checkRig(doc({ interface: S18, inputs: [di('bass'), di('gtr'), di('keys')] })).filter((p) => p.code === 'not-enough-inputs');
    assert.equal(dis.length, 1);
    assert.match(
      dis[0]!.message,
      /3 instrument \(Hi-Z\) inputs in use, but Focusrite Scarlett 18i20 3rd Gen has 2 that take instrument \(Hi-Z\) \(inputs 1–2\)/,
    );
  });

  it('9. a take recorded before a gain change: judged by the settings it was recorded with', () => {
    // Recorded at 30 dB with no pad; today 9 dB with the 10 dB pad: 30 - 9 + 10 = 31 dB lower now.
    // The take peaks at -4 dBFS: at today's settings this passage would peak at -35 dBFS, so from
    // today's settings it needs +25 dB to reach -10 dBFS, not the -6 dB the take alone asks for.
    const overheads = (peakSplDb: number) =>
      rigOf({
        interface: S18,
        inputs: [
          {
            id: 'oh',
            interfaceInput: 3,
            source: { kind: 'mic', mic: 'rode-nt5', peakSplDb },
            material: 'drums',
            phantom: true,
            padDb: 10,
            preampGainDb: 9,
            takes: 'takes/*.wav',
          },
        ],
        recorded: { 'takes/oh-1.wav': { input: 'oh', inputType: 'mic', preampGainDb: 30, padDb: 0, phantom: true } },
      });
    const rig = overheads(105);
    const a = adviseTake(rig, rig.inputs[0]!, rig.recorded[0], takeAt(-4), DEFAULT_TARGETS);
    assert.equal(a.changeSinceDb, -31);
    assert.equal(a.suggested.gainDb, 25);
    assert.ok(
      a.lines.some((l) => l.message === "Recorded at 30 dB, no pad; at today's 9 dB, 10 dB pad this passage would peak at −35.0 dBFS."),
      JSON.stringify(a.lines),
    );
    // The NT5 at 105 dB SPL: -38.4 + 11 + 2.2185 = -25.18 dBu; at 30 dB full scale is -21 dBu ->
    // -4.18 dBFS predicted, so a take at -4 dBFS implies 105.2 dB SPL: what the rig expects.
    close(a.plausibility!.implied, 105.18, 0.01, 'implied SPL');
    assert.equal(a.plausibility!.problem, null);
    // Were the rig to expect 125 dB SPL, 19.8 dB off: the advice is to check the chain, with no gain.
    const loud = overheads(125);
    const far = adviseTake(loud, loud.inputs[0]!, loud.recorded[0], takeAt(-4), DEFAULT_TARGETS);
    assert.equal(far.suggested.gainDb, null);
    assert.equal(far.suggested.limit?.by, 'implausible');
  });

  it('10. close-miked speech implying 67 dB SPL where the rig expects 95: check the chain, no gain', () => {
    // TLM 103 at 95 dB SPL: -32.8 + 1 + 2.2185 = -29.58 dBu; at 30 dB: -29.58 - (9 - 30) = -8.58 dBFS.
    // The take peaks at -36.6 dBFS: 28 dB lower, a source at 67 dB SPL, inside the speech range
    // (60-135) but 28 dB from the rig's 95 dB SPL.
    const rig = rigOf({
      interface: S18,
      inputs: [
        {
          id: 'vo',
          interfaceInput: 3,
          source: { kind: 'mic', mic: 'neumann-tlm-103', peakSplDb: 95 },
          material: 'speech',
          phantom: true,
          preampGainDb: 30,
          takes: '*.wav',
        },
      ],
    });
    const a = adviseTake(rig, rig.inputs[0]!, undefined, takeAt(-36.58), DEFAULT_TARGETS);
    close(a.plausibility!.implied, 67, 0.01, 'implied SPL');
    assert.equal(a.suggested.gainDb, null);
    assert.equal(a.suggested.limit?.by, 'implausible');
    assert.equal(a.lines[0]!.code, 'check-chain');
    assert.match(
      a.lines[0]!.message,
      /check the chain before changing any gain — likely causes: the take came from another input, a pad engaged that the rig does not list, phantom power off/,
    );
  });

  it('11. noise that depends on gain: mic self-noise and EIN summed as powers at 56 dB', () => {
    // TLM 103 self-noise 7 dB-A: -32.8 + (7 - 94) + 2.2185 = -117.58 dBu -> -117.58 + 47 = -70.58 dBFS.
    // EIN at 56 dB: -128 + 47 = -81 dBFS. 10 log10(10^-7.058 + 10^-8.1) = -70.2 dBFS.
    const a = advice(
      {
        interface: S18,
        inputs: [{ id: 'vo', interfaceInput: 3, source: { kind: 'mic', mic: 'neumann-tlm-103', peakSplDb: 80 }, phantom: true, preampGainDb: 56 }],
      },
      'vo',
    );
    close(a.evaluation.noise.source, -70.58, 0.01, 'self-noise at the converter');
    close(a.evaluation.noise.preamp, -81, 1e-9, 'EIN at the converter');
    close(a.evaluation.noiseFloorDbfs, -70.2, 0.01, 'sum');
    // At 0 dB the EIN lands at -128 - 9 = -137 dBFS: the floor is then the mic's, -117.58 - 9 = -126.58.
    const low = advice(
      {
        interface: S18,
        inputs: [{ id: 'vo', interfaceInput: 3, source: { kind: 'mic', mic: 'neumann-tlm-103', peakSplDb: 130 }, phantom: true, preampGainDb: 0 }],
      },
      'vo',
    );
    close(low.evaluation.noise.preamp, -137, 1e-9, 'EIN at minimum gain');
  });

  it("12. a pad is advised only as the unit has it: the Babyface Pro's 11 dB", () => {
    // TLM 103 at 130 dB SPL: -32.8 + 36 + 2.2185 = +5.42 dBu; the Babyface's +8 dBu at 0 dB gives
    // -2.58 dBFS. Vocal target -10 needs -7.4 dB below minimum gain: the 11 dB pad, then 3.6 dB of gain.
    const a = advice(
      {
        interface: 'rme-babyface-pro',
        inputs: [
          {
            id: 'vo',
            interfaceInput: 1,
            source: { kind: 'mic', mic: 'neumann-tlm-103', peakSplDb: 130 },
            material: 'sung-vocal',
            phantom: true,
            preampGainDb: 0,
          },
        ],
      },
      'vo',
    );
    close(a.evaluation.recordedPeakDbfs, -2.58, 0.01, 'peak');
    assert.equal(a.suggested.gainDb, -7.4);
    assert.equal(a.action, "Engage the interface's 11 dB pad and set the preamp to 3.6 dB (now 0 dB, range 0–65 dB).");
  });

  it('13. nothing published, nothing assumed: no level for the Scarlett Solo 4th Gen until the rig sets 0 dBFS', () => {
    const input = { id: 'vo', interfaceInput: 2, source: { kind: 'mic', mic: 'shure-sm58', peakSplDb: 100 }, preampGainDb: 40 };
    const unknown = advice({ interface: 'focusrite-scarlett-solo-4th-gen', inputs: [input] }, 'vo');
    assert.equal(unknown.evaluation.recordedPeakDbfs, null);
    assert.equal(unknown.evaluation.stages.at(-1)!.risk, 'unknown');
    assert.equal(unknown.suggested.gainDb, null);
    assert.match(unknown.suggested.limit!.line, /does not publish this input's maximum level/);
    // With an override, 0 dBFS = +24 dBu after the preamp: SM58 at 100 dB SPL is -46.28 dBu; at 40 dB
    // full scale is 24 - 40 = -16 dBu -> -30.28 dBFS.
    const set = advice({ interface: 'focusrite-scarlett-solo-4th-gen', converterReferenceDbu: 24, inputs: [input] }, 'vo');
    close(set.evaluation.recordedPeakDbfs, -30.28, 0.01, 'peak with the override');
    assert.equal(set.evaluation.fullScale!.basis, 'override');
  });

  it('14. severities: -1.8 dBFS predicted is a warning, clipping an error, an average above the peak an error', () => {
    // SM57 at 120 dB SPL: -54.5 + 26 + 2.2185 = -26.28 dBu; at 33.5 dB: 9 - 33.5 = -24.5 -> -1.78 dBFS.
    const hot = codes({
      interface: S18,
      inputs: [{ id: 'gtr', interfaceInput: 3, source: { kind: 'mic', mic: 'shure-sm57', peakSplDb: 120 }, preampGainDb: 33.5 }],
    });
    assert.ok(hot.includes('warning level-hot'), hot.join());
    const clip = codes({
      interface: S18,
      inputs: [{ id: 'gtr', interfaceInput: 3, source: { kind: 'mic', mic: 'shure-sm57', peakSplDb: 120 }, preampGainDb: 40 }],
    });
    assert.ok(clip.includes('error converter-clip'));
    const avg = codes({
      interface: S18,
      inputs: [{ id: 'gtr', interfaceInput: 3, source: { kind: 'mic', mic: 'shure-sm57', peakSplDb: 100, averageSplDb: 104 }, preampGainDb: 20 }],
    });
    assert.ok(avg.includes('error average-above-peak'));
  });

  it('15. a preamp whose range starts above 0 dB: full scale counts gain from its minimum', () => {
    // Echo AudioFire 4: mic +9 dBu at its minimum gain of 10 dB, range 10-59 dB. At 40 dB full scale is
    // 9 - (40 - 10) = -21 dBu; an SM58 at 100 dB SPL (-46.28 dBu) lands at -25.28 dBFS.
    const a = advice(
      {
        interface: 'echo-audiofire-4',
        inputs: [{ id: 'vo', interfaceInput: 1, source: { kind: 'mic', mic: 'shure-sm58', peakSplDb: 100 }, preampGainDb: 40 }],
      },
      'vo',
    );
    close(a.evaluation.fullScale!.dbu, -21, 1e-9, 'full scale');
    close(a.evaluation.recordedPeakDbfs, -25.28, 0.01, 'peak');
  });
});
