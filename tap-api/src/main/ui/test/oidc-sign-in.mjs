// Signing in at the site's OpenID Connect provider (tap.ui.sign-in=oidc), against a service that
// takes the provider's bearer tokens. The provider is the tests' own: its sign-in form asks for a
// user name, a token lifetime and whether the token response states it (expires_in). A user sees
// their own jobs and nobody else's; a token that expired or was forged asks for a new sign-in.
//   node test/oidc-sign-in.mjs BASE_URL SCREENSHOT_DIR [CHROMIUM]
import assert from 'node:assert/strict';
import { session } from './browser.mjs';

const QUERY = 'SELECT TOP 5 source_id, ra, dec FROM demo.stars ORDER BY source_id';
// Users no other test has: the service contexts of one test run share their job store, and
// another test's "alice" would find these jobs hers.

await session('oidc-sign-in', async ({ page, base, step, shot, editorText, setEditor, runJob, download }) => {
  const { signIn: mode, oidc } = await (await fetch(base + '/ui/config.json')).json();
  assert.equal(mode, 'oidc');
  const pageAddress = base + '/ui/';
  const allowed = [new URL(base).origin, new URL(oidc.issuer).origin];
  const foreign = [];
  const pageErrors = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!allowed.includes(new URL(url).origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const tokenRequests = [];
  page.on('request', (request) => {
    if (request.url() === oidc.issuer + '/token' && request.method() === 'POST') tokenRequests.push(request.postData());
  });
  const account = page.locator('#account');
  const jobRows = page.locator('.job-list tbody tr');
  const finished = (id) => page.locator(`.job-list tr[data-job="${id}"][data-phase="COMPLETED"]`).waitFor();
  const signedInAs = (name) => account.locator('[data-role="user"]', { hasText: `Signed in as ${name}` }).waitFor();
  const askedToSignIn = (words) => account.locator('.error', { hasText: words }).waitFor();
  const keptToken = async () => JSON.parse(await page.evaluate((key) => window.sessionStorage.getItem(key),
    `tap-ui:${base}:credentials`)).accessToken;
  const asUser = (token, path) => fetch(base + path, { headers: { Authorization: `Bearer ${token}` } });

  step('the page offers a sign-in at the identity provider');
  await page.goto(pageAddress);
  await page.locator('#run-sync:enabled').waitFor();
  await account.locator('button', { hasText: 'Sign in' }).waitFor();

  step('the provider signs hypatia in and sends her back to the page, which shows her name and her query');
  await setEditor(QUERY);
  await signIn('hypatia');
  await signedInAs('hypatia');
  assert.equal(page.url(), pageAddress, 'the code is gone from the address');
  assert.equal(await editorText(), QUERY, 'the query written before signing in is still there');
  await page.locator('#jobs', { hasText: 'You have no jobs.' }).waitFor();
  assert.equal(tokenRequests.length, 1);
  const exchange = new URLSearchParams(tokenRequests[0]);
  assert.equal(exchange.get('grant_type'), 'authorization_code');
  assert.equal(exchange.get('client_id'), oidc.clientId);
  assert.match(exchange.get('code_verifier'), /^[A-Za-z0-9._~-]{43,128}$/, 'a PKCE verifier, and no client secret');
  assert.equal(exchange.get('client_secret'), null);
  await shot('11-oidc-signed-in');

  step('her job is hers: the API shows it to her token and to nobody else');
  await setEditor(QUERY);
  const hypatiasJob = await runJob();
  await finished(hypatiasJob);
  await page.locator('[data-role="page-status"]', { hasText: 'Rows 1–5 of 5' }).waitFor();
  const hypatiasToken = await keptToken();
  const asHypatia = await asUser(hypatiasToken, `/async/${hypatiasJob}`);
  assert.equal(asHypatia.status, 200);
  assert.match(await asHypatia.text(), /<uws:ownerId>hypatia<\/uws:ownerId>/);
  assert.equal((await fetch(`${base}/async/${hypatiasJob}`)).status, 404, 'an anonymous caller is not told it exists');

  step('her downloads carry her token');
  await page.locator(`.job-list tr[data-job="${hypatiasJob}"] button`, { hasText: 'Show result' }).click();
  assert.match(await download('Job result'), /<VOTABLE/);

  step('a reload keeps her signed in, without going to the provider again');
  await page.reload();
  await signedInAs('hypatia');
  await finished(hypatiasJob);
  assert.equal(await jobRows.count(), 1);
  assert.equal(tokenRequests.length, 1);

  step('signing out leaves nothing of her on the page');
  await account.locator('button', { hasText: 'Sign out' }).click();
  await account.locator('button', { hasText: 'Sign in' }).waitFor();
  assert.equal(await page.locator(`.job-list tr[data-job="${hypatiasJob}"]`).count(), 0);
  assert.equal(await page.evaluate(() => window.sessionStorage.length), 0, 'no token kept');

  step('tycho signs in and sees none of her jobs, neither on the page nor with his token');
  await signIn('tycho');
  await signedInAs('tycho');
  await page.locator('#jobs', { hasText: 'You have no jobs.' }).waitFor();
  const tychosToken = await keptToken();
  assert.notEqual(tychosToken, hypatiasToken);
  assert.equal((await asUser(tychosToken, `/async/${hypatiasJob}`)).status, 404);
  assert.doesNotMatch(await (await asUser(tychosToken, '/async')).text(), new RegExp(hypatiasJob));
  await shot('12-oidc-another-user');

  step('a forged token is refused with 401, and the page asks to sign in again');
  const forged = tychosToken.slice(0, -8) + (tychosToken.endsWith('AAAAAAAA') ? 'BBBBBBBB' : 'AAAAAAAA');
  const refused = await asUser(forged, '/async');
  assert.equal(refused.status, 401);
  assert.match(refused.headers.get('www-authenticate'), /^Bearer .*error="invalid_token"/);
  await page.evaluate(([key, token]) => {
    const kept = JSON.parse(window.sessionStorage.getItem(key));
    window.sessionStorage.setItem(key, JSON.stringify({ ...kept, accessToken: token }));
  }, [`tap-ui:${base}:credentials`, forged]);
  await page.reload();
  await askedToSignIn('The service did not accept the identity provider\'s token');
  await account.locator('button', { hasText: 'Sign in' }).waitFor();
  await page.locator('#jobs', { hasText: 'Jobs you run from this browser appear here.' }).waitFor();
  await shot('13-oidc-forged-token');

  step('when the token expires, the page says so and asks to sign in again');
  await signIn('hypatia', { lifetime: 8 });
  await signedInAs('hypatia');
  const shortLived = await keptToken();
  await askedToSignIn('Your sign-in has expired: sign in again.');
  await page.locator('#jobs', { hasText: 'Jobs you run from this browser appear here.' }).waitFor();
  await page.waitForTimeout(2_500); // beyond the service's clock skew of 1 s
  assert.equal((await asUser(shortLived, '/async')).status, 401, 'the service refuses it too');

  step('a token whose lifetime the provider did not state: the service\'s 401 asks to sign in again');
  await signIn('hypatia', { lifetime: 4, statesLifetime: false });
  await signedInAs('hypatia');
  await finished(hypatiasJob);
  await page.waitForTimeout(6_000);
  await signedInAs('hypatia'); // the page cannot know yet
  await setEditor(QUERY);
  await page.locator('#run-async').click(); // refused: no job is created
  await askedToSignIn('The service no longer accepts your sign-in: sign in again.');
  assert.match(await account.locator('.error').getAttribute('title'), /Jwt expired at .*get a new token from the identity provider/);
  await page.locator('#query-error', { hasText: 'the bearer token was refused' }).waitFor();
  assert.equal(await page.locator(`.job-list tr[data-job="${hypatiasJob}"]`).count(), 0);
  await shot('14-oidc-expired-token');

  step('the page asked nothing of any host but the service and the provider, and raised no error');
  assert.deepEqual(foreign, [], 'requests to other hosts');
  assert.deepEqual(pageErrors, [], 'errors in the page');

  async function signIn(user, { lifetime = 3600, statesLifetime = true } = {}) {
    await account.locator('button', { hasText: 'Sign in' }).click();
    await page.waitForURL((url) => url.href.startsWith(oidc.issuer + '/authorize'));
    await page.locator('input[name="username"]').fill(user);
    await page.locator('input[name="lifetime"]').fill(String(lifetime));
    await page.locator('input[name="expires_in"]').setChecked(statesLifetime);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(pageAddress);
  }
});
