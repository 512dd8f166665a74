import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const css = readFileSync(join(__dirname, '..', '..', '..', 'media', 'diagram.css'), 'utf8');

/** WCAG 2 relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** The status colours a CSS block defines: { ok: '#1b6e20', ... }. */
function palette(selector: RegExp): Record<string, string> {
  const block = css.match(selector)?.[1];
  assert.ok(block, `no block ${selector} in media/diagram.css`);
  return Object.fromEntries([...block.matchAll(/--hr-(\w+):\s*(#[0-9a-f]{6})/g)].map((m) => [m[1]!, m[2]!]));
}

// The editor, widget and side-bar backgrounds of VS Code's default light, dark and high-contrast themes
// (2026, Modern, + and High Contrast), on which the boxes and blocks are drawn.
const LIGHT_BACKGROUNDS = ['#ffffff', '#f8f8f8', '#f3f3f3', '#fafafd', '#eef3f8'];
const DARK_BACKGROUNDS = ['#1e1e1e', '#1f1f1f', '#252526', '#202020', '#181818', '#121314', '#202122', '#191a1b', '#000000'];
const RISKS = ['ok', 'hot', 'clip', 'noisy', 'unknown'];

describe('diagram status colours against WCAG AA', () => {
  it('the contrast formula gives the known ratios', () => {
    assert.equal(contrast('#000000', '#ffffff').toFixed(1), '21.0');
    assert.equal(contrast('#767676', '#ffffff').toFixed(2), '4.54');
  });
  for (const [name, selector, backgrounds] of [
    ['light themes (and exported files)', /:root \{([^}]*)\}/, LIGHT_BACKGROUNDS],
    ['dark and high-contrast themes', /body\.vscode-dark,[^{]*\{([^}]*)\}/, DARK_BACKGROUNDS],
  ] as const) {
    it(`${name}: every status colour reads as text (4.5:1) on every background`, () => {
      const p = palette(selector);
      assert.deepEqual(Object.keys(p).sort(), [...RISKS].sort());
      for (const [risk, colour] of Object.entries(p))
        for (const bg of backgrounds) assert.ok(contrast(colour, bg) >= 4.5, `${risk} ${colour} on ${bg}: ${contrast(colour, bg).toFixed(2)}:1`);
    });
  }
  it('every risk is drawn in its status colour, frame and word', () => {
    const colour: Record<string, string> = { ok: 'ok', hot: 'hot', clip: 'clip', noisy: 'noisy', unknown: 'unknown', dead: 'clip' };
    for (const [risk, c] of Object.entries(colour)) {
      // Whatever the stylesheet's layout: one rule per line or one declaration per line.
      assert.match(css, new RegExp(`\\.risk-${risk} \\.frame \\{\\s*stroke: var\\(--hr-${c}\\)`));
      assert.match(css, new RegExp(`\\.risk-${risk} text\\.risk \\{\\s*fill: var\\(--hr-${c}\\);\\s*\\}`));
    }
  });
});
