import assert from 'node:assert/strict';
import { editDistance, findInterface, findMic, INTERFACE_FIELDS, listInterfaces, listMics, MIC_FIELDS, suggestId, toInterfaceSpec, toRigMic, validateCatalogue } from '../../../src/core/gainstage';
import interfacesData from '../../../src/core/gainstage/catalogue/interfaces.json';
import micsData from '../../../src/core/gainstage/catalogue/mics.json';

const at = (o: unknown, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | null)?.[k], o);

describe('interface and microphone catalogue', () => {
  it('is complete and sourced: the validator finds nothing wrong with the shipped data', () => {
    assert.deepEqual(validateCatalogue(interfacesData.interfaces, micsData.mics), []);
  });

  it('every non-null value names a document with a title, and every field is present (null when unpublished)', () => {
    let sourced = 0;
    for (const [entries, fields] of [
      [listInterfaces(), INTERFACE_FIELDS],
      [listMics(), MIC_FIELDS],
    ] as const) {
      for (const e of entries) {
        for (const f of fields) {
          const v = at(e, f);
          assert.notEqual(v, undefined, `${e.id}.${f} present`);
          if (v === null) continue;
          const doc = e.documents[e.sources[f]!];
          assert.ok(doc && doc.title.length > 10, `${e.id}.${f} has a source document`);
          sourced++;
        }
      }
    }
    assert.equal(sourced, 216, "sourced values in the shipped catalogue (update when adding entries)");
  });

  it('ids are unique kebab-case; at least 12 interfaces from 2-in units to 8-pre racks; at least 15 mics of every type', () => {
    const ifaces = listInterfaces();
    const mics = listMics();
    const ids = [...ifaces, ...mics].map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok(ifaces.length >= 12, `${ifaces.length} interfaces`);
    assert.ok(ifaces.some((i) => i.inputs === 2 && i.micPreamps <= 2));
    assert.ok(ifaces.some((i) => i.micPreamps === 8));
    assert.ok(mics.length >= 15, `${mics.length} mics`);
    for (const type of ['dynamic', 'condenser', 'ribbon']) assert.ok(mics.filter((m) => m.type === type).length >= 3, type);
  });

  it('the validator names each kind of mistake', () => {
    const good = interfacesData.interfaces[0]!;
    const broken = [
      { ...good, sources: { ...good.sources, einDbu: 'guide' } },
      { ...good, id: 'Bad Id', einDbu: -128 },
      { ...good, gainRangeDb: [60, 0] },
      { ...good, lineOutputs: null },
    ];
    const mic = micsData.mics[0]!;
    assert.deepEqual(validateCatalogue(broken, [mic, { ...mic, phantomRequired: true }, { ...mic, id: 'x', sources: { ...mic.sources, sensitivityDbvPa: 'nowhere' } }]), [
      'interface focusrite-scarlett-solo-4th-gen: einDbu is null but names a source',
      'interface Bad Id: id must be kebab-case',
      'interface Bad Id: einDbu has no source',
      'interface focusrite-scarlett-solo-4th-gen: duplicate id',
      'interface focusrite-scarlett-solo-4th-gen: gainRangeDb must be [min, max] with min < max',
      'interface focusrite-scarlett-solo-4th-gen: duplicate id',
      'interface focusrite-scarlett-solo-4th-gen: lineOutputs may not be null',
      'interface focusrite-scarlett-solo-4th-gen: lineOutputs is null but names a source',
      'mic shure-sm57: duplicate id',
      'mic x: sensitivityDbvPa cites unknown document "nowhere"',
      'mic shure-sm57: phantomRequired contradicts type dynamic',
    ]);
  });

  it('catalogue entries become the chain model\'s interface and mic, unpublished levels left out', () => {
    assert.deepEqual(toInterfaceSpec(findInterface('focusrite-scarlett-4i4-4th-gen')!), {
      name: 'Focusrite Scarlett 4i4 4th Gen',
      catalogueId: 'focusrite-scarlett-4i4-4th-gen',
      micPreamps: 2,
      inputs: 4,
      gainRangeDb: [0, 69],
      maxInputDbu: { mic: 16, line: 22, instrument: 12 },
      einDbu: -127,
      phantom: { switching: 'per-channel', channels: 2 },
      converterReferenceDbu: null,
      lineOutputs: 4,
      monitorPairs: 1,
      headphoneOutputs: 1,
      midi: { in: 1, out: 1 },
      sampleRates: [44100, 48000, 88200, 96000, 176400, 192000],
    });
    assert.deepEqual(toInterfaceSpec(findInterface('focusrite-scarlett-2i2-4th-gen')!).maxInputDbu, { line: 22 });
    assert.deepEqual(toRigMic(findMic('shure-sm58')!), { name: 'Shure SM58', type: 'dynamic', sensitivityDbvPa: -54.5, maxSplDb: null, selfNoiseDbA: null });
    // 28 mV/Pa = 20 log10(0.028) = -31.06 dBV/Pa.
    assert.equal(findMic('neumann-u-87-ai')!.sensitivityDbvPa, -31.1);
    assert.equal(toRigMic(findMic('royer-r-121')!), null);
    assert.equal(findInterface('no-such-interface'), undefined);
  });

  it('suggests the id that was meant', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    const ifaceIds = listInterfaces().map((i) => i.id);
    const micIds = listMics().map((m) => m.id);
    assert.equal(suggestId('focusrite-scarlett-2i2', ifaceIds), 'focusrite-scarlett-2i2-4th-gen');
    assert.equal(suggestId('motu-m3', ifaceIds), 'motu-m2');
    assert.equal(suggestId('shure-sm-58', micIds), 'shure-sm58');
    assert.equal(suggestId('neuman-u87-ai', micIds), 'neumann-u-87-ai');
    assert.equal(suggestId('zoom-h6', ifaceIds), undefined);
  });
});
