// `npm run depcheck`: the layers of docs/architecture.md, and no import cycles. The per-layer
// tsconfigs already refuse `vscode`, `node:` and DOM where they do not belong; these rules refuse
// the relative imports between layers that TypeScript cannot see as wrong.
/** A layer may import only these folders of src/ (and itself). */
const allowed = {
  core: [],
  shared: ['core'],
  node: ['core'],
  worker: ['core', 'shared', 'node'],
  cli: ['core', 'shared', 'node', 'worker'],
  host: ['core', 'shared', 'node', 'worker'],
  webview: ['core', 'shared'],
};
const layers = Object.keys(allowed);

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'An import cycle: split the shared part into its own module.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...layers.map((layer) => ({
      name: `${layer}-imports`,
      severity: 'error',
      comment: `src/${layer}/ may import only ${allowed[layer].length ? allowed[layer].map((l) => `src/${l}/`).join(', ') : 'itself'} (docs/architecture.md).`,
      from: { path: `^src/${layer}/` },
      to: { path: '^src/', pathNot: [`^src/(${[layer, ...allowed[layer]].join('|')})/`] },
    })),
    {
      name: 'extension-entry',
      severity: 'error',
      comment: 'src/extension.ts builds the host objects: it imports src/host/ (and core, shared) only.',
      from: { path: '^src/extension\\.ts$' },
      to: { path: '^src/', pathNot: '^src/(host|core|shared)/' },
    },
    {
      name: 'not-to-tests',
      severity: 'error',
      comment: 'Product code never imports tests or scripts.',
      from: { path: '^src/' },
      to: { path: '^(test|scripts)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    exclude: { path: '\\.d\\.ts$' },
  },
};
