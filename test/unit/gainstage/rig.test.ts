import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkRig, evaluateInput, findInterface, listInterfaces, listMics, parseRig, type RigProblem } from '../../../src/core/gainstage';
import { schemaWithEnums } from '../../../scripts/gen-schema-enums';
import { scratch } from '../../support/scratch';

const IFACE = {
  name: 'Test 2x2',
  micPreamps: 2,
  inputs: 2,
  gainRangeDb: [0, 56],
  maxInputDbu: { mic: 10, line: 22, instrument: 12 },
  einDbu: -128,
  phantom: { switching: 'per-channel', channels: 2 },
  converterReferenceDbu: 18,
  lineOutputs: 2,
  monitorPairs: 1,
  headphoneOutputs: 1,
  midi: { in: 1, out: 1 },
};
const CONDENSER = { name: 'LDC', type: 'condenser', sensitivityDbvPa: -31, maxSplDb: 117, selfNoiseDbA: 12 };
const SM58 = { name: 'SM58', type: 'dynamic', sensitivityDbvPa: -54.5, maxSplDb: null, selfNoiseDbA: null };

function rig(inputs: object[], extra: object = {}): string {
  return JSON.stringify({ name: 'test', interface: IFACE, inputs, ...extra }, null, 2);
}
const vox = (over: object = {}) => ({ id: 'vox', inputType: 'mic', source: { kind: 'mic', mic: CONDENSER, peakSplDb: 110 }, phantom: true, padDb: 0, preampGainDb: 20, ...over });
const check = (text: string) => checkRig(parseRig(text, 'rig.headroom.json'));
const codes = (ps: RigProblem[]) => ps.map((p) => p.code);
const textAt = (text: string, p: RigProblem) => text.slice(p.range.offset, p.range.offset + p.range.length);
function applyFix(text: string, p: RigProblem): string {
  assert.ok(p.fix, `${p.code} has a fix`);
  let out = text;
  for (const e of [...p.fix.edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
  return out;
}

describe('rig files: parsing and checks', () => {
  it('a well-staged rig has no problems', () => assert.deepEqual(codes(check(rig([vox()]))), []));

  it('syntax errors and wrong types point at the offending characters; comments and trailing commas are fine', () => {
    const broken = '{ "interface": { "name": "x", }, "inputs": [ { "id": 3 } ] , }';
    const ps = check(broken);
    assert.ok(ps.some((p) => p.code === 'invalid-value' && textAt(broken, p) === '3'));
    const syntax = check('{ "name": "x" "interface": {} }');
    assert.equal(syntax[0]!.code, 'syntax');
    assert.equal(syntax[0]!.range.offset, 14);
    assert.deepEqual(codes(check('// studio\n' + rig([vox()]))), []);
  });

  it('condenser with phantom off: error at the phantom value, quick fix turns it on', () => {
    const text = rig([vox({ phantom: false })]);
    const p = check(text).find((x) => x.code === 'phantom-off-condenser')!;
    assert.equal(p.severity, 'error');
    assert.equal(textAt(text, p), 'false');
    assert.deepEqual(codes(check(applyFix(text, p))), []);
  });

  it('passive ribbon with phantom on: warning with a fix', () => {
    const ribbon = { name: 'R', type: 'ribbon', sensitivityDbvPa: -52, maxSplDb: 135, selfNoiseDbA: null };
    const text = rig([vox({ source: { kind: 'mic', mic: ribbon, peakSplDb: 105 }, preampGainDb: 50 })]);
    const p = check(text).find((x) => x.code === 'ribbon-phantom')!;
    assert.equal(p.severity, 'warning');
    assert.equal(codes(check(applyFix(text, p))).includes('ribbon-phantom'), false);
  });

  it('a +4 dBu line source (peaks +16 dBu) into a mic input: no-pad warning and preamp overload with a pad fix', () => {
    const text = rig([{ id: 'synth', inputType: 'mic', source: { kind: 'line', peakDbu: 16 }, preampGainDb: 0 }]);
    const ps = check(text);
    assert.deepEqual(codes(ps).sort(), ['line-into-mic-no-pad', 'preamp-overload']);
    const overload = ps.find((p) => p.code === 'preamp-overload')!;
    assert.match(overload.message, /6 dB above the mic input's maximum \(10 dBu\): engage a 10 dB pad/);
    const padded = applyFix(text, overload);
    assert.equal(codes(check(padded)).includes('preamp-overload'), false);
    const lineInput = applyFix(text, ps.find((p) => p.code === 'line-into-mic-no-pad')!);
    assert.deepEqual(codes(check(lineInput)), []);
  });

  it('gain outside the preamp range: error at the gain, fix sets the suggested gain', () => {
    const text = rig([vox({ source: { kind: 'mic', mic: SM58, peakSplDb: 100 }, phantom: false, preampGainDb: 70 })]);
    const p = check(text).find((x) => x.code === 'gain-out-of-range')!;
    assert.equal(textAt(text, p), '70');
    assert.match(p.message, /outside Test 2x2's range \(0–56 dB\)\. For more gain use an inline booster/);
    assert.match(p.fix!.description, /Set preamp gain to 54\.3 dB/);
    assert.deepEqual(codes(check(applyFix(text, p))), []);
  });

  it('a quiet source beyond the preamp: booster advice', () => {
    const text = rig([vox({ source: { kind: 'mic', mic: SM58, peakSplDb: 70 }, phantom: false, preampGainDb: 56 })]);
    const p = check(text).find((x) => x.code === 'gain-too-low-booster')!;
    assert.match(p.message, /peaks reach only -38\.3 dBFS: use an inline booster of about \+29 dB/);
  });

  it('converter clip and off-target gain', () => {
    const hot = rig([vox({ preampGainDb: 40 })]);
    const clip = check(hot).find((x) => x.code === 'converter-clip')!;
    assert.match(clip.message, /reaches 9\.2 dBFS/);
    assert.deepEqual(codes(check(applyFix(hot, clip))), []);
    const low = rig([vox({ preampGainDb: 5 })]);
    const hint = check(low).find((x) => x.code === 'gain-off-target')!;
    assert.equal(hint.severity, 'info');
    assert.deepEqual(codes(check(applyFix(low, hint))), []);
  });

  it('interface capacity and studio requirements', () => {
    const three = rig([vox(), vox({ id: 'b' }), vox({ id: 'vox' })], { requirements: { headphoneOutputs: 3, monitorSets: 2, midiIn: 2 } });
    const ps = check(three);
    for (const c of ['duplicate-input-id', 'too-many-inputs', 'too-many-mic-inputs', 'too-many-phantom', 'too-few-headphone-outs', 'too-few-monitor-sets', 'no-midi']) assert.ok(codes(ps).includes(c), c);
    assert.equal(textAt(three, ps.find((p) => p.code === 'too-few-headphone-outs')!), '3');
  });

  it('an unknown interface id: error on the id, the closest id suggested, and a quick fix that uses it', () => {
    const text = JSON.stringify({ interface: 'focusrite-scarlett-2i2', inputs: [] }, null, 2);
    const ps = check(text);
    assert.deepEqual(codes(ps), ['unknown-interface']);
    assert.equal(textAt(text, ps[0]!), '"focusrite-scarlett-2i2"');
    assert.match(ps[0]!.message, /^No interface "focusrite-scarlett-2i2" in the catalogue: did you mean "focusrite-scarlett-2i2-4th-gen"\? Or describe it inline/);
    assert.equal(ps[0]!.fix!.description, 'Use "focusrite-scarlett-2i2-4th-gen"');
    const fixed = applyFix(text, ps[0]!);
    assert.equal(JSON.parse(fixed).interface, 'focusrite-scarlett-2i2-4th-gen');
    assert.deepEqual(codes(check(fixed)), []);
    const far = check(JSON.stringify({ interface: 'zoom-h6', inputs: [] }));
    assert.match(far[0]!.message, /^No interface "zoom-h6" in the catalogue\. Or describe it inline/);
    assert.equal(far[0]!.fix, undefined);
  });
});

describe('rig files: catalogue interfaces and microphones', () => {
  const SM58_INPUT = { id: 'vox', source: { kind: 'mic', mic: 'shure-sm58', peakSplDb: 100 }, preampGainDb: 40 };
  const byId = (inputs: object[], extra: object = {}) => JSON.stringify({ name: 'test', interface: 'focusrite-scarlett-4i4-4th-gen', inputs, ...extra }, null, 2);

  it('"interface" and "mic" ids evaluate to the same chain as the same values written inline', () => {
    const inline = JSON.stringify({
      name: 'test',
      interface: {
        name: 'Focusrite Scarlett 4i4 4th Gen',
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
      },
      inputs: [{ ...SM58_INPUT, source: { kind: 'mic', mic: { name: 'Shure SM58', type: 'dynamic', sensitivityDbvPa: -54.5, maxSplDb: null, selfNoiseDbA: null }, peakSplDb: 100 } }],
    });
    const a = parseRig(byId([SM58_INPUT]), 'a.headroom.json').rig!;
    const b = parseRig(inline, 'b.headroom.json').rig!;
    assert.deepEqual({ ...a.interface, catalogueId: undefined }, { ...b.interface, catalogueId: undefined });
    assert.equal(a.interface.catalogueId, 'focusrite-scarlett-4i4-4th-gen');
    assert.deepEqual(a.inputs[0]!.source, b.inputs[0]!.source);
    const ea = evaluateInput(a, a.inputs[0]!);
    assert.deepEqual(ea, evaluateInput(b, b.inputs[0]!));
    // SM58 at 100 dB SPL: -54.5 + 6 + 2.2185 = -46.28 dBu; +40 dB = -6.28 dBu; 0 dBFS = +18 dBu (assumed).
    assert.ok(Math.abs(ea.recordedPeakDbfs - -24.28) < 0.01, `${ea.recordedPeakDbfs}`);
    // EIN -127 dBu + 40 dB = -87 dBu = -105 dBFS; the mic input takes +16 dBu, 62.3 dB above the peak.
    assert.ok(Math.abs(ea.noiseFloorDbfs! - -105) < 1e-9);
    assert.ok(Math.abs(ea.stages.find((s) => s.stage === 'preamp-input')!.headroomDb! - 62.28) < 0.01);
  });

  it('an unknown mic id: error on the id with a suggestion; a mic without a published sensitivity cannot be levelled', () => {
    const text = byId([{ ...SM58_INPUT, source: { kind: 'mic', mic: 'shure-sm-58', peakSplDb: 100 } }]);
    const p = check(text).find((x) => x.code === 'unknown-mic')!;
    assert.equal(textAt(text, p), '"shure-sm-58"');
    assert.match(p.message, /did you mean "shure-sm58"\?/);
    assert.equal(codes(check(applyFix(text, p))).includes('unknown-mic'), false);
    const royer = byId([{ ...SM58_INPUT, source: { kind: 'mic', mic: 'royer-r-121', peakSplDb: 100 } }]);
    const q = check(royer).find((x) => x.code === 'mic-sensitivity-unknown')!;
    assert.equal(textAt(royer, q), '"royer-r-121"');
    assert.match(q.message, /^Royer R-121's sensitivity is not published/);
  });

  it('unpublished interface values are reported once and never turned into numbers', () => {
    // SSL 2: no published gain range, maximum levels or EIN.
    const text = JSON.stringify({ interface: 'ssl-2', inputs: [{ id: 'vox', source: { kind: 'mic', mic: 'audio-technica-at2020', peakSplDb: 140 }, phantom: true, preampGainDb: 90 }] }, null, 2);
    const ps = check(text);
    // 90 dB of gain is not "out of range" when no range is published, and a 140 dB SPL peak
    // (+5.2 dBu from the AT2020) overloads no published input level; the converter clip is certain.
    assert.deepEqual(codes(ps), ['spec-unpublished', 'converter-clip', 'noise-floor-high']);
    assert.equal(
      ps[0]!.message,
      'Not published for Solid State Logic SSL 2: the preamp gain range (gain settings are not checked against it); the maximum mic input level (preamp overload is not checked); the EIN (noise floors count the mic alone); the converter reference (assuming 0 dBFS = +18 dBu; set "converterReferenceDbu" to override).',
    );
    assert.equal(textAt(text, ps[0]!), '"ssl-2"');
    // AT2020 self-noise 20 dB-A: -37 + (20 - 94) + 2.2185 = -108.8 dBu; +90 dB - 18 = -36.8 dBFS at least.
    assert.match(ps[2]!.message, /the noise floor will be at least -36\.8 dBFS \(the preamp's EIN is not published\)/);
    const rig = parseRig(text, 'x').rig!;
    const e = evaluateInput(rig, rig.inputs[0]!);
    assert.equal(e.stages.find((s) => s.stage === 'preamp-input')!.headroomDb, null);
    assert.equal(e.advice.boosterDb, 0);
    assert.deepEqual(codes(check(JSON.stringify({ interface: 'ssl-2', converterReferenceDbu: 18, inputs: [] }))), []);
  });

  it('outputs: monitor sets and headphone mixes parse to the rig, each checked against the interface', () => {
    const outputs = { monitorSets: [{ name: 'Mains', output: 'Line 1-2' }, { name: 'Nearfields', output: 'Line 3-4' }], headphoneMixes: [{ name: 'Singer', output: 1 }, { name: 'Drummer', output: 2 }] };
    const text = byId([], { outputs, converterReferenceDbu: 18 });
    const doc = parseRig(text, 'x');
    assert.deepEqual(doc.rig!.outputs, outputs);
    const ps = checkRig(doc);
    assert.deepEqual(codes(ps), ['too-many-monitor-sets', 'no-such-headphone-output']);
    assert.equal(ps[0]!.message, '2 monitor sets but Focusrite Scarlett 4i4 4th Gen has 1 monitor output pair to switch between.');
    assert.match(textAt(text, ps[0]!), /^\[\s+\{\s+"name": "Mains"/);
    assert.equal(ps[1]!.message, 'Headphone mix "Drummer" is on output 2, but Focusrite Scarlett 4i4 4th Gen has headphone output 1 only.');
    assert.equal(textAt(text, ps[1]!), '2');
    // The outputs in use raise the needs: a monitor pair per set, a headphone output per mix.
    assert.deepEqual(doc.needs, { monitorSets: 2, headphoneOutputs: 2 });
    assert.deepEqual(parseRig(byId([]), 'x').rig!.outputs, { monitorSets: [], headphoneMixes: [] });
    const bad = byId([], { outputs: { headphoneMixes: [{ name: 'Singer', output: 1.5 }, { name: 'Bass', output: 'two' }] } });
    const badPs = check(bad).filter((p) => p.code === 'invalid-value');
    assert.deepEqual(badPs.map((p) => textAt(bad, p)), ['1.5', '"two"']);
  });

  it('needs: the stated requirements raised by the inputs in use, condensers counted for phantom even when it is off', () => {
    const text = byId(
      [
        { id: 'a', source: { kind: 'mic', mic: 'neumann-u-87-ai', peakSplDb: 100 }, phantom: false, preampGainDb: 30 },
        { id: 'b', source: { kind: 'mic', mic: 'shure-sm57', peakSplDb: 100 }, preampGainDb: 50 },
        { id: 'c', inputType: 'line', source: { kind: 'line', peakDbu: 16 }, preampGainDb: 0 },
        { id: 'd', source: { kind: 'mic', mic: 'no-such-mic', peakSplDb: 100 }, phantom: true, preampGainDb: 30 },
      ],
      { requirements: { simultaneousInputs: 6, headphoneOutputs: 1 } },
    );
    assert.deepEqual(parseRig(text, 'x').needs, { simultaneousInputs: 6, headphoneOutputs: 1, micPreamps: 3, phantomChannels: 2 });
  });

  it('requirements on preamp count, EIN and sample rate', () => {
    const req = (r: object, iface = 'focusrite-scarlett-4i4-4th-gen') => check(JSON.stringify({ interface: iface, converterReferenceDbu: 18, inputs: [], requirements: r }));
    const ps = req({ micPreamps: 4, maxEinDbu: -128, sampleRateHz: 384000 });
    assert.deepEqual(codes(ps), ['requirement-mic-preamps', 'requirement-ein', 'requirement-sample-rate']);
    assert.equal(ps[1]!.message, "The studio needs preamps with an EIN of -128 dBu or lower; Focusrite Scarlett 4i4 4th Gen's is -127 dBu.");
    assert.equal(ps[1]!.severity, 'error');
    assert.deepEqual(codes(req({ micPreamps: 2, maxEinDbu: -127, sampleRateHz: 96000 })), []);
    const unknown = req({ maxEinDbu: -127 }, 'universal-audio-volt-2').find((p) => p.code === 'requirement-ein')!;
    assert.equal(unknown.severity, 'warning');
    assert.match(unknown.message, /Universal Audio Volt 2's EIN is not published\.$/);
  });

  it('phantom switched in groups: a passive ribbon beside a condenser is a risk to check', () => {
    const text = JSON.stringify({
      interface: 'focusrite-clarett-8pre-usb',
      converterReferenceDbu: 18,
      inputs: [
        { id: 'vox', source: { kind: 'mic', mic: 'neumann-tlm-103', peakSplDb: 110 }, phantom: true, preampGainDb: 23 },
        { id: 'oh', source: { kind: 'mic', mic: 'coles-4038', peakSplDb: 120 }, preampGainDb: 57 },
      ],
    });
    const p = check(text).find((x) => x.code === 'global-phantom-ribbon')!;
    assert.equal(p.message, 'Focusrite Clarett 8Pre USB switches phantom power in groups of 4 inputs: keep the passive ribbon out of any group that has 48 V on.');
  });
});

describe('headroom rig check', function () {
  this.timeout(30000);
  const cli = join(resolve(__dirname, '../../..'), 'dist', 'cli.js');
  const run = (...args: string[]) => spawnSync('node', [cli, 'rig', ...args], { encoding: 'utf8' });
  it('prints file:line:col findings and follows the exit-status conventions', () => {
    const file = join(scratch, 'phantom.headroom.json');
    writeFileSync(file, rig([vox({ phantom: false })]));
    const r = run('check', file);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /phantom\.headroom\.json:\d+:\d+: error phantom-off-condenser: .* \(fix: Turn phantom power on\)/);
    assert.equal(run('check', '--fail-on', 'error', file).status, 1);
    const json = JSON.parse(run('check', '--json', file).stdout);
    assert.equal(json.problems[0].code, 'phantom-off-condenser');
    assert.equal(json.chains[0].input, 'vox');
    const broken = join(scratch, 'broken.headroom.json');
    writeFileSync(broken, '{ not json');
    assert.equal(run('check', broken).status, 2);
    assert.equal(run('check', join(scratch, 'missing.headroom.json')).status, 2);
    assert.equal(run('lint', file).status, 64);
  });
});

describe('rig schema', () => {
  const schema = JSON.parse(readFileSync(resolve(__dirname, '../../../schemas/headroom-rig.schema.json'), 'utf8'));
  it('describes every field the parser reads, and nothing it does not', () => {
    const iface = schema.properties.interface.oneOf[1].properties;
    assert.deepEqual(Object.keys(iface).sort(), [...Object.keys(IFACE), 'sampleRates'].sort());
    assert.deepEqual(Object.keys(iface.phantom.properties).sort(), ['channels', 'groupSize', 'switching']);
    assert.deepEqual(Object.keys(schema.properties.outputs.properties).sort(), ['headphoneMixes', 'monitorSets']);
    assert.deepEqual(Object.keys(schema.properties.outputs.properties.headphoneMixes.items.properties).sort(), ['name', 'output']);
    assert.deepEqual(Object.keys(schema.properties.inputs.items.properties).sort(), ['id', 'inputType', 'name', 'padDb', 'phantom', 'preampGainDb', 'source', 'takes']);
    assert.deepEqual(Object.keys(schema.properties.inputs.items.properties.source.properties.mic.oneOf[0].properties).sort(), ['maxSplDb', 'name', 'selfNoiseDbA', 'sensitivityDbvPa', 'type']);
    assert.deepEqual(Object.keys(schema.properties.requirements.properties).sort(), ['headphoneOutputs', 'maxEinDbu', 'micPreamps', 'midiIn', 'midiOut', 'monitorSets', 'phantomChannels', 'sampleRateHz', 'simultaneousInputs']);
  });
  it('completes every catalogue id and no other: the enums match the data (run scripts/gen-schema-enums.ts when they do not)', () => {
    assert.deepEqual(schemaWithEnums(schema, listInterfaces(), listMics()), schema);
    const ids = schema.properties.interface.oneOf.find((b: { type?: string }) => b.type === 'string').enum;
    assert.deepEqual(ids, listInterfaces().map((i) => i.id));
    assert.ok(ids.includes('focusrite-scarlett-4i4-4th-gen'));
    const micIds = schema.properties.inputs.items.properties.source.properties.mic.oneOf.find((b: { type?: string }) => b.type === 'string').enum;
    assert.deepEqual(micIds, listMics().map((m) => m.id));
    assert.ok(findInterface(ids[0]));
  });
  it('the documented example rig uses catalogue ids and outputs, with only its deliberate problem and the unpublished converter reference', () => {
    const text = readFileSync(resolve(__dirname, '../../../docs/examples/studio.headroom.json'), 'utf8');
    const doc = parseRig(text, 'studio.headroom.json');
    assert.equal(doc.rig!.interface.catalogueId, 'focusrite-scarlett-4i4-4th-gen');
    assert.deepEqual(doc.rig!.outputs, { monitorSets: [{ name: 'Mains', output: 'Line 1-2' }], headphoneMixes: [{ name: 'Singer', output: 1 }] });
    assert.deepEqual(codes(checkRig(doc)), ['spec-unpublished', 'too-few-headphone-outs']);
  });
  it('the integration fixture still carries its two deliberate problems', () => {
    const text = readFileSync(resolve(__dirname, '../../fixtures/workspace/studio.headroom.json'), 'utf8');
    const ps = check(text);
    assert.deepEqual(codes(ps), ['phantom-off-condenser', 'too-few-headphone-outs']);
    assert.equal(textAt(text, ps[0]!), 'false');
  });
});
