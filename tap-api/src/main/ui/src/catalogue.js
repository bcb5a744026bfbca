// What the service publishes, as the page learns it: schemas and tables at once (detail=min),
// each table's columns on first use, kept for the page's lifetime.
import * as api from './api.js';

export class Catalogue {
  constructor(schemas) {
    this.schemas = schemas;
    this.byLowerName = new Map(schemas.flatMap((schema) => schema.tables).map((table) => [table.name.toLowerCase(), table.name]));
    this.loading = new Map();
  }

  static async load() {
    return new Catalogue(await api.tables());
  }

  schemaNames() {
    return this.schemas.map((schema) => schema.name);
  }

  tableNames() {
    return [...this.byLowerName.values()];
  }

  /** The published name of a table, matched ignoring case (or null). */
  resolve(name) {
    return this.byLowerName.get(name.toLowerCase()) ?? null;
  }

  /** The table's columns, fetched once (a failed fetch is tried again next time). */
  loadColumns(name) {
    if (!this.loading.has(name)) {
      const pending = api.table(name).then((table) => table.columns);
      pending.catch(() => this.loading.delete(name));
      this.loading.set(name, pending);
    }
    return this.loading.get(name);
  }

  /** The columns for completion, where a failure means only that nothing is offered. */
  columns(name) {
    return this.loadColumns(name).catch(() => []);
  }
}
