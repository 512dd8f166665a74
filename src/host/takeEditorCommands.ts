// Commands around the take editor: open a take in it, and make it (or stop it being) the default
// editor for .wav files. The editor is registered with priority "option", so it never takes over
// VS Code's built-in preview unless the user asks for it here.

import * as vscode from 'vscode';
import { Disposable } from './dispose';
import { keyFiguresLine, takeDescription } from './takesModel';
import { OPEN_TAKE_AT_COMMAND, openTakeAtArgs } from './findingDiagnostics';
import { activeTakeUri } from './takeCommands';
import { TAKE_EDITOR_VIEW_TYPE, type TakeEditorProvider } from './takeEditor';
import { findTakes } from './takeFiles';
import type { TakeStore } from './takeStore';

export const WAV_PATTERN = '*.wav';

type Associations = Record<string, string>;

/** `{ confirm: false }` skips the confirmation dialog (tests, scripted setups). */
export interface DefaultEditorOptions {
  confirm?: boolean;
}

function userAssociations(): Associations {
  const value = vscode.workspace.getConfiguration('workbench').inspect<unknown>('editorAssociations')?.globalValue;
  // Very old settings used an array form; anything that is not a plain object is left alone by starting afresh.
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...(value as Associations) } : {};
}

async function writeAssociations(next: Associations): Promise<Associations> {
  await vscode.workspace
    .getConfiguration('workbench')
    .update('editorAssociations', Object.keys(next).length ? next : undefined, vscode.ConfigurationTarget.Global);
  return next;
}

export class TakeEditorCommands extends Disposable {
  constructor(
    private readonly store: TakeStore,
    private readonly editors: TakeEditorProvider,
  ) {
    super();
    // From the Explorer the second argument lists every selected file.
    this._register(vscode.commands.registerCommand('headroom.openTakeEditor', (arg?: unknown, selection?: unknown) => this.open(arg, selection)));
    // The Problems panel's link on a timed finding: (take path, seconds, duration).
    this._register(vscode.commands.registerCommand(OPEN_TAKE_AT_COMMAND, (...args: unknown[]) => this.openAt(args)));
    this._register(vscode.commands.registerCommand('headroom.makeDefaultWavEditor', (opts?: DefaultEditorOptions) => this.makeDefault(opts)));
    this._register(vscode.commands.registerCommand('headroom.restoreDefaultWavEditor', () => this.restoreDefault()));
  }

  private async open(arg?: unknown, selection?: unknown): Promise<void> {
    const selected = Array.isArray(selection) ? selection.filter((u): u is vscode.Uri => u instanceof vscode.Uri && /\.wav$/i.test(u.path)) : [];
    const single = activeTakeUri(arg);
    const picked = selected.length > 1 ? selected : single ? [single] : await this.pickTake();
    for (const uri of picked) await vscode.commands.executeCommand('vscode.openWith', uri, TAKE_EDITOR_VIEW_TYPE, { preview: picked.length === 1 });
  }

  /** No take selected or active: the workspace's takes to choose from, with their key figures. */
  private async pickTake(): Promise<vscode.Uri[]> {
    type Item = vscode.QuickPickItem & { uri: vscode.Uri };
    const pick = vscode.window.createQuickPick<Item>();
    pick.title = 'Headroom: Open Take';
    pick.placeholder = 'Choose a take to open in the take editor';
    pick.matchOnDescription = true;
    pick.busy = true;
    pick.show();
    const items = findTakes(this.store.settings).then((uris) =>
      uris.map((uri): Item => {
        const rel = vscode.workspace.asRelativePath(uri);
        const name = rel.slice(rel.lastIndexOf('/') + 1);
        const result = this.store.get(uri);
        return {
          uri,
          label: name,
          description: rel === name ? undefined : rel.slice(0, rel.length - name.length - 1),
          detail: result ? keyFiguresLine(result) : takeDescription({ result, analyzing: false }),
        };
      }),
    );
    return new Promise<vscode.Uri[]>((resolve) => {
      void items.then((list) => {
        pick.items = list;
        pick.busy = false;
        if (!list.length) pick.placeholder = 'No .wav takes in this workspace (headroom.scan.include)';
      });
      pick.onDidAccept(() => {
        resolve(pick.selectedItems.map((i) => i.uri));
        pick.hide();
      });
      pick.onDidHide(() => {
        resolve([]);
        pick.dispose();
      });
    });
  }

  private async openAt(args: unknown[]): Promise<void> {
    const parsed = openTakeAtArgs(args);
    if (!parsed)
      throw new Error(`${OPEN_TAKE_AT_COMMAND}: expected (path of a .wav take, seconds ≥ 0[, duration ≥ 0]), got ${JSON.stringify(args).slice(0, 200)}`);
    await this.editors.openAt(vscode.Uri.file(parsed.take), parsed.at.seconds, parsed.at.durationSeconds);
  }

  /** Returns the new user-level associations, or undefined when the user declined. */
  private async makeDefault(opts?: DefaultEditorOptions): Promise<Associations | undefined> {
    if (opts?.confirm !== false) {
      const yes = 'Make Default';
      const answer = await vscode.window.showInformationMessage(
        'Open .wav files in the Headroom take editor by default?',
        {
          modal: true,
          detail:
            'This sets "workbench.editorAssociations" for *.wav in your user settings. "Headroom: Restore the Default WAV Editor" undoes it, and "Reopen Editor With…" always offers the built-in preview.',
        },
        yes,
      );
      if (answer !== yes) return undefined;
    }
    return writeAssociations({ ...userAssociations(), [WAV_PATTERN]: TAKE_EDITOR_VIEW_TYPE });
  }

  /** Removes Headroom's association (only if it is still Headroom's); returns the associations left. */
  private async restoreDefault(): Promise<Associations> {
    const current = userAssociations();
    if (current[WAV_PATTERN] !== TAKE_EDITOR_VIEW_TYPE) return current;
    delete current[WAV_PATTERN];
    return writeAssociations(current);
  }
}
