// Choosing columns of a result for the sky view and the plot.
import { numeric } from './votable.js';

export function numericColumns(result) {
  return result.columns.map((column, index) => ({ ...column, index })).filter((column) => numeric(column));
}

/** The right ascension and declination columns: by UCD (main ones first), else by name. */
export function positionColumns(result) {
  const columns = numericColumns(result);
  const find = (ucd, names) => columns.find((column) => column.ucd?.toLowerCase().split(';').includes(ucd) && column.ucd.toLowerCase().includes('meta.main'))
    ?? columns.find((column) => column.ucd?.toLowerCase().split(';').includes(ucd))
    ?? columns.find((column) => names.includes(column.name.toLowerCase()));
  const ra = find('pos.eq.ra', ['ra', 'ra_icrs', 'raj2000', 's_ra']);
  const dec = find('pos.eq.dec', ['dec', 'de', 'dec_icrs', 'dej2000', 's_dec']);
  return ra && dec ? { ra, dec } : null;
}

/** A select of the numeric columns; calls onChoose with the column's index. */
export function columnChooser(label, columns, selected, onChoose, h) {
  const select = h('select', { 'aria-label': label, onchange: () => onChoose(Number(select.value)) },
    columns.map((column) => h('option', { value: String(column.index), selected: column.index === selected }, column.name)));
  return h('label', {}, `${label} `, select);
}
