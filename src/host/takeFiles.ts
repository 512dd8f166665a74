// Which files are takes: the scan globs from the settings, minus `files.exclude` and Headroom's own
// exclusions. Shared by the workspace scan, the watcher and the takes view so they always agree.

import picomatch from 'picomatch';
import * as vscode from 'vscode';
import type { HeadroomConfig } from '../core/settings/read';

export function takeMatcher(config: HeadroomConfig): (uri: vscode.Uri) => boolean {
  const include = picomatch(config.include, { nocase: true, dot: true });
  const exclude = config.exclude.length ? picomatch(config.exclude, { nocase: true, dot: true }) : () => false;
  return (uri) => {
    if (uri.scheme !== 'file' || !/\.wav$/i.test(uri.path)) return false;
    const rel = vscode.workspace.asRelativePath(uri, false);
    return include(rel) && !exclude(rel);
  };
}

/** Every take in the workspace. `files.exclude` applies because findFiles gets no exclude of ours. */
export async function findTakes(config: HeadroomConfig, token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const isTake = takeMatcher(config);
  const found = await Promise.all(config.include.map((glob) => vscode.workspace.findFiles(glob, undefined, undefined, token)));
  const unique = new Map(found.flat().map((u) => [u.toString(), u]));
  return [...unique.values()].filter(isTake).sort((a, b) => a.fsPath.localeCompare(b.fsPath));
}
