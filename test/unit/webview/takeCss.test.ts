import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIAGRAM_CSS } from '../../../src/core/diagram/theme';

const css = readFileSync(join(__dirname, '..', '..', '..', 'media', 'take.css'), 'utf8');

describe('take editor: stylesheet', () => {
  it('carries every signal-flow diagram rule (the webview CSP forbids the SVG its own <style>)', () => {
    const rules = DIAGRAM_CSS.trim().split('\n').map((l) => l.trim()).filter(Boolean);
    assert.ok(rules.length >= 20);
    for (const r of rules) assert.ok(css.includes(r), `media/take.css lacks: ${r}`);
  });

  it('uses theme variables for colours, never fixed colours outside the diagram fallbacks', () => {
    const own = css.slice(0, css.indexOf('.hr-diagram'));
    assert.deepEqual(own.match(/#[0-9a-fA-F]{3,8}\b|rgb\(/g), null);
    for (const cls of ['.fill.safe', '.fill.hot', '.fill.clipped']) assert.match(own, new RegExp(`\\${cls} \\{ background: var\\(--vscode-`));
  });
});
