// Signing in, where the service authenticates (tap.ui.sign-in=basic): a name and password sent
// as HTTP Basic credentials with every request. They are kept in this tab's session storage
// only, so closing the tab signs out. With sign-in off this shows nothing and changes nothing.
import * as api from './api.js';
import { h, show } from './dom.js';
import { describe } from './errors.js';

const KEY = `tap-ui:${api.baseUrl}:credentials`;

export class Account {
  constructor(element, config, onUserChange) {
    this.element = element;
    this.mode = config.signIn;
    this.user = config.user ?? null;
    this.onUserChange = onUserChange;
  }

  /** Signs in again with the credentials this tab kept, if any; returns the user (or null). */
  async restore() {
    const kept = this.mode === 'basic' ? window.sessionStorage.getItem(KEY) : null;
    if (kept) {
      const { user, password } = JSON.parse(kept);
      try {
        await this.verify(user, password);
      } catch {
        this.forget();
      }
    }
    this.render();
    return this.user;
  }

  async verify(user, password) {
    api.setCredentials(user, password);
    let config;
    try {
      config = await api.config();
    } catch (error) {
      api.setCredentials(null);
      throw error.status === 401 || error.status === 403 ? new Error('The name or the password was not accepted.') : error;
    }
    if (!config.user) {
      api.setCredentials(null);
      throw new Error('The service did not take these as credentials: it seems not to check sign-ins. '
        + 'Ask the archive\'s operators, or use the page without signing in.');
    }
    this.user = config.user;
    window.sessionStorage.setItem(KEY, JSON.stringify({ user, password }));
  }

  forget() {
    api.setCredentials(null);
    window.sessionStorage.removeItem(KEY);
    this.user = null;
  }

  render(message = null) {
    if (this.user) {
      show(this.element, h('span', { 'data-role': 'user' }, `Signed in as ${this.user}`),
        this.mode === 'basic' ? h('button', { type: 'button', className: 'small', onclick: () => this.signOut() }, 'Sign out') : null);
    } else if (this.mode === 'basic') {
      show(this.element, message ? h('span', { className: 'error' }, message) : null,
        h('button', { type: 'button', className: 'small', onclick: () => this.form() }, 'Sign in'));
    } else {
      show(this.element);
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

  signOut() {
    this.forget();
    this.render();
    this.onUserChange(null);
  }
}
