// Bundles the page into the directory given as the only argument (the Maven build passes
// target/classes/static/ui, so the jar serves it under <base URL>/ui/). Everything the page
// loads comes out of node_modules and src: no file is fetched from anywhere at run time.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, 'dist'));

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const { metafile } = await build({
  entryPoints: [join(here, 'src', 'main.js')],
  outdir: out,
  bundle: true,
  // ES modules with splitting: the sky viewer (most of the bytes) is a chunk of its own, loaded
  // the first time someone opens the sky view, so the page itself opens fast.
  format: 'esm',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  minify: true,
  sourcemap: 'linked',
  target: ['es2022'],
  legalComments: 'linked',
  logLevel: 'warning',
  metafile: true,
});
for (const file of ['index.html', 'style.css']) {
  copyFileSync(join(here, file), join(out, file));
}

// The bundle carries other people's code: their licences go beside it, one per package bundled.
const packages = new Set(Object.keys(metafile.inputs)
  .map((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1]).filter(Boolean));
const notices = [...packages].sort().map((name) => {
  const dir = join(here, 'node_modules', name);
  const { version, license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const file = ['LICENSE', 'LICENSE.md', 'COPYING'].map((candidate) => join(dir, candidate)).find(existsSync);
  return `${name} ${version} (${license})\n\n${file ? readFileSync(file, 'utf8').trim() : 'no licence file shipped'}\n`;
});
writeFileSync(join(out, 'THIRD-PARTY-LICENSES.txt'),
  'The web page bundles these npm packages; each is used under its licence below.\n\n'
  + notices.join('\n' + '-'.repeat(72) + '\n\n'));
