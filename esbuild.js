// Builds the four bundles Headroom ships. Each target gets its own platform and format because
// they run in different places: the extension host (CommonJS, `vscode` provided at run time),
// worker_threads workers, the webview (a browser), and the CLI (node, with a shebang).
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const { version } = require('./package.json');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  // Prefer ES module builds: some packages' UMD "main" (jsonc-parser's) hides requires from the bundler.
  mainFields: ['module', 'main'],
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  target: 'es2022',
};

/** @type {import('esbuild').BuildOptions[]} */
const targets = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: { worker: 'src/worker/worker.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
  },
  {
    ...common,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
    define: { HEADROOM_VERSION: JSON.stringify(version) },
  },
  {
    ...common,
    entryPoints: fs.existsSync('src/webview')
      ? Object.fromEntries(
          fs
            .readdirSync('src/webview')
            .filter((f) => /^[a-z][\w-]*\.main\.ts$/.test(f))
            .map((f) => [`webview/${f.replace(/\.main\.ts$/, '')}`, path.join('src/webview', f)]),
        )
      : {},
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    loader: { '.css': 'css' },
  },
  {
    ...common,
    // The integration suite runs inside the VS Code extension host, which provides `vscode`.
    entryPoints: fs.existsSync('test/integration')
      ? Object.fromEntries(
          fs
            .readdirSync('test/integration')
            .filter((f) => f.endsWith('.ts'))
            .map((f) => [f.replace(/\.ts$/, ''), path.join('test/integration', f)]),
        )
      : {},
    outdir: 'out/test/integration',
    platform: 'node',
    format: 'cjs',
    external: ['vscode', 'mocha'],
  },
].filter((t) => {
  const entries = Object.values(t.entryPoints);
  return entries.length > 0 && entries.every((e) => fs.existsSync(e));
});

/**
 * `npm run watch` (the "watch" task in .vscode/tasks.json) prints one "[watch] build started" /
 * "[watch] build finished" pair around each rebuild, however many bundles it touches, and each error
 * and warning as "✘ [ERROR] text" or "▲ [WARNING] text" then "    file:line:column:" (1-based): the
 * lines the task's problem matcher reads.
 */
function watchReporter() {
  let building = 0;
  // Bundles share sources: an error in one file would otherwise be listed once per bundle.
  let messages = new Set();
  return {
    name: 'watch-reporter',
    setup(build) {
      build.onStart(() => {
        if (building++ === 0) console.log('[watch] build started');
      });
      build.onEnd((result) => {
        for (const [kind, list] of [
          ['✘ [ERROR]', result.errors],
          ['▲ [WARNING]', result.warnings],
        ]) {
          for (const m of list) messages.add(`${kind} ${m.text}${m.location ? `\n    ${m.location.file}:${m.location.line}:${m.location.column + 1}:` : ''}`);
        }
        if (--building > 0) return;
        for (const m of messages) console.log(m);
        messages = new Set();
        console.log('[watch] build finished');
      });
    },
  };
}

async function main() {
  if (watch) {
    const reporter = watchReporter();
    const contexts = await Promise.all(targets.map((t) => esbuild.context({ ...t, logLevel: 'silent', plugins: [reporter] })));
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all(targets.map((t) => esbuild.build(t)));
  const cli = path.join('dist', 'cli.js');
  if (fs.existsSync(cli)) fs.chmodSync(cli, 0o755);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
