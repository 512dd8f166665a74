// Every Headroom setting, defined once: its type, range, default and description. package.json's
// `contributes.configuration` is generated from this (scripts/gen-manifest.ts; a unit test fails when
// they differ), the CLI's usage text quotes these defaults, the host reads through them
// (./read.ts), and the webview starts from them. Keys are relative to the `headroom.` section.

export interface SettingSchema {
  type: string | string[];
  default: unknown;
  items?: Record<string, unknown>;
  enum?: readonly string[];
  enumDescriptions?: readonly string[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  description?: string;
  markdownDescription?: string;
}

export interface SettingSpec {
  schema: SettingSchema;
  /**
   * Spends the machine's resources: in an untrusted workspace only the user's own value applies
   * (package.json lists it under restrictedConfigurations).
   */
  restricted?: boolean;
}

export const SETTINGS = {
  'targets.peakDbfs': {
    schema: {
      type: ['number', 'null'],
      default: -10,
      minimum: -60,
      maximum: 0,
      markdownDescription:
        "Where a take's peaks (true peak) should land (dBFS): the suggested gain aims here. `-10` leaves room for a louder passage while staying far above a 24-bit converter's noise. `null` for none (e.g. when aiming at a loudness target). A rig input's own targets and its material preset come first.",
    },
  },
  'targets.peakCeilingDbtp': {
    schema: {
      type: 'number',
      default: -1,
      maximum: 0,
      minimum: -30,
      markdownDescription: "True-peak ceiling (dBTP): no suggested gain pushes a take's true peak above it; takes above it are reported as *too hot*.",
    },
  },
  'targets.loudnessLufs': {
    schema: {
      type: ['number', 'null'],
      default: null,
      minimum: -70,
      maximum: 0,
      markdownDescription:
        'Integrated loudness target (LUFS), e.g. `-23` (EBU R128) or `-16`; `null` for none. With no peak target it is what the suggested gain aims at; otherwise it only limits it.',
    },
  },
  'targets.rmsDbfs': {
    schema: {
      type: ['number', 'null'],
      default: -18,
      minimum: -60,
      maximum: 0,
      markdownDescription:
        'Average (RMS) target (dBFS, plain convention: a full-scale sine reads −3.01); `-18` is about 0 VU at EBU R68 alignment. The suggested gain never lifts the average above it. `null` for none.',
    },
  },
  'clipping.threshold': {
    schema: {
      type: ['number', 'null'],
      default: null,
      exclusiveMinimum: 0,
      maximum: 1,
      markdownDescription:
        "Linear level counted as full scale when looking for clipping; `null` (default) for the format's own extremes: the most positive and most negative integer codes (16-bit +32767 and −32768, 8-bit 255 and 0, valid bits for 24-in-32 and 20-in-24), and ±(1 − 2⁻¹⁵) for float.",
    },
  },
  'clipping.minRun': {
    schema: {
      type: 'integer',
      default: 3,
      minimum: 1,
      markdownDescription: "Consecutive full-scale samples of the same sign that make a clipping run (3, as Audacity's *Find Clipping*).",
    },
  },
  'rms.convention': {
    schema: {
      type: 'string',
      enum: ['plain', 'aes17'],
      default: 'plain',
      enumDescriptions: ['A full-scale sine reads −3.01 dBFS (sox, ffmpeg).', 'AES17: +3.01 dB, so a full-scale sine reads 0 dBFS.'],
      description: 'RMS convention for every RMS figure.',
    },
  },
  converterReferenceDbu: {
    schema: {
      type: 'number',
      default: 18,
      minimum: 0,
      maximum: 30,
      markdownDescription:
        "For takes that belong to no rig input: the analog level shown for 0 dBFS (0 dBFS = +N dBu at the converter; EBU R68: 18, SMPTE RP155: 24). Takes on a rig input use the interface's published maximum input levels, or the rig's `converterReferenceDbu`.",
    },
  },
  'rig.recordTakeSettings': {
    schema: {
      type: 'boolean',
      default: true,
      markdownDescription:
        "When a take appears in the workspace (a recorder starts writing it) and a rig input's `takes` glob matches it, write the input's current settings (gain, pads, devices, 48 V) into the rig file's `recorded` section, so later advice judges the take by the settings it was made with. Not in untrusted workspaces.",
    },
  },
  'files.maxSizeMB': {
    schema: {
      type: 'number',
      default: 4096,
      exclusiveMinimum: 0,
      markdownDescription: 'Automatic analysis (workspace scan, file watcher) leaves files larger than this alone; opening one still analyses it.',
    },
    restricted: true,
  },
  'scan.include': {
    schema: {
      type: 'array',
      items: { type: 'string' },
      default: ['**/*.wav'],
      markdownDescription: 'Globs (relative to the workspace folder) of the takes Headroom scans and watches. `files.exclude` always applies.',
    },
    restricted: true,
  },
  'scan.exclude': {
    schema: {
      type: 'array',
      items: { type: 'string' },
      default: [],
      markdownDescription: 'Globs of files Headroom leaves out, in addition to `files.exclude`.',
    },
  },
  workers: {
    schema: {
      type: 'integer',
      default: 0,
      minimum: 0,
      maximum: 64,
      markdownDescription: 'Analysis worker threads; `0` means one per CPU core.',
    },
    restricted: true,
  },
  'diagnostics.severities': {
    schema: {
      type: 'array',
      items: { enum: ['error', 'warning', 'info'] },
      default: ['error', 'warning', 'info'],
      description: 'Which finding severities appear in the Problems panel.',
    },
  },
  'takeEditor.clickToPlay': {
    schema: {
      type: 'boolean',
      default: true,
      markdownDescription:
        'In the take editor, a click on the waveform or on a finding plays from there, as in an audio editor. Off: the click only moves the playhead (Space plays).',
    },
  },
  'sourceHints.enabled': {
    schema: {
      type: 'boolean',
      default: true,
      markdownDescription:
        'In source code of any language, a string naming a take (`"takes/kick.wav"`, resolved from the file\'s folder, then the workspace folders) gets a hover with its key figures and a CodeLens with its peak and loudness.',
    },
  },
} as const satisfies Record<string, SettingSpec>;

export type SettingKey = keyof typeof SETTINGS;

/** A setting's default, typed as declared. */
export function settingDefault<K extends SettingKey>(key: K): (typeof SETTINGS)[K]['schema']['default'] {
  return SETTINGS[key].schema.default;
}

/** The keys of the settings an untrusted workspace cannot set. */
export const RESTRICTED_SETTINGS = (Object.keys(SETTINGS) as SettingKey[]).filter((k) => (SETTINGS[k] as SettingSpec).restricted === true);

/** What package.json declares: `contributes.configuration` and the restricted settings' full names. */
export function manifestConfiguration(): { configuration: { title: string; properties: Record<string, SettingSchema> }; restrictedConfigurations: string[] } {
  const properties: Record<string, SettingSchema> = {};
  for (const key of Object.keys(SETTINGS) as SettingKey[]) properties[`headroom.${key}`] = SETTINGS[key].schema as SettingSchema;
  return { configuration: { title: 'Headroom', properties }, restrictedConfigurations: RESTRICTED_SETTINGS.map((k) => `headroom.${k}`) };
}
