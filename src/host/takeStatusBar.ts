// The active take's true peak and loudness in the status bar, coloured like its worst finding; a
// click opens its findings. "Active" is the take editor's or a text tab's take, else the take
// selected in the takes view.

import * as vscode from 'vscode';
import { activeTakeUri } from './takeCommands';
import { keyFiguresLine, keyFiguresMarkdown, levelsLabel, worstSeverity } from './takesModel';
import type { TakeStore } from './takeStore';

export interface TakeSelection {
  readonly selection: vscode.Uri | undefined;
  readonly onDidSelectTake: vscode.Event<vscode.Uri | undefined>;
}

export class TakeStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('headroom.activeTake', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(
    private readonly store: TakeStore,
    private readonly selection: TakeSelection,
  ) {
    this.item.name = 'Headroom: Active Take';
    this.disposables.push(
      vscode.window.tabGroups.onDidChangeTabs(() => this.update()),
      vscode.window.tabGroups.onDidChangeTabGroups(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      selection.onDidSelectTake(() => this.update()),
      store.onDidChange((uris) => {
        const current = this.current();
        if (current && (uris.length === 0 || uris.some((u) => u.toString() === current.toString()))) this.update();
      }),
    );
    this.update();
  }

  private current(): vscode.Uri | undefined {
    return activeTakeUri() ?? this.selection.selection;
  }

  private update(): void {
    const uri = this.current();
    if (!uri) {
      this.item.hide();
      return;
    }
    const result = this.store.get(uri);
    const rel = vscode.workspace.asRelativePath(uri);
    if (!result) {
      this.item.text = '$(pulse) not analysed';
      this.item.tooltip = `${rel}: click to analyse with Headroom`;
      this.item.command = { command: 'headroom.analyzeTake', title: 'Analyse Take', arguments: [uri] };
      this.item.backgroundColor = undefined;
      this.item.accessibilityInformation = { label: `Headroom: ${rel} is not analysed; activate to analyse it`, role: 'button' };
    } else {
      this.item.text = `$(pulse) ${levelsLabel(result)}`;
      const tooltip = new vscode.MarkdownString(keyFiguresMarkdown(rel, result), true);
      tooltip.appendMarkdown('\n\n*Click to show the findings.*');
      this.item.tooltip = tooltip;
      this.item.command = { command: 'headroom.showFindings', title: 'Show Findings', arguments: [uri] };
      // Screen readers get plain words, not the tooltip's escaped Markdown.
      this.item.accessibilityInformation = { label: `Headroom: ${rel}: ${keyFiguresLine(result)}; activate to show the findings`, role: 'button' };
      const worst = worstSeverity(result);
      this.item.backgroundColor = worst === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : worst === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    }
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
