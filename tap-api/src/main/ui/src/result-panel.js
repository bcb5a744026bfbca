// The result area: a tab each for the rows, the sky and a plot, and the download links. The sky
// and the plot are drawn when their tab is opened, from the rows already read.
import { h, show, byId } from './dom.js';
import { readResult, renderResult } from './results.js';
import { renderDownloads } from './downloads.js';
import { renderPlot } from './scatter.js';
import { renderSky } from './sky.js';

export class ResultPanel {
  constructor(config, formats) {
    this.hipsUrl = config.hipsUrl;
    this.formats = formats;
    this.result = null;
    this.drawn = new Set();
    this.tabs = [...document.querySelectorAll('.tabs [role="tab"]')];
    for (const tab of this.tabs) tab.addEventListener('click', () => this.select(tab.dataset.tab));
  }

  select(name) {
    for (const tab of this.tabs) tab.setAttribute('aria-selected', String(tab.dataset.tab === name));
    for (const panel of document.querySelectorAll('.tab[data-panel]')) panel.hidden = panel.dataset.panel !== name;
    this.drawTab(name);
  }

  drawTab(name) {
    if (!this.result || this.drawn.has(name) || this.result.unreadable) return;
    this.drawn.add(name);
    if (name === 'sky') renderSky(byId('tab-sky'), this.result, this.hipsUrl);
    if (name === 'plot') renderPlot(byId('tab-plot'), this.result);
  }

  loading(text) {
    this.clear();
    show(byId('tab-table'), h('p', { className: 'muted' }, text));
  }

  clear() {
    this.result = null;
    this.drawn.clear();
    for (const id of ['tab-table', 'tab-sky', 'tab-plot', 'downloads']) show(byId(id));
  }

  /** Reads and shows a result; returns it (rows, columns) for the caller's status line. */
  async show(response, { parameters, jobResult = null }) {
    const result = await readResult(response);
    this.clear();
    this.result = result;
    renderResult(byId('tab-table'), result, { maxrec: parameters?.MAXREC });
    renderDownloads(byId('downloads'), { parameters, formats: this.formats, jobResult });
    const selected = this.tabs.find((tab) => tab.getAttribute('aria-selected') === 'true')?.dataset.tab ?? 'table';
    this.select(selected);
    return result;
  }
}
