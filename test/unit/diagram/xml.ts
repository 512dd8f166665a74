// A strict little XML parser for the diagram tests: it walks the text character by character (no
// regular expressions), rejects anything not well-formed (unbalanced or misnested tags, unquoted or
// duplicate attributes, bare `&` or `<` in text, unknown entities) and returns a tree to query.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isNameStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c === ':';
}
function isNameChar(c: string): boolean {
  return isNameStart(c) || (c >= '0' && c <= '9') || c === '-' || c === '.';
}
function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

export function parseXml(text: string): XmlElement {
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`not well-formed at ${i}: ${why} (near ${JSON.stringify(text.slice(Math.max(0, i - 30), i + 30))})`);
  };
  const name = (): string => {
    if (!isNameStart(text[i] ?? '')) fail('expected a name');
    const start = i;
    while (i < text.length && isNameChar(text[i]!)) i++;
    return text.slice(start, i);
  };
  const skipSpace = () => {
    while (i < text.length && isSpace(text[i]!)) i++;
  };
  const decode = (raw: string, inAttr: boolean): string => {
    let out = '';
    for (let k = 0; k < raw.length; k++) {
      const c = raw[k]!;
      if (c === '<') fail('bare < in text');
      if (inAttr && c === '"') fail('bare " in an attribute');
      if (c !== '&') {
        out += c;
        continue;
      }
      const end = raw.indexOf(';', k);
      if (end < 0) fail('bare &');
      const ent = raw.slice(k + 1, end);
      if (ent.startsWith('#')) {
        const digits = ent.slice(1);
        if (digits.length === 0 || [...digits].some((d) => d < '0' || d > '9')) fail(`bad character reference &${ent};`);
        out += String.fromCodePoint(Number(digits));
      } else if (ent in ENTITIES) out += ENTITIES[ent];
      else fail(`unknown entity &${ent};`);
      k = end;
    }
    return out;
  };

  skipSpace();
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < text.length) {
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i);
      if (end < 0) fail('unterminated comment');
      i = end + 3;
    } else if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i);
      if (end < 0) fail('unterminated processing instruction');
      i = end + 2;
    } else if (text.startsWith('</', i)) {
      i += 2;
      const n = name();
      skipSpace();
      if (text[i] !== '>') fail('expected >');
      i++;
      const open = stack.pop();
      if (!open || open.name !== n) fail(`</${n}> closes <${open?.name ?? 'nothing'}>`);
      if (stack.length === 0) root = open;
    } else if (text[i] === '<') {
      if (root) fail('content after the root element');
      i++;
      const e: XmlElement = { name: name(), attrs: {}, children: [] };
      for (;;) {
        const before = i;
        skipSpace();
        if (text[i] === '>' || text.startsWith('/>', i)) break;
        if (i === before) fail('expected space before an attribute');
        const a = name();
        skipSpace();
        if (text[i] !== '=') fail('expected =');
        i++;
        skipSpace();
        const q = text[i];
        if (q !== '"' && q !== "'") fail('unquoted attribute');
        const end = text.indexOf(q!, i + 1);
        if (end < 0) fail('unterminated attribute');
        if (a in e.attrs) fail(`duplicate attribute ${a}`);
        e.attrs[a] = decode(text.slice(i + 1, end), true);
        i = end + 1;
      }
      stack[stack.length - 1]?.children.push(e);
      if (text.startsWith('/>', i)) {
        i += 2;
        if (stack.length === 0) root = e;
      } else {
        i++;
        stack.push(e);
      }
    } else {
      const end = text.indexOf('<', i);
      const raw = text.slice(i, end < 0 ? text.length : end);
      if (stack.length === 0) {
        if ([...raw].some((c) => !isSpace(c))) fail('text outside the root element');
      } else stack[stack.length - 1]!.children.push(decode(raw, false));
      i = end < 0 ? text.length : end;
    }
  }
  if (stack.length > 0) fail(`<${stack[stack.length - 1]!.name}> is never closed`);
  if (!root) fail('no root element');
  return root!;
}

export function all(e: XmlElement, pred: (x: XmlElement) => boolean): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (n: XmlElement) => {
    if (pred(n)) out.push(n);
    for (const c of n.children) if (typeof c !== 'string') walk(c);
  };
  walk(e);
  return out;
}

export function textOf(e: XmlNode): string {
  return typeof e === 'string' ? e : e.children.map(textOf).join('');
}

export const hasClass = (cls: string) => (e: XmlElement) => (e.attrs.class ?? '').split(/\s+/).includes(cls);

/** Visible text runs (the <text> elements, each <tspan> in them a run of its own), excluding tooltips. */
export function texts(e: XmlElement): string[] {
  return all(e, (x) => x.name === 'text').flatMap((t) => {
    const spans = t.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name === 'tspan');
    if (spans.length === 0) return [textOf(t)];
    return [t.children.filter((c): c is string => typeof c === 'string').join(''), ...spans.map(textOf)];
  });
}
