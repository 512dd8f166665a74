// Which catalogue interfaces meet a studio's requirements, best first, and why each other one does not.

import { listInterfaces, type CatalogueInterface } from './catalogue';
import type { RigRequirements } from './rig';

export interface InterfaceFit {
  id: string;
  name: string;
  fits: boolean;
  /** Every requirement the interface misses (empty when it fits), e.g. "2 headphone outputs needed, has 1". */
  reasons: string[];
  /** See `unusedFeatures`. */
  unusedFeatures: number;
  einDbu: number | null;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Features bought but not needed: surplus inputs (beyond simultaneousInputs) + surplus phantom
 * channels (beyond phantomChannels) + surplus monitor pairs (beyond monitorSets) + surplus headphone
 * outputs (beyond headphoneOutputs) + surplus MIDI inputs and outputs (beyond midiIn, midiOut). A
 * requirement not stated counts as 0 needed; a shortfall counts 0, not negative.
 */
export function unusedFeatures(req: RigRequirements, i: CatalogueInterface): number {
  const surplus = (have: number, need: number | undefined) => Math.max(0, have - (need ?? 0));
  return (
    surplus(i.inputs, req.simultaneousInputs) +
    surplus(i.phantom.channels, req.phantomChannels) +
    surplus(i.monitorPairs, req.monitorSets) +
    surplus(i.headphoneOutputs, req.headphoneOutputs) +
    surplus(i.midi.in, req.midiIn) +
    surplus(i.midi.out, req.midiOut)
  );
}

/** Every requirement the interface misses; a requirement on an unpublished value is missed too. */
export function missedRequirements(req: RigRequirements, i: CatalogueInterface): string[] {
  const reasons: string[] = [];
  const count = (want: number | undefined, have: number, one: string, many: string) => {
    if (want !== undefined && want > have) reasons.push(`${plural(want, one, many)} needed, has ${have}`);
  };
  count(req.simultaneousInputs, i.inputs, 'input recorded at once', 'inputs recorded at once');
  count(req.micPreamps, i.micPreamps, 'mic preamp', 'mic preamps');
  count(req.phantomChannels, i.phantom.channels, 'channel with 48 V phantom power', 'channels with 48 V phantom power');
  count(req.monitorSets, i.monitorPairs, 'monitor set', 'monitor sets');
  count(req.headphoneOutputs, i.headphoneOutputs, 'headphone output', 'headphone outputs');
  count(req.midiIn, i.midi.in, 'MIDI input', 'MIDI inputs');
  count(req.midiOut, i.midi.out, 'MIDI output', 'MIDI outputs');
  if (req.maxEinDbu !== undefined) {
    if (i.einDbu === null) reasons.push('EIN not published');
    else if (i.einDbu > req.maxEinDbu) reasons.push(`EIN of ${req.maxEinDbu} dBu or lower needed, has ${i.einDbu} dBu`);
  }
  if (req.sampleRateHz !== undefined) {
    if (i.sampleRates === null) reasons.push('sample rates not published');
    else if (!i.sampleRates.includes(req.sampleRateHz)) reasons.push(`${req.sampleRateHz} Hz needed, runs at ${i.sampleRates.join(', ')} Hz`);
  }
  return reasons;
}

/**
 * Every interface, ranked: those that fit first, by fewest unused features, then lowest EIN (an
 * unpublished EIN last), then name; then those that do not fit, by fewest missed requirements and
 * the same order after that.
 */
export function recommendInterfaces(requirements: RigRequirements, interfaces: CatalogueInterface[] = listInterfaces()): InterfaceFit[] {
  const fits = interfaces.map((i): InterfaceFit => {
    const reasons = missedRequirements(requirements, i);
    return { id: i.id, name: i.name, fits: reasons.length === 0, reasons, unusedFeatures: unusedFeatures(requirements, i), einDbu: i.einDbu };
  });
  return fits.sort(
    (a, b) =>
      Number(b.fits) - Number(a.fits) ||
      a.reasons.length - b.reasons.length ||
      a.unusedFeatures - b.unusedFeatures ||
      (a.einDbu ?? Infinity) - (b.einDbu ?? Infinity) ||
      a.name.localeCompare(b.name, 'en'),
  );
}
