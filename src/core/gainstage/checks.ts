// Rules that turn a rig into findings: each says what to change, points at the value to change, and
// carries a quick fix where the fix is clear.

import { modify } from 'jsonc-parser';
import { evaluateChain, type ChainEvaluation } from './chain';
import { isSafeGlob } from './reconcile';
import { locate, type Rig, type RigDocument, type RigInput, type RigProblem } from './rig';

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

export function evaluateInput(rig: Rig, input: RigInput): ChainEvaluation {
  const maxInput = rig.interface.maxInputDbu[input.inputType];
  return evaluateChain({
    source: input.source,
    padDb: input.padDb,
    preamp: { gainDb: input.preampGainDb, gainRangeDb: rig.interface.gainRangeDb, maxInputDbu: maxInput ?? null, einDbu: rig.interface.einDbu },
    converter: { alignmentDbu: rig.converterReferenceDbu },
    targets: rig.targets,
  });
}

function inputProblems(doc: RigDocument, rig: Rig, input: RigInput): RigProblem[] {
  const out: RigProblem[] = [];
  const at = (...k: (string | number)[]) => locate(doc, [...input.path, ...k]);
  const label = `Input "${input.name}"`;
  const { source } = input;
  if (source.kind === 'mic') {
    if (source.mic.type === 'condenser' && !input.phantom) {
      out.push({ code: 'phantom-off-condenser', severity: 'error', message: `${label}: ${source.mic.name} is a condenser and needs 48 V phantom power: turn phantom on.`, range: at('phantom'), fix: fixSet(doc, [...input.path, 'phantom'], true, 'Turn phantom power on') });
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

  const e = evaluateInput(rig, input);
  const [minGain, maxGain] = rig.interface.gainRangeDb;
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
    out.push({ code: 'noise-floor-high', severity: 'warning', message: `${label}: the noise floor will be ${round1(e.noiseFloorDbfs)} dBFS (above ${rig.targets.maxNoiseFloorDbfs} dBFS): less gain with the source closer, or a quieter mic or preamp.`, range: at('preampGainDb') });
  }
  return out;
}

export function checkRig(doc: RigDocument): RigProblem[] {
  const out = [...doc.problems];
  const rig = doc.rig;
  if (!rig) return out;
  const iface = rig.interface;
  const seen = new Map<string, RigInput>();
  for (const input of rig.inputs) {
    if (seen.has(input.id)) out.push({ code: 'duplicate-input-id', severity: 'error', message: `Input id "${input.id}" is used twice: ids name inputs in takes and advice, so they must be unique.`, range: locate(doc, [...input.path, 'id']) });
    seen.set(input.id, input);
    out.push(...inputProblems(doc, rig, input));
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
  const phantomChannels = iface.phantom?.channels ?? 0;
  if (phantomInputs > phantomChannels) {
    out.push({ code: 'too-many-phantom', severity: 'error', message: `${phantomInputs} inputs need phantom power but ${iface.name} supplies it to ${phantomChannels}.`, range: inputsRange });
  } else if (iface.phantom?.switching === 'global' && phantomInputs > 0 && rig.inputs.some((i) => !i.phantom && i.source.kind === 'mic' && i.source.mic.type === 'ribbon')) {
    out.push({ code: 'global-phantom-ribbon', severity: 'warning', message: `${iface.name} switches phantom power for all inputs at once: the passive ribbon on this rig gets it too.`, range: inputsRange });
  }
  const req = rig.requirements;
  const need = (key: keyof typeof req, have: number, code: string, what: string) => {
    const want = req[key];
    if (want !== undefined && want > have) out.push({ code, severity: 'error', message: `The studio needs ${want} ${what}; ${iface.name} has ${have}.`, range: locate(doc, ['requirements', key]) });
  };
  need('simultaneousInputs', iface.inputs, 'requirement-inputs', 'inputs recorded at once');
  need('phantomChannels', phantomChannels, 'requirement-phantom', 'channels with 48 V phantom power');
  need('monitorSets', iface.monitorPairs, 'too-few-monitor-sets', 'monitor sets to switch between');
  need('headphoneOutputs', iface.headphoneOutputs, 'too-few-headphone-outs', 'headphone outputs');
  need('midiIn', iface.midi.in, 'no-midi', 'MIDI inputs');
  need('midiOut', iface.midi.out, 'no-midi', 'MIDI outputs');
  return out.sort((a, b) => a.range.offset - b.range.offset);
}
