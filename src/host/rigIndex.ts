// The workspace's rig files, parsed and kept current, so any take can be matched to the input it was
// recorded through (by the input's `takes` glob) and given the chain's advice.

import { relative } from 'node:path';
import * as vscode from 'vscode';
import {
  matchTakeToInput,
  parseRig,
  withRigAdvice,
  withSettingsAdvice,
  type LevelTargets,
  type Rig,
  type RigDocument,
  type RigInput,
  type TakeAdvice,
} from '../core/gainstage';
import { isFailed, type TakeReport, type TakeResult } from '../core/report';
import { Disposable } from './dispose';
import { isRigDocument } from './rigFiles';

export interface RigMatch {
  rigUri: vscode.Uri;
  rig: Rig;
  input: RigInput;
}

export const RIG_GLOB = '**/{*.headroom.json,headroom.json}';
/** Re-parse after typing pauses this long: every change re-attaches advice to every take. */
const EDIT_DEBOUNCE_MS = 250;

/** The rig's current text, parsed: the open document's (unsaved edits included), else the file's. */
export async function readRigDocument(uri: vscode.Uri): Promise<RigDocument> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  return parseRig(text, uri.fsPath);
}

export class RigIndex extends Disposable {
  private readonly docs = new Map<string, { uri: vscode.Uri; doc: RigDocument }>();
  /** Rig files that exist but could not be read, and why: their one problem until they can be. */
  private readonly unreadable = new Map<string, { uri: vscode.Uri; reason: string }>();
  private readonly changed = this._register(new vscode.EventEmitter<vscode.Uri | undefined>());
  /** Fires with the rig that changed (appeared, was edited or deleted), or undefined after a scan of them all. */
  readonly onDidChange = this.changed.event;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  readonly ready: Thenable<void>;

  constructor(private readonly log: vscode.LogOutputChannel) {
    super();
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(RIG_GLOB));
    this._register(watcher.onDidCreate((u) => void this.load(u)));
    this._register(watcher.onDidChange((u) => void this.load(u)));
    this._register(
      watcher.onDidDelete((u) => {
        const indexed = this.docs.delete(u.toString());
        const unreadable = this.unreadable.delete(u.toString());
        if (indexed || unreadable) this.changed.fire(u);
      }),
    );
    // Unsaved edits count: advice and diagrams follow the rig as it is typed.
    this._register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!isRigDocument(e.document)) return;
        const { uri } = e.document;
        clearTimeout(this.timers.get(uri.toString()));
        this.timers.set(
          uri.toString(),
          setTimeout(() => {
            this.timers.delete(uri.toString());
            void this.load(uri);
          }, EDIT_DEBOUNCE_MS),
        );
      }),
    );
    // Closed without saving: the rig is the file on disk again.
    this._register(
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (isRigDocument(d) && this.docs.has(d.uri.toString())) void this.load(d.uri);
      }),
    );
    this.ready = this.rescan();
  }

  /** Reads every rig file of the workspace again (a workspace scan does, in case a change was missed). */
  async rescan(): Promise<void> {
    const uris = await vscode.workspace.findFiles(RIG_GLOB);
    const found = new Set(uris.map((u) => u.toString()));
    const gone = [...new Set([...this.docs.keys(), ...this.unreadable.keys()])].filter((key) => !found.has(key));
    for (const key of gone) {
      this.docs.delete(key);
      this.unreadable.delete(key);
    }
    await Promise.all(uris.map((u) => this.load(u, false)));
    if (uris.length || gone.length) this.changed.fire(undefined);
  }

  private async load(uri: vscode.Uri, notify = true): Promise<void> {
    const key = uri.toString();
    let changed = true;
    try {
      const doc = await readRigDocument(uri);
      if (this.isDisposed) return;
      this.docs.set(key, { uri, doc });
      this.unreadable.delete(key);
    } catch (err) {
      if (this.isDisposed) return;
      const had = this.docs.delete(key);
      if (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') {
        // Deleted between the event and the read: the delete event follows.
        changed = this.unreadable.delete(key) || had;
      } else {
        const reason = err instanceof Error ? err.message : String(err);
        this.log.error(`cannot read the rig file ${uri.fsPath}: ${reason}`);
        changed = had || this.unreadable.get(key)?.reason !== reason;
        this.unreadable.set(key, { uri, reason });
      }
    }
    if (notify && changed) this.changed.fire(uri);
  }

  /** Re-reads a rig now (after Headroom edited it), instead of after the typing pause. */
  async reload(uri: vscode.Uri): Promise<void> {
    clearTimeout(this.timers.get(uri.toString()));
    this.timers.delete(uri.toString());
    await this.load(uri);
  }

  rigs(): { uri: vscode.Uri; doc: RigDocument }[] {
    return [...this.docs.values()].sort((a, b) => a.uri.fsPath.localeCompare(b.uri.fsPath));
  }

  get(uri: vscode.Uri): RigDocument | undefined {
    return this.docs.get(uri.toString())?.doc;
  }

  /** Why a rig file of the workspace could not be read, when it could not. */
  readError(uri: vscode.Uri): string | undefined {
    return this.unreadable.get(uri.toString())?.reason;
  }

  /** The rig files that could not be read. */
  unreadableRigs(): vscode.Uri[] {
    return [...this.unreadable.values()].map((u) => u.uri);
  }

  /**
   * The input a take was recorded through. Only takes inside the workspace and inside the rig's own
   * folder match: a rig file can never point Headroom at other paths (untrusted workspaces included).
   */
  match(take: vscode.Uri): RigMatch | undefined {
    if (take.scheme !== 'file' || !vscode.workspace.getWorkspaceFolder(take)) return undefined;
    for (const { uri, doc } of this.rigs()) {
      if (!doc.rig || uri.scheme !== 'file') continue;
      const input = matchTakeToInput(doc.rig, relative(vscode.Uri.joinPath(uri, '..').fsPath, take.fsPath));
      if (input) return { rigUri: uri, rig: doc.rig, input };
    }
    return undefined;
  }

  /**
   * The result with the rig's advice for its input (the rig-aware suggested gain, gain findings and
   * advice lines), or with the settings' advice and no `rig` field when no input matches.
   */
  attach(take: vscode.Uri, result: TakeResult, targets: LevelTargets): TakeResult {
    return this.advise(take, result, targets)?.report ?? (isFailed(result) ? result : withSettingsAdvice(result, targets));
  }

  /** The rig's advice for a take, with the match it came from; undefined when no input matches. */
  advise(take: vscode.Uri, result: TakeResult, targets: LevelTargets): { report: TakeReport; advice: TakeAdvice; match: RigMatch } | undefined {
    if (isFailed(result)) return undefined;
    const m = this.match(take);
    if (!m) return undefined;
    const rel = relative(vscode.Uri.joinPath(m.rigUri, '..').fsPath, take.fsPath);
    return { ...withRigAdvice(result, m.rigUri.fsPath, m.rig, m.input, rel, targets), match: m };
  }

  override dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    super.dispose();
  }
}
