import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inputsToFit, recommendInterfaces } from '../../../src/core/gainstage/recommend';
import { parseRig } from '../../../src/core/gainstage/rig';
import { rigNeeds, rigView } from '../../../src/core/diagram/rigView';
import { all, hasClass, parseXml } from './xml';

const style = readFileSync(join(__dirname, '..', '..', '..', 'media', 'diagram.css'), 'utf8');
const fixture = readFileSync(join(__dirname, '..', '..', 'fixtures', 'workspace', 'studio.headroom.json'), 'utf8');

describe('rig view (what the panel and the export show)', () => {
  it('the fixture rig: diagram, requirement lines raised to what the inputs need, ranked fits, problem counts', () => {
    const doc = parseRig(fixture, 'studio.headroom.json');
    const v = rigView(doc, 'studio.headroom.json', style);
    assert.ok(v.ok);
    assert.equal(v.title, 'Vocal and guitar, room B');
    assert.equal(v.interfaceName, 'Two-preamp desktop interface');
    // Two mic inputs need two preamps; the condenser needs phantom even though the rig has it off.
    assert.deepEqual(
      v.requirements.map((r) => `${r.key} ${r.need}/${r.have} ${r.pass}`),
      ['simultaneousInputs 2/2 true', 'micPreamps 2/2 true', 'phantomChannels 2/2 true', 'monitorSets 1/1 true', 'headphoneOutputs 2/1 false'],
    );
    assert.deepEqual(v.fits, recommendInterfaces(rigNeeds(doc), inputsToFit(doc)));
    assert.ok(v.fits.length > 0 && v.fits[0]!.fits, 'some catalogue interface fits this small session');
    assert.deepEqual(v.problems, { errors: 2, warnings: 1, infos: 0 }, 'condenser without phantom, too few headphone outputs; the guitar above its target');
    const svg = parseXml(v.svg);
    assert.equal(all(svg, (e) => e.name === 'style').length, 1);
    assert.deepEqual(
      all(svg, hasClass('input-row')).map((r) => r.attrs['data-input']),
      ['vox', 'gtr'],
    );
    assert.ok(all(svg, hasClass('fit')).length === Math.min(10, v.fits.length));
    const webview = rigView(doc, 'studio.headroom.json');
    assert.ok(webview.ok && !webview.svg.includes('<style'));
    const inPanel = parseXml(webview.svg);
    assert.equal(all(inPanel, hasClass('requirement')).length + all(inPanel, hasClass('fit')).length, 0, 'the webview lists the check beside the diagram');
    assert.equal(all(svg, hasClass('requirement')).length, 5);
  });

  it('a file that is not a rig yet says why, with the first error', () => {
    assert.deepEqual(rigView(parseRig('[1,', 'a.headroom.json'), 'a.headroom.json', style), {
      ok: false,
      title: 'a.headroom.json',
      message: 'a.headroom.json does not describe a rig yet: JSON syntax: ValueExpected.',
    });
    const noInterface = rigView(parseRig('{"name": "x", "inputs": []}', 'b.headroom.json'), 'b.headroom.json', style);
    assert.equal(noInterface.ok, false);
    assert.match(
      !noInterface.ok ? noInterface.message : '',
      /^b\.headroom\.json does not describe a rig yet: "interface" is missing: expected an object describing the audio interface, or a catalogue id\.$/,
    );
  });

  it('counts every problem, information included: an input far under target is not "no problems"', () => {
    // The fixture's guitar input, set 35 dB too low, and its vocal given phantom: only the info is left, besides the headphones.
    const text = fixture.replace('"phantom": false', '"phantom": true').replace('"preampGainDb": 50', '"preampGainDb": 15');
    const v = rigView(parseRig(text, 'studio.headroom.json'), 'studio.headroom.json');
    assert.ok(v.ok);
    assert.ok(v.problems.infos >= 1, JSON.stringify(v.problems));
    assert.equal(v.problems.errors, 1, 'too few headphone outputs');
  });
});
