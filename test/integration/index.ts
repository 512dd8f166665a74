// Entry the VS Code extension host loads (extensionTestsPath): runs the suite with mocha and prints
// a plain "integration: N passed, N failed" line. Works under @vscode/test-cli and code-server alike.

import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false });
  for (const f of readdirSync(__dirname).filter((n) => n.endsWith('.test.js'))) mocha.addFile(join(__dirname, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      console.log(`integration: ${runner.stats?.passes ?? 0} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
