// The TAP, VOSI and UWS resources of the service this page came from, and nothing else: every
// URL here is relative to the service's base URL (the page lives at <base>/ui/).
import { all, children, firstChild, textOf } from './dom.js';
import { ServiceError, errorFromDocument, unreachable } from './errors.js';

export const baseUrl = new URL('../', window.location.href).href.replace(/\/$/, '');

let authorization = null;
let onRefused = () => {};

/** HTTP Basic credentials sent with every request from now on (null: anonymous). */
export function setCredentials(user, password) {
  authorization = user === null ? null : 'Basic ' + btoa(String.fromCodePoint(...new TextEncoder().encode(`${user}:${password}`)));
}

/** An OAuth 2.0 access token sent as a bearer token with every request from now on (null: anonymous). */
export function setBearerToken(token) {
  authorization = token === null ? null : `Bearer ${token}`;
}

export function signedIn() {
  return authorization !== null;
}

/**
 * Who to tell when the service answers 401 to credentials the page sent: a token expired or was
 * revoked, a password was changed. The request fails as well, with the service's message.
 */
export function whenCredentialsRefused(listener) {
  onRefused = listener;
}

export function url(path, parameters = {}) {
  const target = new URL(baseUrl + path);
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== undefined && value !== null && value !== '') target.searchParams.set(name, value);
  }
  return target.href;
}

/** A fetch of the service that fails with a ServiceError the page can show as it is. */
export async function request(path, { method = 'GET', form = null, parameters = {}, signal } = {}) {
  const headers = { 'X-Requested-With': 'XMLHttpRequest' };
  const sent = authorization;
  if (sent) headers.Authorization = sent;
  let response;
  try {
    response = await fetch(url(path, parameters), {
      method,
      headers,
      body: form ? new URLSearchParams(form) : undefined,
      signal,
      credentials: 'same-origin',
    });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw unreachable(baseUrl);
  }
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    if (response.status >= 502 && response.status <= 504 && !text.includes('QUERY_STATUS')) {
      throw unreachable(baseUrl);
    }
    const error = errorFromDocument(text, response.status);
    // only if these are still the credentials in use: an answer to a previous user's is stale
    if (response.status === 401 && sent && sent === authorization) onRefused(error);
    throw error;
  }
  return response;
}

export async function xml(path, options) {
  const text = await (await request(path, options)).text();
  const document = new DOMParser().parseFromString(text, 'application/xml');
  if (document.querySelector('parsererror')) {
    throw new ServiceError(`The service sent ${path} in a form this page cannot read.`);
  }
  return document;
}

/** The page's own settings: title, sky survey, sign-in mode (and identity provider) and the signed-in user. */
export async function config() {
  return (await request('/ui/config.json')).json();
}

/** Output formats and MAXREC limits from /capabilities (TAPRegExt). */
export async function capabilities() {
  const document = await xml('/capabilities');
  const formats = all(document, 'outputFormat').map((format) => ({
    mime: textOf(format, 'mime'),
    alias: children(format, 'alias').map((alias) => alias.textContent.trim())[0] ?? null,
  })).filter((format) => format.mime);
  const limit = all(document, 'outputLimit')[0];
  const number = (name) => {
    const element = limit && firstChild(limit, name);
    return element ? Number(element.textContent.trim()) : null;
  };
  return { formats, maxrecDefault: number('default'), maxrecLimit: number('hard') };
}

/** Schemas and tables without their columns (VOSI detail=min): quick for thousands of tables. */
export async function tables() {
  const document = await xml('/tables', { parameters: { detail: 'min' } });
  return all(document, 'schema').map((schema) => ({
    name: textOf(schema, 'name'),
    description: textOf(schema, 'description'),
    tables: children(schema, 'table').map(readTable),
  }));
}

/** One table with its columns. */
export async function table(name) {
  const document = await xml('/tables/' + encodeURIComponent(name));
  return readTable(document.documentElement);
}

function readTable(element) {
  return {
    name: textOf(element, 'name'),
    title: textOf(element, 'title'),
    description: textOf(element, 'description'),
    columns: children(element, 'column').map((column) => {
      const dataType = firstChild(column, 'dataType');
      return {
        name: textOf(column, 'name'),
        description: textOf(column, 'description'),
        unit: textOf(column, 'unit'),
        ucd: textOf(column, 'ucd'),
        datatype: dataType ? dataType.textContent.trim() + (dataType.getAttribute('arraysize') ? `[${dataType.getAttribute('arraysize')}]` : '') : null,
      };
    }),
  };
}

/** The DALI examples: name and query of each. */
export async function examples() {
  const document = await xml('/examples');
  return [...document.querySelectorAll('[typeof~="example"]')].map((example) => ({
    name: example.querySelector('[property="name"]')?.textContent.trim() ?? example.id,
    query: example.querySelector('[property="query"]')?.textContent.trim() ?? '',
  })).filter((example) => example.query);
}

export function queryParameters(query, maxrec, format) {
  return { LANG: 'ADQL', REQUEST: 'doQuery', QUERY: query, MAXREC: maxrec, RESPONSEFORMAT: format };
}

/** A sync query; the answer's body is the result. */
export function sync(parameters, signal) {
  return request('/sync', { method: 'POST', form: clean(parameters), signal });
}

/** The URL that fetches this query's result in a format with GET (for downloads). */
export function syncUrl(parameters) {
  return url('/sync', parameters);
}

/** Creates a job and starts it; fetch follows the 303 to the job, whose document answers. */
export async function createJob(parameters) {
  const response = await request('/async', { method: 'POST', form: { ...clean(parameters), PHASE: 'RUN' } });
  return readJob(new DOMParser().parseFromString(await response.text(), 'application/xml'));
}

/** The job now, or (with wait) once it leaves phase or wait seconds passed (UWS 1.1 WAIT). */
export async function job(id, { wait, phase, signal } = {}) {
  return readJob(await xml('/async/' + encodeURIComponent(id), {
    parameters: wait ? { WAIT: wait, PHASE: phase } : {}, signal,
  }));
}

/** The caller's newest jobs; none for anonymous callers (their jobs are reached by id only). */
export async function jobList(last) {
  const document = await xml('/async', { parameters: { LAST: last } });
  return all(document, 'jobref').map((ref) => ({
    id: ref.getAttribute('id'),
    phase: textOf(ref, 'phase'),
    runId: textOf(ref, 'runId'),
    creationTime: textOf(ref, 'creationTime'),
  }));
}

export async function abortJob(id) {
  await request('/async/' + encodeURIComponent(id), { method: 'POST', form: { PHASE: 'ABORT' } });
}

export async function deleteJob(id) {
  await request('/async/' + encodeURIComponent(id), { method: 'POST', form: { ACTION: 'DELETE' } });
}

export function resultUrl(id, result = 'result') {
  return url(`/async/${encodeURIComponent(id)}/results/${encodeURIComponent(result)}`);
}

/** A job's result as a response (its body is read by the results view). */
export function jobResult(id, href) {
  const path = href && href.startsWith(baseUrl) ? href.slice(baseUrl.length) : `/async/${encodeURIComponent(id)}/results/result`;
  return request(path);
}

function readJob(document) {
  const root = document.documentElement;
  const parameters = {};
  for (const parameter of all(root, 'parameter')) {
    parameters[parameter.getAttribute('id').toUpperCase()] = parameter.textContent;
  }
  const results = all(root, 'result').map((result) => ({
    id: result.getAttribute('id'),
    href: result.getAttributeNS('http://www.w3.org/1999/xlink', 'href') ?? result.getAttribute('xlink:href'),
    mime: result.getAttribute('mime-type'),
  }));
  const errorSummary = all(root, 'errorSummary')[0];
  return {
    id: textOf(root, 'jobId'),
    runId: textOf(root, 'runId'),
    owner: textOf(root, 'ownerId'),
    phase: textOf(root, 'phase'),
    creationTime: textOf(root, 'creationTime'),
    startTime: textOf(root, 'startTime'),
    endTime: textOf(root, 'endTime'),
    parameters,
    results,
    error: errorSummary ? textOf(errorSummary, 'message') : null,
  };
}

function clean(parameters) {
  return Object.fromEntries(Object.entries(parameters).filter(([, value]) => value !== undefined && value !== null && value !== ''));
}
