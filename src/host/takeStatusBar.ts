// The active take's true peak and loudness in the status bar, coloured like its worst finding; a
// click opens its findings. "Active" is the take editor's or a text tab's take, else the take
// selected in the takes view.

import * as vscode from 'vscode';
import { Disposable } from './dispose';
import { activeTakeUri } from './takeCommands';
import { keyFiguresLine, keyFiguresMarkdown, levelsLabel, worstSeverity } from './takesModel';
import type { TakeStore } from './takeStore';

export interface TakeSelection {
  readonly selection: vscode.Uri | undefined;
  readonly onDidSelectTake: vscode.Event<vscode.Uri | undefined>;
}

export class TakeStatusBar extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('headroom.activeTake', vscode.StatusBarAlignment.Right, 100));

  constructor(
    private readonly store: TakeStore,
    private readonly selection: TakeSelection,
  ) {
    super();
    this.item.name = 'Headroom: Active Take';
    this._register(vscode.window.tabGroups.onDidChangeTabs(() => this.update()));
    this._register(vscode.window.tabGroups.onDidChangeTabGroups(() => this.update()));
    this._register(vscode.window.onDidChangeActiveTextEditor(() => this.update()));
    this._register(selection.onDidSelectTake(() => this.update()));
    this._register(
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
      this.item.backgroundColor =
        worst === 'error'
          ? new vscode.ThemeColor('statusBarItem.errorBackground')
          : worst === 'warning'
            ? new vscode.ThemeColor('statusBarItem.warningBackground')
            : undefined;
    }
    this.item.show();
  }
}
