import assert from 'node:assert/strict';
import { readConfig } from '../../../src/core/settings/read';

const from = (values: Record<string, unknown>) => readConfig(<T>(k: string) => values[k] as T | undefined);

describe('settings', () => {
  it('defaults match the CLI', () => {
    const c = from({});
    assert.deepEqual(c.analysis, {
      clipThreshold: null,
      clipMinRun: 3,
      rmsConvention: 'plain',
      meters: 'all',
      detectors: 'all',
      targets: { peakDbfs: -10, averageDbfs: -18, loudnessLufs: null, ceilingDbtp: -1 },
    });
    assert.deepEqual([...c.severities], ['error', 'warning', 'info']);
    assert.equal(c.maxFileSizeBytes, 4096 * 1024 * 1024);
    assert.deepEqual(c.include, ['**/*.wav']);
    assert.equal(c.workers, 0);
    assert.equal(c.converterReferenceDbu, 18);
    assert.equal(c.clickToPlay, true);
  });

  it('reads set values; null switches a target off', () => {
    const c = from({
      'targets.loudnessLufs': -23,
      'targets.rmsDbfs': null,
      'targets.peakDbfs': null,
      'rms.convention': 'aes17',
      'clipping.minRun': 1,
      'diagnostics.severities': ['error'],
      'files.maxSizeMB': 1,
      workers: 2,
    });
    assert.equal(c.analysis.targets.loudnessLufs, -23);
    assert.equal(c.analysis.targets.averageDbfs, null);
    assert.equal(c.analysis.targets.peakDbfs, null);
    assert.equal(c.analysis.rmsConvention, 'aes17');
    assert.equal(c.analysis.clipMinRun, 1);
    assert.deepEqual([...c.severities], ['error']);
    assert.equal(c.maxFileSizeBytes, 1048576);
    assert.equal(c.workers, 2);
    assert.equal(from({ 'takeEditor.clickToPlay': false }).clickToPlay, false);
  });

  it('falls back to defaults for out-of-range or mistyped values', () => {
    const c = from({
      'clipping.minRun': 0.5,
      'clipping.threshold': 2,
      'targets.peakCeilingDbtp': 'loud',
      'diagnostics.severities': ['fatal', 'warning'],
      workers: -1,
      'scan.include': [3],
    });
    assert.equal(c.analysis.clipMinRun, 3);
    assert.equal(c.analysis.clipThreshold, null);
    assert.equal(c.analysis.targets.ceilingDbtp, -1);
    assert.deepEqual([...c.severities], ['warning']);
    assert.equal(c.workers, 0);
    assert.deepEqual(c.include, ['**/*.wav']);
  });

  it('clamps headroom.workers: a workspace file cannot ask for thousands of threads', () => {
    assert.equal(from({ workers: 5000 }).workers, 64);
    assert.equal(from({ workers: 64 }).workers, 64);
  });
});
