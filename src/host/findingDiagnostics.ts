// Findings -> Problems-panel entries, kept free of `vscode` so the mapping is tested in plain Node.

import { formatSuggestedGain } from '../core/gainstage/suggest';
import { formatTime } from '../core/format';
import { isFailed, type Severity, type TakeResult } from '../core/report';

export interface DiagnosticRecord {
  severity: Severity;
  code: string;
  message: string;
}

/** Severities shown, most severe first; a finding below the lowest shown is dropped. */
export function takeDiagnostics(result: TakeResult, show: ReadonlySet<Severity>): DiagnosticRecord[] {
  if (isFailed(result)) return show.has('error') ? [{ severity: 'error', code: result.error.code, message: result.error.message }] : [];
  return result.findings
    .filter((f) => show.has(f.severity))
    .map((f) => ({
      severity: f.severity,
      code: f.code,
      // Problems entries of a binary file have no line to point at: the time is the location.
      message: f.startSeconds !== undefined && !f.message.includes(formatTime(f.startSeconds)) ? `[${formatTime(f.startSeconds)}] ${f.message}` : f.message,
    }));
}

/** One line for notifications and the status of a take. */
export function takeSummary(result: TakeResult): string {
  if (isFailed(result)) return `unreadable: ${result.error.message}`;
  const db = (v: number | null, unit: string) => (v === null ? `-∞ ${unit}` : `${v.toFixed(1)} ${unit}`);
  const gain = formatSuggestedGain(result.suggestedGain);
  return `peak ${db(result.overall.samplePeakDbfs, 'dBFS')}, true peak ${db(result.overall.truePeakDbtp, 'dBTP')}, ${db(result.loudness.integratedLufs, 'LUFS')}, suggested gain ${gain}`;
}
