/**
 * What Rapport costs inside Gmail: time from a conversation's DOM to the account's name painted in
 * the sidebar, main-thread time during a storm of unrelated DOM mutations, and JS heap. The last
 * two against the same fixture in a browser without the extension.
 */
import { expectText, loadFixture, sidebar } from '../e2e/harness.mjs';
import {
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
 * Opens the thread fixture with the sidebar, then swaps the conversation in place as Gmail does:
 * the new URL hash, and the children of `div[role="main"]` replaced by those of another fixture.
 * The clock starts right after the swap and stops in the first frame after the expected account
 * name is in the sidebar's shadow root (observed from the page's own world: the root is open).
 */
export async function timeToSidebar(app, { navigations = 50, warmup = 2 } = {}) {
  const page = await app.openGmail('thread');
  await expectText(sidebar(page, 'account-name'), THREADS.thread, { page, timeout: 20_000 });
  await page.bringToFront();
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
    const timing = await page.evaluate(
      ({ state, expected }) => {
        const view = window.__rapportBench[state];
        const main = document.querySelector('div[role="main"]');
        const root = document.querySelector('rapport-sidebar')?.shadowRoot;
        if (!main || !root) throw new Error('no conversation view or no sidebar');
        // Cloned before the clock starts: the copy is the page's work, not Rapport's.
        const nodes = [...document.importNode(view.main, true).childNodes];
        const shown = () =>
          root.querySelector('[data-testid="account-name"]')?.textContent?.trim() === expected;
        return new Promise((resolve, reject) => {
          let start = 0;
          const timer = setTimeout(() => {
            observer.disconnect();
            reject(new Error(`"${expected}" did not appear within 10 s`));
          }, 10_000);
          const done = () => {
            observer.disconnect();
            clearTimeout(timer);
            const inDom = performance.now() - start;
            // The frame that paints it: rAF runs just before style, layout and paint; a message
            // posted from it arrives once that frame's main-thread work is done.
            requestAnimationFrame(() => {
              const channel = new MessageChannel();
              channel.port1.onmessage = () =>
                resolve({ inDom, painted: performance.now() - start });
              channel.port2.postMessage(0);
            });
          };
          const observer = new MutationObserver(() => {
            if (shown()) done();
          });
          observer.observe(root, { subtree: true, childList: true, characterData: true });
          location.hash = view.hash;
          main.replaceChildren(...nodes);
          start = performance.now();
        });
      },
      { state, expected: THREADS[state] },
    );
    if (i >= warmup) samples.push(timing);
    // A reader spends more than a frame on a conversation; let trailing work settle.
    await sleep(60);
  }
  await page.close();
  const painted = samples.map((s) => s.painted);
  return {
    ...summary(painted),
    inDomMs: summary(samples.map((s) => s.inDom)),
    navigations: samples.length,
    samples: painted.map((v) => round(v)),
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

async function stormPage(context, ready, perFrame) {
  const page = await openFixture(context, 'thread');
  await ready(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.bringToFront();
  await storm(page, { mutations: 500, perFrame }); // warm-up: JIT and caches
  return { page, cdp, results: [] };
}

async function measureStorm(side, options) {
  await side.page.bringToFront();
  await sleep(200);
  const before = await pageMetrics(side.cdp);
  const { result: wallMs, cpuMs } = await withMainThreadCpu(side.page, side.cdp, () =>
    storm(side.page, options),
  );
  side.results.push({ ...metricsDelta(await pageMetrics(side.cdp), before), wallMs, cpuMs });
}

/**
 * Main-thread time over the storm with the extension minus without it: CPU time of the page's
 * renderer main thread in tasks (a trace's thread time), the median of `runs` storms each, taken
 * in turns (with, without, with, ...) so both sides see the same machine. Performance.getMetrics'
 * TaskDuration (wall time, inflated when the machine is busy) is kept beside it. Then one more
 * storm under the CPU profiler, to say how much of it ran in the content script's code (any frame
 * of its URL on the stack).
 */
export async function mutationStorm(app, plain, { runs = 7, mutations = 5000, perFrame = 100 }) {
  const withExtension = await stormPage(
    app.context,
    (page) => expectText(sidebar(page, 'account-name'), THREADS.thread, { page, timeout: 20_000 }),
    perFrame,
  );
  const without = await stormPage(plain.context, () => sleep(500), perFrame);
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
