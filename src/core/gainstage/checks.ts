// Rules that turn a rig into problems: each says what to change, points at the value to change, and
// carries a quick fix where the fix is clear. The gain rules show the advice's own sentence and
// number (adviseInput), so the Problems panel, `rig check` and the diagram say the same thing.

import { findNodeAtLocation, getNodeValue } from 'jsonc-parser';
import { adviseInput, type InputAdvice } from './advice';
import { assignInputs, kindWord, phantomSwitchOf } from './assign';
import { DEVICE_REQUIRED, findDevice, inputCount, kindCounts, needsPhantom } from './catalogue';
import { phantomAtMic } from './chain';
import type { GainPlan, PlanAction } from './placement';
import {
  isSafeGlob,
  kindSpecOf,
  locate,
  setFix,
  type JsonPath,
  type Rig,
  type RigDocument,
  type RigFix,
  type RigInput,
  type RigProblem,
  type RigRequirements,
} from './rig';
import { DEFAULT_TARGETS, type LevelTargets } from './targets';
import type { DeviceSpec, InterfaceSpec } from './types';

const r1 = (x: number) => (Math.round(x * 10) / 10).toFixed(1);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A device as a rig file writes it: its catalogue id (with its setting and the figures the catalogue leaves to the rig), or inline. */
function deviceJson(d: DeviceSpec, gainDb: number): unknown {
  const c = d.catalogueId === undefined ? undefined : findDevice(d.catalogueId);
  if (!c) {
    const { catalogueId: _id, gainDb: _gains, gainRangeDb: _range, input: _input, ...inline } = d;
    return { ...inline, gainDb };
  }
  const given = Object.fromEntries(DEVICE_REQUIRED.filter((k) => c[k] === null).map((k) => [k, d[k]]));
  const setting = c.gainDb?.length === 1 ? {} : { gainDb };
  return Object.keys(given).length === 0 && Object.keys(setting).length === 0 ? c.id : { device: c.id, ...setting, ...given };
}

/** The plan as rig-file changes: one quick fix that sets every value the plan changes. */
export function planFix(doc: RigDocument, input: RigInput, plan: GainPlan, description: string): RigFix | undefined {
  const changes: RigFix['changes'] = [];
  const at = (...k: (string | number)[]): JsonPath => [...input.path, ...k];
  const rawDevices = (): unknown[] => {
    const node = doc.root && findNodeAtLocation(doc.root, at('devices'));
    return node ? ((getNodeValue(node) as unknown[]) ?? []) : [];
  };
  let devices: unknown[] | null = null;
  for (const a of plan.actions as PlanAction[]) {
    switch (a.kind) {
      case 'set-gain':
        changes.push({ path: at('preampGainDb'), value: a.toDb });
        break;
      case 'interface-pad':
        changes.push({ path: at('padDb'), value: a.toDb });
        break;
      case 'mic-pad':
        changes.push({ path: at('micPadDb'), value: a.toDb });
        break;
      case 'phantom-on':
        changes.push({ path: at('phantom'), value: true });
        break;
      case 'use-input':
        changes.push({ path: at('inputType'), value: a.inputKind });
        break;
      case 'add-device':
        devices ??= rawDevices();
        devices.push(deviceJson(a.device, a.gainDb));
        break;
      case 'remove-device':
        devices ??= rawDevices();
        devices.splice(a.index, 1);
        break;
      case 'daw':
        return undefined;
    }
  }
  if (devices) changes.push({ path: at('devices'), value: devices });
  return changes.length > 0 ? { description, changes } : undefined;
}

function gainProblems(doc: RigDocument, input: RigInput, advice: InputAdvice): RigProblem[] {
  const out: RigProblem[] = [];
  const e = advice.evaluation;
  const at = (...k: (string | number)[]) => locate(doc, [...input.path, ...k]);
  const fix = advice.plan && advice.action ? planFix(doc, input, advice.plan, advice.action) : undefined;
  const withFix = (p: RigProblem): RigProblem => (fix ? { ...p, fix } : p);
  for (const line of advice.lines) {
    if (line.code === 'check-chain') {
      out.push({ code: 'implausible-expectation', severity: line.severity, message: line.message, range: at('source') });
    } else if (line.code === 'out-of-reach') {
      out.push(withFix({ code: 'gain-out-of-reach', severity: 'warning', message: line.message, range: at('preampGainDb') }));
    } else if (line.code === 'set-gain') {
      const first = e.clipsFirst;
      if (first?.stage === 'source' || first?.stage === 'mic') {
        out.push(withFix({ code: 'mic-overload', severity: 'warning', message: line.message, range: at('source', 'peakSplDb') }));
      } else if (first?.stage === 'device') {
        out.push(withFix({ code: 'device-overload', severity: 'error', message: line.message, range: at('devices') }));
      } else if (first?.stage === 'preamp-input') {
        out.push(withFix({ code: 'preamp-overload', severity: 'error', message: line.message, range: at('padDb') }));
      } else if (first?.stage === 'converter') {
        out.push(withFix({ code: 'converter-clip', severity: 'error', message: line.message, range: at('preampGainDb') }));
      } else if (line.severity === 'warning') {
        out.push(withFix({ code: 'level-hot', severity: 'warning', message: line.message, range: at('preampGainDb') }));
      } else {
        out.push(withFix({ code: 'gain-off-target', severity: 'info', message: line.message, range: at('preampGainDb') }));
      }
    }
  }
  if (e.noiseFloorDbfs !== null && e.noiseFloorDbfs > doc.rig!.targets.maxNoiseFloorDbfs && e.noSignal === null) {
    const parts = Object.entries(e.noise)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => `${k} ${r1(v!)}`);
    out.push({
      code: 'noise-floor-high',
      severity: 'warning',
      message: `Input "${input.name}": the noise floor will be ${r1(e.noiseFloorDbfs)} dBFS (${parts.join(', ')} dBFS), above ${doc.rig!.targets.maxNoiseFloorDbfs} dBFS: less gain with the source closer, or a quieter mic or preamp.`,
      range: at('preampGainDb'),
    });
  }
  return out;
}

function inputProblems(doc: RigDocument, rig: Rig, input: RigInput, advice: InputAdvice): RigProblem[] {
  const out: RigProblem[] = [];
  const at = (...k: (string | number)[]) => locate(doc, [...input.path, ...k]);
  const field = (...k: (string | number)[]): JsonPath => [...input.path, ...k];
  const label = `Input "${input.name}"`;
  const { source, settings } = input;
  const spec = kindSpecOf(rig.interface, settings.kind);
  const e = advice.evaluation;

  // Power: what needs 48 V and does not get it, and the passive ribbon that gets it.
  settings.devices.forEach((d, i) => {
    const node = e.stages.filter((s) => s.stage === 'device')[i];
    if (d.spec.needsPhantom && node?.note === 'no 48 V: no output') {
      out.push({
        code: 'device-needs-phantom',
        severity: 'error',
        message: `${label}: the ${d.spec.name} needs 48 V phantom power from the input: without it no signal passes. Turn phantom on.`,
        range: at('phantom'),
        fix: setFix('Turn phantom power on', field('phantom'), true),
      });
    }
  });
  if (source.kind === 'mic') {
    const powered = phantomAtMic(settings);
    if (needsPhantom(source.mic.type) && !powered) {
      const blocker = [...settings.devices].reverse().find((d) => !d.spec.passesPhantom);
      const kind = source.mic.type === 'condenser' ? 'a condenser' : 'an active ribbon';
      if (settings.phantom && blocker) {
        out.push({
          code: 'phantom-off-condenser',
          severity: 'error',
          message: `${label}: ${source.mic.name} is ${kind} and needs 48 V, but the ${blocker.spec.name} passes none on: take it out, or use a dynamic or passive ribbon behind it.`,
          range: at('devices'),
        });
      } else {
        out.push({
          code: 'phantom-off-condenser',
          severity: 'error',
          message: `${label}: ${source.mic.name} is ${kind} and needs 48 V phantom power: without it the mic gives no signal. Turn phantom on.`,
          range: at('phantom'),
          fix: setFix('Turn phantom power on', field('phantom'), true),
        });
      }
    }
    if (source.mic.type === 'ribbon' && powered) {
      out.push({
        code: 'ribbon-phantom',
        severity: 'warning',
        message: `${label}: ${source.mic.name} is a passive ribbon: 48 V does nothing for it and a miswired cable can damage the ribbon. Turn phantom off.`,
        range: at('phantom'),
        fix: setFix('Turn phantom power off', field('phantom'), false),
      });
    }
    if (settings.micPadDb > 0 && source.mic.pads !== null && !source.mic.pads.some((p) => p.db === settings.micPadDb)) {
      const has = source.mic.pads.length === 0 ? 'has no pad' : `has ${source.mic.pads.map((p) => `−${p.db} dB`).join(', ')}`;
      out.push({
        code: 'no-such-mic-pad',
        severity: 'error',
        message: `${label}: ${source.mic.name} ${has}, not −${settings.micPadDb} dB.`,
        range: at('micPadDb'),
        fix: setFix('Switch the mic pad off', field('micPadDb'), 0),
      });
    }
  } else if (settings.kind === 'mic' && settings.padDb === 0 && !settings.devices.some((d) => d.spec.type === 'di' || d.spec.type === 'attenuator')) {
    const to = rig.interface.inputs.some((g) => g.kinds.includes(source.kind))
      ? source.kind
      : rig.interface.inputs.some((g) => g.kinds.includes('line'))
        ? 'line'
        : null;
    out.push({
      code: 'line-into-mic-no-pad',
      severity: 'warning',
      message: `${label}: a ${source.kind}-level source into a mic input without a pad or DI box. ${to ? `Use a ${kindWord(to)} input, or engage the pad.` : 'Use a DI box or engage the pad.'}`,
      range: at('inputType'),
      ...(to ? { fix: setFix(`Use a ${kindWord(to)} input`, field('inputType'), to) } : {}),
    });
  }
  const last = settings.devices[settings.devices.length - 1];
  if (last?.spec.output === 'line' && settings.kind === 'mic') {
    out.push({
      code: 'line-into-mic-no-pad',
      severity: 'warning',
      message: `${label}: the ${last.spec.name} puts out line level, into a mic input. Use a line input.`,
      range: at('inputType'),
      fix: setFix('Use a line input', field('inputType'), 'line'),
    });
  }

  // The interface's pad and gain as the rig sets them.
  const groups =
    input.interfaceInput === null
      ? rig.interface.inputs.filter((g) => g.kinds.includes(settings.kind))
      : rig.interface.inputs.filter((g) => input.interfaceInput! >= g.first && input.interfaceInput! <= g.last);
  if (settings.padDb > 0 && groups.length > 0 && !rig.interface.unpublished.includes('pads')) {
    const pads = groups.map((g) => g.pad);
    if (pads.every((p) => p === null))
      out.push({
        code: 'no-such-pad',
        severity: 'error',
        message: `${label}: ${rig.interface.name}'s ${input.interfaceInput !== null ? `input ${input.interfaceInput}` : `${kindWord(settings.kind)} inputs`} ha${input.interfaceInput !== null ? 's' : 've'} no pad.`,
        range: at('padDb'),
        fix: setFix('Switch the pad off', field('padDb'), 0),
      });
    else if (pads.every((p) => p !== null && p.db !== null && p.db !== settings.padDb)) {
      const db = pads.find((p) => p?.db != null)!.db!;
      out.push({
        code: 'no-such-pad',
        severity: 'error',
        message: `${label}: ${rig.interface.name}'s pad on this input is ${db} dB, not ${settings.padDb} dB.`,
        range: at('padDb'),
        fix: setFix(`Use the ${db} dB pad`, field('padDb'), db),
      });
    }
  }
  const range = spec.gainRangeDb;
  if (range && (settings.gainDb < range[0] || settings.gainDb > range[1])) {
    const clamped = Math.min(range[1], Math.max(range[0], settings.gainDb));
    const words =
      range[0] === range[1]
        ? `has no gain control (${kindWord(settings.kind)} input)`
        : `ranges ${range[0]}–${range[1]} dB on ${kindWord(settings.kind)} inputs`;
    out.push({
      code: 'gain-out-of-range',
      severity: 'error',
      message: `${label}: preamp gain ${settings.gainDb} dB is not settable: ${rig.interface.name} ${words}.`,
      range: at('preampGainDb'),
      fix: setFix(`Set preamp gain to ${clamped} dB`, field('preampGainDb'), clamped),
    });
  }
  if (input.takes !== undefined && !isSafeGlob(input.takes)) {
    out.push({
      code: 'take-glob-outside',
      severity: 'error',
      message: `${label}: the takes glob must stay inside the rig's folder (no absolute paths, no ".."); Headroom does not follow it.`,
      range: at('takes'),
    });
  }
  return [...out, ...gainProblems(doc, input, advice)];
}

/** Each input's advice, in rig.inputs order, from `settingsTargets` (the CLI's defaults, or VS Code's settings). */
export function adviseRig(rig: Rig, settingsTargets: LevelTargets = DEFAULT_TARGETS): InputAdvice[] {
  return rig.inputs.map((input) => adviseInput(rig, input, settingsTargets));
}

/** `advice`: each input's adviseInput, in rig.inputs order, when the caller has it already. */
export function checkRig(doc: RigDocument, advice?: readonly InputAdvice[], settingsTargets: LevelTargets = DEFAULT_TARGETS): RigProblem[] {
  const out = [...doc.problems];
  const rig = doc.rig;
  if (!rig) return out;
  const all = advice ?? adviseRig(rig, settingsTargets);
  const iface = rig.interface;
  const seen = new Set<string>();
  for (const [index, input] of rig.inputs.entries()) {
    if (seen.has(input.id))
      out.push({
        code: 'duplicate-input-id',
        severity: 'error',
        message: `Input id "${input.id}" is used twice: ids name inputs in takes and advice, so they must be unique.`,
        range: locate(doc, [...input.path, 'id']),
      });
    seen.add(input.id);
    out.push(...inputProblems(doc, rig, input, all[index]!));
  }
  // Without a published layout no input can be placed: the checks that need one are skipped and said so.
  if (!iface.unpublished.includes('inputs')) {
    const assignment = assignInputs(
      iface,
      rig.inputs.map((i) => ({ kind: i.settings.kind, interfaceInput: i.interfaceInput, name: i.name })),
    );
    for (const p of assignment.problems)
      out.push({ code: p.code, severity: 'error', message: p.message, range: locate(doc, [...rig.inputs[p.index]!.path, p.field]) });
    if (!iface.unpublished.includes('phantom')) out.push(...phantomProblems(doc, rig, assignment.numbers));
    const total = inputCount(iface.inputs);
    if (rig.inputs.length > total)
      out.push({
        code: 'too-many-inputs',
        severity: 'error',
        message: `${rig.inputs.length} inputs in use but ${iface.name} records ${total} at once.`,
        range: locate(doc, ['inputs']),
      });
  }
  out.push(...requirementProblems(doc, rig), ...outputProblems(doc, rig), ...unpublishedSpecs(doc, rig));
  return out.sort((a, b) => a.range.offset - b.range.offset);
}

function phantomProblems(doc: RigDocument, rig: Rig, numbers: (number | null)[]): RigProblem[] {
  const out: RigProblem[] = [];
  const iface = rig.interface;
  const switches = new Map<string, number[]>();
  rig.inputs.forEach((input, i) => {
    const n = numbers[i];
    if (n === null || n === undefined) return;
    const sw = phantomSwitchOf(iface, n);
    if (input.settings.phantom && sw === null) {
      out.push({
        code: 'no-phantom-on-input',
        severity: 'error',
        message: `Input "${input.name}" has phantom on, but ${iface.name}'s input ${n} has no 48 V.`,
        range: locate(doc, [...input.path, 'phantom']),
      });
    }
    if (sw !== null) switches.set(sw, [...(switches.get(sw) ?? []), i]);
  });
  const phantomCount = rig.inputs.filter((i) => i.settings.phantom).length;
  const channels = iface.phantom?.channels ?? 0;
  if (phantomCount > channels)
    out.push({
      code: 'too-many-phantom',
      severity: 'error',
      message: `${plural(phantomCount, 'input')} need phantom power but ${iface.name} supplies it to ${channels}.`,
      range: locate(doc, ['inputs']),
    });
  // A shared switch gives 48 V to every input on it: a passive ribbon there gets it too.
  for (const [sw, members] of switches) {
    const on = members.filter((i) => rig.inputs[i]!.settings.phantom);
    if (on.length === 0 || sw === `${numbers[members[0]!]}`) continue;
    for (const i of members) {
      const input = rig.inputs[i]!;
      if (input.settings.phantom || input.source.kind !== 'mic' || input.source.mic.type !== 'ribbon') continue;
      // A device between that passes no 48 V protects the ribbon.
      if (input.settings.devices.some((d) => !d.spec.passesPhantom)) continue;
      const n = numbers[i]!;
      const words = sw === 'all' ? `switches 48 V for all inputs at once` : `switches 48 V for inputs ${sw} together`;
      out.push({
        code: 'shared-phantom-ribbon',
        severity: 'warning',
        message: `${iface.name} ${words}: the passive ribbon on input ${n} ("${input.name}") gets it because "${rig.inputs[on[0]!]!.name}" has it on. Move the ribbon to another ${sw === 'all' ? 'interface' : 'switch group'}.`,
        range: locate(doc, [...input.path, input.interfaceInput !== null ? 'interfaceInput' : 'phantom']),
      });
    }
  }
  return out;
}

function requirementProblems(doc: RigDocument, rig: Rig): RigProblem[] {
  const out: RigProblem[] = [];
  const iface = rig.interface;
  const req = rig.requirements;
  const counts = kindCounts(iface.inputs);
  const need = (key: keyof RigRequirements, have: number | null, code: string, one: string, many = `${one}s`) => {
    const want = req[key];
    if (want === undefined || want === 0) return;
    const range = locate(doc, ['requirements', key]);
    if (have === null)
      out.push({ code, severity: 'warning', message: `The studio needs ${plural(want, one, many)}; ${iface.name}'s number is not published.`, range });
    else if (want > have) out.push({ code, severity: 'error', message: `The studio needs ${plural(want, one, many)}; ${iface.name} has ${have}.`, range });
  };
  const layoutKnown = !iface.unpublished.includes('inputs');
  need('simultaneousInputs', layoutKnown ? inputCount(iface.inputs) : null, 'requirement-inputs', 'input recorded at once', 'inputs recorded at once');
  need('micPreamps', layoutKnown ? counts.mic : null, 'requirement-mic-preamps', 'mic preamp');
  need('instrumentInputs', layoutKnown ? counts.instrument : null, 'requirement-instrument-inputs', 'instrument (Hi-Z) input');
  need('lineInputs', layoutKnown ? counts.line + counts['line-fixed'] : null, 'requirement-line-inputs', 'line input');
  need(
    'phantomChannels',
    iface.unpublished.includes('phantom') ? null : (iface.phantom?.channels ?? 0),
    'requirement-phantom',
    'channel with 48 V phantom power',
    'channels with 48 V phantom power',
  );
  need('monitorSets', iface.monitorPairs, 'too-few-monitor-sets', 'monitor set to switch to', 'monitor sets to switch between');
  need('headphoneOutputs', iface.headphoneOutputs, 'too-few-headphone-outs', 'headphone output');
  need('midiIn', iface.midi?.in ?? null, 'no-midi', 'MIDI input');
  need('midiOut', iface.midi?.out ?? null, 'no-midi', 'MIDI output');
  if (req.maxEinDbu !== undefined) {
    const range = locate(doc, ['requirements', 'maxEinDbu']);
    const ein = iface.kinds.mic?.einDbu ?? null;
    if (ein === null)
      out.push({
        code: 'requirement-ein',
        severity: 'warning',
        message: `The studio needs preamps with an EIN of ${req.maxEinDbu} dBu or lower; ${iface.name}'s EIN is not published.`,
        range,
      });
    else if (ein > req.maxEinDbu)
      out.push({
        code: 'requirement-ein',
        severity: 'error',
        message: `The studio needs preamps with an EIN of ${req.maxEinDbu} dBu or lower; ${iface.name}'s is ${ein} dBu.`,
        range,
      });
  }
  if (req.sampleRateHz !== undefined) {
    const range = locate(doc, ['requirements', 'sampleRateHz']);
    const rates = iface.sampleRates;
    if (rates === null)
      out.push({
        code: 'requirement-sample-rate',
        severity: 'warning',
        message: `The studio records at ${req.sampleRateHz} Hz; ${iface.name}'s sample rates are not published.`,
        range,
      });
    else if (!rates.includes(req.sampleRateHz))
      out.push({
        code: 'requirement-sample-rate',
        severity: 'error',
        message: `The studio records at ${req.sampleRateHz} Hz; ${iface.name} runs at ${rates.join(', ')} Hz.`,
        range,
      });
  }
  return out;
}

function outputProblems(doc: RigDocument, rig: Rig): RigProblem[] {
  const out: RigProblem[] = [];
  const iface = rig.interface;
  const { monitorSets } = rig.outputs;
  if (iface.monitorPairs !== null && monitorSets.length > iface.monitorPairs) {
    out.push({
      code: 'too-many-monitor-sets',
      severity: 'error',
      message: `${plural(monitorSets.length, 'monitor set')} but ${iface.name} has ${plural(iface.monitorPairs, 'monitor output pair')} to switch between.`,
      range: locate(doc, ['outputs', 'monitorSets']),
    });
  }
  // Read the numbers from the file, not from rig.outputs, so each problem sits on its own value.
  const mixes = doc.root && findNodeAtLocation(doc.root, ['outputs', 'headphoneMixes']);
  for (const [i, node] of (mixes?.type === 'array' ? (mixes.children ?? []) : []).entries()) {
    const output: unknown = findNodeAtLocation(node, ['output'])?.value;
    if (iface.headphoneOutputs === null || typeof output !== 'number' || !Number.isInteger(output) || output < 1 || output <= iface.headphoneOutputs) continue;
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
  const kinds = [...new Set(rig.inputs.map((i) => i.settings.kind))];
  for (const k of kinds) {
    const s = kindSpecOf(iface, k);
    const gaps: string[] = [];
    if (k !== 'digital' && s.maxInputDbu === null)
      gaps.push(
        rig.converterReferenceDbu === null
          ? 'maximum input level (recorded levels are not predicted; set "converterReferenceDbu")'
          : 'maximum input level (the rig\'s "converterReferenceDbu" is used)',
      );
    if (s.gainRangeDb === null) gaps.push('gain range (settings are not checked against it)');
    if (k === 'mic' && s.einDbu === null) gaps.push('EIN (left out of the noise floor)');
    if (k !== 'digital' && s.dynamicRangeDb === null) gaps.push("dynamic range (the converter's noise is left out)");
    if (gaps.length > 0) missing.push(`${kindWord(k)} inputs: ${gaps.join(', ')}`);
  }
  if (iface.unpublished.includes('inputs')) missing.push('the input layout (inputs are not checked against it)');
  if (iface.unpublished.includes('phantom')) missing.push('phantom power (48 V is not checked)');
  if (iface.unpublished.includes('pads')) missing.push('the pads (none is suggested)');
  if (missing.length === 0) return [];
  return [
    { code: 'spec-unpublished', severity: 'info', message: `Not published for ${iface.name}: ${missing.join('; ')}.`, range: locate(doc, ['interface']) },
  ];
}
