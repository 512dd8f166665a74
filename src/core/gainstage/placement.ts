// Where a gain change goes, with the hardware the rig has: the preamp within its range, a pad the
// input or the mic really has, an inline booster or attenuator from the catalogue, a different
// input kind. Never an amount no device provides: when nothing reaches the change, the plan gets
// as close as the hardware allows and says what stopped it.

import { needsPhantom } from './catalogue';
import type { ChainSource } from './chain';
import type { ChainDevice, DeviceSpec, InputKind, KindSpec, MicPad } from './types';

export type PlanAction =
  | { kind: 'set-gain'; fromDb: number; toDb: number }
  | { kind: 'interface-pad'; fromDb: number; toDb: number }
  | { kind: 'mic-pad'; fromDb: number; toDb: number }
  | { kind: 'add-device'; device: DeviceSpec; gainDb: number }
  | { kind: 'remove-device'; device: DeviceSpec; gainDb: number; index: number }
  | { kind: 'phantom-on' }
  | { kind: 'use-input'; inputKind: InputKind }
  | { kind: 'daw'; gainDb: number };

export interface GainPlan {
  /** The change at the converter the plan delivers (dB). */
  achievedDb: number;
  actions: PlanAction[];
  /** Why the plan falls short of the change asked for, in one line; null when it delivers it. */
  shortfall: string | null;
}

export interface PlacementContext {
  source: ChainSource;
  kind: InputKind;
  spec: KindSpec;
  gainDb: number;
  padDb: number;
  micPadDb: number;
  devices: ChainDevice[];
  phantom: boolean;
  float32: boolean;
  /** Pad values this physical input has (published), e.g. [10]; [] when none. */
  interfacePads: number[];
  micPads: MicPad[];
  /** Catalogue boosters and attenuators that could be added. */
  addable: DeviceSpec[];
  /** The level at the preamp's input today (dBu), to keep the analog front end below its maximum. */
  preampInputDbu: number;
  /** Other input kinds of this interface a line or instrument source could use, with their figures. */
  otherKinds: { kind: InputKind; spec: KindSpec }[];
  /** The full scale (dBu at the preamp input) today, needed to compare input kinds. */
  fullScaleDbu: number | null;
}

/** Changes within this of the asked-for one count as reaching it. */
const EXACT_DB = 0.05;

interface Candidate {
  actions: PlanAction[];
  /** Hardware changes beyond the gain knob: fewer is better. */
  changes: number;
  /** Converter-level change from switches and devices alone, before the gain knob moves. */
  fixedDb: number;
  /** Change of the level at the preamp input. */
  inputChangeDb: number;
  kind: InputKind;
  spec: KindSpec;
  /** Full-scale shift at the preamp input from switching input kind (0 when the kind stays). */
  fullScaleShiftDb: number;
  needsPhantomOn: boolean;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function candidates(ctx: PlacementContext, wantUp: boolean): Candidate[] {
  const micPowerNeeded = ctx.source.kind === 'mic' && needsPhantom(ctx.source.mic.type);
  const out: Candidate[] = [];
  const interfacePads = [...new Set([0, ctx.padDb, ...ctx.interfacePads])];
  const micPads = ctx.source.kind === 'mic' ? [...new Set([0, ctx.micPadDb, ...ctx.micPads.map((p) => p.db)])] : [0];
  // Devices: keep today's, drop a removable one (a booster or attenuator), or add one from the catalogue.
  const deviceOptions: { add?: DeviceSpec; addGain?: number; remove?: ChainDevice; index?: number }[] = [{}];
  ctx.devices.forEach((d, index) => {
    if (d.spec.type === 'booster' || d.spec.type === 'attenuator') deviceOptions.push({ remove: d, index });
  });
  for (const spec of ctx.addable) {
    const helps = wantUp ? spec.type === 'booster' : spec.type === 'attenuator';
    if (!helps || ctx.source.kind !== 'mic' || ctx.devices.some((d) => d.spec.type === spec.type)) continue;
    // A booster that passes no 48 V starves a mic that needs it.
    if (micPowerNeeded && !spec.passesPhantom) continue;
    for (const g of spec.gainDb ?? []) deviceOptions.push({ add: spec, addGain: g });
  }
  const kinds = [{ kind: ctx.kind, spec: ctx.spec, shift: 0 }];
  if (ctx.source.kind !== 'mic' && ctx.fullScaleDbu !== null) {
    for (const o of ctx.otherKinds) {
      if (o.kind === 'mic' || o.kind === 'digital' || o.spec.maxInputDbu === null || ctx.spec.maxInputDbu === null) continue;
      // Full scale at minimum gain on each kind is its published maximum; the gain knob does the rest.
      kinds.push({ kind: o.kind, spec: o.spec, shift: o.spec.maxInputDbu - ctx.spec.maxInputDbu });
    }
  }
  for (const k of kinds) {
    for (const pad of k.kind === ctx.kind ? interfacePads : [0]) {
      for (const micPad of micPads) {
        for (const dev of deviceOptions) {
          const actions: PlanAction[] = [];
          let fixed = 0;
          if (k.kind !== ctx.kind) actions.push({ kind: 'use-input', inputKind: k.kind });
          if (pad !== ctx.padDb) actions.push({ kind: 'interface-pad', fromDb: ctx.padDb, toDb: pad });
          fixed -= pad - ctx.padDb;
          if (micPad !== ctx.micPadDb) actions.push({ kind: 'mic-pad', fromDb: ctx.micPadDb, toDb: micPad });
          fixed -= micPad - ctx.micPadDb;
          let needsPhantomOn = false;
          if (dev.remove) {
            actions.push({ kind: 'remove-device', device: dev.remove.spec, gainDb: dev.remove.gainDb, index: dev.index! });
            fixed -= dev.remove.gainDb;
          }
          if (dev.add) {
            actions.push({ kind: 'add-device', device: dev.add, gainDb: dev.addGain! });
            fixed += dev.addGain!;
            needsPhantomOn = dev.add.needsPhantom && !ctx.phantom;
          }
          out.push({
            actions,
            changes: actions.length + (needsPhantomOn ? 1 : 0),
            fixedDb: fixed,
            inputChangeDb: fixed,
            kind: k.kind,
            spec: k.spec,
            fullScaleShiftDb: k.shift,
            needsPhantomOn,
          });
        }
      }
    }
  }
  return out;
}

/**
 * The plan that changes the recorded level by `changeDb` with the fewest hardware changes (then the
 * smallest pad or booster); if none reaches it, the one that gets closest. `changeDb` is at the
 * converter, relative to today's settings.
 */
export function placeGain(ctx: PlacementContext, changeDb: number): GainPlan {
  if (ctx.float32 && (ctx.spec.maxInputDbu === null || ctx.preampInputDbu <= ctx.spec.maxInputDbu)) {
    // A float file keeps what is over 0 dBFS and the analog front end is fine: the level is set in the DAW.
    return { achievedDb: changeDb, actions: [{ kind: 'daw', gainDb: round1(changeDb) }], shortfall: null };
  }
  if (ctx.kind === 'digital')
    return {
      achievedDb: changeDb,
      actions: [{ kind: 'daw', gainDb: round1(changeDb) }],
      shortfall: 'a digital input has no gain of its own: change it on the external preamp',
    };
  let best: { c: Candidate; gain: number; achieved: number } | null = null;
  const score = (x: { c: Candidate; achieved: number }) => [
    Math.abs(x.achieved - changeDb) > EXACT_DB ? Math.abs(x.achieved - changeDb) : 0,
    x.c.changes,
    Math.abs(x.c.fixedDb),
  ];
  for (const c of candidates(ctx, changeDb > 0)) {
    // Front end: after the switches, the preamp input must stay under the kind's published maximum.
    const inputDbu = ctx.preampInputDbu + c.inputChangeDb;
    if (c.spec.maxInputDbu !== null && inputDbu > c.spec.maxInputDbu) continue;
    const [min, max] = c.spec.gainRangeDb ?? [-Infinity, Infinity];
    // Converter change = gain change + fixed change - full-scale shift.
    const wanted = ctx.gainDb + changeDb - c.fixedDb + c.fullScaleShiftDb;
    const gain = Math.min(max, Math.max(min, wanted));
    const achieved = gain - ctx.gainDb + c.fixedDb - c.fullScaleShiftDb;
    const cand = { c, gain, achieved };
    if (!best || compare(score(cand), score(best)) < 0) best = cand;
  }
  if (!best) {
    return { achievedDb: 0, actions: [], shortfall: 'every setting this hardware has overloads the input: move the mic back or use a less sensitive mic' };
  }
  const actions = [...best.c.actions];
  if (best.c.needsPhantomOn) actions.push({ kind: 'phantom-on' });
  const gain = round1(best.gain);
  if (Math.abs(gain - ctx.gainDb) > EXACT_DB / 2) actions.push({ kind: 'set-gain', fromDb: ctx.gainDb, toDb: gain });
  const achieved = round1(best.achieved);
  return { achievedDb: achieved, actions, shortfall: Math.abs(achieved - changeDb) > EXACT_DB ? shortfall(ctx, changeDb, achieved) : null };
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

function shortfall(ctx: PlacementContext, wanted: number, achieved: number): string {
  const left = round1(wanted - achieved);
  const range = ctx.spec.gainRangeDb;
  if (left > 0) {
    const closer = ctx.source.kind === 'mic' ? ', or move the mic closer (halving the distance adds about 6 dB)' : '';
    const booster = ctx.source.kind === 'mic' && needsPhantom(ctx.source.mic.type) ? '; inline boosters pass no 48 V to a condenser' : '';
    return `the hardware runs out of gain ${left.toFixed(1)} dB short${range ? ` (preamp maximum ${range[1]} dB)` : ''}${booster}: use a more sensitive mic${closer}`;
  }
  return `the hardware cannot take ${(-left).toFixed(1)} dB more off${range ? ` (preamp minimum ${range[0]} dB)` : ''}: move the mic back or use a less sensitive mic`;
}

const signed = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(round1(x))}`;

/** The plan as one sentence: "Engage the 10 dB pad and set the preamp to 19.2 dB (now 30 dB)." */
export function describePlan(plan: GainPlan, ctx: Pick<PlacementContext, 'gainDb' | 'spec'>): string {
  const parts: string[] = [];
  for (const a of plan.actions) {
    switch (a.kind) {
      case 'use-input':
        parts.push(`use a ${a.inputKind === 'line-fixed' ? 'fixed line' : a.inputKind} input`);
        break;
      case 'interface-pad':
        parts.push(a.toDb > 0 ? `engage the interface's ${a.toDb} dB pad` : `switch the interface's ${a.fromDb} dB pad off`);
        break;
      case 'mic-pad':
        parts.push(a.toDb > 0 ? `use the mic's −${a.toDb} dB pad` : `switch the mic's −${a.fromDb} dB pad off`);
        break;
      case 'add-device':
        parts.push(
          `add ${a.device.type === 'booster' ? 'an inline booster' : 'an inline attenuator'} (${a.device.name}, ${signed(a.gainDb)} dB${a.device.needsPhantom ? ', needs 48 V' : ''}${a.device.needsPhantom && !a.device.passesPhantom ? ', passes none on' : ''})`,
        );
        break;
      case 'remove-device':
        parts.push(`take the ${a.device.name} (${signed(a.gainDb)} dB) out`);
        break;
      case 'phantom-on':
        parts.push('turn 48 V on at the interface for it');
        break;
      case 'set-gain': {
        const range = ctx.spec.gainRangeDb;
        parts.push(`set the preamp to ${a.toDb} dB (now ${a.fromDb} dB${range ? `, range ${range[0]}–${range[1]} dB` : ''})`);
        break;
      }
      case 'daw':
        parts.push(`change it by ${signed(a.gainDb)} dB in the DAW`);
        break;
    }
  }
  if (parts.length === 0) return 'Keep the settings as they are.';
  const text = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}
