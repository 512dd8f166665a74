import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkRig, parseRig, type RigProblem } from '../../../src/core/gainstage';
import { scratch } from '../../support/reference/tools';

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

  it('catalogue ids are reported until the catalogue exists', () => {
    const text = JSON.stringify({ interface: 'focusrite-scarlett-2i2', inputs: [] });
    const ps = check(text);
    assert.deepEqual(codes(ps), ['unknown-interface']);
    assert.equal(textAt(text, ps[0]!), '"focusrite-scarlett-2i2"');
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
    assert.deepEqual(Object.keys(iface).sort(), Object.keys(IFACE).sort());
    assert.deepEqual(Object.keys(schema.properties.inputs.items.properties).sort(), ['id', 'inputType', 'name', 'padDb', 'phantom', 'preampGainDb', 'source', 'takes']);
    assert.deepEqual(Object.keys(schema.properties.inputs.items.properties.source.properties.mic.oneOf[0].properties).sort(), ['maxSplDb', 'name', 'selfNoiseDbA', 'sensitivityDbvPa', 'type']);
    assert.deepEqual(Object.keys(schema.properties.requirements.properties).sort(), ['headphoneOutputs', 'midiIn', 'midiOut', 'monitorSets', 'phantomChannels', 'simultaneousInputs']);
  });
  it('the documented example rig parses with only its deliberate problem', () => {
    const text = readFileSync(resolve(__dirname, '../../../docs/examples/studio.headroom.json'), 'utf8');
    assert.deepEqual(codes(check(text)), ['too-few-headphone-outs']);
  });
});
