// The table browser: schemas and tables at once, a table's columns (unit, UCD, description)
// when it is opened. Tables of a schema are drawn when the schema is opened, so thousands of
// them cost nothing until then.
import { h, show } from './dom.js';
import { describe } from './errors.js';

export function renderTables(element, filterInput, catalogue, { onQuery }) {
  const draw = () => {
    const filter = filterInput.value.trim().toLowerCase();
    const schemas = catalogue.schemas.map((schema) => ({
      ...schema,
      tables: filter ? schema.tables.filter((table) => table.name.toLowerCase().includes(filter)) : schema.tables,
    })).filter((schema) => !filter || schema.tables.length > 0);
    if (schemas.length === 0) {
      show(element, h('p', { className: 'muted' }, filter ? `No table name contains "${filterInput.value.trim()}".` : 'This service publishes no tables.'));
      return;
    }
    show(element, schemas.map((schema) => schemaNode(schema, catalogue, onQuery, Boolean(filter) || schemas.length === 1)));
  };
  filterInput.addEventListener('input', draw);
  draw();
}

function schemaNode(schema, catalogue, onQuery, open) {
  const list = h('ul');
  const node = h('details', { className: 'schema', 'data-schema': schema.name },
    h('summary', { title: schema.description ?? '' }, schema.name, h('span', { className: 'count' }, ` ${schema.tables.length}`)), list);
  const fill = () => {
    if (list.childElementCount === 0) show(list, schema.tables.map((table) => h('li', {}, tableNode(table, catalogue, onQuery))));
  };
  node.addEventListener('toggle', () => { if (node.open) fill(); });
  if (open) {
    node.open = true;
    fill();
  }
  return node;
}

function tableNode(table, catalogue, onQuery) {
  const columns = h('div', { className: 'columns' });
  const node = h('details', { className: 'table', 'data-table': table.name },
    h('summary', { title: table.description ?? '' }, table.name), columns);
  node.addEventListener('toggle', async () => {
    if (!node.open || columns.dataset.loaded) return;
    show(columns, h('p', { className: 'muted' }, 'Loading columns…'));
    try {
      const list = await catalogue.loadColumns(table.name);
      columns.dataset.loaded = 'yes';
      show(columns,
        table.description ? h('p', { className: 'description' }, table.description) : null,
        h('button', { type: 'button', className: 'small', onclick: () => onQuery(`SELECT TOP 100 *\nFROM ${table.name}`) }, 'Query this table'),
        h('table', { className: 'column-list' },
          h('thead', {}, h('tr', {}, h('th', {}, 'column'), h('th', {}, 'unit'), h('th', {}, 'UCD'))),
          h('tbody', {}, list.map((column) => h('tr', { title: [column.datatype, column.description].filter(Boolean).join(': ') },
            h('td', {}, column.name, column.description ? h('div', { className: 'description' }, column.description) : null),
            h('td', {}, column.unit ?? ''), h('td', { className: 'ucd' }, column.ucd ?? ''))))));
    } catch (error) {
      show(columns, h('p', { className: 'error' }, describe(error)));
    }
  });
  return node;
}
