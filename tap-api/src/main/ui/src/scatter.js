// A plain scatter plot of any two numeric columns of the result, drawn on a canvas.
import { h, show } from './dom.js';
import { columnChooser, numericColumns, positionColumns } from './columns.js';

export function renderPlot(element, result) {
  const columns = numericColumns(result);
  if (columns.length < 2) {
    show(element, h('p', { className: 'muted' }, 'A plot needs two numeric columns; this result has ' + (columns.length ? 'one.' : 'none.')));
    return;
  }
  const positions = positionColumns(result);
  let x = positions?.ra.index ?? columns[0].index;
  let y = positions?.dec.index ?? columns[1].index;
  const canvas = h('canvas', { className: 'plot', width: 720, height: 480, role: 'img' });
  const redraw = () => draw(canvas, result, x, y);
  show(element, h('div', { className: 'chooser' },
    columnChooser('X', columns, x, (index) => { x = index; redraw(); }, h),
    columnChooser('Y', columns, y, (index) => { y = index; redraw(); }, h)), canvas);
  redraw();
}

function draw(canvas, result, xIndex, yIndex) {
  const points = result.rows.map((row) => [row[xIndex], row[yIndex]])
    .filter(([x, y]) => typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y));
  const xName = result.columns[xIndex].name; const yName = result.columns[yIndex].name;
  canvas.setAttribute('aria-label', `${points.length} rows: ${yName} against ${xName}`);
  const context = canvas.getContext('2d');
  const { width, height } = canvas;
  const margin = { left: 70, right: 20, top: 20, bottom: 50 };
  context.clearRect(0, 0, width, height);
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#333';
  context.font = '13px sans-serif';
  if (points.length === 0) {
    context.fillText('No row has numbers in both columns.', margin.left, height / 2);
    return;
  }
  const [xMin, xMax] = range(points, 0);
  const [yMin, yMax] = range(points, 1);
  const px = (v) => margin.left + (v - xMin) / (xMax - xMin) * (width - margin.left - margin.right);
  const py = (v) => height - margin.bottom - (v - yMin) / (yMax - yMin) * (height - margin.top - margin.bottom);
  context.strokeStyle = '#999';
  context.strokeRect(margin.left, margin.top, width - margin.left - margin.right, height - margin.top - margin.bottom);
  const label = (value) => Number(value.toPrecision(6)).toString();
  context.fillText(label(xMin), margin.left, height - margin.bottom + 16);
  context.textAlign = 'right';
  context.fillText(label(xMax), width - margin.right, height - margin.bottom + 16);
  context.fillText(label(yMax), margin.left - 6, margin.top + 10);
  context.fillText(label(yMin), margin.left - 6, height - margin.bottom);
  context.textAlign = 'center';
  context.fillText(xName + unit(result.columns[xIndex]), (margin.left + width - margin.right) / 2, height - 12);
  context.save();
  context.translate(16, (margin.top + height - margin.bottom) / 2);
  context.rotate(-Math.PI / 2);
  context.fillText(yName + unit(result.columns[yIndex]), 0, 0);
  context.restore();
  context.fillStyle = 'rgba(30, 90, 200, 0.6)';
  for (const [x, y] of points) context.fillRect(px(x) - 1.5, py(y) - 1.5, 3, 3);
}

/** The least and greatest of one coordinate, by a loop: spreading 100,000 values into Math.min overflows the stack. */
function range(points, axis) {
  let min = Infinity;
  let max = -Infinity;
  for (const point of points) {
    if (point[axis] < min) min = point[axis];
    if (point[axis] > max) max = point[axis];
  }
  return min === max ? [min - 0.5, max + 0.5] : [min, max];
}

function unit(column) {
  return column.unit ? ` [${column.unit}]` : '';
}
