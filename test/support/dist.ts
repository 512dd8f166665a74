// Unit tests that run the CLI or the worker bundle use the build `npm test` made just before them
// (`npm run build`; `npm run watch` keeps it current while you work) instead of building again.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export function requireBuild(): void {
  const dist = join(resolve(__dirname, '..', '..'), 'dist');
  for (const name of ['cli.js', 'worker.js']) {
    if (!existsSync(join(dist, name))) throw new Error(`${join(dist, name)} is missing: run npm run build (npm test builds before the unit tests)`);
  }
}
