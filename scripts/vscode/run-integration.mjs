// Runs test/integration inside a real VS Code (code-server, see code-server.mjs). The suite loads
// through the workbench URL's `payload` (extensionDevelopmentPath + extensionTestsPath) and reports
// its exit code through the smoke-test driver. Desktop VS Code is not downloadable here;
// .vscode-test.mjs runs the same suite where it is.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  ensureTools,
  isSkippedNativeModule,
  launchBrowser,
  fixtureWorkspace,
  makeRunDir,
  remoteUri,
  removeRunDir,
  root,
  startServer,
  workbenchUrl,
} from './code-server.mjs';

const SUITE_TIMEOUT_MS = 300000;

async function main() {
  ensureTools();
  const suite = join(root, 'out', 'test', 'integration', 'index.js');
  if (!existsSync(suite)) throw new Error(`${suite} is missing: build first (node esbuild.js)`);
  const paths = makeRunDir();
  const ws = fixtureWorkspace(paths);
  let server;
  let browser;
  let code;
  try {
    server = await startServer(paths);
    browser = await launchBrowser(paths);
    const { page } = browser;
    const exited = new Promise((res) => page.exposeFunction('codeAutomationExit', (c) => res(c)));
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      if (!args.some((a) => typeof a === 'string' && isSkippedNativeModule(a))) console.log(...args);
    });
    const payload = [
      ['extensionDevelopmentPath', remoteUri(server, root)],
      ['extensionTestsPath', remoteUri(server, suite)],
    ];
    await page.goto(workbenchUrl(server, ws, payload));
    let timer;
    code = await Promise.race([exited, new Promise((r) => (timer = setTimeout(() => r('timeout'), SUITE_TIMEOUT_MS)))]);
    clearTimeout(timer);
    if (code === 'timeout') {
      console.error(`integration: the suite did not finish within ${SUITE_TIMEOUT_MS / 60000} minutes`);
      code = 1;
    }
  } finally {
    await browser?.context.close();
    await server?.stop();
    removeRunDir(paths);
  }
  process.exitCode = code;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
