// Headroom's settings as VS Code holds them, read through the one settings model (core/settings/).

import * as vscode from 'vscode';
import { readConfig, type HeadroomConfig } from '../core/settings/read';
import { RESTRICTED_SETTINGS, type SettingKey } from '../core/settings/schema';

export function readHeadroomConfig(scope?: vscode.ConfigurationScope): HeadroomConfig {
  const cfg = vscode.workspace.getConfiguration('headroom', scope);
  // inspect() tells "set to null" (target off) from "not set" (default), which get() cannot.
  // Reading inspect() bypasses VS Code's own handling of restricted settings, so it is done here.
  const userOnly = !vscode.workspace.isTrusted;
  return readConfig(<T>(key: SettingKey) => {
    const i = cfg.inspect<T>(key);
    if (!i) return undefined;
    const restricted = userOnly && RESTRICTED_SETTINGS.includes(key);
    for (const v of restricted ? [i.globalValue] : [i.workspaceFolderValue, i.workspaceValue, i.globalValue]) if (v !== undefined) return v;
    return i.defaultValue;
  });
}
