/**
 * Rapport's Gmail content script beside the two libraries Gmail extensions usually build on:
 * InboxSDK (inboxsdk.js + the pageWorld.js it injects) and gmail.js (with the jQuery it needs).
 * Size: gzip -9, as tests/build/size.test.mjs counts Rapport's. Evaluation: each script set run in
 * a fresh blank page (an empty document at https://mail.google.com/) of the same Chromium, in a
 * profile without the extension; the median of several pages.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../e2e/harness.mjs';
import { round, summary, withMainThreadCpu } from './lib.mjs';
import { gmailContentScriptFiles, gmailContentScriptGzipBytes, gzipBytes } from './size.mjs';

const modules = (...parts) => path.join(ROOT, 'node_modules', ...parts);

export const PEERS = {
  inboxsdk: {
    label: 'InboxSDK',
    files: [
      modules('@inboxsdk', 'core', 'inboxsdk.js'),
      modules('@inboxsdk', 'core', 'pageWorld.js'),
    ],
  },
  gmailjs: {
    label: 'gmail.js + jQuery',
    files: [modules('jquery', 'dist', 'jquery.min.js'), modules('gmail-js', 'src', 'gmail.js')],
  },
};

/** An empty document at Gmail's origin: InboxSDK's pageWorld.js refuses to run anywhere else. */
const BLANK_URL = 'https://mail.google.com/mail/u/0/';
const BLANK_HTML = '<!doctype html><html><head><title>blank</title></head><body></body></html>';

/**
 * Evaluates `sources` as classic scripts in a fresh blank page, in order: the time from inserting
 * the first to the last one returning, by the page's clock (wall) and as the main thread's CPU
 * time in that task (a trace's thread time: what a busy machine does not inflate). An inline
 * script runs synchronously on insertion, and an exception it throws goes to window.onerror, so
 * "until the throw" is what a script that needs extension APIs gets. A unique comment defeats
 * V8's compilation cache.
 */
async function evaluateOnce(context, sources, { stubChrome }, run) {
  const page = await context.newPage();
  await page.route(BLANK_URL, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: BLANK_HTML }),
  );
  await page.goto(BLANK_URL);
  const cdp = await context.newCDPSession(page);
  try {
    await page.evaluate(
      ({ sources, run }) => {
        window.__rapportSources = sources.map((source) => `${source}\n//# bench run ${run}`);
      },
      { sources, run },
    );
    const { result, cpuMs, longestMs } = await withMainThreadCpu(page, cdp, () =>
      page.evaluate((stubChrome) => {
        const errors = [];
        window.addEventListener('error', (e) => errors.push(String(e.message).slice(0, 120)));
        // Just enough for the "am I in an extension?" check (utils/shared/ext.ts); nothing else.
        if (stubChrome) window.chrome = { runtime: { id: 'rapport-bench' } };
        // What inboxsdk.js sets before it injects pageWorld.js (pageWorld.js checks it).
        document.head.setAttribute('data-inboxsdk-script-injected', 'true');
        const start = performance.now();
        for (const source of window.__rapportSources) {
          const script = document.createElement('script');
          script.textContent = source;
          document.head.append(script);
        }
        return { ms: performance.now() - start, errors };
      }, stubChrome),
    );
    return { ...result, cpuMs, longestMs };
  } finally {
    await cdp.detach().catch(() => {});
    await page.close();
  }
}

async function evaluationTimes(context, sources, { runs, stubChrome = false }) {
  await evaluateOnce(context, sources, { stubChrome }, -1); // warm the browser, not the script
  const samples = [];
  for (let i = 0; i < runs; i++) {
    let sample = await evaluateOnce(context, sources, { stubChrome }, i);
    // The trace lost the evaluating task (no task as long as the evaluation): measure again.
    for (let retry = 1; retry <= 2 && sample.longestMs < 0.9 * sample.ms; retry++) {
      sample = await evaluateOnce(context, sources, { stubChrome }, i + retry * 1000);
    }
    samples.push(sample);
  }
  return {
    ...summary(samples.map((s) => s.ms)),
    cpuMs: summary(samples.map((s) => s.cpuMs)),
    errors: samples.at(-1).errors,
  };
}

/**
 * Sizes, evaluation times and ratios (peer / Rapport). `context`: a browser without Rapport;
 * `dist`: the build measured.
 */
export async function peers(context, dist, { runs = 7 } = {}) {
  const scripts = gmailContentScriptFiles(dist).filter((f) => f.endsWith('.js'));
  const rapportSource = scripts.map((f) => fs.readFileSync(path.join(dist, f), 'utf8')).join('\n');
  const rapport = {
    gzipBytes: gmailContentScriptGzipBytes(dist),
    evalMs: await evaluationTimes(context, [rapportSource], { runs, stubChrome: true }),
    evalMsNoStub: await evaluationTimes(context, [rapportSource], { runs }),
  };
  const out = {
    rapport: {
      ...rapport,
      how:
        `${scripts.join(' + ')} with window.chrome = { runtime: { id } } stubbed so the script ` +
        'evaluates and starts (it stops at its first storage read, which the stub lacks; ' +
        'evalMsNoStub: without the stub, until the first extension API it touches throws)',
    },
  };
  for (const [key, peer] of Object.entries(PEERS)) {
    const sources = peer.files.map((f) => fs.readFileSync(f, 'utf8'));
    const bytes = peer.files.reduce((n, f) => n + gzipBytes(f), 0);
    const evalMs = await evaluationTimes(context, sources, { runs });
    out[key] = {
      label: peer.label,
      files: peer.files.map((f) => path.relative(ROOT, f)),
      gzipBytes: bytes,
      evalMs,
      sizeRatio: round(bytes / rapport.gzipBytes, 1),
      evalRatio: round(evalMs.p50 / rapport.evalMs.p50, 1),
      evalCpuRatio: round(evalMs.cpuMs.p50 / rapport.evalMs.cpuMs.p50, 1),
    };
  }
  return out;
}
