import assert from 'node:assert/strict';
import { findInterface, recommendInterfaces, unusedFeatures, type CatalogueInterface } from '../../../src/core/gainstage';

const brief = (fits: ReturnType<typeof recommendInterfaces>) => fits.map((f) => [f.id, f.unusedFeatures, f.reasons]);

function unit(id: string, over: Partial<CatalogueInterface>): CatalogueInterface {
  return {
    id,
    name: id.toUpperCase(),
    manufacturer: 'Test',
    micPreamps: 2,
    inputs: 2,
    gainRangeDb: [0, 60],
    maxInputDbu: { mic: null, line: null, instrument: null },
    einDbu: null,
    phantom: { switching: 'per-channel', channels: 2 },
    converterReferenceDbu: null,
    lineOutputs: 2,
    monitorPairs: 1,
    headphoneOutputs: 1,
    midi: { in: 0, out: 0 },
    sampleRates: [44100, 48000],
    documents: {},
    sources: {},
    ...over,
  };
}

describe('interface recommendation', () => {
  it('unused features: surplus inputs + phantom channels + monitor pairs + headphone outputs + MIDI ports', () => {
    // Clarett 8Pre USB for 2 inputs, 1 phantom, 1 monitor set, 2 headphones, no MIDI: 16 + 7 + 1 + 0 + 2.
    assert.equal(unusedFeatures({ simultaneousInputs: 2, phantomChannels: 1, monitorSets: 1, headphoneOutputs: 2 }, findInterface('focusrite-clarett-8pre-usb')!), 26);
    // Nothing stated: every feature counts as unused; a shortfall never counts negative.
    assert.equal(unusedFeatures({}, findInterface('motu-m2')!), 2 + 2 + 1 + 1 + 2);
    assert.equal(unusedFeatures({ simultaneousInputs: 8, headphoneOutputs: 4 }, findInterface('motu-m2')!), 0 + 2 + 1 + 0 + 2);
  });

  it('two inputs, two headphone mixes and MIDI in and out: SSL 2+, then the 8-pre racks; the rest with every reason', () => {
    const fits = recommendInterfaces({ simultaneousInputs: 2, headphoneOutputs: 2, midiIn: 1, midiOut: 1 });
    assert.deepEqual(
      fits.filter((f) => f.fits).map((f) => [f.id, f.name, f.unusedFeatures, f.einDbu, f.reasons]),
      [
        ['ssl-2-plus', 'Solid State Logic SSL 2+', 3, null, []],
        // 16 surplus inputs + 8 phantom channels + 2 monitor pairs each: the 18i20's published EIN ranks it
        // first, the two Claretts (EIN unpublished) follow by name; the OctaMic XTC has 22 + 8 + 0 = 30.
        ['focusrite-scarlett-18i20-3rd-gen', 'Focusrite Scarlett 18i20 3rd Gen', 26, -128, []],
        ['focusrite-clarett-8pre', 'Focusrite Clarett 8Pre (Thunderbolt)', 26, null, []],
        ['focusrite-clarett-8pre-usb', 'Focusrite Clarett 8Pre USB', 26, null, []],
        ['rme-octamic-xtc', 'RME OctaMic XTC', 30, -127, []],
      ],
    );
    const hp = '2 headphone outputs needed, has 1';
    const midi = ['1 MIDI input needed, has 0', '1 MIDI output needed, has 0'];
    assert.deepEqual(brief(fits.filter((f) => !f.fits)), [
      // One missed requirement each; by unused features, then EIN (MOTU M2 -129 before unpublished), then name.
      ['motu-m2', 3, [hp]],
      ['presonus-studio-24c', 3, [hp]],
      ['steinberg-ur22c', 3, [hp]],
      ['universal-audio-volt-2', 3, [hp]],
      ['motu-m4', 5, [hp]],
      ['focusrite-scarlett-4i4-4th-gen', 5, [hp]],
      ['behringer-umc404hd', 7, [hp]],
      ['rme-babyface-pro', 13, [hp]],
      ['focusrite-scarlett-solo-4th-gen', 2, [hp, ...midi]],
      ['focusrite-scarlett-2i2-4th-gen', 3, [hp, ...midi]],
      ['ssl-2', 3, [hp, ...midi]],
    ]);
  });

  it('a requirement on an unpublished value is a reason, never assumed met; equal units rank by EIN, unpublished last', () => {
    const units = [
      unit('quiet', { einDbu: -130 }),
      unit('unknown', { einDbu: null }),
      unit('noisy', { einDbu: -126 }),
      unit('no-rates', { einDbu: -131, sampleRates: null }),
      unit('big', { einDbu: -135, inputs: 4, micPreamps: 4, phantom: { switching: 'groups', channels: 4, groupSize: 2 } }),
    ];
    assert.deepEqual(brief(recommendInterfaces({ simultaneousInputs: 2 }, units)), [
      ['no-rates', 4, []],
      ['quiet', 4, []],
      ['noisy', 4, []],
      ['unknown', 4, []],
      ['big', 8, []],
    ]);
    const rate = '96000 Hz needed, runs at 44100, 48000 Hz';
    // None fits: fewest missed requirements first, then the same order.
    assert.deepEqual(brief(recommendInterfaces({ maxEinDbu: -128, sampleRateHz: 96000 }, units)), [
      ['no-rates', 6, ['sample rates not published']],
      ['quiet', 6, [rate]],
      ['big', 10, [rate]],
      ['noisy', 6, ['EIN of -128 dBu or lower needed, has -126 dBu', rate]],
      ['unknown', 6, ['EIN not published', rate]],
    ]);
  });
});
