/**
 * `npm run test:e2e`: builds the extension once (unless it is fresh), then runs every
 * tests/e2e/*.test.mjs with node's own test runner, one file at a time (each launches Chromium).
 *
 *   node tests/e2e/run.mjs               all of them
 *   node tests/e2e/run.mjs live worker   only files whose name contains "live" or "worker"
 *   RAPPORT_SKIP_BUILD=1 ...             use .output/chrome-mv3 as it is
 *
 * The exit code is the test runner's. Without a terminal (CI) the report is TAP, whose last
 * lines are `# pass N` / `# fail N`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { DIST, ROOT, buildOnce, copyBuild } from './harness.mjs';
import { ensureChromium } from '../tools/chromium.mjs';

const here = path.join(ROOT, 'tests', 'e2e');
const filters = process.argv.slice(2);

let chromiumPath;
try {
  // Installs Debian's chromium first when none is found and it can (root, apt-get).
  chromiumPath = ensureChromium().path;
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

// Every test loads this one snapshot: a rebuild in the shared tree mid-run changes nothing.
const snapshot = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-build-'));
process.once('exit', () => fs.rmSync(snapshot, { recursive: true, force: true }));
try {
  const build = buildOnce();
  await copyBuild(DIST, path.join(snapshot, 'chrome-mv3'));
  console.log(`e2e: chromium ${chromiumPath}; build ${build}`);
} catch (error) {
  console.error(`e2e: ${error.message}`);
  process.exit(1);
}

const files = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.test.mjs'))
  .filter((f) => filters.length === 0 || filters.some((word) => f.includes(word)))
  .sort()
  .map((f) => path.join('tests', 'e2e', f));

if (files.length === 0) {
  console.error(`e2e: no test file matches ${filters.join(', ')}`);
  process.exit(1);
}

const reporter = process.stdout.isTTY && !process.env.CI ? 'spec' : 'tap';
const result = spawnSync(
  process.execPath,
  ['--test', '--test-concurrency=1', `--test-reporter=${reporter}`, ...files],
  {
    cwd: ROOT,
    stdio: 'inherit',
    env: {
      ...process.env,
      RAPPORT_SKIP_BUILD: '1',
      RAPPORT_DIST: path.join(snapshot, 'chrome-mv3'),
    },
  },
);
if (result.error) console.error(`e2e: ${result.error.message}`);
process.exit(result.status ?? 1);
