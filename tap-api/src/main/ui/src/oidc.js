// Signing in at the site's OpenID Connect provider (tap.ui.sign-in=oidc): the authorization-code
// flow with PKCE (S256) of a public client, as browser applications must run it (OAuth 2.0 for
// Browser-Based Apps): the provider's endpoints from its discovery document, a redirect there and
// back to this page, the code exchanged at the token endpoint from the browser with the verifier
// only this tab knows, the ID token's claims checked (issuer, audience, expiry, nonce). The
// protocol's checks are oauth4webapi's; this module says what to ask for and where to keep it.
// Requests go to the provider named in /ui/config.json and nowhere else.
import * as oauth from 'oauth4webapi';
import * as api from './api.js';
import { ServiceError } from './errors.js';

/** The page's own address: the redirect URI the page is registered with at the provider. */
export const redirectUri = api.baseUrl + '/ui/';

// What the tab must remember across the redirect to the provider and back: the PKCE verifier,
// the state and the nonce. Session storage: this tab only, gone with it.
const PENDING = `tap-ui:${api.baseUrl}:oidc-pending`;

/**
 * Leaves for the provider's sign-in (calling beforeLeaving first); the provider sends the browser
 * back to this page with a code.
 */
export async function signIn(settings, beforeLeaving) {
  const server = await discover(settings);
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  window.sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, nonce }));
  const target = new URL(server.authorization_endpoint);
  const parameters = {
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: redirectUri,
    scope: settings.scope,
    state,
    nonce,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  };
  for (const [name, value] of Object.entries(parameters)) target.searchParams.set(name, value);
  beforeLeaving();
  window.location.assign(target.href);
}

/** Whether this page load is the provider sending the browser back after a sign-in this tab began. */
export function returning() {
  const parameters = new URL(window.location.href).searchParams;
  return window.sessionStorage.getItem(PENDING) !== null && parameters.has('state');
}

/**
 * Finishes the sign-in the provider sent the browser back from: the code for tokens, and the
 * user's name from the ID token's claims, or from UserInfo where the provider keeps profile
 * claims there. Answers { accessToken, expiresAt (ms since the epoch, or null), name }.
 */
export async function finish(settings) {
  const pending = JSON.parse(window.sessionStorage.getItem(PENDING));
  window.sessionStorage.removeItem(PENDING);
  const answer = new URL(window.location.href);
  // the code is good once at most: a reload must not present it again, nor a bookmark keep it
  window.history.replaceState(null, '', redirectUri);
  const server = await discover(settings);
  const client = { client_id: settings.clientId };
  try {
    const parameters = oauth.validateAuthResponse(server, client, answer, pending.state);
    const response = await oauth.authorizationCodeGrantRequest(server, client, oauth.None(), parameters,
      redirectUri, pending.verifier, insecure(settings));
    const tokens = await oauth.processAuthorizationCodeResponse(server, client, response,
      { expectedNonce: pending.nonce, requireIdToken: true });
    const claims = oauth.getValidatedIdTokenClaims(tokens);
    let name = claims[settings.nameClaim];
    if (name === undefined && server.userinfo_endpoint) {
      const info = await oauth.processUserInfoResponse(server, client, claims.sub,
        await oauth.userInfoRequest(server, client, tokens.access_token, insecure(settings)));
      name = info[settings.nameClaim];
    }
    return {
      accessToken: tokens.access_token,
      expiresAt: typeof tokens.expires_in === 'number' ? Date.now() + tokens.expires_in * 1000 : null,
      name: String(name ?? claims.sub),
    };
  } catch (error) {
    throw refusal(error, settings);
  }
}

async function discover(settings) {
  const issuer = new URL(settings.issuer);
  let response;
  try {
    response = await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...insecure(settings) });
  } catch {
    throw unreachableProvider(settings);
  }
  try {
    return await oauth.processDiscoveryResponse(issuer, response);
  } catch (error) {
    throw new ServiceError(`The identity provider at ${settings.issuer} did not describe itself as expected `
      + `(${error.message}). Tell the archive's operators.`);
  }
}

/**
 * The service lets an issuer be plain http only on the user's own machine (a provider for
 * development or tests); everywhere else the library's https-only rule stands.
 */
function insecure(settings) {
  return new URL(settings.issuer).protocol === 'http:' ? { [oauth.allowInsecureRequests]: true } : {};
}

/** What went wrong with the provider, in words: its own error where it gave one. */
function refusal(error, settings) {
  if (error instanceof oauth.AuthorizationResponseError || error instanceof oauth.ResponseBodyError) {
    return new ServiceError(`The identity provider did not sign you in: ${error.error_description ?? error.error}.`);
  }
  if (error instanceof TypeError) return unreachableProvider(settings);
  return new ServiceError(`The sign-in could not be completed: ${error.message}. Try signing in again.`);
}

function unreachableProvider(settings) {
  return new ServiceError(`The identity provider at ${settings.issuer} does not answer; try again in a moment, `
    + 'and tell the archive\'s operators if it stays so.');
}
