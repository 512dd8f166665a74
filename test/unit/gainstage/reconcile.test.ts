import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeFile } from '../../../src/node/analyzeFile';
import { checkRig, matchTakeToInput, parseRig, recordOf, withRigAdvice, withSettingsAdvice, type Rig } from '../../../src/core/gainstage';
import { DEFAULT_TARGETS } from '../../../src/core/gainstage/targets';
import type { TakeReport } from '../../../src/core/report';
import { encodeWav } from '../../../src/core/wav/writer';
import { scratch } from '../../support/scratch';
import { writeTakes } from '../../support/takes';

// An inline 4-input interface: mic +10 dBu at 0 dB, 0-56 dB. SM58: -54.5 dBV/Pa.
const IFACE = {
  name: 'Test 4x4',
  inputs: [{ first: 1, last: 4, kinds: ['mic', 'line'], pad: null }],
  kinds: {
    mic: { gainRangeDb: [0, 56], maxInputDbu: 10, einDbu: -128, dynamicRangeDb: 110 },
    line: { gainRangeDb: [0, 56], maxInputDbu: 22, dynamicRangeDb: 110 },
  },
  phantom: { switching: 'per-channel', channels: 4 },
};
const SM58 = { name: 'SM58', type: 'dynamic', sensitivityDbvPa: -54.5, maxSplDb: null, selfNoiseDbA: null };
const input = (id: string, takes: string, peakSplDb: number, preampGainDb: number) => ({
  id,
  name: id,
  inputType: 'mic',
  source: { kind: 'mic', mic: SM58, peakSplDb },
  preampGainDb,
  takes,
});

describe('take reconciliation', function () {
  this.timeout(30000);
  const dir = join(scratch, 'reconcile');
  let takes: ReturnType<typeof writeTakes>;
  const floatTake = join(dir, 'float-over.wav');
  const report = async (file: string) => (await analyzeFile(file)).result as TakeReport;
  const rigOf = (inputs: object[], extra: object = {}) =>
    parseRig(JSON.stringify({ interface: IFACE, inputs, ...extra }), join(dir, 'studio.headroom.json')).rig as Rig;
  const advise = async (rig: Rig, id: string, file: string, rel = 'x.wav') =>
    withRigAdvice(
      await report(file),
      'rig',
      rig,
      rig.inputs.find((i) => i.id === id)!,
      rel,
      DEFAULT_TARGETS,
    );
  before(() => {
    takes = writeTakes(dir);
    const x = Float64Array.from({ length: 48000 }, (_, i) => 1.4 * Math.sin((2 * Math.PI * 997 * i) / 48000));
    writeFileSync(floatTake, encodeWav([x], { sampleRate: 48000, channels: 1, encoding: 'float', bitsPerSample: 32 }));
  });

  it('matches takes to inputs by record, then by glob, relative to the rig, case-insensitively; never outside its folder', () => {
    const rig = rigOf([input('quiet', 'QUIET.wav', 100, 30), input('drums', 'nested/*.wav', 100, 40)], {
      recorded: { 'elsewhere/q.wav': { input: 'drums', preampGainDb: 40 } },
    });
    assert.equal(matchTakeToInput(rig, 'quiet.wav')?.id, 'quiet');
    assert.equal(matchTakeToInput(rig, 'nested/clipped.wav')?.id, 'drums');
    assert.equal(matchTakeToInput(rig, 'elsewhere\\q.wav')?.id, 'drums');
    assert.equal(recordOf(rig, 'Elsewhere/Q.wav')?.settings.gainDb, 40);
    assert.equal(matchTakeToInput(rig, '../elsewhere/good.wav'), undefined);
    assert.equal(matchTakeToInput(rig, 'other.wav'), undefined);
    const escaping = JSON.stringify({ interface: IFACE, inputs: [input('x', '../../etc/*.wav', 100, 30)] });
    assert.ok(checkRig(parseRig(escaping, 'r.headroom.json')).some((p) => p.code === 'take-glob-outside'));
  });

  it('a quiet take: one number on the rig advice, the suggested gain and the finding, with the limit that set it', async () => {
    // SM58 at 90 dB SPL: -54.5 - 4 + 2.2185 = -56.28 dBu; at 20 dB full scale is 10 - 20 = -10 dBu -> -46.28 dBFS.
    // The take (a -40 dBFS sine) peaks at -40 dBTP: the source was at about 96.3 dB SPL. Peaks to -10 dBFS
    // would take +30 dB, but the sine's RMS (-43 dBFS) then passes the -18 dBFS average target: +25 dB, 45 dB.
    const { report: r } = await advise(rigOf([input('quiet', 'q.wav', 90, 20)]), 'quiet', takes.quiet);
    assert.equal(r.suggestedGain.gainDb, 25);
    assert.equal(r.suggestedGain.limit?.line, 'limited by the −18 dBFS average target: the −10 dBFS peak target would put the average at −13.0 dBFS');
    assert.equal(r.rig!.action, 'Set the preamp to 45 dB (now 20 dB, range 0–56 dB).');
    assert.equal(
      r.rig!.advice[0]!.message,
      '+25.0 dB on input "quiet" (limited by the −18 dBFS average target: the −10 dBFS peak target would put the average at −13.0 dBFS): set the preamp to 45 dB (now 20 dB, range 0–56 dB).',
    );
    assert.match(
      r.rig!.advice[1]!.message,
      /^The take peaks at −40\.0 dBFS: the source on input "quiet" peaked at about 96\.3 dB SPL \(the rig expects 90\.0 dB SPL\)\.$/,
    );
    assert.equal(
      r.findings.find((f) => f.code === 'too-quiet')!.message,
      'Peak −40.0 dBFS is more than 20 dB under the −10 dBFS peak target. Suggested gain +25.0 dB: limited by the −18 dBFS average target: the −10 dBFS peak target would put the average at −13.0 dBFS.',
    );
  });

  it('a quiet take beyond the preamp: what the hardware reaches, why, and a booster only when one is at hand', async () => {
    // At 40 dB: +25 dB would need 65 dB; the preamp stops at 56, 9 dB short.
    const rig = rigOf([input('quiet', 'q.wav', 80, 40)]);
    const { report: r } = await advise(rig, 'quiet', takes.quiet);
    assert.equal(r.suggestedGain.gainDb, 16);
    assert.equal(r.suggestedGain.limit?.by, 'available-gain');
    assert.equal(
      r.suggestedGain.limit!.line,
      'the hardware runs out of gain 9.0 dB short (preamp maximum 56 dB): use a more sensitive mic, or move the mic closer (halving the distance adds about 6 dB)',
    );
    const withBooster = rigOf([input('quiet', 'q.wav', 80, 40)], {
      available: [{ name: 'Booster', type: 'booster', gainDb: 25, needsPhantom: true, passesPhantom: false }],
    });
    const { report: b } = await advise(withBooster, 'quiet', takes.quiet);
    assert.equal(b.suggestedGain.gainDb, 25);
    // The booster gives exactly the 25 dB: the preamp stays where it is.
    assert.equal(b.rig!.action, 'Add an inline booster (Booster, +25 dB, needs 48 V, passes none on) and turn 48 V on at the interface for it.');
  });

  it('a clipped take: at least the least cut, on the preamp, and the DAW cannot repair it', async () => {
    const { report: r } = await advise(rigOf([input('drums', 'd.wav', 120, 40)]), 'drums', takes.clipped);
    assert.equal(r.suggestedGain.atLeast, true);
    assert.ok(r.suggestedGain.gainDb! <= -10);
    assert.equal(r.rig!.advice[0]!.code, 'clipped');
    assert.match(
      r.rig!.advice[0]!.message,
      /^The take clipped: the DAW cannot repair it\. For the next take on input "drums", lower it by at least 1\d\.\d dB: set the preamp to 2\d\.\d dB/,
    );
  });

  it('a hot take: lower the preamp by what the target asks; a float take over full scale: lower it in the DAW', async () => {
    // SM58 at 120 dB SPL: -26.28 dBu; at 30 dB: -26.28 + 20 = -6.28 dBFS predicted. The -6 dBFS sine
    // asks -4 dB for its peaks and -9 dB for its average (-9 dBFS RMS to -18): -9 dB, 21 dB of gain.
    const good = await advise(rigOf([input('vox', 'v.wav', 120, 30)]), 'vox', takes.good);
    assert.equal(good.report.suggestedGain.gainDb, -9);
    assert.equal(good.report.rig!.action, 'Set the preamp to 21 dB (now 30 dB, range 0–56 dB).');
    // 1.4 x full scale: +2.9 dBTP and -0.1 dBFS RMS; the average target asks -17.9 dB, in the DAW:
    // nothing clipped in a float file.
    const fl = await advise(rigOf([input('synth', 'f.wav', 120, 30)]), 'synth', floatTake);
    assert.equal(fl.report.rig!.advice[0]!.code, 'daw-gain');
    assert.match(fl.report.rig!.advice[0]!.message, /over full scale in floating point: nothing clipped, but lower it by 17\.9 dB in the DAW before export/);
  });

  it('leaving the rig restores the settings-only advice', async () => {
    const r = await report(takes.quiet);
    const { report: attached } = withRigAdvice(
      r,
      'rig',
      rigOf([input('quiet', 'q.wav', 90, 20)]),
      rigOf([input('quiet', 'q.wav', 90, 20)]).inputs[0]!,
      'q.wav',
      { ...DEFAULT_TARGETS, peakDbfs: -6 },
    );
    const back = withSettingsAdvice(attached, DEFAULT_TARGETS);
    assert.equal('rig' in back, false);
    assert.deepEqual(back.suggestedGain, r.suggestedGain);
    assert.deepEqual(back.findings, r.findings);
  });

  it('headroom analyze --rig adds the rig-aware advice to each matched take, aimed at the rig and input targets', () => {
    const rigFile = join(dir, 'studio.headroom.json');
    // The rig aims peaks and average at -12 dBFS; the vocal input at -8 and -10. The -40 dBFS sine: +28
    // for peaks (+31 for the average); the -6 dBFS sine: -2 for peaks (-1 for the average).
    writeFileSync(
      rigFile,
      JSON.stringify({
        interface: IFACE,
        targets: { peakDbfs: -12, averageDbfs: -12 },
        inputs: [input('quiet', 'QUIET.wav', 90, 20), { ...input('vox', 'good.wav', 120, 30), targets: { peakDbfs: -8, averageDbfs: -10 } }],
      }),
    );
    const cli = join(resolve(__dirname, '../../..'), 'dist', 'cli.js');
    const r = spawnSync('node', [cli, 'analyze', '--json', '--rig', rigFile, takes.quiet, takes.good], { encoding: 'utf8', maxBuffer: 1 << 26 });
    assert.equal(r.status, 0, r.stderr);
    const [quiet, good] = JSON.parse(r.stdout);
    assert.equal(quiet.rig.input, 'quiet');
    assert.equal(quiet.suggestedGain.gainDb, 28);
    assert.equal(good.rig.input, 'vox');
    assert.equal(good.suggestedGain.gainDb, -2);
    const human = spawnSync('node', [cli, 'analyze', '--rig', rigFile, takes.quiet], { encoding: 'utf8' });
    assert.match(human.stdout, /suggested gain: \+28\.0 dB to the rig's −12 dBFS peak target/);
    assert.match(
      spawnSync('node', [cli, 'analyze', '--rig', rigFile, takes.good], { encoding: 'utf8' }).stdout,
      /suggested gain: −2\.0 dB to the input's −8 dBFS peak target/,
    );
    assert.match(human.stdout, /INFO {4}rig\/quiet: \+28\.0 dB on input "quiet"/);
  });
});
