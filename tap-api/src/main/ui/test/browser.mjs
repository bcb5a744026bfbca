// What the page's browser tests share: headless Chromium (Debian's, given by path) on a page
// of a running service, the failed step named with a screenshot, and the helpers that act as
// a person would.
//   node test/SCRIPT.mjs BASE_URL SCREENSHOT_DIR [CHROMIUM]
// Prints "ui NAME: all checks passed" and exits 0, or names the failed step and exits 1.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const TIMEOUT = 30_000;

export async function session(name, scenario) {
  const [base, shots, executable = '/usr/bin/chromium'] = process.argv.slice(2);
  if (!base || !shots) {
    console.error(`usage: node test/${name}.mjs BASE_URL SCREENSHOT_DIR [CHROMIUM]`);
    process.exit(2);
  }
  mkdirSync(shots, { recursive: true });
  const browser = await chromium.launch({ executablePath: executable, headless: true, args: ['--no-sandbox'] });
  let current = 'start';
  let page;
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
    context.setDefaultTimeout(TIMEOUT);
    page = await context.newPage();
    await scenario({ ...helpers(page, shots, name), base, context, step: (label) => { current = label; } });
    console.log(`ui ${name}: all checks passed`);
  } catch (failure) {
    console.error(`ui ${name}: FAILED at "${current}": ${failure.stack ?? failure}`);
    if (page) await page.screenshot({ path: join(shots, `${name}-failure.png`), fullPage: true }).catch(() => {});
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
}

function helpers(page, shots, name) {
  return {
    page,
    shots,

    async shot(label) {
      await page.screenshot({ path: join(shots, `${label}.png`), fullPage: true });
    },

    /** Enter on the open completion list, after the pause the editor waits before taking it. */
    async accept() {
      await page.waitForTimeout(300);
      await page.keyboard.press('Enter');
    },

    async editorText() {
      return page.evaluate(() => [...document.querySelectorAll('.cm-line')].map((line) => line.textContent).join('\n'));
    },

    async setEditor(text) {
      await page.locator('.cm-content').click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('Delete');
      await page.keyboard.insertText(text);
      await page.keyboard.press('Escape');
    },

    /** Runs the editor's query sync; returns once the answer arrived (the old rows are gone by then). */
    async runSync() {
      await Promise.all([
        page.waitForResponse((response) => new URL(response.url()).pathname.endsWith('/sync') && response.request().method() === 'POST'),
        page.locator('#run-sync').click(),
      ]);
    },

    /** Runs the editor's query as a job; returns its id once the job list shows it. */
    async runJob() {
      const rows = page.locator('.job-list tbody tr');
      const before = await rows.count();
      await page.locator('#run-async').click();
      await rows.nth(before).waitFor();
      return rows.first().getAttribute('data-job');
    },

    /** Clicks a download link and returns the file's text. */
    async download(format) {
      const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`#downloads a[data-format="${format}"]`).click()]);
      const path = join(shots, `${name}-download.${format}`);
      await file.saveAs(path);
      return readFileSync(path, 'utf8');
    },
  };
}
