import assert from 'node:assert/strict';
import {
  findInterface,
  inputsToFit,
  parseRig,
  recommendInterfaces,
  toInterfaceSpec,
  unusedFeatures,
  type CatalogueInterface,
} from '../../../src/core/gainstage';

const brief = (fits: ReturnType<typeof recommendInterfaces>) => fits.map((f) => [f.id, f.status, f.unusedFeatures, f.reasons]);

/** A made-up 2-in unit with every figure published, varied by `over`. */
function unit(id: string, over: Partial<CatalogueInterface>): CatalogueInterface {
  return {
    id,
    name: id.toUpperCase(),
    manufacturer: 'Test',
    category: 'interface',
    float32: false,
    inputs: [{ first: 1, last: 2, kinds: ['mic', 'line', 'instrument'], pad: null }],
    kinds: {
      mic: { gainRangeDb: [0, 60], maxInputDbu: 10, einDbu: -128, dynamicRangeDb: 110 },
      line: { gainRangeDb: [0, 60], maxInputDbu: 22, einDbu: null, dynamicRangeDb: 110 },
      instrument: { gainRangeDb: [0, 60], maxInputDbu: 12, einDbu: null, dynamicRangeDb: 110 },
    },
    phantom: { switching: 'per-channel', channels: 2 },
    lineOutputs: 2,
    monitorPairs: 1,
    headphoneOutputs: 1,
    midi: { in: 0, out: 0 },
    sampleRates: [44100, 48000],
    documents: {},
    sources: {},
    unpublished: {},
    ...over,
  };
}

/** The inputs of a rig file, as recommend reads them (no interface needed). */
const inputsOf = (inputs: object[]) => inputsToFit(parseRig(JSON.stringify({ interface: 'no-such-unit', inputs }), 'x'));

describe('interface recommendation', () => {
  it('unused features: surplus inputs + phantom channels + monitor pairs + headphone outputs + MIDI ports', () => {
    // 18i20 3rd Gen (8 analogue inputs, 8 with 48 V, 2 monitor pairs, 2 phones, MIDI 1/1) for 2 inputs,
    // 1 phantom, 1 monitor set, 2 headphones, no MIDI: 6 + 7 + 1 + 0 + 2.
    assert.equal(
      unusedFeatures(
        { simultaneousInputs: 2, phantomChannels: 1, monitorSets: 1, headphoneOutputs: 2 },
        toInterfaceSpec(findInterface('focusrite-scarlett-18i20-3rd-gen')!),
      ),
      16,
    );
    // Nothing stated: every feature counts as unused; a shortfall never counts negative.
    assert.equal(unusedFeatures({}, toInterfaceSpec(unit('a', {}))), 2 + 2 + 1 + 1);
    assert.equal(unusedFeatures({ simultaneousInputs: 8, headphoneOutputs: 4 }, toInterfaceSpec(unit('a', {}))), 0 + 2 + 1 + 0);
  });

  it('counts by kind: Hi-Z inputs, digital inputs as external preamps, and unpublished counts leaving the fit open', () => {
    const adat = unit('adat', {
      inputs: [
        { first: 1, last: 2, kinds: ['mic', 'line', 'instrument'], pad: null },
        { first: 3, last: 10, kinds: ['digital'], pad: null },
      ],
      kinds: { ...unit('x', {}).kinds, digital: { gainRangeDb: null, maxInputDbu: null, einDbu: null, dynamicRangeDb: null } },
    });
    const unknown = unit('unknown', { headphoneOutputs: null, unpublished: { headphoneOutputs: 'not in the guide' } });
    const fits = recommendInterfaces(
      { simultaneousInputs: 2, micPreamps: 4, instrumentInputs: 1, headphoneOutputs: 1 },
      [],
      [unit('small', {}), adat, unknown],
    );
    assert.deepEqual(brief(fits), [
      // 8 surplus inputs + 2 phantom channels + 1 monitor pair; the others 2 + 1.
      ['adat', 'fits', 11, []],
      ['small', 'does not fit', 3, ['4 mic preamps needed, has 2']],
      ['unknown', 'does not fit', 3, ['4 mic preamps needed, has 2']],
    ]);
    assert.equal(fits[0]!.verdict, 'fits; 2 external mic preamps on its digital inputs');
    const open = recommendInterfaces({ headphoneOutputs: 1 }, [], [unknown]);
    assert.equal(open[0]!.verdict, 'may fit; not published: headphone outputs');
  });

  it('gain adequacy: the quietest source needs the gain, the loudest the pad, each verdict one line', () => {
    // SM7B on quiet speech, 70 dB SPL: -59 - 24 + 2.2185 = -80.78 dBu. On the test unit's +10 dBu at 0 dB the
    // -12 dBFS speech target needs 80.78 + 10 - 12 = 78.8 dB: 18.8 dB more than its 60 dB.
    // A condenser at 140 dB SPL (-32 dBV/Pa): +16.2 dBu, 6.2 dB over +10 dBu at minimum gain; drums target
    // -10 dBFS: 16.2 dB under minimum gain. The test unit has no pad; one with a 20 dB pad takes it.
    const inputs = inputsOf([
      { id: 'vo', source: { kind: 'mic', mic: 'shure-sm7b', peakSplDb: 70 }, material: 'speech', preampGainDb: 60 },
      {
        id: 'kick',
        source: { kind: 'mic', mic: { name: 'Kick condenser', type: 'condenser', sensitivityDbvPa: -32, maxSplDb: 150, selfNoiseDbA: null }, peakSplDb: 140 },
        material: 'drums',
        phantom: true,
        preampGainDb: 0,
      },
    ]);
    assert.deepEqual(
      inputs.map((i) => i.peakTargetDbfs),
      [-12, -10],
    );
    const padded = unit('padded', {
      inputs: [{ first: 1, last: 2, kinds: ['mic', 'line', 'instrument'], pad: { db: 20 } }],
      kinds: { ...unit('x', {}).kinds, mic: { gainRangeDb: [0, 80], maxInputDbu: 10, einDbu: -128, dynamicRangeDb: 110 } },
    });
    const fits = recommendInterfaces({}, inputs, [unit('plain', {}), padded]);
    assert.deepEqual(brief(fits), [
      ['padded', 'fits', 6, []],
      ['plain', 'does not fit', 6, ['"vo" needs 78.8 dB of gain, 18.8 dB more than its 60 dB', '"kick" overloads by 16.2 dB at minimum gain (no pad)']],
    ]);
    assert.equal(
      fits[1]!.verdict,
      'does not fit: "vo" needs 78.8 dB of gain, 18.8 dB more than its 60 dB; "kick" overloads by 16.2 dB at minimum gain (no pad)',
    );
    // A 10 dB pad is not enough for 16.2 dB.
    const small = unit('small-pad', { inputs: [{ first: 1, last: 2, kinds: ['mic', 'line', 'instrument'], pad: { db: 10 } }] });
    assert.deepEqual(recommendInterfaces({}, inputs.slice(1), [small])[0]!.reasons, ['"kick" overloads by 6.2 dB even with its 10 dB pad']);
  });

  it('a level that cannot be checked (maximum input not published) leaves the fit open, named per input', () => {
    const inputs = inputsOf([{ id: 'vo', source: { kind: 'mic', mic: 'shure-sm58', peakSplDb: 100 }, preampGainDb: 40 }]);
    const blind = unit('blind', { kinds: { mic: { gainRangeDb: [0, 60], maxInputDbu: null, einDbu: null, dynamicRangeDb: null } } });
    const [fit] = recommendInterfaces({}, inputs, [blind]);
    assert.equal(fit!.status, 'may fit');
    assert.equal(fit!.verdict, 'may fit; levels not checked for "vo": mic maximum input level not published');
  });

  it('equal units rank by EIN, unpublished last; a requirement on an unpublished value is never assumed met', () => {
    const ein = (v: number | null) => ({
      kinds: { ...unit('x', {}).kinds, mic: { gainRangeDb: [0, 60] as [number, number], maxInputDbu: 10, einDbu: v, dynamicRangeDb: 110 } },
    });
    const units = [
      unit('quiet', ein(-130)),
      unit('unknown', { ...ein(null), unpublished: { 'kinds.mic.einDbu': 'x' } }),
      unit('noisy', ein(-126)),
      unit('no-rates', { ...ein(-131), sampleRates: null, unpublished: { sampleRates: 'x' } }),
    ];
    assert.deepEqual(
      recommendInterfaces({ simultaneousInputs: 2 }, [], units).map((f) => f.id),
      ['no-rates', 'quiet', 'noisy', 'unknown'],
    );
    assert.deepEqual(brief(recommendInterfaces({ maxEinDbu: -128, sampleRateHz: 96000 }, [], units)), [
      // Fewest missed requirements first: the unknown EIN is not a miss, only a gap.
      ['no-rates', 'may fit', 6, []],
      ['quiet', 'does not fit', 6, ['96000 Hz needed, runs at 44100, 48000 Hz']],
      ['unknown', 'does not fit', 6, ['96000 Hz needed, runs at 44100, 48000 Hz']],
      ['noisy', 'does not fit', 6, ['EIN of -128 dBu or lower needed, has -126 dBu', '96000 Hz needed, runs at 44100, 48000 Hz']],
    ]);
  });
});
