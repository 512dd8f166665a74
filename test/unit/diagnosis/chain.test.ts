import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reconcileDiagnosis, type Diagnosis } from '../../../src/core/analysis/diagnosis';
import { chainFacts, rigDiagnosis } from '../../../src/core/analysis/diagnosis/rig';
import { analyzeFile } from '../../../src/node/analyzeFile';
import { DEFAULT_TARGETS, parseRig, withRigAdvice, type Rig } from '../../../src/core/gainstage';
import type { TakeReport } from '../../../src/core/report';
import { encodeWav } from '../../../src/core/wav/writer';
import { analogClipped, programme, quantize } from '../../support/forensics';
import { scratch } from '../../support/scratch';

const flat: Diagnosis = { code: 'analog-clipping', severity: 'error', stage: 'preamp', value: -6.2, unit: 'dBFS', message: 'x', channel: 0 };
const floor = (value: number): Diagnosis => ({ code: 'noise-floor', severity: 'info', stage: 'preamp', value, unit: 'dBFS', message: 'x', channel: 0 });

describe('diagnosis read against the chain', () => {
  it('flat tops as an analog level at the converter', () => {
    const [d] = reconcileDiagnosis([flat], { fullScaleDbu: 18, predictedNoiseFloorDbfs: null });
    assert.equal(d!.dbu, 11.8);
    assert.match(d!.message, /^Flattened at −6\.2 dBFS = \+11\.8 dBu at the converter/);
    assert.deepEqual(reconcileDiagnosis([flat], { fullScaleDbu: null, predictedNoiseFloorDbfs: null }), []);
  });
  it('noise floor against the prediction: 12 dB noisier is a warning, a match and a quieter floor are infos', () => {
    // −70 dBFS plain RMS is −66.99 in the chain's convention (a full-scale sine = 0 dBFS).
    const noisy = reconcileDiagnosis([floor(-70)], { fullScaleDbu: 18, predictedNoiseFloorDbfs: -79 });
    assert.equal(noisy[0]!.severity, 'warning');
    assert.equal(noisy[0]!.excessDb, 12);
    assert.match(noisy[0]!.message, /^The noise floor \(−49\.0 dBu at the converter\) is 12 dB above what this chain should give \(−79\.0 dBFS/);
    assert.match(reconcileDiagnosis([floor(-70)], { fullScaleDbu: null, predictedNoiseFloorDbfs: -68 })[0]!.message, /is what this chain predicts/);
    assert.match(
      reconcileDiagnosis([floor(-90)], { fullScaleDbu: null, predictedNoiseFloorDbfs: -70 })[0]!.message,
      /17 dB below what this chain predicts \(−70\.0 dBFS\): the gain was lower/,
    );
  });
  const dir = join(scratch, 'diagnosis-chain');
  before(() => mkdirSync(dir, { recursive: true }));

  it('a take through a rig input: the facts come from the rig, the sentences land in rig.diagnosis', async () => {
    // Mic inputs take +10 dBu at 0 dB gain: at 40 dB, 0 dBFS is +10 dBu at the preamp's output, the
    // EIN of -128 dBu lands at -98 dBFS and the converter's 110 dB of dynamic range at -110 dBFS.
    const iface = {
      name: 'Test',
      inputs: [{ first: 1, last: 2, kinds: ['mic'], pad: null }],
      kinds: { mic: { gainRangeDb: [0, 60], maxInputDbu: 10, einDbu: -128, dynamicRangeDb: 110 } },
      phantom: { switching: 'global', channels: 2 },
    };
    const mic = { name: 'Dyn', type: 'dynamic', sensitivityDbvPa: -54.5, maxSplDb: null, selfNoiseDbA: null };
    const rig = parseRig(
      JSON.stringify({
        interface: iface,
        inputs: [{ id: 'bass', name: 'Bass', inputType: 'mic', source: { kind: 'mic', mic, peakSplDb: 110 }, preampGainDb: 40, takes: '*.wav' }],
      }),
      join(dir, 'studio.headroom.json'),
    ).rig as Rig;
    const facts = chainFacts(rig, rig.inputs[0]!);
    assert.equal(facts.fullScaleDbu, 10);
    assert.ok(Math.abs(facts.predictedNoiseFloorDbfs! - 10 * Math.log10(10 ** -9.8 + 10 ** -11)) < 1e-9, String(facts.predictedNoiseFloorDbfs));
    const file = join(dir, 'bass.wav');
    writeFileSync(
      file,
      encodeWav([Float64Array.from(quantize(analogClipped(2, 48000, 3, 0.5, 30), 24))], { sampleRate: 48000, channels: 1, bitsPerSample: 24 }),
    );
    const report = (await analyzeFile(file)).result as TakeReport;
    assert.ok(report.diagnosis.some((d) => d.code === 'analog-clipping'));
    assert.ok(
      report.findings.some((f) => f.code === 'analog-clipping'),
      'a diagnosis is a finding too',
    );
    assert.match(
      rigDiagnosis(rig, rig.inputs[0]!, report.diagnosis).find((n) => n.code === 'analog-clipping')!.message,
      /^Flattened at −6\.\d dBFS = \+3\.\d dBu at the converter/,
    );
    // Where the rig's advice is attached, so is its reading of the diagnosis.
    const withRig = withRigAdvice(report, 'studio.headroom.json', rig, rig.inputs[0]!, 'bass.wav', DEFAULT_TARGETS).report;
    assert.deepEqual(
      withRig.rig?.diagnosis?.map((d) => d.code),
      ['analog-clipping'],
    );
  });
  it('a quiet noise floor is a measurement in `diagnosis`, not a finding', async () => {
    const file = join(dir, 'quiet-floor.wav');
    writeFileSync(
      file,
      encodeWav([Float64Array.from(programme(8, 48000, 0.5, 3, true), (v, i) => v + 1e-4 * Math.sin(i * 1.7) * Math.sin(i * 0.31))], {
        sampleRate: 48000,
        channels: 1,
        bitsPerSample: 24,
      }),
    );
    const report = (await analyzeFile(file)).result as TakeReport;
    const d = report.diagnosis.find((x) => x.code === 'noise-floor');
    assert.ok(d && d.value < -70, JSON.stringify(d));
    assert.ok(!report.findings.some((f) => f.code === 'noise-floor'));
  });
});
