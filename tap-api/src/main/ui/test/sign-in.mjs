// Signing in, against a service that authenticates with HTTP Basic and has the page's sign-in
// on (tap.ui.sign-in=basic); a user NAME's password is "secret-NAME". Each user sees their own
// jobs and nobody else's, anonymous ones included.
//   node test/sign-in.mjs BASE_URL SCREENSHOT_DIR [CHROMIUM]
import assert from 'node:assert/strict';
import { session } from './browser.mjs';

const QUERY = 'SELECT TOP 5 source_id, ra, dec FROM demo.stars ORDER BY source_id';

await session('sign-in', async ({ page, base, step, shot, setEditor, runJob, download }) => {
  const account = page.locator('#account');
  const jobRows = page.locator('.job-list tbody tr');
  const finished = (id) => page.locator(`.job-list tr[data-job="${id}"][data-phase="COMPLETED"]`).waitFor();

  step('an anonymous user runs a job');
  await page.goto(base + '/ui/');
  await page.locator('#run-sync:enabled').waitFor();
  await setEditor(QUERY);
  const anonymousJob = await runJob();
  await finished(anonymousJob);

  step('a wrong password is refused in words');
  await signIn('alice', 'wrong');
  await account.locator('.error', { hasText: 'The name or the password was not accepted.' }).waitFor();

  step('signed in, the user sees their name and none of the anonymous jobs');
  await signIn('alice', 'secret-alice');
  await account.locator('[data-role="user"]', { hasText: 'Signed in as alice' }).waitFor();
  await page.locator('#jobs', { hasText: 'You have no jobs.' }).waitFor();

  step('the user\'s job is the service\'s, listed from /async');
  await setEditor(QUERY);
  const alicesJob = await runJob();
  await finished(alicesJob);
  await page.locator('[data-role="page-status"]', { hasText: 'Rows 1–5 of 5' }).waitFor();
  await shot('09-signed-in');
  await page.reload();
  await account.locator('[data-role="user"]', { hasText: 'Signed in as alice' }).waitFor();
  await finished(alicesJob);
  assert.equal(await jobRows.count(), 1);

  step('a signed-in user\'s download carries the credentials');
  await page.locator(`.job-list tr[data-job="${alicesJob}"] button`, { hasText: 'Show result' }).click();
  const csv = await download('csv');
  assert.equal(csv.trim().split(/\r?\n/).length, 6, 'a header and five rows');
  assert.match(await download('Job result'), /<VOTABLE/);

  step('signing out leaves nothing of the user on the page');
  await account.locator('button', { hasText: 'Sign out' }).click();
  await finished(anonymousJob);
  assert.equal(await page.locator(`.job-list tr[data-job="${alicesJob}"]`).count(), 0);
  await page.locator('.cm-placeholder').waitFor(); // shown only in an empty editor
  assert.equal(await page.locator('table.rows').count(), 0);
  assert.equal(await page.evaluate(async (url) => (await fetch(url)).status, `${base}/async/${alicesJob}`), 404,
    'another user\'s job is not even confirmed to exist');

  step('another user sees none of the first one\'s jobs');
  await signIn('bob', 'secret-bob');
  await account.locator('[data-role="user"]', { hasText: 'Signed in as bob' }).waitFor();
  await page.locator('#jobs', { hasText: 'You have no jobs.' }).waitFor();
  await shot('10-another-user');

  async function signIn(user, password) {
    await account.locator('button', { hasText: 'Sign in' }).click();
    await page.locator('input[name="user"]').fill(user);
    await page.locator('input[name="password"]').fill(password);
    await page.locator('form.sign-in button[type="submit"]').click();
  }
});
