// Everything the rig diagram panel and the export show for one rig file, computed from its text:
// the SVG, the requirement lines, the ranked interfaces, and how many problems the rig check finds.

import { adviseRig, checkRig } from '../gainstage/checks';
import { inputsToFit, recommendInterfaces, type InterfaceFit } from '../gainstage/recommend';
import { DEFAULT_TARGETS, type LevelTargets } from '../gainstage/targets';
import type { RigDocument, RigRequirements } from '../gainstage/rig';
import { requirementLines, rigDiagramSvg, type RequirementLine } from './rigDiagram';

export type RigView =
  | {
      ok: true;
      title: string;
      interfaceName: string;
      svg: string;
      requirements: RequirementLine[];
      fits: InterfaceFit[];
      /** Every problem the rig check finds, by severity: the panel's header counts them all. */
      problems: { errors: number; warnings: number; infos: number };
    }
  | { ok: false; title: string; message: string };

/** The session's needs: the stated requirements raised to what the inputs use. */
export const rigNeeds = (doc: RigDocument): RigRequirements => doc.needs ?? doc.rig?.requirements ?? {};

/**
 * With `style` (media/diagram.css): an exported file, whose SVG carries its colours and the
 * requirements check. Without: the webview, which links the stylesheet and lists the check beside it.
 * `maxWidth`: the room the panel has (the diagram stacks its chains to fit it).
 */
export function rigView(doc: RigDocument, fileLabel: string, style?: string, targets: LevelTargets = DEFAULT_TARGETS, maxWidth?: number): RigView {
  const standalone = style !== undefined;
  const rig = doc.rig;
  if (!rig) {
    const first = doc.problems.find((p) => p.severity === 'error');
    return { ok: false, title: fileLabel, message: `${fileLabel} does not describe a rig yet${first ? `: ${first.message}` : '.'}` };
  }
  const needs = rigNeeds(doc);
  const fits = recommendInterfaces(needs, inputsToFit(doc, targets));
  // Each input's advice once, for the diagram and for the problem count.
  const advice = adviseRig(rig, targets);
  const problems = checkRig(doc, advice, targets);
  const requirements = requirementLines(rig, needs);
  return {
    ok: true,
    title: rig.name,
    interfaceName: rig.interface.name,
    svg: rigDiagramSvg(
      rig,
      rig.inputs.map((input, i) => ({ input, chain: advice[i]!.evaluation })),
      fits,
      { style, checks: standalone, needs, requirements, maxWidth },
    ),
    requirements,
    fits,
    problems: {
      errors: problems.filter((p) => p.severity === 'error').length,
      warnings: problems.filter((p) => p.severity === 'warning').length,
      infos: problems.filter((p) => p.severity === 'info').length,
    },
  };
}
