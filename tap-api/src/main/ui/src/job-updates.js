// Follows a job until it reaches a final phase, reporting each change. This is the one place
// that knows how changes arrive: today by UWS 1.1 WAIT (one blocking request at a time, which
// the service answers as soon as the phase changes); a job event stream can replace it here
// without the rest of the page noticing.
import * as api from './api.js';
import { ServiceError } from './errors.js';

const ACTIVE = new Set(['PENDING', 'QUEUED', 'EXECUTING', 'HELD', 'SUSPENDED']);
// the phases a UWS WAIT blocks in; in the others it answers at once
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
export function followJob(job, { onChange, onGone, onTrouble }) {
  const control = new AbortController();
  let phase = job.phase;
  (async () => {
    let delay = 1000;
    while (!control.signal.aborted && isFollowed(phase)) {
      try {
        const asked = Date.now();
        const now = await api.job(job.id, { wait: WAIT_SECONDS, phase, signal: control.signal });
        delay = 1000;
        if (now.phase !== phase) {
          phase = now.phase;
          onChange(now);
        } else if (Date.now() - asked < MIN_INTERVAL_MS) {
          await new Promise((resolve) => setTimeout(resolve, MIN_INTERVAL_MS));
        }
      } catch (error) {
        if (control.signal.aborted) return;
        if (error instanceof ServiceError && error.status === 404) {
          onGone(job.id);
          return;
        }
        onTrouble?.(error);
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 30_000);
      }
    }
  })();
  return () => control.abort();
}
