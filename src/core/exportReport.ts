// Reports over many takes as Markdown, CSV and JSON. The CLI (`headroom analyze --format`) and the
// extension's "Export Report" both call these, so a figure in a report reads the same wherever it
// was produced.

import { isDiagnosisCode, type Diagnosis } from './analysis/diagnosis/codes';
import { formatLevelCell, formatTime, plural } from './format';
import { formatSuggestedGain } from './gainstage/suggest';
import { isFailed, type Severity, type TakeReport, type TakeResult } from './report';

export const REPORT_FORMATS = ['md', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(v: unknown): v is ReportFormat {
  return typeof v === 'string' && (REPORT_FORMATS as readonly string[]).includes(v);
}

export interface ReportOptions {
  /** How a take's path is shown (relative to the workspace or the working directory); JSON keeps `file` as is. */
  displayPath?: (file: string) => string;
}

export const CSV_COLUMNS = [
  'file',
  'duration_s',
  'sample_rate_hz',
  'channels',
  'sample_peak_dbfs',
  'true_peak_dbtp',
  'rms_dbfs',
  'integrated_lufs',
  'loudness_range_lu',
  'clipped_samples',
  'suggested_gain_db',
  'limited_by',
  'errors',
  'warnings',
  'infos',
  'findings',
  'diagnosis',
  'rig_input',
  'error',
] as const;

function count(result: TakeResult, severity: Severity): number {
  return result.findings.filter((f) => f.severity === severity).length;
}

/** Finding codes in order of first appearance: "clipping;too-hot". */
function codes(result: TakeResult): string {
  return [...new Set(result.findings.map((f) => f.code))].join(';');
}

/**
 * A CSV cell. A text starting with = + - @ (or a tab or carriage return) is a formula to a
 * spreadsheet: a take named "=HYPERLINK(...).wav" must not run as one, so such text gets a leading
 * apostrophe (OWASP's advice). Numbers are written by us and pass as they are.
 */
function csvField(v: string, text: boolean): string {
  const safe = text && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Columns holding free text (file names, messages); the others hold our own numbers and codes. */
const TEXT_COLUMNS = new Set<number>([CSV_COLUMNS.indexOf('file'), CSV_COLUMNS.indexOf('rig_input'), CSV_COLUMNS.indexOf('error')]);

export function reportCsv(results: readonly TakeResult[], opts: ReportOptions = {}): string {
  const show = opts.displayPath ?? ((f: string) => f);
  const rows = results.map((r): string[] => {
    if (isFailed(r)) {
      const blank = CSV_COLUMNS.map(() => '');
      blank[0] = show(r.file);
      blank[CSV_COLUMNS.indexOf('errors')] = String(count(r, 'error'));
      blank[CSV_COLUMNS.indexOf('warnings')] = String(count(r, 'warning'));
      blank[CSV_COLUMNS.indexOf('infos')] = String(count(r, 'info'));
      blank[CSV_COLUMNS.indexOf('findings')] = codes(r);
      blank[CSV_COLUMNS.length - 1] = r.error.message;
      return blank;
    }
    return [
      show(r.file),
      r.format.durationSeconds.toFixed(3),
      String(r.format.sampleRate),
      String(r.format.channels),
      formatLevelCell(r.overall.samplePeakDbfs, 2),
      formatLevelCell(r.overall.truePeakDbtp, 2),
      formatLevelCell(r.overall.rmsDbfs, 2),
      formatLevelCell(r.loudness.integratedLufs, 2),
      formatLevelCell(r.loudness.loudnessRangeLu, 2),
      String(r.overall.clippedSamples),
      r.suggestedGain.gainDb === null ? '' : r.suggestedGain.gainDb.toFixed(1),
      r.suggestedGain.limit?.by ?? '',
      String(count(r, 'error')),
      String(count(r, 'warning')),
      String(count(r, 'info')),
      codes(r),
      [...new Set(r.diagnosis.map((d) => d.code))].join(';'),
      r.rig?.input ?? '',
      '',
    ];
  });
  // CRLF as RFC 4180 asks: spreadsheets on every platform read it.
  return [CSV_COLUMNS.join(','), ...rows.map((row) => row.map((v, i) => csvField(v, TEXT_COLUMNS.has(i))).join(','))].join('\r\n') + '\r\n';
}

function mdCell(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function mdLevel(v: number | null): string {
  return formatLevelCell(v, 1);
}

/** "2 errors, 1 warning" or "none". */
export function findingCounts(result: TakeResult): string {
  const parts = (['error', 'warning', 'info'] as const).map((s) => [count(result, s), s] as const).filter(([n]) => n > 0);
  return parts.length ? parts.map(([n, s]) => plural(n, s)).join(', ') : 'none';
}

export const MARKDOWN_HEADER = '| Take | Peak dBFS | True peak dBTP | RMS dBFS | Loudness LUFS | LRA LU | Clipped samples | Suggested gain | Findings |';

export function reportMarkdown(results: readonly TakeResult[], opts: ReportOptions = {}): string {
  const show = opts.displayPath ?? ((f: string) => f);
  const lines = ['# Headroom report', '', `${plural(results.length, 'take')}.`, '', MARKDOWN_HEADER, '|---|---:|---:|---:|---:|---:|---:|---:|---|'];
  for (const r of results) {
    if (isFailed(r)) {
      lines.push(`| ${mdCell(show(r.file))} | | | | | | | | unreadable: ${mdCell(r.error.message)} |`);
      continue;
    }
    const gain = formatSuggestedGain(r.suggestedGain);
    const lra = formatLevelCell(r.loudness.loudnessRangeLu, 1);
    lines.push(
      `| ${[show(r.file), mdLevel(r.overall.samplePeakDbfs), mdLevel(r.overall.truePeakDbtp), mdLevel(r.overall.rmsDbfs), mdLevel(r.loudness.integratedLufs), lra, String(r.overall.clippedSamples), gain, findingCounts(r)].map(mdCell).join(' | ')} |`,
    );
  }
  for (const r of results) {
    const advice = !isFailed(r) && r.rig ? r.rig.advice.map((a) => `- ${a.severity.toUpperCase()} rig/${r.rig!.input}: ${a.message}`) : [];
    // The diagnosis's findings have their own section, with their stage and value.
    const items = [
      ...r.findings.filter((f) => isFailed(r) || !isDiagnosisCode(f.code)).map((f) => `- ${f.severity.toUpperCase()} ${f.code}: ${f.message}`),
      ...advice,
    ];
    const diagnosis = isFailed(r) ? [] : diagnosisLines(r);
    if (!items.length && !diagnosis.length) continue;
    lines.push('', `## ${show(r.file)}`);
    if (items.length) lines.push('', ...items);
    if (diagnosis.length)
      lines.push('', '### Chain diagnosis', '', '| Severity | Code | Stage | Value | Where | Finding |', '|---|---|---|---|---|---|', ...diagnosis);
  }
  return lines.join('\n') + '\n';
}

const UNIT_TEXT: Record<Diagnosis['unit'], string> = {
  dBFS: 'dBFS',
  bits: 'bits',
  Hz: 'Hz',
  samples: 'samples',
  correlation: '(correlation)',
  events: 'in all',
};

/** One Markdown table row per diagnosis, with the rig's reading of it after its own sentence. */
function diagnosisLines(r: TakeReport): string[] {
  return r.diagnosis.map((d) => {
    const channel = d.channel === undefined ? 'all channels' : (r.channels[d.channel]?.label ?? `channel ${d.channel + 1}`);
    const where = d.startSeconds === undefined ? channel : `${channel}, ${formatTime(d.startSeconds)}`;
    const rig = r.rig?.diagnosis?.find((c) => c.code === d.code);
    const text = rig ? `${d.message} Rig: ${rig.message}` : d.message;
    return `| ${[d.severity, d.code, d.stage, `${d.value} ${UNIT_TEXT[d.unit]}`, where, text].map(mdCell).join(' | ')} |`;
  });
}

/** Exactly what `headroom analyze --json` prints: the full per-take report, one object per file. */
export function reportJson(results: readonly TakeResult[]): string {
  return JSON.stringify(results, null, 2) + '\n';
}

export function formatReport(results: readonly TakeResult[], format: ReportFormat, opts: ReportOptions = {}): string {
  switch (format) {
    case 'md':
      return reportMarkdown(results, opts);
    case 'csv':
      return reportCsv(results, opts);
    case 'json':
      return reportJson(results);
  }
}
