import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueDoc } from '../../../scripts/gen-catalogue-doc';
import { listInterfaces, listMics } from '../../../src/core/gainstage/catalogue';

describe('docs/catalogue.md', () => {
  const page = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'catalogue.md'), 'utf8');

  it('is what the generator makes from the data (run npx tsx scripts/gen-catalogue-doc.ts after editing the catalogue)', () => {
    assert.equal(page, catalogueDoc());
  });

  it('has a table row and a sources section for every device', () => {
    for (const e of [...listInterfaces(), ...listMics()]) {
      assert.match(page, new RegExp(`^\\| \`${e.id}\` \\| `, 'm'), e.id);
      assert.ok(page.includes(`### ${e.name} (\`${e.id}\`)`), e.id);
    }
    assert.match(page, /^\| `shure-sm58` \| Shure SM58 \| dynamic \| −54\.5 dBV\/Pa \| n\/p \| n\/p \| no \|$/m);
    assert.match(page, /^\| `focusrite-scarlett-4i4-4th-gen` \| Focusrite Scarlett 4i4 4th Gen \| 2 \/ 4 \| 0–69 dB \| −127 dBu \| \+16 \/ \+22 \/ \+12 dBu \| 2, per-channel \|/m);
  });
});
