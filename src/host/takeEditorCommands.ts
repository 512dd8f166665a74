// Commands around the take editor: open a take in it, and make it (or stop it being) the default
// editor for .wav files. The editor is registered with priority "option", so it never takes over
// VS Code's built-in preview unless the user asks for it here.

import * as vscode from 'vscode';
import { activeTakeUri } from './takeCommands';
import { TAKE_EDITOR_VIEW_TYPE } from './takeEditor';

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
  await vscode.workspace.getConfiguration('workbench').update('editorAssociations', Object.keys(next).length ? next : undefined, vscode.ConfigurationTarget.Global);
  return next;
}

export class TakeEditorCommands implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[];

  constructor() {
    this.disposables = [
      // From the Explorer the second argument lists every selected file.
      vscode.commands.registerCommand('headroom.openTakeEditor', (arg?: unknown, selection?: unknown) => this.open(arg, selection)),
      vscode.commands.registerCommand('headroom.makeDefaultWavEditor', (opts?: DefaultEditorOptions) => this.makeDefault(opts)),
      vscode.commands.registerCommand('headroom.restoreDefaultWavEditor', () => this.restoreDefault()),
    ];
  }

  private async open(arg?: unknown, selection?: unknown): Promise<void> {
    const selected = Array.isArray(selection) ? selection.filter((u): u is vscode.Uri => u instanceof vscode.Uri && /\.wav$/i.test(u.path)) : [];
    const single = activeTakeUri(arg);
    const uris = selected.length > 1 ? selected : single ? [single] : [];
    if (!uris.length) {
      void vscode.window.showWarningMessage('Headroom: select a .wav take (in the Explorer or an open editor) to open it.');
      return;
    }
    for (const uri of uris) await vscode.commands.executeCommand('vscode.openWith', uri, TAKE_EDITOR_VIEW_TYPE, { preview: uris.length === 1 });
  }

  /** Returns the new user-level associations, or undefined when the user declined. */
  private async makeDefault(opts?: DefaultEditorOptions): Promise<Associations | undefined> {
    if (opts?.confirm !== false) {
      const yes = 'Make Default';
      const answer = await vscode.window.showInformationMessage(
        'Open .wav files in the Headroom take editor by default?',
        { modal: true, detail: 'This sets "workbench.editorAssociations" for *.wav in your user settings. "Headroom: Restore the Default WAV Editor" undoes it, and "Reopen Editor With…" always offers the built-in preview.' },
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

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
