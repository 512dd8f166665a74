// The integration suite under @vscode/test-cli, on machines that can download desktop VS Code
// (`npm run test:desktop`). Here, CI runs the same suite in code-server: scripts/vscode/run-integration.mjs.
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  files: 'out/test/integration/*.test.js',
  workspaceFolder: 'test/fixtures/workspace',
  mocha: { ui: 'bdd', timeout: 60000 },
});
