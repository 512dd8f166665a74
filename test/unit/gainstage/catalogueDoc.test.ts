import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueDoc } from '../../../scripts/gen-catalogue-doc';
import { listDevices, listInterfaces, listMaterials, listMics } from '../../../src/core/gainstage/catalogue';

describe('docs/catalogue.md', () => {
  const page = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'catalogue.md'), 'utf8');

  it('is what the generator makes from the data (run npx tsx scripts/gen-catalogue-doc.ts after editing the catalogue)', () => {
    assert.equal(page, catalogueDoc());
  });

  it('has a table row and a sources section for every entry', () => {
    for (const e of [...listInterfaces(), ...listMics(), ...listDevices()]) {
      assert.match(page, new RegExp(`^\\| \`${e.id}\` \\| `, 'm'), e.id);
      assert.ok(page.includes(`### ${e.name} (\`${e.id}\`)`), e.id);
    }
    for (const m of listMaterials()) assert.ok(page.includes(`### ${m.label} (\`${m.id}\`)`), m.id);
    assert.match(page, /^\| `shure-sm58` \| Shure SM58 \| dynamic \| −54\.5 dBV\/Pa \| n\/p \| n\/p \| n\/p \| no \|$/m);
    assert.match(page, /^\| `focusrite-scarlett-18i20-3rd-gen` \| mic ×8 \| 0–56 dB \| \+9 dBu \| −128 dBu \| n\/p \|$/m);
    assert.match(page, /^- not published: kinds\.mic\.dynamicRangeDb — /m);
  });
});
