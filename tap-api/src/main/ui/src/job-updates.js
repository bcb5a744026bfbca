// Follows a job until it reaches a final phase, reporting each change. This is the one place
// that knows how changes arrive: today by UWS 1.1 WAIT (one blocking request at a time, which
// the service answers as soon as the phase changes); a job event stream can replace it here
// without the rest of the page noticing.
import * as api from './api.js';
import { ServiceError } from './errors.js';

const ACTIVE = new Set(['PENDING', 'QUEUED', 'EXECUTING', 'HELD', 'SUSPENDED']);
const WAIT_SECONDS = 30;

export function isActive(phase) {
  return ACTIVE.has(phase);
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
    while (!control.signal.aborted && isActive(phase)) {
      try {
        const now = await api.job(job.id, { wait: WAIT_SECONDS, phase, signal: control.signal });
        delay = 1000;
        if (now.phase !== phase) {
          phase = now.phase;
          onChange(now);
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
