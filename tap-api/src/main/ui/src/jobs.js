// The user's jobs: phase, times and query, kept up to date, with abort, delete and re-run.
// Signed-in users' jobs come from the service's job list; an anonymous user's from the ids
// this browser remembers.
import * as api from './api.js';
import { h, show, formatTime } from './dom.js';
import { describe } from './errors.js';
import { JobStore } from './job-store.js';
import { followJob, isActive, isFollowed } from './job-updates.js';

// Each followed job holds one waiting request, and a browser opens only about six at once to
// a host: the rest of the page must still get through.
const MAX_FOLLOWED = 3;
const LISTED = 50;

export class JobList {
  constructor(element, { onShowResult, onRerun, onUpdate }) {
    this.element = element;
    this.onShowResult = onShowResult;
    this.onRerun = onRerun;
    this.onUpdate = onUpdate;
    this.jobs = new Map();
    this.followers = new Map();
    this.message = null;
  }

  /** Lists the jobs of this user (null: anonymous) afresh. */
  async load(user) {
    this.stopAll();
    this.user = user;
    this.store = new JobStore(user);
    this.jobs = new Map();
    this.message = null;
    try {
      const ids = user ? (await api.jobList(LISTED)).map((ref) => ref.id) : this.store.ids().slice(0, LISTED);
      const found = await Promise.all(ids.map((id) => api.job(id).catch((error) => {
        if (error.status === 404) this.store.remove(id); // destroyed, or never ours
        else throw error;
        return null;
      })));
      for (const job of found.filter(Boolean)) this.jobs.set(job.id, job);
    } catch (error) {
      this.message = describe(error);
    }
    this.render();
    this.followActive();
  }

  /** A job this page just created. */
  add(job) {
    this.store.add(job.id);
    this.jobs = new Map([[job.id, job], ...this.jobs]);
    this.render();
    this.followActive();
  }

  update(job) {
    if (!this.jobs.has(job.id)) return;
    this.jobs.set(job.id, job);
    this.render();
    if (!isFollowed(job.phase)) {
      this.unfollow(job.id);
      this.followActive();
    }
    this.onUpdate(job);
  }

  followActive() {
    for (const job of this.jobs.values()) {
      if (this.followers.size >= MAX_FOLLOWED) break;
      if (isFollowed(job.phase) && !this.followers.has(job.id)) {
        this.followers.set(job.id, followJob(job, {
          onChange: (now) => this.update(now),
          onGone: (id) => this.forget(id),
          onTrouble: (error) => { this.message = describe(error); this.render(); },
        }));
      }
    }
  }

  unfollow(id) {
    this.followers.get(id)?.();
    this.followers.delete(id);
  }

  stopAll() {
    for (const stop of this.followers.values()) stop();
    this.followers.clear();
  }

  forget(id) {
    this.unfollow(id);
    this.store.remove(id);
    this.jobs.delete(id);
    this.render();
  }

  async act(job, action) {
    try {
      if (action === 'abort') {
        await api.abortJob(job.id);
        this.update(await api.job(job.id));
      } else if (action === 'delete') {
        await api.deleteJob(job.id);
        this.forget(job.id);
      }
    } catch (error) {
      if (error.status === 404) this.forget(job.id);
      else { this.message = describe(error); this.render(); }
    }
  }

  render() {
    const rows = [...this.jobs.values()].map((job) => h('tr', { 'data-job': job.id, 'data-phase': job.phase },
      h('td', {}, h('span', { className: `phase phase-${job.phase?.toLowerCase()}` }, job.phase)),
      h('td', { title: job.id }, formatTime(job.creationTime)),
      h('td', {}, formatTime(job.startTime)),
      h('td', {}, formatTime(job.endTime)),
      h('td', { className: 'job-query', title: job.parameters.QUERY ?? '' }, h('code', {}, (job.parameters.QUERY ?? '').replace(/\s+/g, ' ')),
        job.error ? h('div', { className: 'error' }, job.error) : null),
      h('td', { className: 'actions' },
        job.phase === 'COMPLETED' ? h('button', { type: 'button', className: 'small', onclick: () => this.onShowResult(job) }, 'Show result') : null,
        isActive(job.phase) ? h('button', { type: 'button', className: 'small', onclick: () => this.act(job, 'abort') }, 'Abort') : null,
        h('button', { type: 'button', className: 'small', onclick: () => this.onRerun(job) }, 'Re-run'),
        h('button', { type: 'button', className: 'small', onclick: () => this.act(job, 'delete') }, 'Delete'))));
    show(this.element,
      this.message ? h('p', { className: 'error' }, this.message) : null,
      rows.length === 0
        ? h('p', { className: 'muted' }, this.user ? 'You have no jobs.' : 'Jobs you run from this browser appear here.')
        : h('table', { className: 'job-list' },
          h('thead', {}, h('tr', {}, ['phase', 'created', 'started', 'ended', 'query', ''].map((name) => h('th', {}, name)))),
          h('tbody', {}, rows)));
  }
}
