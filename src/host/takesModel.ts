// What the takes view, the status bar and the source-code hints say about a take: grouping, sorting,
// status and labels. No `vscode` here, so every label and order is tested in plain Node.

import { findingCounts } from '../core/exportReport';
import { deadChannelLabels } from '../core/channels';
import { formatDb, plural } from '../core/format';
import { describeSuggestedGain, formatSuggestedGain } from '../core/gainstage/suggest';
import { isFailed, type Severity, type TakeResult } from '../core/report';

export type TakeStatus = 'error' | 'warning' | 'pass' | 'analyzing' | 'pending';
export type Grouping = 'folder' | 'input';
export type SortOrder = 'name' | 'peak' | 'loudness';

export interface TakeEntry {
  /** The take's URI as a string: the identity of a tree item. */
  key: string;
  /** Workspace-relative path with forward slashes ("takes/vox-1.wav"). */
  relPath: string;
  /** The rig input the take was recorded through, when a rig file's `takes` glob matches it. */
  input?: { rig: string; id: string; name: string };
  result?: TakeResult;
  /** Being written or re-analysed right now. */
  analyzing: boolean;
}

export interface TakeGroup {
  id: string;
  label: string;
  description?: string;
  takes: TakeEntry[];
}

export const NO_INPUT_LABEL = 'No rig input';

export function baseName(relPath: string): string {
  return relPath.slice(relPath.lastIndexOf('/') + 1);
}

export function folderOf(relPath: string): string {
  const i = relPath.lastIndexOf('/');
  return i < 0 ? '.' : relPath.slice(0, i);
}

/** The worst severity among the take's findings and its rig advice; a file that cannot be read is an error. */
export function worstSeverity(result: TakeResult): Severity | undefined {
  if (isFailed(result)) return 'error';
  const all = [...result.findings.map((f) => f.severity), ...(result.rig?.advice.map((a) => a.severity) ?? [])];
  return all.includes('error') ? 'error' : all.includes('warning') ? 'warning' : all.includes('info') ? 'info' : undefined;
}

export function takeStatus(entry: Pick<TakeEntry, 'result' | 'analyzing'>): TakeStatus {
  if (entry.analyzing) return 'analyzing';
  if (!entry.result) return 'pending';
  const worst = worstSeverity(entry.result);
  return worst === 'error' ? 'error' : worst === 'warning' ? 'warning' : 'pass';
}

/** "-0.3 dBTP · -14.2 LUFS": what a take's row, the status bar and a CodeLens show. */
export function levelsLabel(result: TakeResult): string {
  if (isFailed(result)) return 'unreadable';
  return `${formatDb(result.overall.truePeakDbtp, 'dBTP')} · ${formatDb(result.loudness.integratedLufs, 'LUFS')}`;
}

export function takeDescription(entry: Pick<TakeEntry, 'result' | 'analyzing'>): string {
  if (entry.result) return levelsLabel(entry.result);
  return entry.analyzing ? 'analysing…' : 'not analysed';
}

/** "-0.3 dBTP · -14.2 LUFS · 2 findings" (a dead channel named): a take's key figures in one line. */
export function keyFiguresLine(result: TakeResult): string {
  if (isFailed(result)) return 'unreadable';
  const n = result.findings.length;
  const dead = deadChannelLabels(result);
  return `${levelsLabel(result)} · ${n === 0 ? 'no findings' : plural(n, 'finding')}${dead ? ` · dead channel ${dead}` : ''}`;
}

/** "take.wav: -0.3 dBTP · -14.2 LUFS · 2 findings", or "take.wav: analyse" before any result. */
export function lensTitle(name: string, result: TakeResult | undefined): string {
  return result ? `${name}: ${keyFiguresLine(result)}` : `${name}: analyse`;
}

/** One line for the clipboard ("Copy Figures"). */
export function figuresLine(relPath: string, result: TakeResult | undefined): string {
  if (!result) return `${relPath}: not analysed`;
  if (isFailed(result)) return `${relPath}: unreadable: ${result.error.message}`;
  const o = result.overall;
  const l = result.loudness;
  return (
    `${relPath}: true peak ${formatDb(o.truePeakDbtp, 'dBTP')}, sample peak ${formatDb(o.samplePeakDbfs, 'dBFS')}, RMS ${formatDb(o.rmsDbfs, 'dBFS')}, ` +
    `${formatDb(l.integratedLufs, 'LUFS')} integrated, LRA ${l.loudnessRangeLu === null ? 'n/a' : `${l.loudnessRangeLu.toFixed(1)} LU`}, ` +
    `${o.clippedSamples} clipped samples, suggested gain ${formatSuggestedGain(result.suggestedGain)}, findings: ${findingCounts(result)}`
  );
}

/** Escapes text for Markdown (file names may hold `*`, `_`, `[`, `|`…). */
export function mdEscape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

const ICON: Record<Severity, string> = { error: '$(error)', warning: '$(warning)', info: '$(info)' };
const MAX_LISTED = 8;

/**
 * The key figures as Markdown (theme icons on): the takes view's tooltip and the source-code hover.
 * Everything from the file is escaped; callers add their own links.
 */
export function keyFiguresMarkdown(relPath: string, result: TakeResult | undefined): string {
  const title = `**${mdEscape(relPath)}**`;
  if (!result) return `${title}\n\nNot analysed yet.`;
  if (isFailed(result)) return `${title}\n\n$(error) Unreadable: ${mdEscape(result.error.message)}`;
  const o = result.overall;
  const l = result.loudness;
  const gain = describeSuggestedGain(result.suggestedGain);
  const rows: [string, string][] = [
    ['True peak', formatDb(o.truePeakDbtp, 'dBTP')],
    ['Sample peak', formatDb(o.samplePeakDbfs, 'dBFS')],
    [result.rmsConvention === 'aes17' ? 'RMS (AES17)' : 'RMS', formatDb(o.rmsDbfs, 'dBFS')],
    ['Integrated loudness', formatDb(l.integratedLufs, 'LUFS')],
    ['Loudness range', l.loudnessRangeLu === null ? 'n/a' : `${l.loudnessRangeLu.toFixed(1)} LU`],
    ['Clipped samples', String(o.clippedSamples)],
    ['Suggested gain', gain],
  ];
  const dead = deadChannelLabels(result);
  if (dead) rows.push(['Dead channels', dead]);
  const table = ['| | |', '|---|---:|', ...rows.map(([k, v]) => `| ${k} | ${mdEscape(v)} |`)].join('\n');
  const items = [
    ...result.findings.map((f) => ({ severity: f.severity, text: `${f.code}: ${f.message}` })),
    ...(result.rig?.advice.map((a) => ({ severity: a.severity, text: `rig/${result.rig!.input}: ${a.message}` })) ?? []),
  ];
  const list = items.slice(0, MAX_LISTED).map((i) => `- ${ICON[i.severity]} ${mdEscape(i.text)}`);
  if (items.length > MAX_LISTED) list.push(`- … and ${items.length - MAX_LISTED} more`);
  const findings = items.length
    ? `**Findings** (${findingCounts(result)}${result.rig?.advice.length ? `, ${result.rig.advice.length} rig advice` : ''})\n\n${list.join('\n')}`
    : 'No findings.';
  return `${title}\n\n${table}\n\n${findings}`;
}

/** The level a "by peak" sort uses: true peak, or sample peak when there is none. Silence is -∞. */
function peakOf(result: TakeResult | undefined): number | undefined {
  if (!result || isFailed(result)) return undefined;
  return result.overall.truePeakDbtp ?? result.overall.samplePeakDbfs ?? -Infinity;
}

function loudnessOf(result: TakeResult | undefined): number | undefined {
  if (!result || isFailed(result)) return undefined;
  return result.loudness.integratedLufs ?? -Infinity;
}

const byName = (a: TakeEntry, b: TakeEntry) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0);

/** Name: A→Z by path. Peak and loudness: loudest first; takes without figures last, by name. */
export function sortTakes(entries: readonly TakeEntry[], order: SortOrder): TakeEntry[] {
  if (order === 'name') return [...entries].sort(byName);
  const level = order === 'peak' ? peakOf : loudnessOf;
  return [...entries].sort((a, b) => {
    const la = level(a.result);
    const lb = level(b.result);
    if (la === undefined || lb === undefined) return la === lb ? byName(a, b) : la === undefined ? 1 : -1;
    return la === lb ? byName(a, b) : lb - la;
  });
}

/** Groups by folder (A→Z) or by rig input (by name, takes of no input last); takes sorted within each group. */
export function groupTakes(entries: readonly TakeEntry[], grouping: Grouping, order: SortOrder): TakeGroup[] {
  const groups = new Map<string, TakeGroup>();
  for (const e of entries) {
    const id = grouping === 'folder' ? `folder:${folderOf(e.relPath)}` : e.input ? `input:${e.input.rig}#${e.input.id}` : 'input:';
    let g = groups.get(id);
    if (!g) {
      g =
        grouping === 'folder'
          ? { id, label: folderOf(e.relPath), takes: [] }
          : e.input
            ? { id, label: e.input.name, description: e.input.rig, takes: [] }
            : { id, label: NO_INPUT_LABEL, takes: [] };
      groups.set(id, g);
    }
    g.takes.push(e);
  }
  const list = [...groups.values()];
  for (const g of list) g.takes = sortTakes(g.takes, order);
  return list.sort((a, b) => {
    if (grouping === 'input' && (a.id === 'input:' || b.id === 'input:')) return a.id === 'input:' ? 1 : -1;
    const ka = `${a.label}\u0000${a.description ?? ''}`;
    const kb = `${b.label}\u0000${b.description ?? ''}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

/** The view as text, in its current grouping and order ("Copy Takes Summary"). */
export function takesSummary(groups: readonly TakeGroup[]): string {
  const lines: string[] = [];
  for (const g of groups) {
    lines.push(`${g.label}${g.description ? ` (${g.description})` : ''}`);
    for (const t of g.takes) lines.push(`  ${baseName(t.relPath)}  ${takeDescription(t)}  [${takeStatus(t)}]`);
  }
  return lines.join('\n') + (lines.length ? '\n' : '');
}
