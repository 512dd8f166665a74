// A tiny SVG builder. Markup only comes out of `el`, which escapes every text child and attribute
// value and refuses element and attribute names that are not plain XML names, so text from a rig
// file (an input called `<script>`, a quote in a mic name) always ends up as text, never as markup.
// That is what makes it safe for the webviews to insert the generated SVG as markup.

const MARKUP = Symbol('svg-markup');

/** Escaped SVG markup; only `el` and `fragment` make one. */
export interface Markup {
  readonly [MARKUP]: string;
}

export type AttrValue = string | number | null | undefined;
export type Child = Markup | string | number | null | undefined | false | readonly Child[];

const NAME = /^[A-Za-z_][\w.:-]*$/;

// XML 1.0 forbids these code points outright; a rig name containing one would make the SVG unreadable.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeText(s: string): string {
  return s.replace(INVALID_XML_CHARS, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** A coordinate or length: at most two decimals, never exponent notation. */
export function num(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`SVG number must be finite, got ${n}`);
  const r = Math.round(n * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

function attrText(v: string | number): string {
  return typeof v === 'number' ? num(v) : escapeAttr(v);
}

function childText(c: Child): string {
  if (c === null || c === undefined || c === false) return '';
  if (typeof c === 'string') return escapeText(c);
  if (typeof c === 'number') return num(c);
  if (Array.isArray(c)) return (c as readonly Child[]).map(childText).join('');
  return (c as Markup)[MARKUP];
}

export function el(tag: string, attrs: Record<string, AttrValue> = {}, ...children: Child[]): Markup {
  if (!NAME.test(tag)) throw new Error(`Invalid SVG element name: ${JSON.stringify(tag)}`);
  let open = `<${tag}`;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined) continue;
    if (!NAME.test(k)) throw new Error(`Invalid SVG attribute name: ${JSON.stringify(k)}`);
    open += ` ${k}="${attrText(v)}"`;
  }
  const body = children.map(childText).join('');
  return { [MARKUP]: body === '' ? `${open}/>` : `${open}>${body}</${tag}>` };
}

export function fragment(...children: Child[]): Markup {
  return { [MARKUP]: children.map(childText).join('') };
}

export function render(m: Markup): string {
  return m[MARKUP];
}

/** Rough width of a line of text in the diagrams' sans-serif font, for layout and truncation. */
export function textWidth(s: string, fontSize: number): number {
  return [...s].length * fontSize * 0.56;
}

/** The text cut with an ellipsis so it fits `width` at `fontSize` (the full text goes in a `<title>`). */
export function fitText(s: string, width: number, fontSize: number): string {
  const chars = [...s];
  const max = Math.floor(width / (fontSize * 0.56));
  if (chars.length <= max) return s;
  return `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/** A level as the diagrams show it: one decimal, a real minus sign, e.g. "−62.3 dBu". */
export function formatLevel(x: number | null, unit: string): string {
  return x === null ? 'n/a' : `${signed(x, false)} ${unit}`;
}

/** A level in its unit; dBu and dBFS above zero keep their plus sign ("+4.0 dBu"), SPL never has one. */
export function formatUnitLevel(x: number | null, unit: string): string {
  return unit === 'dB SPL' ? formatLevel(x, unit) : formatChange(x, unit);
}

/** A gain or difference with its sign always shown, e.g. "+54.3 dB", "−20.0 dB". */
export function formatChange(x: number | null, unit = 'dB'): string {
  return x === null ? 'n/a' : `${signed(x, true)} ${unit}`;
}

function signed(x: number, plus: boolean): string {
  const r = Math.round(x * 10) / 10;
  if (r === 0) return '0.0';
  return `${r < 0 ? '\u2212' : plus ? '+' : ''}${Math.abs(r).toFixed(1)}`;
}
