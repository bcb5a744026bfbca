// What went wrong, in words a person can act on, and where in the query when the service said.

/** A failure the page shows as it is: the message is already meant for the user. */
export class ServiceError extends Error {
  constructor(message, { status = 0, line = null, column = null } = {}) {
    super(message);
    this.name = 'ServiceError';
    this.status = status;
    this.line = line;
    this.column = column;
  }
}

// The service reports a query's mistakes as "invalid ADQL query: line L:C: message".
const POSITION = /^([\s\S]*?)\bline (\d+):(\d+): ([\s\S]*)$/;

/** The error a DALI error document (or any other answer body) reports, with its position if any. */
export function errorFromDocument(text, status) {
  let message = null;
  try {
    const document = new DOMParser().parseFromString(text, 'application/xml');
    if (!document.querySelector('parsererror')) {
      const info = [...document.getElementsByTagNameNS('*', 'INFO')]
        .find((element) => element.getAttribute('name') === 'QUERY_STATUS' && element.getAttribute('value') === 'ERROR');
      message = info ? info.textContent.trim() : null;
      message ??= [...document.getElementsByTagNameNS('*', 'message')].map((element) => element.textContent.trim())[0] ?? null;
    }
  } catch {
    // not XML: fall through to the generic message
  }
  if (!message) {
    message = status === 401 || status === 403
      ? 'The service refused the request: sign in with an account that may use it.'
      : `The service answered with HTTP status ${status} and no explanation.`;
  }
  return located(message, status);
}

/** An error message from the service, with the query position it starts with if any. */
export function located(message, status = 0) {
  const position = POSITION.exec(message);
  if (position) {
    return new ServiceError(position[1] + position[4], { status, line: Number(position[2]), column: Number(position[3]) });
  }
  return new ServiceError(message, { status });
}

/** A request that never got an answer: the service is down, restarting or unreachable. */
export function unreachable(url) {
  return new ServiceError(`The TAP service at ${url} does not answer. It may be down or restarting; `
    + 'try again in a moment, and tell the archive\'s operators if it stays so.');
}

/** The text to show for any failure, also for programming errors that are not ServiceErrors. */
export function describe(error) {
  if (error instanceof ServiceError) {
    return error.line ? `Line ${error.line}, column ${error.column}: ${error.message}` : error.message;
  }
  if (error?.name === 'AbortError') return 'Stopped.';
  return `Something went wrong in this page: ${error?.message ?? error}. Reloading it may help.`;
}
