// Signing in, where the service authenticates. Two ways, as /ui/config.json says:
// - basic: a name and password sent as HTTP Basic credentials with every request;
// - oidc: a sign-in at the site's OpenID Connect provider (oidc.js), whose access token is sent
//   as a bearer token with every request.
// What a sign-in gives is kept in this tab's session storage only: a reload keeps the user signed
// in, closing the tab signs out. Memory alone would send the user through the provider at every
// reload, and would not protect more: a script that could read session storage could as well send
// requests with the token while the page is open. The page runs no script but its own.
// With sign-in off this shows nothing and changes nothing.
import * as api from './api.js';
import { h, show } from './dom.js';
import { describe } from './errors.js';
import * as oidc from './oidc.js';

const KEY = `tap-ui:${api.baseUrl}:credentials`;
// setTimeout takes at most 2^31 - 1 ms; a token living longer is checked again then
const LONGEST_TIMER = 2 ** 31 - 1;

export class Account {
  constructor(element, config, { beforeLeaving = () => {} }, onUserChange) {
    this.element = element;
    this.mode = config.signIn;
    this.provider = config.oidc;
    this.user = config.user ?? null;
    this.name = null;
    this.expiry = null;
    this.beforeLeaving = beforeLeaving;
    this.onUserChange = onUserChange;
    api.whenCredentialsRefused((error) => this.refused(error));
  }

  /**
   * Signs in with what this tab kept, or finishes a sign-in the provider sent the browser back
   * from; returns the user (or null).
   */
  async restore() {
    let message = null;
    try {
      if (this.mode === 'oidc' && oidc.returning()) {
        await this.accept(await oidc.finish(this.provider));
      } else {
        const kept = this.mode !== 'none' ? window.sessionStorage.getItem(KEY) : null;
        if (kept) message = await this.resume(JSON.parse(kept));
      }
    } catch (error) {
      this.forget();
      message = error.status ? describe(error) : error.message;
    }
    this.render(message);
    return this.user;
  }

  /** Signs in again with kept credentials; answers why not, if it could not. */
  async resume(kept) {
    if (this.mode === 'basic') {
      await this.verify(kept.user, kept.password);
      return null;
    }
    if (kept.expiresAt !== null && kept.expiresAt <= Date.now()) {
      this.forget();
      return 'Your sign-in has expired: sign in again.';
    }
    await this.accept(kept);
    return null;
  }

  async verify(user, password) {
    api.setCredentials(user, password);
    await this.confirm('The name or the password was not accepted.');
    window.sessionStorage.setItem(KEY, JSON.stringify({ user, password }));
  }

  /** Takes the provider's access token if the service does: then the service names the user. */
  async accept(session) {
    api.setBearerToken(session.accessToken);
    await this.confirm('The service did not accept the identity provider\'s token: sign in again, '
      + 'and tell the archive\'s operators if it keeps happening.');
    this.name = session.name;
    window.sessionStorage.setItem(KEY, JSON.stringify(session));
    this.expireAt(session.expiresAt);
  }

  /** Asks the service who the credentials now sent name; fails with refusedMessage if nobody. */
  async confirm(refusedMessage) {
    let config;
    try {
      config = await api.config();
    } catch (error) {
      api.setCredentials(null);
      throw error.status === 401 || error.status === 403 ? new Error(refusedMessage) : error;
    }
    if (!config.user) {
      api.setCredentials(null);
      throw new Error('The service did not take these as credentials: it seems not to check sign-ins. '
        + 'Ask the archive\'s operators, or use the page without signing in.');
    }
    this.user = config.user;
  }

  /** At the token's expiry the service would refuse it: the user is asked to sign in again then. */
  expireAt(expiresAt) {
    clearTimeout(this.expiry);
    if (expiresAt === null) return;
    const remaining = expiresAt - Date.now();
    this.expiry = setTimeout(() => {
      if (Date.now() >= expiresAt) this.end('Your sign-in has expired: sign in again.');
      else this.expireAt(expiresAt);
    }, Math.min(Math.max(remaining, 0), LONGEST_TIMER));
  }

  /** The service answered 401 to the credentials in use: they expired or were revoked. */
  refused(error) {
    this.end('The service no longer accepts your sign-in: sign in again.', describe(error));
  }

  /** Ends a sign-in the user did not end: said why (the service's words on hover), with the way back in. */
  end(message, detail = null) {
    if (this.user === null) return;
    this.forget();
    this.render(message, detail);
    this.onUserChange(null);
  }

  forget() {
    clearTimeout(this.expiry);
    api.setCredentials(null);
    window.sessionStorage.removeItem(KEY);
    this.user = null;
    this.name = null;
  }

  render(message = null, detail = null) {
    if (this.user) {
      const name = this.name ?? this.user;
      show(this.element, h('span', { 'data-role': 'user', title: name === this.user ? null : `Your jobs are kept as ${this.user}'s` },
        `Signed in as ${name}`),
      h('button', { type: 'button', className: 'small', onclick: () => this.signOut() }, 'Sign out'));
    } else if (this.mode === 'basic' || this.mode === 'oidc') {
      show(this.element, message ? h('span', { className: 'error', role: 'alert', title: detail }, message) : null,
        h('button', { type: 'button', className: 'small', onclick: () => this.signIn() }, 'Sign in'));
    } else {
      show(this.element);
    }
  }

  async signIn() {
    if (this.mode === 'basic') {
      this.form();
      return;
    }
    try {
      await oidc.signIn(this.provider, this.beforeLeaving);
    } catch (error) {
      this.render(describe(error));
    }
  }

  form() {
    const name = h('input', { name: 'user', autocomplete: 'username', required: true, 'aria-label': 'User name', placeholder: 'user name' });
    const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, 'aria-label': 'Password', placeholder: 'password' });
    const form = h('form', { className: 'sign-in', onsubmit: async (event) => {
      event.preventDefault();
      try {
        await this.verify(name.value, password.value);
        this.render();
        this.onUserChange(this.user);
      } catch (error) {
        this.render(error.status ? describe(error) : error.message);
      }
    } }, name, password, h('button', { type: 'submit', className: 'small' }, 'Sign in'),
    h('button', { type: 'button', className: 'small', onclick: () => this.render() }, 'Cancel'));
    show(this.element, form);
    name.focus();
  }

  /**
   * Forgets the user's credentials in this page. With OIDC the provider may keep its own session,
   * so a next sign-in there can pass without a password, as with any site signed in through it.
   */
  signOut() {
    this.forget();
    this.render();
    this.onUserChange(null);
  }
}
