// The take editor through the VS Code API: it opens as a custom editor tab on a take, and the
// default-editor commands write and remove the user-level association.

import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { take, waitFor } from './support/workspace';

const VIEW_TYPE = 'headroom.takeEditor';

function customTabs(uri: vscode.Uri): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputCustom && t.input.uri.toString() === uri.toString());
}

const userAssociations = () => vscode.workspace.getConfiguration('workbench').inspect<Record<string, string>>('editorAssociations')?.globalValue;

describe('Take editor', () => {
  before(async () => {
    await vscode.extensions.getExtension('headroom.headroom')!.activate();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens a take with vscode.openWith as a custom editor tab of its view type', async () => {
    const uri = take('clipped-drums.wav');
    await vscode.commands.executeCommand('vscode.openWith', uri, VIEW_TYPE);
    const tab = await waitFor('the take editor tab', () => customTabs(uri)[0]);
    const input = tab.input as vscode.TabInputCustom;
    assert.equal(input.viewType, VIEW_TYPE);
    assert.equal(input.uri.fsPath, uri.fsPath);
    assert.equal(tab.label, 'clipped-drums.wav');
    assert.equal(tab.isActive, true);
  });

  it('opens the active or given take with "Open Take in Headroom", and a second tab beside it', async () => {
    const uri = take('good-vocal.wav');
    await vscode.commands.executeCommand('headroom.openTakeEditor', uri);
    await waitFor('the first tab', () => customTabs(uri)[0]);
    // The same document in a second group: the editor supports several editors per document.
    await vscode.commands.executeCommand('vscode.openWith', uri, VIEW_TYPE, vscode.ViewColumn.Two);
    const tabs = await waitFor('two tabs', () => (customTabs(uri).length === 2 ? customTabs(uri) : undefined));
    assert.deepEqual(
      tabs.map((t) => (t.input as vscode.TabInputCustom).viewType),
      [VIEW_TYPE, VIEW_TYPE],
    );
  });

  it('opens every take of an Explorer multi-selection, each in its own tab', async () => {
    const a = take('quiet-guitar.wav');
    const b = take('dc-shifted-bass.wav');
    await vscode.commands.executeCommand('headroom.openTakeEditor', a, [a, b]);
    await waitFor('both tabs', () => (customTabs(a).length && customTabs(b).length ? true : undefined));
    assert.equal((customTabs(b)[0]!.input as vscode.TabInputCustom).viewType, VIEW_TYPE);
  });

  it('makes itself the default .wav editor at the user level, and restores the built-in one', async () => {
    const before = userAssociations() ?? {};
    assert.equal(before['*.wav'], undefined);
    const made = await vscode.commands.executeCommand<Record<string, string>>('headroom.makeDefaultWavEditor', { confirm: false });
    assert.deepEqual(made, { ...before, '*.wav': VIEW_TYPE });
    assert.equal(userAssociations()?.['*.wav'], VIEW_TYPE);
    const restored = await vscode.commands.executeCommand<Record<string, string>>('headroom.restoreDefaultWavEditor');
    assert.deepEqual(restored, before);
    assert.equal(userAssociations()?.['*.wav'], undefined);
  });
});
