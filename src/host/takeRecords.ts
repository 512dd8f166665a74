// The settings each take was recorded with, kept in the rig file's "recorded" section: written as a
// take appears (a recorder starting a file) when headroom.rig.recordTakeSettings is on, or on demand
// with "Record Take Settings in the Rig". The advice then judges a take by those settings, not by
// whatever the rig says later.

import { relative } from 'node:path';
import * as vscode from 'vscode';
import { readHeadroomConfig } from './settings';
import { fixEdits, recordOf, takeRecordFix } from '../core/gainstage';
import { Disposable } from './dispose';
import type { RigIndex } from './rigIndex';
import type { TakeWatcher } from './takeWatcher';

export class TakeRecords extends Disposable {
  /** Writes to one rig file, one after another: each edit is computed on the text the last one left. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly rigs: RigIndex,
    watcher: TakeWatcher,
  ) {
    super();
    this._register(vscode.commands.registerCommand('headroom.recordTakeSettings', (arg?: unknown, all?: unknown) => this.record(takesOf(arg, all), true)));
    this._register(
      watcher.onDidCreateTake((uri) => {
        // A file in an untrusted workspace is not written to on Headroom's own initiative.
        if (vscode.workspace.isTrusted && readHeadroomConfig(uri).recordTakeSettings) void this.record([uri], false);
      }),
    );
  }

  /**
   * Records today's settings of each take's rig input; `replace` also rewrites a take's existing
   * record (the explicit command), otherwise a recorded take is left as it is. Returns how many were written.
   */
  record(takes: readonly vscode.Uri[], replace: boolean): Promise<number> {
    const run = this.queue.then(() => this.write(takes, replace));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(takes: readonly vscode.Uri[], replace: boolean): Promise<number> {
    let written = 0;
    const at = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const touched = new Map<string, { uri: vscode.Uri; wasDirty: boolean }>();
    for (const take of takes) {
      const m = this.rigs.match(take);
      if (!m) continue;
      const rel = relative(vscode.Uri.joinPath(m.rigUri, '..').fsPath, take.fsPath).split('\\').join('/');
      if (!replace && recordOf(m.rig, rel)) continue;
      const document = await vscode.workspace.openTextDocument(m.rigUri);
      const doc = this.rigs.get(m.rigUri);
      if (!doc || doc.text !== document.getText()) continue;
      if (!touched.has(m.rigUri.toString())) touched.set(m.rigUri.toString(), { uri: m.rigUri, wasDirty: document.isDirty });
      const edit = new vscode.WorkspaceEdit();
      for (const e of fixEdits(document.getText(), takeRecordFix(doc, m.input, rel, at)))
        edit.replace(m.rigUri, new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)), e.newText);
      if (!(await vscode.workspace.applyEdit(edit))) continue;
      // The index re-reads the rig after the edit; the next take's edit needs its new text.
      await this.rigs.reload(m.rigUri);
      written++;
    }
    // A rig file that had no unsaved changes is saved again, so the record is on disk like the take.
    for (const { uri, wasDirty } of touched.values()) if (!wasDirty) await (await vscode.workspace.openTextDocument(uri)).save();
    return written;
  }
}

function takesOf(arg: unknown, all: unknown): vscode.Uri[] {
  if (Array.isArray(all) && all.every((u) => u instanceof vscode.Uri)) return all as vscode.Uri[];
  if (arg instanceof vscode.Uri) return [arg];
  const active = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  const uri = active instanceof vscode.TabInputCustom || active instanceof vscode.TabInputText ? active.uri : undefined;
  return uri && /\.wav$/i.test(uri.path) ? [uri] : [];
}
