// A measured take joined with the rig input it was recorded through: the rig's advice replaces the
// settings-only suggestion, so the take editor, the findings, the Problems panel, the CLI and the
// reports all show the rig-aware number.

import { findNodeAtLocation, getNodeValue } from 'jsonc-parser';
import picomatch from 'picomatch';
import { sortFindings } from '../findings';
import { gainFindings } from '../findings/gain';
import type { TakeReport } from '../report';
import { adviseTake, type TakeAdvice } from './advice';
import { suggestGain, takeReading } from './suggest';
import { isSafeGlob, type Rig, type RigDocument, type RigFix, type RigInput, type TakeRecord } from './rig';
import { resolveTargets, type LevelTargets } from './targets';
import { rigDiagnosis } from '../analysis/diagnosis/rig';

const normalise = (p: string) => p.split('\\').join('/');

/** The input whose takes glob matches a take, given the take's path relative to the rig's folder. */
export function matchTakeToInput(rig: Rig, takeRelativePath: string): RigInput | undefined {
  const rel = normalise(takeRelativePath);
  if (rel.startsWith('../')) return undefined;
  const record = recordOf(rig, rel);
  if (record) return rig.inputs.find((i) => i.id === record.input);
  return rig.inputs.find((i) => i.takes !== undefined && isSafeGlob(i.takes) && picomatch(i.takes, { nocase: true })(rel));
}

/** The record of the settings a take was recorded with, if the rig has one. */
export function recordOf(rig: Rig, takeRelativePath: string): TakeRecord | undefined {
  const rel = normalise(takeRelativePath).toLowerCase();
  return rig.recorded.find((r) => r.take.toLowerCase() === rel);
}

/** The rig part of a take report. */
export type TakeRigAdvice = NonNullable<TakeReport['rig']>;

/** The take's report with the rig's advice: the rig-aware suggested gain and the gain findings quoting it. */
export function withRigAdvice(
  report: TakeReport,
  rigFile: string,
  rig: Rig,
  input: RigInput,
  takeRelativePath: string,
  settingsTargets: LevelTargets,
): { report: TakeReport; advice: TakeAdvice } {
  const advice = adviseTake(rig, input, recordOf(rig, takeRelativePath), report, settingsTargets);
  const findings = sortFindings([
    ...report.findings.filter((f) => f.code !== 'too-hot' && f.code !== 'too-quiet'),
    ...gainFindings(report, advice.suggested, advice.targets),
  ]);
  return {
    report: {
      ...report,
      suggestedGain: advice.suggested,
      findings,
      rig: {
        file: rigFile,
        input: input.id,
        advice: advice.lines,
        action: advice.action,
        recorded: { fromRecord: advice.recorded.fromRecord, changedSince: advice.recorded.changedSince, changeSinceDb: advice.changeSinceDb },
        // The chain diagnosis read against this input's chain as the take was recorded.
        diagnosis: rigDiagnosis(rig, input, report.diagnosis, advice.recorded.settings),
      },
    },
    advice,
  };
}

/** The report as it stands without a rig: the suggested gain and gain findings from the settings' targets alone. */
export function withSettingsAdvice<T extends Omit<TakeReport, 'suggestedGain'>>(
  report: T,
  settingsTargets: LevelTargets,
): Omit<T, 'rig'> & Pick<TakeReport, 'suggestedGain'> {
  const { rig: _rig, ...rest } = report;
  const targets = resolveTargets({ settings: settingsTargets });
  const suggestedGain = suggestGain(takeReading(report), targets);
  return {
    ...rest,
    suggestedGain,
    findings: sortFindings([...report.findings.filter((f) => f.code !== 'too-hot' && f.code !== 'too-quiet'), ...gainFindings(report, suggestedGain, targets)]),
  };
}

/**
 * The quick fix that records, in the rig file, the settings a take is being recorded with: today's
 * settings of its input, as the file writes them (devices copied as written), with the time.
 */
export function takeRecordFix(doc: RigDocument, input: RigInput, takeRelativePath: string, at: string): RigFix {
  const s = input.settings;
  const raw = (key: string) => {
    const node = doc.root && findNodeAtLocation(doc.root, [...input.path, key]);
    return node ? getNodeValue(node) : undefined;
  };
  const devices = raw('devices');
  const record = {
    input: input.id,
    inputType: s.kind,
    preampGainDb: s.gainDb,
    padDb: s.padDb,
    ...(s.micPadDb > 0 ? { micPadDb: s.micPadDb } : {}),
    phantom: s.phantom,
    ...(devices !== undefined ? { devices } : {}),
    at,
  };
  const take = normalise(takeRelativePath);
  return { description: `Record the settings "${take}" was made with`, changes: [{ path: ['recorded', take], value: record }] };
}
