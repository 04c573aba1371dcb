/**
 * What Rapport costs inside Gmail: time from a conversation's DOM to the account's name painted in
 * the sidebar frame, the frame's first paint when a tab opens, main-thread time during a storm of
 * unrelated DOM mutations, and JS heap. The last two against the same fixture in a browser
 * without the extension.
 *
 * The sidebar is an extension page in a frame of another origin, so another renderer process:
 * what happens in the page and in the frame is timed on one clock, the high-resolution epoch time
 * performance.timeOrigin + performance.now() of each document, corrected by the measured offset
 * between the two processes' clocks (clockOffset: a tenth of a millisecond here).
 */
import { expectText, loadFixture, sidebar, sidebarFrameOf, waitFor } from '../e2e/harness.mjs';
import {
  clockOffset,
  metricsDelta,
  median,
  openFixture,
  pageMetrics,
  profileSummary,
  round,
  sleep,
  summary,
  withMainThreadCpu,
} from './lib.mjs';

/** The threads navigated between, and the account each one shows first. */
export const THREADS = {
  thread: 'Northwind Logistics',
  'split-pane': 'Globex',
  'internal-cc': 'Globex',
};

/** thread, split-pane, thread, internal-cc, ...: every step changes the account shown. */
function route(count) {
  const others = ['split-pane', 'internal-cc'];
  return Array.from({ length: count }, (_, i) => (i % 2 === 0 ? others[(i / 2) % 2] : 'thread'));
}

/**
 * The bench's probe, installed (page.addInitScript) before any script of the page and of each of
 * its frames, the sidebar frame included. Times are epoch times on the document's own clock.
 * - In the host page: when the `<rapport-dock>` element (the frame inside it) is inserted, seen by
 *   a MutationObserver on <html> in the page's own world (the content script's mutations show
 *   there too), and when the frame element fires `load`.
 * - In the sidebar frame: when its navigation and its document started, DOMContentLoaded, the
 *   first panel ([data-testid="sidebar"]) and the first account name in the DOM and painted, every
 *   storage.session change and every tab-state message reaching it (these listeners are
 *   registered before the frame's own), and every message it sends with the time its answer
 *   arrives (runtime.sendMessage wrapped).
 * Must be self-contained: Playwright sends its source.
 */
export function probe() {
  const now = () => performance.timeOrigin + performance.now();
  // rAF runs just before style, layout and paint; a message posted from it arrives once that
  // frame's main-thread work is done.
  const afterPaint = (then) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => then(now());
      channel.port2.postMessage(0);
    });
  if (location.protocol === 'chrome-extension:') {
    if (location.pathname !== '/sidebar.html') return;
    const t = {
      navigationStart: performance.timeOrigin,
      documentStart: now(),
      changes: [],
      tabStates: [],
      resolvedNews: [],
      messages: [],
    };
    window.__rapportProbe = t;
    document.addEventListener('DOMContentLoaded', () => (t.domContentLoaded = now()), {
      once: true,
    });
    const firsts = new MutationObserver(() => {
      if (!t.panelInDom && document.querySelector('[data-testid="sidebar"]')) {
        t.panelInDom = now();
        afterPaint((at) => (t.panelPainted = at));
      }
      if (!t.accountInDom && document.querySelector('[data-testid="account-name"]')?.textContent) {
        t.accountInDom = now();
        t.firstAccount = document.querySelector('[data-testid="account-name"]').textContent.trim();
        afterPaint((at) => (t.accountPainted = at));
        firsts.disconnect();
      }
    });
    firsts.observe(document, { childList: true, subtree: true, characterData: true });
    chrome.storage.onChanged.addListener((_changes, area) => {
      if (area === 'session') t.changes.push(now());
    });
    // The background sends the tab's new state to the frame, resolved to accounts when it could
    // be; the frame acts on whichever news of a read arrives first.
    chrome.runtime.onMessage.addListener((message) => {
      if (message?.rapport !== 1 || message.event !== 'tabState') return;
      t.tabStates.push(now());
      if (message.resolved) t.resolvedNews.push(now());
    });
    for (const runtime of new Set([globalThis.chrome?.runtime, globalThis.browser?.runtime])) {
      if (!runtime?.sendMessage) continue;
      const original = runtime.sendMessage;
      runtime.sendMessage = function (...args) {
        const entry = { name: String(args[0]?.name), sent: now() };
        t.messages.push(entry);
        const answer = original.apply(this, args);
        const answered = () => (entry.answered = now());
        Promise.resolve(answer).then(answered, answered);
        return answer;
      };
    }
    return;
  }
  const t = {};
  window.__rapportProbe = t;
  const watch = () =>
    new MutationObserver((records, observer) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (node.nodeName !== 'RAPPORT-DOCK' || t.dockInserted) continue;
          t.dockInserted = now();
          node.shadowRoot
            ?.querySelector('iframe')
            ?.addEventListener('load', () => (t.frameLoad = now()), { once: true });
          observer.disconnect();
        }
      }
    }).observe(document.documentElement, { childList: true });
  if (document.documentElement) watch();
  else {
    const wait = new MutationObserver(() => {
      if (!document.documentElement) return;
      wait.disconnect();
      watch();
    });
    wait.observe(document, { childList: true });
  }
}

/**
 * The service worker's "rapport <name>" measures (one per message it answers: from the message
 * reaching its listener to the answer being ready), as epoch times on the worker's clock.
 */
async function workerMeasures(app) {
  const worker = app.context.serviceWorkers().find((w) => w.url().startsWith(app.origin));
  if (!worker) throw new Error('the extension service worker is not running');
  await worker.evaluate(() => {
    globalThis.__rapportBenchHops?.disconnect();
    const seen = (globalThis.__rapportBenchHopsSeen = []);
    globalThis.__rapportBenchHops = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const start = performance.timeOrigin + e.startTime;
        seen.push({ name: e.name.replace(/^rapport /, ''), start, end: start + e.duration });
      }
    });
    globalThis.__rapportBenchHops.observe({ type: 'measure' });
  });
  return {
    worker,
    /** The measures since the last drain. */
    drain: () => worker.evaluate(() => globalThis.__rapportBenchHopsSeen.splice(0)),
    stop: () => worker.evaluate(() => globalThis.__rapportBenchHops?.disconnect()),
  };
}

/**
 * Each hop between two events of a navigation, in order: [name, from, to]. They add up to the
 * total; the worker's own time for reportContext (its measure: the read resolved, sent to the
 * frame, then stored) is reported beside them. The news is the worker's message to the frame
 * carrying the read and its accounts.
 */
const HOPS = [
  ['page: swap -> its next animation frame (the watcher reads in it)', 'start', 'pageFrame'],
  ['X page frame -> report sent', 'pageFrame', 'reportSent'],
  ['X report sent -> in the worker', 'reportSent', 'reportInWorker'],
  ['content script: read -> reportContext in the worker', 'pageFrame', 'reportInWorker'],
  ['worker: reportContext -> the resolved news in the frame', 'reportInWorker', 'newsInFrame'],
  ['frame: news -> account name in the DOM', 'newsInFrame', 'inDom'],
  ['frame: in the DOM -> painted', 'inDom', 'painted'],
];

/**
 * Opens the thread fixture with the sidebar, then swaps the conversation in place as Gmail does:
 * the new URL hash, and the children of `div[role="main"]` replaced by those of another fixture.
 * The clock starts right after the swap (in the page) and stops at the end of the sidebar frame's
 * first frame after the expected account name is in its DOM (a MutationObserver and
 * requestAnimationFrame inside the frame, through Playwright's Frame.evaluate). The probe and the
 * worker's measures say when each hop in between happened. The same frame serves every
 * navigation: its document must never change (one frame per tab, created once).
 */
export async function timeToSidebar(app, { navigations = 50, warmup = 2 } = {}) {
  const page = await openFixture(app.context, 'thread', { init: probe });
  await expectText(sidebar(page, 'account-name'), THREADS.thread, { page, timeout: 20_000 });
  await page.bringToFront();
  const frame = await sidebarFrameOf(page);
  const frameDocument = await frame.evaluate(() => window.__rapportProbe?.navigationStart);
  if (!frameDocument) throw new Error('the probe did not run in the sidebar frame');
  const measures = await workerMeasures(app);

  // Every time below is moved onto the page's clock.
  const pageClock = await clockOffset(page);
  const skew = {
    frame: (await clockOffset(frame)) - pageClock,
    worker: (await clockOffset(measures.worker)) - pageClock,
  };

  const views = Object.fromEntries(
    Object.keys(THREADS).map((state) => {
      const { url, html } = loadFixture(state);
      return [state, { html, hash: new URL(url).hash }];
    }),
  );
  await page.evaluate((views) => {
    const parser = new DOMParser();
    window.__rapportBench = Object.fromEntries(
      Object.entries(views).map(([state, { html, hash }]) => {
        const main = parser.parseFromString(html, 'text/html').querySelector('div[role="main"]');
        if (!main) throw new Error(`${state}: no div[role="main"]`);
        return [state, { main, hash }];
      }),
    );
  }, views);

  const samples = [];
  const steps = route(navigations + warmup);
  for (const [i, state] of steps.entries()) {
    const expected = THREADS[state];
    // Armed in the frame before the swap; resolves once the expected name is painted there.
    await frame.evaluate((expected) => {
      const probe = window.__rapportProbe;
      probe.changes.length = 0;
      probe.tabStates.length = 0;
      probe.resolvedNews.length = 0;
      probe.messages.length = 0;
      const now = () => performance.timeOrigin + performance.now();
      const shown = () =>
        document.querySelector('[data-testid="account-name"]')?.textContent?.trim() === expected;
      window.__rapportBenchShown = new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`"${expected}" did not appear in the sidebar frame within 10 s`));
        }, 10_000);
        const observer = new MutationObserver(() => {
          if (!shown()) return;
          observer.disconnect();
          clearTimeout(timer);
          const inDom = now();
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => resolve({ inDom, painted: now() });
            channel.port2.postMessage(0);
          });
        });
        observer.observe(document, { subtree: true, childList: true, characterData: true });
      });
    }, expected);
    await measures.drain();
    const start = await page.evaluate((state) => {
      const view = window.__rapportBench[state];
      const main = document.querySelector('div[role="main"]');
      if (!main) throw new Error('no conversation view');
      // Cloned before the clock starts: the copy is the page's work, not Rapport's.
      const nodes = [...document.importNode(view.main, true).childNodes];
      location.hash = view.hash;
      main.replaceChildren(...nodes);
      const start = performance.timeOrigin + performance.now();
      // The content script's watcher reads the page in the next animation frame: this one.
      requestAnimationFrame(
        () => (window.__rapportBenchFrame = performance.timeOrigin + performance.now()),
      );
      return start;
    }, state);
    const shown = await frame.evaluate(() => window.__rapportBenchShown);
    if (i < warmup) {
      await sleep(60);
      continue;
    }
    // Let the last answers and observer callbacks land before reading what happened.
    await sleep(60);
    const inFrame = await frame.evaluate(() => {
      const { changes, tabStates, resolvedNews, messages } = window.__rapportProbe;
      return {
        changes: [...changes],
        tabStates: [...tabStates],
        resolvedNews: [...resolvedNews],
        messages: messages.map((m) => ({ ...m })),
      };
    });
    const inWorker = await measures.drain();
    const pageFrame = await page.evaluate(() => window.__rapportBenchFrame);
    const reportSent = await page.evaluate(() => {
      const e = performance.getEntriesByName('rapport-report').at(-1);
      return e ? performance.timeOrigin + e.startTime : undefined;
    });
    const onFrame = (t) => (t === undefined ? undefined : t - skew.frame - start);
    const onWorker = (t) => (t === undefined ? undefined : t - skew.worker - start);
    const report = inWorker.find((m) => m.name === 'reportContext');
    const change = inFrame.changes[0] ?? Infinity;
    const message = inFrame.tabStates[0] ?? Infinity;
    samples.push({
      start: 0,
      pageFrame: pageFrame - start,
      reportSent: reportSent === undefined ? undefined : reportSent - start,
      reportInWorker: onWorker(report?.start),
      reportHandled: onWorker(report?.end),
      newsInFrame: onFrame(inFrame.resolvedNews[0]),
      firstNews: change <= message ? 'storage.session' : 'message',
      inDom: onFrame(shown.inDom),
      painted: onFrame(shown.painted),
      messages: {
        reports: inWorker.filter((m) => m.name === 'reportContext').length,
        resolves: inFrame.messages.filter((m) => m.name === 'resolveContext').length,
        fromFrame: inFrame.messages.map((m) => m.name),
      },
    });
  }
  await measures.stop();

  // One frame per tab, created once: the same document served every navigation.
  const sidebarFrames = page.frames().filter((f) => f.url().endsWith('/sidebar.html')).length;
  const sameDocument =
    (await frame.evaluate(() => window.__rapportProbe?.navigationStart)) === frameDocument;
  await page.close();

  const painted = samples.map((s) => s.painted);
  const hopsMs = Object.fromEntries(
    HOPS.map(([name, from, to]) => {
      const spans = samples
        .filter((s) => s[from] !== undefined && s[to] !== undefined)
        .map((s) => s[to] - s[from]);
      return [name, spans.length ? summary(spans) : null];
    }),
  );
  const counts = (pick) => [...new Set(samples.map(pick))].join(' | ');
  const handled = samples
    .filter((s) => s.reportHandled !== undefined)
    .map((s) => s.reportHandled - s.reportInWorker);
  return {
    ...summary(painted),
    inDomMs: summary(samples.map((s) => s.inDom)),
    navigations: samples.length,
    hopsMs,
    reportContextInWorkerMs: handled.length ? summary(handled) : null,
    tabStateFirstBy: {
      'storage.session': samples.filter((s) => s.firstNews === 'storage.session').length,
      message: samples.filter((s) => s.firstNews === 'message').length,
    },
    messagesPerNavigation: {
      reportContext: counts((s) => s.messages.reports),
      fromFrame: counts((s) => s.messages.fromFrame.join(', ')),
      // The worker sends the frame each read resolved: a resolveContext of the frame's own means
      // it painted from the slower way (the news came without accounts, or not at all).
      navigationsWhereTheFrameResolved: samples.filter((s) => s.messages.resolves > 0).length,
    },
    clockSkewMs: { frame: round(skew.frame, 3), worker: round(skew.worker, 3) },
    sidebarFrames,
    frameReloaded: !sameDocument,
    samples: painted.map((v) => round(v)),
  };
}

/**
 * What the worker's reportContext does with the tab's state (entrypoints/background/tab-state.ts),
 * replayed on a scratch key of storage.session inside the worker: a read, then a write, the
 * median of 15 of each (the write also notifies every extension view listening).
 */
export async function tabStateStepsInWorker(app) {
  const worker = app.context.serviceWorkers().find((w) => w.url().startsWith(app.origin));
  if (!worker) return null;
  return worker.evaluate(async () => {
    const key = 'rapport:bench:tab-state';
    const area = chrome.storage.session;
    const value = (i) => ({
      tabId: -1,
      logRequest: 0,
      read: { status: 'open', key: `thread:${i}`, context: { host: 'gmail', participants: [] } },
    });
    const times = { get: [], set: [] };
    for (let i = 0; i < 16; i++) {
      let t = performance.now();
      await area.get(key);
      times.get.push(performance.now() - t);
      t = performance.now();
      await area.set({ [key]: value(i) });
      times.set.push(performance.now() - t);
    }
    await area.remove(key);
    const median = (list) => [...list.slice(1)].sort((a, b) => a - b)[7];
    return {
      'storage.session get': Math.round(median(times.get) * 100) / 100,
      'storage.session set': Math.round(median(times.set) * 100) / 100,
    };
  });
}

/** The frame's events of a first open, in order: [name, the probe's field]. */
const FIRST_OPEN = [
  ['frame navigation start', 'navigationStart'],
  ['frame document created', 'documentStart'],
  ['frame DOMContentLoaded (its module script ran)', 'domContentLoaded'],
  ['getTabState sent', 'getTabStateSent'],
  ['getTabState answered', 'getTabStateAnswered'],
  ['panel in the DOM', 'panelInDom'],
  ['panel painted', 'panelPainted'],
  ['account name painted', 'accountPainted'],
];

/**
 * The first open of the sidebar in a tab: a new tab on the thread fixture, from the dock being
 * mounted (the `<rapport-dock>` element, the frame inside it, inserted into the page) to the end
 * of the frame's first frame with the panel ([data-testid="sidebar"]) in its DOM. Each run a new
 * tab, after `warmup` runs; the events in between (eventsMs) come from the probe. Playwright
 * attaches to the frame's process as it starts (to reach it at all), which the times include.
 */
export async function sidebarFrameFirstPaint(app, { runs = 10, warmup = 1 } = {}) {
  const samples = [];
  for (let i = 0; i < runs + warmup; i++) {
    const page = await openFixture(app.context, 'thread', { init: probe });
    await page.bringToFront();
    const frame = await sidebarFrameOf(page, { timeout: 20_000 });
    const inFrame = await waitFor(
      () =>
        frame.evaluate(() => {
          const p = window.__rapportProbe;
          return p?.panelPainted && p?.accountPainted ? JSON.parse(JSON.stringify(p)) : null;
        }),
      { timeout: 20_000, message: 'the sidebar frame never painted an account' },
    );
    const inPage = await page.evaluate(() => window.__rapportProbe);
    if (!inPage?.dockInserted) throw new Error('the probe did not see the dock inserted');
    const skew = (await clockOffset(frame)) - (await clockOffset(page));
    await page.close();
    if (i < warmup) continue;
    if (inFrame.firstAccount !== THREADS.thread) {
      throw new Error(`the first account shown was "${inFrame.firstAccount}"`);
    }
    const tab = inFrame.messages.find((m) => m.name === 'getTabState');
    const events = {
      ...inFrame,
      getTabStateSent: tab?.sent,
      getTabStateAnswered: tab?.answered,
    };
    const sample = Object.fromEntries(
      FIRST_OPEN.map(([name, key]) => [
        name,
        events[key] === undefined ? undefined : events[key] - skew - inPage.dockInserted,
      ]),
    );
    sample['frame load event (in the page)'] = inPage.frameLoad - inPage.dockInserted;
    samples.push(sample);
  }
  const panel = samples.map((s) => s['panel painted']);
  const names = Object.keys(samples[0]);
  return {
    ...summary(panel),
    eventsMs: Object.fromEntries(
      names.map((name) => {
        const values = samples.map((s) => s[name]).filter((v) => v !== undefined && !isNaN(v));
        return [name, values.length ? summary(values) : null];
      }),
    ),
    runs: samples.length,
    samples: panel.map((v) => round(v)),
  };
}

/**
 * 5,000 DOM mutations the way a busy Gmail makes them, in bursts of `perFrame` per animation
 * frame: two fifths in the left navigation (unread count, labels added and removed: outside the
 * watcher's root), three fifths in the inbox list kept beside the conversation (row times, rows
 * added and removed, row classes: inside the root, where the watcher must look and find nothing
 * new).
 */
async function storm(page, { mutations, perFrame }) {
  return page.evaluate(
    async ({ mutations, perFrame }) => {
      const nav = document.querySelector('[role="navigation"] .zw .TK');
      const count = document.querySelector('[role="navigation"] .bsU');
      const list = document.querySelector('div.aeF table[role="grid"] tbody');
      if (!nav || !count || !list) throw new Error('the fixture lacks the navigation or list');
      const label = nav.firstElementChild;
      const row = list.firstElementChild;
      const work = [
        (i) => (count.textContent = String(i % 97)),
        (i) => {
          const copy = label.cloneNode(true);
          copy.querySelector('a').textContent = `Label ${i}`;
          nav.append(copy);
          if (nav.children.length > 12) nav.lastElementChild.previousElementSibling.remove();
        },
        (i) => {
          const time = list.children[i % list.children.length].querySelector('.xW span span');
          if (time) time.textContent = `${(i % 12) + 1}:${String(i % 60).padStart(2, '0')} AM`;
        },
        (i) => {
          list.prepend(row.cloneNode(true));
          if (list.children.length > 8) list.lastElementChild.remove();
          list.firstElementChild.id = `:bench-${i}`;
        },
        (i) => list.children[i % list.children.length].classList.toggle('x7'),
      ];
      const start = performance.now();
      for (let done = 0; done < mutations;) {
        for (let k = 0; k < perFrame && done < mutations; k++, done++)
          work[done % work.length](done);
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      // Whatever the mutations scheduled (a read in the next frame) runs before the clock stops.
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)));
      return performance.now() - start;
    },
    { mutations, perFrame },
  );
}

/** `ready` waits for the page to settle; it returns the page's sidebar frame, if it has one. */
async function stormPage(context, ready, perFrame) {
  const page = await openFixture(context, 'thread');
  const frame = await ready(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.bringToFront();
  await storm(page, { mutations: 500, perFrame }); // warm-up: JIT and caches
  return { page, cdp, frames: frame ? [frame] : [], results: [] };
}

async function measureStorm(side, options) {
  await side.page.bringToFront();
  await sleep(200);
  const before = await pageMetrics(side.cdp);
  const {
    result: wallMs,
    cpuMs,
    framesCpuMs,
  } = await withMainThreadCpu(side.page, side.cdp, () => storm(side.page, options), {
    frames: side.frames,
  });
  side.results.push({
    ...metricsDelta(await pageMetrics(side.cdp), before),
    wallMs,
    cpuMs,
    frameCpuMs: framesCpuMs[0],
  });
}

/**
 * Main-thread time over the storm with the extension minus without it: CPU time of the page's
 * renderer main thread in tasks (a trace's thread time), the median of `runs` storms each, taken
 * in turns (with, without, with, ...) so both sides see the same machine. Performance.getMetrics'
 * TaskDuration (wall time, inflated when the machine is busy) is kept beside it, and so is the
 * sidebar frame's own main thread (another process: it never blocks the page's) over the same
 * storms. Then one more storm under the CPU profiler, to say how much of it ran in the content
 * script's code (any frame of its URL on the stack).
 */
export async function mutationStorm(app, plain, { runs = 7, mutations = 5000, perFrame = 100 }) {
  const withExtension = await stormPage(
    app.context,
    async (page) => {
      await expectText(sidebar(page, 'account-name'), THREADS.thread, { page, timeout: 20_000 });
      return sidebarFrameOf(page);
    },
    perFrame,
  );
  const without = await stormPage(plain.context, () => sleep(500).then(() => null), perFrame);
  for (let i = 0; i < runs; i++) {
    await measureStorm(withExtension, { mutations, perFrame });
    await measureStorm(without, { mutations, perFrame });
  }

  const { page, cdp } = withExtension;
  await page.bringToFront();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await storm(page, { mutations, perFrame });
  const { profile } = await cdp.send('Profiler.stop');
  const profiled = profileSummary(profile, { urlPrefix: `${app.origin}/` });
  await withExtension.page.close();
  await without.page.close();
  const pick = (runsOf, key) => runsOf.results.map((r) => r[key]);
  const side = (runsOf) => ({
    mainThreadCpuMs: summary(pick(runsOf, 'cpuMs')),
    taskMs: summary(pick(runsOf, 'taskMs')),
    scriptMs: summary(pick(runsOf, 'scriptMs')),
    layoutMs: summary(pick(runsOf, 'layoutMs')),
    styleMs: summary(pick(runsOf, 'styleMs')),
    wallMs: summary(pick(runsOf, 'wallMs')),
  });
  const diff = (key) => median(pick(withExtension, key)) - median(pick(without, key));
  return {
    value: round(diff('cpuMs')),
    taskDurationMsDifference: round(diff('taskMs')),
    scriptMsDifference: round(diff('scriptMs')),
    contentScriptProfiledMs: profiled.attributedMs,
    contentScriptProfileTop: profiled.topInside.slice(0, 5),
    sidebarFrameCpuMs: summary(pick(withExtension, 'frameCpuMs')),
    withExtension: side(withExtension),
    withoutExtension: side(without),
    mutations,
    perFrame,
    runs,
  };
}

/**
 * The JS heap Rapport adds to a Gmail tab: the thread fixture with the sidebar painted, against
 * the same page without the extension. Runtime.getHeapUsage covers the page's whole V8 isolate,
 * which holds the main world and the content script's isolated world alike, after a forced GC.
 */
export async function sidebarHeap(app, plain, { runs = 3 } = {}) {
  const measure = async (context, ready) => {
    const used = [];
    const nodes = [];
    for (let i = 0; i < runs; i++) {
      const page = await openFixture(context, 'thread');
      await ready(page);
      await sleep(500);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      await cdp.send('HeapProfiler.enable');
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      used.push((await cdp.send('Runtime.getHeapUsage')).usedSize);
      nodes.push((await pageMetrics(cdp)).nodes);
      await cdp.detach();
      await page.close();
    }
    return { usedBytes: median(used), nodes: median(nodes) };
  };
  // One Gmail tab at a time, so no other tab shares the renderer and its heap.
  for (const p of app.context.pages())
    if (p.url().startsWith('https://mail.google.com/')) await p.close();
  const withExtension = await measure(app.context, (page) =>
    expectText(sidebar(page, 'account-name'), THREADS.thread, { page, timeout: 20_000 }),
  );
  const without = await measure(plain.context, () => Promise.resolve());
  return {
    value: withExtension.usedBytes - without.usedBytes,
    withExtensionBytes: withExtension.usedBytes,
    withoutExtensionBytes: without.usedBytes,
    domNodesAdded: withExtension.nodes - without.nodes,
    runs,
  };
}
