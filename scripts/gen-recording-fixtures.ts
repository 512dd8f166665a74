// Writes test/fixtures/recordings/: short excerpts of CC0 recordings (Debian's sonic-pi-samples),
// converted by ffmpeg to each encoding the reader supports, and golden.json with what sox stats,
// libebur128 and sox's decoder say about each file. The unit tests compare Headroom with these
// figures without the tools; `npm run test:reference` checks them against the tools again.
// Needs the reference tools: bash scripts/install-system-deps.sh. Usage: tsx scripts/gen-recording-fixtures.ts

import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FIXTURES, goldenOf } from '../test/support/reference/recordings';
import { ffmpeg } from '../test/support/reference/tools';

const dir = resolve(__dirname, '..', 'test', 'fixtures', 'recordings');
mkdirSync(dir, { recursive: true });
for (const f of readdirSync(dir)) if (f.endsWith('.wav')) rmSync(join(dir, f));
const golden = [];
for (const fixture of FIXTURES) {
  const file = join(dir, fixture.file);
  ffmpeg([
    '-ss',
    String(fixture.startSeconds),
    '-t',
    String(fixture.seconds),
    '-i',
    fixture.source,
    ...fixture.args,
    '-fflags',
    '+bitexact',
    '-flags:a',
    '+bitexact',
    file,
  ]);
  golden.push(goldenOf(fixture, file));
  console.log(`${fixture.file}: ${JSON.stringify(golden.at(-1)?.sox)}`);
}
// One line per list of numbers keeps the file short and its diffs readable.
const json = JSON.stringify(golden, null, 2).replace(/\[[^[\]{}]*\]/g, (list) => list.replace(/\s+/g, ''));
writeFileSync(join(dir, 'golden.json'), `${json}\n`);
