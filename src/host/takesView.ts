// The "Takes" view in the Explorer: every take in the workspace, grouped by folder or by the rig input
// it was recorded through, each with its true peak, loudness and a status icon. The first paint
// shows cached figures (no sample is read); new results stream in through the store.

import * as vscode from 'vscode';
import { plural } from '../core/format';
import { Disposable } from './dispose';
import type { RigIndex } from './rigIndex';
import { findTakes } from './takeFiles';
import type { TakeStore } from './takeStore';
import type { TakeWatcher } from './takeWatcher';
import {
  baseName,
  figuresLine,
  groupTakes,
  keyFiguresMarkdown,
  takeDescription,
  takesSummary,
  takeStatus,
  type Grouping,
  type SortOrder,
  type TakeEntry,
  type TakeGroup,
  type TakeStatus,
} from './takesModel';

type Node = { kind: 'group'; group: TakeGroup } | { kind: 'take'; entry: TakeEntry; uri: vscode.Uri };

const REFRESH_MS = 150;
const STATE_KEY = 'headroom.takes.view';

const ICONS: Record<TakeStatus, vscode.ThemeIcon> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  pass: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  analyzing: new vscode.ThemeIcon('loading~spin'),
  pending: new vscode.ThemeIcon('circle-outline'),
};

/** Opens a take in Headroom's take editor. */
export function openTake(uri: vscode.Uri): Thenable<unknown> {
  return vscode.commands.executeCommand('vscode.openWith', uri, 'headroom.takeEditor');
}

export class TakesView extends Disposable implements vscode.TreeDataProvider<Node> {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this.changed.event;
  private readonly selected = this._register(new vscode.EventEmitter<vscode.Uri | undefined>());
  /** The take selected in the view changed (the status bar follows it when no take editor is active). */
  readonly onDidSelectTake = this.selected.event;
  private selectedTake: vscode.Uri | undefined;
  private readonly view: vscode.TreeView<Node>;
  private takes: Promise<vscode.Uri[]>;
  private grouping: Grouping;
  private order: SortOrder;
  /** Takes the view's own Analyse action is working on. */
  private readonly busy = new Set<string>();
  private refreshTimer: NodeJS.Timeout | undefined;
  private relistTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly store: TakeStore,
    private readonly rigs: RigIndex,
    private readonly watcher: TakeWatcher,
  ) {
    super();
    const saved = context.workspaceState.get<{ grouping?: Grouping; order?: SortOrder }>(STATE_KEY) ?? {};
    this.grouping = saved.grouping === 'input' ? 'input' : 'folder';
    this.order = saved.order === 'peak' || saved.order === 'loudness' ? saved.order : 'name';
    this.takes = this.list();
    this.view = this._register(vscode.window.createTreeView('headroom.takes', { treeDataProvider: this, showCollapseAll: true, canSelectMany: true }));
    this._register(
      this.view.onDidChangeSelection((e) => {
        const take = e.selection.find((n): n is Extract<Node, { kind: 'take' }> => n.kind === 'take');
        this.selectedTake = take?.uri;
        this.selected.fire(this.selectedTake);
      }),
    );
    this._register(store.onDidChange(() => this.refresh()));
    this._register(rigs.onDidChange(() => this.refresh()));
    this._register(watcher.onDidChangePending(() => this.refresh()));
    this._register(watcher.onDidChangeTakes(() => this.relist()));
    const reg = (id: string, fn: (...args: unknown[]) => unknown) => this._register(vscode.commands.registerCommand(id, fn));
    reg('headroom.takes.groupByFolder', () => this.setView({ grouping: 'folder' }));
    reg('headroom.takes.groupByInput', () => this.setView({ grouping: 'input' }));
    reg('headroom.takes.sortByName', () => this.setView({ order: 'name' }));
    reg('headroom.takes.sortByPeak', () => this.setView({ order: 'peak' }));
    reg('headroom.takes.sortByLoudness', () => this.setView({ order: 'loudness' }));
    reg('headroom.takes.refresh', () => this.relist(0));
    reg('headroom.takes.open', (arg?: unknown) => {
      const uri = this.targets(arg)[0];
      return uri ? openTake(uri) : undefined;
    });
    reg('headroom.takes.analyze', (arg?: unknown, all?: unknown) => this.analyze(this.targets(arg, all)));
    reg('headroom.takes.reveal', (arg?: unknown) => {
      const uri = this.targets(arg)[0];
      return uri ? vscode.commands.executeCommand('revealInExplorer', uri) : undefined;
    });
    reg('headroom.takes.copyFigures', (arg?: unknown, all?: unknown) => this.copyFigures(this.targets(arg, all)));
    reg('headroom.takes.copySummary', () => this.copySummary());
    void this.updateContext();
  }

  get selection(): vscode.Uri | undefined {
    return this.selectedTake;
  }

  private list(): Promise<vscode.Uri[]> {
    return findTakes(this.store.settings);
  }

  /** Lists the takes again (a take appeared or went, the scan settings changed); bursts make one listing. */
  private relist(delay = REFRESH_MS): void {
    clearTimeout(this.relistTimer);
    this.relistTimer = setTimeout(() => {
      this.takes = this.list();
      this.changed.fire();
    }, delay);
  }

  private refresh(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.changed.fire();
    }, REFRESH_MS);
  }

  private async setView(change: { grouping?: Grouping; order?: SortOrder }): Promise<void> {
    this.grouping = change.grouping ?? this.grouping;
    this.order = change.order ?? this.order;
    await this.context.workspaceState.update(STATE_KEY, { grouping: this.grouping, order: this.order });
    await this.updateContext();
    this.changed.fire();
  }

  private async updateContext(): Promise<void> {
    await vscode.commands.executeCommand('setContext', 'headroom.takes.grouping', this.grouping);
    await vscode.commands.executeCommand('setContext', 'headroom.takes.order', this.order);
  }

  private entry(uri: vscode.Uri): TakeEntry {
    const m = this.rigs.match(uri);
    return {
      key: uri.toString(),
      relPath: vscode.workspace.asRelativePath(uri),
      input: m && { rig: vscode.workspace.asRelativePath(m.rigUri), id: m.input.id, name: m.input.name },
      result: this.store.get(uri),
      analyzing: this.busy.has(uri.toString()) || this.watcher.isPending(uri),
    };
  }

  /** The tree's content as the user sees it: groups in order, takes sorted within them. */
  async groups(): Promise<TakeGroup[]> {
    await Promise.all([this.store.whenLoaded(), this.rigs.ready]);
    const uris = await this.takes;
    return groupTakes(
      uris.map((u) => this.entry(u)),
      this.grouping,
      this.order,
    );
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node?.kind === 'take') return [];
    if (node) return node.group.takes.map((entry) => ({ kind: 'take', entry, uri: vscode.Uri.parse(entry.key) }));
    const groups = await this.groups();
    const withErrors = groups.flatMap((g) => g.takes).filter((t) => takeStatus(t) === 'error').length;
    this.view.badge = withErrors ? { value: withErrors, tooltip: `${plural(withErrors, 'take')} with errors` } : undefined;
    return groups.map((group) => ({ kind: 'group', group }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'group') {
      const { group } = node;
      const item = new vscode.TreeItem(group.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = group.id;
      item.description = [group.description, `${group.takes.length} take${group.takes.length === 1 ? '' : 's'}`].filter(Boolean).join(' · ');
      item.iconPath = new vscode.ThemeIcon(this.grouping === 'folder' ? 'folder' : 'mic');
      item.contextValue = 'headroom.takeGroup';
      return item;
    }
    const { entry, uri } = node;
    const item = new vscode.TreeItem(baseName(entry.relPath), vscode.TreeItemCollapsibleState.None);
    item.id = entry.key;
    // The resource lets the Problems decorations colour the name, as in the Explorer.
    item.resourceUri = uri;
    item.description = takeDescription(entry);
    item.iconPath = ICONS[takeStatus(entry)];
    const tooltip = new vscode.MarkdownString(keyFiguresMarkdown(entry.relPath, entry.result), true);
    item.tooltip = tooltip;
    item.contextValue = 'headroom.take';
    item.command = { command: 'headroom.takes.open', title: 'Open in Headroom', arguments: [uri] };
    return item;
  }

  /** The takes a command applies to: the multi-selection, the clicked node, a URI, or the selection. */
  private targets(arg: unknown, all?: unknown): vscode.Uri[] {
    const toUri = (n: unknown): vscode.Uri | undefined =>
      n instanceof vscode.Uri ? n : n && typeof n === 'object' && (n as Node).kind === 'take' ? (n as Extract<Node, { kind: 'take' }>).uri : undefined;
    const fromGroup = (n: unknown): vscode.Uri[] =>
      n && typeof n === 'object' && (n as Node).kind === 'group' ? (n as Extract<Node, { kind: 'group' }>).group.takes.map((t) => vscode.Uri.parse(t.key)) : [];
    const picked = Array.isArray(all) && all.length ? all : arg === undefined ? this.view.selection : [arg];
    const uris = picked.flatMap((n) => {
      const u = toUri(n);
      return u ? [u] : fromGroup(n);
    });
    return [...new Map(uris.map((u) => [u.toString(), u])).values()];
  }

  private async analyze(uris: vscode.Uri[]): Promise<void> {
    for (const u of uris) this.busy.add(u.toString());
    this.refresh();
    try {
      // The same command as the Explorer's: one take, or the selection with cancellable progress.
      await vscode.commands.executeCommand('headroom.analyzeTake', uris[0], uris);
    } finally {
      for (const u of uris) this.busy.delete(u.toString());
      this.refresh();
    }
  }

  private async copyFigures(uris: vscode.Uri[]): Promise<string> {
    const text = uris.map((u) => figuresLine(vscode.workspace.asRelativePath(u), this.store.get(u))).join('\n');
    await vscode.env.clipboard.writeText(text);
    return text;
  }

  /** Copies the view, as grouped and sorted, as text; returns it (for pasting into session notes). */
  private async copySummary(): Promise<string> {
    const text = takesSummary(await this.groups());
    await vscode.env.clipboard.writeText(text);
    void vscode.window.setStatusBarMessage('Headroom: takes summary copied', 3000);
    return text;
  }

  override dispose(): void {
    clearTimeout(this.refreshTimer);
    clearTimeout(this.relistTimer);
    super.dispose();
  }
}
