// What every integration suite needs: the fixture workspace's paths and a poll for results that the
// extension produces asynchronously (diagnostics, views, watcher).

import * as vscode from 'vscode';

export const folder = () => vscode.workspace.workspaceFolders![0]!.uri;
export const take = (name: string) => vscode.Uri.joinPath(folder(), 'takes', name);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` every 100 ms until it returns something other than undefined. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 20000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(100);
  }
}

/** A diagnostic's code, whether plain or a link ({ value, target }: a timed finding links to its time). */
export const codeOf = (d: vscode.Diagnostic): string | number | undefined => (typeof d.code === 'object' ? d.code.value : d.code);
