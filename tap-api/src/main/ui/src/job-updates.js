// Follows a job until it reaches a final phase, reporting each change. This is the one place
// that knows how changes arrive: the job's event stream (<job>/events, Server-Sent Events)
// while the service offers it, else UWS 1.1 WAIT (one blocking request at a time). The stream
// is read with fetch rather than EventSource, which cannot send the signed-in user's
// Authorization header.
import * as api from './api.js';
import { ServiceError } from './errors.js';

const ACTIVE = new Set(['PENDING', 'QUEUED', 'EXECUTING', 'HELD', 'SUSPENDED']);
// the phases a UWS WAIT blocks in, and in which a job changes by itself
const WAITABLE = new Set(['PENDING', 'QUEUED', 'EXECUTING']);
const WAIT_SECONDS = 30;
// a service whose WAIT answers sooner (a small wait cap) is asked again after this at the earliest
const MIN_INTERVAL_MS = 1000;

/** Whether a job has yet to end (and can be aborted). */
export function isActive(phase) {
  return ACTIVE.has(phase);
}

/** Whether changes of a job in this phase are followed (a held job changes only when told to). */
export function isFollowed(phase) {
  return WAITABLE.has(phase);
}

/**
 * Calls onChange(job) whenever the job's phase changes, until it ends or stop() is called;
 * onGone(id) when the job no longer exists, onTrouble(error) while the service cannot be reached.
 */
export function followJob(job, handlers) {
  const control = new AbortController();
  const state = { phase: job.phase };
  (async () => {
    let delay = 1000;
    while (!control.signal.aborted && isFollowed(state.phase)) {
      try {
        const streamed = await followStream(job.id, state, handlers, control.signal);
        if (!streamed) await followByWaiting(job.id, state, handlers, control.signal);
        delay = 1000;
      } catch (error) {
        if (control.signal.aborted) return;
        if (error instanceof ServiceError && error.status === 404) {
          handlers.onGone(job.id);
          return;
        }
        handlers.onTrouble?.(error);
        await pause(delay);
        delay = Math.min(delay * 2, 30_000);
      }
    }
  })();
  return () => control.abort();
}

/**
 * Reads the job's event stream to its end (a final phase, the job's deletion, or the stream's
 * longest time). Returns false when the service has no event stream for jobs.
 */
async function followStream(id, state, { onChange, onGone }, signal) {
  let response;
  try {
    response = await api.request('/async/' + encodeURIComponent(id) + '/events', { signal });
  } catch (error) {
    if (error instanceof ServiceError && error.status === 404) {
      // a job that is gone answers 404 to WAIT too; one that is not means the stream is missing
      await api.job(id, { signal });
      return false;
    }
    throw error;
  }
  if (response.status === 204 || !response.body) return true;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return true;
    buffered += value;
    let end;
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      const event = parseEvent(buffered.slice(0, end));
      buffered = buffered.slice(end + 2);
      if (event.name === 'deleted') {
        onGone(id);
        state.phase = 'DELETED';
        return true;
      }
      if (event.name === 'phase' && event.data) {
        const phase = JSON.parse(event.data).phase;
        if (phase !== state.phase) {
          state.phase = phase;
          // the event names the phase; the page shows the whole job as it is now
          onChange(await api.job(id, { signal }));
        }
      }
    }
  }
}

function parseEvent(text) {
  const event = { name: 'message', data: '' };
  for (const line of text.split('\n')) {
    if (line.startsWith(':')) continue; // a heartbeat
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event.name = value;
    if (field === 'data') event.data += value;
  }
  return event;
}

/** UWS 1.1 WAIT until the job leaves the phases it changes by itself in. */
async function followByWaiting(id, state, { onChange }, signal) {
  while (!signal.aborted && isFollowed(state.phase)) {
    const asked = Date.now();
    const now = await api.job(id, { wait: WAIT_SECONDS, phase: state.phase, signal });
    if (now.phase !== state.phase) {
      state.phase = now.phase;
      onChange(now);
    } else if (Date.now() - asked < MIN_INTERVAL_MS) {
      await pause(MIN_INTERVAL_MS);
    }
  }
}

function pause(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
