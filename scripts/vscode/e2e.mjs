// End-to-end test of the shipped extension in a real VS Code (code-server, see code-server.mjs):
// installs headroom.vsix (built by `npm run package`) the way a user would, opens the fixture
// workspace in Chromium and works through the UI only — command palette, Problems panel, the take
// editor's webview, the rig file and its diagram — comparing what is shown with the CLI's JSON.
// Screenshots of each view go to test-results/ (CI artifacts). Prints one line per step and
// `e2e: N passed, N failed`; exits non-zero when any step fails.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTools, installExtension, launchBrowser, fixtureWorkspace, makeRunDir, removeRunDir, root, startServer, workbenchUrl } from './code-server.mjs';
import { closeAllEditors, quickOpen, runCommand, waitForProblems, waitForWorkbench, webviewFrame } from './workbench.mjs';

const results = join(root, 'test-results');
const vsix = join(root, 'headroom.vsix');
const STEP_TIMEOUT_MS = 120000;
const CLIPPED = 'clipped-drums.wav';
const RIG = 'studio.headroom.json';
/** Figures the take editor must show, by their path in the CLI's JSON report. */
const REQUIRED_FIGURES = ['overall.samplePeakDbfs', 'overall.truePeakDbtp', 'loudness.integratedLufs', 'channels.0.rmsDbfs', 'suggestedGain.gainDb'];

const outcomes = [];
let blocked;
/** The workbench page, once it is open: a failing step leaves a screenshot of it. */
let page;

/** Runs one named check. After a failed setup step the rest cannot run: they fail, naming it. */
async function step(name, fn, { setup = false } = {}) {
  if (blocked) {
    outcomes.push(false);
    console.log(`  ✘ ${name}\n      not run: "${blocked}" failed`);
    return;
  }
  let timer;
  try {
    await Promise.race([fn(), new Promise((_, rej) => (timer = setTimeout(() => rej(new Error(`timed out after ${STEP_TIMEOUT_MS / 1000} s`)), STEP_TIMEOUT_MS)))]);
    outcomes.push(true);
    console.log(`  ✔ ${name}`);
  } catch (err) {
    outcomes.push(false);
    console.log(`  ✘ ${name}\n      ${String(err?.message ?? err).split('\n').join('\n      ')}`);
    if (setup) blocked = name;
    // What the window looked like when the step failed, beside the other artifacts.
    const shot = join(results, `failed-${outcomes.length}.png`);
    if (page) await page.screenshot({ path: shot }).then(() => console.log(`      window at failure: ${shot}`), () => {});
  } finally {
    clearTimeout(timer);
  }
}

function assert(ok, message) {
  if (!ok) throw new Error(message);
}

async function screenshot(page, name) {
  const path = join(results, name);
  // The palette fades out after a command runs; keep it out of the picture.
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5000 });
  await page.waitForTimeout(300);
  await page.screenshot({ path });
  assert(statSync(path).size > 10000, `${name} is suspiciously small`);
}

/** The CLI's JSON report for one file (same core, same defaults as the extension). */
function cliReport(file) {
  let out;
  try {
    out = execFileSync(process.execPath, [join(root, 'dist', 'cli.js'), 'analyze', '--json', file], { encoding: 'utf8' });
  } catch (err) {
    // Exit status 1 (findings reached --fail-on) cannot happen without --fail-on; 2 is an unreadable file.
    throw new Error(`headroom analyze --json ${file} failed (${err.status}): ${err.stderr}`, { cause: err });
  }
  const [report] = JSON.parse(out);
  assert(report && !report.error, `the CLI could not analyse ${file}: ${JSON.stringify(report?.error)}`);
  return report;
}

const lookup = (obj, path) => path.split('.').reduce((o, k) => (o === undefined || o === null ? undefined : o[k]), obj);
const isLevel = (path) => /(Db|Dbfs|Dbtp|Lufs|Lu)$/.test(path);
/** The first number in a displayed figure ("−7.3 dBFS", "+1.1", "21,946"), or undefined. */
const shownNumber = (text) => {
  const m = text.replace(/\u2212/g, '-').replace(/(\d),(\d{3})/g, '$1$2').match(/[-+]?\d+(\.\d+)?/);
  return m ? Number(m[0]) : undefined;
};

/**
 * Every figure the take editor shows against the CLI's report for the same file: data-value exact
 * for integers, within 0.01 dB for levels; the text on screen within its display rounding.
 */
function compareFigures(figures, report) {
  const problems = [];
  const seen = new Set(figures.map((f) => f.figure));
  for (const required of REQUIRED_FIGURES) if (!seen.has(required)) problems.push(`no [data-figure="${required}"] in the editor`);
  for (const { figure, value, text } of figures) {
    const expected = lookup(report, figure);
    if (expected === undefined) {
      problems.push(`${figure}: not a field of the CLI report`);
      continue;
    }
    if (value === null || value === undefined) {
      problems.push(`${figure}: no data-value`);
      continue;
    }
    if (value === 'null' || expected === null) {
      if (value !== 'null' || expected !== null) problems.push(`${figure}: editor ${value}, CLI ${expected}`);
      else if (shownNumber(text) !== undefined) problems.push(`${figure}: CLI null (−∞) but the editor shows "${text}"`);
      continue;
    }
    const got = Number(value);
    if (!Number.isFinite(got)) {
      problems.push(`${figure}: data-value "${value}" is not a number`);
      continue;
    }
    if (typeof expected !== 'number') {
      problems.push(`${figure}: the CLI report has ${JSON.stringify(expected)} there, not a number`);
      continue;
    }
    const tolerance = Number.isInteger(expected) && !isLevel(figure) ? 0 : isLevel(figure) ? 0.01 : 1e-6 * Math.max(1, Math.abs(expected));
    if (Math.abs(got - expected) > tolerance) problems.push(`${figure}: editor ${got}, CLI ${expected}`);
    const shown = shownNumber(text);
    if (isLevel(figure) && (shown === undefined || Math.abs(shown - expected) > 0.051)) problems.push(`${figure}: shown as "${text.trim()}", CLI ${expected}`);
  }
  return problems;
}

async function main() {
  mkdirSync(results, { recursive: true });
  // Screenshots from an earlier run must not pass for this run's.
  for (const f of readdirSync(results)) if (f.endsWith('.png')) rmSync(join(results, f));
  for (const f of [vsix, join(root, 'dist', 'cli.js')]) assert(existsSync(f), `${f} is missing: run npm run package first`);
  ensureTools();
  const paths = makeRunDir();
  const ws = fixtureWorkspace(paths);
  let server;
  let browser;
  try {
    await step('installs headroom.vsix into code-server', async () => {
      const out = installExtension(paths, vsix);
      const installed = readdirSync(paths.ext).filter((d) => d.startsWith('headroom.headroom-'));
      assert(installed.length === 1, `extensions folder holds ${readdirSync(paths.ext).join(', ') || 'nothing'} (${out})`);
    }, { setup: true });
    await step('opens the fixture workspace in the workbench', async () => {
      server = await startServer(paths);
      browser = await launchBrowser(paths);
      page = browser.page;
      await page.goto(workbenchUrl(server, ws));
      await waitForWorkbench(page);
    }, { setup: true });

    await step('palette: Headroom: Analyse All Takes in the Workspace', async () => {
      await runCommand(page, 'Headroom: Analyse All Takes in the Workspace');
    }, { setup: true });

    await step(`Problems panel lists the clipping in ${CLIPPED}`, async () => {
      const rows = await waitForProblems(page, CLIPPED, (r) => r.some((t) => t.includes(CLIPPED)) && r.filter((t) => /Clipping on [LR] from/.test(t)).length >= 2);
      assert(rows.some((t) => /inter-sample|Inter-sample/.test(t)), `no inter-sample over listed:\n${rows.join('\n')}`);
      await screenshot(page, 'problems.png');
    });

    await step(`take editor: figures for ${CLIPPED} match headroom analyze --json`, () => takeEditor(page, join(ws, 'takes', CLIPPED)));

    await step(`rig file ${RIG}: diagnostics in the editor and the Problems panel`, async () => {
      await closeAllEditors(page);
      await quickOpen(page, RIG);
      await activeTab(page, RIG);
      const rows = await waitForProblems(page, RIG, (r) => r.some((t) => /phantom/i.test(t)) && r.some((t) => /headphone/i.test(t)));
      assert(rows.length >= 3, `expected the file row and at least two problems:\n${rows.join('\n')}`);
      // Go to the phantom problem from the panel, as a user would, and show its hover with the quick fix.
      await page.locator('.markers-panel .monaco-list-row').filter({ hasText: /phantom/i }).first().click();
      await page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').first().waitFor({ timeout: 20000 });
      await runCommand(page, 'Show or Focus Hover');
      await page.locator('.monaco-hover').filter({ hasText: /phantom/i }).first().waitFor({ timeout: 10000 });
      await screenshot(page, 'rig-file.png');
    });

    await step(`rig diagram for ${RIG}: stage levels match headroom rig check --json`, () => rigDiagram(page, join(ws, RIG)));
  } finally {
    await browser?.context.close();
    await server?.stop();
    removeRunDir(paths);
  }
  const passed = outcomes.filter(Boolean).length;
  const failed = outcomes.length - passed;
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  if (failed) console.log(`screenshots so far: ${results}`);
  process.exitCode = failed ? 1 : 0;
}

/** Waits until the editor tab for `name` is the active one. */
async function activeTab(page, name) {
  await page.locator('.tabs-container .tab.active').filter({ hasText: name }).waitFor({ timeout: 20000 });
}

/** Opens a take in the Headroom editor from the palette and checks every figure against the CLI. */
async function takeEditor(page, file) {
  const report = cliReport(file);
  await closeAllEditors(page);
  await quickOpen(page, CLIPPED);
  await runCommand(page, 'Headroom: Open Take in Headroom');
  const frame = webviewFrame(page);
  await frame.locator('body[data-state="done"]').waitFor({ timeout: 60000 });
  const figures = await frame.locator('[data-figure]').evaluateAll((els) => els.map((e) => ({ figure: e.getAttribute('data-figure'), value: e.getAttribute('data-value'), text: e.textContent ?? '' })));
  const findings = await frame.locator('[data-finding]').evaluateAll((els) => els.map((e) => e.getAttribute('data-finding')));
  // The picture shows the editor alone: without quick open's binary-file placeholder and the panel.
  await runCommand(page, 'View: Close Other Editors in Group');
  await runCommand(page, 'View: Hide Panel');
  await frame.locator('body[data-state="done"]').waitFor({ timeout: 30000 });
  await screenshot(page, 'take-editor.png');
  const problems = compareFigures(figures, report);
  const want = [...new Set(report.findings.map((f) => f.code))].sort();
  const got = [...new Set(findings)].sort();
  if (want.join() !== got.join()) problems.push(`findings: editor [${got.join(', ')}], CLI [${want.join(', ')}]`);
  assert(problems.length === 0, `${problems.length} mismatch(es) among ${figures.length} figures:\n${problems.join('\n')}`);
  // The comparison must be able to fail: a level 0.02 dB off is caught.
  const level = figures.findIndex((f) => isLevel(f.figure) && f.value !== 'null');
  assert(level >= 0, 'the editor shows no level figure');
  const tampered = figures.map((f, i) => (i === level ? { ...f, value: String(Number(f.value) + 0.02) } : f));
  assert(compareFigures(tampered, report).length === 1, 'self-check: a figure 0.02 dB off went unnoticed');
  console.log(`      ${figures.length} figures and ${got.length} finding codes agree with the CLI`);
}

/** Each evaluated stage of the CLI's chains against its box in the diagram: level shown and risk class. */
function compareDiagram(shown, chains) {
  const problems = [];
  let compared = 0;
  for (const chain of chains) {
    for (const st of chain.stages) {
      const box = shown.find((b) => b.input === chain.input && b.stage === st.stage);
      if (!box) {
        problems.push(`${chain.input}/${st.stage}: no stage box in the diagram`);
        continue;
      }
      compared++;
      if (!box.cls.split(/\s+/).includes(`risk-${st.risk}`)) problems.push(`${chain.input}/${st.stage}: diagram class "${box.cls}", CLI risk ${st.risk}`);
      const level = shownNumber(box.level);
      if (st.peak === null ? level !== undefined : level === undefined || Math.abs(level - st.peak) > 0.051) problems.push(`${chain.input}/${st.stage}: diagram shows "${box.level}", CLI ${st.peak} ${st.unit}`);
    }
  }
  return { problems, compared };
}

/** The CLI's `rig check --json` for the rig file. */
function cliRig(file) {
  let out;
  try {
    out = execFileSync(process.execPath, [join(root, 'dist', 'cli.js'), 'rig', 'check', '--json', file], { encoding: 'utf8' });
  } catch (err) {
    // The fixture rig has error problems on purpose; without --fail-on the status is still 0.
    throw new Error(`headroom rig check --json ${file} failed (${err.status}): ${err.stderr}`, { cause: err });
  }
  return JSON.parse(out);
}

/**
 * Opens the rig diagram from the palette while the rig file is the active editor, and checks each
 * input's stage boxes (level shown, risk colour) against the CLI's evaluated chains.
 */
async function rigDiagram(page, file) {
  const { chains } = cliRig(file);
  assert(chains?.length >= 2, `headroom rig check --json gave ${chains?.length ?? 0} chains`);
  await closeAllEditors(page);
  await quickOpen(page, RIG);
  await activeTab(page, RIG);
  await runCommand(page, 'Headroom: Open Rig Diagram');
  const frame = webviewFrame(page);
  const svg = frame.locator('svg').first();
  await svg.waitFor({ state: 'visible', timeout: 30000 });
  const shown = await frame.locator('g.input-row[data-input] g.stage[data-stage]').evaluateAll((els) =>
    els.map((g) => ({ input: g.closest('[data-input]').getAttribute('data-input'), stage: g.getAttribute('data-stage'), cls: g.getAttribute('class'), level: g.querySelector('text.level')?.textContent ?? '' })),
  );
  const { problems, compared } = compareDiagram(shown, chains);
  assert(problems.length === 0, `${problems.length} mismatch(es) between the diagram and headroom rig check --json:\n${problems.join('\n')}`);
  const tampered = shown.map((b, i) => (i === 0 ? { ...b, level: '+999.0 dBu' } : b));
  assert(compareDiagram(tampered, chains).problems.length === 1, 'self-check: a wrong stage level went unnoticed');
  console.log(`      ${compared} stage boxes agree with the CLI`);
  // The picture shows the diagram across the whole window.
  await runCommand(page, 'View: Hide Panel');
  await runCommand(page, 'View: Toggle Maximize Editor Group');
  await svg.waitFor({ state: 'visible', timeout: 10000 });
  await screenshot(page, 'rig-diagram.png');
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
