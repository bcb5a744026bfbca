// The page: loads what the service publishes, then wires the editor, the table browser, the
// runs, the result and the job list together.
import * as api from './api.js';
import { byId, h, show } from './dom.js';
import { describe, located } from './errors.js';
import { Catalogue } from './catalogue.js';
import { AdqlEditor } from './editor.js';
import { QueryPanel } from './query-panel.js';
import { ResultPanel } from './result-panel.js';
import { JobList } from './jobs.js';
import { renderTables } from './tables.js';
import { Account } from './auth.js';

const RETRY_SECONDS = 15;

async function start() {
  byId('service-url').textContent = api.baseUrl;
  let config;
  let capabilities;
  let catalogue;
  try {
    [config, capabilities, catalogue] = await Promise.all([api.config(), api.capabilities(), Catalogue.load()]);
  } catch (error) {
    serviceDown(error, start);
    return;
  }
  notice(null);
  document.title = config.title;
  byId('title').textContent = config.title;

  let syncRun = null;
  let currentJob = null;
  const editor = new AdqlEditor(byId('editor'), {
    catalogue,
    onRun: () => runSync(),
    onErrorCleared: () => panel.clearError(),
  });
  const panel = new QueryPanel(editor, capabilities, { onSync: () => runSync(), onAsync: () => runAsync() });
  const results = new ResultPanel(config, capabilities.formats);
  const jobs = new JobList(byId('jobs'), {
    onShowResult: (job) => showJobResult(job),
    onRerun: (job) => { panel.load(job.parameters); runAsync(); },
    onUpdate: (job) => jobChanged(job),
  });
  renderTables(byId('tables'), byId('table-filter'), catalogue, { onQuery: (query) => { editor.text = query; } });
  api.examples().then((examples) => panel.showExamples(examples), () => panel.showExamples([]));

  let user = null;
  const draft = `tap-ui:${api.baseUrl}:draft`;
  const account = new Account(byId('account'), config, {
    // a sign-in at the identity provider leaves the page: the query being written waits for the user's return
    beforeLeaving: () => window.sessionStorage.setItem(draft, editor.text),
  }, (now) => {
    // another user: nothing of the previous one's stays on the page (an anonymous user who
    // signs in keeps the query being written)
    syncRun?.abort();
    currentJob = null;
    results.clear();
    panel.done('');
    panel.clearError();
    if (user !== null) editor.text = '';
    user = now;
    jobs.load(user);
  });
  user = await account.restore();
  const kept = window.sessionStorage.getItem(draft);
  if (kept !== null) {
    window.sessionStorage.removeItem(draft);
    editor.text = kept;
  }
  await jobs.load(user);

  async function runSync() {
    const parameters = panel.parameters();
    if (!parameters) return;
    syncRun?.abort();
    const run = new AbortController();
    syncRun = run;
    currentJob = null;
    const started = performance.now();
    panel.running('Running…', () => {
      run.abort();
      results.clear();
      panel.done('Stopped.');
    });
    results.loading('Running the query…');
    try {
      const response = await api.sync(parameters, run.signal);
      const result = await results.show(response, { parameters });
      panel.done(summary(result, started));
    } catch (error) {
      if (run.signal.aborted) return;
      results.clear();
      panel.showError(error);
    } finally {
      if (syncRun === run) syncRun = null;
    }
  }

  async function runAsync() {
    const parameters = panel.parameters();
    if (!parameters) return;
    if (syncRun) {
      syncRun.abort();
      results.loading('The query runs as a job now; its rows appear here when it is done.');
    }
    panel.running('Creating the job…');
    try {
      const job = await api.createJob(parameters);
      currentJob = job.id;
      jobs.add(job);
      jobChanged(job);
    } catch (error) {
      panel.showError(error);
    }
  }

  /** The job run last from the editor reports to the query panel; its result is shown at once. */
  function jobChanged(job) {
    if (job.id !== currentJob) return;
    if (job.phase === 'COMPLETED') showJobResult(job);
    else if (job.phase === 'ERROR') panel.showError(located(job.error ?? 'The job failed without saying why.'));
    else panel.running(`Job ${job.phase.toLowerCase()}…`);
  }

  async function showJobResult(job) {
    currentJob = null;
    const started = performance.now();
    results.loading('Reading the job\'s result…');
    try {
      const stored = job.results[0] ?? { id: 'result' };
      const response = await api.jobResult(job.id, stored.href);
      const parameters = { LANG: 'ADQL', REQUEST: 'doQuery', QUERY: job.parameters.QUERY, MAXREC: job.parameters.MAXREC };
      const result = await results.show(response, { parameters,
        jobResult: { jobId: job.id, href: api.resultUrl(job.id, stored.id), mime: stored.mime } });
      panel.done(`Job ${job.id}: ` + summary(result, started));
    } catch (error) {
      results.clear();
      panel.showError(error);
    }
  }
}

function summary(result, started) {
  if (result.unreadable) return 'Done.';
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  return `${result.rows.length} row${result.rows.length === 1 ? '' : 's'}${result.overflow ? ' (MAXREC reached)' : ''} in ${seconds} s`;
}

/** The service did not answer the page's first requests: say so, and try again. */
function serviceDown(error, retry) {
  let remaining = RETRY_SECONDS;
  const countdown = h('span', {}, '');
  const tick = () => { countdown.textContent = ` Trying again in ${remaining} s.`; };
  const again = () => {
    clearInterval(timer);
    countdown.textContent = ' Trying again…';
    retry();
  };
  const timer = setInterval(() => {
    remaining -= 1;
    if (remaining <= 0) again();
    else tick();
  }, 1000);
  tick();
  notice(h('span', {}, describe(error)), countdown,
    h('button', { type: 'button', className: 'small', onclick: again }, 'Try again now'));
}

function notice(...content) {
  const element = byId('notice');
  element.hidden = content[0] === null;
  if (content[0] !== null) show(element, content);
}

window.addEventListener('unhandledrejection', (event) => notice(describe(event.reason)));
start().catch((error) => notice(describe(error)));
