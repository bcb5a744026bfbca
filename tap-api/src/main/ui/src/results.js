// The result table: the first rows of a result, read in the browser and shown a page at a time.
import { h, show } from './dom.js';
import { readVOTable } from './votable.js';
import { readDelimited } from './csv.js';
import { ServiceError } from './errors.js';

const PAGE_ROWS = 100;
// Beyond this a result is for downloading, not for reading in a browser tab.
const MAX_BYTES = 50 * 1024 * 1024;

/** Reads a result response into { columns, rows, overflow, error }, or explains why it cannot. */
export async function readResult(response) {
  const type = (response.headers.get('Content-Type') ?? '').split(';')[0].trim().toLowerCase();
  const reader = readerFor(type);
  if (!reader) {
    response.body?.cancel();
    return { unreadable: `Results in ${type || 'this format'} cannot be shown in the page: download them, `
      + 'or run the query again with a VOTable, CSV or TSV format to see its rows here.' };
  }
  const text = await boundedText(response);
  if (text === null) {
    return { unreadable: `The result is larger than ${MAX_BYTES / 1024 / 1024} MB, too large to show in the page: `
      + 'download it, or lower MAXREC to see the first rows here.' };
  }
  try {
    return reader(text);
  } catch (error) {
    return { unreadable: `The result cannot be read in the page (${error.message}); download it to look at it.` };
  }
}

function readerFor(type) {
  if (type.includes('votable') || type === 'text/xml' || type === 'application/xml') return readVOTable;
  if (type === 'text/csv') return (text) => readDelimited(text, ',');
  if (type === 'text/tab-separated-values') return (text) => readDelimited(text, '\t');
  return null;
}

async function boundedText(response) {
  const reader = response.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    let done;
    let value;
    try {
      ({ done, value } = await reader.read());
    } catch (error) {
      if (error.name === 'AbortError') throw error;
      throw new ServiceError('The result was cut off before its end: the service stopped sending it, '
        + 'most likely because the query failed midway. Run it again, or as a job.');
    }
    if (done) break;
    size += value.length;
    if (size > MAX_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(await new Blob(chunks).arrayBuffer());
}

/** Shows a result in the element, a page of rows at a time. */
export function renderResult(element, result, { maxrec } = {}) {
  if (result.unreadable) {
    show(element, h('p', { className: 'muted' }, result.unreadable));
    return;
  }
  let page = 0;
  const pages = Math.max(1, Math.ceil(result.rows.length / PAGE_ROWS));
  const notes = [];
  if (result.overflow) {
    notes.push(h('p', { className: 'warning' }, `The row limit (MAXREC${maxrec ? ' ' + maxrec : ''}) was reached: the query has more rows than these. Raise MAXREC to get more.`));
  }
  if (result.error) {
    notes.push(h('p', { className: 'error' }, `The query failed after these rows: ${result.error}`));
  }
  const body = h('tbody');
  const status = h('span', { className: 'muted', 'data-role': 'page-status' });
  const previous = h('button', { type: 'button', onclick: () => go(page - 1) }, '‹ Previous');
  const next = h('button', { type: 'button', onclick: () => go(page + 1) }, 'Next ›');
  const go = (target) => {
    page = Math.min(Math.max(target, 0), pages - 1);
    const first = page * PAGE_ROWS;
    const rows = result.rows.slice(first, first + PAGE_ROWS);
    show(body, rows.map((row, index) => h('tr', {}, h('th', { scope: 'row' }, String(first + index + 1)),
      row.map((value) => value === null ? h('td', { className: 'null' }, '') : h('td', {}, String(value))))));
    status.textContent = result.rows.length === 0 ? 'No rows.'
      : `Rows ${first + 1}–${first + rows.length} of ${result.rows.length}${result.overflow ? '+' : ''}`;
    previous.disabled = page === 0;
    next.disabled = page >= pages - 1;
  };
  const header = h('thead', {}, h('tr', {}, h('th', {}, '#'), result.columns.map((column) =>
    h('th', { title: [column.ucd, column.datatype].filter(Boolean).join(' · ') }, column.name,
      column.unit ? h('span', { className: 'unit' }, ` [${column.unit}]`) : null))));
  show(element, notes, h('div', { className: 'pager' }, previous, status, next),
    h('div', { className: 'table-scroll' }, h('table', { className: 'rows' }, header, body)));
  go(0);
}
