// A real VS Code for tests and the demo: code-server (VS Code 1.139) on Node 24, both installed from
// the npm registry into .tools/, driven by Debian's Chromium through playwright-core. Desktop VS Code
// cannot be downloaded on these machines; code-server's node extension host is the same one.
// Everything is installed from this repository's own scripts, so a clean clone needs nothing else.
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const root = resolve(new URL('../..', import.meta.url).pathname);
export const CODE_SERVER_VERSION = '4.139.1';
const tools = join(root, '.tools');
// Node's own binary for this platform, as the npm package node-<platform>-<arch> (what the `node`
// package installs from its preinstall script, which npm may block; this one has no script).
const nodePackage = `node-${process.platform}-${process.arch}`;
const n24 = join(tools, 'node24', 'node_modules', nodePackage);
const node24 = join(n24, 'bin', 'node');
const csDir = join(tools, 'code-server', 'node_modules', 'code-server');
const csEntry = join(csDir, 'out', 'node', 'entry.js');
export const CHROMIUM = '/usr/bin/chromium';

export function sh(cmd, args, options = {}) {
  execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options, env: { ...process.env, ...options.env } });
}

/**
 * Installs Node 24 and code-server into .tools/ when they are not there yet; fails naming what is
 * missing. Tests also need Chromium; the demo does not (the user brings a browser).
 */
export function ensureTools({ browser = true } = {}) {
  if (browser && !existsSync(CHROMIUM)) throw new Error(`Chromium is missing (${CHROMIUM}): run scripts/install-system-deps.sh (Debian package "chromium")`);
  const npmInstall = (what, args, options) => {
    try {
      sh('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...args], options);
    } catch (err) {
      throw new Error(`installing ${what} into .tools/ from the npm registry failed (npm's error above): ${err.message}`, { cause: err });
    }
  };
  if (!existsSync(node24)) {
    console.log('installing Node 24 into .tools/ ...');
    npmInstall('Node 24', ['--prefix', join(tools, 'node24'), `${nodePackage}@24`]);
    if (!existsSync(node24)) throw new Error(`npm installed "${nodePackage}@24" but ${node24} is missing`);
  }
  const marker = join(tools, 'code-server', `.installed-${CODE_SERVER_VERSION}`);
  if (!existsSync(marker)) {
    console.log(`installing code-server ${CODE_SERVER_VERSION} into .tools/ ...`);
    // code-server's own postinstall (`npm install` in lib/vscode and lib/vscode/extensions) compiles
    // VS Code's native modules from source (kerberos, spdlog, sqlite3, native-watchdog, deviceid,
    // fs-copyfile), which takes a compiler and Debian headers (gssapi for kerberos). VS Code loads each
    // of them lazily and carries on without it: Headroom's demo and suites need none of what they add
    // (proxy authentication, log files, desktop storage, the extension host's watchdog), and what they
    // do need ships prebuilt (node-pty, @parcel/watcher, argon2). So the same installs run here with
    // every install script skipped: nothing compiles, on any machine. npm runs under Node 24 (first on
    // PATH), the engine code-server's packages ask for.
    const env = { PATH: `${join(n24, 'bin')}:${process.env.PATH}` };
    const what = `code-server ${CODE_SERVER_VERSION}`;
    npmInstall(what, ['--ignore-scripts', '--prefix', join(tools, 'code-server'), `code-server@${CODE_SERVER_VERSION}`], { env });
    npmInstall(what, ['--ignore-scripts', '--omit=dev'], { cwd: join(csDir, 'lib', 'vscode'), env });
    npmInstall(what, ['--ignore-scripts', '--omit=dev'], { cwd: join(csDir, 'lib', 'vscode', 'extensions'), env });
    writeFileSync(marker, '');
  }
}

/**
 * True for the errors VS Code logs when it tries one of the native modules installed without its build
 * (see ensureTools) and carries on without it: they say nothing about Headroom.
 */
export const isSkippedNativeModule = (text) => /Could not locate the bindings file|Cannot find module '\.\/build\/Release\/watchdog'/.test(text);

/**
 * Copies code-server's stderr to ours without the skipped native modules' errors. Node prints each as
 * its first line, indented lines (stack, properties), then a closing brace.
 */
function passStderr(stream) {
  let skipping = false;
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
    if (isSkippedNativeModule(line)) skipping = true;
    else if (skipping && /^(\s|}$)/.test(line)) {
      if (line === '}') skipping = false;
    } else {
      skipping = false;
      process.stderr.write(`${line}\n`);
    }
  });
}

export const freePort = () =>
  new Promise((res, rej) => {
    const s = createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });

const SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  // The demo workspace sits inside this repository: no "open the parent repository?" prompt.
  'git.openRepositoryInParentFolders': 'never',
};

/**
 * A folder holding everything one code-server run writes: user data, extensions, HOME, XDG config,
 * TMPDIR, the browser profile. `dir` gives a stable folder (the demo); otherwise a fresh one under
 * the system temp folder. Paths stay short: code-server puts unix sockets under TMPDIR (~107 chars).
 */
export function makeRunDir(dir) {
  const run = dir ? resolve(dir) : mkdtempSync(join(tmpdir(), 'hr-'));
  const paths = { run, ud: join(run, 'ud'), ext: join(run, 'ext'), home: join(run, 'home'), tmp: join(run, 't'), chrome: join(run, 'chrome') };
  for (const p of [join(paths.ud, 'User'), paths.ext, paths.home, paths.tmp]) mkdirSync(p, { recursive: true });
  // A stable folder keeps the user's own changes to the settings.
  const settings = join(paths.ud, 'User', 'settings.json');
  if (!existsSync(settings)) writeFileSync(settings, JSON.stringify(SETTINGS, null, 2));
  paths.env = {
    ...process.env,
    HOME: paths.home,
    XDG_CONFIG_HOME: join(paths.home, '.config'),
    XDG_DATA_HOME: join(paths.home, '.local', 'share'),
    XDG_CACHE_HOME: join(paths.home, '.cache'),
    TMPDIR: paths.tmp,
  };
  return paths;
}

const serverArgs = (paths) => ['--user-data-dir', paths.ud, '--extensions-dir', paths.ext];

/** Installs a .vsix into the run's extensions folder, the way a user would. */
export function installExtension(paths, vsix) {
  const out = execFileSync(node24, [csEntry, ...serverArgs(paths), '--install-extension', vsix, '--force'], {
    encoding: 'utf8',
    env: paths.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (!/successfully installed/i.test(out)) throw new Error(`code-server --install-extension ${vsix} did not report success:\n${out}`);
  return out.trim();
}

/**
 * Starts code-server on 127.0.0.1:port in its own process group (it leaves a file-watcher child
 * behind otherwise) and waits for /healthz. `stop()` ends the whole group and waits for it.
 * Its output goes to `logFile` when given; otherwise its stderr is passed through. Tests need the
 * smoke-test driver (the workbench reports the test exit code through it); the demo does not.
 */
export async function startServer(paths, { port, logFile, smokeTestDriver = true } = {}) {
  port ??= await freePort();
  const args = [
    csEntry,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...serverArgs(paths),
  ];
  if (smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const out = logFile ? openSync(logFile, 'a') : 'ignore';
  const child = spawn(node24, args, { env: paths.env, detached: true, stdio: ['ignore', out, logFile ? out : 'pipe'] });
  if (logFile) closeSync(out);
  else passStderr(child.stderr);
  let exited = null;
  const done = new Promise((res) => child.on('exit', (code, signal) => res((exited = { code, signal }))));
  const stop = async () => {
    // The leader may be gone already; the group's other members (the watcher) still get the signal.
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const ended = exited || (await Promise.race([done, new Promise((r) => setTimeout(() => r(false), 5000))]));
    if (!ended) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group ended between the two signals.
      }
    }
    // The group's other members need a moment after the leader.
    await new Promise((r) => setTimeout(r, 1500));
  };
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (exited) {
      await stop();
      // Its log says why (e.g. "error listen EADDRINUSE: address already in use 127.0.0.1:8080").
      const why = logFile
        ? readFileSync(logFile, 'utf8')
            .split('\n')
            .findLast((l) => /\berror\b/i.test(l))
        : undefined;
      throw new Error(
        `code-server exited during startup (${JSON.stringify(exited)})${why ? `: ${why.replace(/^\[[^\]]*\]\s*/, '')}` : ''}${logFile ? `; log: ${logFile}` : ''}`,
      );
    }
    if (i > 120) {
      await stop();
      throw new Error('code-server did not answer /healthz within 60 s');
    }
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { port, url, pid: child.pid, stop, exited: done };
}

/** URL of the workbench with a folder open, plus optional `payload` entries (development extension, tests). */
export function workbenchUrl(server, folder, payload) {
  // Slashes stay readable: the demo prints this URL for people.
  let url = `${server.url}/?folder=${encodeURIComponent(folder).replace(/%2F/g, '/')}`;
  if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/** A vscode-remote URI for a path on the server, with the authority the browser uses. */
export const remoteUri = (server, path) => `vscode-remote://127.0.0.1:${server.port}${path}`;

export async function launchBrowser(paths, { viewport = { width: 1600, height: 1000 } } = {}) {
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(paths.chrome, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

export function removeRunDir(paths) {
  rmSync(paths.run, { recursive: true, force: true });
}

/** Writes the demo takes (scripts/make-demo-takes.ts) into a folder. */
export function makeTakes(dir) {
  sh(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'scripts', 'make-demo-takes.ts'), dir], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** A fresh copy of test/fixtures/workspace in the run folder, with its takes generated; returns its path. */
export function fixtureWorkspace(paths) {
  const ws = join(paths.run, 'ws');
  cpSync(join(root, 'test', 'fixtures', 'workspace'), ws, { recursive: true });
  makeTakes(join(ws, 'takes'));
  return ws;
}
