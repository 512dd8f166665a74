// Findings -> Problems-panel entries, kept free of `vscode` so the mapping is tested in plain Node.

import { deadChannelLabels } from '../core/channels';
import { formatDb, formatTime } from '../core/format';
import { formatSuggestedGain } from '../core/gainstage/suggest';
import { isFailed, type Severity, type TakeResult } from '../core/report';

export interface DiagnosticRecord {
  severity: Severity;
  code: string;
  message: string;
  /** Where a timed finding starts and how long it lasts: its entry links to the take editor there. */
  at?: TakeTime;
}

export interface TakeTime {
  seconds: number;
  durationSeconds: number;
}

export const OPEN_TAKE_AT_COMMAND = 'headroom.openTakeAt';

/**
 * A command link that opens a take in the take editor at a time (the Problems panel's link on a
 * finding's code): a binary file has no line and column to go to.
 */
export function openTakeAtLink(take: string, at: TakeTime): string {
  return `command:${OPEN_TAKE_AT_COMMAND}?${encodeURIComponent(JSON.stringify([take, at.seconds, at.durationSeconds]))}`;
}

/** The arguments of headroom.openTakeAt as a link (or a caller) gives them: a take's path, a time and a duration. */
export function openTakeAtArgs(args: readonly unknown[]): { take: string; at: TakeTime } | undefined {
  const [take, seconds, duration = 0] = args;
  if (typeof take !== 'string' || !/\.wav$/i.test(take)) return undefined;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return undefined;
  if (typeof duration !== 'number' || !Number.isFinite(duration) || duration < 0) return undefined;
  return { take, at: { seconds, durationSeconds: duration } };
}

/** Severities shown, most severe first; a finding below the lowest shown is dropped. */
export function takeDiagnostics(result: TakeResult, show: ReadonlySet<Severity>): DiagnosticRecord[] {
  if (isFailed(result)) return show.has('error') ? [{ severity: 'error', code: result.error.code, message: result.error.message }] : [];
  return result.findings
    .filter((f) => show.has(f.severity))
    .map((f) => {
      // Problems entries of a binary file have no line to point at: the time is the location.
      if (f.startSeconds === undefined) return { severity: f.severity, code: f.code, message: f.message };
      const message = f.message.includes(formatTime(f.startSeconds)) ? f.message : `[${formatTime(f.startSeconds)}] ${f.message}`;
      return { severity: f.severity, code: f.code, message, at: { seconds: f.startSeconds, durationSeconds: f.durationSeconds ?? 0 } };
    });
}

/** One line for notifications and the status of a take. */
export function takeSummary(result: TakeResult): string {
  if (isFailed(result)) return `unreadable: ${result.error.message}`;
  const o = result.overall;
  const dead = deadChannelLabels(result);
  return `peak ${formatDb(o.samplePeakDbfs, 'dBFS')}, true peak ${formatDb(o.truePeakDbtp, 'dBTP')}, ${formatDb(result.loudness.integratedLufs, 'LUFS')}, suggested gain ${formatSuggestedGain(result.suggestedGain)}${dead ? `; dead channel ${dead}` : ''}`;
}
