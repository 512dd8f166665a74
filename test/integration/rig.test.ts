// The rig diagram, its export, the interface recommendation and the CodeLens on the fixture rig,
// driven through the VS Code API only.

import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { folder, take, waitFor } from './support/workspace';

const rigUri = () => vscode.Uri.joinPath(folder(), 'studio.headroom.json');

interface Fit {
  id: string;
  name: string;
  fits: boolean;
  status: 'fits' | 'may fit' | 'does not fit';
  reasons: string[];
}

const diagramTabs = () =>
  vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('headroom.rigDiagram'));

describe('Rig diagram, export and interface recommendation', () => {
  before(async () => {
    await vscode.extensions.getExtension('headroom.headroom')!.activate();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(rigUri()));
  });

  it('puts "Open rig diagram" and "Recommend an interface" at the top of the rig file', async () => {
    const found = (await vscode.commands.executeCommand('vscode.executeCodeLensProvider', rigUri())) as vscode.CodeLens[];
    const ours = found.filter((l) => l.command?.command.startsWith('headroom.'));
    assert.deepEqual(
      ours.map((l) => [l.command!.title, l.command!.command, l.range.start.line]),
      [
        ['Open rig diagram', 'headroom.openRigDiagram', 0],
        ['Recommend an interface', 'headroom.recommendInterface', 0],
      ],
    );
    assert.equal((ours[0]!.command!.arguments![0] as vscode.Uri).toString(), rigUri().toString());
  });

  it('opens the diagram in a webview panel named after the rig, and reuses it', async () => {
    await vscode.commands.executeCommand('headroom.openRigDiagram', rigUri());
    const tab = await waitFor('the rig diagram tab titled after the rig', () => diagramTabs().find((t) => t.label === 'Rig: Vocal and guitar, room B'));
    assert.ok(tab.input instanceof vscode.TabInputWebview);
    await vscode.commands.executeCommand('headroom.openRigDiagram', rigUri());
    assert.equal(diagramTabs().length, 1, 'one panel per rig file');
  });

  it('follows edits to the rig while it is open', async () => {
    const doc = await vscode.workspace.openTextDocument(rigUri());
    const at = doc.getText().indexOf('Vocal and guitar, room B');
    assert.ok(at > 0);
    const range = new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'Vocal and guitar, room B'.length));
    const rename = new vscode.WorkspaceEdit();
    rename.replace(rigUri(), range, 'Renamed room');
    assert.ok(await vscode.workspace.applyEdit(rename));
    await waitFor('the diagram to follow the new name', () => diagramTabs().find((t) => t.label === 'Rig: Renamed room'));
    const back = new vscode.WorkspaceEdit();
    back.replace(rigUri(), new vscode.Range(range.start, doc.positionAt(at + 'Renamed room'.length)), 'Vocal and guitar, room B');
    assert.ok(await vscode.workspace.applyEdit(back));
    await waitFor('the original name', () => diagramTabs().find((t) => t.label === 'Rig: Vocal and guitar, room B'));
  });

  it('exports an SVG with every input, the converter alignment and its own colours', async () => {
    const target = vscode.Uri.joinPath(folder(), 'exports', 'studio-rig.svg');
    const written = (await vscode.commands.executeCommand('headroom.exportRigDiagram', rigUri(), target)) as vscode.Uri;
    assert.equal(written.toString(), target.toString());
    const svg = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.ok(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 '), svg.slice(0, 120));
    for (const s of ['Lead vocal', 'Acoustic guitar', '0 dBFS at minimum gain: mic +10.0 dBu', 'role="img"', '<style>', 'Headphone outputs: need 2, has 1'])
      assert.ok(svg.includes(s), `export lacks ${s}`);
  });

  it('ranks the catalogue for the rig: fitting interfaces first, then those that may, then the rest with their reasons', async () => {
    const fits = (await vscode.commands.executeCommand('headroom.recommendInterface', rigUri(), { pick: false })) as Fit[];
    assert.ok(fits.length > 0);
    const order = { fits: 0, 'may fit': 1, 'does not fit': 2 };
    assert.deepEqual(
      fits.map((f) => order[f.status]),
      [...fits.map((f) => order[f.status])].sort((a, b) => a - b),
    );
    assert.equal(fits[0]!.status, 'fits', 'a small two-input session fits something in the catalogue');
    assert.ok(fits.every((f) => (f.status === 'does not fit') === f.reasons.length > 0 && f.fits === (f.status === 'fits')));
  });

  it('choosing an interface sets "interface" to its catalogue id in the rig', async () => {
    const doc = await vscode.workspace.openTextDocument(rigUri());
    const before = doc.getText();
    const fits = (await vscode.commands.executeCommand('headroom.recommendInterface', rigUri(), { pick: false })) as Fit[];
    await vscode.commands.executeCommand('headroom.recommendInterface', rigUri(), { apply: fits[0]!.id });
    assert.ok(doc.getText().includes(`"interface": "${fits[0]!.id}"`), doc.getText().slice(0, 300));
    const restore = new vscode.WorkspaceEdit();
    restore.replace(rigUri(), new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), before);
    assert.ok(await vscode.workspace.applyEdit(restore));
    assert.equal(doc.getText(), before);
  });

  it('writes the settings a new take is recorded with into the rig, and the command records a chosen take', async () => {
    const doc = await vscode.workspace.openTextDocument(rigUri());
    // Earlier tests leave their restoring edits unsaved; a rig with unsaved changes is not saved for a record.
    if (doc.isDirty) await doc.save();
    const before = doc.getText();
    const fresh = take('vox-77.wav');
    try {
      // A recorder starts a take that the vocal input's "takes/vox-*.wav" glob matches.
      await vscode.workspace.fs.writeFile(fresh, await vscode.workspace.fs.readFile(take('good-vocal.wav')));
      await waitFor('the take record in the rig', () => (doc.getText().includes('"takes/vox-77.wav"') ? true : undefined));
      const parsed = JSON.parse(doc.getText().replace(/^\s*\/\/.*$/gm, '')) as {
        inputs: { id: string; phantom: boolean }[];
        recorded: Record<string, Record<string, unknown>>;
      };
      const recorded = parsed.recorded['takes/vox-77.wav']!;
      // Whatever the input's 48 V is now (an earlier test's quick fix may have turned it on).
      const phantom = parsed.inputs.find((i) => i.id === 'vox')!.phantom;
      assert.deepEqual({ ...recorded, at: typeof recorded.at }, { input: 'vox', inputType: 'mic', preampGainDb: 12, padDb: 0, phantom, at: 'string' });
      // The record is saved after the rig index has re-read it: wait for the save, not just the edit.
      await waitFor('the rig saved, like the take', () => (doc.isDirty ? undefined : true));
      // The command records the chosen take; with a record already there it rewrites it.
      const n = await vscode.commands.executeCommand('headroom.recordTakeSettings', fresh);
      assert.equal(n, 1);
    } finally {
      await vscode.workspace.fs.delete(fresh);
      const restore = new vscode.WorkspaceEdit();
      restore.replace(rigUri(), new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), before);
      assert.ok(await vscode.workspace.applyEdit(restore));
      await doc.save();
    }
  });
});
