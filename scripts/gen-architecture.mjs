// Draws the layers of src/ from the code's own imports (dependency-cruiser): docs/images/layers.svg
// and the import table in docs/architecture.md between its "layers:begin/end" markers. `--check`
// (run by `npm run depcheck`) fails when either is out of date, so the picture cannot drift.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cruise } from 'dependency-cruiser';

const root = join(import.meta.dirname, '..');
const check = process.argv.includes('--check');

/** Each module's layer: the folder under src/ (src/extension.ts is the host's entry). */
const layerOf = (path) => (path === 'src/extension.ts' ? 'host' : /^src\/([^/]+)\//.exec(path)?.[1]);
const DESCRIPTIONS = {
  host: 'extension host (vscode)',
  cli: 'command line',
  webview: 'webview pages (DOM)',
  worker: 'worker_threads pool',
  shared: 'contracts + guards',
  node: 'file I/O',
  core: 'pure domain',
};

const result = await cruise(['src'], { tsPreCompilationDeps: true, doNotFollow: { path: 'node_modules' }, exclude: { path: '\\.d\\.ts$' } }, undefined, {
  tsConfig: { fileName: join(root, 'tsconfig.base.json') },
});
const counts = new Map();
const modules = new Map();
for (const m of result.output.modules) {
  const from = layerOf(m.source);
  if (!from) continue;
  modules.set(from, (modules.get(from) ?? 0) + 1);
  for (const d of m.dependencies) {
    const to = layerOf(d.resolved);
    if (!to || to === from) continue;
    const key = `${from}>${to}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
}
const layers = Object.keys(DESCRIPTIONS).filter((l) => modules.has(l));
const edges = [...counts].map(([k, n]) => [...k.split('>'), n]).sort((a, b) => layers.indexOf(a[0]) - layers.indexOf(b[0]) || layers.indexOf(a[1]) - layers.indexOf(b[1]));

// Rank = longest import path down to a layer that imports nothing (core at the bottom); the entry
// points (layers nothing imports) share the top row.
const rank = new Map();
const rankOf = (l) => {
  if (!rank.has(l)) rank.set(l, Math.max(0, ...edges.filter(([f]) => f === l).map(([, t]) => rankOf(t) + 1)));
  return rank.get(l);
};
layers.forEach(rankOf);
const top = Math.max(...rank.values());
for (const l of layers) if (!edges.some(([, t]) => t === l)) rank.set(l, top);
const W = 170;
const H = 46;
const GAP_X = 40;
const GAP_Y = 70;
const rows = Array.from({ length: top + 1 }, (_, r) => layers.filter((l) => rank.get(l) === top - r));
const widest = Math.max(...rows.map((r) => r.length));
const width = widest * W + (widest - 1) * GAP_X + 120;
const height = rows.length * H + (rows.length - 1) * GAP_Y + 40;
const pos = new Map();
rows.forEach((row, r) => {
  const rowWidth = row.length * W + (row.length - 1) * GAP_X;
  row.forEach((l, i) => pos.set(l, { x: (width - rowWidth) / 2 + i * (W + GAP_X), y: 20 + r * (H + GAP_Y) }));
});

// An edge that skips a row runs down a lane beside the rows it crosses, so it never passes behind a box.
const lanes = { left: 0, right: 0 };
const lines = edges.map(([from, to, n]) => {
  const a = pos.get(from);
  const b = pos.get(to);
  const x1 = a.x + W / 2;
  const y1 = a.y + H;
  const x2 = b.x + W / 2 + (x1 - (b.x + W / 2)) * 0.25;
  const y2 = b.y;
  if (rank.get(from) - rank.get(to) === 1) {
    return `  <path d="M${x1.toFixed(0)},${y1} L${x2.toFixed(0)},${y2}" class="edge" marker-end="url(#arrow)"/>\n  <text x="${((x1 + x2) / 2).toFixed(0)}" y="${((y1 + y2) / 2 + 4).toFixed(0)}" class="count">${n}</text>`;
  }
  const crossed = layers.filter((l) => rank.get(l) < rank.get(from) && rank.get(l) > rank.get(to)).map((l) => pos.get(l).x);
  const side = x1 + x2 < width ? 'left' : 'right';
  const k = lanes[side]++;
  const wx = side === 'left' ? Math.min(...crossed) - 16 - k * 18 : Math.max(...crossed) + W + 16 + k * 18;
  const ym = (y1 + y2) / 2;
  return `  <path d="M${x1.toFixed(0)},${y1} C${x1.toFixed(0)},${y1 + 30} ${wx},${y1 + 20} ${wx},${ym.toFixed(0)} S${x2.toFixed(0)},${y2 - 30} ${x2.toFixed(0)},${y2}" class="edge" marker-end="url(#arrow)"/>\n  <text x="${wx}" y="${(ym + 4).toFixed(0)}" class="count">${n}</text>`;
});
const boxes = layers.map((l) => {
  const { x, y } = pos.get(l);
  return `  <rect x="${x}" y="${y}" width="${W}" height="${H}" rx="6" class="layer"/>\n  <text x="${x + W / 2}" y="${y + 19}" class="name">src/${l}/ (${modules.get(l)})</text>\n  <text x="${x + W / 2}" y="${y + 36}" class="what">${DESCRIPTIONS[l]}</text>`;
});
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">
  <style>
    .layer { fill: #f3f6fa; stroke: #44546a; stroke-width: 1.2; }
    .name { font-size: 13px; font-weight: 600; text-anchor: middle; fill: #1b2430; }
    .what { font-size: 11px; text-anchor: middle; fill: #4a5868; }
    .edge { fill: none; stroke: #6b7a8c; stroke-width: 1.2; }
    .count { font-size: 10px; text-anchor: middle; fill: #6b7a8c; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
  </style>
  <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#6b7a8c"/></marker></defs>
  <rect width="100%" height="100%" fill="#fff"/>
${[...lines, ...boxes].join('\n')}
</svg>
`;

const table = [
  '<!-- layers:begin (generated by scripts/gen-architecture.mjs from the imports; do not edit) -->',
  '| layer | modules | imports from (import statements) |',
  '| --- | --- | --- |',
  ...layers.map((l) => {
    const out = edges.filter(([f]) => f === l).map(([, t, n]) => `${t} (${n})`);
    return `| \`src/${l}/\` | ${modules.get(l)} | ${out.length ? out.join(', ') : 'nothing outside itself'} |`;
  }),
  '<!-- layers:end -->',
].join('\n');

const svgFile = join(root, 'docs', 'images', 'layers.svg');
const docFile = join(root, 'docs', 'architecture.md');
const doc = readFileSync(docFile, 'utf8');
const newDoc = doc.replace(/<!-- layers:begin[\s\S]*?<!-- layers:end -->/, table);
if (check) {
  let stale = [];
  try {
    if (readFileSync(svgFile, 'utf8') !== svg) stale.push('docs/images/layers.svg');
  } catch {
    stale.push('docs/images/layers.svg');
  }
  if (newDoc !== doc) stale.push('docs/architecture.md');
  if (stale.length) {
    console.error(`${stale.join(' and ')} out of date with the imports: run node scripts/gen-architecture.mjs`);
    process.exit(1);
  }
  console.log('architecture picture: current');
} else {
  writeFileSync(svgFile, svg);
  writeFileSync(docFile, newDoc);
  console.log(`docs/images/layers.svg: ${layers.length} layers, ${edges.length} import edges`);
}
