/**
 * `npm run bench`: Rapport's speed and size in real Chromium (headless, the built extension
 * loaded through the e2e harness), against the budgets in tests/bench/budgets.mjs.
 *
 *   npm run bench                    everything (about 3 minutes on 2 cores)
 *   node tests/bench/run.mjs popup   only the groups named: size peers sidebar firstpaint storm
 *                                    heap popup list cold csv resolve accounts rewrite
 *   RAPPORT_SKIP_BUILD=1 ...         use .output/chrome-mv3 as it is
 *
 * The build is copied once, when it has settled, and every figure is taken from that copy (a
 * build started meanwhile in the working tree changes nothing measured).
 *
 * Writes bench/results.json, prints a table (min / median / p95 / max, budget, result) and exits
 * non-zero when a budget is exceeded, naming it. Every timing is the median (or p95) of several
 * runs; results.json keeps the details (samples, profiles, what each figure measures).
 * Groups that need 10,000 accounts share one seeded browser; resolve and accounts seed 100,000 in
 * another.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, buildOnce, findChromium, launch } from '../e2e/harness.mjs';
import { BUDGETS } from './budgets.mjs';
import { accountsPageFirstPaint } from './accounts-page.mjs';
import { keyRewrite } from './key-rewrite.mjs';
import { bigBackup } from './data.mjs';
import {
  mutationStorm,
  sidebarFrameFirstPaint,
  sidebarHeap,
  tabStateStepsInWorker,
  timeToSidebar,
} from './gmail.mjs';
import { launchPlain, round, snapshotBuild } from './lib.mjs';
import { peers } from './peers.mjs';
import { addFloorPage, popupFloor } from './popup-floor.mjs';
import { HOW, judge, renderTable, tableRows } from './report.mjs';
import { gmailContentScriptFiles, gmailContentScriptGzipBytes } from './size.mjs';
import {
  FIXTURE_THREADS,
  coldWorker,
  csvImport,
  generatedRecords,
  generatedThreads,
  listAccountsTimes,
  popupPaint,
  resolveContextTimes,
  resolveStepsInWorker,
  seed,
} from './store.mjs';

const GROUPS = [
  'size',
  'peers',
  'sidebar',
  'firstpaint',
  'storm',
  'heap',
  'popup',
  'list',
  'cold',
  'csv',
  'resolve',
  'accounts',
  'rewrite',
];
const wanted = process.argv.slice(2);
const unknown = wanted.filter((g) => !GROUPS.includes(g));
if (unknown.length > 0) {
  console.error(`bench: unknown group ${unknown.join(', ')}; groups: ${GROUPS.join(' ')}`);
  process.exit(2);
}
const runs = (group) => wanted.length === 0 || wanted.includes(group);

const started = performance.now();
const log = (line) =>
  console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}`);

function machine() {
  const version = spawnSync(findChromium(), ['--version'], { encoding: 'utf8' });
  const chromium = /Chromium [\d.]+/.exec(version.stdout ?? '')?.[0] ?? 'unknown';
  let debian = '';
  try {
    debian = `Debian ${fs.readFileSync('/etc/debian_version', 'utf8').trim()}`;
  } catch {
    debian = `${os.type()} ${os.release()}`;
  }
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: round(os.totalmem() / 2 ** 30, 1),
    os: debian,
    chromium,
    node: process.version,
  };
}

const metrics = {};
const load = { start: round(os.loadavg()[0], 1) };
const notes = {};
const errors = [];

let build = null;
// The network is kept off by host resolver rules, not by interception (harness.mjs `offline`):
// intercepting holds up each file an extension page loads, which no user's browser does.
const launchExtension = () => launch({ offline: 'resolver' });

try {
  log(`build: ${buildOnce({ log })}`);
  build = await snapshotBuild();
  // Into the copy only: the page popupFloorMs times beside the popup.
  addFloorPage(build.dist);
  // The harness loads this copy in every browser it launches.
  process.env.RAPPORT_DIST = build.dist;
  log(`measuring build ${build.fingerprint}`);
  if (runs('size')) {
    metrics.gmailContentScriptGzipBytes = {
      value: gmailContentScriptGzipBytes(build.dist),
      files: gmailContentScriptFiles(build.dist),
    };
    log(`gmailContentScriptGzipBytes ${metrics.gmailContentScriptGzipBytes.value}`);
  }

  const needsPlain = ['peers', 'storm', 'heap'].some(runs);
  const plain = needsPlain ? await launchPlain() : null;
  try {
    if (runs('peers')) {
      metrics.peers = await peers(plain.context, build.dist);
      log('peers measured');
    }

    // 10,000 accounts and 50,000 follow-ups: everything a user with a big book of clients sees.
    if (['sidebar', 'firstpaint', 'storm', 'heap', 'popup', 'list', 'cold', 'csv'].some(runs)) {
      const app = await launchExtension();
      try {
        const backup = bigBackup({ accounts: 10_000, activities: 50_000 });
        notes.seed10k = await seed(app, backup);
        log(`seeded ${notes.seed10k.records} records in ${notes.seed10k.ms} ms`);
        if (runs('sidebar')) {
          metrics.timeToSidebarMs = await timeToSidebar(app);
          // The message inside that time, at this store size (the 100,000-account figure below).
          metrics.timeToSidebarMs.resolveContextMs = {
            ...(await resolveContextTimes(app, { runs: 30, rounds: 1, warmup: 5, profile: false })),
            stepsInWorkerMs: await resolveStepsInWorker(app),
          };
          metrics.timeToSidebarMs.tabStateStepsInWorkerMs = await tabStateStepsInWorker(app);
          log(`timeToSidebarMs p95 ${metrics.timeToSidebarMs.p95}`);
        }
        if (runs('firstpaint')) {
          metrics.sidebarFrameFirstPaintMs = await sidebarFrameFirstPaint(app);
          log(`sidebarFrameFirstPaintMs p50 ${metrics.sidebarFrameFirstPaintMs.p50}`);
        }
        if (runs('heap')) {
          metrics.sidebarHeapBytes = await sidebarHeap(app, plain);
          log(`sidebarHeapBytes ${metrics.sidebarHeapBytes.value}`);
        }
        if (runs('storm')) {
          metrics.mutationStormMainThreadMs = await mutationStorm(app, plain, {});
          log(`mutationStormMainThreadMs ${metrics.mutationStormMainThreadMs.value}`);
        }
        if (runs('popup')) {
          metrics.popupPaintMs = await popupPaint(app);
          log(`popupPaintMs ${metrics.popupPaintMs.p50}`);
          metrics.popupFloorMs = await popupFloor(app);
          log(`popupFloorMs ${metrics.popupFloorMs.p50}`);
        }
        if (runs('list')) {
          metrics.listAccountsMs = await listAccountsTimes(app);
          log(`listAccountsMs ${metrics.listAccountsMs.p50}`);
        }
        if (runs('cold')) {
          metrics.coldWorkerFirstAnswerMs = await coldWorker(app);
          log(`coldWorkerFirstAnswerMs ${metrics.coldWorkerFirstAnswerMs.p50}`);
        }
        // Last: it adds 10,000 accounts per run to the store. Only the options page stays open,
        // as when a user imports (every open extension page shares one renderer main thread).
        if (runs('csv')) {
          for (const p of app.context.pages()) if (p.url().startsWith(app.origin)) await p.close();
          metrics.csvImport10kMs = await csvImport(app);
          log(`csvImport10kMs ${metrics.csvImport10kMs.p50}`);
        }
      } finally {
        await app.close();
      }
    }
  } finally {
    await plain?.close();
  }

  if (runs('resolve') || runs('accounts') || runs('rewrite')) {
    const app = await launchExtension();
    try {
      // 100,000 accounts; fewer people and follow-ups per account than above, so seeding stays
      // within a minute (lookups go through indexes: their size barely matters).
      const backup = bigBackup({ accounts: 100_000, activities: 10_000, peoplePerAccount: 0.3 });
      notes.seed100k = await seed(app, backup);
      log(`seeded ${notes.seed100k.records} records in ${notes.seed100k.ms} ms`);
      if (runs('resolve')) {
        const threads = [...FIXTURE_THREADS, ...generatedThreads(backup, 48)];
        metrics.resolveContextMs = await resolveContextTimes(app, { threads });
        log(`resolveContextMs p95 ${metrics.resolveContextMs.p95}`);
        metrics.crmResolveMs = await resolveContextTimes(app, {
          threads: generatedRecords(backup, 50),
          runs: 100,
          rounds: 3,
          warmup: 50,
          profile: false,
        });
        log(`crmResolveMs p95 ${metrics.crmResolveMs.p95}`);
      }
      if (runs('accounts')) {
        metrics.accountsPageFirstPaintMs = await accountsPageFirstPaint(app);
        log(`accountsPageFirstPaintMs ${metrics.accountsPageFirstPaintMs.p50}`);
      }
      // Last: it rewrites every account of the store.
      if (runs('rewrite')) {
        metrics.keyRewriteBatchMs = await keyRewrite(app);
        log(`keyRewriteBatchMs max ${metrics.keyRewriteBatchMs.max}`);
      }
    } finally {
      await app.close();
    }
  }
} catch (error) {
  console.error(`bench: ${error.stack ?? error}`);
  errors.push(String(error.message ?? error));
  process.exitCode = 1;
}

// ---------------------------------------------------------------------------------------------
// Verdicts, table, results.json

const failures = judge(metrics);

load.end = round(os.loadavg()[0], 1);
const busy = Math.max(load.start, load.end) > os.cpus().length;
const results = {
  date: new Date().toISOString(),
  loadAverage: load,
  machine: machine(),
  build: build?.fingerprint ?? null,
  budgets: BUDGETS,
  totalSeconds: round((performance.now() - started) / 1000),
  metrics,
  measures: Object.fromEntries(Object.keys(metrics).map((name) => [name, HOW[name]])),
  seeding: notes,
  failures,
  errors,
};
fs.mkdirSync(path.join(ROOT, 'bench'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

console.log('');
console.log(renderTable(tableRows(metrics)));
console.log('');
const mach = results.machine;
console.log(
  `${mach.cores} cores, ${mach.os}, ${mach.chromium}, Node ${mach.node}; ${results.totalSeconds} s; details in bench/results.json`,
);
if (busy) {
  console.log(
    `\nThe machine was busy (load average ${load.start} at the start, ${load.end} at the end, on ` +
      `${os.cpus().length} cores): timings are slower and noisier than on an idle machine.`,
  );
}
if (failures.length > 0) {
  console.log(`\nOver budget:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  process.exitCode = 1;
}
