/**
 * `npm run test:firefox`: builds the Firefox MV3 extension once into a temporary directory (or
 * copies .output/firefox-mv3 when it is fresh), then runs every tests/e2e-firefox/*.test.mjs with
 * node's own test runner, one file at a time (each launches Firefox).
 *
 * The build and the copy hold /tmp/rapport-build.lock (harness.mjs, BUILD_LOCK), the lock every
 * build in this working tree takes, so neither races another build. Do not run this script under
 * that lock yourself: build first, then run it.
 *
 *   node tests/e2e-firefox/run.mjs              all of them
 *   node tests/e2e-firefox/run.mjs popup csv    only files whose name contains "popup" or "csv"
 *   RAPPORT_SKIP_BUILD=1 ...                    use .output/firefox-mv3 as it is
 *   RAPPORT_FIREFOX=/path/to/firefox ...        another Firefox build
 *
 * The exit code is the test runner's. Without a terminal (CI) the report is TAP, whose last
 * lines are `# pass N` / `# fail N`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { ROOT, buildSnapshot, findFirefox } from './harness.mjs';

const here = path.join(ROOT, 'tests', 'e2e-firefox');
const filters = process.argv.slice(2);

let firefoxPath;
try {
  firefoxPath = findFirefox();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

// Every test loads this one snapshot: a rebuild in the shared tree mid-run changes nothing.
const snapshot = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-build-firefox-'));
process.once('exit', () => fs.rmSync(snapshot, { recursive: true, force: true }));
try {
  const build = await buildSnapshot(snapshot);
  console.log(`e2e-firefox: firefox ${firefoxPath}; build ${build}`);
} catch (error) {
  console.error(`e2e-firefox: ${error.message}`);
  process.exit(1);
}

const files = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.test.mjs'))
  .filter((f) => filters.length === 0 || filters.some((word) => f.includes(word)))
  .sort()
  .map((f) => path.join('tests', 'e2e-firefox', f));

if (files.length === 0) {
  console.error(`e2e-firefox: no test file matches ${filters.join(', ')}`);
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
      RAPPORT_FIREFOX_DIST: path.join(snapshot, 'firefox-mv3'),
    },
  },
);
if (result.error) console.error(`e2e-firefox: ${result.error.message}`);
process.exit(result.status ?? 1);
