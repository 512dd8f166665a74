// Finds the takes source code names: string literals ending in `.wav`, in any language. A lexer per
// language would be exact; quoted strings on one line cover JS/TS, Python, Rust, Go, C, shell, JSON,
// YAML and config files alike. No `vscode` here: tested in plain Node.

export interface WavLiteral {
  /** The path as written, with `\\` and escaped quotes unescaped. */
  value: string;
  /** Offset of the first character inside the quotes. */
  start: number;
  /** Offset just past the last character inside the quotes (at the closing quote). */
  end: number;
}

const QUOTES = new Set(["'", '"', '`']);
/** Longer strings are not file names: skip them rather than resolve them. */
const MAX_PATH_LENGTH = 1024;

/**
 * Every quoted string on a single line whose content ends in `.wav` (any case). An opening quote
 * without a closing one on its line (an apostrophe in a comment) is not a string: scanning resumes
 * just after it. Template literals with `${…}` are skipped: their path is not known until run time.
 */
export function findWavLiterals(text: string): WavLiteral[] {
  const out: WavLiteral[] = [];
  let i = 0;
  while (i < text.length) {
    const quote = text[i]!;
    if (!QUOTES.has(quote)) {
      i++;
      continue;
    }
    let j = i + 1;
    let closed = false;
    while (j < text.length) {
      const c = text[j]!;
      if (c === '\n' || c === '\r') break;
      if (c === '\\') {
        j += 2;
        continue;
      }
      if (c === quote) {
        closed = true;
        break;
      }
      j++;
    }
    if (!closed) {
      i++;
      continue;
    }
    const raw = text.slice(i + 1, j);
    if (raw.length > 4 && raw.length <= MAX_PATH_LENGTH && /\.wav$/i.test(raw) && !(quote === '`' && raw.includes('${'))) {
      out.push({ value: raw.replace(/\\([\\'"`])/g, '$1'), start: i + 1, end: j });
    }
    i = j + 1;
  }
  return out;
}

/** The literal whose quoted range (quotes included) contains the offset. */
export function literalAt(literals: readonly WavLiteral[], offset: number): WavLiteral | undefined {
  return literals.find((l) => offset >= l.start - 1 && offset <= l.end + 1);
}
