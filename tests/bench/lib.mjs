/**
 * Helpers the benchmark adds to the e2e harness (tests/e2e/harness.mjs, reused as it is): a
 * browser without the extension to compare against, Gmail fixtures served in any context, the
 * DevTools protocol on the service worker, CPU profile summaries, and statistics.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { DIST, copyBuild, findChromium, loadFixture } from '../e2e/harness.mjs';

// ---------------------------------------------------------------------------------------------
// Statistics

export function median(values) {
  return percentile(values, 50);
}

/** Nearest-rank percentile (p95 of 50 samples is the 48th smallest). */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** min, median (p50), p95, max of a series, rounded to 0.1. */
export function summary(values) {
  const r = (v) => Math.round(v * 10) / 10;
  return {
    min: r(Math.min(...values)),
    p50: r(median(values)),
    p95: r(percentile(values, 95)),
    max: r(Math.max(...values)),
    n: values.length,
  };
}

export const round = (v, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// The build under test

const BUILT = [
  'manifest.json',
  'background.js',
  'popup.html',
  'sidebar.html',
  'content-scripts/gmail.js',
];

/**
 * A short hash of the built files the bench measures, or null while a build is incomplete (the
 * working tree is shared: another `wxt build` may be rewriting .output/chrome-mv3 right now).
 * The pages' scripts are named by their content's hash, so a page's HTML changes with its code.
 */
export function buildFingerprint(dir = DIST) {
  const hash = createHash('sha256');
  for (const file of BUILT) {
    try {
      hash.update(fs.readFileSync(path.join(dir, file)));
    } catch {
      return null;
    }
  }
  return hash.digest('hex').slice(0, 12);
}

/** Waits until the build is complete and unchanged for a second; returns its fingerprint. */
export async function settledBuild({ timeout = 60_000 } = {}) {
  const deadline = Date.now() + timeout;
  let last = buildFingerprint();
  for (;;) {
    await sleep(1000);
    const now = buildFingerprint();
    if (now && now === last) return now;
    if (Date.now() > deadline)
      throw new Error('.output/chrome-mv3 did not settle (a build running?)');
    last = now;
  }
}

/**
 * One copy of the build for the whole run, taken once it has settled: every browser the bench
 * launches loads it (the harness's RAPPORT_DIST), and the sizes are read from it, so a build that
 * another process starts in the shared tree meanwhile changes nothing measured. RAPPORT_DIST, when
 * set, names the build to copy instead of .output/chrome-mv3, as for the e2e harness.
 */
export async function snapshotBuild() {
  const source = process.env.RAPPORT_DIST || DIST;
  if (source === DIST) await settledBuild();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-build-'));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const dist = await copyBuild(source, path.join(dir, 'chrome-mv3'));
  const fingerprint = buildFingerprint(dist);
  if (!fingerprint) throw new Error('the copied build is incomplete');
  return { dist, fingerprint };
}

// ---------------------------------------------------------------------------------------------
// A browser without the extension

/** The harness's Chromium flags, minus the extension: the baseline for "what Rapport adds". */
export async function launchPlain({ viewport = { width: 1280, height: 800 } } = {}) {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-plain-'));
  const removeTemp = () => fs.rmSync(temp, { recursive: true, force: true });
  process.once('exit', removeTemp);
  const context = await chromium.launchPersistentContext(temp, {
    executablePath: findChromium(),
    headless: true,
    viewport,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  await context.route(
    (url) => url.protocol === 'http:' || url.protocol === 'https:',
    (route) => route.abort('internetdisconnected'),
  );
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      removeTemp();
      process.off('exit', removeTemp);
    },
  };
}

/**
 * Opens a Gmail fixture at its real URL in `context` (with or without the extension), as the
 * harness's openGmail does: the document from the fixture, every other request a 404. `init`, a
 * function, runs in each of the page's frames (the sidebar frame too) before their own scripts.
 */
export async function openFixture(context, state, { init = null } = {}) {
  const { url, html } = loadFixture(state);
  const page = await context.newPage();
  if (init) await page.addInitScript(init);
  const documentUrl = url.split('#')[0];
  await page.route('https://mail.google.com/**', (route) => {
    const request = route.request();
    if (request.isNavigationRequest() && request.url().split('#')[0] === documentUrl) {
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    }
    return route.fulfill({ status: 404, contentType: 'text/plain', body: '' });
  });
  await page.goto(url);
  return page;
}

// ---------------------------------------------------------------------------------------------
// One clock for several documents

/**
 * How far `target`'s (a Page, Frame or Worker) high-resolution epoch clock,
 * performance.timeOrigin + performance.now(), runs ahead of the system's wall clock, in ms. Each
 * renderer process converts its monotonic clock to epoch time once, so two processes (the host
 * page and the sidebar frame, another origin in another process) may disagree by a little: the
 * difference of their offsets says by how much. Averaged over `ms` of readings, so Date.now()'s
 * whole milliseconds average out (the same +0.5 ms in every target cancels in a difference).
 */
export async function clockOffset(target, { ms = 50 } = {}) {
  return target.evaluate((ms) => {
    let sum = 0;
    let n = 0;
    const end = performance.now() + ms;
    while (performance.now() < end) {
      sum += performance.timeOrigin + performance.now() - Date.now();
      n++;
    }
    return sum / n;
  }, ms);
}

// ---------------------------------------------------------------------------------------------
// The DevTools protocol on the extension's service worker

/**
 * A DevTools session on the extension's service worker, through a page's CDP session (Playwright
 * opens CDP sessions on pages only). Commands travel as Target.sendMessageToTarget.
 */
export async function workerSession(context, page, origin) {
  const cdp = await context.newCDPSession(page);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(origin));
  if (!target) throw new Error('the extension service worker is not running');
  const { sessionId } = await cdp.send('Target.attachToTarget', {
    targetId: target.targetId,
    flatten: false,
  });
  let nextId = 0;
  const pending = new Map();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message);
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(new Error(message.error.message));
    else waiter.resolve(message.result);
  });
  return {
    send(method, params = {}) {
      const id = ++nextId;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        cdp
          .send('Target.sendMessageToTarget', {
            sessionId,
            message: JSON.stringify({ id, method, params }),
          })
          .catch(reject);
      });
    },
    async close() {
      await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {});
      await cdp.detach().catch(() => {});
    },
  };
}

// ---------------------------------------------------------------------------------------------
// CPU profiles

/**
 * Where a CPU profile's time went: self time per function (top `limit`), time with a frame from
 * `urlPrefix` anywhere on the stack, self time of the functions from `urlPrefix`, and idle time.
 */
export function profileSummary(profile, { urlPrefix = null, limit = 8 } = {}) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inside = new Map();
  const isInside = (id) => {
    if (inside.has(id)) return inside.get(id);
    const node = nodes.get(id);
    const own = urlPrefix !== null && node.callFrame.url.startsWith(urlPrefix);
    const result = own || (parent.has(id) ? isInside(parent.get(id)) : false);
    inside.set(id, result);
    return result;
  };
  const self = new Map();
  const selfInside = new Map();
  let total = 0;
  let idle = 0;
  let attributed = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = nodes.get(profile.samples[i]);
    const frame = node.callFrame;
    total += ms;
    if (frame.functionName === '(idle)') idle += ms;
    if (urlPrefix !== null && isInside(node.id)) attributed += ms;
    const file = frame.url ? frame.url.split('/').pop() : '';
    const key = `${frame.functionName || '(anonymous)'}${file ? ` ${file}:${frame.lineNumber + 1}:${frame.columnNumber + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + ms);
    if (urlPrefix !== null && frame.url.startsWith(urlPrefix)) {
      selfInside.set(key, (selfInside.get(key) ?? 0) + ms);
    }
  }
  const ranked = (map) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([fn, ms]) => ({ fn, ms: round(ms) }));
  return {
    totalMs: round(total),
    idleMs: round(idle),
    attributedMs: round(attributed),
    top: ranked(self),
    topInside: ranked(selfInside),
  };
}

/**
 * Runs `work` under a Chromium trace (top-level tasks only) and returns its result with the CPU
 * time (thread time, not wall time: a task descheduled by a busy machine does not count) that the
 * main thread of `page`'s renderer spent in tasks meanwhile. The thread is the one where a
 * performance.mark made in the page lands. `frames` (Playwright Frames in other processes, such as
 * the sidebar frame) get the same count for their own main thread, in `framesCpuMs`.
 */
export async function withMainThreadCpu(page, cdp, work, { frames = [] } = {}) {
  const MARK = 'rapport-bench-trace';
  const events = [];
  const collect = (e) => events.push(...e.value);
  cdp.on('Tracing.dataCollected', collect);
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    traceConfig: {
      includedCategories: ['toplevel', 'blink.user_timing'],
      excludedCategories: ['*'],
    },
    transferMode: 'ReportEvents',
  });
  const targets = [page, ...frames];
  for (const [i, target] of targets.entries()) {
    await target.evaluate((name) => performance.mark(name), `${MARK}-${i}`);
  }
  const result = await work();
  await cdp.send('Tracing.end');
  await complete;
  cdp.off('Tracing.dataCollected', collect);
  const threads = targets.map((_, i) => {
    const mark = events.find((e) => e.name === `${MARK}-${i}`);
    if (!mark)
      throw new Error(`mark ${i} (${i === 0 ? 'the page' : 'a frame'}) is not in the trace`);
    return threadTasks(events.filter((e) => e.pid === mark.pid && e.tid === mark.tid));
  });
  const [own, ...others] = threads;
  // longestMs lets a caller see a task the trace lost (it happens, rarely, to a long one).
  return {
    result,
    cpuMs: own.cpuUs / 1000,
    longestMs: own.longestUs / 1000,
    framesCpuMs: others.map((t) => t.cpuUs / 1000),
  };
}

/** CPU time and the longest wall time of a thread's top-level tasks in a trace. */
function threadTasks(thread) {
  // A task may come as one complete event (X) or as a begin/end pair (B, E).
  const tasks = thread.filter((e) => e.ph === 'X' && e.tdur !== undefined);
  const open = [];
  for (const e of thread.sort((a, b) => a.ts - b.ts)) {
    if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E' && open.length > 0) {
      const begin = open.pop();
      if (begin.tts !== undefined && e.tts !== undefined) {
        tasks.push({ ts: begin.ts, dur: e.ts - begin.ts, tdur: e.tts - begin.tts });
      }
    }
  }
  // Top-level tasks only: an event that starts inside the previous one is nested in it.
  tasks.sort((a, b) => a.ts - b.ts);
  let cpuUs = 0;
  let longestUs = 0;
  let end = -Infinity;
  for (const e of tasks) {
    if (e.ts < end) continue;
    cpuUs += e.tdur;
    longestUs = Math.max(longestUs, e.dur);
    end = e.ts + e.dur;
  }
  return { cpuUs, longestUs };
}

/** Main-thread counters of a page from Performance.getMetrics, durations in ms. */
export async function pageMetrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name) => metrics.find((m) => m.name === name)?.value ?? 0;
  return {
    taskMs: get('TaskDuration') * 1000,
    scriptMs: get('ScriptDuration') * 1000,
    layoutMs: get('LayoutDuration') * 1000,
    styleMs: get('RecalcStyleDuration') * 1000,
    heapUsed: get('JSHeapUsedSize'),
    nodes: get('Nodes'),
  };
}

export function metricsDelta(after, before) {
  return Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - before[k]]));
}
