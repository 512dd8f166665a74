// End-to-end test of the shipped extension in a real VS Code (code-server, see code-server.mjs):
// installs headroom.vsix (built by `npm run package`) the way a user would, opens the fixture
// workspace in Chromium and works through the UI only — command palette, Problems panel, the take
// editor's webview (figures, transport, findings, selection), the Quick Pick, the rig file and its
// diagram beside it — comparing what is shown with the CLI's JSON. Screenshots of each view go to
// test-results/ (CI artifacts), in the light and the dark theme. Prints one line per step and
// `e2e: N passed, N failed`; exits non-zero when any step fails.
// The functions handed to evaluate() run in the browser, with its globals:
/* global window, document, getComputedStyle */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTools, installExtension, launchBrowser, fixtureWorkspace, makeRunDir, removeRunDir, root, startServer, workbenchUrl } from './code-server.mjs';
import { closeAllEditors, problems, quickOpen, runCommand, waitForProblems, waitForWorkbench, webviewFrame } from './workbench.mjs';

const results = join(root, 'test-results');
const vsix = join(root, 'headroom.vsix');
const STEP_TIMEOUT_MS = 120000;
const CLIPPED = 'clipped-drums.wav';
const RIG = 'studio.headroom.json';
const GUITAR = 'gtr-1.wav';
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
    await Promise.race([
      fn(),
      new Promise((_, rej) => (timer = setTimeout(() => rej(new Error(`timed out after ${STEP_TIMEOUT_MS / 1000} s`)), STEP_TIMEOUT_MS))),
    ]);
    outcomes.push(true);
    console.log(`  ✔ ${name}`);
  } catch (err) {
    outcomes.push(false);
    console.log(
      `  ✘ ${name}\n      ${String(err?.message ?? err)
        .split('\n')
        .join('\n      ')}`,
    );
    if (setup) blocked = name;
    // What the window looked like when the step failed, beside the other artifacts.
    const shot = join(results, `failed-${outcomes.length}.png`);
    if (page)
      await page.screenshot({ path: shot }).then(
        () => console.log(`      window at failure: ${shot}`),
        () => {},
      );
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

/** The CLI's JSON report for one file (same core, same defaults as the extension); `args`: more options. */
function cliReport(file, ...args) {
  let out;
  try {
    out = execFileSync(process.execPath, [join(root, 'dist', 'cli.js'), 'analyze', '--json', ...args, file], { encoding: 'utf8' });
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
  const m = text
    .replace(/\u2212/g, '-')
    .replace(/(\d),(\d{3})/g, '$1$2')
    .match(/[-+]?\d+(\.\d+)?/);
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
  // A take recorded through the fixture rig's guitar input (its "takes" glob is takes/gtr-*.wav).
  copyFileSync(join(ws, 'takes', 'quiet-guitar.wav'), join(ws, 'takes', GUITAR));
  let server;
  let browser;
  try {
    await step(
      'installs headroom.vsix into code-server',
      async () => {
        const out = installExtension(paths, vsix);
        const installed = readdirSync(paths.ext).filter((d) => d.startsWith('headroom.headroom-'));
        assert(installed.length === 1, `extensions folder holds ${readdirSync(paths.ext).join(', ') || 'nothing'} (${out})`);
      },
      { setup: true },
    );
    await step(
      'opens the fixture workspace in the workbench',
      async () => {
        server = await startServer(paths);
        browser = await launchBrowser(paths);
        page = browser.page;
        await page.goto(workbenchUrl(server, ws));
        await waitForWorkbench(page);
      },
      { setup: true },
    );

    await step(
      'palette: Headroom: Analyse All Takes in the Workspace',
      async () => {
        await runCommand(page, 'Headroom: Analyse All Takes in the Workspace');
      },
      { setup: true },
    );

    await step(`Problems panel: one entry per clipping passage of ${CLIPPED}, in time order`, async () => {
      const report = cliReport(join(ws, 'takes', CLIPPED));
      const rows = await waitForProblems(page, CLIPPED, (r) => r.filter((t) => /Clipping on [LR] from/.test(t)).length >= 2);
      const clipping = rows.filter((t) => /Clipping on [LR] from/.test(t));
      const expected = report.findings.filter((f) => f.code === 'clipping');
      assert(
        clipping.length === expected.length && expected.length === 2,
        `${clipping.length} clipping entries, the CLI has ${expected.length} passages:\n${rows.join('\n')}`,
      );
      const starts = clipping.map((t) => t.match(/from (\d+:\d{2}\.\d{3})/)[1]);
      assert(
        starts.join() === expected.map((f) => formatTime(f.startSeconds)).join(),
        `entries at ${starts.join(', ')}, the CLI's passages at ${expected.map((f) => formatTime(f.startSeconds)).join(', ')}`,
      );
      assert(!rows.some((t) => /Inter-sample over/.test(t)), `the overs inside the clipping passages are not listed apart:\n${rows.join('\n')}`);
      await screenshot(page, 'problems.png');
    });

    await step(`Problems panel: the rig file's problems after Analyse All, without opening ${RIG}`, async () => {
      const { problems } = cliRig(join(ws, RIG));
      assert(!(await page.locator('.tabs-container .tab').filter({ hasText: RIG }).count()), `${RIG} is open in an editor`);
      const rows = await waitForProblems(page, RIG, (r) => r.filter((t) => !t.includes(`${RIG}`) || /phantom|headphone/i.test(t)).length >= problems.length);
      for (const p of problems)
        assert(
          rows.some((t) => t.includes(p.message.slice(0, 40))),
          `no Problems entry for "${p.message}":\n${rows.join('\n')}`,
        );
    });

    await step(`Problems panel: the clipping entry's link opens the take editor at the passage`, async () => {
      const first = cliReport(join(ws, 'takes', CLIPPED)).findings.find((f) => f.code === 'clipping');
      await closeAllEditors(page);
      await problems(page, CLIPPED);
      const row = page
        .locator('.markers-panel .monaco-list-row')
        .filter({ hasText: /Clipping on L from/ })
        .first();
      await row.locator('a.monaco-link').first().click();
      const frame = webviewFrame(page);
      await frame.locator('body[data-state="done"]').waitFor({ timeout: 60000 });
      await waitUntil('the playhead at the passage', async () => Math.abs((await transportTime(frame)) - first.startSeconds) < 0.002);
      const view = await waveView(frame);
      assert(
        view.start <= first.startSeconds && first.startSeconds + first.durationSeconds <= view.end + 1e-6,
        `the view ${view.start}–${view.end} s does not show the passage ${first.startSeconds}–${first.startSeconds + first.durationSeconds} s`,
      );
      assert((await frame.locator('body[data-playing="true"]').count()) === 0, 'opening at a time does not start playback');
    });

    await step(`take editor: figures for ${CLIPPED} match headroom analyze --json; first paint measured`, () => takeEditor(page, join(ws, 'takes', CLIPPED)));
    await step('take editor: a click on a finding plays from its time and the waveform shows it', () => findingClick(page, join(ws, 'takes', CLIPPED)));
    await step('take editor: Space plays and pauses', () => spaceToggles(page));
    await step('take editor: a selection shows its own peak, true peak, RMS and loudness (headroom analyze --frames)', () =>
      selection(page, join(ws, 'takes', CLIPPED)),
    );
    await step('palette: Open Take in Headroom with no take active offers a Quick Pick of the takes with their figures', () => quickPick(page, ws));
    await step('take editor: a dead channel is said to be dead; n/a where a figure has no value', () =>
      deadChannel(page, join(ws, 'takes', 'dead-right-channel.wav')),
    );

    await step(`take editor on a rig input (${GUITAR}): the rig's advice and the input's signal flow`, async () => {
      await closeAllEditors(page);
      await quickOpen(page, GUITAR);
      await runCommand(page, 'Headroom: Open Take in Headroom');
      const frame = webviewFrame(page);
      await frame.locator('body[data-state="done"]').waitFor({ timeout: 60000 });
      const advice = await frame.locator('[data-advice]').evaluateAll((els) => els.map((e) => e.getAttribute('data-advice')));
      const cli = cliReport(join(ws, 'takes', GUITAR), '--rig', join(ws, RIG));
      assert(
        advice.join() === cli.rig.advice.map((a) => a.code).join(),
        `advice in the editor [${advice.join(', ')}], headroom analyze --rig [${cli.rig.advice.map((a) => a.code).join(', ')}]`,
      );
      assert((await frame.locator('figure.signal-flow svg g.stage').count()) >= 5, 'no signal flow of the input');
      await runCommand(page, 'View: Close Other Editors in Group');
      await hidePanel(page);
      await frame.locator('#rig').evaluate((e) => e.scrollIntoView({ block: 'end' }));
      await screenshot(page, 'take-rig.png');
    });

    await step(`rig file ${RIG}: diagnostics in the editor and the Problems panel`, async () => {
      await closeAllEditors(page);
      await quickOpen(page, RIG);
      await activeTab(page, RIG);
      const rows = await waitForProblems(page, RIG, (r) => r.some((t) => /phantom/i.test(t)) && r.some((t) => /headphone/i.test(t)));
      assert(rows.length >= 3, `expected the file row and at least two problems:\n${rows.join('\n')}`);
      // Go to the phantom problem from the panel, as a user would, and show its hover with the quick fix.
      await page
        .locator('.markers-panel .monaco-list-row')
        .filter({ hasText: /phantom/i })
        .first()
        .click();
      await page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').first().waitFor({ timeout: 20000 });
      await runCommand(page, 'Show or Focus Hover');
      await page
        .locator('.monaco-hover')
        .filter({ hasText: /phantom/i })
        .first()
        .waitFor({ timeout: 10000 });
      await screenshot(page, 'rig-file.png');
    });

    await step(`rig diagram beside ${RIG} (about 620 px): every stage in view, levels match headroom rig check --json, all problems counted, AA contrast`, () =>
      rigDiagram(page, join(ws, RIG), 'light'),
    );

    await step('dark theme: the take editor and the rig diagram, AA contrast', async () => {
      await setTheme(page, 'Dark Modern');
      await page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 30000 });
      await rigDiagram(page, join(ws, RIG), 'dark');
      await closeAllEditors(page);
      await quickOpen(page, CLIPPED);
      await runCommand(page, 'Headroom: Open Take in Headroom');
      const frame = webviewFrame(page);
      await frame.locator('body.vscode-dark[data-state="done"]').waitFor({ timeout: 60000 });
      await runCommand(page, 'View: Close Other Editors in Group');
      await hidePanel(page);
      await frame.locator('li.finding').first().click();
      await frame.locator('body[data-playing="true"]').waitFor({ timeout: 20000 });
      await frame.locator('button.transport-button.play').click();
      await screenshot(page, 'take-editor-dark.png');
    });
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

/** m:ss.mmm, as the editor and the findings write times. */
function formatTime(seconds) {
  const total = Math.round(seconds * 1000);
  return `${Math.floor(total / 60000)}:${String(Math.floor(total / 1000) % 60).padStart(2, '0')}.${String(total % 1000).padStart(3, '0')}`;
}

/** Polls `probe` until it holds. */
async function waitUntil(what, probe, timeout = 20000) {
  const end = Date.now() + timeout;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The workbench's color theme, chosen from the palette as a user would. */
async function setTheme(page, theme) {
  await runCommand(page, 'Preferences: Color Theme');
  await page.locator('.quick-input-widget .quick-input-box input').first().fill(theme);
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: theme }).first().waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
}

/** The transport's position in seconds, from its clock ("0:02.500 / 0:10.000 · TC …"). */
async function transportTime(frame) {
  const text = await frame.locator('.transport .clock').textContent();
  const m = text.match(/^(\d+):(\d{2})\.(\d{3})/);
  return Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) / 1000;
}

/** The seconds the waveform shows. */
async function waveView(frame) {
  const [start, end] = await frame.locator('canvas.waveform.base').evaluate((c) => [Number(c.dataset.viewStart), Number(c.dataset.viewEnd)]);
  return { start, end };
}

/** Hides the panel (Problems) when it is shown: the palette offers "Hide Panel" only then. */
async function hidePanel(page) {
  if (await page.locator('.part.panel').filter({ visible: true }).count()) await runCommand(page, 'View: Hide Panel');
}

/** Waits until the editor tab for `name` is the active one. */
async function activeTab(page, name) {
  await page.locator('.tabs-container .tab.active').filter({ hasText: name }).waitFor({ timeout: 20000 });
}

/** Chooses a palette command as runCommand does; resolves with the time of the click. */
async function clickCommand(page, label) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget .quick-input-box input').first().fill(`>${label}`);
  const row = page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: label }) })
    .first();
  await row.waitFor({ timeout: 20000 });
  const at = Date.now();
  await row.click();
  return at;
}

/**
 * Opens a take in the Headroom editor from the palette, checks every figure against the CLI, and
 * measures how soon the page shows the take's header.
 */
async function takeEditor(page, file) {
  const report = cliReport(file);
  await closeAllEditors(page);
  await quickOpen(page, CLIPPED);
  // The extension is active and the palette knows the command: the measured open is a warm one.
  await runCommand(page, 'Headroom: Open Take in Headroom');
  await webviewFrame(page).locator('body[data-state="done"]').waitFor({ timeout: 60000 });
  await closeAllEditors(page);
  await quickOpen(page, CLIPPED);
  const clickedAt = await clickCommand(page, 'Headroom: Open Take in Headroom');
  const frame = webviewFrame(page);
  // From the click to the header's facts on screen, as the test sees it (an upper bound: it polls).
  await frame.locator('#take-header dl.facts dd').first().waitFor({ timeout: 60000 });
  const seen = Date.now() - clickedAt;
  await frame.locator('body[data-state="done"]').waitFor({ timeout: 60000 });
  // Within the page, from the start of its document (the webview runs in a process of its own, whose
  // clock is not the workbench's): its first paint, the script's, the figures'.
  const t = await frame.locator('body').evaluate((b) => ({
    script: Number(b.dataset.skeletonMs),
    header: Number(b.dataset.headerMs),
    report: Number(b.dataset.reportMs),
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
  }));
  const os = await import('node:os');
  console.log(
    `      first paint (load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores): the header on screen ${seen} ms after the command (polled); ` +
      `from the page's start: its first paint, with the name and the header's facts, at ${Math.round(t.fcp)} ms; its script running at ${t.script} ms; the figures at ${t.report} ms`,
  );
  // The first paint is the page as the host built it: the header's facts are in it, not a message away.
  assert(t.header <= t.script + 50, `the header (${t.header} ms) came after the script's first frame (${t.script} ms): it was not in the page`);
  const figures = await frame
    .locator('[data-figure]')
    .evaluateAll((els) => els.map((e) => ({ figure: e.getAttribute('data-figure'), value: e.getAttribute('data-value'), text: e.textContent ?? '' })));
  const findings = await frame
    .locator('[data-finding]')
    .evaluateAll((els) => els.map((e) => ({ code: e.getAttribute('data-finding'), start: e.getAttribute('data-start') })));
  // The picture shows the editor alone: without quick open's binary-file placeholder and the panel.
  await runCommand(page, 'View: Close Other Editors in Group');
  await hidePanel(page);
  await frame.locator('body[data-state="done"]').waitFor({ timeout: 30000 });
  await screenshot(page, 'take-editor.png');
  const problems = compareFigures(figures, report);
  // The chain diagnosis's findings have a section of their own (data-diagnosis).
  const want = report.findings.filter((f) => !report.diagnosis.some((d) => d.code === f.code)).map((f) => `${f.code}@${f.startSeconds ?? ''}`);
  const got = findings.map((f) => `${f.code}@${f.start ?? ''}`);
  if (want.join() !== got.join()) problems.push(`findings: editor [${got.join(', ')}], CLI [${want.join(', ')}]`);
  assert(problems.length === 0, `${problems.length} mismatch(es) among ${figures.length} figures:\n${problems.join('\n')}`);
  // The comparison must be able to fail: a level 0.02 dB off is caught.
  const level = figures.findIndex((f) => isLevel(f.figure) && f.value !== 'null');
  assert(level >= 0, 'the editor shows no level figure');
  const tampered = figures.map((f, i) => (i === level ? { ...f, value: String(Number(f.value) + 0.02) } : f));
  assert(compareFigures(tampered, report).length === 1, 'self-check: a figure 0.02 dB off went unnoticed');
  console.log(`      ${figures.length} figures and ${got.length} findings (in the CLI's order) agree with the CLI`);
}

/** What the player says when playback does not start: its error, states and the page's note. */
function audioState(frame) {
  return frame.locator('audio').evaluate((a) => {
    const note = document.querySelector('.transport')?.textContent ?? '';
    return `audio: error ${a.error ? `${a.error.code} ${a.error.message}` : 'none'}, readyState ${a.readyState}, networkState ${a.networkState}, paused ${a.paused}, src ${a.src.slice(0, 120)}; transport "${note.trim()}"`;
  });
}

/** The page is scrolled away from the waveform; a click on a finding plays from there and brings the waveform into view. */
async function findingClick(page, file) {
  const finding = cliReport(file).findings.find((f) => f.startSeconds > 0);
  const frame = webviewFrame(page);
  await frame.locator('#meters').evaluate((e) => e.scrollIntoView());
  await frame.locator(`li.finding[data-start="${finding.startSeconds}"]`).first().click();
  await frame
    .locator('body[data-playing="true"]')
    .waitFor({ timeout: 20000 })
    .catch(async (err) => {
      throw new Error(`${err.message}; ${await audioState(frame)}`);
    });
  const t = await transportTime(frame);
  // The clock shows milliseconds, rounded.
  assert(t >= finding.startSeconds - 0.0005 && t < finding.startSeconds + 2, `playing at ${t} s, the finding is at ${finding.startSeconds} s`);
  const view = await waveView(frame);
  assert(
    view.start <= finding.startSeconds && finding.startSeconds <= view.end,
    `the waveform shows ${view.start}–${view.end} s, not ${finding.startSeconds} s`,
  );
  await waitUntil('the waveform in view', () =>
    frame.locator('canvas.waveform.base').evaluate((c) => {
      const r = c.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    }),
  );
  assert(await frame.locator('.playhead:not([hidden])').count(), 'no playhead drawn');
  await screenshot(page, 'take-playing.png');
}

/** Space plays and pauses, from anywhere in the editor (not scrolling the page). */
async function spaceToggles(page) {
  const frame = webviewFrame(page);
  await frame.locator('canvas.waveform.base').focus();
  const playing = async () => (await frame.locator('body').getAttribute('data-playing')) === 'true';
  const first = await playing();
  for (const want of [!first, first, !first]) {
    const before = await frame.locator('html').evaluate(() => document.scrollingElement.scrollTop);
    await page.keyboard.press('Space');
    await waitUntil(`playback ${want ? 'on' : 'off'} after Space`, async () => (await playing()) === want, 10000).catch(async (err) => {
      throw new Error(`${err.message}; ${await audioState(frame)}`);
    });
    const after = await frame.locator('html').evaluate(() => document.scrollingElement.scrollTop);
    assert(before === after, `Space scrolled the page (${before} → ${after})`);
  }
}

/** A drag over the waveform selects; the selection's figures are those of headroom analyze --frames for the same frames. */
async function selection(page, file) {
  const frame = webviewFrame(page);
  const canvas = frame.locator('canvas.waveform.base');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  await page.mouse.move(box.x + box.width * 0.15, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.45, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  await frame.locator('.selection-bar[data-done="true"]').waitFor({ timeout: 30000 });
  const span = frame.locator('.selection-span');
  const range = `${await span.getAttribute('data-start-frame')}:${await span.getAttribute('data-end-frame')}`;
  const shown = await frame
    .locator('[data-selection]')
    .evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-selection'), { value: e.getAttribute('data-value'), text: e.textContent }])));
  const cli = cliReport(file, '--frames', range);
  const expected = {
    samplePeakDbfs: cli.overall.samplePeakDbfs,
    truePeakDbtp: cli.overall.truePeakDbtp,
    rmsDbfs: cli.overall.rmsDbfs,
    integratedLufs: cli.loudness.integratedLufs,
  };
  const problems = [];
  for (const [k, v] of Object.entries(expected)) {
    const got = shown[k];
    if (!got || got.value === null) problems.push(`${k}: not shown`);
    else if (v === null ? got.value !== 'null' : Math.abs(Number(got.value) - v) > 0.01)
      problems.push(`${k}: editor ${got.value}, headroom analyze --frames ${range}: ${v}`);
  }
  assert(problems.length === 0, problems.join('\n'));
  console.log(
    `      frames ${range}: ${Object.entries(shown)
      .map(([k, v]) => `${k} ${v.text}`)
      .join(', ')}`,
  );
  await screenshot(page, 'take-selection.png');
  await page.keyboard.press('Escape');
  await frame.locator('.selection-bar').waitFor({ state: 'hidden', timeout: 5000 });
}

/** With no take active, the palette command lists the workspace's takes, each with its key figures. */
async function quickPick(page, ws) {
  await closeAllEditors(page);
  await runCommand(page, 'Headroom: Open Take in Headroom');
  const rows = page.locator('.quick-input-list .monaco-list-row');
  const takes = readdirSync(join(ws, 'takes')).filter((f) => f.endsWith('.wav'));
  await waitUntil('the takes in the Quick Pick', async () => (await rows.count()) >= Math.min(7, takes.length));
  // The picture as it opens; then each take, found by its name (the list holds only what fits).
  await page.screenshot({ path: join(results, 'quick-pick.png') });
  const input = page.locator('.quick-input-widget .quick-input-box input').first();
  for (const t of takes) {
    await input.fill(t);
    const row = rows.filter({ hasText: t }).first();
    await row.waitFor({ timeout: 5000 });
    const text = (await row.textContent()) ?? '';
    assert(/dBTP · -?\d+\.\d LUFS · (no findings|\d+ findings?)|unreadable/.test(text), `"${t}" in the Quick Pick without its figures: ${text}`);
  }
  await input.fill('mix-5.1');
  await page.keyboard.press('Enter');
  const frame = webviewFrame(page);
  await frame.locator('body[data-state="done"]').waitFor({ timeout: 60000 });
  // Six channels: a meter bridge, one column per channel, the figures in a table.
  assert((await frame.locator('.bridge-column').count()) === 6, 'no meter bridge of six columns');
  const problems = compareFigures(
    await frame
      .locator('[data-figure]')
      .evaluateAll((els) => els.map((e) => ({ figure: e.getAttribute('data-figure'), value: e.getAttribute('data-value'), text: e.textContent ?? '' }))),
    cliReport(join(ws, 'takes', 'mix-5.1-stem.wav')),
  );
  assert(problems.length === 0, problems.join('\n'));
  await frame.locator('#meters').evaluate((e) => e.scrollIntoView());
  await screenshot(page, 'take-5.1.png');
}

async function deadChannel(page, file) {
  const report = cliReport(file);
  await closeAllEditors(page);
  await quickOpen(page, 'dead-right-channel.wav');
  await runCommand(page, 'Headroom: Open Take in Headroom');
  const frame = webviewFrame(page);
  await frame.locator('body[data-state="done"]').waitFor({ timeout: 60000 });
  const dead = report.findings.find((f) => f.code === 'dead-channel').channel;
  const lane = frame.locator(`.meter-channel[data-channel="${dead}"]`);
  assert((await lane.getAttribute('data-condition')) === 'dead', 'the dead channel is not marked dead');
  assert(/dead channel/.test(await lane.locator('h3').textContent()), 'its heading does not say so');
  for (const f of ['crestFactorDb', 'noiseFloorDbfs']) {
    const text = (await frame.locator(`[data-figure="channels.${dead}.${f}"]`).textContent()).trim();
    assert(text === 'n/a', `${f} of the dead channel reads "${text}", not n/a`);
  }
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
      if (st.peak === null ? level !== undefined : level === undefined || Math.abs(level - st.peak) > 0.051)
        problems.push(`${chain.input}/${st.stage}: diagram shows "${box.level}", CLI ${st.peak} ${st.unit}`);
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
async function rigDiagram(page, file, theme) {
  const { chains, problems: rigProblems } = cliRig(file);
  assert(chains?.length >= 2, `headroom rig check --json gave ${chains?.length ?? 0} chains`);
  await closeAllEditors(page);
  await quickOpen(page, RIG);
  await activeTab(page, RIG);
  await runCommand(page, 'Headroom: Open Rig Diagram');
  const frame = webviewFrame(page);
  const svg = frame.locator('svg').first();
  await svg.waitFor({ state: 'visible', timeout: 30000 });
  // Beside the rig file the panel is narrow: the diagram is laid out for it, every stage in view.
  const width = await frame.locator('#diagram').evaluate((d) => d.clientWidth);
  assert(width < 800, `the panel beside the rig file is ${width} px wide`);
  await waitUntil('a diagram laid out for the panel', () => svg.evaluate((e, w) => e.viewBox.baseVal.width <= w, width), 30000);
  const outside = await frame
    .locator('g.stage rect.frame, g.track rect.frame')
    .evaluateAll((rects) => rects.map((r) => r.getBoundingClientRect()).filter((b) => b.left < 0 || b.right > document.documentElement.clientWidth).length);
  const stages = await frame.locator('g.stage').count();
  assert(outside === 0, `${outside} of the ${stages} stage boxes are cut off at ${width} px`);
  console.log(`      ${theme}: ${stages} stage boxes all within the ${width} px panel`);
  const shown = await frame.locator('g.input-row[data-input] g.stage[data-stage]').evaluateAll((els) =>
    els.map((g) => ({
      input: g.closest('[data-input]').getAttribute('data-input'),
      stage: g.getAttribute('data-stage'),
      cls: g.getAttribute('class'),
      level: g.querySelector('text.level')?.textContent ?? '',
    })),
  );
  const { problems, compared } = compareDiagram(shown, chains);
  assert(problems.length === 0, `${problems.length} mismatch(es) between the diagram and headroom rig check --json:\n${problems.join('\n')}`);
  const tampered = shown.map((b, i) => (i === 0 ? { ...b, level: '+999.0 dBu' } : b));
  assert(compareDiagram(tampered, chains).problems.length === 1, 'self-check: a wrong stage level went unnoticed');
  console.log(`      ${compared} stage boxes agree with the CLI`);
  // The header counts every problem the rig check finds, whatever its severity.
  const header = (await frame.locator('#problems').textContent()).trim();
  const count = rigProblems.length;
  assert(
    count === 0 ? header === 'No problems in the rig' : header.startsWith(`${count} problem${count === 1 ? '' : 's'}: `),
    `header "${header}", headroom rig check --json: ${count} problems`,
  );
  // WCAG AA: each risk word against its box (4.5:1), each box's outline against the panel (3:1).
  const contrast = await frame.locator('g.stage').evaluateAll((groups) => {
    const rgb = (c) =>
      c
        .match(/[\d.]+/g)
        .slice(0, 3)
        .map(Number);
    const lum = ([r, g, b]) =>
      [r, g, b]
        .map((v) => v / 255)
        .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
        .reduce((s, c, i) => s + c * [0.2126, 0.7152, 0.0722][i], 0);
    const ratio = (a, b) => {
      const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort((p, q) => q - p);
      return (x + 0.05) / (y + 0.05);
    };
    const page = getComputedStyle(document.body).backgroundColor;
    return groups.map((g) => {
      const frame = g.querySelector('rect.frame');
      const box = getComputedStyle(frame).fill;
      const word = getComputedStyle(g.querySelector('text.risk:last-of-type') ?? g.querySelector('text.risk')).fill;
      return { risk: g.getAttribute('class').match(/risk-(\w+)/)[1], text: ratio(word, box), outline: ratio(getComputedStyle(frame).stroke, page) };
    });
  });
  const low = contrast.filter((c) => c.text < 4.5 || c.outline < 3);
  assert(low.length === 0, `below WCAG AA: ${JSON.stringify(low)}`);
  const worst = (k) => Math.min(...contrast.map((c) => c[k])).toFixed(1);
  console.log(`      ${theme}: risk words at least ${worst('text')}:1 on their boxes, outlines at least ${worst('outline')}:1 on the panel`);
  await hidePanel(page);
  await screenshot(page, `rig-diagram-beside${theme === 'dark' ? '-dark' : ''}.png`);
  // Across the whole window: side by side.
  await runCommand(page, 'View: Toggle Maximize Editor Group');
  await waitUntil('the side-by-side layout', () => svg.evaluate((e) => e.viewBox.baseVal.width >= 1200), 30000);
  await screenshot(page, `rig-diagram${theme === 'dark' ? '-dark' : ''}.png`);
  await runCommand(page, 'View: Toggle Maximize Editor Group');
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
