/**
 * Helpers for the reliability and security checks (tests/e2e/reliability-*.test.mjs and
 * hostile-page.test.mjs), on top of harness.mjs: what a page did that it should not have (errors,
 * dialogs, a canary), what the sidebar frame shows and what the host page can see of it, messages
 * sent as the sidebar frame, hostile fixtures, a fast worker kill, and a direct read of the store
 * for invariants that the message API cannot see (the trash, applied operation ids).
 */
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES, ROOT, loadFixture, sidebarFrameOf, waitFor } from './harness.mjs';

export const HOSTILE = path.join(ROOT, 'tests', 'fixtures', 'hostile');

/** The global a payload sets when it runs: `window[CANARY]` stays undefined unless one did. */
export const CANARY = '__rapportPwned';

/** The text of a file in tests/fixtures/hostile/. */
export function hostileFile(name) {
  return fs.readFileSync(path.join(HOSTILE, name), 'utf8');
}

/** A Gmail fixture's html with `css` appended in a <style> at the end of its <head>. */
export function withStyle(html, css) {
  if (!html.includes('</head>')) throw new Error('fixture has no </head>');
  return html.replace('</head>', `<style id="hostile">${css}</style></head>`);
}

/** A Gmail fixture (by state) with `css` added, at the fixture's own URL. */
export function gmailWithStyle(state, css) {
  const { url, html } = loadFixture(state);
  return { url, html: withStyle(html, css) };
}

/**
 * Records what a page does that a test must see: uncaught errors (any world), console errors,
 * and dialogs (alert/confirm/prompt), which are dismissed so nothing blocks.
 */
export function watchPage(page) {
  const seen = { pageErrors: [], consoleErrors: [], dialogs: [] };
  page.on('pageerror', (error) => seen.pageErrors.push(String(error.message ?? error)));
  page.on('console', (message) => {
    if (message.type() === 'error') seen.consoleErrors.push(message.text());
  });
  page.on('dialog', (dialog) => {
    seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => {});
  });
  return seen;
}

/**
 * The canary where an injected inline handler would run: the page's main world, else the sidebar
 * frame (when it has loaded). Null when no payload ran in either.
 */
export async function canary(page) {
  const inPage = await page.evaluate((name) => window[name] ?? null, CANARY);
  if (inPage !== null) return `page: ${inPage}`;
  const frame = page.frames().find((f) => f.url().endsWith('/sidebar.html'));
  const inFrame = frame ? await frame.evaluate((name) => window[name] ?? null, CANARY) : null;
  return inFrame === null ? null : `frame: ${inFrame}`;
}

/**
 * What the sidebar shows: every element's tag, the attributes that could run script, every link,
 * and every button's label, inside the sidebar frame's #app (the panel; the page's own <head>
 * holds its script and stylesheet). Read in the frame, which only the test can reach.
 */
export async function frameInventory(page) {
  const frame = await sidebarFrameOf(page);
  return frame.evaluate(() => {
    const root = document.getElementById('app');
    if (!root) return null;
    const all = [...root.querySelectorAll('*')];
    return {
      tags: [...new Set(all.map((el) => el.localName))].sort(),
      handlerAttributes: all.flatMap((el) =>
        [...el.attributes]
          .filter((a) => /^on/i.test(a.name) || /^\s*javascript:/i.test(a.value))
          .map((a) => `${el.localName}[${a.name}=${a.value.slice(0, 60)}]`),
      ),
      links: all.filter((el) => el.localName === 'a').map((a) => a.getAttribute('href')),
      buttons: all
        .filter((el) => el.localName === 'button' || el.getAttribute('role') === 'button')
        .map((b) =>
          [b.textContent, b.getAttribute('aria-label'), b.getAttribute('title')]
            .filter(Boolean)
            .join(' | ')
            .trim(),
        ),
      text: root.textContent ?? '',
    };
  });
}

/**
 * Everything the host page's own script can see of Rapport, read in the page's main world (where
 * `page.evaluate` runs): the dock element, its open shadow root, the frame element and what
 * reaching into it gives, and the text of the whole page, shadow roots included.
 */
export function pageView(page) {
  return page.evaluate(() => {
    const docks = [...document.querySelectorAll('rapport-dock')];
    const dock = docks[0];
    const root = dock?.shadowRoot;
    const frame = root?.querySelector('iframe');
    const attempt = (fn) => {
      try {
        const value = fn();
        return value === null || value === undefined ? String(value) : `reached: ${typeof value}`;
      } catch (error) {
        return `threw ${error.name}`;
      }
    };
    const texts = [document.documentElement.innerText];
    for (const el of document.querySelectorAll('*')) {
      if (el.shadowRoot) texts.push(el.shadowRoot.textContent ?? '');
    }
    return {
      docks: docks.length,
      shadowChildren: root ? [...root.children].map((el) => el.localName) : null,
      shadowText: root?.textContent ?? null,
      frameSrc: frame?.getAttribute('src') ?? null,
      contentDocument: frame ? attempt(() => frame.contentDocument) : 'no frame',
      frameDocument: frame ? attempt(() => frame.contentWindow.document) : 'no frame',
      frameBody: frame ? attempt(() => frame.contentWindow.document.body.innerText) : 'no frame',
      frameLocation: frame ? attempt(() => frame.contentWindow.location.href) : 'no frame',
      windowFrames: window.length,
      pageText: texts.join('\n'),
    };
  });
}

/**
 * Resolves once the browser reports the sidebar frame in full view (IntersectionObserver v2, as
 * the frame's own check uses): until its first report the frame refuses writes, and after a
 * reload that report can come a second after the panel has painted.
 */
export async function frameSeen(page, { timeout = 10_000 } = {}) {
  const frame = await sidebarFrameOf(page);
  const seen = await frame.evaluate(
    (ms) =>
      new Promise((resolve) => {
        const io = new IntersectionObserver(
          (entries) => {
            if (entries.some((e) => e.isIntersecting && e.isVisible)) {
              io.disconnect();
              resolve(true);
            }
          },
          { threshold: [0, 1], trackVisibility: true, delay: 100 },
        );
        io.observe(document.documentElement);
        setTimeout(() => resolve(false), ms);
      }),
    timeout,
  );
  if (!seen)
    throw new Error(`the sidebar frame was not reported in full view within ${timeout} ms`);
}

/** The store as exportData gives it, without the export's own time: for "nothing changed". */
export async function storeState(app) {
  const { exportedAt: _exportedAt, ...rest } = await app.call('exportData');
  // A thread the user opens notes when its people were last seen (sightings.ts): that follows the
  // page shown, at most once a day per person, and is not what a refused write could store.
  for (const person of rest.people) delete person.lastSeenAt;
  return rest;
}

/**
 * Sends `request` as message `name` from the sidebar frame itself (its own chrome.runtime), as a
 * framed sidebar.html would: the background sees the sidebar frame as the sender.
 */
export async function sendFromFrame(page, name, request = {}) {
  const frame = await sidebarFrameOf(page);
  return frame.evaluate((envelope) => chrome.runtime.sendMessage(envelope), {
    rapport: 1,
    name,
    request,
  });
}

/**
 * A faster ServiceWorker.stopWorker than harness.stopWorker: one DevTools session kept open on an
 * extension page, the active version remembered, so a kill lands within a millisecond or two of
 * the moment the test picks.
 */
export async function workerKiller(app) {
  const page = await app.openPage('popup.html');
  const session = await app.context.newCDPSession(page);
  const versions = new Map();
  // Every status seen, in order: a worker stopped with messages pending starts again at once,
  // so the latest status alone may never show the stop.
  const log = [];
  session.on('ServiceWorker.workerVersionUpdated', ({ versions: updated }) => {
    for (const v of updated) {
      if (!v.scriptURL.startsWith(app.origin)) continue;
      versions.set(v.versionId, v);
      log.push(v.runningStatus);
    }
  });
  await session.send('ServiceWorker.enable');
  const active = () => [...versions.values()].find((v) => v.status === 'activated');
  await waitFor(() => active(), { message: 'no activated extension service worker' });
  return {
    page,
    status: () => active()?.runningStatus,
    /** Stops the worker now; resolves once Chromium reports it stopped. */
    async kill() {
      const from = log.length;
      await session.send('ServiceWorker.stopWorker', { versionId: active().versionId });
      await waitFor(() => log.slice(from).includes('stopped'), {
        timeout: 10_000,
        interval: 5,
        message: 'the service worker did not stop',
      });
    },
    close: () => page.close().catch(() => {}),
  };
}

/**
 * Every record of every store, read directly from IndexedDB in one read-only transaction, from
 * an extension page (same origin as the worker). Tests only read; the background stays the only
 * writer.
 */
export async function readStore(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('rapport');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names, 'readonly');
          const out = {};
          for (const name of names) {
            const request = tx.objectStore(name).getAll();
            request.onsuccess = () => (out[name] = request.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** A bare Account record for a backup. */
export function accountRecord(id, name, patch = {}) {
  return {
    id,
    name,
    domains: [],
    stage: 'tactical',
    potential: 'medium',
    profile: { goals: '', painPoints: '', opportunities: '' },
    nextAction: null,
    cadenceDays: null,
    crmRefs: [],
    createdAt: 1,
    updatedAt: 1,
    revision: 1,
    ...patch,
  };
}

/** A bare Person record for a backup. */
export function personRecord(id, accountId, name, patch = {}) {
  return {
    id,
    accountId,
    name,
    emails: [],
    title: '',
    role: 'unknown',
    influence: 3,
    attitude: 'neutral',
    notes: '',
    lastContactAt: null,
    ...patch,
  };
}

/** A backup with these records and nothing else. */
export function backupOf(records) {
  return {
    format: 'rapport-backup',
    schemaVersion: 1,
    exportedAt: Date.now(),
    accounts: [],
    people: [],
    activities: [],
    decisions: [],
    stageChanges: [],
    ...records,
  };
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A saved page from tests/fixtures/hostile/ and the URL its first comment names. A saved Gmail
 * page (gmail-*.html) gets Gmail's layout, as harness.loadFixture gives the pages of
 * tests/fixtures/gmail/: without it Gmail's side panel, where the sidebar docks, has no place.
 */
export function hostileFixture(name) {
  let html = hostileFile(name);
  const url = /<!--\s*url:\s*(\S+)\s*-->/.exec(html)?.[1];
  if (!url) throw new Error(`${name} has no <!-- url: ... --> comment`);
  if (name.startsWith('gmail-')) {
    const layout = fs.readFileSync(path.join(FIXTURES, 'gmail-layout.css'), 'utf8');
    html = html.replace('</head>', () => `<style>${layout}</style></head>`);
  }
  return { url, html };
}

/**
 * Chooses `value` in a <select> with the keyboard, as a user does: trusted input and change
 * events. (Playwright's selectOption dispatches synthetic ones, which a sidebar that ignores
 * untrusted events, as it should against host-page scripts, would rightly drop.)
 */
export async function pickOption(select, value) {
  const { from, to } = await select.evaluate(
    (el, v) => ({ from: el.selectedIndex, to: [...el.options].findIndex((o) => o.value === v) }),
    value,
  );
  if (to < 0) throw new Error(`no option "${value}"`);
  await select.focus();
  // One option per key press; a select disabled while its save runs takes no key, so wait.
  for (let i = from; i !== to; i += Math.sign(to - from)) {
    await waitFor(() => select.evaluate((el) => !el.disabled), {
      message: 'select stays disabled',
    });
    await select.press(to > from ? 'ArrowDown' : 'ArrowUp');
  }
}

/** The option next to the selected one (the one after, or before at the end): one key press. */
export function nextOption(select) {
  return select.evaluate((el) => {
    const i = el.selectedIndex;
    return el.options[i + 1 < el.options.length ? i + 1 : i - 1].value;
  });
}

/**
 * Runs a function in the content script's own isolated world of `page` (the extension's world
 * that the page cannot see), through the DevTools protocol: the powers of a compromised content
 * script, or of a renderer that has taken over the page's process.
 */
export async function contentScriptWorld(app, page) {
  const cdp = await app.context.newCDPSession(page);
  const contexts = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const world = await waitFor(
    () =>
      contexts.find(
        (c) =>
          c.auxData?.type === 'isolated' &&
          c.auxData.frameId === frameTree.frame.id &&
          c.origin === app.origin,
      ),
    { message: "the content script's world was not found" },
  );
  return async (fn, arg) => {
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      contextId: world.id,
      expression: `(${fn})(${JSON.stringify(arg)})`,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description);
    return result.value;
  };
}
