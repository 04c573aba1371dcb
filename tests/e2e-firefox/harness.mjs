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
 * - The sidebar is an extension page (sidebar.html) in a frame inside `<rapport-dock>`'s shadow
 *   root. Firefox's WebDriver BiDi never reports that frame's navigation, so puppeteer keeps its
 *   URL at about:blank: the harness finds it by asking each child frame for its location, and
 *   polls from Node (puppeteer's own waitForSelector hung now and then on this kind of frame).
 * - Firefox gives an extension page framed into a web page only content-script APIs (no tabs, no
 *   storage.session): read the tab's state through the background, never from the frame.
 * - WebDriver key presses do not reach the browser's shortcut keys: `app.pressCommand(name)` fires
 *   the add-on's own <key> in the browser window (WebDriver BiDi's chrome scope, which
 *   `--remote-allow-system-access` opens), so a manifest command runs as from the keyboard.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { GMAIL_CSP, ROOT, loadFixture, waitFor } from '../e2e/harness.mjs';
import {
  copyWholeBuild,
  findBrowser,
  isFresh,
  messagesOver,
  missingFiles,
  recordCspViolations,
} from '../e2e/harness-common.mjs';

export { GMAIL_CSP, ROOT, loadFixture, waitFor };

export const DIST = path.join(ROOT, '.output', 'firefox-mv3');
export const RESULTS = path.join(ROOT, 'test-results');

/** The moz-extension:// host of the installed add-on, fixed for every run. */
export const EXTENSION_UUID = '5d3a0f6e-8c21-4b7e-9f4a-2e6b1c0d7a93';

/**
 * Builds and copies of .output/ take this lock (`flock`), as every build in a working tree shared
 * with others must: `flock /tmp/rapport-build.lock npx wxt build -b firefox --mv3`. Builds hold it
 * exclusively, copies shared. RAPPORT_BUILD_LOCK names another file; empty turns locking off.
 * Never run the tests themselves under this lock: their own copy would wait for it forever.
 */
export const BUILD_LOCK = process.env.RAPPORT_BUILD_LOCK ?? '/tmp/rapport-build.lock';
/** How long a build or copy waits for another build to finish before it gives up. */
const LOCK_WAIT_S = 600;

let flockAvailable;
function hasFlock() {
  flockAvailable ??= spawnSync('flock', ['--version'], { stdio: 'ignore' }).status === 0;
  return flockAvailable;
}

/**
 * Runs `command` with `args` while holding the build lock (shared, for a copy, or exclusive, for a
 * build); without `flock` on this machine, or with locking turned off, runs it as is.
 */
function underBuildLock(command, args, { shared = false, ...options } = {}) {
  if (!BUILD_LOCK || !hasFlock()) return spawnSync(command, args, options);
  const mode = shared ? ['--shared'] : [];
  const result = spawnSync(
    'flock',
    [...mode, '--wait', String(LOCK_WAIT_S), BUILD_LOCK, command, ...args],
    options,
  );
  if (result.status === 1 && !result.error) {
    // flock's own "timed out" and a failing command both exit 1; the log says which.
    result.lockNote = ` (or ${BUILD_LOCK} was held for more than ${LOCK_WAIT_S} s)`;
  }
  return result;
}

const FIREFOX_MISSING =
  'Firefox not found: install it with `apt-get install -y firefox-esr` or set RAPPORT_FIREFOX=/path/to/firefox';

/** RAPPORT_FIREFOX, /usr/bin/firefox-esr, then `firefox-esr` on the PATH. */
export function findFirefox() {
  return findBrowser({
    label: 'Firefox',
    envNames: ['RAPPORT_FIREFOX'],
    defaultPath: '/usr/bin/firefox-esr',
    command: 'firefox-esr',
    missing: FIREFOX_MISSING,
  });
}

/** True when .output/firefox-mv3 exists and no source is newer than it. */
export function buildIsFresh() {
  return isFresh(DIST);
}

/**
 * Gets a build of the Firefox MV3 extension into `dir/firefox-mv3` for one run, and returns a word
 * for the log. With RAPPORT_SKIP_BUILD=1, or when .output/firefox-mv3 is fresh (`npm test` has just
 * built it), that build is copied. Otherwise WXT builds straight into `dir`, never into .output/:
 * in a working tree shared with others, two builds writing .output/firefox-mv3 at once delete each
 * other's files. The build holds the build lock (WXT also rewrites .wxt/ in the tree), and the
 * copy waits for any build in progress.
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
  const result = underBuildLock(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, RAPPORT_BUILD_OUT: dir },
  });
  if (result.status !== 0) {
    throw new Error(`the Firefox build failed (exit ${result.status})${result.lockNote ?? ''}`);
  }
  const missing = missingFiles(dest);
  if (missing.length > 0) throw new Error(`the Firefox build is missing ${missing.join(', ')}`);
  log(`built firefox-mv3 in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 'built';
}

/** Copies `source` to `dest`; from .output/, under the build lock, so never half a build. */
function copyTree(source, dest) {
  if (path.resolve(source) !== DIST || !BUILD_LOCK || !hasFlock()) {
    fs.cpSync(source, dest, { recursive: true });
    return;
  }
  const result = underBuildLock('cp', ['-R', source, dest], { shared: true, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`cp ${source}: ${(result.stderr ?? '').trim()}${result.lockNote ?? ''}`);
  }
}

/** Copies a complete build from `source` to `dest`, waiting out a build still being written. */
export function copyBuild(source, dest, { timeout = 60_000 } = {}) {
  return copyWholeBuild(source, dest, {
    copy: copyTree,
    buildCommand: 'npm run build:firefox',
    timeout,
  });
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

  const { call, seed } = messagesOver(send);

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
      await page.evaluateOnNewDocument(recordCspViolations);
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

  const commands = JSON.parse(fs.readFileSync(path.join(dist, 'manifest.json'), 'utf8')).commands;

  /**
   * Presses the shortcut of manifest command `name` ('log-follow-up', 'toggle-sidebar') in the
   * browser window whose front tab is `page`, as the user's keyboard would: the add-on's own <key>
   * in that window runs, so the command reaches the background through commands.onCommand.
   * (WebDriver's key presses go to the page only and never reach the browser's shortcut keys.)
   */
  async function pressCommand(page, name) {
    const shortcut = commands?.[name]?.suggested_key?.default;
    if (!shortcut) throw new Error(`the manifest has no shortcut for the command ${name}`);
    const parts = shortcut.split('+');
    const key = parts.pop();
    // ShortcutUtils' names for the manifest's modifiers, as Firefox writes them on the <key>.
    const names = {
      Alt: 'alt',
      Shift: 'shift',
      Ctrl: 'accel',
      Command: 'accel',
      MacCtrl: 'control',
    };
    const modifiers = parts
      .map((m) => names[m] ?? m.toLowerCase())
      .sort()
      .join(',');
    // makeWidgetId: the gecko id, lower case, with anything but letters, digits, - and _ as _.
    const keyset = `ext-keyset-id-${extensionId.toLowerCase().replace(/[^a-z0-9_-]/g, '_')}`;
    const press = (keysetId, keyName, modifierList, url) => {
      if (globalThis.gBrowser?.selectedBrowser?.currentURI?.spec !== url) return 'not here';
      const set = document.getElementById(keysetId);
      if (!set) return `no ${keysetId} in the window`;
      const element = [...set.children].find(
        (k) =>
          k.getAttribute('key')?.toUpperCase() === keyName.toUpperCase() &&
          (k.getAttribute('modifiers') ?? '')
            .split(/[\s,]+/)
            .filter(Boolean)
            .sort()
            .join(',') === modifierList,
      );
      if (!element) return `no <key> for ${modifierList}+${keyName}`;
      element.doCommand();
      return 'pressed';
    };
    const { connection } = browser;
    const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
    const outcomes = [];
    for (const { context } of tree.result.contexts) {
      const args = [keyset, key, modifiers, page.url()].map((a) => JSON.stringify(a)).join(', ');
      const answer = await connection.send('script.evaluate', {
        expression: `(${press.toString()})(${args})`,
        target: { context },
        awaitPromise: false,
      });
      const outcome = answer.result.result?.value ?? JSON.stringify(answer.result);
      if (outcome === 'pressed') return;
      outcomes.push(outcome);
    }
    throw new Error(
      `could not press ${shortcut} for ${name}: ${outcomes.join('; ') || 'no window'}`,
    );
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
    pressCommand,
    close,
  };
}

/** The sidebar frame's page, as the frame's own location shows it. */
export const SIDEBAR_URL = `moz-extension://${EXTENSION_UUID}/sidebar.html`;

/** Resolves to `promise`'s value, or to `fallback` after `ms` (a frame going away may never answer). */
function within(promise, ms, fallback) {
  let timer;
  return Promise.race([
    promise.catch(() => fallback),
    new Promise((resolve) => {
      timer = setTimeout(() => resolve(fallback), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * The sidebar frame of `page` (sidebar.html in <rapport-dock>'s shadow root) as a puppeteer
 * Frame, or null while it has none. Firefox's BiDi leaves an extension frame's URL at about:blank
 * in puppeteer, so each child frame is asked where it is. No waiting: see sidebarFrameOf().
 */
export async function findSidebarFrame(page) {
  const children = page.frames().filter((f) => f !== page.mainFrame() && !f.detached);
  const named = children.find((f) => f.url() === SIDEBAR_URL);
  if (named) return named;
  for (const frame of children) {
    const href = await within(
      frame.evaluate(() => location.href),
      1_000,
      null,
    );
    if (href === SIDEBAR_URL) return frame;
  }
  return null;
}

/** The sidebar frame once it shows the sidebar (its [data-testid="sidebar"]); for evaluate(). */
export async function sidebarFrameOf(page, { timeout = 10_000 } = {}) {
  try {
    return await waitFor(
      async () => {
        const frame = await findSidebarFrame(page);
        if (!frame) return null;
        return (await frame.$('[data-testid="sidebar"]')) ? frame : null;
      },
      { timeout, message: '' },
    );
  } catch {
    const now = await describeSidebar(page).catch(() => 'page closed');
    throw new Error(`the sidebar frame did not show the sidebar within ${timeout} ms; ${now}`);
  }
}

/**
 * The sidebar, or one of its test hooks: `sidebar(page, 'account-name')`, or elements inside a
 * hook: `sidebar(page, 'follow-up', '[name=summary]')`. The selector is looked up inside the
 * sidebar frame, found afresh at each use (the frame reloads when the dock moves).
 */
export function sidebar(page, testId = 'sidebar', inner = '') {
  const label = `[data-testid="${testId}"]${inner ? ` ${inner}` : ''}`;
  return { page, selector: label, label };
}

/** `fn(elements, ...args)` run on the elements matching `target` in the frame; `empty` without one. */
async function onElements(target, empty, fn, ...args) {
  const frame = await findSidebarFrame(target.page);
  if (!frame) return empty;
  return frame.$$eval(target.selector, fn, ...args);
}

/** An element handle for the first element of `target`, or null (for clicks and focus). */
export async function handleOf(target) {
  const frame = await findSidebarFrame(target.page);
  return frame ? frame.$(target.selector) : null;
}

/** Waits for `target` to be there and clicks it as a user would (a real pointer click). */
export async function click(target, { timeout = 10_000 } = {}) {
  const handle = await waitFor(() => handleOf(target), {
    timeout,
    message: `${target.label} is not in the sidebar`,
  });
  try {
    await handle.click();
  } finally {
    await handle.dispose();
  }
}

/**
 * True when some element matching `target` is rendered: it has a box, or (for `display:
 * contents`, which has none of its own) one of its children has.
 */
export function isVisible(target) {
  return onElements(target, false, (elements) => {
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
  return onElements(target, [], (elements) =>
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
  const values = await onElements(
    target,
    [],
    (elements, attribute) => elements.map((el) => el.getAttribute(attribute)),
    name,
  );
  return values[0] ?? null;
}

/**
 * What has keyboard focus in the sidebar frame, as `input[name=summary]` (a field), or
 * `button[data-testid=collapse]`; null when the frame does not have focus at all.
 */
export async function focusedInSidebar(page) {
  const frame = await findSidebarFrame(page);
  if (!frame) return null;
  return frame.evaluate(() => {
    const el = document.activeElement;
    if (!document.hasFocus() || !el || el === document.body) return null;
    const name = el.getAttribute('name');
    const testId = el.getAttribute('data-testid');
    const tag = el.tagName.toLowerCase();
    return name ? `${tag}[name=${name}]` : testId ? `${tag}[data-testid=${testId}]` : tag;
  });
}

/** One line describing the dock and the sidebar right now, for failure messages. */
export async function describeSidebar(page) {
  const hosts = await page.$$eval('rapport-dock', (els) => els.length);
  if (hosts === 0) return 'no <rapport-dock> in the page (the content script did not mount)';
  const frame = await findSidebarFrame(page);
  if (!frame) return `<rapport-dock> has no frame showing ${SIDEBAR_URL}`;
  const root = sidebar(page);
  const state = await attributeOf(root, 'data-state');
  if (state === null) return 'the sidebar frame has no [data-testid="sidebar"]';
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

/**
 * Where the dock is, measured in the page: its parent element, its box, the frame's box, the
 * inline margins on <html>, the window's inner width and the document's client width.
 */
export function dockGeometry(page) {
  return page.evaluate(() => {
    const dock = document.querySelector('rapport-dock');
    if (!dock) return null;
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width };
    };
    const frame = dock.shadowRoot?.querySelector('iframe');
    const root = document.documentElement;
    return {
      parent: dock.parentElement === root ? 'html' : (dock.parentElement?.localName ?? null),
      dock: box(dock),
      frame: frame ? box(frame) : null,
      marginRight: root.style.getPropertyValue('margin-right'),
      marginLeft: root.style.getPropertyValue('margin-left'),
      innerWidth: window.innerWidth,
      clientWidth: root.clientWidth,
    };
  });
}

/** SETTLE_MS of entrypoints/sidebar/visibility.ts, read from the source so the two agree. */
const SETTLE_MS = Number(
  /export const SETTLE_MS = (\d+)/.exec(
    fs.readFileSync(path.join(ROOT, 'entrypoints', 'sidebar', 'visibility.ts'), 'utf8'),
  )?.[1] ?? 500,
);

/**
 * Waits until the sidebar frame would take a click: Firefox has no IntersectionObserver v2, so the
 * frame counts a write only once it has been wholly in the viewport, unchanged, for SETTLE_MS
 * (entrypoints/sidebar/visibility.ts). This watches the same thing with an observer of its own,
 * started after the frame's, so when it is satisfied the frame's is too. A user reading the
 * panel before clicking never notices; a test acting the moment text shows would.
 */
export async function waitUntilSettled(page, { timeout = 10_000 } = {}) {
  // Installed on first use in each document of the frame (it reloads when the dock moves).
  const settled = (settle) => {
    let watch = globalThis.__rapportSettle;
    if (!watch) {
      watch = { visible: false, since: performance.now() };
      globalThis.__rapportSettle = watch;
      new IntersectionObserver(
        (entries) => {
          const entry = entries[entries.length - 1];
          const visible = entry.isIntersecting && entry.intersectionRatio >= 0.99;
          if (visible !== watch.visible) {
            watch.visible = visible;
            watch.since = performance.now();
          }
        },
        { threshold: [0, 0.99, 1] },
      ).observe(document.documentElement);
    }
    return watch.visible && performance.now() - watch.since >= settle;
  };
  await waitFor(
    async () => {
      const frame = await findSidebarFrame(page);
      return frame ? frame.evaluate(settled, SETTLE_MS) : false;
    },
    {
      timeout,
      message: `the sidebar frame was not wholly in view and unchanged for ${SETTLE_MS} ms`,
    },
  );
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
