// Bundles the page into the directory given as the only argument (the Maven build passes
// target/classes/static/ui, so the jar serves it under <base URL>/ui/). Everything the page
// loads comes out of node_modules and src: no file is fetched from anywhere at run time.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, 'dist'));

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
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
});
for (const file of ['index.html', 'style.css']) {
  copyFileSync(join(here, file), join(out, file));
}
