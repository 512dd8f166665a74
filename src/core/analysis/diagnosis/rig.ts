// Wires the chain diagnosis to a rig input: the two facts chain.ts needs, read from the gain-staging
// model at the settings the take was recorded with, so that how the model computes them stays its
// own business.

import type { ChainSettings } from '../../gainstage/chain';
import { evaluateInput } from '../../gainstage/evaluate';
import type { Rig, RigInput } from '../../gainstage/rig';
import { reconcileDiagnosis, type ChainDiagnosis, type ChainFacts } from './chain';
import type { Diagnosis } from './codes';

export function chainFacts(rig: Rig, input: RigInput, settings: ChainSettings = input.settings): ChainFacts {
  const chain = evaluateInput(rig, input, settings);
  // The converter's input is the preamp's output: the dBu there that reads 0 dBFS.
  const converterInput = chain.stages.find((s) => s.stage === 'preamp-output');
  return { fullScaleDbu: converterInput?.fullScaleDbu ?? null, predictedNoiseFloorDbfs: chain.noSignal === null ? chain.noiseFloorDbfs : null };
}

export function rigDiagnosis(rig: Rig, input: RigInput, diagnosis: readonly Diagnosis[], settings?: ChainSettings): ChainDiagnosis[] {
  return reconcileDiagnosis(diagnosis, chainFacts(rig, input, settings));
}
