// Reads a VOTable in the browser: TABLEDATA, BINARY or BINARY2 (the service's default), into
// { columns, rows, overflow, error }. Only the first table of the results resource is read.

export function readVOTable(text) {
  const document = new DOMParser().parseFromString(text, 'application/xml');
  if (document.querySelector('parsererror')) {
    throw new Error('the result is not a well-formed VOTable');
  }
  const resource = [...document.getElementsByTagNameNS('*', 'RESOURCE')]
    .find((element) => element.getAttribute('type') === 'results') ?? document.getElementsByTagNameNS('*', 'RESOURCE')[0];
  const statuses = [...document.getElementsByTagNameNS('*', 'INFO')].filter((info) => info.getAttribute('name') === 'QUERY_STATUS');
  const error = statuses.find((info) => info.getAttribute('value') === 'ERROR');
  const overflow = statuses.some((info) => info.getAttribute('value') === 'OVERFLOW');
  const table = resource?.getElementsByTagNameNS('*', 'TABLE')[0];
  if (!table) {
    return { columns: [], rows: [], overflow, error: error ? error.textContent.trim() || 'the query failed' : null };
  }
  const columns = [...table.children].filter((child) => child.localName === 'FIELD').map((field) => ({
    name: field.getAttribute('name'),
    datatype: field.getAttribute('datatype'),
    arraysize: field.getAttribute('arraysize'),
    unit: field.getAttribute('unit'),
    ucd: field.getAttribute('ucd'),
    xtype: field.getAttribute('xtype'),
    nullValue: field.getElementsByTagNameNS('*', 'VALUES')[0]?.getAttribute('null') ?? null,
  }));
  const data = table.getElementsByTagNameNS('*', 'DATA')[0];
  const serialization = data ? [...data.children][0] : null;
  let rows = [];
  if (serialization?.localName === 'TABLEDATA') rows = readTableData(serialization, columns);
  else if (serialization?.localName === 'BINARY2') rows = readBinary(stream(serialization), columns, true);
  else if (serialization?.localName === 'BINARY') rows = readBinary(stream(serialization), columns, false);
  else if (serialization) throw new Error(`VOTable ${serialization.localName} serialization cannot be shown here`);
  return { columns, rows, overflow, error: error ? error.textContent.trim() || 'the query failed' : null };
}

function readTableData(tableData, columns) {
  return [...tableData.children].map((tr) => [...tr.children].map((td, index) => textValue(td.textContent, columns[index])));
}

function textValue(text, column) {
  if (text === '' || (column.nullValue !== null && text === column.nullValue)) return null;
  if (isScalarNumber(column)) {
    const number = Number(text);
    return Number.isNaN(number) ? null : number;
  }
  if (column.datatype === 'boolean' && !column.arraysize) {
    return /^[Tt1]/.test(text) ? true : /^[Ff0]/.test(text) ? false : null;
  }
  return text;
}

function isScalarNumber(column) {
  return NUMERIC.has(column.datatype) && !column.arraysize;
}

const NUMERIC = new Set(['unsignedByte', 'short', 'int', 'long', 'float', 'double']);

/** Whether a column holds one number a row: what plots and the sky view can use. */
export function numeric(column) {
  return isScalarNumber(column);
}

function stream(element) {
  const encoded = element.getElementsByTagNameNS('*', 'STREAM')[0]?.textContent ?? '';
  const binary = atob(encoded.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const SIZES = { boolean: 1, bit: 1, unsignedByte: 1, short: 2, int: 4, long: 8, char: 1, unicodeChar: 2,
  float: 4, double: 8, floatComplex: 8, doubleComplex: 16 };

function readBinary(bytes, columns, withNullFlags) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const flagBytes = withNullFlags ? Math.ceil(columns.length / 8) : 0;
  const rows = [];
  let offset = 0;
  while (offset < bytes.length) {
    const flags = offset;
    offset += flagBytes;
    const row = new Array(columns.length);
    columns.forEach((column, index) => {
      const [value, next] = readCell(view, offset, column);
      offset = next;
      const isNull = withNullFlags && (bytes[flags + (index >> 3)] & (0x80 >> (index & 7))) !== 0;
      row[index] = isNull ? null : value;
    });
    rows.push(row);
  }
  return rows;
}

function readCell(view, offset, column) {
  const { datatype, arraysize } = column;
  const size = SIZES[datatype];
  if (!size) throw new Error(`unknown VOTable datatype ${datatype}`);
  let count = 1;
  let isArray = false;
  if (arraysize) {
    isArray = true;
    if (arraysize.endsWith('*')) {
      count = view.getInt32(offset);
      offset += 4;
    } else {
      count = arraysize.split('x').reduce((product, n) => product * parseInt(n, 10), 1);
    }
  }
  if (datatype === 'char' || datatype === 'unicodeChar') {
    let text = '';
    for (let i = 0; i < count; i++) {
      const code = datatype === 'char' ? view.getUint8(offset + i) : view.getUint16(offset + 2 * i);
      if (code === 0) break;
      text += String.fromCharCode(code);
    }
    return [isArray ? text.replace(/\s+$/, '') : text, offset + count * size];
  }
  if (datatype === 'bit') {
    return [`${count} bits`, offset + Math.ceil(count / 8)];
  }
  const values = [];
  for (let i = 0; i < count; i++) {
    values.push(readScalar(view, offset + i * size, datatype, column.nullValue));
  }
  offset += count * size;
  return [isArray ? values.map((value) => value ?? 'null').join(' ') : values[0], offset];
}

function readScalar(view, offset, datatype, nullValue) {
  let value;
  switch (datatype) {
    case 'boolean': {
      const c = String.fromCharCode(view.getUint8(offset));
      return 'Tt1'.includes(c) ? true : 'Ff0'.includes(c) ? false : null;
    }
    case 'unsignedByte': value = view.getUint8(offset); break;
    case 'short': value = view.getInt16(offset); break;
    case 'int': value = view.getInt32(offset); break;
    case 'long': {
      const big = view.getBigInt64(offset);
      value = big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big.toString();
      break;
    }
    case 'float': value = view.getFloat32(offset); return Number.isNaN(value) ? null : shortestFloat(value);
    case 'double': value = view.getFloat64(offset); return Number.isNaN(value) ? null : value;
    case 'floatComplex': return `${view.getFloat32(offset)} ${view.getFloat32(offset + 4)}`;
    case 'doubleComplex': return `${view.getFloat64(offset)} ${view.getFloat64(offset + 8)}`;
    default: return null;
  }
  return nullValue !== null && String(value) === nullValue ? null : value;
}

/**
 * The shortest decimal that reads back as the same 32-bit float: what the service writes in
 * TABLEDATA and CSV, instead of the binary value's 17 digits of noise (15.55485, not
 * 15.554849624633789).
 */
function shortestFloat(value) {
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === value) return candidate;
  }
  return value;
}
