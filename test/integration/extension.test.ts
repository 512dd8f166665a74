// Drives Headroom through the VS Code API only, against the fixture workspace the runner prepares
// (demo takes and a rig file).

import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { folder, take, waitFor } from './support/workspace';

describe('Headroom in VS Code', () => {
  it('activates and registers its commands', async () => {
    const ext = vscode.extensions.getExtension('headroom.headroom');
    assert.ok(ext, 'extension present');
    await ext.activate();
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['headroom.analyzeTake', 'headroom.analyzeWorkspace']) assert.ok(commands.includes(id), id);
  });

  it('analyses a clipped take in the worker pool and reports clipping in the Problems panel', async () => {
    const uri = take('clipped-drums.wav');
    const result = (await vscode.commands.executeCommand('headroom.analyzeTake', uri)) as { overall: { clippedSamples: number } };
    assert.ok(result.overall.clippedSamples > 0);
    const diags = vscode.languages.getDiagnostics(uri);
    const clip = diags.filter((d) => d.code === 'clipping');
    assert.ok(clip.length >= 2, `clipping diagnostics: ${diags.map((d) => d.code).join(', ')}`);
    assert.equal(clip[0]!.source, 'Headroom');
    assert.equal(clip[0]!.severity, vscode.DiagnosticSeverity.Error);
    assert.match(clip[0]!.message, /^Clipping on [LR] from 0:00\.\d{3} to 0:09\.\d{3}: \d+ runs/);
  });

  it('analyses an Explorer multi-selection: every selected take, with a summary', async () => {
    const picked = [take('good-vocal.wav'), take('quiet-guitar.wav'), take('good-vocal.wav')];
    const summary = await vscode.commands.executeCommand('headroom.analyzeTake', picked[0], picked);
    assert.deepEqual(summary, { analysed: 2, failed: 0, skipped: 0, cancelled: false });
    assert.ok(vscode.languages.getDiagnostics(take('quiet-guitar.wav')).some((d) => d.code === 'too-quiet'));
  });

  it('analyses the whole workspace: every take, the unfinished one flagged as truncated', async () => {
    const summary = await vscode.commands.executeCommand('headroom.analyzeWorkspace');
    assert.deepEqual(summary, { analysed: 10, failed: 0, skipped: 0, cancelled: false });
    assert.ok(vscode.languages.getDiagnostics(take('crashed-recorder.wav')).some((d) => d.code === 'truncated'));
    // The chain diagnosis reaches the Problems panel with its codes and times.
    assert.ok(vscode.languages.getDiagnostics(take('preamp-clipped-bass.wav')).some((d) => d.code === 'analog-clipping' && /Flattened tops at -6\.\d dBFS on M: \d+ half-cycles from 0:00\.\d{3}/.test(d.message)));
    assert.ok(vscode.languages.getDiagnostics(take('lowered-clip-vocal.wav')).some((d) => d.code === 'clipped-then-lowered'));
    assert.equal(vscode.languages.getDiagnostics(take('usb-dropouts.wav')).filter((d) => d.code === 'dropout').length, 3);
    assert.ok(vscode.languages.getDiagnostics(take('dead-right-channel.wav')).some((d) => d.code === 'dead-channel'));
    assert.ok(vscode.languages.getDiagnostics(take('dc-shifted-bass.wav')).some((d) => d.code === 'dc-offset'));
    assert.deepEqual(vscode.languages.getDiagnostics(take('good-vocal.wav')).filter((d) => d.severity === vscode.DiagnosticSeverity.Error), []);
  });

  it('checks a rig file as it is edited, at the exact range, and its quick fix clears the problem', async () => {
    const uri = vscode.Uri.joinPath(folder(), 'studio.headroom.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const find = () => vscode.languages.getDiagnostics(uri).find((d) => d.code === 'phantom-off-condenser');
    const diag = await waitFor('phantom-off-condenser', find);
    assert.equal(doc.getText(diag.range), 'false');
    assert.equal(doc.languageId, 'jsonc');
    const actions = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, diag.range)) as vscode.CodeAction[];
    const fix = actions.find((a) => a.title === 'Turn phantom power on');
    assert.ok(fix?.edit, `actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitFor('the problem to clear', () => (find() ? undefined : true));
    assert.ok(vscode.languages.getDiagnostics(uri).some((d) => d.code === 'too-few-headphone-outs'), 'other findings stay');
  });
});
