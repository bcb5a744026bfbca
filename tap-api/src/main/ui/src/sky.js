// The sky view: the result's positions on Aladin Lite. Aladin is loaded the first time the view
// opens (it is most of the page's bytes). The background is the archive's HiPS survey when one
// is configured and answers; otherwise the positions are drawn on a blank sky, and nothing is
// fetched from any other host (Aladin's own survey list and usage log are switched off).
import { h, show } from './dom.js';
import { columnChooser, numericColumns, positionColumns } from './columns.js';

let aladinModule = null;

export async function renderSky(element, result, hipsUrl) {
  const guess = positionColumns(result);
  const columns = numericColumns(result);
  if (columns.length < 2) {
    show(element, h('p', { className: 'muted' }, 'This result has no positions to draw: it needs two numeric columns, right ascension and declination in degrees.'));
    return;
  }
  let ra = guess?.ra.index ?? columns[0].index;
  let dec = guess?.dec.index ?? columns[1].index;
  const sky = h('div', { className: 'sky', id: 'aladin' });
  const note = h('p', { className: 'muted', 'data-role': 'sky-note' });
  const redraw = () => draw(sky, note, result, ra, dec, hipsUrl);
  show(element, h('div', { className: 'chooser' },
    columnChooser('RA', columns, ra, (index) => { ra = index; redraw(); }, h),
    columnChooser('Dec', columns, dec, (index) => { dec = index; redraw(); }, h),
    guess ? null : h('span', { className: 'warning' }, 'No columns are marked as positions (UCD pos.eq.ra / pos.eq.dec): choose them.')),
  note, sky);
  await redraw();
}

async function draw(container, note, result, raIndex, decIndex, hipsUrl) {
  const positions = result.rows.map((row) => [row[raIndex], row[decIndex]])
    .filter(([ra, dec]) => typeof ra === 'number' && typeof dec === 'number' && Math.abs(dec) <= 90);
  if (positions.length === 0) {
    note.textContent = 'None of the rows has a position in these columns.';
    container.replaceChildren();
    return;
  }
  note.textContent = 'Loading the sky view…';
  try {
    aladinModule ??= (await import('aladin-lite')).default;
    const A = aladinModule;
    await A.init;
    const survey = hipsUrl && await answers(hipsUrl) ? hipsUrl : null;
    const { ra, dec, fov } = frame(positions);
    container.replaceChildren();
    const aladin = A.aladin(container, {
      survey: survey ?? [],
      hipsList: survey ? [survey] : [],
      log: false,
      target: `${ra} ${dec}`,
      fov,
      // positions all over the sky: a whole-sky projection instead of one hemisphere
      projection: fov >= 120 ? 'AIT' : 'SIN',
      cooFrame: 'ICRS',
      showReticle: false,
      showLayersControl: false,
      showSimbadPointerControl: false,
      showShareControl: false,
      showContextMenu: false,
      showSettingsControl: false,
      showProjectionControl: false,
      showCooGridControl: true,
      backgroundColor: 'rgb(20, 24, 40)',
    });
    const catalog = A.catalog({ name: 'result', sourceSize: 10, color: '#ffcc33' });
    aladin.addCatalog(catalog);
    catalog.addSources(positions.map(([sourceRa, sourceDec]) => A.source(sourceRa, sourceDec)));
    note.textContent = `${positions.length} positions` + (survey ? ` on ${survey}`
      : hipsUrl ? `, without a background: the sky survey at ${hipsUrl} does not answer, or does not let other sites' pages `
        + 'read it (it must send CORS headers)' : ', without a background survey (none is configured)');
  } catch (error) {
    note.textContent = `The sky view cannot be shown in this browser (${error?.message ?? error}); the Plot tab draws the positions too.`;
  }
}

/** Whether a HiPS answers at all (its properties file), within a few seconds. */
async function answers(hipsUrl) {
  try {
    const response = await fetch(hipsUrl.replace(/\/$/, '') + '/properties', { signal: AbortSignal.timeout(5000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** The centre of the positions and a field of view that holds them all. */
function frame(positions) {
  let x = 0; let y = 0; let z = 0;
  const vectors = positions.map(([ra, dec]) => {
    const a = ra * Math.PI / 180; const d = dec * Math.PI / 180;
    const v = [Math.cos(d) * Math.cos(a), Math.cos(d) * Math.sin(a), Math.sin(d)];
    x += v[0]; y += v[1]; z += v[2];
    return v;
  });
  const norm = Math.hypot(x, y, z) || 1;
  const c = [x / norm, y / norm, z / norm];
  const ra = ((Math.atan2(c[1], c[0]) * 180 / Math.PI) + 360) % 360;
  const dec = Math.asin(Math.max(-1, Math.min(1, c[2]))) * 180 / Math.PI;
  // the widest angle from the centre, as the smallest cosine (a loop: there may be 100,000)
  let cosine = 1;
  for (const v of vectors) cosine = Math.min(cosine, v[0] * c[0] + v[1] * c[1] + v[2] * c[2]);
  const spread = Math.acos(Math.max(-1, cosine)) * 180 / Math.PI;
  return { ra, dec, fov: Math.min(360, Math.max(0.02, spread * 2.4)) };
}
