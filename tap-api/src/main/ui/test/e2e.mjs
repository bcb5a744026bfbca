// The web page in a real browser against a running service with the demo catalogue, as a
// person would use it, anonymously; screenshots of each step go to the given directory.
//   node test/e2e.mjs BASE_URL SCREENSHOT_DIR [CHROMIUM]
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { session } from './browser.mjs';

await session('e2e', async ({ page, base, context, shots, step, shot, accept, editorText, setEditor, runSync, runJob, download }) => {
  const foreign = [];
  const pageErrors = [];
  // the one other host the page may reach is the sky survey an archive configures
  const { hipsUrl, signIn } = await (await fetch(base + '/ui/config.json')).json();
  const origin = new URL(base).origin;
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')
        && !(hipsUrl && url.startsWith(hipsUrl))) foreign.push(url);
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const eventStreams = [];
  page.on('request', (request) => {
    if (/\/async\/[^/]+\/events$/.test(new URL(request.url()).pathname)) eventStreams.push(request.url());
  });

  step('the base URL leads to the page');
  await page.goto(base + '/');
  assert.equal(new URL(page.url()).pathname, new URL(base).pathname + '/ui/');
  await page.locator('#run-sync:enabled').waitFor();
  assert.equal(await page.locator('#account').innerText(), signIn === 'basic' ? 'Sign in' : '',
    'a sign-in only where the service is configured for one');

  step('browse to demo.stars and see its columns');
  const schema = page.locator('details[data-schema="demo"]');
  if (!(await schema.getAttribute('open') !== null)) await schema.locator('summary').first().click();
  await page.locator('details[data-table="demo.stars"] > summary').click();
  const columns = page.locator('details[data-table="demo.stars"] .column-list');
  await columns.locator('td', { hasText: 'phot_g_mean_mag' }).first().waitFor();
  const raRow = columns.locator('tr', { has: page.locator('td', { hasText: /^ra/ }) }).first();
  assert.match(await raRow.innerText(), /deg[\s\S]*pos\.eq\.ra;meta\.main/);
  await shot('01-table-browser');

  step('filter the tables by name');
  await page.locator('#table-filter').fill('STARS');
  await page.locator('details[data-table="demo.stars"]').waitFor();
  assert.equal(await page.locator('details[data-table]').count(), 1, 'only demo.stars contains "stars"');
  await page.locator('#table-filter').fill('no such table');
  await page.locator('#tables', { hasText: 'No table name contains "no such table"' }).waitFor();
  await page.locator('#table-filter').fill('');
  await page.locator('details[data-schema="TAP_SCHEMA"]').waitFor();

  step('an example is one click away');
  const example = page.locator('#examples button').first();
  await example.click();
  assert.equal(await editorText(), await example.getAttribute('title'));
  await setEditor('');

  step('write a cone query with completion of the table and a column');
  await page.locator('.cm-content').click();
  await page.keyboard.type('SELECT * FROM demo.st');
  await page.locator('.cm-tooltip-autocomplete li', { hasText: 'stars' }).first().waitFor();
  await accept();
  await page.keyboard.type(' WHERE phot_g');
  await page.locator('.cm-tooltip-autocomplete li', { hasText: 'phot_g_mean_mag' }).first().waitFor();
  await shot('02-completion');
  await accept();
  await page.keyboard.type(" < 20 AND 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 150, 30, 20");
  await page.keyboard.press('End');
  await page.keyboard.type(' ORDER BY source_id');
  await page.keyboard.press('Escape');
  const cone = "SELECT * FROM demo.stars WHERE phot_g_mean_mag < 20 AND 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 150, 30, 20)) ORDER BY source_id";
  assert.equal(await editorText(), cone);

  step('columns complete after a table alias too');
  const written = await editorText();
  await setEditor('SELECT  FROM demo.stars AS s');
  await page.keyboard.press('Home');
  for (let i = 0; i < 'SELECT '.length; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.type('s.pm');
  const options = page.locator('.cm-tooltip-autocomplete li');
  await options.filter({ hasText: 'pmdec' }).first().waitFor();
  const labels = await options.locator('.cm-completionLabel').allInnerTexts();
  assert.deepEqual(labels.slice(0, 2).sort(), ['pmdec', 'pmra'], `completions after "s.pm": ${labels}`);
  await page.keyboard.press('Escape');
  await setEditor(written);

  step('run it sync and page through the rows');
  await page.locator('#maxrec').fill('1000');
  await page.locator('#format').selectOption('votable');
  await runSync();
  const pageStatus = page.locator('[data-role="page-status"]');
  await pageStatus.filter({ hasText: /^Rows 1–100 of \d+/ }).waitFor();
  const total = Number(/of (\d+)/.exec(await pageStatus.innerText())[1]);
  assert.ok(total > 100 && total < 1000, `a cone of 20 degrees holds some hundreds of the demo stars, got ${total}`);
  assert.equal(await page.locator('table.rows tbody tr').count(), 100);
  const firstPage = await page.locator('table.rows tbody').innerText();
  await page.locator('.pager button', { hasText: 'Next' }).click();
  await pageStatus.filter({ hasText: /^Rows 101–/ }).waitFor();
  await shot('03-results');

  step('BINARY2, BINARY, TABLEDATA and CSV are read alike');
  assert.match(firstPage, /\t\t/, 'some rows have nulls (parallax, bp_rp)');
  for (const format of ['votable/b', 'votable/td', 'csv']) {
    await page.locator('#format').selectOption(format);
    await runSync();
    await pageStatus.filter({ hasText: `Rows 1–100 of ${total}` }).waitFor();
    assert.equal(await page.locator('table.rows tbody').innerText(), firstPage, `rows read from ${format}`);
  }

  step('download the rows as VOTable and CSV');
  const votable = await download('votable');
  assert.match(votable, /<VOTABLE/);
  assert.match(votable, /name="QUERY_STATUS" value="OK"/);
  const csv = await download('csv');
  const lines = csv.trim().split(/\r?\n/);
  assert.match(lines[0], /^source_id,(.*,)?ra,dec,/);
  assert.equal(lines.length - 1, total, 'the CSV download has the rows the page shows');

  step('open the sky view');
  await page.locator('[role="tab"][data-tab="sky"]').click();
  await page.locator('[data-role="sky-note"]', { hasText: `${total} positions` }).waitFor();
  await page.locator('#aladin canvas').first().waitFor();
  await page.waitForTimeout(1500); // let the first frame be drawn before the screenshot
  await shot('04-sky');

  step('plot two numeric columns');
  await page.locator('[role="tab"][data-tab="plot"]').click();
  await page.locator('canvas.plot').waitFor();
  assert.match(await page.locator('canvas.plot').getAttribute('aria-label'), new RegExp(`^${total} rows: dec against ra`));
  await shot('05-plot');
  await page.locator('[role="tab"][data-tab="table"]').click();

  step('a format the browser cannot read is offered for download, with a word why');
  await page.locator('#format').selectOption('fits');
  await runSync();
  await page.locator('#tab-table', { hasText: 'cannot be shown in the page' }).waitFor();
  await page.locator('#downloads a[data-format="fits"]').waitFor();

  step('run it async as CSV and watch the job list follow the job');
  await page.locator('#format').selectOption('csv');
  await page.locator('#run-async').click();
  const job = page.locator('.job-list tbody tr').first();
  await job.waitFor();
  const jobId = await job.getAttribute('data-job');
  await page.locator(`.job-list tr[data-job="${jobId}"][data-phase="COMPLETED"]`).waitFor();
  await pageStatus.filter({ hasText: new RegExp(`^Rows 1–100 of ${total}$`) }).waitFor();
  assert.match(await page.locator('#query-status').innerText(), new RegExp(`Job ${jobId}: ${total} rows`));
  assert.ok(eventStreams.some((url) => url.includes(jobId)), 'the job was followed through its event stream');
  await shot('06-async-job');

  step('an anonymous user\'s jobs are remembered by the browser');
  await page.reload();
  await page.locator(`.job-list tr[data-job="${jobId}"][data-phase="COMPLETED"]`).waitFor();

  step('re-run and delete jobs');
  await page.locator(`.job-list tr[data-job="${jobId}"] button`, { hasText: 'Re-run' }).click();
  await page.locator('.job-list tbody tr').nth(1).waitFor();
  const rerun = await page.locator('.job-list tbody tr').first().getAttribute('data-job');
  assert.notEqual(rerun, jobId);
  await page.locator(`.job-list tr[data-job="${rerun}"][data-phase="COMPLETED"]`).waitFor();
  await page.locator(`.job-list tr[data-job="${jobId}"] button`, { hasText: 'Delete' }).click();
  await page.locator(`.job-list tr[data-job="${jobId}"]`).waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(async (url) => (await fetch(url)).status, `${base}/async/${jobId}`), 404);

  step('abort a running job, seen executing and then aborted in the job list');
  // long enough (hours) that a loaded machine cannot let it end before the page shows it running
  await setEditor('SELECT COUNT(*) AS n FROM demo.stars AS a, demo.stars AS b, demo.stars AS c\n'
    + 'WHERE a.phot_g_mean_mag + b.phot_g_mean_mag + c.phot_g_mean_mag < 0');
  const slowId = await runJob();
  await page.locator(`.job-list tr[data-job="${slowId}"][data-phase="EXECUTING"]`).waitFor();
  await page.locator(`.job-list tr[data-job="${slowId}"] button`, { hasText: 'Abort' }).click();
  await page.locator(`.job-list tr[data-job="${slowId}"][data-phase="ABORTED"]`).waitFor();

  step('an ADQL syntax error is marked at its line and column');
  const wrong = 'SELECT ra, dec\nFROM demo.stars\nWHERE ra >< 3';
  await setEditor(wrong);
  await page.locator('#run-sync').click();
  const error = page.locator('#query-error');
  await error.filter({ hasText: /^Line 3, column 11: / }).waitFor();
  const marked = page.locator('.cm-line').nth(2).locator('.cm-lintRange-error');
  await marked.waitFor();
  assert.equal(await marked.innerText(), '<');
  await shot('07-syntax-error');

  step('a job\'s syntax error is marked too');
  await setEditor(wrong);
  await error.waitFor({ state: 'hidden' });
  const failedId = await runJob();
  await page.locator(`.job-list tr[data-job="${failedId}"][data-phase="ERROR"]`).waitFor();
  await error.filter({ hasText: /^Line 3, column 11: / }).waitFor();
  await marked.waitFor();

  step('the page fetched nothing from any other host and raised no error');
  assert.deepEqual(foreign, [], 'requests to other hosts');
  assert.deepEqual(pageErrors, [], 'errors in the page');

  step('the service down shows a message, not a blank page');
  const down = await context.newPage();
  await down.route('**/*', (route) => {
    const path = new URL(route.request().url()).pathname;
    return path.includes('/ui/') && !path.endsWith('/config.json') ? route.continue() : route.abort('connectionrefused');
  });
  await down.goto(base + '/ui/');
  await down.locator('#notice', { hasText: 'does not answer' }).waitFor();
  await down.screenshot({ path: join(shots, '08-service-down.png') });
});
