// Workspace-wide commands: set the loudness and peak targets, export a report of every analysed take
// (the same Markdown, CSV and JSON as `headroom analyze --format`), clear the cache, show a take's
// findings. Each takes an optional argument so it can be driven without any UI (tests, keybindings).

import { stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import { isAbortError } from '../core/abort';
import { formatReport, isReportFormat, type ReportFormat } from '../core/exportReport';
import { plural } from '../core/format';
import type { TakeResult } from '../core/report';
import { Disposable } from './dispose';
import { activeTakeUri } from './takeCommands';
import { takeMatcher } from './takeFiles';
import type { TakeStore } from './takeStore';

/** The targets the settings hold (headroom.targets.*): one suggested gain per take aims at them. */
export interface Targets {
  /** Where peaks should land (dBFS); null for none. */
  peakDbfs: number | null;
  /** Where the average (RMS) should land (dBFS); null for none. */
  rmsDbfs: number | null;
  loudnessLufs: number | null;
  peakCeilingDbtp: number;
}

/** Same ranges as the settings' schema in package.json. */
export const TARGET_RANGES: Record<keyof Targets, readonly [number, number]> = {
  peakDbfs: [-60, 0],
  rmsDbfs: [-60, 0],
  loudnessLufs: [-70, 0],
  peakCeilingDbtp: [-30, 0],
};
const UNITS: Record<keyof Targets, string> = { peakDbfs: 'dBFS', rmsDbfs: 'dBFS', loudnessLufs: 'LUFS', peakCeilingDbtp: 'dBTP' };

// Recording aims at peaks and an average; delivery aims at loudness, with true peak under a ceiling.
export const TARGET_PRESETS: readonly { label: string; detail: string; targets: Targets }[] = [
  {
    label: 'Recording',
    detail: 'peaks at -10 dBFS, average -18 dBFS, -1 dBTP ceiling (tracking: room above the loudest passage)',
    targets: { peakDbfs: -10, rmsDbfs: -18, loudnessLufs: null, peakCeilingDbtp: -1 },
  },
  {
    label: 'EBU R128',
    detail: '-23 LUFS integrated, -1 dBTP (broadcast, Europe)',
    targets: { peakDbfs: null, rmsDbfs: null, loudnessLufs: -23, peakCeilingDbtp: -1 },
  },
  {
    label: 'Streaming',
    detail: '-14 LUFS integrated, -1 dBTP (Spotify, YouTube, Tidal)',
    targets: { peakDbfs: null, rmsDbfs: null, loudnessLufs: -14, peakCeilingDbtp: -1 },
  },
  {
    label: 'Podcast',
    detail: '-16 LUFS integrated, -1 dBTP (Apple Podcasts)',
    targets: { peakDbfs: null, rmsDbfs: null, loudnessLufs: -16, peakCeilingDbtp: -1 },
  },
  {
    label: 'ATSC A/85',
    detail: '-24 LKFS integrated, -2 dBTP (broadcast, US)',
    targets: { peakDbfs: null, rmsDbfs: null, loudnessLufs: -24, peakCeilingDbtp: -2 },
  },
];

const FORMAT_INFO: Record<ReportFormat, { label: string; ext: string; filter: string }> = {
  md: { label: 'Markdown', ext: 'md', filter: 'Markdown' },
  csv: { label: 'CSV', ext: 'csv', filter: 'CSV' },
  json: { label: 'JSON', ext: 'json', filter: 'JSON' },
};

/** Why a target value is not acceptable, or undefined when it is. Only the ceiling cannot be switched off (null). */
export function targetProblem(key: keyof Targets, value: unknown): string | undefined {
  const nullable = key !== 'peakCeilingDbtp';
  if (nullable && value === null) return undefined;
  const [min, max] = TARGET_RANGES[key];
  const unit = UNITS[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${key} must be a number of ${unit}${nullable ? ' or null (no target)' : ''}`;
  if (value < min || value > max) return `${key} must be between ${min} and ${max} ${unit}, got ${value}`;
  return undefined;
}

function parseNumberInput(text: string): number | null | undefined {
  const t = text.trim().replace(/^\u2212/, '-');
  if (/^(none|off)$/i.test(t)) return null;
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return undefined;
  return Number(t);
}

export class WorkspaceCommands extends Disposable {
  constructor(private readonly store: TakeStore) {
    super();
    this._register(vscode.commands.registerCommand('headroom.setTargets', (arg?: unknown) => this.setTargets(arg)));
    this._register(vscode.commands.registerCommand('headroom.exportReport', (arg?: unknown) => this.exportReport(arg)));
    this._register(vscode.commands.registerCommand('headroom.clearCache', () => this.clearCache()));
    this._register(vscode.commands.registerCommand('headroom.showFindings', (arg?: unknown) => this.showFindings(arg)));
  }

  /** With an argument, the keys it names are set (the rest stay); without, a preset or custom values are asked for. */
  private async setTargets(arg?: unknown): Promise<Partial<Targets> | undefined> {
    let targets: Partial<Targets> | undefined;
    if (arg !== undefined) {
      const a = (arg ?? {}) as Record<string, unknown>;
      const keys = (Object.keys(TARGET_RANGES) as (keyof Targets)[]).filter((k) => k in a);
      if (keys.length === 0) throw new Error(`headroom.setTargets: name at least one of ${Object.keys(TARGET_RANGES).join(', ')}`);
      for (const k of keys) {
        const problem = targetProblem(k, a[k]);
        if (problem) throw new Error(`headroom.setTargets: ${problem}`);
      }
      targets = Object.fromEntries(keys.map((k) => [k, a[k]])) as Partial<Targets>;
    } else targets = await this.pickTargets();
    if (!targets) return undefined;
    const cfg = vscode.workspace.getConfiguration('headroom');
    // Targets belong to the project (a podcast and a film mix differ): workspace settings when there is a workspace.
    const where = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    for (const [k, v] of Object.entries(targets)) await cfg.update(`targets.${k}`, v, where);
    return targets;
  }

  private async pickTargets(): Promise<Partial<Targets> | undefined> {
    const current = this.store.settings.analysis.targets;
    const custom = { label: 'Custom…', detail: 'Enter a loudness target and a true-peak ceiling (peak and average targets off)', targets: undefined };
    const picked = await vscode.window.showQuickPick<{ label: string; detail: string; targets: Targets | undefined }>([...TARGET_PRESETS, custom], {
      title: 'Headroom: Set Targets',
      placeHolder: `Now: ${current.peakDbfs === null ? 'no peak target' : `peaks at ${current.peakDbfs} dBFS`}, ${current.loudnessLufs === null ? 'no loudness target' : `${current.loudnessLufs} LUFS`}, ${current.ceilingDbtp} dBTP ceiling`,
      matchOnDetail: true,
    });
    if (!picked) return undefined;
    if (picked.targets) return picked.targets;
    const loudness = await vscode.window.showInputBox({
      title: 'Headroom: loudness target (LUFS)',
      prompt: `Integrated loudness target, ${TARGET_RANGES.loudnessLufs[0]} to ${TARGET_RANGES.loudnessLufs[1]} LUFS, or "none"`,
      value: current.loudnessLufs === null ? 'none' : String(current.loudnessLufs),
      validateInput: (text) => {
        const v = parseNumberInput(text);
        return v === undefined ? 'Enter a number such as -23, or "none"' : targetProblem('loudnessLufs', v);
      },
    });
    if (loudness === undefined) return undefined;
    const peak = await vscode.window.showInputBox({
      title: 'Headroom: true-peak ceiling (dBTP)',
      prompt: `True-peak ceiling, ${TARGET_RANGES.peakCeilingDbtp[0]} to ${TARGET_RANGES.peakCeilingDbtp[1]} dBTP`,
      value: String(current.ceilingDbtp),
      validateInput: (text) => {
        const v = parseNumberInput(text);
        return v === undefined || v === null ? 'Enter a number such as -1' : targetProblem('peakCeilingDbtp', v);
      },
    });
    if (peak === undefined) return undefined;
    return { peakDbfs: null, rmsDbfs: null, loudnessLufs: parseNumberInput(loudness) as number | null, peakCeilingDbtp: parseNumberInput(peak) as number };
  }

  /**
   * Every analysed take of the workspace that still exists, with current figures: a take changed since
   * its last analysis is analysed again (from the cache when unchanged, so usually instantly).
   */
  private async currentResults(token: vscode.CancellationToken): Promise<{ uri: vscode.Uri; result: TakeResult }[]> {
    const isTake = takeMatcher(this.store.settings);
    const controller = new AbortController();
    const sub = token.onCancellationRequested(() => controller.abort());
    try {
      const current = await Promise.all(
        this.store
          .all()
          .filter(({ uri }) => isTake(uri))
          .map(async ({ uri }) => {
            if (!(await stat(uri.fsPath).catch(() => undefined))) return undefined;
            return { uri, result: (await this.store.analyze(uri, { signal: controller.signal })).result };
          }),
      );
      return current.filter((r) => r !== undefined).sort((a, b) => a.uri.fsPath.localeCompare(b.uri.fsPath));
    } finally {
      sub.dispose();
    }
  }

  private async exportReport(arg?: unknown): Promise<vscode.Uri | undefined> {
    let format: ReportFormat;
    let target: vscode.Uri | undefined;
    if (arg !== undefined) {
      const a = (arg ?? {}) as { format?: unknown; uri?: unknown };
      if (!isReportFormat(a.format)) throw new Error(`headroom.exportReport: format must be md, csv or json, got ${JSON.stringify(a.format)}`);
      if (!(a.uri instanceof vscode.Uri)) throw new Error('headroom.exportReport: uri must be a vscode.Uri');
      format = a.format;
      target = a.uri;
    } else {
      const picked = await vscode.window.showQuickPick(
        (Object.keys(FORMAT_INFO) as ReportFormat[]).map((f) => ({ label: FORMAT_INFO[f].label, format: f })),
        { title: 'Headroom: Export Report', placeHolder: 'Format' },
      );
      if (!picked) return undefined;
      format = picked.format;
    }
    const results = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Headroom: preparing the report', cancellable: true },
      (_p, token) => this.currentResults(token).catch((err: unknown) => (isAbortError(err) ? undefined : Promise.reject(err))),
    );
    if (!results) return undefined;
    if (!results.length) {
      void vscode.window.showWarningMessage('Headroom: no analysed takes to export. Run "Headroom: Analyse All Takes in the Workspace" first.');
      return undefined;
    }
    if (!target) {
      const info = FORMAT_INFO[format];
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      target = await vscode.window.showSaveDialog({
        title: 'Headroom: Export Report',
        defaultUri: folder && vscode.Uri.joinPath(folder, `headroom-report.${info.ext}`),
        filters: { [info.filter]: [info.ext] },
      });
      if (!target) return undefined;
    }
    const text = formatReport(
      results.map((r) => r.result),
      format,
      { displayPath: (file) => vscode.workspace.asRelativePath(vscode.Uri.file(file)) },
    );
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    if (arg === undefined) {
      const written = target;
      void vscode.window
        .showInformationMessage(`Headroom: report of ${plural(results.length, 'take')} written to ${vscode.workspace.asRelativePath(written)}`, 'Open')
        .then((choice) => {
          if (choice === 'Open') void vscode.window.showTextDocument(written);
        });
    }
    return target;
  }

  private async clearCache(): Promise<void> {
    await this.store.clear();
    void vscode.window.setStatusBarMessage('Headroom: cache cleared', 3000);
  }

  /** Opens the Problems panel, where the take's findings are listed under its name. */
  private async showFindings(arg?: unknown): Promise<void> {
    const uri = activeTakeUri(arg);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    if (uri && vscode.languages.getDiagnostics(uri).length === 0) {
      void vscode.window.showInformationMessage(
        `Headroom: ${vscode.workspace.asRelativePath(uri)} has no findings${this.store.get(uri) ? '' : ' yet (not analysed)'}.`,
      );
    }
  }
}
