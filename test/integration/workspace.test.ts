// The workspace side, through the VS Code API only: the file watcher, cancelling a scan, report export,
// targets, the cache, the takes view (through its "Copy Takes Summary" command, which returns the
// text it copies) and the hover and CodeLens on takes named in source code (src/player.ts).

import assert from 'node:assert/strict';
import { openSync, closeSync, readFileSync, rmSync, writeSync } from 'node:fs';
import * as vscode from 'vscode';
import { codeOf, folder, take, sleep, waitFor } from './support/workspace';

const FIXTURE_TAKES = [
  'clipped-drums.wav',
  'crashed-recorder.wav',
  'dc-shifted-bass.wav',
  'dead-right-channel.wav',
  'good-vocal.wav',
  'lowered-clip-vocal.wav',
  'mix-5.1-stem.wav',
  'preamp-clipped-bass.wav',
  'quiet-guitar.wav',
  'usb-dropouts.wav',
];

interface Summary {
  analyzed: number;
  failed: number;
  skipped: number;
  cancelled: boolean;
}

const hoverText = (hovers: vscode.Hover[]) => hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');

describe('Headroom workspace: watcher, takes view, export, targets, source hints', () => {
  before(async () => {
    await vscode.extensions.getExtension('headroom.headroom')!.activate();
  });
  // Later suites count the fixture takes: never leave the watched take behind.
  after(() => rmSync(take('watched-take.wav').fsPath, { force: true }));

  it('registers the workspace commands under the Headroom category', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of [
      'headroom.setTargets',
      'headroom.exportReport',
      'headroom.clearCache',
      'headroom.showFindings',
      'headroom.takes.copySummary',
      'headroom.takes.open',
    ]) {
      assert.ok(commands.includes(id), id);
    }
  });

  it('the watcher analyses a take a recorder writes into the workspace, once the write has finished, and forgets it when deleted', async () => {
    const source = readFileSync(take('clipped-drums.wav').fsPath);
    const target = take('watched-take.wav');
    // Written in four parts 300 ms apart, like a recorder flushing its buffers.
    const fd = openSync(target.fsPath, 'w');
    try {
      const part = Math.ceil(source.length / 4);
      for (let at = 0; at < source.length; at += part) {
        writeSync(fd, source, at, Math.min(part, source.length - at));
        await sleep(300);
      }
    } finally {
      closeSync(fd);
    }
    const finished = Date.now();
    const clipping = await waitFor(
      'clipping diagnostics on the new take',
      () => vscode.languages.getDiagnostics(target).find((d) => codeOf(d) === 'clipping'),
      10000,
    );
    assert.equal(clipping.severity, vscode.DiagnosticSeverity.Error);
    assert.match(clipping.message, /^Clipping on [LR] from 0:02\.5\d\d to 0:09\.\d{3}: \d+ runs/);
    assert.ok(Date.now() - finished < 10000);
    // The complete file was analysed, not a part of it: the same clipping as the original.
    const original = (await vscode.commands.executeCommand('headroom.analyzeTake', take('clipped-drums.wav'))) as { overall: { clippedSamples: number } };
    // Change events may still be arriving from the writes; the view settles on the figures and an error icon.
    const row = /\n {2}watched-take\.wav {2}-?\d+\.\d dBTP · -?\d+\.\d LUFS {2}\[error\]\n/;
    await waitFor(
      'the take in the takes view',
      async () => (row.test((await vscode.commands.executeCommand('headroom.takes.copySummary')) as string) ? true : undefined),
      5000,
    );
    const copied = (await vscode.commands.executeCommand('headroom.takes.copyFigures', target)) as string;
    assert.match(copied, new RegExp(`^takes/watched-take\\.wav: true peak .* ${original.overall.clippedSamples} clipped samples, `));

    rmSync(target.fsPath);
    await waitFor('the deleted take to leave the Problems panel', () => (vscode.languages.getDiagnostics(target).length === 0 ? true : undefined), 10000);
    await waitFor(
      'the deleted take to leave the takes view',
      async () => (((await vscode.commands.executeCommand('headroom.takes.copySummary')) as string).includes('watched-take') ? undefined : true),
      5000,
    );
  });

  it('cancelling a workspace scan stops it: the summary says cancelled', async () => {
    await vscode.commands.executeCommand('headroom.clearCache');
    const scan = vscode.commands.executeCommand<Summary>('headroom.analyzeWorkspace');
    // The scan registers itself as it starts; cancel as soon as there is something to cancel.
    let cancelled = 0;
    while (cancelled === 0) {
      cancelled = (await vscode.commands.executeCommand<number>('headroom.cancelAnalysis')) ?? 0;
      if (cancelled === 0) await sleep(5);
    }
    const summary = await scan;
    assert.equal(summary.cancelled, true);
    assert.ok(summary.analyzed < FIXTURE_TAKES.length, `analysed ${summary.analyzed} before the cancel took effect`);
  });

  it('after clearing the cache the takes view still lists every take, not analysed; a scan fills in figures and status', async () => {
    await vscode.commands.executeCommand('headroom.clearCache');
    await vscode.commands.executeCommand('headroom.takes.groupByFolder');
    await vscode.commands.executeCommand('headroom.takes.sortByName');
    const before = (await vscode.commands.executeCommand('headroom.takes.copySummary')) as string;
    assert.equal(before, `takes\n${FIXTURE_TAKES.map((t) => `  ${t}  not analysed  [pending]\n`).join('')}`);

    const summary = await vscode.commands.executeCommand<Summary>('headroom.analyzeWorkspace');
    assert.deepEqual(summary, { analyzed: FIXTURE_TAKES.length, failed: 0, skipped: 0, cancelled: false });
    await vscode.commands.executeCommand('headroom.takes.sortByPeak');
    const after = ((await vscode.commands.executeCommand('headroom.takes.copySummary')) as string).split('\n');
    assert.equal(after[0], 'takes');
    assert.match(
      after.find((l) => l.includes('clipped-drums'))!,
      /^ {2}clipped-drums\.wav {2}-?\d+\.\d dBTP · -?\d+\.\d LUFS {2}\[error\]$/,
    );
    assert.match(
      after.find((l) => l.includes('dead-right-channel'))!,
      /\[error\]$/,
    );
    // Loudest true peak first: the clipped drums (at or above 0 dBTP) lead, the quiet guitar comes last.
    assert.match(after[1]!, /^ {2}clipped-drums\.wav /);
    assert.match(after.filter((l) => l.startsWith('  ')).at(-1)!, /^ {2}quiet-guitar\.wav /);

    await vscode.commands.executeCommand('headroom.takes.sortByLoudness');
    const byLoudness = ((await vscode.commands.executeCommand('headroom.takes.copySummary')) as string).split('\n');
    // Loudest integrated loudness first: the clipped drums (about -5 LUFS); the quiet guitar last.
    assert.match(byLoudness[1]!, /^ {2}clipped-drums\.wav /);
    assert.match(byLoudness.filter((l) => l.startsWith('  ')).at(-1)!, /^ {2}quiet-guitar\.wav /);

    await vscode.commands.executeCommand('headroom.takes.groupByInput');
    const byInput = (await vscode.commands.executeCommand('headroom.takes.copySummary')) as string;
    // The fixture rig's inputs take "takes/vox-*.wav" and "takes/gtr-*.wav": no demo take matches.
    assert.equal(byInput.split('\n')[0], 'No rig input');
    assert.equal(byInput.split('\n').filter((l) => l.startsWith('  ')).length, FIXTURE_TAKES.length);
    await vscode.commands.executeCommand('headroom.takes.groupByFolder');
    await vscode.commands.executeCommand('headroom.takes.sortByName');
  });

  it('the view analyses just the selected takes (context menu on a multi-selection)', async () => {
    await vscode.commands.executeCommand('headroom.clearCache');
    const picked = [take('good-vocal.wav'), take('quiet-guitar.wav')];
    await vscode.commands.executeCommand('headroom.takes.analyze', picked[0], picked);
    await vscode.commands.executeCommand('headroom.takes.sortByName');
    const rows = ((await vscode.commands.executeCommand('headroom.takes.copySummary')) as string).split('\n').filter((l) => l.startsWith('  '));
    assert.deepEqual(
      rows.map((l) => `${l.trim().split(' ')[0]} ${/not analysed/.test(l) ? 'pending' : 'analysed'}`),
      FIXTURE_TAKES.map((t) => `${t} ${t === 'good-vocal.wav' || t === 'quiet-guitar.wav' ? 'analysed' : 'pending'}`),
    );
    await vscode.commands.executeCommand('headroom.analyzeWorkspace');
  });

  it('exports Markdown, CSV and JSON reports with the same figures for the clipped take', async () => {
    const written: Record<string, string> = {};
    for (const format of ['md', 'csv', 'json']) {
      const uri = vscode.Uri.joinPath(folder(), 'reports', `report.${format}`);
      const out = await vscode.commands.executeCommand<vscode.Uri>('headroom.exportReport', { format, uri });
      assert.equal(out?.toString(), uri.toString());
      written[format] = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    }
    const json = JSON.parse(written.json!) as {
      file: string;
      overall: { truePeakDbtp: number; clippedSamples: number };
      loudness: { integratedLufs: number };
    }[];
    assert.equal(json.length, FIXTURE_TAKES.length);
    const clipped = json.find((r) => r.file.endsWith('clipped-drums.wav'))!;
    assert.equal(clipped.file, take('clipped-drums.wav').fsPath);
    assert.ok(clipped.overall.clippedSamples > 0);

    const csv = written.csv!.split('\r\n');
    assert.equal(
      csv[0],
      'file,duration_s,sample_rate_hz,channels,sample_peak_dbfs,true_peak_dbtp,rms_dbfs,integrated_lufs,loudness_range_lu,clipped_samples,suggested_gain_db,limited_by,errors,warnings,infos,findings,diagnosis,rig_input,error',
    );
    const row = csv.find((l) => l.startsWith('takes/clipped-drums.wav,'))!.split(',');
    assert.equal(row[5], clipped.overall.truePeakDbtp.toFixed(2));
    assert.equal(row[7], clipped.loudness.integratedLufs.toFixed(2));
    assert.equal(row[9], String(clipped.overall.clippedSamples));
    assert.match(row[15]!, /^clipping(;|$)/);

    const mdRow = written.md!.split('\n').find((l) => l.startsWith('| takes/clipped-drums.wav |'))!;
    const cells = mdRow.split(' | ');
    assert.equal(cells[2], clipped.overall.truePeakDbtp.toFixed(1));
    assert.equal(cells[4], clipped.loudness.integratedLufs.toFixed(1));
    assert.equal(cells[6], String(clipped.overall.clippedSamples));
    assert.ok(written.md!.includes('\n## takes/clipped-drums.wav\n\n- ERROR clipping: Clipping on '));
  });

  it('setTargets writes the workspace settings, and the next analysis aims at them', async () => {
    const cfg = () => vscode.workspace.getConfiguration('headroom');
    try {
      const set = await vscode.commands.executeCommand('headroom.setTargets', { loudnessLufs: -16, peakCeilingDbtp: -2 });
      assert.deepEqual(set, { loudnessLufs: -16, peakCeilingDbtp: -2 });
      assert.equal(cfg().inspect('targets.loudnessLufs')?.workspaceValue, -16);
      assert.equal(cfg().inspect('targets.peakCeilingDbtp')?.workspaceValue, -2);
      const r = (await vscode.commands.executeCommand('headroom.analyzeTake', take('good-vocal.wav'))) as {
        loudness: { integratedLufs: number };
        overall: { truePeakDbtp: number };
        suggestedGain: { byTarget: { loudness: number; ceiling: number } };
      };
      assert.ok(Math.abs(r.suggestedGain.byTarget.loudness - (-16 - r.loudness.integratedLufs)) < 0.01, JSON.stringify(r.suggestedGain));
      assert.ok(Math.abs(r.suggestedGain.byTarget.ceiling - (-2 - r.overall.truePeakDbtp)) < 0.01, JSON.stringify(r.suggestedGain));
      await assert.rejects(
        Promise.resolve(vscode.commands.executeCommand('headroom.setTargets', { loudnessLufs: -90, peakCeilingDbtp: -1 })),
        /loudnessLufs must be between -70 and 0 LUFS, got -90/,
      );
      assert.equal(cfg().inspect('targets.loudnessLufs')?.workspaceValue, -16, 'a rejected value changes nothing');
    } finally {
      await cfg().update('targets.loudnessLufs', undefined, vscode.ConfigurationTarget.Workspace);
      await cfg().update('targets.peakCeilingDbtp', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('a string naming a take in source code gets a hover with its key figures and links', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), 'src', 'player.ts'));
    const at = (text: string) => doc.positionAt(doc.getText().indexOf(text) + 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at('takes/clipped-drums.wav'));
    const text = hoverText(hovers);
    assert.match(text, /\| True peak \| \\?-?\d+\\\.\d dBTP \|/);
    assert.match(text, /\| Integrated loudness \| \\?-?\d+\\\.\d LUFS \|/);
    assert.match(text, /\*\*Findings\*\* \(\d+ errors?/);
    assert.ok(text.includes('[Open in Headroom](command:headroom.takes.open?'), text);
    assert.ok(text.includes('[Analyse](command:headroom.analyzeTake?'), text);
    const relative = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at('../takes/good-vocal.wav')));
    assert.ok(relative.includes('**takes/good\\-vocal\\.wav**'), relative);
    const missing = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at('takes/not-recorded-yet.wav')));
    assert.ok(!missing.includes('dBTP'), missing);
  });

  it('a CodeLens above each line naming a take shows its peak, loudness and findings', async () => {
    const uri = vscode.Uri.joinPath(folder(), 'src', 'player.ts');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const ours = lenses.filter((l) => l.command?.command === 'headroom.takes.open' || l.command?.command === 'headroom.analyzeTake');
    assert.deepEqual(
      ours.map((l) => l.range.start.line),
      [2, 3],
    );
    assert.match(ours[0]!.command!.title, /^clipped-drums\.wav: -?\d+\.\d dBTP · -?\d+\.\d LUFS · \d+ findings$/);
    assert.match(ours[1]!.command!.title, /^good-vocal\.wav: -?\d+\.\d dBTP · -?\d+\.\d LUFS · (no findings|\d+ findings?)$/);
    assert.equal((ours[0]!.command!.arguments![0] as vscode.Uri).toString(), take('clipped-drums.wav').toString());

    await vscode.workspace.getConfiguration('headroom').update('sourceHints.enabled', false, vscode.ConfigurationTarget.Workspace);
    try {
      const off = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      assert.equal(off.filter((l) => l.command?.command === 'headroom.takes.open').length, 0);
    } finally {
      await vscode.workspace.getConfiguration('headroom').update('sourceHints.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
