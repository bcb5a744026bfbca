// The ADQL editor: highlighting, completion from the catalogue, Ctrl+Enter to run, and the
// service's parse errors marked at their line and column.
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection, placeholder } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { syntaxHighlighting, defaultHighlightStyle, bracketMatching } from '@codemirror/language';
import { autocompletion, completionKeymap, closeBrackets } from '@codemirror/autocomplete';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { sql } from '@codemirror/lang-sql';
import { adqlDialect } from './adql.js';
import { adqlCompletion } from './completion.js';

export class AdqlEditor {
  constructor(parent, { catalogue, onRun, onErrorCleared, initial = '' }) {
    this.errorShown = false;
    this.onErrorCleared = onErrorCleared;
    this.view = new EditorView({
      parent,
      state: EditorState.create({
        doc: initial,
        extensions: [
          lineNumbers(),
          history(),
          drawSelection(),
          highlightActiveLine(),
          bracketMatching(),
          closeBrackets(),
          sql({ dialect: adqlDialect, upperCaseKeywords: true }),
          syntaxHighlighting(defaultHighlightStyle),
          autocompletion({ override: [adqlCompletion(catalogue)], activateOnTyping: true }),
          lintGutter(),
          placeholder('SELECT TOP 10 * FROM schema.table'),
          keymap.of([
            { key: 'Mod-Enter', run: () => { onRun(); return true; } },
            ...completionKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab,
          ]),
          // the service's error no longer applies once the query changes
          EditorView.updateListener.of((update) => { if (update.docChanged) this.clearError(); }),
          EditorView.contentAttributes.of({ 'aria-label': 'ADQL query' }),
        ],
      }),
    });
  }

  get text() {
    return this.view.state.doc.toString();
  }

  set text(query) {
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: query } });
    this.view.focus();
  }

  /** Marks the word at a 1-based line and column as the place of an error. */
  markError(line, column, message) {
    const doc = this.view.state.doc;
    const target = doc.line(Math.min(Math.max(line, 1), doc.lines));
    const from = Math.min(target.from + Math.max(column - 1, 0), target.to);
    const word = /^[^\s,()]*/.exec(doc.sliceString(from, target.to))[0];
    const to = Math.max(from + word.length, Math.min(from + 1, doc.length));
    this.view.dispatch(setDiagnostics(this.view.state, [{ from, to, severity: 'error', message }]));
    this.view.dispatch({ selection: { anchor: from }, scrollIntoView: true });
    this.errorShown = true;
  }

  clearError() {
    if (!this.errorShown) return;
    this.errorShown = false;
    // called from an update listener, where the view takes no new transaction until it is done
    queueMicrotask(() => this.view.dispatch(setDiagnostics(this.view.state, [])));
    this.onErrorCleared?.();
  }
}
