// Findings -> Problems-panel entries, kept free of `vscode` so the mapping is tested in plain Node.

import { formatSuggestedGain } from '../core/gainstage/suggest';
import { formatDb, formatTime } from '../core/format';
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
  const o = result.overall;
  return `peak ${formatDb(o.samplePeakDbfs, 'dBFS')}, true peak ${formatDb(o.truePeakDbtp, 'dBTP')}, ${formatDb(result.loudness.integratedLufs, 'LUFS')}, suggested gain ${formatSuggestedGain(result.suggestedGain)}`;
}
