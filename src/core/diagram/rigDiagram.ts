// The whole rig as one SVG: every input's chain (levels, headroom, risk), through the interface
// (preamps and the converter's alignment) into the DAW, then the outputs — monitor sets behind a
// switch, headphone outputs with their mixes, line outs, MIDI — and under it the requirements check
// (what the session needs against what the interface has) and, when given, the ranked interfaces
// that fit. Two layouts, both computed from the stages the chains have (any number, any kind) and the
// counts, so nothing overlaps: side by side, one row per input with the stages in aligned columns
// and the DAW beside them; or, where that is wider than the room given (a panel beside an editor),
// stacked: each input's chain wrapping onto as many rows as the width holds, ending in its DAW track.

import { kindWord } from '../gainstage/assign';
import { inputCount, kindCounts } from '../gainstage/catalogue';
import type { ChainEvaluation, StageLevel } from '../gainstage/chain';
import type { InterfaceFit } from '../gainstage/recommend';
import type { Rig, RigInput, RigRequirements } from '../gainstage/rig';
import { INPUT_KINDS } from '../gainstage/types';
import { plural } from '../format';
import { RISK_WORDS, STAGE_LABELS, arrow, stageFlow, stageRow, wrapArrow, type BoxGeometry, type BoxPlace } from './signalFlow';
import { el, fitText, formatChange, formatUnitLevel, textWidth, type Child, type Markup } from './svg';
import { svgDocument } from './theme';

export interface RequirementLine {
  key: keyof RigRequirements;
  /** What is compared, e.g. "Inputs recorded at once". */
  label: string;
  need: string;
  have: string;
  /** null: the interface does not publish the figure. */
  pass: boolean | null;
}

/** One input and its chain as the diagram draws it. */
export interface InputEvaluation {
  input: RigInput;
  chain: ChainEvaluation;
}

/**
 * The session's needs against the interface, one line per stated need. `needs` defaults to the rig's
 * stated requirements; pass the parser's `needs` (requirements raised to what the inputs use) when
 * there is one.
 */
export function requirementLines(rig: Rig, needs: RigRequirements = rig.requirements): RequirementLine[] {
  const i = rig.interface;
  const lines: RequirementLine[] = [];
  const atLeast = (key: keyof RigRequirements, label: string, have: number | null) => {
    const want = needs[key];
    if (want !== undefined)
      lines.push({ key, label, need: String(want), have: have === null ? 'not published' : String(have), pass: have === null ? null : have >= want });
  };
  const layout = !i.unpublished.includes('inputs');
  const counts = kindCounts(i.inputs);
  atLeast('simultaneousInputs', 'Inputs recorded at once', layout ? inputCount(i.inputs) : null);
  atLeast('micPreamps', 'Mic preamps', layout ? counts.mic : null);
  atLeast('instrumentInputs', 'Instrument (Hi-Z) inputs', layout ? counts.instrument : null);
  atLeast('lineInputs', 'Line inputs', layout ? counts.line + counts['line-fixed'] : null);
  atLeast('phantomChannels', 'Channels with 48 V phantom', i.unpublished.includes('phantom') ? null : (i.phantom?.channels ?? 0));
  atLeast('monitorSets', 'Monitor sets to switch between', i.monitorPairs);
  atLeast('headphoneOutputs', 'Headphone outputs', i.headphoneOutputs);
  atLeast('midiIn', 'MIDI inputs', i.midi?.in ?? null);
  atLeast('midiOut', 'MIDI outputs', i.midi?.out ?? null);
  const ein = i.kinds.mic?.einDbu ?? null;
  if (needs.maxEinDbu !== undefined) {
    lines.push({
      key: 'maxEinDbu',
      label: 'Preamp EIN',
      need: `${formatUnitLevel(needs.maxEinDbu, 'dBu')} or lower`,
      have: ein === null ? 'not published' : formatUnitLevel(ein, 'dBu'),
      pass: ein === null ? null : ein <= needs.maxEinDbu,
    });
  }
  if (needs.sampleRateHz !== undefined) {
    const rates = i.sampleRates ?? null;
    lines.push({
      key: 'sampleRateHz',
      label: 'Sample rate',
      need: `${needs.sampleRateHz} Hz`,
      have: rates === null ? 'not published' : `${rates.join(', ')} Hz`,
      pass: rates === null ? null : rates.includes(needs.sampleRateHz),
    });
  }
  return lines;
}

export interface RigDiagramOptions {
  /** media/diagram.css, to embed in an exported file; webviews link it instead. */
  style?: string;
  /** What the session needs (the parser's `needs`); defaults to the rig's stated requirements. */
  needs?: RigRequirements;
  /** requirementLines(rig, needs), when the caller has computed them already. */
  requirements?: RequirementLine[];
  /**
   * Draw the requirements check and the ranked interfaces under the diagram (default true). The
   * webview passes false: it lists them as HTML beside the diagram.
   */
  checks?: boolean;
  /**
   * The width (user units: CSS pixels at 100 %) the diagram has room for. Wider than the
   * side-by-side layout, or unset: side by side; narrower: stacked, wrapped to this width.
   */
  maxWidth?: number;
}

// The side-by-side layout is kept narrow so that, fitted to a typical editor (1000–1300 px), its 11 px
// body text stays readable: each input's name sits above its row instead of in a column of its own,
// and the gaps are just wide enough for the arrows' labels. Narrower panels get the stacked layout.
const M = 16;
const BOX: BoxGeometry = { width: 124, height: 92, gap: 48 };
/** Between rows; the next input's name line sits in it. */
const ROW_GAP = 30;
const BLOCK_PAD = 12;
const BLOCK_HEAD = 58;
const DAW_W = 140;
/** Between the DAW block and the outputs block under it (the D/A arrow). */
const DA_GAP = 36;
const OUT_BOX_H = 30;
const OUT_GAP = 8;
const GROUP_HEAD = 22;
const LINE_H = 18;
/** The SVG lists this many ranked interfaces; the command and the panel list them all. */
const MAX_FITS = 10;
/** Unnamed monitor pairs and headphone outputs drawn one by one; more are counted in a line. */
const MAX_LISTED = 16;
/** One output group (monitors, headphones, line outs and MIDI) is this wide. */
const GROUP_W = 250;
const GROUP_GAP = 16;
/** The stacked layout is never narrower than one stage box per row (plus its margins). */
const MIN_STACKED_W = 2 * M + 2 * BLOCK_PAD + 220;

/** The stages inside the interface: its block is drawn around them. Other kinds are outside it. */
export const INTERFACE_STAGES: ReadonlySet<string> = new Set(['preamp-input', 'preamp-output', 'converter']);

/**
 * The stage kinds of every chain merged in chain order: the side-by-side layout's columns (an input
 * without a pad, a mic or a device leaves that column empty). With no chains, every kind in its label order.
 */
export function stageColumns(chains: readonly ChainEvaluation[]): string[] {
  const columns: string[] = [];
  for (const chain of chains) {
    let last = -1;
    for (const { stage } of chain.stages) {
      let at = columns.indexOf(stage);
      if (at < 0) {
        at = last + 1;
        columns.splice(at, 0, stage);
      }
      last = Math.max(last, at);
    }
  }
  return columns.length ? columns : Object.keys(STAGE_LABELS).filter((k) => k !== 'device');
}

/** An arrow from (x,y1) down to (x,y2), its label beside it. */
function downArrow(x: number, y1: number, y2: number, label: string): Markup {
  const head = 7;
  return el(
    'g',
    { class: 'arrow' },
    el('line', { class: 'wire', x1: x, y1, x2: x, y2: y2 - head }),
    el('polygon', { class: 'head', points: `${x},${y2} ${x - 4},${y2 - head} ${x + 4},${y2 - head}` }),
    text(x + 8, (y1 + y2) / 2 + 4, 'small', label),
  );
}

function text(x: number, y: number, cls: string, body: string, anchor?: 'middle' | 'end'): Markup {
  return el('text', { class: cls, x, y, 'text-anchor': anchor }, body);
}

function outBox(x: number, y: number, w: number, label: string, tooltip: string, cls = ''): Markup {
  return el(
    'g',
    { class: `output${cls ? ` ${cls}` : ''}` },
    el('title', {}, tooltip),
    el('rect', { class: 'frame', x, y, width: w, height: OUT_BOX_H, rx: 4 }),
    text(x + 10, y + OUT_BOX_H / 2 + 4, 'small', fitText(label, w - 20, 11)),
  );
}

interface Column {
  markup: Child[];
  height: number;
}

/** The output counts to draw: unpublished counts draw as none (the requirements check says they are not published). */
interface OutputCounts {
  name: string;
  monitorPairs: number;
  headphoneOutputs: number;
  lineOutputs: number;
  midi: { in: number; out: number };
}

/**
 * The outputs block at (x, y), `width` wide: monitor sets behind a switch, headphone outputs with
 * their mixes, line outs and MIDI, in groups side by side as the width allows, else one under another.
 */
function outputsBlock(rig: Rig, x: number, y: number, width: number): Column {
  const iface = rig.interface;
  const i: OutputCounts = {
    name: iface.name,
    monitorPairs: iface.monitorPairs ?? 0,
    headphoneOutputs: iface.headphoneOutputs ?? 0,
    lineOutputs: iface.lineOutputs ?? 0,
    midi: iface.midi ?? { in: 0, out: 0 },
  };
  const perRow = Math.max(1, Math.min(3, Math.floor((width - 2 * BLOCK_PAD + GROUP_GAP) / (GROUP_W + GROUP_GAP))));
  const groupW = (width - 2 * BLOCK_PAD - (perRow - 1) * GROUP_GAP) / perRow;
  const groups: ((gx: number, gy: number) => Column)[] = [
    (gx, gy) => monitorsGroup(rig, i, gx, gy, groupW),
    (gx, gy) => headphonesGroup(rig, i, gx, gy, groupW),
    (gx, gy) => lineGroup(rig, i, gx, gy, groupW),
  ];
  const parts: Child[] = [];
  let rowTop = y + 26;
  for (let k = 0; k < groups.length; k += perRow) {
    let rowH = 0;
    groups.slice(k, k + perRow).forEach((draw, j) => {
      const g = draw(x + BLOCK_PAD + j * (groupW + GROUP_GAP), rowTop);
      parts.push(g.markup);
      rowH = Math.max(rowH, g.height);
    });
    rowTop += rowH;
  }
  const height = rowTop - y + BLOCK_PAD - OUT_GAP;
  return { markup: [el('rect', { class: 'block', x, y, width, height, rx: 8 }), text(x + BLOCK_PAD, y + 18, 'label', 'Outputs (D/A)'), ...parts], height };
}

/** A group's heading and its boxes, indented under it, one under another. */
function groupColumn(x: number, y: number, w: number, title: string, fill: (boxX: number, boxW: number, cy: number, parts: Child[]) => number): Column {
  const parts: Child[] = [text(x, y + 14, 'heading', title)];
  const cy = fill(x + 44, w - 44, y + GROUP_HEAD, parts);
  return { markup: parts, height: cy - y };
}

function moreLine(parts: Child[], x: number, cy: number, n: number, what: string): number {
  if (n <= 0) return cy;
  parts.push(text(x, cy + 12, 'small muted', `+ ${n} more ${what}`));
  return cy + LINE_H;
}

function monitorsGroup(rig: Rig, i: OutputCounts, x: number, y: number, w: number): Column {
  const named = rig.outputs.monitorSets.length > 0;
  const sets = named
    ? rig.outputs.monitorSets
    : Array.from({ length: Math.min(i.monitorPairs, MAX_LISTED) }, (_, k) => ({ name: `Monitor pair ${k + 1}`, output: '' }));
  return groupColumn(x, y, w, sets.length > 1 ? 'Monitors (switched)' : 'Monitors', (boxX, boxW, cy, parts) => {
    if (sets.length === 0) {
      parts.push(text(boxX, cy + 14, 'small muted', 'no monitor outputs'));
      return cy + OUT_BOX_H + OUT_GAP;
    }
    // The switch: a pivot, a contact per monitor set, the lever resting on the first.
    const pivot = { x: x + 6, y: cy + OUT_BOX_H / 2 };
    const contactX = boxX - 14;
    const contacts = sets.map((_, k) => cy + k * (OUT_BOX_H + OUT_GAP) + OUT_BOX_H / 2);
    const sw: Child[] = [el('circle', { class: 'switch-pivot', cx: pivot.x, cy: pivot.y, r: 3.5 })];
    if (sets.length > 1) {
      sw.push(el('line', { class: 'wire', x1: pivot.x, y1: pivot.y, x2: contactX - 3, y2: contacts[0]! }));
      for (const c of contacts)
        sw.push(el('circle', { class: 'wire', cx: contactX, cy: c, r: 3 }), el('line', { class: 'wire', x1: contactX + 3, y1: c, x2: boxX, y2: c }));
    } else sw.push(el('line', { class: 'wire', x1: pivot.x, y1: pivot.y, x2: boxX, y2: contacts[0]! }));
    parts.push(el('g', { class: 'monitor-switch' }, el('title', {}, `Monitor switch: ${sets.map((s) => s.name).join(' / ')}`), sw));
    sets.forEach((s, k) => {
      const over = k >= i.monitorPairs;
      const label = `${s.name}${s.output ? ` (${s.output})` : ''}`;
      parts.push(
        outBox(
          boxX,
          cy,
          boxW,
          label,
          over ? `${label}: ${i.name} has only ${plural(i.monitorPairs, 'monitor pair')}` : `Monitor set: ${label}`,
          `monitor-set${over ? ' risk-clip' : ''}`,
        ),
      );
      cy += OUT_BOX_H + OUT_GAP;
    });
    return named ? cy : moreLine(parts, boxX, cy, i.monitorPairs - sets.length, 'monitor pairs');
  });
}

function headphonesGroup(rig: Rig, i: OutputCounts, x: number, y: number, w: number): Column {
  const mixes = rig.outputs.headphoneMixes;
  // The interface's outputs (up to MAX_LISTED), plus any output a mix names, present or not.
  const phones = [...new Set([...Array.from({ length: Math.min(i.headphoneOutputs, MAX_LISTED) }, (_, k) => k + 1), ...mixes.map((m) => m.output)])].sort(
    (a, b) => a - b,
  );
  return groupColumn(x, y, w, 'Headphones', (boxX, boxW, cy, parts) => {
    if (phones.length === 0) {
      parts.push(text(boxX, cy + 14, 'small muted', 'no headphone outputs'));
      cy += OUT_BOX_H + OUT_GAP;
    }
    for (const k of phones) {
      const names = mixes.filter((m) => m.output === k).map((m) => m.name);
      const exists = k <= i.headphoneOutputs;
      const label = `Phones ${k}${names.length ? `: ${names.join(', ')}` : ''}`;
      const tooltip = exists
        ? `Headphone output ${k}${names.length ? `, mix ${names.join(', ')}` : ', no mix assigned'}`
        : `Headphone output ${k} is not on ${i.name} (it has ${i.headphoneOutputs})`;
      parts.push(outBox(boxX, cy, boxW, exists ? label : `${label} — missing`, tooltip, `headphone${exists ? '' : ' risk-clip'}`));
      cy += OUT_BOX_H + OUT_GAP;
    }
    return moreLine(parts, boxX, cy, i.headphoneOutputs - phones.filter((k) => k <= i.headphoneOutputs).length, 'headphone outputs');
  });
}

function lineGroup(rig: Rig, i: OutputCounts, x: number, y: number, w: number): Column {
  const iface = rig.interface;
  return groupColumn(x, y, w, 'Line outs and MIDI', (boxX, boxW, cy, parts) => {
    parts.push(
      outBox(
        boxX,
        cy,
        boxW,
        iface.lineOutputs === null ? 'Line outs: not published' : i.lineOutputs > 0 ? `Line outs 1–${i.lineOutputs}` : 'No line outs',
        iface.lineOutputs === null ? 'An unpublished number of line outputs' : plural(i.lineOutputs, 'line output'),
        'line-outs',
      ),
    );
    cy += OUT_BOX_H + OUT_GAP;
    const midi = iface.midi === null ? 'MIDI: not published' : i.midi.in + i.midi.out > 0 ? `MIDI in ${i.midi.in} · out ${i.midi.out}` : 'No MIDI';
    parts.push(outBox(boxX, cy, boxW, midi, `MIDI: ${i.midi.in} in, ${i.midi.out} out`, 'midi'));
    return cy + OUT_BOX_H + OUT_GAP;
  });
}

const PASS_WORD = (p: boolean | null) => (p === null ? '?' : p ? '✓' : '✗');
const PASS_CLASS = (p: boolean | null) => (p === null ? 'muted' : p ? 'pass' : 'fail');

/**
 * A line of a check in the foreground colour; only its ✓ / ✗ / ? mark carries the pass or fail
 * colour, so a passing line stays as readable as any other text.
 */
function markedLine(x: number, y: number, prefix: string, pass: boolean | null, body: string, w: number): Markup {
  const mark = PASS_WORD(pass);
  return el(
    'text',
    { class: 'small', x, y },
    prefix,
    el('tspan', { class: `mark ${PASS_CLASS(pass)}` }, mark),
    ' ',
    fitText(body, w - textWidth(`${prefix}${mark} `, 11), 11),
  );
}

function requirementsPanel(rig: Rig, lines: RequirementLine[], x: number, y: number, w: number): Column {
  const parts: Child[] = [text(x, y + 14, 'heading', `Requirements — ${fitText(rig.interface.name, w - 120, 13)}`)];
  let cy = y + 14 + 8;
  if (lines.length === 0) {
    cy += LINE_H;
    parts.push(text(x, cy, 'small muted', 'The rig states no requirements.'));
  }
  for (const l of lines) {
    cy += LINE_H;
    parts.push(
      el(
        'g',
        { class: `requirement ${PASS_CLASS(l.pass)}`, 'data-key': l.key },
        el('title', {}, `${l.label}: needs ${l.need}, has ${l.have} — ${l.pass === null ? 'unknown' : l.pass ? 'pass' : 'fail'}`),
        markedLine(x, cy, '', l.pass, `${l.label}: need ${l.need}, has ${l.have}`, w),
      ),
    );
  }
  return { markup: parts, height: cy - y + 6 };
}

/** Interfaces that fit first; for each, why (or why not). */
function fitsPanel(fits: InterfaceFit[], x: number, y: number, w: number): Column {
  const parts: Child[] = [text(x, y + 14, 'heading', 'Interfaces for this session')];
  let cy = y + 14 + 8;
  if (fits.length === 0) {
    cy += LINE_H;
    parts.push(text(x, cy, 'small muted', 'No interfaces in the catalogue.'));
  }
  fits.slice(0, MAX_FITS).forEach((f, k) => {
    cy += LINE_H;
    const lines: Markup[] = [markedLine(x, cy, `${k + 1}. `, f.fits, `${f.name}${f.fits && f.unusedFeatures > 0 ? ` (${f.unusedFeatures} unused)` : ''}`, w)];
    for (const r of f.reasons.slice(0, 2)) {
      cy += LINE_H - 3;
      lines.push(text(x + 18, cy, 'small muted', fitText(r, w - 18, 11)));
    }
    parts.push(
      el(
        'g',
        { class: `fit ${f.fits ? 'pass' : 'fail'}`, 'data-id': f.id },
        el('title', {}, `${f.name}: ${f.fits ? 'fits' : 'does not fit'}${f.reasons.length ? ` — ${f.reasons.join('; ')}` : ''}`),
        lines,
      ),
    );
  });
  if (fits.length > MAX_FITS) {
    cy += LINE_H;
    parts.push(text(x, cy, 'small muted', `… and ${fits.length - MAX_FITS} more (Headroom: Recommend an Interface lists them all)`));
  }
  return { markup: parts, height: cy - y + 6 };
}

/** The input's name, its source and how it is connected, on one line just above its row (at `y`). */
function inputLabel(e: InputEvaluation, y: number, width: number): Markup {
  const { input } = e;
  const src = input.source.kind === 'mic' ? `${input.source.mic.name} (${input.source.mic.type})` : `${input.source.kind} source`;
  const how = `${input.interfaceInput !== null ? `input ${input.interfaceInput} · ` : ''}${kindWord(input.settings.kind)} input${input.settings.phantom ? ' · 48 V' : ''}${input.settings.devices.length > 0 ? ` · ${input.settings.devices.map((d) => d.spec.name).join(', ')}` : ''}`;
  const baseline = y - 9;
  const name = fitText(input.name, width / 2, 12);
  // One text run: the renderer places the details after the name however wide its font draws it,
  // so the two never overlap; the estimate only decides where the details are cut.
  const detailWidth = M + width - (M + textWidth(name, 12) + 12);
  return el(
    'g',
    { class: 'input-label', 'data-input': input.id },
    el('title', {}, `${input.name} (${input.id}): ${src}, ${how}, gain ${formatChange(input.settings.gainDb)}`),
    el('text', { x: M, y: baseline, class: 'label' }, name, el('tspan', { class: 'small muted detail', dx: 12 }, fitText(`${src} · ${how}`, detailWidth, 11))),
  );
}

/** The interface's name, its inputs and where 0 dBFS sits: the head of its block. */
function interfaceHead(rig: Rig, x: number, y: number, w: number): Child[] {
  const spec = interfaceSummary(rig);
  const reference = referenceSummary(rig);
  return [
    el('title', {}, `${rig.interface.name}: ${spec}; ${reference}`),
    text(x + BLOCK_PAD, y + 18, 'label', fitText(rig.interface.name, w - 2 * BLOCK_PAD, 12)),
    text(x + BLOCK_PAD, y + 34, 'small muted', fitText(spec, w - 2 * BLOCK_PAD, 11)),
    text(x + BLOCK_PAD, y + 50, 'small converter-ref', fitText(reference, w - 2 * BLOCK_PAD, 11)),
  ];
}

/** An input's DAW track: its name and the peak it is expected to record. */
function trackTexts(e: InputEvaluation, x: number, y: number, w: number): Child[] {
  const last = e.chain.stages.at(-1)!;
  return [
    el(
      'title',
      {},
      `${e.input.name}: ${e.chain.noSignal === null ? '' : `no signal (${e.chain.noSignal}); once powered, `}expected peak ${formatChange(e.chain.recordedPeakDbfs, 'dBFS')} (${RISK_WORDS[last.risk]})`,
    ),
    text(x, y, 'small', fitText(e.input.name, w, 11)),
    text(x, y + 16, 'small risk', e.chain.noSignal === null ? `peak ${formatChange(e.chain.recordedPeakDbfs, 'dBFS')}` : 'no signal'),
  ];
}

interface Layout {
  body: Child[];
  width: number;
  /** Where the drawing ends: the requirements go under it. */
  bottom: number;
}

/** One row per input, the stages in aligned columns, the interface block around its columns, the DAW beside them. */
function sideBySide(rig: Rig, evaluations: InputEvaluation[]): Layout {
  const chains = evaluations.map((e) => withOneDeviceBox(e.chain));
  const columns = stageColumns(chains);
  const colX = (k: number) => M + k * (BOX.width + BOX.gap);
  const slotOf = (s: StageLevel) => columns.indexOf(s.stage);
  const inside = columns.map((c, k) => (INTERFACE_STAGES.has(c) ? k : -1)).filter((k) => k >= 0);
  const first = inside[0] ?? columns.length - 1;
  const last = inside.at(-1) ?? columns.length - 1;
  const titleY = M + 18;
  const blockTop = titleY + 22;
  const rowsTop = blockTop + BLOCK_HEAD;
  const rows = Math.max(1, evaluations.length);
  const rowsBottom = rowsTop + rows * BOX.height + (rows - 1) * ROW_GAP;
  const rowY = (k: number) => rowsTop + k * (BOX.height + ROW_GAP);
  const ifX = colX(first) - BLOCK_PAD;
  const ifRight = colX(last) + BOX.width + BLOCK_PAD;
  const ifW = ifRight - ifX;
  const ifH = rowsBottom + BLOCK_PAD - blockTop;
  const body: Child[] = [text(M, titleY, 'title', fitText(rig.name, Math.max(ifX - 2 * BLOCK_PAD - M, 200), 16))];
  body.push(
    el(
      'g',
      { class: 'interface' },
      el('rect', { class: 'block', x: ifX, y: blockTop, width: ifW, height: ifH, rx: 8 }),
      interfaceHead(rig, ifX, blockTop, ifW),
    ),
  );

  // The DAW: one track per input, at its row.
  const dawX = ifRight + BOX.gap;
  body.push(
    el('rect', { class: 'block daw', x: dawX, y: blockTop, width: DAW_W, height: ifH, rx: 8 }),
    text(dawX + BLOCK_PAD, blockTop + 18, 'label', 'DAW'),
    text(dawX + BLOCK_PAD, blockTop + 34, 'small muted', plural(evaluations.length, 'track')),
  );

  if (evaluations.length === 0) body.push(text(M, rowsTop + BOX.height / 2, 'small muted', 'No inputs in this rig yet.'));
  evaluations.forEach((e, k) => {
    const y = rowY(k);
    const row = stageRow(chains[k]!, M, y, BOX, slotOf, 'compact');
    body.push(
      el('g', { class: 'input-row', 'data-input': e.input.id }, inputLabel(e, y, ifX - BLOCK_PAD - M), row.markup, arrow(row.endX, dawX, y + BOX.height / 2)),
      el('g', { class: `track risk-${e.chain.stages.at(-1)!.risk}` }, trackTexts(e, dawX + BLOCK_PAD, y + BOX.height / 2 - 4, DAW_W - 2 * BLOCK_PAD)),
    );
  });

  // The outputs under everything, across the whole width, fed by the D/A converter from the DAW.
  const width = dawX + DAW_W + M;
  const outY = blockTop + ifH + DA_GAP;
  const outputs = outputsBlock(rig, M, outY, width - 2 * M);
  body.push(downArrow(dawX + DAW_W / 2, blockTop + ifH, outY, 'D/A'), el('g', { class: 'outputs' }, outputs.markup));
  return { body, width, bottom: outY + outputs.height };
}

/**
 * Each input under the one before, its chain wrapped onto as many rows as `width` holds and ending
 * in its DAW track; the interface's stages sit on a band of its colour, row by row.
 */
function stacked(rig: Rig, evaluations: InputEvaluation[], width: number): Layout {
  const inner = width - 2 * M;
  const perRow = Math.max(1, Math.floor((inner + BOX.gap) / (BOX.width + BOX.gap)));
  const titleY = M + 18;
  const body: Child[] = [text(M, titleY, 'title', fitText(rig.name, inner, 16))];
  let y = titleY + 22;
  body.push(el('g', { class: 'interface' }, el('rect', { class: 'block', x: M, y, width: inner, height: BLOCK_HEAD, rx: 8 }), interfaceHead(rig, M, y, inner)));
  y += BLOCK_HEAD + ROW_GAP;
  if (evaluations.length === 0) {
    body.push(text(M, y + 4, 'small muted', 'No inputs in this rig yet.'));
    y += ROW_GAP;
  }
  for (const e of evaluations) {
    const chain = withOneDeviceBox(e.chain);
    // The input's stages and then its DAW track, placed left to right and wrapped.
    const count = chain.stages.length + 1;
    const places: BoxPlace[] = Array.from({ length: count }, (_, k) => ({
      x: M + (k % perRow) * (BOX.width + BOX.gap),
      y: y + Math.floor(k / perRow) * (BOX.height + ROW_GAP),
    }));
    // The interface's stages on its band: one per row they share.
    const inside = chain.stages.map((s, k) => (INTERFACE_STAGES.has(s.stage) ? places[k]! : null)).filter((p): p is BoxPlace => p !== null);
    const bands: Child[] = [...new Set(inside.map((p) => p.y))].map((rowY) => {
      const xs = inside.filter((p) => p.y === rowY).map((p) => p.x);
      const left = Math.min(...xs);
      return el(
        'rect',
        { class: 'block interface-band', x: left - 6, y: rowY - 6, width: Math.max(...xs) - left + BOX.width + 12, height: BOX.height + 12, rx: 6 },
        el('title', {}, `${rig.interface.name} (the interface)`),
      );
    });
    const flow = stageFlow(chain, BOX, (_s, k) => places[k]!, 'compact');
    const lastStage = places[count - 2]!;
    const daw = places[count - 1]!;
    const link = daw.y === lastStage.y ? arrow(lastStage.x + BOX.width, daw.x, daw.y + BOX.height / 2) : wrapArrow(lastStage, daw, BOX);
    body.push(
      el('g', { class: 'input-row', 'data-input': e.input.id }, inputLabel(e, y, inner), bands, flow.markup, link),
      el(
        'g',
        { class: `track daw risk-${e.chain.stages.at(-1)!.risk}` },
        el('rect', { class: 'frame', x: daw.x, y: daw.y, width: BOX.width, height: BOX.height, rx: 6 }),
        trackTexts(e, daw.x + 10, daw.y + 40, BOX.width - 20),
        text(daw.x + 10, daw.y + 20, 'label', 'DAW track'),
      ),
    );
    y = daw.y + BOX.height + ROW_GAP + 8;
  }
  const outY = y + DA_GAP - ROW_GAP;
  const outputs = outputsBlock(rig, M, outY, inner);
  body.push(downArrow(M + inner / 2, outY - DA_GAP + 8, outY, 'D/A'), el('g', { class: 'outputs' }, outputs.markup));
  return { body, width, bottom: outY + outputs.height };
}

/**
 * The rig as a standalone SVG string. `evaluations` are the inputs' chains (`evaluateInput` for each
 * input); `fits` adds the ranked catalogue interfaces.
 */
export function rigDiagramSvg(rig: Rig, evaluations: InputEvaluation[], fits?: InterfaceFit[], options: RigDiagramOptions = {}): string {
  const wide = sideBySide(rig, evaluations);
  const layout = options.maxWidth !== undefined && options.maxWidth < wide.width ? stacked(rig, evaluations, Math.max(MIN_STACKED_W, options.maxWidth)) : wide;
  const { body, width } = layout;
  let height = layout.bottom + M;
  if (options.checks ?? true) {
    const panelsTop = layout.bottom + 28;
    // Side by side when both have room, else the ranked interfaces under the requirements.
    const beside = width - 3 * M >= 2 * 300;
    const reqW = beside ? Math.min(560, (width - 3 * M) / 2) : width - 2 * M;
    const req = requirementsPanel(rig, options.requirements ?? requirementLines(rig, options.needs), M, panelsTop, reqW);
    body.push(el('g', { class: 'requirements' }, req.markup));
    let bottom = panelsTop + req.height;
    if (fits) {
      const fx = beside ? M + reqW + 2 * M : M;
      const fy = beside ? panelsTop : bottom + 20;
      const fp = fitsPanel(fits, fx, fy, width - fx - M);
      body.push(el('g', { class: 'fits' }, fp.markup));
      bottom = Math.max(bottom, fy + fp.height);
    }
    height = bottom + M;
  }
  const label = `Rig diagram for ${rig.name}: ${plural(evaluations.length, 'input')} (${evaluations.map((e) => `${e.input.name} ${formatChange(e.chain.recordedPeakDbfs, 'dBFS')}`).join(', ')}) into ${rig.interface.name}; ${referenceSummary(rig)}`;
  return svgDocument({ width, height, label, style: options.style }, body);
}

/** The interface's inputs by kind, with each kind's published gain range, maximum and EIN. */
function interfaceSummary(rig: Rig): string {
  const i = rig.interface;
  if (i.unpublished.includes('inputs')) return 'input layout not published';
  const counts = kindCounts(i.inputs);
  return INPUT_KINDS.filter((k) => counts[k] > 0)
    .map((k) => {
      const spec = i.kinds[k];
      const figures = [
        spec?.gainRangeDb && spec.gainRangeDb[1] > spec.gainRangeDb[0] ? `${spec.gainRangeDb[0]}–${spec.gainRangeDb[1]} dB` : null,
        spec?.einDbu != null ? `EIN ${formatUnitLevel(spec.einDbu, 'dBu')}` : null,
      ].filter((x) => x !== null);
      return `${counts[k]} ${kindWord(k)}${figures.length ? ` (${figures.join(', ')})` : ''}`;
    })
    .join(' · ');
}

/** Where 0 dBFS sits: the rig's override, or each kind's published maximum at minimum gain. */
function referenceSummary(rig: Rig): string {
  if (rig.converterReferenceDbu !== null) return `A/D: 0 dBFS = ${formatChange(rig.converterReferenceDbu, 'dBu')} after the preamp (rig override)`;
  const kinds = [...new Set(rig.inputs.map((x) => x.settings.kind))];
  const parts = kinds.map((k) => {
    const max = rig.interface.kinds[k]?.maxInputDbu ?? null;
    return `${kindWord(k)} ${max === null ? 'not published' : formatChange(max, 'dBu')}`;
  });
  return `0 dBFS at minimum gain: ${parts.length ? parts.join(', ') : 'no inputs'}`;
}

/** Several inline devices share the rig diagram's one device column: drawn as one box with their summed gain. */
function withOneDeviceBox(e: ChainEvaluation): ChainEvaluation {
  const devices = e.stages.filter((s) => s.stage === 'device');
  if (devices.length <= 1) return e;
  const last = devices[devices.length - 1]!;
  const merged = {
    ...last,
    label: devices.map((d) => d.label).join(' + '),
    gainDb: devices.reduce((g, d) => g + (d.gainDb ?? 0), 0),
    headroomDb: devices.reduce<number | null>((h, d) => (d.headroomDb === null ? h : h === null ? d.headroomDb : Math.min(h, d.headroomDb)), null),
  };
  const first = e.stages.indexOf(devices[0]!);
  return { ...e, stages: [...e.stages.slice(0, first), merged, ...e.stages.filter((s, k) => k > first && s.stage !== 'device')] };
}
