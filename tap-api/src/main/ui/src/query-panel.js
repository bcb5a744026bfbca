// The query controls around the editor: examples, MAXREC, output format, the run buttons, and
// what the last run said.
import { h, show, byId } from './dom.js';
import { describe } from './errors.js';
import { queryParameters } from './api.js';

// Rows a browser tab shows comfortably; the service's own default may be far more.
const PAGE_MAXREC = 1000;

export class QueryPanel {
  constructor(editor, capabilities, { onSync, onAsync }) {
    this.editor = editor;
    this.maxrec = byId('maxrec');
    this.format = byId('format');
    this.status = byId('query-status');
    this.error = byId('query-error');
    const limit = capabilities.maxrecLimit;
    this.maxrec.value = String(Math.min(PAGE_MAXREC, capabilities.maxrecDefault ?? PAGE_MAXREC));
    if (limit) this.maxrec.max = String(limit);
    show(this.format, capabilities.formats.map((format) =>
      h('option', { value: format.alias ?? format.mime, title: format.mime }, format.alias ? `${format.alias} (${format.mime.split(';')[0]})` : format.mime)));
    for (const [id, run] of [['run-sync', onSync], ['run-async', onAsync]]) {
      byId(id).addEventListener('click', run);
      byId(id).disabled = false; // off until the service has answered
    }
  }

  showExamples(examples) {
    show(byId('examples'), examples.length ? h('span', { className: 'muted' }, 'Examples:') : null,
      examples.map((example) => h('button', { type: 'button', className: 'small example', title: example.query,
        onclick: () => { this.editor.text = example.query; } }, example.name)));
  }

  /** The TAP parameters of the query as written and chosen now, or null (with a word) when empty. */
  parameters() {
    const query = this.editor.text.trim();
    if (!query) {
      this.showError(new Error('Write a query first, or pick one of the examples.'));
      return null;
    }
    return queryParameters(query, this.maxrec.value.trim(), this.format.value);
  }

  /** Sets the controls from a job's parameters (for a re-run). */
  load(parameters) {
    this.editor.text = parameters.QUERY ?? '';
    if (parameters.MAXREC) this.maxrec.value = parameters.MAXREC;
    const format = parameters.RESPONSEFORMAT ?? parameters.FORMAT;
    if (format && [...this.format.options].some((option) => option.value === format)) this.format.value = format;
  }

  /** Says what runs now; with onStop, offers to stop it. */
  running(text, onStop = null) {
    this.clearError();
    show(this.status, text, onStop ? h('button', { type: 'button', className: 'small', onclick: onStop }, 'Stop') : null);
  }

  done(text) {
    show(this.status, text);
  }

  showError(error) {
    show(this.status);
    this.error.hidden = false;
    this.error.textContent = error instanceof Error && error.name === 'Error' ? error.message : describe(error);
    if (error.line) this.editor.markError(error.line, error.column, error.message);
  }

  clearError() {
    this.error.hidden = true;
    this.error.textContent = '';
  }
}
