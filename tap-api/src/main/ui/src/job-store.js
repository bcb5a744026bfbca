// The ids of the jobs this browser created, per service and user. The service lists an
// anonymous caller no jobs (anonymous jobs are reached by id only, so one anonymous client's
// jobs are not shown to another); the page remembers its own instead.
import { baseUrl } from './api.js';

const KEEP = 100;

export class JobStore {
  constructor(user) {
    this.key = `tap-ui:${baseUrl}:jobs:${user ?? ''}`;
  }

  ids() {
    try {
      const ids = JSON.parse(window.localStorage.getItem(this.key) ?? '[]');
      return Array.isArray(ids) ? ids.filter((id) => typeof id === 'string') : [];
    } catch {
      return [];
    }
  }

  add(id) {
    this.save([id, ...this.ids().filter((known) => known !== id)].slice(0, KEEP));
  }

  remove(id) {
    this.save(this.ids().filter((known) => known !== id));
  }

  save(ids) {
    try {
      window.localStorage.setItem(this.key, JSON.stringify(ids));
    } catch {
      // storage full or disabled: the jobs are still listed until the page is left
    }
  }
}
