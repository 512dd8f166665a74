// A rig input's chain as the model evaluates it: the input's source through its settings (today's,
// or the ones a take was recorded with) into the interface's published figures for that input kind.

import { evaluateChain, type ChainEvaluation, type ChainInput, type ChainSettings } from './chain';
import { kindSpecOf, type Rig, type RigInput } from './rig';

export function chainInput(rig: Rig, input: RigInput, settings: ChainSettings = input.settings): ChainInput {
  return {
    source: input.source,
    settings,
    spec: kindSpecOf(rig.interface, settings.kind),
    float32: rig.interface.float32,
    referenceDbu: rig.converterReferenceDbu === null ? null : { dbu: rig.converterReferenceDbu, basis: 'override' },
    maxNoiseFloorDbfs: rig.targets.maxNoiseFloorDbfs,
  };
}

export const evaluateInput = (rig: Rig, input: RigInput, settings: ChainSettings = input.settings): ChainEvaluation =>
  evaluateChain(chainInput(rig, input, settings));
