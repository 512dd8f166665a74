// Deliberately not a module. The tsconfigs of every layer but the extension host map `vscode` here,
// so importing it there fails with "File '…/vscode-belongs-to-the-extension-host-only.d.ts' is not a
// module" (TS2306): only src/host/ and src/extension.ts run where VS Code provides that module.
