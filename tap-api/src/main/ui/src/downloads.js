// Download links for a result: the query again in every output format the service declares
// (sync GET URLs), and a job's stored result. Signed-in users' downloads carry their
// credentials, which a plain link cannot, so those are fetched and handed over as files.
import { request, signedIn, syncUrl, baseUrl } from './api.js';
import { h, show } from './dom.js';
import { describe } from './errors.js';

const EXTENSIONS = { csv: 'csv', tsv: 'tsv', fits: 'fits', parquet: 'parquet', html: 'html' };

export function renderDownloads(element, { parameters, formats, jobResult }) {
  const links = [];
  if (jobResult) {
    links.push(link(jobResult.href, `job-${jobResult.jobId}-result`, 'Job result', `The job's stored result (${jobResult.mime ?? ''})`));
  }
  if (parameters) {
    for (const format of formats) {
      const name = format.alias ?? format.mime;
      links.push(link(syncUrl({ ...parameters, RESPONSEFORMAT: name }), `result.${EXTENSIONS[name] ?? (name.includes('votable') ? 'vot' : 'dat')}`,
        name, `Run the query again and download the rows as ${format.mime}`));
    }
  }
  show(element, links.length ? [h('span', { className: 'muted' }, 'Download:'), ...links] : []);
}

function link(href, fileName, label, title) {
  const anchor = h('a', { href, download: fileName, title, 'data-format': label }, label);
  anchor.addEventListener('click', async (event) => {
    if (!signedIn()) return;
    event.preventDefault();
    try {
      const response = await request(href.slice(baseUrl.length));
      const url = URL.createObjectURL(await response.blob());
      const file = h('a', { href: url, download: fileName });
      file.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      anchor.title = describe(error);
      anchor.classList.add('failed');
    }
  });
  return anchor;
}
