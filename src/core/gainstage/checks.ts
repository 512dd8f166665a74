// Rules that turn a rig into findings: each says what to change, points at the value to change, and
// carries a quick fix where the fix is clear.

import { findNodeAtLocation, modify } from 'jsonc-parser';
import { evaluateChain, gainBounds, type ChainEvaluation } from './chain';
import { needsPhantom } from './catalogue';
import { isSafeGlob } from './reconcile';
import { locate, type InterfaceSpec, type Rig, type RigDocument, type RigInput, type RigProblem, type RigRequirements } from './rig';

const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2 } };
/** A set gain this far from the one that lands peaks on target is worth a hint. */
const GAIN_HINT_DB = 6;

function fixSet(doc: RigDocument, path: (string | number)[], value: unknown, description: string): RigProblem['fix'] {
  return { description, edits: modify(doc.text, path, value, FORMAT).map((e) => ({ offset: e.offset, length: e.length, newText: e.content })) };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export interface InputEvaluation {
  input: RigInput;
  chain: ChainEvaluation;
}

/** Mics that give no output without 48 V phantom power. */

export function evaluateInput(rig: Rig, input: RigInput): ChainEvaluation {
  const maxInput = rig.interface.maxInputDbu[input.inputType];
  const { source } = input;
  return evaluateChain({
    micPowered: source.kind !== 'mic' || input.phantom || !needsPhantom(source.mic.type),
    source: input.source,
    padDb: input.padDb,
    preamp: { gainDb: input.preampGainDb, gainRangeDb: rig.interface.gainRangeDb, maxInputDbu: maxInput ?? null, einDbu: rig.interface.einDbu },
    converter: { alignmentDbu: rig.converterReferenceDbu },
    targets: rig.targets,
  });
}

function inputProblems(doc: RigDocument, rig: Rig, input: RigInput, e: ChainEvaluation): RigProblem[] {
  const out: RigProblem[] = [];
  const at = (...k: (string | number)[]) => locate(doc, [...input.path, ...k]);
  const label = `Input "${input.name}"`;
  const { source } = input;
  if (source.kind === 'mic') {
    if (needsPhantom(source.mic.type) && !input.phantom) {
      out.push({ code: 'phantom-off-condenser', severity: 'error', message: `${label}: ${source.mic.name} is ${source.mic.type === 'condenser' ? 'a condenser' : 'an active ribbon'} and needs 48 V phantom power: without it the mic gives no signal. Turn phantom on.`, range: at('phantom'), fix: fixSet(doc, [...input.path, 'phantom'], true, 'Turn phantom power on') });
    }
    if (source.mic.type === 'ribbon' && input.phantom) {
      out.push({ code: 'ribbon-phantom', severity: 'warning', message: `${label}: ${source.mic.name} is a passive ribbon: phantom power does nothing for it and a miswired cable can damage the ribbon. Turn phantom off.`, range: at('phantom'), fix: fixSet(doc, [...input.path, 'phantom'], false, 'Turn phantom power off') });
    }
  } else if (input.inputType === 'mic' && input.padDb === 0) {
    out.push({ code: 'line-into-mic-no-pad', severity: 'warning', message: `${label}: a ${source.kind}-level source into a mic input without a pad. Use a ${source.kind} input, or engage the pad.`, range: at('inputType'), fix: fixSet(doc, [...input.path, 'inputType'], source.kind, `Use a ${source.kind} input`) });
  }

  if (input.takes !== undefined && !isSafeGlob(input.takes)) {
    out.push({ code: 'take-glob-outside', severity: 'error', message: `${label}: the takes glob must stay inside the rig's folder (no absolute paths, no ".."); Headroom does not follow it.`, range: at('takes') });
  }

  const [minGain, maxGain] = gainBounds(rig.interface.gainRangeDb);
  const suggested = round1(e.advice.settableGainDb);
  const stage = (name: string) => e.stages.find((s) => s.stage === name)!;
  if (input.preampGainDb < minGain || input.preampGainDb > maxGain) {
    const hint = input.preampGainDb > maxGain ? ' For more gain use an inline booster (e.g. +20 dB) or move the mic closer.' : ' For less gain engage a pad.';
    out.push({ code: 'gain-out-of-range', severity: 'error', message: `${label}: preamp gain ${input.preampGainDb} dB is outside ${rig.interface.name}'s range (${minGain}–${maxGain} dB).${hint}`, range: at('preampGainDb'), fix: fixSet(doc, [...input.path, 'preampGainDb'], suggested, `Set preamp gain to ${suggested} dB`) });
  }
  if (e.clipsFirst === 'source') {
    out.push({ code: 'mic-overload', severity: 'warning', message: `${label}: ${source.kind === 'mic' ? source.mic.name : 'the source'} is driven ${round1(-stage('source').headroomDb!)} dB past its maximum SPL: move it back or use a mic that takes more level.`, range: at('source', 'peakSplDb') });
  }
  const pin = stage('preamp-input');
  if (pin.headroomDb !== null && pin.headroomDb < 0) {
    const pad = Math.ceil((-pin.headroomDb + input.padDb + 3) / 10) * 10;
    out.push({ code: 'preamp-overload', severity: 'error', message: `${label}: the expected peak (${round1(pin.peak)} dBu) is ${round1(-pin.headroomDb)} dB above the ${input.inputType} input's maximum (${round1(pin.peak + pin.headroomDb)} dBu): engage a ${pad} dB pad.`, range: at('padDb'), fix: fixSet(doc, [...input.path, 'padDb'], pad, `Engage a ${pad} dB pad`) });
  } else if (e.recordedPeakDbfs > 0) {
    out.push({ code: 'converter-clip', severity: 'error', message: `${label}: at ${input.preampGainDb} dB of gain the expected peak reaches ${round1(e.recordedPeakDbfs)} dBFS and will clip the converter: set the gain to ${suggested} dB.`, range: at('preampGainDb'), fix: fixSet(doc, [...input.path, 'preampGainDb'], suggested, `Set preamp gain to ${suggested} dB`) });
  } else if (e.advice.boosterDb > 0) {
    out.push({ code: 'gain-too-low-booster', severity: 'warning', message: `${label}: even at the preamp's maximum (${maxGain} dB) peaks reach only ${round1(rig.targets.peakDbfs - e.advice.boosterDb)} dBFS: use an inline booster of about +${Math.ceil(e.advice.boosterDb)} dB, a more sensitive mic, or move closer.`, range: at('preampGainDb') });
  } else if (input.preampGainDb >= minGain && input.preampGainDb <= maxGain && Math.abs(input.preampGainDb - e.advice.settableGainDb) > GAIN_HINT_DB) {
    out.push({ code: 'gain-off-target', severity: 'info', message: `${label}: peaks will land at ${round1(e.recordedPeakDbfs)} dBFS; ${suggested} dB of gain puts them at ${rig.targets.peakDbfs} dBFS.`, range: at('preampGainDb'), fix: fixSet(doc, [...input.path, 'preampGainDb'], suggested, `Set preamp gain to ${suggested} dB`) });
  }
  if (e.noiseFloorDbfs !== null && e.noiseFloorDbfs > rig.targets.maxNoiseFloorDbfs) {
    // Without a published EIN the floor is the mic's self-noise alone: the real one can only be higher.
    const floor = rig.interface.einDbu === null ? `at least ${round1(e.noiseFloorDbfs)} dBFS (the preamp's EIN is not published)` : `${round1(e.noiseFloorDbfs)} dBFS`;
    out.push({ code: 'noise-floor-high', severity: 'warning', message: `${label}: the noise floor will be ${floor}, above ${rig.targets.maxNoiseFloorDbfs} dBFS: less gain with the source closer, or a quieter mic or preamp.`, range: at('preampGainDb') });
  }
  return out;
}

/** `evaluations`: each input's evaluateInput, in rig.inputs order, when the caller has them already. */
export function checkRig(doc: RigDocument, evaluations?: readonly ChainEvaluation[]): RigProblem[] {
  const out = [...doc.problems];
  const rig = doc.rig;
  if (!rig) return out;
  const iface = rig.interface;
  const seen = new Map<string, RigInput>();
  for (const [index, input] of rig.inputs.entries()) {
    if (seen.has(input.id)) out.push({ code: 'duplicate-input-id', severity: 'error', message: `Input id "${input.id}" is used twice: ids name inputs in takes and advice, so they must be unique.`, range: locate(doc, [...input.path, 'id']) });
    seen.set(input.id, input);
    out.push(...inputProblems(doc, rig, input, evaluations?.[index] ?? evaluateInput(rig, input)));
  }
  const inputsRange = locate(doc, ['inputs']);
  if (rig.inputs.length > iface.inputs) {
    out.push({ code: 'too-many-inputs', severity: 'error', message: `${rig.inputs.length} inputs in use but ${iface.name} records ${iface.inputs} at once.`, range: inputsRange });
  }
  const micInputs = rig.inputs.filter((i) => i.inputType === 'mic').length;
  if (micInputs > iface.micPreamps) {
    out.push({ code: 'too-many-mic-inputs', severity: 'error', message: `${micInputs} mic inputs but ${iface.name} has ${iface.micPreamps} mic preamps.`, range: inputsRange });
  }
  const phantomInputs = rig.inputs.filter((i) => i.phantom).length;
  const phantom = iface.phantom;
  const phantomChannels = phantom?.channels ?? 0;
  if (phantomInputs > phantomChannels) {
    out.push({ code: 'too-many-phantom', severity: 'error', message: `${phantomInputs} inputs need phantom power but ${iface.name} supplies it to ${phantomChannels}.`, range: inputsRange });
  } else if (phantom && phantom.switching !== 'per-channel' && phantomInputs > 0 && rig.inputs.some((i) => !i.phantom && i.source.kind === 'mic' && i.source.mic.type === 'ribbon')) {
    // Rig inputs do not say which channel they use, so with grouped switches this is a risk, not a certainty.
    const message =
      phantom.switching === 'global'
        ? `${iface.name} switches phantom power for all inputs at once: the passive ribbon on this rig gets it too.`
        : `${iface.name} switches phantom power in groups of ${phantom.groupSize} inputs: keep the passive ribbon out of any group that has 48 V on.`;
    out.push({ code: 'global-phantom-ribbon', severity: 'warning', message, range: inputsRange });
  }
  const req = rig.requirements;
  const need = (key: keyof RigRequirements, have: number, code: string, what: string) => {
    const want = req[key];
    if (want !== undefined && want > have) out.push({ code, severity: 'error', message: `The studio needs ${want} ${what}; ${iface.name} has ${have}.`, range: locate(doc, ['requirements', key]) });
  };
  need('simultaneousInputs', iface.inputs, 'requirement-inputs', 'inputs recorded at once');
  need('micPreamps', iface.micPreamps, 'requirement-mic-preamps', 'mic preamps');
  need('phantomChannels', phantomChannels, 'requirement-phantom', 'channels with 48 V phantom power');
  need('monitorSets', iface.monitorPairs, 'too-few-monitor-sets', 'monitor sets to switch between');
  need('headphoneOutputs', iface.headphoneOutputs, 'too-few-headphone-outs', 'headphone outputs');
  need('midiIn', iface.midi.in, 'no-midi', 'MIDI inputs');
  need('midiOut', iface.midi.out, 'no-midi', 'MIDI outputs');
  if (req.maxEinDbu !== undefined) {
    const range = locate(doc, ['requirements', 'maxEinDbu']);
    if (iface.einDbu === null) out.push({ code: 'requirement-ein', severity: 'warning', message: `The studio needs preamps with an EIN of ${req.maxEinDbu} dBu or lower; ${iface.name}'s EIN is not published.`, range });
    else if (iface.einDbu > req.maxEinDbu) out.push({ code: 'requirement-ein', severity: 'error', message: `The studio needs preamps with an EIN of ${req.maxEinDbu} dBu or lower; ${iface.name}'s is ${iface.einDbu} dBu.`, range });
  }
  if (req.sampleRateHz !== undefined) {
    const range = locate(doc, ['requirements', 'sampleRateHz']);
    const rates = iface.sampleRates ?? null;
    if (rates === null) out.push({ code: 'requirement-sample-rate', severity: 'warning', message: `The studio records at ${req.sampleRateHz} Hz; ${iface.name}'s sample rates are not published.`, range });
    else if (!rates.includes(req.sampleRateHz)) out.push({ code: 'requirement-sample-rate', severity: 'error', message: `The studio records at ${req.sampleRateHz} Hz; ${iface.name} runs at ${rates.join(', ')} Hz.`, range });
  }
  out.push(...outputProblems(doc, rig), ...unpublishedSpecs(doc, rig));
  return out.sort((a, b) => a.range.offset - b.range.offset);
}

function outputProblems(doc: RigDocument, rig: Rig): RigProblem[] {
  const out: RigProblem[] = [];
  const iface = rig.interface;
  const { monitorSets } = rig.outputs;
  if (monitorSets.length > iface.monitorPairs) {
    out.push({ code: 'too-many-monitor-sets', severity: 'error', message: `${monitorSets.length} monitor sets but ${iface.name} has ${iface.monitorPairs} monitor output pair${iface.monitorPairs === 1 ? '' : 's'} to switch between.`, range: locate(doc, ['outputs', 'monitorSets']) });
  }
  // Read the numbers from the file, not from rig.outputs, so each problem sits on its own value.
  const mixes = doc.root && findNodeAtLocation(doc.root, ['outputs', 'headphoneMixes']);
  for (const [i, node] of (mixes?.type === 'array' ? (mixes.children ?? []) : []).entries()) {
    const output: unknown = findNodeAtLocation(node, ['output'])?.value;
    // Malformed numbers were reported by the parser already.
    if (typeof output !== 'number' || !Number.isInteger(output) || output < 1 || output <= iface.headphoneOutputs) continue;
    const name = findNodeAtLocation(node, ['name'])?.value ?? `#${i + 1}`;
    out.push({
      code: 'no-such-headphone-output',
      severity: 'error',
      message: `Headphone mix "${name}" is on output ${output}, but ${iface.name} has ${iface.headphoneOutputs === 0 ? 'no headphone outputs' : `headphone output${iface.headphoneOutputs === 1 ? ' 1 only' : `s 1–${iface.headphoneOutputs}`}`}.`,
      range: locate(doc, ['outputs', 'headphoneMixes', i, 'output']),
    });
  }
  return out;
}

/** The values the checks needed but the interface's documents do not publish, said once. */
function unpublishedSpecs(doc: RigDocument, rig: Rig): RigProblem[] {
  const iface: InterfaceSpec = rig.interface;
  if (rig.inputs.length === 0) return [];
  const missing: string[] = [];
  if (iface.gainRangeDb === null) missing.push('the preamp gain range (gain settings are not checked against it)');
  const types = [...new Set(rig.inputs.map((i) => i.inputType))];
  for (const t of types) if (iface.maxInputDbu[t] === undefined) missing.push(`the maximum ${t} input level (preamp overload is not checked)`);
  if (iface.einDbu === null) missing.push('the EIN (noise floors count the mic alone)');
  if (iface.converterReferenceDbu === null && !(doc.root && findNodeAtLocation(doc.root, ['converterReferenceDbu']))) {
    missing.push(`the converter reference (assuming 0 dBFS = +${rig.converterReferenceDbu} dBu; set "converterReferenceDbu" to override)`);
  }
  if (missing.length === 0) return [];
  return [{ code: 'spec-unpublished', severity: 'info', message: `Not published for ${iface.name}: ${missing.join('; ')}.`, range: locate(doc, ['interface']) }];
}
