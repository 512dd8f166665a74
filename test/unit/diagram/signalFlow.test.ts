import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateChain, type ChainInput, type ChainSettings } from '../../../src/core/gainstage/chain';
import { suggestGain, type MicSpec } from '../../../src/core/gainstage';
import { resolveTargets, DEFAULT_TARGETS } from '../../../src/core/gainstage/targets';
import { signalFlowSvg } from '../../../src/core/diagram/signalFlow';
import { escapeAttr, escapeText, el, render, formatLevel, formatChange, num } from '../../../src/core/diagram/svg';
import { all, hasClass, parseXml, texts, textOf, type XmlElement } from './xml';

const SM58: MicSpec = { name: 'SM58', type: 'dynamic', sensitivityDbvPa: -54.5, maxSplDb: null, selfNoiseDbA: null, pads: [] };
// A preamp with a +10 dBu maximum, 0-75 dB and EIN -128 dBu, on a converter the rig aligns to EBU R68
// (0 dBFS = +18 dBu after the preamp).
const chain = (over: Partial<ChainInput> = {}, s: Partial<ChainSettings> = {}): ChainInput => ({
  source: { kind: 'mic', mic: SM58, peakSplDb: 84 },
  settings: { kind: 'mic', gainDb: 62, padDb: 0, micPadDb: 0, devices: [], phantom: false, ...s },
  spec: { gainRangeDb: [0, 75], maxInputDbu: 10, einDbu: -128, dynamicRangeDb: null },
  float32: false,
  referenceDbu: { dbu: 18, basis: 'override' },
  maxNoiseFloorDbfs: -70,
  ...over,
});

const stageBoxes = (svg: XmlElement) => all(svg, hasClass('stage'));
const box = (svg: XmlElement, stage: string) => stageBoxes(svg).find((b) => b.attrs['data-stage'] === stage)!;
const boxTexts = (b: XmlElement) => all(b, (x) => x.name === 'text').map(textOf);

describe('svg builder', () => {
  it('escapes text and attribute values', () => {
    assert.equal(escapeText('a < b & c > d'), 'a &lt; b &amp; c &gt; d');
    assert.equal(escapeAttr(`"x" 'y'\n`), '&quot;x&quot; &apos;y&apos;&#10;');
    assert.equal(render(el('text', { x: 1.005, 'data-n': 'a"b' }, '<b>')), '<text x="1" data-n="a&quot;b">&lt;b&gt;</text>');
    assert.equal(escapeText('bell\u0007'), 'bell\uFFFD');
  });
  it('refuses element and attribute names that would inject markup', () => {
    assert.throws(() => el('g onload=alert(1)'), /Invalid SVG element name/);
    assert.throws(() => el('g', { 'x" onload="alert(1)': 1 }), /Invalid SVG attribute name/);
    assert.throws(() => num(Number.NaN), /finite/);
  });
  it('formats levels with a real minus sign and one decimal', () => {
    assert.equal(formatLevel(-62.28, 'dBu'), '\u221262.3 dBu');
    assert.equal(formatLevel(-0.04, 'dBFS'), '0.0 dBFS');
    assert.equal(formatChange(54.28), '+54.3 dB');
    assert.equal(formatChange(-20), '\u221220.0 dB');
  });
});

describe('signal-flow diagram', () => {
  it('is well-formed, scalable SVG with a role, a label and one box per stage', () => {
    const e = evaluateChain(chain());
    const svg = parseXml(signalFlowSvg(e, { title: 'Snare top' }));
    assert.equal(svg.name, 'svg');
    assert.equal(svg.attrs.viewBox?.split(' ').length, 4);
    assert.equal(svg.attrs.width, undefined);
    assert.equal(svg.attrs.height, undefined);
    assert.equal(svg.attrs.role, 'img');
    assert.match(svg.attrs['aria-label']!, /^Signal flow for Snare top: Source 84\.0 dB SPL \(UNKNOWN\), Mic out −62\.3 dBu/);
    assert.equal(stageBoxes(svg).length, e.stages.length);
    assert.equal(stageBoxes(svg).length, 6);
    for (const b of stageBoxes(svg)) assert.equal(b.children[0] && typeof b.children[0] !== 'string' && b.children[0].name, 'title', 'tooltip first');
    assert.equal(all(svg, hasClass('daw')).length, 1);
  });

  it('SM58 at 84 dB SPL: −62.3 dBu at the mic, +62 dB of gain, −18.3 dBFS on an EBU R68 converter', () => {
    const svg = parseXml(signalFlowSvg(evaluateChain(chain()), { title: 'Vocal' }));
    // 0 dBFS at the source: 84 + 18.28 = 102.3 dB SPL.
    assert.deepEqual(boxTexts(box(svg, 'source')), ['Source', '84.0 dB SPL', 'limit unknown', '0 dBFS at 102.3 dB SPL', 'UNKNOWN']);
    assert.deepEqual(boxTexts(box(svg, 'mic')), ['Mic out', '−62.3 dBu', 'limit unknown', '−54.5 dBV/Pa', 'UNKNOWN']);
    assert.deepEqual(boxTexts(box(svg, 'pad')), ['After pad', '−62.3 dBu', 'no limit here', 'no pad', 'OK']);
    assert.deepEqual(boxTexts(box(svg, 'preamp-input')), ['Preamp in', '−62.3 dBu', 'headroom 72.3 dB', 'max in +10.0 dBu', 'OK']);
    assert.deepEqual(boxTexts(box(svg, 'preamp-output')), ['Preamp out', '−0.3 dBu', 'no limit here', 'gain +62.0 dB', 'OK']);
    assert.deepEqual(boxTexts(box(svg, 'converter')), ['Converter', '−18.3 dBFS', 'headroom 18.3 dB', '0 dBFS = +18.0 dBu', 'OK']);
    const arrows = all(svg, hasClass('arrow'))
      .map(textOf)
      .filter((t) => t !== '');
    assert.deepEqual(arrows, ['+62.0 dB', 'A/D']);
    assert.ok(
      texts(svg).includes('noise floor −84.0 dBFS · usable dynamic range 84.0 dB · clips first: nothing · full scale: rig override'),
      texts(svg).join('\n'),
    );
  });

  it('the summary carries the one suggested gain and its plan, as the advice has them', () => {
    const e = evaluateChain(chain());
    const suggested = suggestGain(
      { peakDbfs: e.recordedPeakDbfs, averageDbfs: null, loudnessLufs: null, truePeakDbtp: null, clipped: false, silent: false },
      resolveTargets({ settings: DEFAULT_TARGETS }),
    );
    const svg = parseXml(signalFlowSvg(e, { advice: { suggested, action: 'Set the preamp to 70.3 dB (now 62 dB, range 0–75 dB).' } }));
    assert.ok(
      texts(svg).includes('suggested gain +8.3 dB to the −10 dBFS peak target — Set the preamp to 70.3 dB (now 62 dB, range 0–75 dB).'),
      texts(svg).join('\n'),
    );
  });

  it('a +22 dBu line peak into a mic input clips the preamp input: risk-clip, "over by 12.0 dB", the pad on its arrow', () => {
    const e = evaluateChain(chain({ source: { kind: 'line', peakDbu: 22 } }, { gainDb: 0 }));
    const svg = parseXml(signalFlowSvg(e));
    assert.equal(stageBoxes(svg).length, 5);
    const pin = box(svg, 'preamp-input');
    assert.ok(hasClass('risk-clip')(pin), pin.attrs.class);
    assert.deepEqual(boxTexts(pin), ['Preamp in', '+22.0 dBu', 'over by 12.0 dB', 'max in +10.0 dBu', 'CLIPS']);
    assert.deepEqual(
      stageBoxes(svg)
        .filter(hasClass('risk-clip'))
        .map((b) => b.attrs['data-stage']),
      ['preamp-input', 'converter'],
    );
    assert.ok(texts(svg).some((t) => t.includes('clips first: preamp in ·')));

    const padded = parseXml(signalFlowSvg(evaluateChain(chain({ source: { kind: 'line', peakDbu: 22 } }, { gainDb: 0, padDb: 20 }))));
    assert.ok(hasClass('risk-ok')(box(padded, 'preamp-input')));
    assert.deepEqual(
      all(padded, hasClass('arrow'))
        .map(textOf)
        .filter((t) => t !== ''),
      ['−20.0 dB', 'A/D'],
    );
  });

  it('too much gain: the converter box is risk-clip and says by how much', () => {
    const svg = parseXml(signalFlowSvg(evaluateChain(chain({ source: { kind: 'mic', mic: SM58, peakSplDb: 100 } }, { gainDb: 66 }))));
    const conv = box(svg, 'converter');
    assert.ok(hasClass('risk-clip')(conv));
    assert.deepEqual(boxTexts(conv).slice(1, 3), ['+1.7 dBFS', 'over by 1.7 dB']);
  });

  it('the measured peak appears next to the expected one in the DAW box', () => {
    const svg = parseXml(signalFlowSvg(evaluateChain(chain()), { measuredPeakDbfs: -0.4 }));
    const daw = all(svg, hasClass('daw'))[0]!;
    assert.deepEqual(boxTexts(daw), ['DAW', '−18.3 dBFS', 'expected peak', 'measured −0.4 dBFS']);
    assert.ok(hasClass('risk-hot')(daw));
    assert.match(svg.attrs['aria-label']!, /measured −0\.4 dBFS$/);
  });

  it('names are text: a title with markup in it stays text', () => {
    const title = '<script>alert("x")</script> & <g onload="y">';
    const out = signalFlowSvg(evaluateChain(chain()), { title });
    const svg = parseXml(out);
    assert.equal(all(svg, (x) => x.name === 'script').length, 0);
    assert.equal(all(svg, (x) => x.attrs.onload !== undefined).length, 0);
    assert.ok(texts(svg).includes(title));
    assert.ok(svg.attrs['aria-label']!.startsWith(`Signal flow for ${title}:`));
    assert.ok(!out.includes('<script'));
  });

  it('embeds media/diagram.css for a standalone file, no style for a webview', () => {
    const standalone = parseXml(
      signalFlowSvg(evaluateChain(chain()), { style: readFileSync(join(__dirname, '..', '..', '..', 'media', 'diagram.css'), 'utf8') }),
    );
    const style = all(standalone, (x) => x.name === 'style');
    assert.equal(style.length, 1);
    assert.match(textOf(style[0]!), /\.risk-clip \.frame \{\s*stroke: var\(--hr-clip\)/);
    assert.match(textOf(style[0]!), /:root \{[^}]*--hr-clip: #b3261e/, 'an exported file carries the light status colours');
    const webview = parseXml(signalFlowSvg(evaluateChain(chain())));
    assert.equal(all(webview, (x) => x.name === 'style').length, 0);
  });
  it('an unpowered condenser: the mic box says "no 48 V: no output", every later stage and the DAW "NO SIGNAL", levels bracketed', () => {
    const condenser: MicSpec = { name: 'LDC', type: 'condenser', sensitivityDbvPa: -31, maxSplDb: 117, selfNoiseDbA: 12, pads: [] };
    const e = evaluateChain(chain({ source: { kind: 'mic', mic: condenser, peakSplDb: 110 } }, { gainDb: 20, phantom: false }));
    const svg = parseXml(signalFlowSvg(e, { title: 'Lead vocal' }));
    assert.ok(hasClass('risk-ok')(box(svg, 'source')));
    assert.deepEqual(boxTexts(box(svg, 'source')), ['Source', '110.0 dB SPL', 'headroom 7.0 dB', '0 dBFS at 120.8 dB SPL', 'OK']);
    assert.deepEqual(boxTexts(box(svg, 'mic')), ['Mic out', '(−12.8 dBu)', 'no 48 V: no output', '−31.0 dBV/Pa', 'NO SIGNAL']);
    assert.deepEqual(boxTexts(box(svg, 'converter')), ['Converter', '(−10.8 dBFS)', 'no signal', '0 dBFS = +18.0 dBu', 'NO SIGNAL']);
    assert.deepEqual(
      stageBoxes(svg)
        .filter(hasClass('risk-dead'))
        .map((b) => b.attrs['data-stage']),
      ['mic', 'pad', 'preamp-input', 'preamp-output', 'converter'],
    );
    assert.equal(stageBoxes(svg).filter(hasClass('risk-ok')).length, 1, 'only the source reads OK');
    const daw = all(svg, hasClass('daw'))[0]!;
    assert.ok(hasClass('risk-dead')(daw));
    assert.deepEqual(boxTexts(daw), ['DAW', '(−10.8 dBFS)', 'expected once powered', 'NO SIGNAL']);
    const noSignal = all(svg, hasClass('summary'))[0]!;
    assert.equal(textOf(noSignal), 'No signal: no 48 V phantom power reaches the condenser: the mic gives no output. The levels are those once it is powered.');
    assert.equal(noSignal.attrs.class, 'small risk summary', 'coloured as the risk of its risk-dead group');
    assert.match(svg.attrs['aria-label']!, /Mic out −12\.8 dBu \(NO SIGNAL\)/);
  });
});
