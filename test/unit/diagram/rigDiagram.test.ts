import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateInput } from '../../../src/core/gainstage/evaluate';
import type { InterfaceFit } from '../../../src/core/gainstage/recommend';
import { parseRig, type Rig } from '../../../src/core/gainstage/rig';
import { requirementLines, rigDiagramSvg, stageColumns } from '../../../src/core/diagram/rigDiagram';
import { all, hasClass, parseXml, texts, textOf, type XmlElement } from './xml';

const root = join(__dirname, '..', '..', '..');

// Levels on the rig's override, 0 dBFS = +18 dBu after the preamp (EBU R68).
const iface = {
  name: 'Two-preamp desktop interface',
  inputs: [{ first: 1, last: 2, kinds: ['mic', 'line', 'instrument'], pad: { db: 20 } }],
  kinds: {
    mic: { gainRangeDb: [0, 56], maxInputDbu: 10, einDbu: -128, dynamicRangeDb: null },
    line: { gainRangeDb: [0, 56], maxInputDbu: 22, dynamicRangeDb: null },
    instrument: { gainRangeDb: [0, 56], maxInputDbu: 12, dynamicRangeDb: null },
  },
  phantom: { switching: 'global', channels: 2 },
  lineOutputs: 2,
  monitorPairs: 1,
  headphoneOutputs: 1,
  midi: { in: 0, out: 0 },
};
const SM58 = { name: 'SM58', type: 'dynamic', sensitivityDbvPa: -54.5, maxSplDb: null, selfNoiseDbA: null };
const vox = { id: 'vox', name: 'Lead vocal', inputType: 'mic', source: { kind: 'mic', mic: SM58, peakSplDb: 84 }, phantom: false, padDb: 0, preampGainDb: 50 };
const keys = { id: 'keys', name: 'Keys', inputType: 'line', source: { kind: 'line', peakDbu: 24 }, phantom: false, padDb: 0, preampGainDb: 0 };

function rigOf(over: Record<string, unknown> = {}): Rig {
  const doc = parseRig(
    JSON.stringify({
      name: 'Room B',
      interface: iface,
      converterReferenceDbu: 18,
      inputs: [vox, keys],
      requirements: { simultaneousInputs: 2, phantomChannels: 1, monitorSets: 1, headphoneOutputs: 2 },
      ...over,
    }),
    'room.headroom.json',
  );
  assert.ok(doc.rig, JSON.stringify(doc.problems));
  return doc.rig;
}
const evaluations = (rig: Rig) => rig.inputs.map((input) => ({ input, chain: evaluateInput(rig, input) }));
const diagram = (rig: Rig, fits?: InterfaceFit[]) => parseXml(rigDiagramSvg(rig, evaluations(rig), fits));

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
const frames = (svg: XmlElement): Box[] =>
  all(svg, (e) => e.name === 'rect' && hasClass('frame')(e)).map((r) => ({
    x: Number(r.attrs.x),
    y: Number(r.attrs.y),
    w: Number(r.attrs.width),
    h: Number(r.attrs.height),
  }));
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('rig diagram', () => {
  it('every input chain with its levels, the converter alignment, the DAW tracks', () => {
    const rig = rigOf();
    const svg = diagram(rig);
    assert.equal(svg.attrs.role, 'img');
    assert.match(
      svg.attrs['aria-label']!,
      /^Rig diagram for Room B: 2 inputs \(Lead vocal −30\.3 dBFS, Keys \+6\.0 dBFS\) into Two-preamp desktop interface; A\/D: 0 dBFS = \+18\.0 dBu after the preamp \(rig override\)$/,
    );
    const t = texts(svg);
    for (const s of [
      'Room B',
      'Lead vocal',
      'Keys',
      'SM58 (dynamic) · mic input',
      'line source · line input',
      'A/D: 0 dBFS = +18.0 dBu after the preamp (rig override)',
      'DAW',
      '2 tracks',
      '−62.3 dBu',
      'gain +50.0 dB',
      'peak −30.3 dBFS',
      'peak +6.0 dBFS',
    ])
      assert.ok(t.includes(s), `missing "${s}" in ${t.join(' | ')}`);
    const rows = all(svg, hasClass('input-row'));
    assert.deepEqual(
      rows.map((r) => r.attrs['data-input']),
      ['vox', 'keys'],
    );
    // Gaps this narrow carry only "A/D": the gain is in the preamp-out box, not over its arrow.
    assert.deepEqual(
      all(rows[0]!, hasClass('arrow'))
        .map(textOf)
        .filter((t) => t !== ''),
      ['A/D'],
    );
    assert.equal(all(rows[0]!, hasClass('stage')).length, 6);
    assert.equal(all(rows[1]!, hasClass('stage')).length, 5);
    const keysConverter = all(rows[1]!, hasClass('stage')).find((b) => b.attrs['data-stage'] === 'converter')!;
    assert.ok(hasClass('risk-clip')(keysConverter), '+24 dBu at 0 dB gain is +6 dBFS: clips');
    assert.ok(hasClass('risk-clip')(all(svg, hasClass('track'))[1]!));
  });

  it('each input name and its details are one line of text, so a long name cannot run into them', () => {
    const labels = all(diagram(rigOf()), hasClass('input-label'));
    assert.equal(labels.length, 2);
    for (const l of labels) {
      const lines = all(l, (x) => x.name === 'text');
      assert.equal(lines.length, 1);
      assert.deepEqual(
        all(lines[0]!, (x) => x.name === 'tspan').map((t) => t.attrs.dx),
        ['12'],
      );
    }
  });

  it('mic and line chains keep their preamp and converter boxes in the same columns', () => {
    const svg = diagram(rigOf());
    const [micRow, lineRow] = all(svg, hasClass('input-row'));
    const xOf = (row: XmlElement, stage: string) =>
      all(row!, hasClass('stage'))
        .find((b) => b.attrs['data-stage'] === stage)!
        .children.find((c): c is XmlElement => typeof c !== 'string' && c.name === 'rect')!.attrs.x;
    for (const stage of ['source', 'pad', 'preamp-input', 'preamp-output', 'converter']) assert.equal(xOf(micRow!, stage), xOf(lineRow!, stage), stage);
  });

  it('the requirements check: need against have, pass or fail per line', () => {
    const rig = rigOf();
    assert.deepEqual(requirementLines(rig), [
      { key: 'simultaneousInputs', label: 'Inputs recorded at once', need: '2', have: '2', pass: true },
      { key: 'phantomChannels', label: 'Channels with 48 V phantom', need: '1', have: '2', pass: true },
      { key: 'monitorSets', label: 'Monitor sets to switch between', need: '1', have: '1', pass: true },
      { key: 'headphoneOutputs', label: 'Headphone outputs', need: '2', have: '1', pass: false },
    ]);
    const lines = all(diagram(rig), hasClass('requirement'));
    assert.deepEqual(
      lines.map((l) => [
        l.attrs['data-key'],
        hasClass('pass')(l) ? 'pass' : hasClass('fail')(l) ? 'fail' : '?',
        all(l, (e) => e.name === 'text').map(textOf)[0],
      ]),
      [
        ['simultaneousInputs', 'pass', '✓ Inputs recorded at once: need 2, has 2'],
        ['phantomChannels', 'pass', '✓ Channels with 48 V phantom: need 1, has 2'],
        ['monitorSets', 'pass', '✓ Monitor sets to switch between: need 1, has 1'],
        ['headphoneOutputs', 'fail', '✗ Headphone outputs: need 2, has 1'],
      ],
    );
  });

  it('EIN and sample rate requirements, including unpublished figures', () => {
    const rig = rigOf({
      interface: { ...iface, kinds: { ...iface.kinds, mic: { ...iface.kinds.mic, einDbu: null } }, sampleRates: [44100, 48000] },
      requirements: { maxEinDbu: -127, sampleRateHz: 96000 },
    });
    assert.deepEqual(requirementLines(rig), [
      { key: 'maxEinDbu', label: 'Preamp EIN', need: '−127.0 dBu or lower', have: 'not published', pass: null },
      { key: 'sampleRateHz', label: 'Sample rate', need: '96000 Hz', have: '44100, 48000 Hz', pass: false },
    ]);
  });

  it('outputs: monitor sets behind a switch, headphone outputs with their mixes, line outs, MIDI', () => {
    const rig = rigOf({
      interface: { ...iface, monitorPairs: 2, headphoneOutputs: 2, lineOutputs: 6, midi: { in: 1, out: 1 } },
      outputs: {
        monitorSets: [
          { name: 'Mains', output: 'Line 1-2' },
          { name: 'Near-fields', output: 'Line 3-4' },
        ],
        headphoneMixes: [
          { name: 'Drummer', output: 1 },
          { name: 'Singer', output: 3 },
        ],
      },
    });
    const svg = diagram(rig);
    const t = texts(svg);
    for (const s of [
      'Monitors (switched)',
      'Mains (Line 1-2)',
      'Near-fields (Line 3-4)',
      'Phones 1: Drummer',
      'Phones 2',
      'Phones 3: Singer — missing',
      'Line outs 1–6',
      'MIDI in 1 · out 1',
    ])
      assert.ok(t.includes(s), `missing "${s}" in ${t.join(' | ')}`);
    const sw = all(svg, hasClass('monitor-switch'))[0]!;
    assert.equal(all(sw, (e) => e.name === 'circle').length, 3, 'pivot and one contact per monitor set');
    assert.match(textOf(sw.children[0]!), /^Monitor switch: Mains \/ Near-fields$/);
    const phones = all(svg, hasClass('headphone'));
    assert.deepEqual(
      phones.map((p) => hasClass('risk-clip')(p)),
      [false, false, true],
      'only the third, missing output is flagged',
    );
  });

  it('without named monitor sets, the interface pairs are shown; no MIDI says so', () => {
    const t = texts(diagram(rigOf()));
    for (const s of ['Monitors', 'Monitor pair 1', 'Phones 1', 'Line outs 1–2', 'No MIDI']) assert.ok(t.includes(s), s);
    assert.equal(all(diagram(rigOf()), hasClass('monitor-switch')).length, 1);
  });

  it('an interface with very many outputs: the first 16 drawn, the rest counted; a mix on output 40 drawn alone', () => {
    const svg = diagram(
      rigOf({ interface: { ...iface, monitorPairs: 1000, headphoneOutputs: 20 }, outputs: { monitorSets: [], headphoneMixes: [{ name: 'Far', output: 40 }] } }),
    );
    const t = texts(svg);
    assert.equal(all(svg, hasClass('monitor-set')).length, 16);
    assert.ok(t.includes('+ 984 more monitor pairs'));
    assert.deepEqual(
      all(svg, hasClass('headphone')).map((h) => all(h, (e) => e.name === 'text').map(textOf)[0]),
      [...Array.from({ length: 16 }, (_, k) => `Phones ${k + 1}`), 'Phones 40: Far — missing'],
    );
    assert.ok(t.includes('+ 4 more headphone outputs'));
  });

  it('the recommendation list when fits are given: fits first, reasons for the others', () => {
    const fits: InterfaceFit[] = [
      { id: 'big', name: 'Big rack', fits: true, status: 'fits', reasons: [], caveats: [], unchecked: [], unusedFeatures: 4, einDbu: -129, verdict: 'fits' },
      {
        id: 'small',
        name: 'Small box',
        fits: false,
        status: 'does not fit',
        reasons: ['2 headphone outputs needed, has 1'],
        caveats: [],
        unchecked: [],
        unusedFeatures: 0,
        einDbu: -128,
        verdict: 'does not fit: 2 headphone outputs needed, has 1',
      },
    ];
    const svg = diagram(rigOf(), fits);
    const items = all(svg, hasClass('fit'));
    assert.deepEqual(
      items.map((i) => i.attrs['data-id']),
      ['big', 'small'],
    );
    assert.deepEqual(
      items.map((i) => all(i, (e) => e.name === 'text').map(textOf)),
      [['1. ✓ Big rack (4 unused)'], ['2. ✗ Small box', '2 headphone outputs needed, has 1']],
    );
    assert.ok(hasClass('pass')(items[0]!) && hasClass('fail')(items[1]!));
    assert.equal(all(diagram(rigOf()), hasClass('fit')).length, 0, 'no list without fits');
  });

  it('names from the rig are text, never markup', () => {
    const evil = '<script>alert(1)</script>"&';
    const rig = rigOf({
      name: evil,
      interface: { ...iface, name: `${evil} box` },
      inputs: [{ ...vox, name: evil, source: { ...vox.source, mic: { ...SM58, name: evil } } }],
      outputs: { monitorSets: [{ name: evil, output: '<b>' }], headphoneMixes: [{ name: evil, output: 1 }] },
    });
    const out = rigDiagramSvg(rig, evaluations(rig), [
      {
        id: '"x',
        name: evil,
        fits: false,
        status: 'does not fit',
        reasons: [evil],
        caveats: [],
        unchecked: [],
        unusedFeatures: 0,
        einDbu: null,
        verdict: evil,
      },
    ]);
    assert.ok(!out.includes('<script'));
    const svg = parseXml(out);
    assert.equal(all(svg, (e) => e.name === 'script' || e.name === 'b').length, 0);
    assert.ok(texts(svg).includes(evil));
    assert.ok(texts(svg).some((t) => t.startsWith(`Phones 1: ${evil.slice(0, 10)}`)));
    assert.ok(svg.attrs['aria-label']!.startsWith(`Rig diagram for ${evil}:`));
  });

  for (const n of [1, 8, 16]) {
    it(`${n} input${n === 1 ? '' : 's'} lay out without overlapping boxes, inside the view box`, () => {
      const inputs = Array.from({ length: n }, (_, k) =>
        k % 3 === 2 ? { ...keys, id: `k${k}`, name: `Keys ${k}` } : { ...vox, id: `v${k}`, name: `Vocal ${k}`, padDb: k % 2 ? 20 : 0 },
      );
      const rig = rigOf({
        inputs,
        interface: {
          ...iface,
          inputs: [{ first: 1, last: 16, kinds: ['mic', 'line'], pad: { db: 20 } }],
          monitorPairs: 3,
          headphoneOutputs: 4,
          midi: { in: 2, out: 2 },
        },
        outputs: {
          monitorSets: [1, 2, 3].map((k) => ({ name: `Set ${k}`, output: `Line ${2 * k - 1}-${2 * k}` })),
          headphoneMixes: [1, 2, 3, 4].map((k) => ({ name: `Mix ${k}`, output: k })),
        },
      });
      const svg = diagram(rig, [
        { id: 'a', name: 'A', fits: true, status: 'fits', reasons: [], caveats: [], unchecked: [], unusedFeatures: 0, einDbu: null, verdict: 'fits' },
      ]);
      assert.equal(all(svg, hasClass('input-row')).length, n);
      const boxes = frames(svg);
      const expected = inputs.reduce((s, i) => s + (i.source.kind === 'mic' ? 6 : 5), 0) + 3 + 4 + 2;
      assert.equal(boxes.length, expected, 'stage boxes plus monitor, headphone, line-out and MIDI boxes');
      for (let a = 0; a < boxes.length; a++)
        for (let b = a + 1; b < boxes.length; b++)
          assert.ok(!overlaps(boxes[a]!, boxes[b]!), `boxes ${a} and ${b} overlap: ${JSON.stringify([boxes[a], boxes[b]])}`);
      const [, , w, h] = svg.attrs.viewBox!.split(' ').map(Number);
      for (const b of boxes) assert.ok(b.x >= 0 && b.y >= 0 && b.x + b.w <= w! && b.y + b.h <= h!, `outside the view box: ${JSON.stringify(b)}`);
      const panelTop = Math.min(...all(svg, hasClass('requirements')).flatMap((g) => all(g, (e) => e.name === 'text').map((e) => Number(e.attrs.y))));
      assert.ok(panelTop > Math.max(...boxes.map((b) => b.y + b.h)), 'the requirements panel sits below every box');
    });
  }

  it('a rig without inputs still draws the interface, the DAW and the outputs', () => {
    const svg = diagram(rigOf({ inputs: [] }));
    const t = texts(svg);
    assert.ok(t.includes('No inputs in this rig yet.'));
    assert.ok(t.includes('0 tracks'));
    assert.ok(t.includes('A/D: 0 dBFS = +18.0 dBu after the preamp (rig override)'));
  });

  it('media/diagram.css: theme colours fall back to concrete colours outside VS Code, the status colours are its own', () => {
    const css = readFileSync(join(root, 'media', 'diagram.css'), 'utf8');
    for (const m of css.matchAll(/var\((--vscode-[\w-]+)([^)]*)\)/g)) assert.match(m[2]!, /^, \S/, `${m[1]} has no fallback`);
    for (const m of css.matchAll(/var\((--hr-[\w-]+)\)/g))
      assert.match(css, new RegExp(`:root \\{[^}]*${m[1]}: #[0-9a-f]{6}`), `${m[1]} is not defined for an exported file`);
  });
  it('check lines are foreground text: only the ✓ / ✗ mark carries the pass or fail class', () => {
    const fits: InterfaceFit[] = [
      {
        id: 'small',
        name: 'Small box',
        fits: false,
        status: 'does not fit',
        reasons: [],
        caveats: [],
        unchecked: [],
        unusedFeatures: 0,
        einDbu: null,
        verdict: 'does not fit',
      },
    ];
    const svg = diagram(rigOf(), fits);
    for (const g of [...all(svg, hasClass('requirement')), ...all(svg, hasClass('fit'))]) {
      const line = all(g, (e) => e.name === 'text')[0]!;
      assert.equal(line.attrs.class, 'small', 'the line itself has no pass / fail colour');
      const marks = all(line, (e) => e.name === 'tspan');
      assert.equal(marks.length, 1);
      assert.equal(marks[0]!.attrs.class, `mark ${hasClass('pass')(g) ? 'pass' : 'fail'}`);
      assert.match(textOf(marks[0]!), /^[✓✗]$/);
    }
    const css = readFileSync(join(root, 'media', 'diagram.css'), 'utf8');
    assert.doesNotMatch(css, /text\.pass|text\.fail/, 'no rule colours a whole line');
  });

  it('the fixture rig: the unpowered condenser row reads NO SIGNAL from the mic on, its DAW track "no signal"', () => {
    const doc = parseRig(readFileSync(join(root, 'test', 'fixtures', 'workspace', 'studio.headroom.json'), 'utf8'), 'studio.headroom.json');
    const svg = diagram(doc.rig!);
    const [vox, gtr] = all(svg, hasClass('input-row'));
    const risks = (row: XmlElement) => all(row, hasClass('stage')).map((b) => `${b.attrs['data-stage']} ${b.attrs.class!.match(/risk-(\w+)/)![1]}`);
    assert.deepEqual(risks(vox!), ['source ok', 'mic dead', 'pad dead', 'preamp-input dead', 'preamp-output dead', 'converter dead']);
    assert.deepEqual(risks(gtr!), ['source unknown', 'mic unknown', 'pad ok', 'preamp-input ok', 'preamp-output ok', 'converter ok']);
    const tracks = all(svg, hasClass('track'));
    assert.deepEqual(
      tracks.map((t) => [t.attrs.class, all(t, (e) => e.name === 'text').map(textOf)[1]]),
      [
        ['track risk-dead', 'no signal'],
        // SM58-like at 100 dB SPL: -56 + 6 + 2.2185 = -47.78 dBu; at 50 dB: -47.78 - (10 - 50) = -7.78 dBFS.
        ['track risk-ok', 'peak −7.8 dBFS'],
      ],
    );
  });

  it('narrow enough to read: fitted into a 1000 px editor, the 11 px body text stays above 9 px', () => {
    const svg = diagram(rigOf());
    const [, , w] = svg.attrs.viewBox!.split(' ').map(Number);
    assert.equal(w, 1216);
    assert.ok((1000 / w!) * 11 >= 9, `${w} user units wide`);
    const outputs = all(svg, hasClass('outputs'))[0]!;
    const outTop = Math.min(...all(outputs, (e) => e.name === 'rect').map((r) => Number(r.attrs.y)));
    const stageBottom = Math.max(
      ...all(svg, hasClass('stage'))
        .flatMap((g) => all(g, (e) => e.name === 'rect'))
        .map((r) => Number(r.attrs.y) + Number(r.attrs.height)),
    );
    assert.ok(outTop > stageBottom, 'the outputs sit under the rows, not beside them');
  });

  it('the columns are the stages the chains have, merged in chain order, whichever input comes first', () => {
    const rig = rigOf();
    const [mic, line] = evaluations(rig).map((e) => e.chain);
    const all6 = ['source', 'mic', 'pad', 'preamp-input', 'preamp-output', 'converter'];
    assert.deepEqual(stageColumns([mic!, line!]), all6);
    assert.deepEqual(stageColumns([line!, mic!]), all6);
    assert.deepEqual(stageColumns([line!]), ['source', 'pad', 'preamp-input', 'preamp-output', 'converter']);
    assert.deepEqual(stageColumns([]), all6, 'no inputs: every kind, in label order');
  });

  for (const width of [620, 400, 250]) {
    it(`beside an editor (${width} px): each chain wraps to the width, ends in its DAW track, nothing overlaps or leaves the view box`, () => {
      const rig = rigOf();
      const svg = parseXml(rigDiagramSvg(rig, evaluations(rig), undefined, { maxWidth: width }));
      const [, , w, h] = svg.attrs.viewBox!.split(' ').map(Number);
      assert.equal(w, Math.max(width, 276));
      const rows = all(svg, hasClass('input-row'));
      assert.deepEqual(
        rows.map((r) => all(r, hasClass('stage')).length),
        [6, 5],
      );
      const boxes = frames(svg);
      assert.equal(boxes.length, 6 + 5 + 2 + 1 + 1 + 2, 'stage boxes, a DAW track per input, a monitor, a headphone, line-out and MIDI box');
      for (const b of boxes) assert.ok(b.x >= 0 && b.y >= 0 && b.x + b.w <= w! && b.y + b.h <= h!, `outside the ${w} × ${h} view box: ${JSON.stringify(b)}`);
      for (let a = 0; a < boxes.length; a++)
        for (let b = a + 1; b < boxes.length; b++) assert.ok(!overlaps(boxes[a]!, boxes[b]!), `boxes ${a} and ${b} overlap`);
      // Each input's boxes come row by row, its DAW track last; the next input starts below it.
      const tracks = all(svg, hasClass('track'));
      assert.equal(tracks.length, 2);
      const top = (g: XmlElement) => Math.min(...all(g, (e) => e.name === 'rect' && hasClass('frame')(e)).map((r) => Number(r.attrs.y)));
      assert.ok(top(tracks[0]!) < top(rows[1]!), 'the first input ends before the second begins');
      assert.ok(all(svg, hasClass('interface-band')).length >= 2, 'the interface stages sit on a band');
      assert.ok(all(rows[0]!, hasClass('wrap')).length >= (width < 400 ? 2 : 1), 'the chain wraps');
    });
  }

  it('side by side when the room is wider than that layout, and for an exported file', () => {
    const rig = rigOf();
    const wide = (maxWidth?: number) =>
      parseXml(rigDiagramSvg(rig, evaluations(rig), undefined, { maxWidth }))
        .attrs.viewBox!.split(' ')
        .map(Number)[2];
    assert.equal(wide(), 1216);
    assert.equal(wide(1600), 1216);
    assert.equal(wide(1215), 1215);
  });

  it('the outputs span the width under the rows, their groups side by side: no empty corner', () => {
    const svg = diagram(rigOf());
    const heads = all(all(svg, hasClass('outputs'))[0]!, hasClass('heading')).map((t) => Number(t.attrs.x));
    assert.equal(heads.length, 3);
    assert.ok(heads[0]! < heads[1]! && heads[1]! < heads[2]!, 'monitors, headphones, line outs and MIDI in a row');
  });
});
