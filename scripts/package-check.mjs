// Builds the production .vsix and checks what ships: the bundles, the schema, the icon, the manifest,
// the licence, and the README with the documents and pictures it links to (relative links: VS Code
// resolves them inside the installed extension, so each must name a file the package holds) — no
// sources, tests, maps or node_modules (esbuild inlines every runtime dependency).
import { execFileSync, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';

const vsce = ['node_modules/.bin/vsce'];
const files = execFileSync(vsce[0], ['ls'], { encoding: 'utf8' }).trim().split('\n').sort();
const allowed = [
  /^dist\/(extension|worker|cli)\.js$/,
  /^dist\/webview\/[\w-]+\.(js|css)$/,
  /^media\//,
  /^schemas\/[\w.-]+\.json$/,
  /^package\.json$/,
  /^README\.md$/,
  /^docs\/[\w-]+\.md$/,
  /^docs\/images\/[\w-]+\.(png|svg)$/,
  /^LICENSE$/,
];
const unexpected = files.filter((f) => !allowed.some((re) => re.test(f)));
const required = [
  'dist/extension.js',
  'dist/worker.js',
  'dist/cli.js',
  'dist/webview/take.js',
  'dist/webview/take.css',
  'dist/webview/rig.js',
  'media/diagram.css',
  'media/take.css',
  'media/rig.css',
  'schemas/headroom-rig.schema.json',
  'package.json',
  'LICENSE',
];
const missing = required.filter((f) => !files.includes(f));
if (unexpected.length || missing.length) {
  console.error(`package-check: unexpected files: ${unexpected.join(', ') || 'none'}; missing: ${missing.join(', ') || 'none'}`);
  process.exit(1);
}
if (spawnSync('node', ['scripts/check-links.mjs', '--shipped', ...files], { stdio: 'inherit' }).status !== 0) process.exit(1);
execFileSync(vsce[0], ['package', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', 'headroom.vsix'], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
console.log(`package-check: headroom.vsix, ${files.length} files, ${(statSync('headroom.vsix').size / 1024).toFixed(1)} KB:\n  ${files.join('\n  ')}`);
