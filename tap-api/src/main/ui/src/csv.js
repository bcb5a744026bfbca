// Reads CSV (RFC 4180, a header line first) and TSV into { columns, rows }. Values stay text
// unless every value of a column is a number.

export function readDelimited(text, separator) {
  const records = separator === '\t' ? text.split(/\r?\n/).filter((line) => line !== '').map((line) => line.split('\t')) : parseCsv(text);
  const [header = [], ...body] = records;
  const columns = header.map((name) => ({ name, datatype: 'char', arraysize: '*' }));
  columns.forEach((column, index) => {
    const values = body.map((row) => row[index]).filter((value) => value !== undefined && value !== '');
    if (values.length > 0 && values.every((value) => value.trim() !== '' && !Number.isNaN(Number(value)))) {
      column.datatype = 'double';
      column.arraysize = null;
    }
  });
  const rows = body.map((row) => columns.map((column, index) => {
    const value = row[index];
    if (value === undefined || value === '') return null;
    return column.datatype === 'double' ? Number(value) : value;
  }));
  return { columns, rows, overflow: false, error: null };
}

function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { record.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
