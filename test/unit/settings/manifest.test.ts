import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultAnalysisOptions } from '../../../src/core/analysis/options';
import { DEFAULT_TARGETS } from '../../../src/core/gainstage/targets';
import { manifestConfiguration, SETTINGS } from '../../../src/core/settings/schema';
import { usage } from '../../../src/cli/main';
import { DEFAULT_VIEW_SETTINGS } from '../../../src/shared/takeEditor';

const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8'));

describe('settings: one definition', () => {
  it('package.json declares exactly the model (regenerate with `npx tsx scripts/gen-manifest.ts`)', () => {
    const { configuration, restrictedConfigurations } = manifestConfiguration();
    assert.deepEqual(pkg.contributes.configuration, configuration);
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, restrictedConfigurations);
    assert.deepEqual(restrictedConfigurations, ['headroom.files.maxSizeMB', 'headroom.scan.include', 'headroom.workers']);
  });

  it('the analyser, the targets, the CLI usage and the take editor start from its defaults', () => {
    assert.equal(defaultAnalysisOptions.clipMinRun, SETTINGS['clipping.minRun'].schema.default);
    assert.deepEqual(DEFAULT_TARGETS, { peakDbfs: -10, averageDbfs: -18, loudnessLufs: null, ceilingDbtp: -1 });
    const text = usage();
    assert.match(text, /--target-peak <dBFS> {4}where peaks \(true peak\) should land \(default -10; "none" to disable\)/);
    assert.match(text, /--target-rms <dBFS> .*\(default -18; "none" to disable\)/);
    assert.match(text, /--peak-ceiling <dBTP> .*\(default -1\)/);
    assert.match(text, /clipping \(default 3\)/);
    assert.deepEqual(DEFAULT_VIEW_SETTINGS, { loudnessTargetLufs: null, peakCeilingDbtp: -1, converterReferenceDbu: 18, clickToPlay: true });
  });
});
