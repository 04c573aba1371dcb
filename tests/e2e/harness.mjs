/**
 * Real-browser harness: Debian's Chromium (or the browser tests/tools/chromium.mjs finds), headless,
 * with the built extension loaded and Gmail served from the saved fixtures in tests/fixtures/gmail/.
 * No test here touches the network.
 *
 *   const app = await launch();
 *   await app.seed(sampleBackup(Date.now()));
 *   const gmail = await app.openGmail('thread');
 *   await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics');
 *   await app.close();
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium, locateChromium } from '../tools/chromium.mjs';
import {
  ROOT,
  copyWholeBuild,
  isFresh,
  messagesOver,
  recordCspViolations,
} from './harness-common.mjs';

export { ROOT };
export const DIST = path.join(ROOT, '.output', 'chrome-mv3');
export const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'gmail');
export const FIXTURE_DATE = '2026-11-28';
export const RESULTS = path.join(ROOT, 'test-results');

/** tests/tools/chromium.mjs: RAPPORT_CHROMIUM, else the usual install paths, else the PATH. */
export { findChromium };

/** True when .output/chrome-mv3 exists and no source is newer than it. */
export function buildIsFresh() {
  return isFresh(DIST);
}

/**
 * Builds the Chrome MV3 extension once, unless RAPPORT_SKIP_BUILD=1 or the build is fresh
 * (`npm test` has just built it). Returns a word for the log.
 */
export function buildOnce({ log = console.log } = {}) {
  if (process.env.RAPPORT_SKIP_BUILD === '1') return 'skipped (RAPPORT_SKIP_BUILD=1)';
  if (buildIsFresh()) return 'fresh';
  const started = Date.now();
  const result = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npx wxt build failed (exit ${result.status})`);
  log(`built .output/chrome-mv3 in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 'built';
}

/** Copies a complete build from `source` to `dest`, waiting out a build still being written. */
export function copyBuild(source, dest, { timeout = 60_000 } = {}) {
  return copyWholeBuild(source, dest, {
    copy: (from, to) => fs.cpSync(from, to, { recursive: true }),
    buildCommand: 'npx wxt build',
    timeout,
  });
}

/** The saved page and the URL it was saved from (its first comment: `<!-- url: ... -->`). */
export function loadFixture(state, { date = FIXTURE_DATE } = {}) {
  const file = path.join(FIXTURES, `gmail-${date}-${state}.html`);
  if (!fs.existsSync(file)) throw new Error(`No Gmail fixture for "${state}": ${file} is missing`);
  const html = fs.readFileSync(file, 'utf8');
  const url = /<!--\s*url:\s*(\S+)\s*-->/.exec(html)?.[1];
  if (!url || !url.startsWith('https://mail.google.com/')) {
    throw new Error(
      `${path.basename(file)} has no <!-- url: https://mail.google.com/... --> comment`,
    );
  }
  return { file, url, html: withGmailLayout(html) };
}

/**
 * Gmail's stylesheet, which the saved pages do not carry, as stand-ins: its layout (gmail-
 * layout.css: what the geometry tests measure) and its look (the icons and gmail-look*.css: what
 * a person sees, in the demo and the screenshots).
 */
const GMAIL_STYLES = [
  'gmail-layout.css',
  'gmail-icons.css',
  'gmail-look.css',
  'gmail-look-list.css',
  'gmail-look-conversation.css',
]
  .map((name) => fs.readFileSync(path.join(FIXTURES, name), 'utf8'))
  .join('\n');
function withGmailLayout(html) {
  return html.replace('</head>', () => `<style>${GMAIL_STYLES}</style></head>`);
}

/**
 * Gmail's own policy, as the real site sends it (two policies): a nonce-based script-src, and
 * Trusted Types required for every script sink. The extension's UI must work under both.
 */
export const GMAIL_CSP = [
  "script-src 'report-sample' 'nonce-rapport-e2e' 'unsafe-inline' 'unsafe-eval'; object-src 'none'; base-uri 'self'",
  "require-trusted-types-for 'script'",
].join(', ');

/**
 * Launches Chromium with the extension. Each launch gets a fresh profile and its own copy of the
 * build (from RAPPORT_DIST when set, else .output/chrome-mv3), so a rebuild in the working tree
 * cannot pull files from under a running test. `locale` ('ru-RU') makes a browser in that
 * language: `--lang` picks the extension's _locales, Playwright's locale what
 * chrome.i18n.getUILanguage() and Intl report.
 *
 * `app.relaunch()` closes the browser and starts it again on the same profile and the same copy
 * of the extension (so the same extension id and the same IndexedDB): what a person sees after
 * quitting the browser and opening it again.
 */
export async function launch(options = {}) {
  return launchIn(null, options);
}

/** `home`: the folder of a closed app's profile and extension copy, reused; null for a new one. */
async function launchIn(home, options) {
  const {
    headless = true,
    viewport = { width: 1280, height: 800 },
    handleSignals = true,
    // 'ru': the extension's _locales/ru (--lang) and the UI language Intl dates follow (locale).
    lang = null,
    // How nothing leaves the machine. 'intercept': every http(s) request of the context is
    // aborted through Playwright's interception. 'resolver': host names other than localhost do
    // not resolve (Chromium's host resolver rules), and nothing is intercepted: Playwright's
    // interception also holds up each file an extension page loads (its popup painted 10 to 15 ms
    // later), a cost no user pays, so the bench uses this.
    offline = 'intercept',
  } = options;
  const browser = locateChromium();
  const executablePath = browser.path;
  const temp = home ?? fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-e2e-'));
  const dist = path.join(temp, 'extension');
  const profile = path.join(temp, 'profile');
  // Also on Ctrl-C: Playwright kills the browser on exit, then the copy and profile go.
  const removeTemp = () => fs.rmSync(temp, { recursive: true, force: true });
  process.once('exit', removeTemp);
  if (!home) {
    fs.mkdirSync(profile);
    // run.mjs hands the tests one snapshot of the build (RAPPORT_DIST), taken once for the run.
    await copyBuild(process.env.RAPPORT_DIST || DIST, dist);
  }

  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless,
    viewport,
    ...(lang ? { locale: lang === 'ru' ? 'ru-RU' : lang } : {}),
    // false: the caller handles Ctrl-C itself (the demo closes the browser, then exits).
    handleSIGINT: handleSignals,
    handleSIGTERM: handleSignals,
    handleSIGHUP: handleSignals,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${dist}`,
      `--load-extension=${dist}`,
      ...(lang ? [`--lang=${lang}`] : []),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...(offline === 'resolver'
        ? ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1']
        : []),
    ],
  });

  // Nothing leaves the machine: Gmail pages are routed per page below; anything else fails fast.
  if (offline === 'intercept') {
    await context.route(
      (url) => url.protocol === 'http:' || url.protocol === 'https:',
      (route) => route.abort('internetdisconnected'),
    );
  }

  let worker = context.serviceWorkers()[0];
  try {
    worker ??= await context.waitForEvent('serviceworker', { timeout: 15_000 });
  } catch (error) {
    await context.close().catch(() => {});
    // A browser that ignores --load-extension starts fine and simply has no extension.
    throw new Error(
      `${browser.name} (${executablePath}) started without the extension: no service worker in 15 s. ` +
        'A browser that ignores --load-extension (Google Chrome 137 and later; some Microsoft Edge ' +
        'builds) cannot run Rapport unpacked: use Chromium or Chrome for Testing ' +
        `(RAPPORT_CHROMIUM=/path/to/it). (${error.message.split('\n')[0]})`,
    );
  }
  const extensionId = new URL(worker.url()).host;
  const origin = `chrome-extension://${extensionId}`;

  // popup.html is the page meant for this; until it exists any page of the extension's origin
  // has the runtime API (the background script itself, shown as text).
  const messagingPath = fs.existsSync(path.join(dist, 'popup.html'))
    ? 'popup.html'
    : 'background.js';

  let messenger = null;
  let cdp = null;
  const versions = new Map();

  async function openPage(pagePath) {
    const page = await context.newPage();
    await page.goto(`${origin}/${pagePath.replace(/^\//, '')}`);
    return page;
  }

  async function messagingPage() {
    if (!messenger || messenger.isClosed()) messenger = await openPage(messagingPath);
    return messenger;
  }

  /** Sends one message from an extension page; resolves to `{ ok, data } | { ok, error, code }`. */
  async function send(name, request = {}) {
    const page = await messagingPage();
    return page.evaluate((envelope) => chrome.runtime.sendMessage(envelope), {
      rapport: 1,
      name,
      request,
    });
  }

  const { call, seed } = messagesOver(send);

  /**
   * Opens a Gmail fixture in a new tab at its real URL, so the content script's `matches` fire as
   * on mail.google.com. `csp: true` serves it with Gmail's CSP and Trusted Types header; `date`
   * picks a later layout's fixture.
   */
  async function openGmail(state, { csp = false, date } = {}) {
    const { url, html } = loadFixture(state, { date });
    return openHost(url, html, { csp });
  }

  /** Opens `html` at `url` (https://mail.google.com/...) in a new tab. */
  async function openHost(url, html, { csp = false } = {}) {
    const page = await context.newPage();
    if (csp) {
      // Recorded in the page's own world; a violation caused by the content script lands here too.
      await page.addInitScript(recordCspViolations);
    }
    const documentUrl = url.split('#')[0];
    await page.route('https://mail.google.com/**', (route) => {
      const request = route.request();
      if (request.isNavigationRequest() && request.url().split('#')[0] === documentUrl) {
        const headers = csp ? { 'content-security-policy': GMAIL_CSP } : {};
        return route.fulfill({
          status: 200,
          contentType: 'text/html; charset=utf-8',
          headers,
          body: html,
        });
      }
      // Gmail's scripts, images and XHRs are not part of a fixture.
      return route.fulfill({ status: 404, contentType: 'text/plain', body: '' });
    });
    await page.goto(url);
    return page;
  }

  async function devtools() {
    if (cdp) return cdp;
    const page = await messagingPage();
    cdp = await context.newCDPSession(page);
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions: updated }) => {
      for (const v of updated) {
        if (v.scriptURL.startsWith(origin)) versions.set(v.versionId, v);
      }
    });
    await cdp.send('ServiceWorker.enable');
    return cdp;
  }

  /** 'running' | 'stopped' | 'starting' | 'stopping' for the extension's active worker. */
  async function workerStatus() {
    await devtools();
    await waitFor(() => [...versions.values()].some((v) => v.status === 'activated'), {
      message: 'the DevTools protocol never reported the extension service worker',
    });
    return [...versions.values()].find((v) => v.status === 'activated').runningStatus;
  }

  /**
   * Stops the extension's service worker the way Chromium does after 30 s idle: the DevTools
   * protocol's ServiceWorker.stopWorker. Resolves once Chromium reports it stopped; the next
   * message from any page starts a fresh worker (fresh globals, database reopened).
   */
  async function stopWorker() {
    const session = await devtools();
    await workerStatus();
    const active = [...versions.values()].find((v) => v.status === 'activated');
    await session.send('ServiceWorker.stopWorker', { versionId: active.versionId });
    await waitFor(async () => (await workerStatus()) === 'stopped', {
      timeout: 10_000,
      message: 'the service worker did not stop',
    });
  }

  async function close() {
    await context.close().catch(() => {});
    removeTemp();
    process.off('exit', removeTemp);
  }

  /** Quits the browser (the profile is written out and kept), then starts it on that profile. */
  async function relaunch() {
    await context.close();
    process.off('exit', removeTemp);
    return launchIn(temp, options);
  }

  return {
    context,
    extensionId,
    origin,
    worker,
    openPage,
    openGmail,
    openHost,
    send,
    call,
    seed,
    stopWorker,
    workerStatus,
    close,
    relaunch,
  };
}

/** Polls `check` until it returns a truthy value; throws `message` (and the last error) after `timeout`. */
export async function waitFor(
  check,
  { timeout = 10_000, interval = 50, message = 'condition' } = {},
) {
  const deadline = Date.now() + timeout;
  let lastError;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const why = lastError
        ? ` (last error: ${String(lastError.message ?? lastError).split('\n')[0]})`
        : '';
      throw new Error(`Timed out after ${timeout} ms: ${message}${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** The sidebar frame (sidebar.html in the dock's shadow root), as a frame locator. */
export function sidebarFrame(page) {
  return page.frameLocator('rapport-dock iframe');
}

/** A locator for the sidebar, or for one of its test hooks: `sidebar(page, 'account-name')`. */
export function sidebar(page, testId = 'sidebar') {
  return sidebarFrame(page).locator(`[data-testid="${testId}"]`);
}

/**
 * Records the names of the messages a frame sends from now on (it wraps chrome.runtime.sendMessage);
 * gives back a function that reads them.
 */
export async function recordSends(frame) {
  await frame.evaluate(() => {
    const sent = (window.__sent = []);
    const runtime = chrome.runtime;
    const original = runtime.sendMessage;
    runtime.sendMessage = function (...args) {
      sent.push(String(args[0]?.name));
      return original.apply(this, args);
    };
  });
  return () => frame.evaluate(() => [...window.__sent]);
}

/** The sidebar frame as a Playwright Frame, for evaluate(); waits until it has loaded. */
export async function sidebarFrameOf(page, { timeout = 10_000 } = {}) {
  return waitFor(
    async () => {
      const frame = page.frames().find((f) => f.url().endsWith('/sidebar.html'));
      if (!frame) return null;
      return (await frame.locator('[data-testid="sidebar"]').count()) > 0 ? frame : null;
    },
    { timeout, message: 'the sidebar frame never showed the sidebar' },
  );
}

/**
 * Opens the rows of the people named (every person when no name is given): a person is a compact
 * row until opened, and its fields (notes, role, ...) show only then. Returns the last row opened.
 */
export async function openPeople(page, ...names) {
  const rows = sidebar(page, 'person');
  await rows.first().waitFor();
  const wanted = names.length
    ? names.map((name) => rows.filter({ hasText: name }))
    : await rows.all();
  let row = null;
  for (row of wanted) {
    const toggle = row.locator('[data-testid="person-toggle"]');
    // A click while the dock is still settling (a fresh frame resizing) can miss: click again.
    await waitFor(
      async () => {
        if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
        return row.locator('[data-testid="person-notes"]').isVisible();
      },
      { interval: 300, message: 'a person’s row did not open' },
    );
  }
  return row;
}

/** One line describing the sidebar right now, for failure messages. */
export async function describeSidebar(page) {
  const hosts = await page.locator('rapport-dock').count();
  if (hosts === 0) return 'no <rapport-dock> in the page (the content script did not mount)';
  const root = sidebar(page);
  if ((await root.count()) === 0) return 'the sidebar frame has no [data-testid="sidebar"]';
  const state = await root.first().getAttribute('data-state');
  const status = sidebar(page, 'status');
  const statusText = (await status.count()) ? (await status.first().innerText()).trim() : '';
  return `sidebar data-state="${state}"${statusText ? `, status "${statusText.slice(0, 160)}"` : ''}`;
}

/** What an element shows: the value of a form field (a textarea's notes), else its text. */
export function textOf(locator) {
  return locator.evaluate((el) =>
    el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement ? el.value : el.innerText,
  );
}

/**
 * Waits until the first element of `locator` has text matching `expected` (a substring or a
 * RegExp). The failure says what was there instead and what state the sidebar was in.
 */
export async function expectText(locator, expected, { timeout = 10_000, page } = {}) {
  const matches = (text) =>
    expected instanceof RegExp ? expected.test(text) : text.includes(String(expected));
  let last = '(no element)';
  try {
    return await waitFor(
      async () => {
        if ((await locator.count()) === 0) {
          last = '(no element)';
          return false;
        }
        last = (await textOf(locator.first())).trim();
        return matches(last) ? last : false;
      },
      { timeout, message: '' },
    );
  } catch {
    const where = page ? `; ${await describeSidebar(page).catch(() => 'page closed')}` : '';
    throw new Error(
      `Expected ${locator} to show ${expected instanceof RegExp ? expected : JSON.stringify(expected)} ` +
        `within ${timeout} ms, it showed ${JSON.stringify(last.slice(0, 200))}${where}`,
    );
  }
}

/** Waits for the sidebar to reach `state` (data-state), with a useful failure message. */
export async function expectSidebarState(page, state, { timeout = 10_000 } = {}) {
  try {
    await waitFor(
      async () =>
        (await sidebar(page).first().getAttribute('data-state', { timeout: 500 })) === state,
      {
        timeout,
        message: '',
      },
    );
  } catch {
    throw new Error(
      `Expected the sidebar to reach data-state="${state}" within ${timeout} ms; ${await describeSidebar(page)}`,
    );
  }
}

/** The CSP and Trusted Types violations seen so far in a page opened with `csp: true`. */
export async function cspViolations(page) {
  return page.evaluate(() => window.__rapportCspViolations ?? []);
}

/** Saves a screenshot of `page` to test-results/<name>.png and returns the path. */
export async function screenshot(page, name) {
  fs.mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Turns the extension off and on again from chrome://extensions (chrome.management), and waits
 * for the new worker. For a tab that is already open this is what an update or a reload does:
 * the old content script loses its extension context, the sidebar frame is dropped, and no new
 * script is injected. (Here, chrome.runtime.reload() unloads an extension loaded with
 * --load-extension and never loads it again, and developerPrivate.reload() crashes headless
 * Chromium: both were tried.)
 */
export async function reloadExtension(app, { from } = {}) {
  // `from`: a chrome://extensions page opened beforehand, so that the reload takes no focus from
  // the tab under test (opening a page would, and a blur saves what a field holds).
  const page = from ?? (await openExtensionsPage(app));
  try {
    const fresh = app.context.waitForEvent('serviceworker', { timeout: 20_000 });
    await page.evaluate((id) => chrome.management.setEnabled(id, false), app.extensionId);
    await page.evaluate((id) => chrome.management.setEnabled(id, true), app.extensionId);
    const worker = await fresh;
    if (new URL(worker.url()).host !== app.extensionId) throw new Error('the extension id changed');
  } finally {
    if (!from) await page.close();
  }
  await waitFor(async () => (await app.send('listAccounts'))?.ok, {
    timeout: 10_000,
    message: 'the reloaded extension does not answer',
  });
}

/** chrome://extensions, where reloadExtension turns the extension off and on. */
export async function openExtensionsPage(app) {
  const page = await app.context.newPage();
  await page.goto('chrome://extensions/');
  return page;
}
