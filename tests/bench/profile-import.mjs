/**
 * Where a 10,000-row CSV import's time goes in the service worker: the store seeded with 10,000
 * accounts, then `runs` CSV imports (utils/page/csv.ts in an extension page, one importData in
 * merge mode each) under the worker's CPU profiler. Prints the worker's own time per import (its
 * "rapport importData" measure), the profile's busy and idle time, and the top functions; the
 * profiles are kept in the temp folder's perf3/. User Timing marks added to the worker while
 * investigating are printed too, as ms from the last "h:start" mark. Not part of `npm run bench`:
 * `npx wxt build && node tests/bench/profile-import.mjs [runs]` (RAPPORT_DIST picks another build).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, launch } from '../e2e/harness.mjs';
import { accountsCsv, bigBackup } from './data.mjs';
import { profileSummary, sleep, workerSession } from './lib.mjs';
import { quietPage, seed } from './store.mjs';

const runs = Number(process.argv[2] ?? 3);
const OUT = path.join(os.tmpdir(), 'perf3');
fs.mkdirSync(OUT, { recursive: true });
const app = await launch();
try {
  await seed(app, bigBackup({ accounts: 10_000, activities: 10_000 }));
  const page = await quietPage(app);
  const csv = spawnSync(
    path.join(ROOT, 'node_modules', '.bin', 'esbuild'),
    [
      path.join(ROOT, 'utils', 'page', 'csv.ts'),
      '--bundle',
      '--format=iife',
      '--global-name=__rapportCsv',
    ],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  await page.evaluate(`${csv.stdout}\nglobalThis.__rapportCsv = __rapportCsv;`);
  const worker = app.context.serviceWorkers().find((w) => w.url().startsWith(app.origin));
  await worker.evaluate(() => {
    const seen = (globalThis.__profMeasures = []);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        seen.push([e.name, Math.round(e.startTime), Math.round(e.duration)]);
    }).observe({ entryTypes: ['measure', 'mark'] });
  });
  const sw = await workerSession(app.context, page, app.origin);
  await sw.send('Profiler.enable');
  await sw.send('Profiler.setSamplingInterval', { interval: 500 });
  for (let i = 0; i < runs; i++) {
    const records = await page.evaluate(
      async (text) => {
        const send = (name, request) => chrome.runtime.sendMessage({ rapport: 1, name, request });
        const store = await send('exportData', {});
        const now = Date.now();
        const { accountsFromCsv, csvBackup } = window.__rapportCsv;
        const result = accountsFromCsv(text, {
          accounts: store.data.accounts,
          people: store.data.people,
          now,
          newId: () => crypto.randomUUID(),
        });
        window.__backup = csvBackup(result, null, now, store.data.schemaVersion);
        return window.__backup.accounts.length + window.__backup.people.length;
      },
      accountsCsv(10_000, { seed: 100 + i }),
    );
    await sleep(500);
    await sw.send('Profiler.start');
    const ms = await page.evaluate(async () => {
      const t = performance.now();
      const a = await chrome.runtime.sendMessage({
        rapport: 1,
        name: 'importData',
        request: { backup: window.__backup, mode: 'merge' },
      });
      if (!a.ok) throw new Error(a.error);
      return Math.round(performance.now() - t);
    });
    // What runs off the answer's path (sync, badge) still belongs to the import.
    await sleep(3000);
    const { profile } = await sw.send('Profiler.stop');
    fs.writeFileSync(path.join(OUT, `import-${i}.cpuprofile`), JSON.stringify(profile));
    const s = profileSummary(profile, { urlPrefix: app.origin, limit: 15 });
    console.log(
      `run ${i}: ${records} records, round trip ${ms} ms; profile total ${s.totalMs} idle ${s.idleMs} ours ${s.attributedMs}`,
    );
    for (const t of s.top) console.log(`  ${t.ms}\t${t.fn}`);
  }
  await sleep(200);
  const seen = await worker.evaluate(() => globalThis.__profMeasures);
  // Each importData's marks as times from its handler's start.
  let t0 = null;
  let line = [];
  for (const [name, at, duration] of seen) {
    if (name === 'h:start') {
      if (line.length) console.log(line.join(' '));
      t0 = at;
      line = [];
      continue;
    }
    line.push(duration ? `${name}=${duration}` : `${name}@${at - t0}`);
  }
  console.log(line.join(' '));
  await sw.close();
} finally {
  await app.close();
}
