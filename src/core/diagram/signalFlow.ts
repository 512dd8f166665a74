// One input's signal flow as SVG, left to right: source → mic → pad → preamp → converter → DAW.
// Every stage box shows its peak level, the headroom it has left and its risk (as a word and as a
// colour class), and the arrows carry the pad and gain amounts. Pure: the same evaluation always
// gives the same string, so the take editor, the rig diagram and the tests share it.

import type { ChainEvaluation, Risk, StageId, StageLevel } from '../gainstage/chain';
import { describeSuggestedGain, type SuggestedGain } from '../gainstage/suggest';
import type { FullScaleBasis } from '../gainstage/types';
import { DBV_IN_DBU, SPL_AT_ONE_PASCAL } from '../gainstage/units';
import { el, fitText, formatChange, formatLevel, formatUnitLevel, fragment, textWidth, type Markup } from './svg';
import { svgDocument } from './theme';

export interface SignalFlowOptions {
  /** Heading above the chain, e.g. the input's name. */
  title?: string;
  /** The peak a take actually reached, shown in the DAW box next to the expected one. */
  measuredPeakDbfs?: number | null;
  /** The input's (or take's) one suggested gain and the hardware change that delivers it. */
  advice?: { suggested: SuggestedGain; action: string | null };
  /** media/diagram.css, to embed in a standalone file; webviews link it instead. */
  style?: string;
}

export const STAGE_LABELS: Record<StageId, string> = {
  source: 'Source',
  mic: 'Mic out',
  device: 'Device',
  pad: 'After pad',
  'preamp-input': 'Preamp in',
  'preamp-output': 'Preamp out',
  converter: 'Converter',
};

/** A stage's name as the diagrams show it: the device's own name on device stages. */
export const stageLabel = (s: StageLevel): string => (s.stage === 'device' && s.label ? s.label : STAGE_LABELS[s.stage]);

export const RISK_WORDS: Record<Risk, string> = { ok: 'OK', hot: 'HOT', clip: 'CLIPS', noisy: 'NOISY', unknown: 'UNKNOWN', dead: 'NO SIGNAL' };

export const BASIS_WORDS: Record<FullScaleBasis, string> = { published: 'published', override: 'rig override', setting: 'setting', assumed: 'assumed' };

export function headroomText(s: StageLevel): string {
  if (s.note !== undefined) return s.note;
  if (s.headroomDb === null) return s.risk === 'unknown' ? 'limit unknown' : 'no limit here';
  return s.headroomDb < 0 ? `over by ${formatLevel(-s.headroomDb, 'dB')}` : `headroom ${formatLevel(s.headroomDb, 'dB')}`;
}

function stage(e: ChainEvaluation, name: StageId): StageLevel | undefined {
  return e.stages.find((s) => s.stage === name);
}

function detailText(s: StageLevel, e: ChainEvaluation): string | null {
  switch (s.stage) {
    case 'source':
      return e.recordedPeakDbfs === null || s.unit !== 'dB SPL' ? null : `0 dBFS at ${formatLevel(s.peak! - e.recordedPeakDbfs, 'dB SPL')}`;
    case 'mic': {
      const src = stage(e, 'source')!;
      const pad = -(s.gainDb ?? 0);
      const sens = s.peak! + pad - src.peak! + SPL_AT_ONE_PASCAL - DBV_IN_DBU;
      return `${formatLevel(sens, 'dBV/Pa')}${pad > 0 ? `, pad −${pad} dB` : ''}`;
    }
    case 'device':
      return s.gainDb === undefined ? null : `gain ${formatChange(s.gainDb)}`;
    case 'pad':
      return s.gainDb ? `pad ${formatChange(s.gainDb)}` : 'no pad';
    case 'preamp-input':
      return s.headroomDb === null || s.peak === null ? null : `max in ${formatChange(s.peak + s.headroomDb, 'dBu')}`;
    case 'preamp-output':
      return `gain ${formatChange(s.gainDb ?? 0)}`;
    case 'converter': {
      const out = stage(e, 'preamp-output')!;
      return out.fullScaleDbu === null ? null : `0 dBFS = ${formatChange(out.fullScaleDbu, 'dBu')}`;
    }
  }
}

export interface BoxGeometry {
  width: number;
  height: number;
  gap: number;
}

export const FULL_BOX: BoxGeometry = { width: 150, height: 112, gap: 60 };

/** An arrow from (x1,y) to (x2,y), with an optional label above it. */
export function arrow(x1: number, x2: number, y: number, label?: string): Markup {
  const head = 7;
  return el(
    'g',
    { class: 'arrow' },
    el('line', { class: 'wire', x1, y1: y, x2: x2 - head, y2: y }),
    el('polygon', { class: 'head', points: `${x2},${y} ${x2 - head},${y - 4} ${x2 - head},${y + 4}` }),
    label ? el('text', { class: 'small', x: (x1 + x2) / 2, y: y - 6, 'text-anchor': 'middle' }, label) : null,
  );
}

/** One stage's box: label, level, headroom, a detail line and the risk word, coloured by risk. */
export function stageBox(s: StageLevel, e: ChainEvaluation, x: number, y: number, g: BoxGeometry, boxClass?: string): Markup {
  const cx = x + g.width / 2;
  const detail = detailText(s, e);
  const dead = s.risk === 'dead';
  const level = formatUnitLevel(s.peak, s.unit);
  const head = headroomText(s);
  const basis = s.basis === null ? '' : `, full scale ${BASIS_WORDS[s.basis]}`;
  const tooltip = `${stageLabel(s)}: ${dead ? `no signal (peak ${level} once powered)` : `peak ${level}`}, ${head}${detail ? `, ${detail}` : ''}${basis} (${RISK_WORDS[s.risk]})`;
  const line = (i: number) => y + 20 + i * ((g.height - 26) / 4);
  return el(
    'g',
    { class: `stage risk-${s.risk}${boxClass ? ` ${boxClass}` : ''}`, 'data-stage': s.stage },
    el('title', {}, tooltip),
    el('rect', { class: 'frame', x, y, width: g.width, height: g.height, rx: 6 }),
    el('text', { class: 'label', x: cx, y: line(0), 'text-anchor': 'middle' }, fitText(stageLabel(s), g.width - 8, 12)),
    // With no signal the level is only what the stage would carry once powered: bracketed and muted.
    el('text', { class: dead ? 'level muted' : 'level', x: cx, y: line(1) + 2, 'text-anchor': 'middle' }, dead ? `(${level})` : level),
    el('text', { class: dead ? 'small risk' : 'small', x: cx, y: line(2), 'text-anchor': 'middle' }, head),
    detail ? el('text', { class: 'small muted', x: cx, y: line(3), 'text-anchor': 'middle' }, fitText(detail, g.width - 8, 11)) : null,
    el('text', { class: 'small risk', x: cx, y: line(4), 'text-anchor': 'middle', 'font-weight': '700' }, RISK_WORDS[s.risk]),
  );
}

function arrowLabel(to: StageLevel): string | undefined {
  if (to.stage === 'converter') return 'A/D';
  return to.gainDb ? formatChange(to.gainDb) : undefined;
}

/** Where a stage box goes: its top-left corner. */
export interface BoxPlace {
  x: number;
  y: number;
}

/**
 * The stage boxes, each at the place `place` gives it, and the arrows between them: straight along
 * a row, an elbow (down, across, down) where the chain wraps onto the next row. Returns the markup
 * and where the last box ends.
 */
export function stageFlow(
  e: ChainEvaluation,
  g: BoxGeometry,
  place: (s: StageLevel, i: number) => BoxPlace,
  boxClass?: string,
): { markup: Markup; end: BoxPlace } {
  const parts: Markup[] = [];
  let end: BoxPlace = { x: 0, y: 0 };
  let prev: BoxPlace | undefined;
  e.stages.forEach((s, i) => {
    const at = place(s, i);
    if (prev && i > 0) {
      if (at.y === prev.y) {
        // A pad or gain label too wide for a narrow gap is left off: the box after it names the amount too.
        const label = arrowLabel(s);
        const gap = at.x - (prev.x + g.width);
        parts.push(arrow(prev.x + g.width, at.x, at.y + g.height / 2, label !== undefined && textWidth(label, 11) <= gap - 6 ? label : undefined));
      } else parts.push(wrapArrow(prev, at, g));
    }
    parts.push(stageBox(s, e, at.x, at.y, g, boxClass));
    prev = at;
    end = { x: at.x + g.width, y: at.y };
  });
  return { markup: fragment(...parts), end };
}

/** From the bottom of a box at the end of a row to the top of the first box of the next. */
export function wrapArrow(from: BoxPlace, to: BoxPlace, g: BoxGeometry): Markup {
  const head = 7;
  const x1 = from.x + g.width / 2;
  const y1 = from.y + g.height;
  const x2 = to.x + g.width / 2;
  const y2 = to.y;
  const mid = y1 + Math.max(6, (y2 - y1) * 0.4);
  return el(
    'g',
    { class: 'arrow wrap' },
    el('polyline', { class: 'wire', points: `${x1},${y1} ${x1},${mid} ${x2},${mid} ${x2},${y2 - head}` }),
    el('polygon', { class: 'head', points: `${x2},${y2} ${x2 - 4},${y2 - head} ${x2 + 4},${y2 - head}` }),
  );
}

/**
 * The stage boxes and the arrows between them in one row starting at (x, y); returns the markup and
 * the x where the row ends. `slotOf` places a stage in a column (the rig diagram keeps columns
 * aligned across mic and line chains); by default the boxes follow one another.
 */
export function stageRow(
  e: ChainEvaluation,
  x: number,
  y: number,
  g: BoxGeometry,
  slotOf: (s: StageLevel, i: number) => number = (_s, i) => i,
  boxClass?: string,
): { markup: Markup; endX: number } {
  const row = stageFlow(e, g, (s, i) => ({ x: x + slotOf(s, i) * (g.width + g.gap), y }), boxClass);
  return { markup: row.markup, endX: e.stages.length ? row.end.x : x };
}

function dawBox(e: ChainEvaluation, measured: number | null, x: number, y: number, g: BoxGeometry): Markup {
  const cx = x + g.width / 2;
  const line = (i: number) => y + 20 + i * ((g.height - 26) / 4);
  const expected = formatChange(e.recordedPeakDbfs, 'dBFS');
  if (e.noSignal !== null && measured === null) {
    return el(
      'g',
      { class: 'daw risk-dead' },
      el('title', {}, `DAW: no signal (${e.noSignal}); expected peak once powered ${expected}`),
      el('rect', { class: 'frame', x, y, width: g.width, height: g.height, rx: 6 }),
      el('text', { class: 'label', x: cx, y: line(0), 'text-anchor': 'middle' }, 'DAW'),
      el('text', { class: 'level muted', x: cx, y: line(1) + 2, 'text-anchor': 'middle' }, `(${expected})`),
      el('text', { class: 'small muted', x: cx, y: line(2), 'text-anchor': 'middle' }, 'expected once powered'),
      el('text', { class: 'small risk', x: cx, y: line(4), 'text-anchor': 'middle', 'font-weight': '700' }, RISK_WORDS.dead),
    );
  }
  const measuredRisk: Risk | null = measured === null ? null : measured >= 0 ? 'clip' : measured > -3 ? 'hot' : 'ok';
  const tooltip = `DAW: expected peak ${expected}${e.recordedAverageDbfs === null ? '' : `, average ${formatLevel(e.recordedAverageDbfs, 'dBFS')}`}${measured === null ? '' : `, measured peak ${formatChange(measured, 'dBFS')}`}`;
  return el(
    'g',
    { class: `daw${measuredRisk ? ` risk-${measuredRisk}` : ''}` },
    el('title', {}, tooltip),
    el('rect', { class: 'frame', x, y, width: g.width, height: g.height, rx: 6 }),
    el('text', { class: 'label', x: cx, y: line(0), 'text-anchor': 'middle' }, 'DAW'),
    el('text', { class: 'level', x: cx, y: line(1) + 2, 'text-anchor': 'middle' }, expected),
    el('text', { class: 'small muted', x: cx, y: line(2), 'text-anchor': 'middle' }, 'expected peak'),
    measured === null
      ? e.recordedAverageDbfs === null
        ? null
        : el('text', { class: 'small muted', x: cx, y: line(3), 'text-anchor': 'middle' }, `average ${formatLevel(e.recordedAverageDbfs, 'dBFS')}`)
      : el(
          'text',
          { class: 'small risk measured', x: cx, y: line(3) + 4, 'text-anchor': 'middle', 'font-weight': '700' },
          `measured ${formatChange(measured, 'dBFS')}`,
        ),
  );
}

function summaryLines(e: ChainEvaluation, advice: SignalFlowOptions['advice']): string[] {
  const parts = [
    e.noiseFloorDbfs === null ? 'noise floor unknown' : `noise floor ${formatLevel(e.noiseFloorDbfs, 'dBFS')}`,
    e.usableDynamicRangeDb === null ? null : `usable dynamic range ${formatLevel(e.usableDynamicRangeDb, 'dB')}`,
    `clips first: ${e.clipsFirst === null ? 'nothing' : stageLabel(e.clipsFirst).toLowerCase()}`,
    e.fullScale === null ? 'full scale unknown (not published)' : `full scale: ${BASIS_WORDS[e.fullScale.basis]}`,
  ].filter((p): p is string => p !== null);
  const lines = [parts.join(' · ')];
  if (advice) lines.push(`suggested gain ${describeSuggestedGain(advice.suggested)}${advice.action ? ` — ${advice.action}` : ''}`);
  return e.noSignal === null ? lines : [`No signal: ${e.noSignal}. The levels are those once it is powered.`, ...lines];
}

const MARGIN = 16;
const TITLE_H = 30;

/**
 * One input's chain as a standalone SVG string (viewBox only, so it scales to any size).
 * `evaluation` is what `evaluateInput(rig, input)` (or `evaluateChain`) returns; `options.advice` the
 * one suggested gain from adviseInput or adviseTake for the same chain.
 */
export function signalFlowSvg(evaluation: ChainEvaluation, options: SignalFlowOptions = {}): string {
  const g = FULL_BOX;
  const title = options.title ?? 'Signal flow';
  const measured = options.measuredPeakDbfs ?? null;
  const top = MARGIN + TITLE_H;
  const row = stageRow(evaluation, MARGIN, top, g);
  const dawX = row.endX + g.gap;
  const width = dawX + g.width + MARGIN;
  const summary = summaryLines(evaluation, options.advice);
  const summaryY = top + g.height + 26;
  const height = summaryY + 18 * (summary.length - 1) + MARGIN;
  const label = `Signal flow for ${title}: ${evaluation.stages.map((s) => `${stageLabel(s)} ${formatUnitLevel(s.peak, s.unit)} (${RISK_WORDS[s.risk]})`).join(', ')}, DAW ${formatChange(evaluation.recordedPeakDbfs, 'dBFS')}${measured === null ? '' : `, measured ${formatChange(measured, 'dBFS')}`}`;
  return svgDocument(
    { width, height, label, style: options.style },
    el('text', { class: 'title', x: MARGIN, y: MARGIN + 16 }, fitText(title, width - 2 * MARGIN, 16)),
    row.markup,
    arrow(row.endX, dawX, top + g.height / 2),
    dawBox(evaluation, measured, dawX, top, g),
    summary.map((s, i) =>
      // The no-signal line, when there is one, comes first and in the error colour.
      evaluation.noSignal !== null && i === 0
        ? el('g', { class: 'risk-dead' }, el('text', { class: 'small risk summary', x: MARGIN, y: summaryY, 'font-weight': '700' }, s))
        : el('text', { class: 'small muted summary', x: MARGIN, y: summaryY + i * 18 }, s),
    ),
  );
}
