// The vocabulary of the gain-staging model, shared by the catalogue, rig files, the chain model and
// the advice. Kept apart so none of those modules has to import another for its types.

/**
 * What an interface input takes: `mic` (XLR into a preamp), `line` (line level through the same
 * gain control), `line-fixed` (line input without gain control), `instrument` (Hi-Z), `digital`
 * (ADAT, S/PDIF, AES: needs an external preamp and converter).
 */
export type InputKind = 'mic' | 'line' | 'line-fixed' | 'instrument' | 'digital';
export const INPUT_KINDS: readonly InputKind[] = ['mic', 'line', 'line-fixed', 'instrument', 'digital'];

/** One input kind's published figures. Null: not published. */
export interface KindSpec {
  /** [min, max] dB; [0, 0] for inputs without gain control. */
  gainRangeDb: [number, number] | null;
  /** Largest level before clipping, at minimum gain with no pad (dBu). */
  maxInputDbu: number | null;
  /** Equivalent input noise (dBu); mic inputs only. */
  einDbu: number | null;
  /** Published dynamic range of this input kind (dB, usually A-weighted). */
  dynamicRangeDb: number | null;
}

/** A run of numbered inputs that take the same kinds and have the same pad. */
export interface InputGroup {
  first: number;
  last: number;
  kinds: InputKind[];
  /** null: no pad; { db: null }: a pad whose value is not published. */
  pad: { db: number | null } | null;
}

/**
 * Phantom power on mic inputs 1..channels: a switch per channel, one switch for all, or one switch
 * per group of `groupSize` consecutive inputs (e.g. inputs 1-4 and 5-8).
 */
export type PhantomSpec =
  { switching: 'per-channel'; channels: number } | { switching: 'global'; channels: number } | { switching: 'groups'; channels: number; groupSize: number };

export interface InterfaceSpec {
  name: string;
  /** Set when the interface came from the catalogue. */
  catalogueId?: string;
  category: 'interface' | 'recorder';
  /** Records 32-bit float: the file never clips, the analog front end still does. */
  float32: boolean;
  inputs: InputGroup[];
  kinds: Partial<Record<InputKind, KindSpec>>;
  phantom: PhantomSpec | null;
  /** Panel counts; null when not published. */
  lineOutputs: number | null;
  monitorPairs: number | null;
  headphoneOutputs: number | null;
  midi: { in: number; out: number } | null;
  /** Supported sample rates (Hz); null when not published. */
  sampleRates: number[] | null;
  /**
   * Fields no document publishes ("inputs", "phantom", "pads", "kinds.mic.einDbu", "lineOutputs", ...):
   * the checks that need them say so instead of assuming a value.
   */
  unpublished: string[];
}

export type MicType = 'dynamic' | 'condenser' | 'ribbon' | 'active-ribbon';
export const MIC_TYPES: readonly MicType[] = ['dynamic', 'condenser', 'ribbon', 'active-ribbon'];

/** A mic's own pad switch; `maxSplDb` is the maximum SPL with it engaged, null if not published. */
export interface MicPad {
  db: number;
  maxSplDb: number | null;
}

export interface MicSpec {
  name: string;
  catalogueId?: string;
  type: MicType;
  /** dBV/Pa (e.g. -54.5 for a Shure SM58). */
  sensitivityDbvPa: number;
  /** SPL at the rated distortion, pad off; null when not published. */
  maxSplDb: number | null;
  /** Self-noise, dB SPL A-weighted; null for dynamics and passive ribbons or when not published. */
  selfNoiseDbA: number | null;
  /** The mic's own pads; [] when it has none, null when that is not published. */
  pads: MicPad[] | null;
}

export type DeviceType = 'booster' | 'attenuator' | 'di' | 'preamp';
export const DEVICE_TYPES: readonly DeviceType[] = ['booster', 'attenuator', 'di', 'preamp'];

/** An inline device between the source and the interface: booster, XLR pad, DI box, external preamp. */
export interface DeviceSpec {
  name: string;
  catalogueId?: string;
  type: DeviceType;
  /** Selectable fixed gains (dB; negative attenuates), or null for a continuous range. */
  gainDb: number[] | null;
  /** [min, max] for continuously variable devices (external preamps). */
  gainRangeDb: [number, number] | null;
  /** Draws 48 V from the interface input to work. */
  needsPhantom: boolean;
  /** Passes 48 V on to what is plugged into it. */
  passesPhantom: boolean;
  input: 'mic' | 'line' | 'instrument';
  /** What it feeds: a mic input or a line input. */
  output: 'mic' | 'line';
  maxInputDbu: number | null;
  maxOutputDbu: number | null;
  einDbu: number | null;
}

/** A device in one input's chain, at the gain it is set to. */
export interface ChainDevice {
  spec: DeviceSpec;
  gainDb: number;
}

/** Material presets: they choose the targets and the plausible source levels. */
export type MaterialId = 'speech' | 'sung-vocal' | 'drums' | 'acoustic-instrument' | 'di-line' | 'field-ambience';
export const MATERIALS: readonly MaterialId[] = ['speech', 'sung-vocal', 'drums', 'acoustic-instrument', 'di-line', 'field-ambience'];

/**
 * How the dBu that reads 0 dBFS is known: from the maker's published maximum input level
 * (`published`), from the rig's `converterReferenceDbu` (`override`), from the
 * `headroom.converterReferenceDbu` setting (`setting`), or from its default, EBU R68 (`assumed`).
 */
export type FullScaleBasis = 'published' | 'override' | 'setting' | 'assumed';

/** One line of gain advice, as every surface shows it. */
export interface AdviceLine {
  severity: 'error' | 'warning' | 'info';
  code: AdviceCode;
  message: string;
}

export type AdviceCode =
  | 'set-gain'
  | 'on-target'
  | 'daw-gain'
  | 'clipped'
  | 'out-of-reach'
  | 'check-chain'
  | 'implied-source-level'
  | 'recorded-settings'
  | 'unknown-level'
  | 'no-signal';
