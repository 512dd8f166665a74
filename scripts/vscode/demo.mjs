// `npm start`: Headroom in a real VS Code in your browser. Installs the freshly packaged
// headroom.vsix into a code-server kept under .tools/demo/ (its settings and window state survive
// restarts), opens the demo/ workspace (a rig file and the demo takes), prints the URL and serves
// until Ctrl-C. PORT chooses the port; otherwise a free one is taken.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTools, installExtension, makeRunDir, root, startServer, workbenchUrl } from './code-server.mjs';

const vsix = join(root, 'headroom.vsix');
const workspace = join(root, 'demo');

async function main() {
  const takes = join(workspace, 'takes');
  if (!existsSync(vsix)) throw new Error(`${vsix} is missing: run npm run package first`);
  if (!existsSync(takes) || readdirSync(takes).filter((f) => f.endsWith('.wav')).length === 0)
    throw new Error(`no demo takes in ${takes}: run npm run demo:takes first`);
  let port;
  if (process.env.PORT) {
    port = Number(process.env.PORT);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PORT must be a TCP port number, not "${process.env.PORT}"`);
  }
  ensureTools({ browser: false });
  const paths = makeRunDir(join(root, '.tools', 'demo'));
  installExtension(paths, vsix);
  const logFile = join(paths.run, 'code-server.log');
  const server = await startServer(paths, { port, logFile, smokeTestDriver: false });
  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`\nHeadroom demo: stopping (${signal})`);
    await server.stop();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void stop(signal));
  console.log(`Headroom demo: ${workbenchUrl(server, workspace)}`);
  console.log(`  code-server ${server.pid} on 127.0.0.1:${server.port}, log ${logFile}; Ctrl-C stops it`);
  const { code, signal } = await server.exited;
  if (!stopping) {
    console.error(`Headroom demo: code-server exited unexpectedly (${signal ?? `exit code ${code}`}); see ${logFile}`);
    await server.stop();
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(`Headroom demo: ${err.message ?? err}`);
  process.exitCode = 1;
});
