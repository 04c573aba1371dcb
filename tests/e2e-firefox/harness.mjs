/**
 * Real-browser harness for Firefox: Debian's firefox-esr, headless, driven by puppeteer-core over
 * WebDriver BiDi, with the Firefox MV3 build installed as a temporary add-on and Gmail served from
 * the saved fixtures in tests/fixtures/gmail/. No test here touches the network.
 *
 *   const app = await launch();
 *   await app.seed(sampleBackup(Date.now()));
 *   const gmail = await app.openGmail('thread');
 *   await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics');
 *   await app.close();
 *
 * What differs from the Chromium harness (tests/e2e/harness.mjs), and why:
 * - Playwright cannot drive a stock Firefox; puppeteer-core 24 can, over WebDriver BiDi.
 * - The extension's moz-extension:// origin is pinned with the `extensions.webextensions.uuids`
 *   pref, so the harness knows it before the add-on is installed. The add-on is installed before
 *   any page opens, so its content script is registered for the first Gmail tab.
 * - Opening a moz-extension:// page needs `--remote-allow-system-access`, and `goto` never resolves
 *   there: it is fired without awaiting, and the page's location is polled instead.
 * - Shadow DOM is reached with `pierce/` selectors, polled from Node: puppeteer's own
 *   waitForSelector('pierce/...') hung now and then.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { GMAIL_CSP, ROOT, loadFixture, waitFor } from '../e2e/harness.mjs';

export { GMAIL_CSP, ROOT, loadFixture, waitFor };

export const DIST = path.join(ROOT, '.output', 'firefox-mv3');
export const RESULTS = path.join(ROOT, 'test-results');

/** The moz-extension:// host of the installed add-on, fixed for every run. */
export const EXTENSION_UUID = '5d3a0f6e-8c21-4b7e-9f4a-2e6b1c0d7a93';

/** What the build reads: when any of these is newer than the manifest, the build is stale. */
const SOURCES = ['entrypoints', 'components', 'utils', 'public', 'wxt.config.ts', 'package.json'];

const FIREFOX_MISSING =
  'Firefox not found: install it with `apt-get install -y firefox-esr` or set RAPPORT_FIREFOX=/path/to/firefox';

function executable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** RAPPORT_FIREFOX, /usr/bin/firefox-esr, then `firefox-esr` on the PATH. */
export function findFirefox() {
  // A path given explicitly is used or refused, never silently replaced by another browser.
  const explicit = process.env.RAPPORT_FIREFOX;
  if (explicit) {
    if (executable(explicit)) return explicit;
    throw new Error(`Firefox not found: RAPPORT_FIREFOX=${explicit} is not an executable file`);
  }
  const candidates = ['/usr/bin/firefox-esr'];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    candidates.push(path.join(dir, 'firefox-esr'));
  }
  const found = candidates.find(executable);
  if (!found) throw new Error(FIREFOX_MISSING);
  return found;
}

function newestMtime(target) {
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) {
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

/** True when .output/firefox-mv3 exists and no source is newer than it. */
export function buildIsFresh() {
  let built;
  try {
    built = fs.statSync(path.join(DIST, 'manifest.json')).mtimeMs;
  } catch {
    return false;
  }
  return SOURCES.every((s) => newestMtime(path.join(ROOT, s)) <= built);
}

/**
 * Gets a build of the Firefox MV3 extension into `dir/firefox-mv3` for one run, and returns a word
 * for the log. With RAPPORT_SKIP_BUILD=1, or when .output/firefox-mv3 is fresh (`npm test` has just
 * built it), that build is copied. Otherwise WXT builds straight into `dir`, never into .output/:
 * in a working tree shared with others, two builds writing .output/firefox-mv3 at once delete each
 * other's files.
 */
export async function buildSnapshot(dir, { log = console.log } = {}) {
  const dest = path.join(dir, 'firefox-mv3');
  if (process.env.RAPPORT_SKIP_BUILD === '1' || buildIsFresh()) {
    await copyBuild(DIST, dest);
    return process.env.RAPPORT_SKIP_BUILD === '1' ? 'skipped (RAPPORT_SKIP_BUILD=1)' : 'fresh';
  }
  const started = Date.now();
  const script =
    "import { build } from 'wxt';" +
    "await build({ browser: 'firefox', manifestVersion: 3, outDir: process.env.RAPPORT_BUILD_OUT });";
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, RAPPORT_BUILD_OUT: dir },
  });
  if (result.status !== 0) throw new Error(`the Firefox build failed (exit ${result.status})`);
  const missing = missingFiles(dest);
  if (missing.length > 0) throw new Error(`the Firefox build is missing ${missing.join(', ')}`);
  log(`built firefox-mv3 in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 'built';
}

/** The files a manifest names (event page, content scripts, pages, icons): all must be present. */
function missingFiles(dir) {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  } catch {
    return ['manifest.json'];
  }
  const named = [
    // Firefox MV3 runs the background as an event page: `background.scripts`, no worker.
    ...(manifest.background?.scripts ?? []),
    manifest.background?.page,
    manifest.action?.default_popup,
    manifest.options_ui?.page,
    ...Object.values(manifest.icons ?? {}),
    ...(manifest.content_scripts ?? []).flatMap((c) => [...(c.js ?? []), ...(c.css ?? [])]),
  ].filter(Boolean);
  // Pages name their hashed chunks: a half-written build has a page without its script.
  for (const page of fs.readdirSync(dir).filter((f) => f.endsWith('.html'))) {
    const html = fs.readFileSync(path.join(dir, page), 'utf8');
    for (const [, ref] of html.matchAll(/(?:src|href)="\/([^"]+)"/g)) named.push(ref);
  }
  return named.filter((file) => !fs.existsSync(path.join(dir, file)));
}

/**
 * Copies a complete build from `source` to `dest`. The working tree is shared, so a build may be
 * running: a copy that misses a file the manifest names is retried until the build is whole.
 */
export async function copyBuild(source, dest, { timeout = 60_000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    fs.rmSync(dest, { recursive: true, force: true });
    let missing;
    try {
      fs.cpSync(source, dest, { recursive: true });
      missing = missingFiles(dest);
    } catch (error) {
      missing = [error.code ?? error.message];
    }
    if (missing.length === 0) return dest;
    if (Date.now() > deadline) {
      throw new Error(
        `No complete build at ${path.relative(ROOT, source) || source} (missing ${missing.join(', ')}): run \`npm run build:firefox\``,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The gecko id the build declares; the uuid pref is keyed by it. */
function geckoId(dist) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, 'manifest.json'), 'utf8'));
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${dist}/manifest.json has no browser_specific_settings.gecko.id`);
  return id;
}

/**
 * Fires a navigation without awaiting it: for moz-extension:// pages puppeteer's `goto` never
 * resolves (and rejects with "Frame detached" when the browser closes). The callers poll instead.
 */
function navigate(page, url) {
  page.goto(url, { timeout: 0 }).catch(() => {});
}

/**
 * Launches Firefox with the extension. Each launch gets a fresh profile (puppeteer's, removed on
 * close) and its own copy of the build (from RAPPORT_FIREFOX_DIST when set, else
 * .output/firefox-mv3), so a rebuild in the working tree cannot pull files from under a test.
 * `prefs` are extra Firefox preferences for this launch.
 */
export async function launch({
  headless = true,
  viewport = { width: 1280, height: 800 },
  prefs = {},
} = {}) {
  const executablePath = findFirefox();
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-e2e-firefox-'));
  const dist = path.join(temp, 'extension');
  const removeTemp = () => fs.rmSync(temp, { recursive: true, force: true });
  process.once('exit', removeTemp);
  // run.mjs hands the tests one snapshot of the build (RAPPORT_FIREFOX_DIST), taken once per run.
  await copyBuild(process.env.RAPPORT_FIREFOX_DIST || DIST, dist);
  const extensionId = geckoId(dist);

  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless,
    defaultViewport: viewport,
    // Without it Firefox refuses to open moz-extension:// pages for the remote agent.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [extensionId]: EXTENSION_UUID }),
      ...prefs,
    },
  });
  let installed;
  try {
    installed = await browser.installExtension(dist);
  } catch (error) {
    await browser.close().catch(() => {});
    removeTemp();
    throw new Error(`Firefox refused the add-on in ${dist}: ${error.message}`);
  }
  if (installed !== extensionId) {
    await browser.close().catch(() => {});
    throw new Error(`installed ${installed}, expected ${extensionId}`);
  }
  const origin = `moz-extension://${EXTENSION_UUID}`;

  let messenger = null;

  /**
   * Opens an extension page (popup.html, options.html, ...) in a new tab, or in a window of its
   * own with `{ window: true }` (as the toolbar popup floats over the page), and waits until its
   * document has loaded. `background: true` leaves the current tab in front.
   */
  async function openPage(pagePath, { window = false, background = false } = {}) {
    const page = await browser.newPage(window ? { type: 'window' } : { background });
    const url = `${origin}/${pagePath.replace(/^\//, '')}`;
    navigate(page, url);
    await waitFor(
      () =>
        page.evaluate(
          (expected) =>
            location.href === expected &&
            document.readyState === 'complete' &&
            typeof globalThis.browser?.runtime?.sendMessage === 'function',
          url,
        ),
      { timeout: 15_000, message: `${url} did not load` },
    );
    return page;
  }

  // The messaging page stays in a background tab, so a Gmail tab opened later is the one in front.
  async function messagingPage() {
    if (!messenger || messenger.isClosed()) {
      messenger = await openPage('popup.html', { background: true });
    }
    return messenger;
  }

  /** Sends one message from an extension page; resolves to `{ ok, data } | { ok, error, code }`. */
  async function send(name, request = {}, page = null) {
    const from = page ?? (await messagingPage());
    return from.evaluate((envelope) => globalThis.browser.runtime.sendMessage(envelope), {
      rapport: 1,
      name,
      request,
    });
  }

  /** Like send(), but throws on `{ ok: false }` and returns the data. */
  async function call(name, request = {}, page = null) {
    const answer = await send(name, request, page);
    if (!answer?.ok) {
      throw new Error(
        `${name} failed: ${answer ? `${answer.code}: ${answer.error}` : 'no answer'}`,
      );
    }
    return answer.data;
  }

  /** Replaces everything stored with `backup`; the user's own domain is brightwave.io. */
  async function seed(backup, { ownDomains = ['brightwave.io'] } = {}) {
    const summary = await call('importData', { backup, mode: 'replace' });
    await call('updateSettings', { ownDomains });
    return summary;
  }

  /** What the add-on may do right now: `browser.permissions.getAll()` from an extension page. */
  async function permissions() {
    const page = await messagingPage();
    return page.evaluate(() => globalThis.browser.permissions.getAll());
  }

  /**
   * True while the event page is loaded. Firefox lists it among the add-on's views
   * (`/_generated_background_page.html`) only while it runs; asking does not wake it.
   */
  async function eventPageRunning() {
    const page = await messagingPage();
    return page.evaluate(() =>
      globalThis.browser.extension
        .getViews()
        .some((view) => view.location.pathname === '/_generated_background_page.html'),
    );
  }

  /**
   * Waits until Firefox has unloaded the idle event page. Launch with a short
   * `extensions.background.idle.timeout` pref (Firefox's default is 30 s).
   */
  async function waitForSuspend({ timeout = 15_000 } = {}) {
    await waitFor(async () => !(await eventPageRunning()), {
      timeout,
      message: 'Firefox never unloaded the idle event page',
    });
  }

  /**
   * Opens a Gmail fixture in a new tab at its real URL, so the content script's `matches` fire as
   * on mail.google.com. `csp: true` serves it with Gmail's CSP and Trusted Types header.
   */
  async function openGmail(state, { csp = false } = {}) {
    const { url, html } = loadFixture(state);
    return openHost(url, html, { csp });
  }

  /** Opens `html` at `url` (https://mail.google.com/...) in a new tab, in front. */
  async function openHost(url, html, { csp = false } = {}) {
    const page = await browser.newPage();
    if (csp) {
      // Recorded in the page's own world; a violation caused by the content script lands here too.
      await page.evaluateOnNewDocument(() => {
        window.__rapportCspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) => {
          window.__rapportCspViolations.push(
            `${e.effectiveDirective}: ${e.sample || e.blockedURI}`,
          );
        });
      });
    }
    const documentUrl = url.split('#')[0];
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const target = request.url();
      if (request.isNavigationRequest() && target.split('#')[0] === documentUrl) {
        const headers = csp ? { 'content-security-policy': GMAIL_CSP } : {};
        return request.respond({
          status: 200,
          contentType: 'text/html; charset=utf-8',
          headers,
          body: html,
        });
      }
      // Gmail's scripts, images and XHRs are not part of a fixture.
      if (target.startsWith('https://mail.google.com/')) {
        return request.respond({ status: 404, contentType: 'text/plain', body: '' });
      }
      // Nothing leaves the machine; data: and the extension's own files load as usual.
      if (/^https?:/.test(target)) return request.abort('internetdisconnected');
      return request.continue();
    });
    await page.goto(url);
    return page;
  }

  async function close() {
    await browser.close().catch(() => {});
    removeTemp();
    process.off('exit', removeTemp);
  }

  return {
    browser,
    extensionId,
    origin,
    openPage,
    openGmail,
    openHost,
    send,
    call,
    seed,
    permissions,
    eventPageRunning,
    waitForSuspend,
    close,
  };
}

/**
 * The sidebar, or one of its test hooks: `sidebar(page, 'account-name')`, or elements inside a
 * hook: `sidebar(page, 'follow-up', '[name=summary]')`. The sidebar lives in an open shadow root
 * (`<rapport-sidebar>`); `pierce/` selectors reach into it.
 */
export function sidebar(page, testId = 'sidebar', inner = '') {
  const label = `[data-testid="${testId}"]${inner ? ` ${inner}` : ''}`;
  return { page, selector: `pierce/${label}`, label };
}

/**
 * True when some element matching `target` is rendered: it has a box, or (for `display:
 * contents`, which has none of its own) one of its children has.
 */
export function isVisible(target) {
  return target.page.$$eval(target.selector, (elements) => {
    const shown = (el) => {
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden') return false;
      if (style.display === 'contents') return [...el.children].some(shown);
      return el.getClientRects().length > 0;
    };
    return elements.some(shown);
  });
}

/** What the elements matching `target` show: a form field's value, else its text. */
export function textsOf(target) {
  return target.page.$$eval(target.selector, (elements) =>
    elements.map((el) =>
      el instanceof HTMLTextAreaElement ||
      el instanceof HTMLInputElement ||
      el instanceof HTMLSelectElement
        ? el.value
        : el.innerText,
    ),
  );
}

/** The value of attribute `name` on the first element matching `target`, or null. */
export async function attributeOf(target, name) {
  const values = await target.page.$$eval(
    target.selector,
    (elements, attribute) => elements.map((el) => el.getAttribute(attribute)),
    name,
  );
  return values[0] ?? null;
}

/** One line describing the sidebar right now, for failure messages. */
export async function describeSidebar(page) {
  const hosts = await page.$$eval('rapport-sidebar', (els) => els.length);
  if (hosts === 0) return 'no <rapport-sidebar> in the page (the content script did not mount)';
  const root = sidebar(page);
  const state = await attributeOf(root, 'data-state');
  if (state === null) return '<rapport-sidebar> has no [data-testid="sidebar"]';
  const [statusText = ''] = await textsOf(sidebar(page, 'status'));
  return `sidebar data-state="${state}"${statusText ? `, status "${statusText.trim().slice(0, 160)}"` : ''}`;
}

/**
 * Waits until the first element of `target` has text matching `expected` (a substring or a
 * RegExp). The failure says what was there instead and what state the sidebar was in.
 */
export async function expectText(target, expected, { timeout = 10_000, page } = {}) {
  const matches = (text) =>
    expected instanceof RegExp ? expected.test(text) : text.includes(String(expected));
  let last = '(no element)';
  try {
    return await waitFor(
      async () => {
        const [first] = await textsOf(target);
        last = first === undefined ? '(no element)' : first.trim();
        return first !== undefined && matches(last) ? last : false;
      },
      { timeout, message: '' },
    );
  } catch {
    const where = page ? `; ${await describeSidebar(page).catch(() => 'page closed')}` : '';
    throw new Error(
      `Expected ${target.label} to show ${expected instanceof RegExp ? expected : JSON.stringify(expected)} ` +
        `within ${timeout} ms, it showed ${JSON.stringify(last.slice(0, 200))}${where}`,
    );
  }
}

/** Waits until some element of `target` shows `expected`; returns all their texts. */
export async function expectSomeText(target, expected, { timeout = 10_000, page } = {}) {
  let last = [];
  try {
    return await waitFor(
      async () => {
        last = (await textsOf(target)).map((t) => t.trim());
        return last.some((t) => t.includes(expected)) ? last : false;
      },
      { timeout, message: '' },
    );
  } catch {
    const where = page ? `; ${await describeSidebar(page).catch(() => 'page closed')}` : '';
    throw new Error(
      `Expected one of ${target.label} to show ${JSON.stringify(expected)} within ${timeout} ms, ` +
        `they showed ${JSON.stringify(last.map((t) => t.slice(0, 80)))}${where}`,
    );
  }
}

/** Waits for the sidebar's attribute `name` (data-state, data-side, ...) to equal `value`. */
export async function expectSidebarAttribute(page, name, value, { timeout = 10_000 } = {}) {
  let last = null;
  try {
    await waitFor(
      async () => {
        last = await attributeOf(sidebar(page), name);
        return last === value;
      },
      { timeout, message: '' },
    );
  } catch {
    throw new Error(
      `Expected the sidebar to reach ${name}="${value}" within ${timeout} ms, it had ` +
        `${last === null ? 'none' : `"${last}"`}; ${await describeSidebar(page).catch(() => 'page closed')}`,
    );
  }
}

/** Waits for the sidebar to reach `state` (data-state), with a useful failure message. */
export function expectSidebarState(page, state, options) {
  return expectSidebarAttribute(page, 'data-state', state, options);
}

/** The CSP and Trusted Types violations seen so far in a page opened with `csp: true`. */
export async function cspViolations(page) {
  return page.evaluate(() => window.__rapportCspViolations ?? []);
}

/**
 * Marks the page's current document; `sameDocument(page, mark)` is false once the page has been
 * reloaded or navigated away, so a test can prove a change arrived without a reload.
 */
export async function markDocument(page) {
  const mark = `rapport-${Math.random().toString(36).slice(2)}`;
  await page.evaluate((value) => {
    window.__rapportDocumentMark = value;
  }, mark);
  return mark;
}

export async function sameDocument(page, mark) {
  return (await page.evaluate(() => window.__rapportDocumentMark ?? null)) === mark;
}

/**
 * Saves a screenshot of `page` to test-results/firefox-<name>.png and returns the path. Never
 * throws: a screenshot is evidence, and must not hide the failure it was taken for.
 */
export async function screenshot(page, name) {
  fs.mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, `firefox-${name}.png`);
  let timer;
  try {
    await Promise.race([
      page.screenshot({ path: file }),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('screenshot timed out')), 5_000);
      }),
    ]);
    return file;
  } catch (error) {
    console.error(`screenshot ${name}: ${error.message}`);
    return null;
  } finally {
    clearTimeout(timer);
  }
}
