import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type evaluateChain, evaluateInput, needsPhantom, parseRig, type Rig } from '../../../src/core/gainstage';

const fixture = (): Rig => {
  const doc = parseRig(readFileSync(resolve(__dirname, '../../fixtures/workspace/studio.headroom.json'), 'utf8'), 'studio.headroom.json');
  assert.ok(doc.rig, JSON.stringify(doc.problems));
  return doc.rig;
};
const summary = (e: ReturnType<typeof evaluateChain>) => e.stages.map((s) => [s.stage, s.risk, s.note ?? null]);

describe('phantom power in the chain', () => {
  it('the fixture vocal condenser with phantom off: the source is fine, every stage from the mic on has no signal', () => {
    const rig = fixture();
    const vox = rig.inputs.find((i) => i.id === 'vox')!;
    const e = evaluateInput(rig, vox);
    assert.deepEqual(summary(e), [
      ['source', 'ok', null],
      ['mic', 'dead', 'no 48 V: no output'],
      ['pad', 'dead', 'no signal'],
      ['preamp-input', 'dead', 'no signal'],
      ['preamp-output', 'dead', 'no signal'],
      ['converter', 'dead', 'no signal'],
    ]);
    assert.equal(e.noSignal, 'no 48 V phantom power reaches the condenser: the mic gives no output');
    // The levels are those once phantom is on: -31 + 16 + 2.2185 = -12.78 dBu; +12 dB; full scale 10 - 12 = -2 dBu.
    assert.deepEqual(
      e.stages.map((s) => Math.round(s.peak! * 10) / 10),
      [110, -12.8, -12.8, -12.8, -0.8, -10.8],
    );
  });

  it('the same condenser with phantom on: every stage OK, no note; phantom changes the state, not the levels', () => {
    const rig = fixture();
    const vox = rig.inputs.find((i) => i.id === 'vox')!;
    const on = { ...vox, settings: { ...vox.settings, phantom: true } };
    const e = evaluateInput(rig, on);
    assert.deepEqual(summary(e), [
      ['source', 'ok', null],
      ['mic', 'ok', null],
      ['pad', 'ok', null],
      ['preamp-input', 'ok', null],
      ['preamp-output', 'ok', null],
      ['converter', 'ok', null],
    ]);
    assert.equal(e.noSignal, null);
    assert.deepEqual(
      evaluateInput(rig, vox).stages.map((s) => s.peak),
      e.stages.map((s) => s.peak),
    );
  });

  it('a dynamic mic with or without phantom is unaffected', () => {
    const rig = fixture();
    const gtr = rig.inputs.find((i) => i.id === 'gtr')!;
    for (const phantom of [true, false]) {
      const e = evaluateInput(rig, gtr, { ...gtr.settings, phantom });
      assert.equal(e.noSignal, null);
      assert.deepEqual(
        e.stages.map((s) => s.risk),
        ['unknown', 'unknown', 'ok', 'ok', 'ok', 'ok'],
      );
    }
  });

  it('which mics need phantom: condensers and active ribbons', () => {
    assert.deepEqual((['dynamic', 'condenser', 'ribbon', 'active-ribbon'] as const).map(needsPhantom), [false, true, false, true]);
  });

  it('an active ribbon without phantom has no signal either; a line source needs none', () => {
    const rig = fixture();
    const vox = rig.inputs.find((i) => i.id === 'vox')!;
    const ribbon = {
      ...vox,
      source: { ...vox.source, mic: { ...(vox.source.kind === 'mic' ? vox.source.mic : assert.fail()), type: 'active-ribbon' as const } },
    };
    assert.equal(evaluateInput(rig, ribbon).stages[1]!.risk, 'dead');
    const line = evaluateInput(rig, { ...vox, source: { kind: 'line', peakDbu: 4 } }, { ...vox.settings, kind: 'line', gainDb: 0 });
    assert.equal(line.noSignal, null);
    assert.deepEqual(
      line.stages.map((s) => s.risk),
      ['ok', 'ok', 'ok', 'ok', 'ok'],
    );
  });
});
