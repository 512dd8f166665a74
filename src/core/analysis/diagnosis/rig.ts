// Wires the chain diagnosis to a rig input: the two facts chain.ts needs, read from the gain-staging
// model, so that how the model computes them stays its own business.

import { evaluateInput } from '../../gainstage/checks';
import type { Rig, RigInput } from '../../gainstage/rig';
import { reconcileDiagnosis, type ChainDiagnosis, type ChainFacts } from './chain';
import type { Diagnosis } from './types';

export function chainFacts(rig: Rig, input: RigInput): ChainFacts {
  const chain = evaluateInput(rig, input);
  // The converter's alignment is the dBu that reads 0 dBFS at its input, for every input of the interface.
  return { fullScaleDbu: rig.converterReferenceDbu, predictedNoiseFloorDbfs: chain.noSignal === null ? chain.noiseFloorDbfs : null };
}

export function rigDiagnosis(rig: Rig, input: RigInput, diagnosis: readonly Diagnosis[]): ChainDiagnosis[] {
  return reconcileDiagnosis(diagnosis, chainFacts(rig, input));
}
