// `npm run typecheck`: every layer's tsconfig, in parallel. A layer's tsconfig decides what it may
// import (docs/architecture.md), so a wrong import fails here before any test runs.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const projects = ['src/core', 'src/shared', 'src/node', 'src/worker', 'src/cli', 'src/host', 'src', 'src/webview', 'test', '.'];

const run = (project) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, '--noEmit', '-p', project], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ project, code, out }));
  });

const results = await Promise.all(projects.map(run));
let failed = 0;
for (const { project, code, out } of results) {
  if (code === 0) continue;
  failed++;
  console.error(`tsc -p ${project}:\n${out}`);
}
console.log(`typecheck: ${projects.length - failed} of ${projects.length} projects clean`);
process.exit(failed ? 1 : 0);
