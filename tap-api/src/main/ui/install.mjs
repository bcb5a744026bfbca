// Installs the page's npm packages exactly as package-lock.json pins them, and only when they
// changed: `npm ci` deletes and refetches node_modules, which would make every Maven build
// reach the registry. The lock file's hash is kept in node_modules after a successful install,
// so a build with an unchanged lock file runs offline.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const lock = readFileSync(join(here, 'package-lock.json'));
const hash = createHash('sha256').update(lock).digest('hex');
const marker = join(here, 'node_modules', '.installed-lock-sha256');

if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === hash) {
  process.exit(0);
}
console.log('ui: installing npm packages from package-lock.json');
// --ignore-scripts: no package here needs an install script (esbuild finds its platform
// binary package without one), and none should run code at install time.
const npm = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
if (npm.status !== 0) {
  console.error('ui: npm ci failed; the npm registry must be reachable for the first build '
    + '(or after package-lock.json changes)');
  process.exit(npm.status ?? 1);
}
writeFileSync(marker, hash + '\n');
