/**
 * The background and the extension pages, timed from a real extension page over real messaging:
 * seeding, resolveContext at 100,000 accounts, a cold worker's first answer, the popup's first
 * paint, and a 10,000-row CSV import.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, loadFixture } from '../e2e/harness.mjs';
import { accountsCsv, chunks, isoDay } from './data.mjs';
import { median, profileSummary, round, sleep, summary, workerSession } from './lib.mjs';

/** An extension page with no code of its own: the manifest, shown as text, has chrome.runtime. */
export async function quietPage(app) {
  return app.openPage('manifest.json');
}

/** One message round trip from `page`, in ms as the page's own clock sees it. */
async function timedSend(page, name, request) {
  return page.evaluate(
    async ({ name, request }) => {
      const start = performance.now();
      const answer = await chrome.runtime.sendMessage({ rapport: 1, name, request });
      return { ms: performance.now() - start, ok: answer?.ok === true, answer };
    },
    { name, request },
  );
}

/**
 * Replaces the store with `backup` through importData: the first chunk in replace mode, the rest
 * merged (a message of 200,000 records would pass the schema but not Chromium's message size).
 */
export async function seed(app, backup, { chunkSize = 40_000 } = {}) {
  const page = await quietPage(app);
  const started = performance.now();
  const parts = chunks(backup, chunkSize);
  for (const [i, part] of parts.entries()) {
    const { ok, answer } = await timedSend(page, 'importData', {
      backup: part,
      mode: i === 0 ? 'replace' : 'merge',
    });
    if (!ok) throw new Error(`seeding chunk ${i + 1} failed: ${JSON.stringify(answer)}`);
  }
  await app.call('updateSettings', { ownDomains: ['brightwave.io'] });
  await page.close();
  const records = ['accounts', 'people', 'activities', 'decisions', 'stageChanges'].reduce(
    (n, kind) => n + backup[kind].length,
    0,
  );
  return {
    ms: Math.round(performance.now() - started),
    messages: parts.length,
    records,
    accounts: backup.accounts.length,
    people: backup.people.length,
    activities: backup.activities.length,
  };
}

/** What the Gmail content script sends for a fixture thread (as the adapter reads it). */
export function fixtureContext(state) {
  const contexts = {
    thread: {
      participants: [
        { email: 'anna.keller@northwind.co.uk', name: 'Anna Keller' },
        { email: 'tom.reyes@mail.northwind.co.uk', name: 'Tom Reyes' },
      ],
      thread: { id: '1a2c4e6f80b1d3a5', subject: 'Q1 renewal: volumes and pricing' },
    },
    'internal-cc': {
      participants: [
        { email: 'lee.morgan@brightwave.io', name: 'Lee Morgan' },
        { email: 'h.scorpio@globex.com', name: 'Hank Scorpio' },
      ],
      thread: { id: '1a2c8a04b6c2e917', subject: 'Prep for Globex QBR' },
    },
  };
  return {
    host: 'gmail',
    url: loadFixture(state).url,
    domains: [],
    names: [],
    selfEmail: 'sam.carter@brightwave.io',
    ...contexts[state],
  };
}

/** The two fixture threads the browser tests open, with the account each must resolve to. */
export const FIXTURE_THREADS = [
  { context: fixtureContext('thread'), accountId: 'acc-northwind' },
  { context: fixtureContext('internal-cc'), accountId: 'acc-globex' },
];

/**
 * Threads with generated clients of `backup`: one of an account's people writes, with a colleague
 * at the same company whom Rapport does not know (found by the domain) and a colleague of ours
 * in cc. `count` accounts spread evenly over the store, so the reads touch all of its indexes.
 */
export function generatedThreads(backup, count) {
  const withPeople = new Map();
  for (const p of backup.people) if (!withPeople.has(p.accountId)) withPeople.set(p.accountId, p);
  const accounts = backup.accounts.filter((a) => a.id.startsWith('acc-0') && withPeople.has(a.id));
  const step = Math.max(1, Math.floor(accounts.length / count));
  return accounts
    .filter((_, i) => i % step === 0)
    .slice(0, count)
    .map((account, i) => {
      const person = withPeople.get(account.id);
      return {
        accountId: account.id,
        context: {
          ...fixtureContext('thread'),
          participants: [
            { email: person.emails[0], name: person.name },
            { email: `new.colleague@${account.domains[0]}`, name: 'New Colleague' },
            { email: 'lee.morgan@brightwave.io', name: 'Lee Morgan' },
          ],
          thread: { id: `bench${i.toString(16).padStart(11, '0')}`, subject: 'Quarterly review' },
        },
      };
    });
}

/**
 * CRM record pages of generated clients that are not linked yet: the record shows the company's
 * exact name (as the HubSpot adapter reads it), so each resolves through the CRM-link index (no
 * match) and then the name index.
 */
export function generatedRecords(backup, count) {
  const accounts = backup.accounts.filter((a) => a.id.startsWith('acc-0'));
  const step = Math.max(1, Math.floor(accounts.length / count));
  return accounts
    .filter((_, i) => i % step === 0)
    .slice(0, count)
    .map((account, i) => {
      const recordId = String(900_000_000 + i);
      const url = `https://app.hubspot.com/contacts/26491733/record/0-2/${recordId}`;
      return {
        accountId: account.id,
        context: {
          host: 'hubspot',
          url,
          participants: [],
          domains: [],
          names: [account.name],
          crmRef: { system: 'hubspot', recordType: 'company', recordId, url },
        },
      };
    });
}

/**
 * resolveContext sent from an extension page for each of `threads` in turn, beside a message the
 * router refuses before any handler (the messaging floor). The figure is the background's own
 * time per resolve (the "rapport resolveContext" measure); the page's round trip is kept beside
 * it. `rounds` rounds of `runs` resolves each: the figures are the median of the rounds' p50 and
 * p95, as a timing is the median of several runs (one round caught by a busy machine does not
 * decide). Then the same resolves once more under the CPU profiler on the worker, to say where
 * the time goes.
 *
 * The warm-up is long on purpose: a store just filled by an import compacts on its first reads
 * (LevelDB's seek compactions, visible in its LOG), a one-off that a store in use has long done.
 */
export async function resolveContextTimes(
  app,
  { threads = FIXTURE_THREADS, runs = 150, rounds = 5, warmup = 100, profile = true } = {},
) {
  const page = await quietPage(app);
  const resolve = [];
  const floor = [];
  const handled = await observeHandling(app, 'resolveContext');
  for (let i = 0; i < warmup + rounds * runs; i++) {
    const { context, accountId } = threads[i % threads.length];
    const r = await timedSend(page, 'resolveContext', context);
    const first = r.answer?.data?.matches?.[0]?.account?.id;
    if (!r.ok || first !== accountId) {
      throw new Error(`resolveContext answered ${JSON.stringify(r.answer).slice(0, 300)}`);
    }
    const f = await timedSend(page, 'benchNoSuchMessage', {});
    if (i >= warmup) {
      resolve.push(r.ms);
      floor.push(f.ms);
    }
  }

  const inWorker = (await handled.collect()).slice(warmup);
  if (inWorker.length !== rounds * runs) {
    throw new Error(`the worker measured ${inWorker.length} of ${rounds * runs}: did it restart?`);
  }
  const byRound = (values) =>
    Array.from({ length: rounds }, (_, k) => summary(values.slice(k * runs, (k + 1) * runs)));
  const ofRounds = (values) => {
    const each = byRound(values);
    return {
      ...summary(values),
      p50: median(each.map((r) => r.p50)),
      p95: median(each.map((r) => r.p95)),
      roundsP95: each.map((r) => r.p95),
    };
  };
  const timed = {
    ...ofRounds(inWorker),
    threads: threads.length,
    rounds,
    samples: inWorker.map((v) => round(v, 2)),
    roundTripMs: {
      ...ofRounds(resolve),
      messagingFloorMs: ofRounds(floor),
      beyondFloorMsP50: round(median(resolve) - median(floor), 2),
    },
  };
  if (!profile) {
    await page.close();
    return timed;
  }

  const worker = await workerSession(app.context, page, app.origin);
  await worker.send('Profiler.enable');
  await worker.send('Profiler.setSamplingInterval', { interval: 100 });
  await worker.send('Profiler.start');
  const profiledStart = performance.now();
  for (let i = 0; i < runs; i++) {
    await timedSend(page, 'resolveContext', threads[i % threads.length].context);
  }
  const profiledMs = performance.now() - profiledStart;
  const { profile: cpu } = await worker.send('Profiler.stop');
  await worker.close();
  await page.close();
  const where = profileSummary(cpu, { limit: 10 });
  return {
    ...timed,
    stepsInWorkerMs: await resolveStepsInWorker(app),
    workerProfile: {
      resolves: runs,
      wallMs: round(profiledMs),
      busyMs: round(where.totalMs - where.idleMs),
      idleMs: where.idleMs,
      top: where.top,
    },
  };
}

/**
 * Collects, inside the service worker, the durations of the "rapport <name>" measures the
 * background makes for each message it answers (index.ts): its own time, from the message
 * arriving to the answer being ready, without the messaging around it.
 */
async function observeHandling(app, name) {
  const worker = app.context.serviceWorkers().find((w) => w.url().startsWith(app.origin));
  if (!worker) throw new Error('the extension service worker is not running');
  await worker.evaluate((label) => {
    const seen = (globalThis.__rapportBenchMeasures = []);
    globalThis.__rapportBenchObserver?.disconnect();
    globalThis.__rapportBenchObserver = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.name === label) seen.push(entry.duration);
    });
    globalThis.__rapportBenchObserver.observe({ type: 'measure' });
  }, `rapport ${name}`);
  return {
    async collect() {
      await sleep(100); // observers are called back in a later task
      return worker.evaluate(() => {
        globalThis.__rapportBenchObserver.disconnect();
        return globalThis.__rapportBenchMeasures;
      });
    },
  };
}

/**
 * The IndexedDB requests resolveContext makes for the thread fixture (handlers/accounts.ts),
 * replayed one by one with raw IndexedDB inside the service worker (Playwright's worker.evaluate),
 * each in its own read-only transaction: the median of 15 of each. Says which request the time goes
 * to; the worker's CPU profile cannot, since it shows a wait on the IndexedDB backend as idle.
 */
export async function resolveStepsInWorker(app) {
  const worker = app.context.serviceWorkers().find((w) => w.url().startsWith(app.origin));
  if (!worker) return null;
  return worker.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('rapport');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const done = (request) =>
      new Promise((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const stores = ['accounts', 'people', 'activities', 'decisions', 'stageChanges'];
    const pad = (n) => String(n).padStart(2, '0');
    const d = new Date();
    const today = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    const account = 'acc-northwind';
    const steps = {
      'people.byEmail getAll (per participant)': (tx) =>
        done(tx.objectStore('people').index('byEmail').getAll('anna.keller@northwind.co.uk')),
      'accounts.byDomain getAllKeys (per participant)': (tx) =>
        done(tx.objectStore('accounts').index('byDomain').getAllKeys('northwind.co.uk')),
      'accounts get': (tx) => done(tx.objectStore('accounts').get(account)),
      'activities.byAccountAt cursor, 10 steps': (tx) =>
        new Promise((resolve, reject) => {
          const range = IDBKeyRange.bound([account, 0], [account, Number.MAX_SAFE_INTEGER]);
          const request = tx
            .objectStore('activities')
            .index('byAccountAt')
            .openCursor(range, 'prev');
          let n = 0;
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            const cursor = request.result;
            if (!cursor || ++n >= 10) resolve(n);
            else cursor.continue();
          };
        }),
      'people, decisions, stageChanges byAccount getAll': (tx) =>
        Promise.all(
          ['people', 'decisions', 'stageChanges'].map((s) =>
            done(tx.objectStore(s).index('byAccount').getAll(account)),
          ),
        ),
      'accounts.byNextDue count (dueCount)': (tx) =>
        done(tx.objectStore('accounts').index('byNextDue').count(IDBKeyRange.upperBound(today))),
    };
    const out = {};
    for (const [name, step] of Object.entries(steps)) {
      const times = [];
      for (let i = 0; i < 15; i++) {
        const tx = db.transaction(stores, 'readonly');
        const start = performance.now();
        await step(tx);
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      out[name] = Math.round(times[7] * 100) / 100;
    }
    const tx = db.transaction(['accounts'], 'readonly');
    out.dueAccounts = await done(
      tx.objectStore('accounts').index('byNextDue').count(IDBKeyRange.upperBound(today)),
    );
    db.close();
    return out;
  });
}

/**
 * listAccounts, what the accounts page's table is built from: the background's own time (its
 * "rapport listAccounts" measure) and the page's round trip, which carries every row; `runs`
 * after one warm-up.
 */
export async function listAccountsTimes(app, { runs = 7 } = {}) {
  const page = await quietPage(app);
  const handled = await observeHandling(app, 'listAccounts');
  const trips = [];
  let rows = 0;
  for (let i = 0; i < runs + 1; i++) {
    const r = await timedSend(page, 'listAccounts', {});
    if (!r.ok) throw new Error(`listAccounts answered ${JSON.stringify(r.answer).slice(0, 300)}`);
    rows = r.answer.data.length;
    if (i > 0) trips.push(r.ms);
  }
  const inWorker = (await handled.collect()).slice(1);
  await page.close();
  return { ...summary(inWorker), roundTripMs: summary(trips), rows };
}

/**
 * Stops the worker through the DevTools protocol (the harness's stopWorker), then times the first
 * answer: the sidebar's own first message, resolveContext for the thread fixture.
 */
export async function coldWorker(app, { runs = 7 } = {}) {
  for (const p of app.context.pages())
    if (p.url().startsWith('https://mail.google.com/')) await p.close();
  const page = await quietPage(app);
  const times = [];
  for (let i = 0; i < runs; i++) {
    await app.stopWorker();
    await sleep(100);
    const r = await timedSend(page, 'resolveContext', fixtureContext('thread'));
    if (!r.ok) throw new Error(`cold resolveContext failed: ${JSON.stringify(r.answer)}`);
    times.push(r.ms);
    if ((await app.workerStatus()) !== 'running') throw new Error('the worker did not start');
  }
  await page.close();
  return { ...summary(times), samples: times.map((v) => round(v)) };
}

/**
 * popup.html opened fresh `runs` times; each time the clock (navigation start) stops in the first
 * frame after [data-testid="due-list"] is in the document, after that frame's main-thread work.
 * Beside it: when the app first rendered (its loading line), when the list entered the DOM, and
 * listDue's own round trip from a quiet page.
 */
export async function popupPaint(app, { runs = 7 } = {}) {
  const samples = await dueListPaints(app, 'popup.html', runs);
  const quiet = await quietPage(app);
  const { ms: listDueMs, answer } = await timedSend(quiet, 'listDue', {
    until: isoDay(Date.now()),
  });
  await quiet.close();
  const of = (key) => summary(samples.map((s) => s[key]));
  return {
    ...of('painted'),
    firstRenderMs: of('firstRender'),
    listInDomMs: of('listInDom'),
    listDueRoundTripMs: round(listDueMs),
    listDueAnswerBytes: JSON.stringify(answer).length,
    dueItems: samples[0].items,
    elements: samples[0].elements,
    samples: samples.map((s) => round(s.painted)),
  };
}

/**
 * The extension page at `pagePath` opened fresh `runs` times, after one warm-up: for each, the
 * page's clock when its app first rendered, when [data-testid="due-list"] entered the document and
 * at the end of the first frame after that (popupPaint; the floor in popup-floor.mjs).
 */
export async function dueListPaints(app, pagePath, runs) {
  const samples = [];
  for (let i = 0; i < runs + 1; i++) {
    const page = await app.context.newPage();
    await page.addInitScript(() => {
      const marks = {};
      const seen = () => {
        marks.firstRender ??= document.getElementById('app')?.firstChild
          ? performance.now()
          : undefined;
        const list = document.querySelector('[data-testid="due-list"]');
        if (!list) return;
        observer.disconnect();
        marks.listInDom = performance.now();
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            window.__rapportDuePainted = {
              ...marks,
              painted: performance.now(),
              items: list.children.length,
              elements: document.getElementsByTagName('*').length,
            };
          };
          channel.port2.postMessage(0);
        });
      };
      const observer = new MutationObserver(seen);
      observer.observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${app.origin}/${pagePath}`);
    const painted = await page
      .waitForFunction(() => window.__rapportDuePainted, null, { timeout: 20_000 })
      .then((h) => h.jsonValue());
    if (i > 0) samples.push(painted); // the first opening warms the worker and the disk cache
    await page.close();
    // Extension pages share one renderer main thread: let this one's teardown finish first.
    await sleep(300);
  }
  return samples;
}

/**
 * Marks in an options page: when a file is chosen, each message sent and answered (by name), when
 * the CSV report's import button is rendered enabled, and when it is clicked. Installed before the
 * page's own scripts; wraps chrome.runtime.sendMessage in both its promise and callback forms.
 */
function instrumentOptionsPage() {
  const marks = (window.__rapportMarks = { sent: {}, answered: {}, answers: {} });
  const runtime = chrome.runtime;
  const original = runtime.sendMessage.bind(runtime);
  const answered = (name, answer) => {
    marks.answered[name] = performance.now();
    marks.answers[name] = answer && {
      ok: answer.ok,
      counts: answer.data?.counts,
      error: answer.error,
    };
    return answer;
  };
  runtime.sendMessage = (...args) => {
    const name = args.find((a) => a && typeof a === 'object' && 'name' in a)?.name ?? '?';
    // The first of each name (the store is read in several readRecordsPage), the last answer.
    marks.sent[name] ??= performance.now();
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = (answer) => last(answered(name, answer));
      return original(...args);
    }
    return original(...args).then((answer) => answered(name, answer));
  };
  document.addEventListener('change', () => (marks.fileChosen ??= performance.now()), true);
  document.addEventListener('click', () => (marks.clicked ??= performance.now()), true);
  new MutationObserver(() => {
    const button = document.querySelector('.preview-box button.primary');
    if (!marks.reportShown && button && !button.disabled) marks.reportShown = performance.now();
  }).observe(document, { childList: true, subtree: true, attributes: true });
}

/**
 * The real options page: the file given to its accounts.csv input (setInputFiles), the report it
 * shows, then its import button. Null when the page or its controls are not there.
 */
async function csvImportInOptionsPage(app, text) {
  const page = await app.context.newPage();
  try {
    await page.addInitScript(instrumentOptionsPage);
    // No response object for chrome-extension: pages; a missing page shows no input below.
    await page.goto(`${app.origin}/options.html`).catch(() => null);
    const input = page.locator('input#csv-accounts[type="file"]');
    if (
      !(await input.waitFor({ timeout: 5_000 }).then(
        () => true,
        () => false,
      ))
    )
      return null;
    await input.setInputFiles({
      name: 'accounts.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(text),
    });
    await page.waitForFunction(() => window.__rapportMarks.reportShown, null, { timeout: 60_000 });
    await page.locator('.preview-box button.primary').click();
    // One importData, or (a file too big for one message) pages merged by one restoreBackup.
    const writtenBy = await page
      .waitForFunction(
        () => ['importData', 'restoreBackup'].find((n) => window.__rapportMarks.answered[n]),
        null,
        { timeout: 60_000 },
      )
      .then((h) => h.jsonValue());
    const m = await page.evaluate(() => window.__rapportMarks);
    const written = m.answers[writtenBy];
    if (!written?.ok) throw new Error(`options page import failed: ${JSON.stringify(written)}`);
    return {
      // The store's accounts and people, read a page at a time.
      readMs: m.answered.readRecordsPage - m.sent.readRecordsPage,
      // From the store's last page to the report on screen: file read, accountsFromCsv, render.
      parseMapMs: m.reportShown - m.answered.readRecordsPage,
      // From the click to importData's answer: csvBackup, the message, the write.
      writeMs: m.answered[writtenBy] - m.clicked,
      chosenToReportMs: m.reportShown - m.fileChosen,
      accounts: written.counts.accounts,
      records: Object.values(written.counts).reduce((a, b) => a + b, 0),
    };
  } finally {
    await page.close();
  }
}

/**
 * utils/page/csv.ts (what the options page runs), bundled for the browser with esbuild, for when
 * the options page cannot be driven; null when it is missing or does not build.
 */
function bundleCsv() {
  const entry = path.join(ROOT, 'utils', 'page', 'csv.ts');
  if (!fs.existsSync(entry)) return { code: null, why: 'utils/page/csv.ts does not exist' };
  const result = spawnSync(
    path.join(ROOT, 'node_modules', '.bin', 'esbuild'),
    [entry, '--bundle', '--format=iife', '--global-name=__rapportCsv', '--platform=browser'],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.status !== 0) {
    return { code: null, why: `utils/page/csv.ts did not build: ${result.stderr.split('\n')[0]}` };
  }
  // page.evaluate runs a string as a function body: publish the bundle's global explicitly.
  return { code: `${result.stdout}\nglobalThis.__rapportCsv = __rapportCsv;`, why: null };
}

/** The same steps with papaparse alone, for when utils/page/csv.ts is not there either. */
function bundlePapaparse() {
  const entry = path.join(ROOT, 'node_modules', 'papaparse', 'papaparse.min.js');
  return `var __rapportPapa = (function () { var module = { exports: {} }; var exports = module.exports;\n${fs.readFileSync(entry, 'utf8')}\n; return module.exports; })();\nglobalThis.__rapportPapa = __rapportPapa;`;
}

/** Fallback: the options page's steps run by the bench in a quiet extension page. */
async function csvImportInQuietPage(page, text, useCsvModule) {
  return page.evaluate(
    async ({ text, useCsvModule }) => {
      const send = (name, request) => chrome.runtime.sendMessage({ rapport: 1, name, request });
      const t0 = performance.now();
      const store = await send('exportData', {});
      if (!store.ok) throw new Error(`exportData: ${store.error}`);
      const t1 = performance.now();
      const now = Date.now();
      let backup;
      if (useCsvModule) {
        const { accountsFromCsv, csvBackup } = window.__rapportCsv;
        const result = accountsFromCsv(text, {
          accounts: store.data.accounts,
          people: store.data.people,
          now,
          newId: () => crypto.randomUUID(),
        });
        if (result.fatal) throw new Error(`accountsFromCsv: ${JSON.stringify(result.fatal)}`);
        backup = csvBackup(result, null, now, store.data.schemaVersion);
      } else {
        const parsed = window.__rapportPapa.parse(text, { header: true, skipEmptyLines: true });
        const accounts = parsed.data.map((row) => ({
          id: crypto.randomUUID(),
          name: row.name,
          domains: row.domains.split(';').map((d) => d.trim().toLowerCase()),
          stage: row.stage,
          potential: row.potential,
          profile: { goals: row.notes, painPoints: '', opportunities: '' },
          nextAction: row.next_action ? { text: row.next_action, due: row.next_action_due } : null,
          cadenceDays: null,
          crmRefs: [],
          createdAt: now,
          updatedAt: now,
          revision: 1,
        }));
        backup = {
          format: 'rapport-backup',
          schemaVersion: store.data.schemaVersion,
          exportedAt: now,
          accounts,
          people: [],
          activities: [],
          decisions: [],
          stageChanges: [],
        };
      }
      const t2 = performance.now();
      const written = await send('importData', { backup, mode: 'merge' });
      const t3 = performance.now();
      if (!written.ok) throw new Error(`importData: ${written.error}`);
      return {
        readMs: t1 - t0,
        parseMapMs: t2 - t1,
        writeMs: t3 - t2,
        accounts: written.data.counts.accounts,
        records: Object.values(written.data.counts).reduce((a, b) => a + b, 0),
      };
    },
    { text, useCsvModule },
  );
}

/**
 * A 10,000-row accounts.csv imported as a user does it in the options page: choose the file (the
 * page reads every account and person a page at a time with readRecordsPage, then runs
 * accountsFromCsv and shows its report), click import (csvBackup, one importData in merge mode:
 * 10,000 rows fit in one message; a bigger file is staged in pages). The budget covers parse + map
 * + write; reading the store is reported beside it. Each run imports another file, so the store
 * grows by 10,000 accounts per run (10,000 -> 40,000).
 */
export async function csvImport(app, { runs = 3, rows = 10_000 } = {}) {
  const samples = [];
  let method = null;
  let quiet = null;
  let useCsvModule = false;
  const handled = await observeHandling(app, 'importData');
  for (let i = 0; i < runs; i++) {
    const text = accountsCsv(rows, { seed: 100 + i });
    let r =
      method === null || method.startsWith('options')
        ? await csvImportInOptionsPage(app, text)
        : null;
    if (r) {
      method ??=
        'options page (options.html): setInputFiles on #csv-accounts, then its import button; ' +
        'parse + map = store answer to report rendered, write = click to importData answer';
    } else {
      if (!quiet) {
        quiet = await quietPage(app);
        const csv = bundleCsv();
        useCsvModule = Boolean(csv.code);
        method = csv.code
          ? 'the options page could not be driven: utils/page/csv.ts (accountsFromCsv + csvBackup, bundled with esbuild) in an extension page, then importData (merge)'
          : `the options page could not be driven and ${csv.why}: papaparse in an extension page, records built by the bench, then importData (merge)`;
        await quiet.evaluate(csv.code ?? bundlePapaparse());
      }
      r = await csvImportInQuietPage(quiet, text, useCsvModule);
    }
    if (r.accounts !== rows) throw new Error(`CSV import wrote ${r.accounts} of ${rows} accounts`);
    samples.push(r);
  }
  await quiet?.close();
  const inWorker = await handled.collect().catch(() => []);
  const total = samples.map((s) => s.parseMapMs + s.writeMs);
  return {
    ...summary(total),
    parseMapMs: summary(samples.map((s) => s.parseMapMs)),
    importDataMs: summary(samples.map((s) => s.writeMs)),
    // The background's own share of it, when the worker lived through every import.
    ...(inWorker.length === runs ? { importDataInWorkerMs: summary(inWorker) } : {}),
    readStoreMs: summary(samples.map((s) => s.readMs)),
    ...(samples[0].chosenToReportMs !== undefined
      ? { fileChosenToReportMs: summary(samples.map((s) => s.chosenToReportMs)) }
      : {}),
    recordsWritten: samples[0].records,
    rows,
    method,
  };
}
