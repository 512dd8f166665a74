import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  adviseRig,
  checkRig,
  evaluateInput,
  findInterface,
  fixEdits,
  listDevices,
  listInterfaces,
  listMics,
  parseRig,
  RIG_LIMITS,
  type RigProblem,
} from '../../../src/core/gainstage';
import { schemaWithEnums } from '../../../scripts/gen-schema-enums';
import { scratch } from '../../support/scratch';

// An inline two-input interface: +10 dBu mic and +22 dBu line at minimum gain, 0-56 dB, 10 dB pads.
const IFACE = {
  name: 'Test 2x2',
  inputs: [{ first: 1, last: 2, kinds: ['mic', 'line', 'instrument'], pad: { db: 10 } }],
  kinds: {
    mic: { gainRangeDb: [0, 56], maxInputDbu: 10, einDbu: -128, dynamicRangeDb: 110 },
    line: { gainRangeDb: [0, 56], maxInputDbu: 22, dynamicRangeDb: 110 },
    instrument: { gainRangeDb: [0, 56], maxInputDbu: 12, dynamicRangeDb: 110 },
  },
  phantom: { switching: 'per-channel', channels: 2 },
  lineOutputs: 2,
  monitorPairs: 1,
  headphoneOutputs: 1,
  midi: { in: 1, out: 1 },
};
const CONDENSER = { name: 'LDC', type: 'condenser', sensitivityDbvPa: -31, maxSplDb: 135, selfNoiseDbA: 12 };
const SM58 = { name: 'SM58', type: 'dynamic', sensitivityDbvPa: -54.5, maxSplDb: null, selfNoiseDbA: null };

function rig(inputs: object[], extra: object = {}): string {
  return JSON.stringify({ name: 'test', interface: IFACE, inputs, ...extra }, null, 2);
}
// LDC at 110 dB SPL: -31 + 16 + 2.2185 = -12.78 dBu; at 12 dB full scale is 10 - 12 = -2 dBu -> -10.78 dBFS.
const vox = (over: object = {}) => ({
  id: 'vox',
  inputType: 'mic',
  source: { kind: 'mic', mic: CONDENSER, peakSplDb: 110 },
  phantom: true,
  padDb: 0,
  preampGainDb: 12,
  ...over,
});
const check = (text: string) => checkRig(parseRig(text, 'rig.headroom.json'));
const codes = (ps: RigProblem[]) => ps.map((p) => p.code);
const textAt = (text: string, p: RigProblem) => text.slice(p.range.offset, p.range.offset + p.range.length);
function applyFix(text: string, p: RigProblem): string {
  assert.ok(p.fix, `${p.code} has a fix`);
  let out = text;
  for (const e of [...fixEdits(text, p.fix)].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
  return out;
}

describe('rig files: parsing and checks', () => {
  it('a well-staged rig has no problems', () => assert.deepEqual(codes(check(rig([vox()]))), []));

  it('syntax errors and wrong types point at the offending characters; comments, trailing commas and a BOM are fine', () => {
    const broken = '{ "interface": { "name": "x", }, "inputs": [ { "id": 3 } ] , }';
    const ps = check(broken);
    assert.ok(ps.some((p) => p.code === 'invalid-value' && textAt(broken, p) === '3'));
    const syntax = check('{ "name": "x" "interface": {} }');
    assert.equal(syntax[0]!.code, 'syntax');
    assert.equal(syntax[0]!.range.offset, 14);
    assert.deepEqual(codes(check('// studio\n' + rig([vox()]))), []);
    assert.deepEqual(codes(check('\uFEFF' + rig([vox()]))), []);
  });

  it('every invalid field of an input is reported, not just the first', () => {
    const text = rig([
      { id: 'x', inputType: 'mic', source: { kind: 'mic', mic: { type: 'condensor', sensitivityDbvPa: 5 }, peakSplDb: 500 }, padDb: -3, preampGainDb: 'loud' },
    ]);
    const bad = check(text)
      .filter((p) => p.code === 'invalid-value')
      .map((p) => textAt(text, p));
    assert.deepEqual(bad.sort(), ['"condensor"', '"loud"', '-3', '5', '500'].sort());
  });

  it('an average above the peak is an error at the average', () => {
    const text = rig([vox({ source: { kind: 'mic', mic: CONDENSER, peakSplDb: 100, averageSplDb: 104 } })]);
    const p = check(text).find((x) => x.code === 'average-above-peak')!;
    assert.equal(p.severity, 'error');
    assert.equal(textAt(text, p), '104');
  });

  it('the old interface form is refused with the way to the new one', () => {
    const text = JSON.stringify({ interface: { name: 'x', micPreamps: 2, gainRangeDb: [0, 56], maxInputDbu: { mic: 10 } }, inputs: [] });
    const p = check(text).find((x) => x.code === 'legacy-interface')!;
    assert.match(p.message, /old form \(micPreamps, gainRangeDb, maxInputDbu\): describe its inputs as "inputs"/);
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
    // -52 + 11 + 2.2185 = -38.78 dBu; at 38 dB: -38.78 - (10 - 38) = -10.78 dBFS.
    const text = rig([vox({ source: { kind: 'mic', mic: ribbon, peakSplDb: 105 }, preampGainDb: 38 })]);
    const p = check(text).find((x) => x.code === 'ribbon-phantom')!;
    assert.equal(p.severity, 'warning');
    assert.deepEqual(codes(check(applyFix(text, p))), []);
  });

  it('a line source (peaks +16 dBu) into a mic input: a line input, the closest the hardware gets', () => {
    // +16 dBu is 6 dB over the +10 dBu mic maximum at 0 dB: the converter reads +6 dBFS.
    const text = rig([{ id: 'synth', inputType: 'mic', source: { kind: 'line', peakDbu: 16 }, preampGainDb: 0 }]);
    const ps = check(text);
    assert.deepEqual(codes(ps).sort(), ['gain-out-of-reach', 'line-into-mic-no-pad', 'preamp-overload']);
    const overload = ps.find((p) => p.code === 'preamp-overload')!;
    // The line input gets closer than the pad: +16 into +22 dBu at 0 dB -> -6 dBFS, 4 dB from the
    // target; the pad leaves it at -4 dBFS, 6 dB away.
    assert.equal(
      overload.message,
      'Input "synth": at 0 dB of gain the expected peak lands at +6.0 dBFS and overloads the preamp input by 6.0 dB. Use a line input.',
    );
    assert.ok(!codes(check(applyFix(text, overload))).includes('preamp-overload'));
    const lineInput = applyFix(
      text,
      ps.find((p) => p.code === 'line-into-mic-no-pad')!,
    );
    assert.ok(!codes(check(lineInput)).some((c) => c === 'preamp-overload' || c === 'line-into-mic-no-pad'));
  });

  it('gain outside the preamp range: error at the gain, fix clamps it', () => {
    const text = rig([vox({ source: { kind: 'mic', mic: SM58, peakSplDb: 100 }, phantom: false, preampGainDb: 70 })]);
    const p = check(text).find((x) => x.code === 'gain-out-of-range')!;
    assert.equal(textAt(text, p), '70');
    assert.equal(p.message, 'Input "vox": preamp gain 70 dB is not settable: Test 2x2 ranges 0–56 dB on mic inputs.');
    assert.equal(p.fix!.description, 'Set preamp gain to 56 dB');
  });

  it('a pad the input does not have is an error; the one it has is offered', () => {
    const text = rig([vox({ padDb: 20 })]);
    const p = check(text).find((x) => x.code === 'no-such-pad')!;
    assert.equal(p.message, 'Input "vox": Test 2x2\'s pad on this input is 10 dB, not 20 dB.');
    assert.equal(p.fix!.description, 'Use the 10 dB pad');
  });

  it('converter clip and off-target gain, each with the plan as its quick fix', () => {
    // At 30 dB: -12.78 - (10 - 30) = +7.22 dBFS.
    const hot = rig([vox({ preampGainDb: 30 })]);
    const clip = check(hot).find((x) => x.code === 'converter-clip')!;
    assert.equal(
      clip.message,
      'Input "vox": at 30 dB of gain the expected peak lands at +7.2 dBFS and clips the converter. Set the preamp to 12.8 dB (now 30 dB, range 0–56 dB).',
    );
    assert.deepEqual(codes(check(applyFix(hot, clip))), []);
    const low = rig([vox({ preampGainDb: 2 })]);
    const hint = check(low).find((x) => x.code === 'gain-off-target')!;
    assert.equal(hint.severity, 'info');
    assert.deepEqual(codes(check(applyFix(low, hint))), []);
  });

  it('a quick fix that adds a device and turns 48 V on changes both values in one edit', () => {
    // SM58 at 80 dB SPL: -54.5 - 14 + 2.2185 = -66.28 dBu; at 56 dB: -66.28 + 46 = -20.28 dBFS; +10.28 dB
    // to -10 dBFS: with the +25 dB booster, 56 + 10.28 - 25 = 41.3 dB.
    const text = rig([vox({ source: { kind: 'mic', mic: SM58, peakSplDb: 80 }, phantom: false, preampGainDb: 56 })], {
      available: [{ name: 'Booster', type: 'booster', gainDb: 25, needsPhantom: true, passesPhantom: false }],
    });
    const p = check(text).find((x) => x.code === 'gain-off-target')!;
    assert.equal(
      p.fix!.description,
      'Add an inline booster (Booster, +25 dB, needs 48 V, passes none on), turn 48 V on at the interface for it and set the preamp to 41.3 dB (now 56 dB, range 0–56 dB).',
    );
    assert.equal(fixEdits(text, p.fix!).length, 1);
    const fixed = parseRig(applyFix(text, p), 'x').rig!;
    assert.deepEqual(
      [fixed.inputs[0]!.settings.phantom, fixed.inputs[0]!.settings.gainDb, fixed.inputs[0]!.settings.devices.map((d) => d.gainDb)],
      [true, 41.3, [25]],
    );
    assert.deepEqual(codes(checkRig(parseRig(applyFix(text, p), 'x'))), []);
  });

  it('interface capacity and studio requirements', () => {
    const three = rig([vox(), vox({ id: 'b' }), vox({ id: 'vox' })], { requirements: { headphoneOutputs: 3, monitorSets: 2, midiIn: 2 } });
    const ps = check(three);
    for (const c of [
      'duplicate-input-id',
      'too-many-inputs',
      'not-enough-inputs',
      'too-many-phantom',
      'too-few-headphone-outs',
      'too-few-monitor-sets',
      'no-midi',
    ])
      assert.ok(codes(ps).includes(c), c);
    assert.equal(
      textAt(
        three,
        ps.find((p) => p.code === 'too-few-headphone-outs')!,
      ),
      '3',
    );
    assert.equal(ps.find((p) => p.code === 'too-few-headphone-outs')!.message, 'The studio needs 3 headphone outputs; Test 2x2 has 1.');
  });

  it('input numbers: one that does not exist, one used twice, one of the wrong kind', () => {
    const ps = check(
      rig([
        vox({ interfaceInput: 5 }),
        vox({ id: 'a', interfaceInput: 1 }),
        vox({ id: 'b', interfaceInput: 1 }),
        vox({ id: 'c', interfaceInput: 2, inputType: 'line-fixed' }),
      ]),
    );
    assert.deepEqual(
      codes(ps)
        .filter((c) => ['no-such-input', 'input-used-twice', 'input-kind-mismatch'].includes(c))
        .sort(),
      ['input-kind-mismatch', 'input-used-twice', 'no-such-input'],
    );
  });

  it('an unknown interface id: error on the id, the closest id suggested, and a quick fix that uses it', () => {
    const text = JSON.stringify({ interface: 'focusrite-scarlett-2i2', inputs: [] }, null, 2);
    const ps = check(text);
    assert.deepEqual(codes(ps), ['unknown-interface']);
    assert.equal(textAt(text, ps[0]!), '"focusrite-scarlett-2i2"');
    // Two ids contain it: both are named, and there is no single fix to offer.
    assert.match(
      ps[0]!.message,
      /^No interface "focusrite-scarlett-2i2" in the catalogue: did you mean "focusrite-scarlett-2i2-3rd-gen" or "focusrite-scarlett-2i2-4th-gen"\?/,
    );
    assert.equal(ps[0]!.fix, undefined);
    const typo = JSON.stringify({ interface: 'focusrite-scarlett-18i20-3rd-gn', inputs: [] }, null, 2);
    const fixed = applyFix(typo, check(typo)[0]!);
    assert.equal(JSON.parse(fixed).interface, 'focusrite-scarlett-18i20-3rd-gen');
    const far = check(JSON.stringify({ interface: 'acme-q7', inputs: [] }));
    assert.match(far[0]!.message, /^No interface "acme-q7" in the catalogue\. Or describe it inline/);
    assert.equal(far[0]!.fix, undefined);
  });
});

describe('rig files: hostile input costs bounded work', () => {
  it('nesting beyond the limit is refused before parsing, with the offset', () => {
    const deep = '{"inputs": ' + '['.repeat(5000) + ']'.repeat(5000) + '}';
    const doc = parseRig(deep, 'x');
    assert.equal(doc.rig, null);
    assert.equal(doc.problems[0]!.code, 'too-large');
    assert.match(doc.problems[0]!.message, /nests 5001 levels deep at byte \d+; a rig needs fewer than 64/);
  });

  it('a file over the size limit is refused', () => {
    const big = '{"name": "' + 'x'.repeat(RIG_LIMITS.maxBytes) + '"}';
    assert.match(parseRig(big, 'x').problems[0]!.message, /Headroom reads rig files up to 2 MB/);
  });

  it('2,000 inputs are checked (linear work: the quick fixes are computed only when asked for)', () => {
    const inputs = Array.from({ length: 2000 }, (_, i) => vox({ id: `in${i}`, preampGainDb: 30 }));
    const ps = check(rig(inputs));
    assert.equal(ps.filter((p) => p.code === 'converter-clip').length, RIG_LIMITS.maxInputs);
    assert.ok(ps.some((p) => p.code === 'too-large' && /2000 inputs: Headroom checks up to 512/.test(p.message)));
  });

  it('±1e308 and other out-of-range numbers are invalid values, never Infinity', () => {
    const text = rig([vox({ preampGainDb: 1e308, source: { kind: 'mic', mic: CONDENSER, peakSplDb: -1e308 } })]);
    const bad = check(text)
      .filter((p) => p.code === 'invalid-value')
      .map((p) => textAt(text, p));
    assert.deepEqual(bad.sort(), ['-1e+308', '1e+308'].sort());
  });
});

describe('rig files: catalogue interfaces, microphones and devices', () => {
  const SM58_INPUT = { id: 'vox', interfaceInput: 1, source: { kind: 'mic', mic: 'shure-sm58', peakSplDb: 100 }, preampGainDb: 40 };
  const byId = (inputs: object[], extra: object = {}) =>
    JSON.stringify({ name: 'test', interface: 'focusrite-scarlett-18i20-3rd-gen', inputs, ...extra }, null, 2);

  it('"interface" and "mic" ids evaluate to the same chain as the same values written inline', () => {
    const c = findInterface('focusrite-scarlett-18i20-3rd-gen')!;
    const inline = JSON.stringify({
      name: 'test',
      interface: {
        name: c.name,
        inputs: c.inputs,
        kinds: { mic: { ...c.kinds.mic, dynamicRangeDb: null }, line: c.kinds.line, instrument: c.kinds.instrument },
        phantom: c.phantom,
        lineOutputs: c.lineOutputs,
        monitorPairs: c.monitorPairs,
        headphoneOutputs: c.headphoneOutputs,
        midi: c.midi,
        sampleRates: c.sampleRates,
      },
      inputs: [
        {
          ...SM58_INPUT,
          source: {
            kind: 'mic',
            mic: { name: 'Shure SM58', type: 'dynamic', sensitivityDbvPa: -54.5, maxSplDb: null, selfNoiseDbA: null, pads: null },
            peakSplDb: 100,
          },
        },
      ],
    });
    const a = parseRig(byId([SM58_INPUT]), 'a.headroom.json').rig!;
    const b = parseRig(inline, 'b.headroom.json').rig!;
    const ea = evaluateInput(a, a.inputs[0]!);
    assert.deepEqual(ea, evaluateInput(b, b.inputs[0]!));
    // SM58 at 100 dB SPL: -54.5 + 6 + 2.2185 = -46.28 dBu; at 40 dB full scale is 9 - 40 = -31 dBu -> -15.28 dBFS.
    assert.ok(Math.abs(ea.recordedPeakDbfs! - -15.28) < 0.01, `${ea.recordedPeakDbfs}`);
    // EIN -128 dBu - (-31) = -97 dBFS; the mic's +9 dBu maximum sits 55.3 dB above the peak.
    assert.ok(Math.abs(ea.noiseFloorDbfs! - -97) < 1e-9);
    assert.ok(Math.abs(ea.stages.find((s) => s.stage === 'preamp-input')!.headroomDb! - 55.28) < 0.01);
  });

  it('an unknown mic id: error on the id with a suggestion; a mic without a published sensitivity cannot be levelled', () => {
    const text = byId([{ ...SM58_INPUT, source: { kind: 'mic', mic: 'shure-sm-58', peakSplDb: 100 } }]);
    const p = check(text).find((x) => x.code === 'unknown-mic')!;
    assert.equal(textAt(text, p), '"shure-sm-58"');
    assert.match(p.message, /did you mean "shure-sm58"\?/);
    const royer = byId([{ ...SM58_INPUT, source: { kind: 'mic', mic: 'royer-r-121', peakSplDb: 100 } }]);
    const q = check(royer).find((x) => x.code === 'mic-sensitivity-unknown')!;
    assert.match(q.message, /^Royer R-121's sensitivity is not published/);
  });

  it('a catalogue device whose gain or 48 V behaviour is not published takes them from the rig, never from a guess', () => {
    const bare = byId([{ ...SM58_INPUT, devices: ['cloud-microphones-cloudlifter'], phantom: true }]);
    const p = check(bare).find((x) => x.code === 'invalid-value')!;
    assert.match(p.message, /needsPhantom, passesPhantom the rig gives, since Cloud Microphones Cloudlifter/i);
    const given = byId([
      {
        ...SM58_INPUT,
        devices: [{ device: 'cloud-microphones-cloudlifter', gainDb: 25, needsPhantom: true, passesPhantom: false }],
        phantom: true,
        preampGainDb: 15,
      },
    ]);
    const doc = parseRig(given, 'x');
    assert.deepEqual(doc.problems, []);
    assert.equal(doc.rig!.inputs[0]!.settings.devices[0]!.gainDb, 25);
  });

  it('unpublished interface values are reported once and never turned into numbers', () => {
    const text = JSON.stringify(
      {
        interface: 'focusrite-scarlett-solo-4th-gen',
        inputs: [{ id: 'vox', interfaceInput: 2, source: { kind: 'mic', mic: 'audio-technica-at2020', peakSplDb: 120 }, phantom: true, preampGainDb: 40 }],
      },
      null,
      2,
    );
    const ps = check(text);
    assert.deepEqual(codes(ps), ['spec-unpublished']);
    assert.match(
      ps[0]!.message,
      /^Not published for Focusrite Scarlett Solo 4th Gen: mic inputs: maximum input level \(recorded levels are not predicted; set "converterReferenceDbu"\), EIN/,
    );
    const r = parseRig(text, 'x').rig!;
    assert.equal(adviseRig(r)[0]!.suggested.gainDb, null);
  });

  it('outputs: monitor sets and headphone mixes parse to the rig, each checked against the interface', () => {
    const outputs = {
      monitorSets: [
        { name: 'Mains', output: 'Line 1-2' },
        { name: 'Nearfields', output: 'Line 3-4' },
        { name: 'Cube', output: 'Line 5-6' },
      ],
      headphoneMixes: [
        { name: 'Singer', output: 1 },
        { name: 'Drummer', output: 3 },
      ],
    };
    const text = byId([], { outputs });
    const doc = parseRig(text, 'x');
    assert.deepEqual(doc.rig!.outputs, outputs);
    const ps = checkRig(doc);
    assert.deepEqual(codes(ps), ['too-many-monitor-sets', 'no-such-headphone-output']);
    assert.equal(ps[0]!.message, '3 monitor sets but Focusrite Scarlett 18i20 3rd Gen has 2 monitor output pairs to switch between.');
    assert.equal(ps[1]!.message, 'Headphone mix "Drummer" is on output 3, but Focusrite Scarlett 18i20 3rd Gen has headphone outputs 1–2.');
    assert.equal(textAt(text, ps[1]!), '3');
    assert.deepEqual(doc.needs, { monitorSets: 3, headphoneOutputs: 2 });
  });

  it('needs: the stated requirements raised by the inputs in use, by kind; condensers and boosters counted for 48 V', () => {
    const text = byId(
      [
        { id: 'a', source: { kind: 'mic', mic: 'neumann-u-87-ai', peakSplDb: 100 }, phantom: false, preampGainDb: 30 },
        { id: 'b', source: { kind: 'mic', mic: 'shure-sm57', peakSplDb: 100 }, devices: [{ name: 'B', type: 'booster', gainDb: 25 }], preampGainDb: 20 },
        { id: 'c', inputType: 'line', source: { kind: 'line', peakDbu: 16 }, preampGainDb: 0 },
        { id: 'd', inputType: 'instrument', source: { kind: 'instrument', peakDbu: 0 }, preampGainDb: 0 },
      ],
      { requirements: { simultaneousInputs: 6, headphoneOutputs: 1 } },
    );
    assert.deepEqual(parseRig(text, 'x').needs, {
      simultaneousInputs: 6,
      headphoneOutputs: 1,
      micPreamps: 2,
      instrumentInputs: 1,
      lineInputs: 1,
      phantomChannels: 2,
    });
  });

  it('requirements on preamp count, EIN and sample rate, and "not published" for counts no document gives', () => {
    const req = (r: object, iface = 'focusrite-scarlett-18i20-3rd-gen') => check(JSON.stringify({ interface: iface, inputs: [], requirements: r }));
    const ps = req({ micPreamps: 9, maxEinDbu: -129, sampleRateHz: 384000 });
    assert.deepEqual(codes(ps), ['requirement-mic-preamps', 'requirement-ein', 'requirement-sample-rate']);
    assert.equal(ps[1]!.message, "The studio needs preamps with an EIN of -129 dBu or lower; Focusrite Scarlett 18i20 3rd Gen's is -128 dBu.");
    assert.deepEqual(codes(req({ micPreamps: 8, maxEinDbu: -128, sampleRateHz: 96000 })), []);
    const unknown = req({ monitorSets: 1 }, 'focusrite-scarlett-2i2-4th-gen').find((p) => p.code === 'too-few-monitor-sets')!;
    assert.equal(unknown.severity, 'warning');
    assert.equal(unknown.message, "The studio needs 1 monitor set to switch to; Focusrite Scarlett 2i2 4th Gen's number is not published.");
  });
});

describe('headroom rig check', function () {
  this.timeout(30000);
  const cli = join(resolve(__dirname, '../../..'), 'dist', 'cli.js');
  const run = (...args: string[]) => spawnSync('node', [cli, 'rig', ...args], { encoding: 'utf8' });
  it('prints file:line:col findings and follows the exit-status conventions: 2 for anything that is not a valid rig', () => {
    const file = join(scratch, 'phantom.headroom.json');
    writeFileSync(file, rig([vox({ preampGainDb: 2 })]));
    const r = run('check', file);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /phantom\.headroom\.json:\d+:\d+: info gain-off-target: .* \(fix: Set the preamp to 12\.8 dB/);
    assert.equal(run('check', '--fail-on', 'info', file).status, 64, 'info is no --fail-on level');
    assert.equal(run('check', '--fail-on', 'warning', file).status, 0);
    const json = JSON.parse(run('check', '--json', file).stdout);
    assert.equal(json.problems[0].code, 'gain-off-target');
    assert.equal(json.chains[0].input, 'vox');
    assert.equal(json.chains[0].suggestedGain.gainDb, 10.8);
    assert.deepEqual(
      json.chains[0].stages.map((s: { basis: string }) => s.basis),
      ['published', 'published', 'published', 'published', 'published', 'published'],
    );
    const phantom = join(scratch, 'phantom-off.headroom.json');
    writeFileSync(phantom, rig([vox({ phantom: false })]));
    assert.equal(run('check', phantom).status, 0, 'a rig with problems is still a rig');
    assert.equal(run('check', '--fail-on', 'error', phantom).status, 1);
    const broken = join(scratch, 'broken.headroom.json');
    writeFileSync(broken, '{ not json');
    assert.equal(run('check', broken).status, 2);
    const invalid = join(scratch, 'invalid.headroom.json');
    writeFileSync(invalid, rig([vox({ preampGainDb: 'loud' })]));
    assert.equal(run('check', invalid).status, 2);
    assert.equal(run('check', join(scratch, 'missing.headroom.json')).status, 2);
    assert.equal(run('lint', file).status, 64);
  });

  it('rig record writes each take\'s settings into "recorded"; the advice then uses them', () => {
    const file = join(scratch, 'record.headroom.json');
    writeFileSync(file, '// session\n' + rig([vox({ takes: 'takes/vox-*.wav' })]));
    const r = run('record', file, join(scratch, 'takes', 'vox-1.wav'), join(scratch, 'other.wav'));
    assert.equal(r.status, 1, 'one take matched no input');
    assert.equal(r.stdout, 'takes/vox-1.wav: recorded with input "vox" at 12 dB\n');
    assert.match(r.stderr, /other\.wav: no input of .* takes it/);
    const doc = parseRig(readFileSync(file, 'utf8'), file);
    assert.deepEqual(doc.problems, []);
    assert.ok(doc.text.startsWith('// session\n'), 'comments stay');
    const rec = doc.rig!.recorded[0]!;
    assert.deepEqual([rec.take, rec.input, rec.settings.gainDb, rec.settings.phantom, rec.complete], ['takes/vox-1.wav', 'vox', 12, true, true]);
    assert.match(rec.at!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });
});

describe('rig schema', () => {
  const schema = JSON.parse(readFileSync(resolve(__dirname, '../../../schemas/headroom-rig.schema.json'), 'utf8'));
  it('describes every field the parser reads, and nothing it does not', () => {
    const iface = schema.properties.interface.oneOf[1].properties;
    assert.deepEqual(Object.keys(iface).sort(), [...Object.keys(IFACE), 'category', 'float32', 'sampleRates'].sort());
    assert.deepEqual(Object.keys(iface.kinds.properties).sort(), ['digital', 'instrument', 'line', 'line-fixed', 'mic']);
    assert.deepEqual(Object.keys(iface.kinds.properties.mic.properties).sort(), ['dynamicRangeDb', 'einDbu', 'gainRangeDb', 'maxInputDbu']);
    assert.deepEqual(Object.keys(schema.properties).sort(), [
      '$schema',
      'available',
      'converterReferenceDbu',
      'inputs',
      'interface',
      'name',
      'outputs',
      'recorded',
      'requirements',
      'targets',
    ]);
    assert.deepEqual(Object.keys(schema.properties.inputs.items.properties).sort(), [
      'devices',
      'id',
      'inputType',
      'interfaceInput',
      'material',
      'micPadDb',
      'name',
      'padDb',
      'phantom',
      'preampGainDb',
      'source',
      'takes',
      'targets',
    ]);
    assert.deepEqual(Object.keys(schema.properties.recorded.additionalProperties.properties).sort(), [
      'at',
      'devices',
      'input',
      'inputType',
      'micPadDb',
      'padDb',
      'phantom',
      'preampGainDb',
    ]);
    assert.deepEqual(Object.keys(schema.properties.inputs.items.properties.source.properties.mic.oneOf[0].properties).sort(), [
      'maxSplDb',
      'name',
      'pads',
      'selfNoiseDbA',
      'sensitivityDbvPa',
      'type',
    ]);
    assert.deepEqual(Object.keys(schema.properties.requirements.properties).sort(), [
      'headphoneOutputs',
      'instrumentInputs',
      'lineInputs',
      'maxEinDbu',
      'micPreamps',
      'midiIn',
      'midiOut',
      'monitorSets',
      'phantomChannels',
      'sampleRateHz',
      'simultaneousInputs',
    ]);
    assert.equal(schema.properties.inputs.items.properties.preampGainDb.maximum, 100, 'numeric bounds match the parser');
  });
  it('completes every catalogue id and no other: the enums match the data (run scripts/gen-schema-enums.ts when they do not)', () => {
    assert.deepEqual(schemaWithEnums(schema, listInterfaces(), listMics(), listDevices()), schema);
    const ids = schema.properties.interface.oneOf.find((b: { type?: string }) => b.type === 'string').enum;
    assert.deepEqual(
      ids,
      listInterfaces().map((i) => i.id),
    );
    const micIds = schema.properties.inputs.items.properties.source.properties.mic.oneOf.find((b: { type?: string }) => b.type === 'string').enum;
    assert.deepEqual(
      micIds,
      listMics().map((m) => m.id),
    );
  });
  it('the documented example rig uses catalogue ids and outputs, with only its deliberate problems', () => {
    const text = readFileSync(resolve(__dirname, '../../../docs/examples/studio.headroom.json'), 'utf8');
    const doc = parseRig(text, 'studio.headroom.json');
    assert.equal(doc.rig!.interface.catalogueId, 'focusrite-scarlett-4i4-4th-gen');
    assert.deepEqual(codes(checkRig(doc)), ['spec-unpublished', 'too-few-monitor-sets', 'too-few-headphone-outs']);
  });
  it('the integration fixture carries its deliberate problems', () => {
    const text = readFileSync(resolve(__dirname, '../../fixtures/workspace/studio.headroom.json'), 'utf8');
    const ps = check(text);
    assert.deepEqual(codes(ps), ['phantom-off-condenser', 'level-hot', 'too-few-headphone-outs']);
    assert.equal(textAt(text, ps[0]!), 'false');
  });
  it('the demo rig uses a pad and a booster, records every take, and has no problem but the unpublished figure', () => {
    const doc = parseRig(readFileSync(resolve(__dirname, '../../../demo/studio.headroom.json'), 'utf8'), 'studio.headroom.json');
    assert.deepEqual(codes(checkRig(doc)), ['spec-unpublished', 'gain-off-target']);
    const inputs = doc.rig!.inputs;
    assert.ok(inputs.some((i) => i.settings.padDb > 0));
    assert.ok(inputs.some((i) => i.settings.devices.some((d) => d.spec.type === 'booster')));
    assert.equal(doc.rig!.recorded.length, 4);
  });
});
