// Level targets and where each comes from. An input's own targets win, then its material's preset,
// then the rig's, then the settings' (the CLI's options), so a take is always judged by one set.

import { settingDefault } from '../settings/schema';
import { findMaterial } from './catalogue';
import type { MaterialId } from './types';

export interface LevelTargets {
  /** Where peaks (true peak where measured) should land, dBFS; null for none. */
  peakDbfs: number | null;
  /** Where the average (RMS, plain convention) should land, dBFS; null for none. */
  averageDbfs: number | null;
  /** Integrated loudness target, LUFS; null for none. */
  loudnessLufs: number | null;
  /** No suggestion pushes true peak above this (dBTP). */
  ceilingDbtp: number;
}

/**
 * The settings' defaults (core/settings/schema.ts): peaks at -10 dBFS (room for a louder passage than the one measured, far
 * above the converter's noise at 24 bits), the average at -18 dBFS (0 VU at EBU R68 alignment),
 * no loudness target, and a -1 dBTP ceiling (EBU R128's maximum true peak).
 */
export const DEFAULT_TARGETS: Readonly<LevelTargets> = {
  peakDbfs: settingDefault('targets.peakDbfs'),
  averageDbfs: settingDefault('targets.rmsDbfs'),
  loudnessLufs: settingDefault('targets.loudnessLufs'),
  ceilingDbtp: settingDefault('targets.peakCeilingDbtp'),
};

export type TargetOrigin = 'input' | 'material' | 'rig' | 'settings';

export interface ResolvedTarget {
  valueDb: number;
  origin: TargetOrigin;
}

export interface ResolvedTargets {
  peak: ResolvedTarget | null;
  average: ResolvedTarget | null;
  loudness: ResolvedTarget | null;
  ceilingDbtp: number;
  material: MaterialId | null;
}

export interface TargetLayers {
  input?: Partial<Pick<LevelTargets, 'peakDbfs' | 'averageDbfs'>>;
  material?: MaterialId | null;
  rig?: Partial<Pick<LevelTargets, 'peakDbfs' | 'averageDbfs'>>;
  settings: LevelTargets;
}

export function resolveTargets(layers: TargetLayers): ResolvedTargets {
  const preset = layers.material ? findMaterial(layers.material).target : undefined;
  const pick = (key: 'peakDbfs' | 'averageDbfs'): ResolvedTarget | null => {
    const candidates: [number | null | undefined, TargetOrigin][] = [
      [layers.input?.[key], 'input'],
      [preset?.[key], 'material'],
      [layers.rig?.[key], 'rig'],
      [layers.settings[key], 'settings'],
    ];
    for (const [v, origin] of candidates) {
      // A null the user wrote (a target turned off) ends the search; a preset's null only means it
      // recommends nothing for that figure.
      if (v === null && origin !== 'material') return null;
      if (typeof v === 'number') return { valueDb: v, origin };
    }
    return null;
  };
  return {
    peak: pick('peakDbfs'),
    average: pick('averageDbfs'),
    loudness: layers.settings.loudnessLufs === null ? null : { valueDb: layers.settings.loudnessLufs, origin: 'settings' },
    ceilingDbtp: layers.settings.ceilingDbtp,
    material: layers.material ?? null,
  };
}

const ORIGIN_WORDS: Record<TargetOrigin, string> = { input: "the input's", material: 'the', rig: "the rig's", settings: 'the' };

/** "the −10 dBFS peak target (drums preset)", "the rig's −18 dBFS average target". */
export function describeTarget(kind: 'peak' | 'average' | 'loudness', t: ResolvedTarget, material: MaterialId | null): string {
  const unit = kind === 'loudness' ? 'LUFS' : 'dBFS';
  const value = `${t.valueDb < 0 ? '−' : ''}${Math.abs(t.valueDb)} ${unit}`;
  if (t.origin === 'material' && material) return `the ${value} ${kind} target (${findMaterial(material).label.toLowerCase()} preset)`;
  return `${ORIGIN_WORDS[t.origin]} ${value} ${kind} target`.trim();
}
