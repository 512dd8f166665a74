// Drives Headroom through the VS Code API only, against the fixture workspace the runner prepares
// (demo takes and a rig file).

import assert from 'node:assert/strict';
import { closeSync, openSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import * as vscode from 'vscode';
import { checkRig, parseRig } from '../../src/core/gainstage';
import { DEFAULT_TARGETS } from '../../src/core/gainstage/targets';
import { codeOf, folder, take, waitFor } from './support/workspace';

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
    const result = (await vscode.commands.executeCommand('headroom.analyzeTake', uri)) as {
      overall: { clippedSamples: number };
      findings: { code: string; startSeconds?: number; durationSeconds?: number }[];
    };
    assert.ok(result.overall.clippedSamples > 0);
    const diags = vscode.languages.getDiagnostics(uri);
    const clip = diags.filter((d) => codeOf(d) === 'clipping');
    assert.ok(clip.length >= 2, `clipping diagnostics: ${diags.map(codeOf).join(', ')}`);
    assert.equal(clip[0]!.source, 'Headroom');
    assert.equal(clip[0]!.severity, vscode.DiagnosticSeverity.Error);
    assert.match(clip[0]!.message, /^Clipping on L from 0:02\.5\d\d to 0:09\.\d{3}: \d+ runs/);
    // One entry per passage (clipping on L, clipping on R: the overs inside them counted with them), in time order.
    assert.deepEqual(diags.map(codeOf), ['clipping', 'clipping']);
    // Its code is a link that opens the take editor at the passage's time.
    const code = clip[0]!.code as { value: string; target: vscode.Uri };
    assert.equal(code.target.scheme, 'command');
    assert.equal(code.target.path, 'headroom.openTakeAt');
    const [file, seconds, duration] = JSON.parse(code.target.query) as [string, number, number];
    assert.equal(file, uri.fsPath);
    const passage = result.findings.find((f) => f.code === 'clipping')!;
    assert.deepEqual([seconds, duration], [passage.startSeconds, passage.durationSeconds]);
    assert.ok(seconds >= 2.5 && seconds < 2.6 && duration > 6.9 && duration < 7.1, `passage at ${seconds} s for ${duration} s`);
  });

  it("opens the take editor at a finding's time from that link (headroom.openTakeAt)", async () => {
    const uri = take('clipped-drums.wav');
    await vscode.commands.executeCommand('headroom.openTakeAt', uri.fsPath, 1.5, 0.5);
    const tab = await waitFor('the take editor tab', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputCustom && t.input.uri.fsPath === uri.fsPath && t.input.viewType === 'headroom.takeEditor'),
    );
    assert.equal(tab.isActive, true);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('headroom.openTakeAt', '/etc/passwd', 1)), /expected \(path of a \.wav take/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('analyses an Explorer multi-selection: every selected take, with a summary', async () => {
    const picked = [take('good-vocal.wav'), take('quiet-guitar.wav'), take('good-vocal.wav')];
    const summary = await vscode.commands.executeCommand('headroom.analyzeTake', picked[0], picked);
    assert.deepEqual(summary, { analyzed: 2, failed: 0, skipped: 0, cancelled: false });
    assert.ok(vscode.languages.getDiagnostics(take('quiet-guitar.wav')).some((d) => codeOf(d) === 'too-quiet'));
  });

  it("publishes the rig file's problems without it being opened", async () => {
    const rig = vscode.Uri.joinPath(folder(), 'studio.headroom.json');
    assert.equal(
      vscode.workspace.textDocuments.some((d) => d.uri.toString() === rig.toString()),
      false,
      'the rig file is not open',
    );
    const problems = await waitFor("the rig file's problems", () => {
      const d = vscode.languages.getDiagnostics(rig);
      return d.length ? d : undefined;
    });
    // Every problem the rig check finds in the file, each at its value.
    const expected = checkRig(parseRig(readFileSync(rig.fsPath, 'utf8'), rig.fsPath), undefined, DEFAULT_TARGETS).map((p) => p.code);
    assert.ok(expected.includes('phantom-off-condenser') && expected.includes('too-few-headphone-outs'), expected.join(', '));
    assert.deepEqual(problems.map(codeOf).sort(), [...expected].sort());
    assert.ok(
      problems.every((d) => d.range.start.line > 0),
      'each at its value in the file',
    );
  });

  it('a rig file that cannot be read says why in the Problems panel, until it is gone', async () => {
    const uri = vscode.Uri.joinPath(folder(), 'unreadable.headroom.json');
    // Larger than Node reads into memory at once (2 GiB), and sparse, so it costs no disk.
    closeSync(openSync(uri.fsPath, 'w'));
    truncateSync(uri.fsPath, 3 * 2 ** 30);
    try {
      const diag = await waitFor("the unreadable rig file's problem", () => vscode.languages.getDiagnostics(uri)[0]);
      assert.equal(codeOf(diag), 'unreadable');
      assert.equal(diag.source, 'Headroom');
      assert.equal(diag.severity, vscode.DiagnosticSeverity.Error);
      assert.match(diag.message, /^Cannot read unreadable\.headroom\.json: /);
      assert.deepEqual([diag.range.start.line, diag.range.start.character, diag.range.end.line, diag.range.end.character], [0, 0, 0, 0]);
      assert.equal(vscode.languages.getDiagnostics(uri).length, 1);
    } finally {
      rmSync(uri.fsPath, { force: true });
    }
    await waitFor('the problem to go with the file', () => (vscode.languages.getDiagnostics(uri).length ? undefined : true));
  });

  it('analyses the whole workspace: every take, the unfinished one flagged as truncated', async () => {
    const summary = await vscode.commands.executeCommand('headroom.analyzeWorkspace');
    assert.deepEqual(summary, { analyzed: 10, failed: 0, skipped: 0, cancelled: false });
    assert.ok(vscode.languages.getDiagnostics(take('crashed-recorder.wav')).some((d) => codeOf(d) === 'truncated'));
    // The chain diagnosis reaches the Problems panel with its codes and times.
    assert.ok(
      vscode.languages
        .getDiagnostics(take('preamp-clipped-bass.wav'))
        .some((d) => codeOf(d) === 'analog-clipping' && /Flattened tops at -6\.\d dBFS on M: \d+ half-cycles from 0:00\.\d{3}/.test(d.message)),
    );
    assert.ok(vscode.languages.getDiagnostics(take('lowered-clip-vocal.wav')).some((d) => codeOf(d) === 'clipped-then-lowered'));
    assert.equal(vscode.languages.getDiagnostics(take('usb-dropouts.wav')).filter((d) => codeOf(d) === 'dropout').length, 3);
    assert.ok(vscode.languages.getDiagnostics(take('dead-right-channel.wav')).some((d) => codeOf(d) === 'dead-channel'));
    assert.ok(vscode.languages.getDiagnostics(take('dc-shifted-bass.wav')).some((d) => codeOf(d) === 'dc-offset'));
    assert.deepEqual(
      vscode.languages.getDiagnostics(take('good-vocal.wav')).filter((d) => d.severity === vscode.DiagnosticSeverity.Error),
      [],
    );
    assert.ok(
      vscode.languages.getDiagnostics(vscode.Uri.joinPath(folder(), 'studio.headroom.json')).some((d) => codeOf(d) === 'phantom-off-condenser'),
      'the rig file checked too',
    );
  });

  it('checks a rig file as it is edited, at the exact range, and its quick fix clears the problem', async () => {
    const uri = vscode.Uri.joinPath(folder(), 'studio.headroom.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const find = () => vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'phantom-off-condenser');
    const diag = await waitFor('phantom-off-condenser', find);
    assert.equal(doc.getText(diag.range), 'false');
    assert.equal(doc.languageId, 'jsonc');
    const actions = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, diag.range)) as vscode.CodeAction[];
    const fix = actions.find((a) => a.title === 'Turn phantom power on');
    assert.ok(fix?.edit, `actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitFor('the problem to clear', () => (find() ? undefined : true));
    assert.ok(
      vscode.languages.getDiagnostics(uri).some((d) => codeOf(d) === 'too-few-headphone-outs'),
      'other findings stay',
    );
  });
});
