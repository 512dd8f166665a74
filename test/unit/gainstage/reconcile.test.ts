import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeFile } from '../../../src/core/analyze';
import { checkRig, matchTakeToInput, parseRig, reconcileTake, type Rig } from '../../../src/core/gainstage';
import type { TakeReport } from '../../../src/core/report';
import { encodeWav } from '../../../src/core/wav/writer';
import { scratch } from '../../support/scratch';
import { writeTakes } from '../../support/takes';

const SM58 = { name: 'SM58', type: 'dynamic', sensitivityDbvPa: -54.5, maxSplDb: null, selfNoiseDbA: null };
const input = (id: string, takes: string, preampGainDb: number) => ({ id, name: id, inputType: 'mic', source: { kind: 'mic', mic: SM58, peakSplDb: 100 }, preampGainDb, takes });
const rigText = (gains: { quiet: number; clipped: number; good: number; float: number }) =>
  JSON.stringify({
    interface: { name: 'Test 4x4', micPreamps: 4, inputs: 4, gainRangeDb: [0, 56], maxInputDbu: { mic: 10 }, einDbu: -128, phantom: { switching: 'per-channel', channels: 4 }, converterReferenceDbu: 18, lineOutputs: 2, monitorPairs: 1, headphoneOutputs: 1, midi: { in: 0, out: 0 } },
    inputs: [input('quiet', 'QUIET.wav', gains.quiet), input('drums', 'nested/*.wav', gains.clipped), input('vox', 'good.wav', gains.good), input('synth', 'float-*.wav', gains.float)],
  });

describe('take reconciliation', function () {
  this.timeout(30000);
  const dir = join(scratch, 'reconcile');
  let takes: ReturnType<typeof writeTakes>;
  const floatTake = join(dir, 'float-over.wav');
  const report = async (file: string) => (await analyzeFile(file)).result as TakeReport;
  const rigOf = (text: string) => parseRig(text, join(dir, 'studio.headroom.json')).rig as Rig;
  before(() => {
    takes = writeTakes(dir);
    const x = Float64Array.from({ length: 48000 }, (_, i) => 1.4 * Math.sin((2 * Math.PI * 997 * i) / 48000));
    writeFileSync(floatTake, encodeWav([x], { sampleRate: 48000, channels: 1, encoding: 'float', bitsPerSample: 32 }));
  });

  it('matches takes to inputs by glob, relative to the rig, case-insensitively; never outside its folder', () => {
    const rig = rigOf(rigText({ quiet: 30, clipped: 40, good: 30, float: 20 }));
    assert.equal(matchTakeToInput(rig, 'quiet.wav')?.id, 'quiet');
    assert.equal(matchTakeToInput(rig, 'nested/clipped.wav')?.id, 'drums');
    assert.equal(matchTakeToInput(rig, '../elsewhere/good.wav'), undefined);
    assert.equal(matchTakeToInput(rig, 'other.wav'), undefined);
    const escaping = JSON.stringify({ ...JSON.parse(rigText({ quiet: 30, clipped: 40, good: 30, float: 20 })), inputs: [input('x', '../../etc/*.wav', 54)] });
    assert.deepEqual(checkRig(parseRig(escaping, 'r.headroom.json')).map((p) => p.code), ['take-glob-outside']);
  });

  it('a quiet take: raise the preamp gain by the suggested amount, with the implied source level', async () => {
    const rig = rigOf(rigText({ quiet: 30, clipped: 40, good: 30, float: 20 }));
    const advice = reconcileTake(rig, rig.inputs[0]!, await report(takes.quiet));
    assert.match(advice[0]!.message, /peaks at -40 dBFS: the source on input "quiet" peaked at about 94\.3 dB SPL \(the rig expects 100\)/);
    assert.match(advice[1]!.message, /^Raise input "quiet" preamp gain by 25 dB \(now 30 dB, range 0–56 dB\)/);
  });

  it('a quiet take beyond the preamp: booster or move closer', async () => {
    const rig = rigOf(rigText({ quiet: 40, clipped: 40, good: 30, float: 20 }));
    const advice = reconcileTake(rig, rig.inputs[0]!, await report(takes.quiet));
    assert.equal(advice[1]!.code, 'booster');
    assert.match(advice[1]!.message, /to its maximum \(56 dB, now 40 dB\) and add an inline booster of about \+9 dB/);
    const atMax = rigOf(rigText({ quiet: 56, clipped: 40, good: 30, float: 20 }));
    assert.match(reconcileTake(atMax, atMax.inputs[0]!, await report(takes.quiet))[1]!.message, /The preamp on input "quiet" is at maximum \(56 dB\)/);
  });

  it('a clipped take: lower the preamp, not the DAW', async () => {
    const rig = rigOf(rigText({ quiet: 30, clipped: 40, good: 30, float: 20 }));
    const advice = reconcileTake(rig, rig.inputs[1]!, await report(takes.clipped));
    assert.deepEqual(advice.map((a) => a.code), ['preamp-gain']);
    assert.match(advice[0]!.message, /The converter clipped: lower input "drums" preamp gain by at least 10\.2 dB \(now 40 dB/);
  });

  it('a hot take: lower the gain; a float take over full scale: lower it in the DAW', async () => {
    const rig = rigOf(rigText({ quiet: 30, clipped: 40, good: 30, float: 20 }));
    assert.match(reconcileTake(rig, rig.inputs[2]!, await report(takes.good))[1]!.message, /^Lower input "vox" preamp gain by 9 dB \(now 30 dB/);
    const fl = reconcileTake(rig, rig.inputs[3]!, await report(floatTake));
    assert.deepEqual(fl.map((a) => a.code), ['implied-source-level', 'daw-gain']);
    assert.match(fl[1]!.message, /did not clip, but the file goes 2\.9 dB over full scale: lower the gain in the DAW by at least 12\.9 dB/);
  });

  it('headroom analyze --rig adds the advice to each matched take', () => {
    const rigFile = join(dir, 'studio.headroom.json');
    writeFileSync(rigFile, rigText({ quiet: 30, clipped: 40, good: 30, float: 20 }));
    const cli = join(resolve(__dirname, '../../..'), 'dist', 'cli.js');
    const r = spawnSync('node', [cli, 'analyze', '--json', '--rig', rigFile, takes.quiet, takes.good], { encoding: 'utf8', maxBuffer: 1 << 26 });
    assert.equal(r.status, 0, r.stderr);
    const [quiet, good] = JSON.parse(r.stdout);
    assert.equal(quiet.rig.input, 'quiet');
    assert.equal(quiet.rig.advice[1].code, 'preamp-gain');
    assert.equal(good.rig.input, 'vox');
    const human = spawnSync('node', [cli, 'analyze', '--rig', rigFile, takes.quiet], { encoding: 'utf8' });
    assert.match(human.stdout, /INFO {4}rig\/quiet: Raise input "quiet" preamp gain by 25 dB/);
  });
});
