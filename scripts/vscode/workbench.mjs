// Driving the VS Code workbench (in code-server) through playwright-core: the command palette,
// quick open, the Problems panel and webviews. Selectors are VS Code's own DOM classes.

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function waitForWorkbench(page, timeout = 60000) {
  await page.locator('.monaco-workbench').waitFor({ timeout });
  // The explorer lists the folder once the remote file system is connected.
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout });
}

const quickInput = (page) => page.locator('.quick-input-widget .quick-input-box input').first();

async function openQuickInput(page, text) {
  const dialog = page.locator('.monaco-dialog-box').filter({ visible: true });
  if (await dialog.count()) throw new Error(`a modal dialog blocks the workbench: "${(await dialog.first().innerText()).replace(/\s+/g, ' ')}"`);
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = quickInput(page);
  await input.waitFor({ state: 'visible', timeout: 5000 });
  await input.fill(text, { timeout: 5000 });
  return input;
}

/**
 * Runs a command from the palette by its label ("Category: Title"). The workbench shows before the
 * remote extension host has registered the extension's commands, so the palette is retried until
 * the row appears.
 */
export async function runCommand(page, label, { timeout = 60000 } = {}) {
  const end = Date.now() + timeout;
  let lastError;
  for (;;) {
    try {
      await openQuickInput(page, `>${label}`);
      const row = page
        .locator('.quick-input-list .monaco-list-row')
        .filter({ has: page.locator('.label-name', { hasText: label }) })
        .first();
      await row.waitFor({ state: 'visible', timeout: 2000 });
      // Take the row whose label is exactly the command, not one that merely contains it.
      const rows = page.locator('.quick-input-list .monaco-list-row');
      const n = await rows.count();
      for (let i = 0; i < n; i++) {
        const name = (await rows.nth(i).locator('.label-name').first().textContent())?.trim();
        if (name === label) {
          await rows.nth(i).click();
          return;
        }
      }
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > end) {
      await page.keyboard.press('Escape');
      throw new Error(
        `the command palette never offered "${label}" within ${timeout / 1000} s (last: ${String(lastError?.message ?? 'no matching row').split('\n')[0]})`,
      );
    }
    await sleep(1000);
  }
}

/** Opens a workspace file through quick open (the palette without ">"), as a user would. */
export async function quickOpen(page, fileName, { timeout = 30000 } = {}) {
  const end = Date.now() + timeout;
  let lastError;
  for (;;) {
    try {
      await openQuickInput(page, fileName);
      const row = page
        .locator('.quick-input-list .monaco-list-row')
        .filter({ has: page.locator('.label-name', { hasText: fileName }) })
        .first();
      await row.waitFor({ state: 'visible', timeout: 3000 });
      await row.click();
      return;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > end) {
      await page.keyboard.press('Escape');
      throw new Error(`quick open never listed "${fileName}" within ${timeout / 1000} s (last: ${String(lastError?.message ?? '').split('\n')[0]})`);
    }
    await sleep(1000);
  }
}

/** Shows the Problems panel, filtered by `filter`, and returns the text of its visible rows. */
export async function problems(page, filter) {
  await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
  const panel = page.locator('.markers-panel');
  await panel.waitFor({ state: 'visible', timeout: 10000 });
  const box = page.locator('.viewpane-filter input, .markers-panel-action-filter input').filter({ visible: true }).first();
  await box.fill(filter);
  await sleep(500);
  return panel.locator('.monaco-list-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') || r.textContent || ''));
}

/** Polls the Problems panel until `accept(rows)` holds, returning the rows. */
export async function waitForProblems(page, filter, accept, { timeout = 60000 } = {}) {
  const end = Date.now() + timeout;
  let rows;
  for (;;) {
    rows = await problems(page, filter);
    if (accept(rows)) return rows;
    if (Date.now() > end)
      throw new Error(`the Problems panel (filter "${filter}") never showed what was expected; it shows:\n        ${rows.join('\n        ') || '(nothing)'}`);
    await sleep(1000);
  }
}

/** The document inside the visible webview: VS Code nests it in two iframes. */
export function webviewFrame(page) {
  return page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('iframe#active-frame');
}

export async function closeAllEditors(page) {
  await runCommand(page, 'View: Close All Editors');
}
