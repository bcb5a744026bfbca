// Completion of ADQL words, schema, table and column names. Tables come from /tables?detail=min;
// a table's columns are fetched the first time a query names it, so a catalogue of thousands of
// tables costs nothing until its tables are used.
import { FUNCTIONS, KEYWORDS } from './adql.js';

export function adqlCompletion(catalogue) {
  return async (context) => {
    const word = context.matchBefore(/[\w.]*$/);
    if (!word || (word.from === word.to && !context.explicit)) return null;
    const text = word.text;
    const dot = text.lastIndexOf('.');
    if (dot >= 0) {
      const qualifier = text.slice(0, dot);
      return { from: word.from + dot + 1, options: await qualified(catalogue, qualifier, context.state.doc.toString()), validFor: /^\w*$/ };
    }
    const query = context.state.doc.toString();
    const columns = (await Promise.all(mentionedTables(catalogue, query).map((name) => catalogue.columns(name))))
      .flat().map((column) => ({ label: column.name, type: 'property', detail: column.unit ?? '', info: column.description ?? undefined, boost: 2 }));
    return {
      from: word.from,
      options: [
        ...columns,
        ...catalogue.tableNames().map((name) => ({ label: name, type: 'class', boost: 1 })),
        ...catalogue.schemaNames().map((name) => ({ label: name, type: 'namespace' })),
        ...KEYWORDS.map((keyword) => ({ label: keyword.toUpperCase(), type: 'keyword', boost: -1 })),
        ...FUNCTIONS.map((name) => ({ label: name.toUpperCase(), type: 'function', apply: name.toUpperCase() + '(', boost: -1 })),
      ],
      validFor: /^\w*$/,
    };
  };
}

/** After "schema.": its tables; after "table." or "alias.": the columns. */
async function qualified(catalogue, qualifier, query) {
  const lower = qualifier.toLowerCase();
  if (catalogue.schemaNames().some((schema) => schema.toLowerCase() === lower)) {
    return catalogue.tableNames().filter((name) => name.toLowerCase().startsWith(lower + '.'))
      .map((name) => ({ label: name.slice(qualifier.length + 1), type: 'class', detail: name }));
  }
  const table = catalogue.resolve(qualifier) ?? aliasedTable(catalogue, query, qualifier);
  if (!table) return [];
  return (await catalogue.columns(table)).map((column) => ({ label: column.name, type: 'property',
    detail: column.unit ?? '', info: column.description ?? undefined }));
}

/** The published tables a query names (in FROM or JOIN). */
function mentionedTables(catalogue, query) {
  const names = new Set();
  for (const match of query.matchAll(/\b(?:from|join)\s+([\w.]+)/gi)) {
    const table = catalogue.resolve(match[1]);
    if (table) names.add(table);
  }
  return [...names];
}

/** The table behind "FROM schema.table AS alias" (or without AS). */
function aliasedTable(catalogue, query, alias) {
  const pattern = new RegExp(`\\b(?:from|join)\\s+([\\w.]+)\\s+(?:as\\s+)?${alias.replace(/\W/g, '')}\\b`, 'i');
  const match = pattern.exec(query);
  return match ? catalogue.resolve(match[1]) : null;
}
