// Proves the per-layer tsconfigs do their job: for each layer, a probe file that uses what the
// layer must not (vscode, Node, the DOM) is compiled with that layer's options, and every such line
// must fail; a line the layer may use must compile. Run by `npm run depcheck`.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const root = resolve(import.meta.dirname, '..');
const probes = join(root, 'out', 'layer-probes');

const uses = {
  vscode: "import * as vscode from 'vscode';\nexport const a = vscode;",
  node: "import { readFileSync } from 'node:fs';\nexport const b = readFileSync;",
  process: 'export const c = process.argv;',
  dom: 'export const d = document.body;',
};
/** What each layer may use; everything else in `uses` must be a compile error there. */
const layers = {
  core: [],
  shared: [],
  webview: ['dom'],
  node: ['node', 'process'],
  worker: ['node', 'process'],
  cli: ['node', 'process'],
  host: ['vscode', 'node', 'process'],
};

function compile(layer) {
  const dir = join(probes, layer);
  mkdirSync(dir, { recursive: true });
  const names = Object.keys(uses);
  // One file per use, so each verdict is its own.
  for (const n of names) writeFileSync(join(dir, `${n}.ts`), `${uses[n]}\n`);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ extends: relative(dir, join(root, 'src', layer, 'tsconfig.json')), files: names.map((n) => `${n}.ts`), include: [] }),
  );
  return new Promise((done) => {
    const child = spawn(process.execPath, [tsc, '--noEmit', '-p', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', () => {
      const failing = new Set(names.filter((n) => new RegExp(`(^|[\\\\/])${n}\\.ts\\(`, 'm').test(out)));
      const wrong = names.filter((n) => failing.has(n) === layers[layer].includes(n));
      done({ layer, wrong: wrong.map((n) => `${n} ${layers[layer].includes(n) ? 'is allowed but fails' : 'is forbidden but compiles'}`), out });
    });
  });
}

rmSync(probes, { recursive: true, force: true });
const results = await Promise.all(Object.keys(layers).map(compile));
rmSync(probes, { recursive: true, force: true });
const bad = results.filter((r) => r.wrong.length > 0);
for (const r of bad) console.error(`src/${r.layer}: ${r.wrong.join('; ')}\n${r.out}`);
console.log(`layers: ${results.length - bad.length} of ${results.length} enforce their imports`);
process.exit(bad.length ? 1 : 0);
