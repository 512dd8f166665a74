import assert from 'node:assert/strict';
import {
  editDistance,
  findDevice,
  findInterface,
  findMic,
  listDevices,
  listInterfaces,
  listMaterials,
  listMics,
  suggestIds,
  toDeviceSpec,
  toInterfaceSpec,
  validateCatalogue,
} from '../../../src/core/gainstage';
import devicesData from '../../../src/core/gainstage/catalogue/devices.json';
import interfacesData from '../../../src/core/gainstage/catalogue/interfaces.json';
import materialsData from '../../../src/core/gainstage/catalogue/materials.json';
import micsData from '../../../src/core/gainstage/catalogue/mics.json';

const data = { interfaces: interfacesData.interfaces, mics: micsData.mics, devices: devicesData.devices, materials: materialsData.materials };
type Entry = { documents: Record<string, { url: string; quote?: string }>; sources: Record<string, string>; unpublished: Record<string, string> };

describe('catalogue: interfaces, recorders, microphones, devices, materials', () => {
  it('is complete and sourced: the validator finds nothing wrong with the shipped data', () => {
    assert.deepEqual(validateCatalogue(data), []);
  });

  it('every published value cites a page, with the words read there; every unpublished one says why', () => {
    let sourced = 0;
    let unpublished = 0;
    for (const e of [...listInterfaces(), ...listMics(), ...listDevices(), ...listMaterials()] as unknown as Entry[]) {
      for (const key of Object.values(e.sources)) {
        const doc = e.documents[key]!;
        assert.match(doc.url, /^https?:\/\//);
        assert.ok((doc.quote ?? '').length > 10, `${key} has a quote`);
        sourced++;
      }
      for (const why of Object.values(e.unpublished)) assert.ok(why.length > 5);
      unpublished += Object.keys(e.unpublished).length;
    }
    assert.ok(sourced > 400, `${sourced} sourced values`);
    assert.ok(unpublished > 0);
  });

  it('at least 30 interfaces and recorders (with the 3rd Gen Solo and 2i2 and 32-bit float recorders), 35 microphones of every type (shotguns and pads included), the devices and the six materials', () => {
    const ifaces = listInterfaces();
    const mics = listMics();
    assert.ok(ifaces.length >= 30, `${ifaces.length} interfaces`);
    for (const id of ['focusrite-scarlett-solo-3rd-gen', 'focusrite-scarlett-2i2-3rd-gen']) assert.ok(findInterface(id), id);
    assert.ok(ifaces.some((i) => i.category === 'recorder' && i.float32 === true));
    assert.ok(mics.length >= 35, `${mics.length} mics`);
    for (const type of ['dynamic', 'condenser', 'ribbon', 'active-ribbon']) assert.ok(mics.filter((m) => m.type === type).length >= 3, type);
    assert.ok(mics.filter((m) => m.shotgun).length >= 4);
    assert.ok(mics.some((m) => (m.pads?.length ?? 0) > 0));
    assert.ok(listDevices().filter((d) => d.type === 'booster').length >= 3);
    assert.ok(listDevices().filter((d) => d.type === 'di').length >= 3);
    assert.deepEqual(
      listMaterials()
        .map((m) => m.id)
        .sort(),
      ['acoustic-instrument', 'di-line', 'drums', 'field-ambience', 'speech', 'sung-vocal'],
    );
    const ids = [...ifaces, ...mics, ...listDevices()].map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('the validator names each kind of mistake', () => {
    const good = structuredClone(interfacesData.interfaces.find((i) => i.id === 'focusrite-scarlett-18i20-3rd-gen')!) as unknown as Record<string, unknown> &
      Entry & { kinds: Record<string, Record<string, unknown>> };
    const noSource = structuredClone(good);
    delete noSource.sources['kinds.mic.einDbu'];
    const nullNoReason = structuredClone(good);
    nullNoReason.kinds.mic!.einDbu = null;
    delete nullNoReason.sources['kinds.mic.einDbu'];
    const overlap = {
      ...structuredClone(good),
      id: 'overlap',
      inputs: [
        { first: 1, last: 4, kinds: ['mic'], pad: null },
        { first: 3, last: 8, kinds: ['mic'], pad: null },
      ],
    };
    const mic = micsData.mics.find((m) => m.id === 'shure-sm57')!;
    const errors = validateCatalogue({
      ...data,
      interfaces: [{ ...noSource, id: 'a' }, { ...nullNoReason, id: 'b' }, overlap, { ...good, id: 'Bad Id' }],
      mics: [{ ...mic, phantomRequired: true }],
    });
    assert.deepEqual(errors, [
      'interface Bad Id: id must be kebab-case',
      'interface a: kinds.mic.einDbu has no source',
      'interface b: kinds.mic.einDbu is null without a reason in "unpublished"',
      'interface overlap: inputs[1]: input 3 is in two groups',
      'mic shure-sm57: phantomRequired contradicts type dynamic',
    ]);
  });

  it("catalogue entries become the chain model's interface: what is not published listed, never filled in", () => {
    const s = toInterfaceSpec(findInterface('focusrite-scarlett-4i4-4th-gen')!);
    assert.deepEqual(s.kinds.mic, { gainRangeDb: [0, 69], maxInputDbu: 16, einDbu: -127, dynamicRangeDb: 116 });
    assert.deepEqual(s.kinds['line-fixed'], { gainRangeDb: [0, 0], maxInputDbu: 22, einDbu: null, dynamicRangeDb: 115.5 });
    assert.ok(s.unpublished.includes('pads'));
    assert.equal(s.monitorPairs, null);
    assert.equal(findInterface('no-such-interface'), undefined);
    // 14.1 mV/Pa = 20 log10(0.0141) = -37.0 dBV/Pa (the quote keeps the printed figure).
    assert.equal(findMic('audio-technica-at2020')!.sensitivityDbvPa, -37);
    assert.deepEqual(findMic('audio-technica-at4040')!.pads, [{ db: 10, maxSplDb: 155 }]);
  });

  it('a device whose 48 V behaviour is not published becomes usable only with the rig saying it', () => {
    const c = findDevice('cloud-microphones-cloudlifter')!;
    assert.equal(toDeviceSpec(c), null);
    assert.equal(toDeviceSpec(c, { needsPhantom: true, passesPhantom: false })!.needsPhantom, true);
  });

  it('suggests the ids that were meant', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    const ifaceIds = listInterfaces().map((i) => i.id);
    const micIds = listMics().map((m) => m.id);
    assert.deepEqual(suggestIds('focusrite-scarlett-2i2', ifaceIds), ['focusrite-scarlett-2i2-3rd-gen', 'focusrite-scarlett-2i2-4th-gen']);
    assert.deepEqual(suggestIds('motu-m3', ifaceIds), ['motu-m2']);
    assert.deepEqual(suggestIds('shure-sm-58', micIds), ['shure-sm58']);
    assert.deepEqual(suggestIds('neuman-u87-ai', micIds), ['neumann-u-87-ai']);
    assert.deepEqual(suggestIds('acme-q7', ifaceIds), []);
  });
});
