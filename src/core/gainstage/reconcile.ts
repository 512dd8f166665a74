// A measured take against the chain it was recorded through: which input it belongs to, what source
// level it implies, and the suggested gain turned into advice in the right place — preamp, pad,
// booster, or the DAW.

import picomatch from 'picomatch';
import { gainBounds } from './chain';
import { evaluateInput } from './checks';
import type { Rig, RigInput } from './rig';
import type { TakeReport } from '../report';

export interface ChainAdvice {
  severity: 'error' | 'warning' | 'info';
  code: 'preamp-gain' | 'engage-pad' | 'booster' | 'daw-gain' | 'on-target' | 'implied-source-level';
  message: string;
}

/** Takes globs may not leave the rig's folder: a rig file must never point Headroom elsewhere. */
export function isSafeGlob(glob: string): boolean {
  return !glob.startsWith('/') && !/^[a-zA-Z]:/.test(glob) && !glob.split(/[\\/]/).includes('..');
}

/** The input whose takes glob matches a take, given the take's path relative to the rig's folder. */
export function matchTakeToInput(rig: Rig, takeRelativePath: string): RigInput | undefined {
  const rel = takeRelativePath.split('\\').join('/');
  if (rel.startsWith('../')) return undefined;
  return rig.inputs.find((i) => i.takes !== undefined && isSafeGlob(i.takes) && picomatch(i.takes, { nocase: true })(rel));
}

const r1 = (x: number) => Math.round(x * 10) / 10;
const signed = (x: number) => `${x >= 0 ? '+' : ''}${r1(x)}`;

export function reconcileTake(rig: Rig, input: RigInput, report: TakeReport): ChainAdvice[] {
  const advice: ChainAdvice[] = [];
  const chain = evaluateInput(rig, input);
  // An unpublished gain range limits nothing: the advice then names no range and no booster.
  const [minGain, maxGain] = gainBounds(rig.interface.gainRangeDb);
  const range = rig.interface.gainRangeDb ? `, range ${minGain}–${maxGain} dB` : '';
  const label = `input "${input.name}"`;
  const measuredPeak = report.overall.truePeakDbtp ?? report.overall.samplePeakDbfs;
  if (measuredPeak === null) return advice;

  // The take's level, referred back through the chain, is the level the source really had.
  const offset = measuredPeak - chain.recordedPeakDbfs;
  const src = input.source;
  if (report.overall.clippedSamples === 0) {
    const implied = src.kind === 'mic' ? `${r1(src.peakSplDb + offset)} dB SPL (the rig expects ${src.peakSplDb})` : `${r1(src.peakDbu + offset)} dBu (the rig expects ${src.peakDbu})`;
    advice.push({ severity: 'info', code: 'implied-source-level', message: `The take peaks at ${r1(measuredPeak)} dBFS: the source on ${label} peaked at about ${implied}.` });
  }

  const overs = report.channels.reduce((n, c) => n + c.overFullScaleSamples, 0);
  if (report.overall.clippedSamples > 0) {
    // A clipped take says only that the level was too high, not by how much: aim for the target
    // with the margin a flat top hides (at least 6 dB).
    const cut = Math.max(6, measuredPeak - rig.targets.peakDbfs);
    const pin = chain.stages.find((s) => s.stage === 'preamp-input')!;
    if (pin.headroomDb !== null && pin.headroomDb < 6) {
      advice.push({ severity: 'error', code: 'engage-pad', message: `The take clipped and ${label}'s preamp input has only ${r1(pin.headroomDb)} dB of headroom at the expected level: engage a pad rather than only lowering the gain.` });
    } else {
      const next = input.preampGainDb - cut;
      advice.push(
        next >= minGain
          ? { severity: 'error', code: 'preamp-gain', message: `The converter clipped: lower ${label} preamp gain by at least ${r1(cut)} dB (now ${input.preampGainDb} dB${range}). The DAW cannot repair clipped samples.` }
          : { severity: 'error', code: 'engage-pad', message: `The converter clipped and ${label} would need ${r1(next)} dB of gain, below the preamp's minimum (${minGain} dB): engage a pad.` },
      );
    }
    return advice;
  }
  if (overs > 0 && report.format.encoding === 'float') {
    const over = report.overall.samplePeakDbfs ?? 0;
    advice.push({ severity: 'warning', code: 'daw-gain', message: `The converter did not clip, but the file goes ${r1(over)} dB over full scale: lower the gain in the DAW by at least ${r1(over - rig.targets.peakDbfs)} dB before export.` });
    return advice;
  }
  const gain = report.suggestedGainDb;
  if (gain === null || Math.abs(gain) < 1) {
    advice.push({ severity: 'info', code: 'on-target', message: `Levels on ${label} are on target: keep the preamp at ${input.preampGainDb} dB.` });
    return advice;
  }
  const next = input.preampGainDb + gain;
  if (next > maxGain) {
    const boost = next - maxGain;
    advice.push({
      severity: 'warning',
      code: 'booster',
      message: input.preampGainDb >= maxGain
        ? `The preamp on ${label} is at maximum (${maxGain} dB) and the take is still ${r1(gain)} dB short: use an inline booster (about +${Math.max(1, Math.round(boost))} dB) or move the mic closer.`
        : `Raise ${label} preamp gain to its maximum (${maxGain} dB, now ${input.preampGainDb} dB) and add an inline booster of about +${Math.max(1, Math.round(boost))} dB, or move the mic closer.`,
    });
  } else if (next < minGain) {
    advice.push({ severity: 'warning', code: 'engage-pad', message: `${label} needs ${r1(next)} dB of gain, below the preamp's minimum (${minGain} dB): engage a pad of at least ${Math.ceil(minGain - next)} dB.` });
  } else {
    advice.push({
      severity: 'info',
      code: 'preamp-gain',
      message: `${gain > 0 ? 'Raise' : 'Lower'} ${label} preamp gain by ${r1(Math.abs(gain))} dB (now ${input.preampGainDb} dB${range}): ${signed(gain)} dB puts the take on target.`,
    });
  }
  return advice;
}
