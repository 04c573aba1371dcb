/**
 * Helpers for the browser tests of the optional hosts (Outlook and the CRMs): their fixtures,
 * served at their real URLs; the single-page navigation their apps do; and the user's grant of a
 * host from the popup.
 *
 * How a test gets a host permission. Chromium asks the user before granting an optional host
 * permission, and a headless browser cannot show or accept that prompt: permissions.request
 * from a real click in the popup never settles. CDP's Browser.grantPermissions covers web
 * permissions, not extension hosts. What does work, with the normal build: chrome://extensions
 * (developerPrivate.addHostPermission, what "Site access > On specific sites" does) records the
 * site as allowed by the user; after that the popup's "Allow Rapport on <site>" button, clicked
 * for real, gets `true` from permissions.request without a prompt, and everything after it is the
 * product's own path: permissions.onAdded, the script registered, injected into open tabs.
 * So the manifest the tests load is the one that ships, with only Gmail granted at install.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURE_DATE, ROOT, waitFor } from './harness.mjs';

/**
 * The match patterns each optional host is granted by (utils/contract/host-patterns.ts,
 * HOST_MATCHES; the manifest test pins the same list).
 */
export const HOST_PATTERNS = {
  outlook: [
    'https://outlook.office.com/*',
    'https://outlook.office365.com/*',
    'https://outlook.live.com/*',
    'https://outlook.cloud.microsoft/*',
  ],
  hubspot: ['https://*.hubspot.com/*'],
  salesforce: ['https://*.lightning.force.com/*', 'https://*.my.salesforce.com/*'],
  pipedrive: ['https://*.pipedrive.com/*'],
};

/**
 * A saved page of `host` and the URL it was saved from (its first comment), with the host's
 * layout (tests/fixtures/<host>/<host>-layout.css), which the saved pages do not carry: as
 * harness.mjs does for Gmail, so that geometry in the tests means what it means on the site.
 * `date` picks a later layout's fixture; `edit` changes the saved HTML before it is served.
 */
export function hostFixture(host, state, { date = FIXTURE_DATE, edit = (html) => html } = {}) {
  const file = path.join(ROOT, 'tests', 'fixtures', host, `${host}-${date}-${state}.html`);
  const html = edit(fs.readFileSync(file, 'utf8'));
  const url = /<!--\s*url:\s*(\S+)\s*-->/.exec(html)?.[1];
  assert.ok(url?.startsWith('https://'), `${path.basename(file)} has no <!-- url: ... --> comment`);
  const layout = path.join(ROOT, 'tests', 'fixtures', host, `${host}-layout.css`);
  if (!fs.existsSync(layout)) return { url, html };
  const css = fs.readFileSync(layout, 'utf8');
  return { url, html: html.replace('</head>', () => `<style>${css}</style></head>`) };
}

/**
 * Opens a fixture in a new tab at its real URL, so a registered content script's `matches` fire
 * as on the real site. Everything else the page would load (scripts, images, XHR) gets a 404.
 * `options`: another fixture `date` than the common one, and an `edit` of the page's HTML.
 */
export async function openFixture(app, host, state, options = {}) {
  const { url, html } = hostFixture(host, state, options);
  const page = await app.context.newPage();
  const origin = new URL(url).origin;
  await page.route(`${origin}/**`, (route) => {
    const request = route.request();
    if (request.isNavigationRequest()) {
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    }
    return route.fulfill({ status: 404, contentType: 'text/plain', body: '' });
  });
  await page.goto(url);
  return page;
}

/**
 * The element each app keeps while it swaps what is inside: the page content of HubSpot and
 * Pipedrive, Lightning's centre stage (which holds one page host per open record), Outlook's
 * reading pane.
 */
const APP_CONTENT = {
  hubspot: 'main',
  pipedrive: 'main',
  salesforce: '.oneCenterStage',
  outlook: '#ReadingPaneContainerId',
};

/**
 * What the host apps do to open another record without loading a page: the content inside the
 * app's shell is replaced and the address changes with history.pushState (no popstate, no load).
 * The shell, and Rapport's dock at the end of <html>, stay.
 */
export async function navigateInApp(page, host, state) {
  const { url, html } = hostFixture(host, state);
  const swapped = await page.evaluate(
    ({ url, html, selector }) => {
      const next = new DOMParser().parseFromString(html, 'text/html');
      const from = next.querySelector(selector);
      const into = document.querySelector(selector);
      if (!from || !into) return false;
      into.replaceChildren(...from.childNodes);
      for (const name of from.getAttributeNames()) into.setAttribute(name, from.getAttribute(name));
      document.title = next.title;
      history.pushState({}, '', url);
      return true;
    },
    { url, html, selector: APP_CONTENT[host] },
  );
  assert.ok(swapped, `${host} ${state}: no ${APP_CONTENT[host]} in both pages`);
  assert.equal(page.url(), url);
}

/** The state of one optional host in the popup: its row, and whether it shows as allowed. */
export function siteRow(popup, host) {
  return popup.locator(`[data-testid="site-${host}"]`);
}

/** Opens the popup's list of sites (folded away unless the current page's address is hidden). */
export async function openSites(popup) {
  const list = popup.locator('details.sites-list');
  await list.waitFor();
  if (!(await list.evaluate((d) => d.open))) {
    await popup.locator('[data-testid="sites-summary"]').click();
  }
}

/**
 * The user allows `host`: on chrome://extensions first (see the top of this file), then with the
 * popup's own button. Resolves once the popup shows the host allowed; returns the popup page.
 */
export async function allowHost(app, host, { popup } = {}) {
  const settings = await app.context.newPage();
  try {
    await settings.goto('chrome://extensions/');
    await settings.evaluate(
      async ({ id, patterns }) => {
        for (const pattern of patterns)
          await chrome.developerPrivate.addHostPermission(id, pattern);
      },
      { id: app.extensionId, patterns: HOST_PATTERNS[host] },
    );
  } finally {
    await settings.close();
  }
  popup ??= await app.openPage('popup.html');
  await openSites(popup);
  const row = siteRow(popup, host);
  await row.locator('[data-testid="site-allow"]').click();
  await waitFor(async () => (await row.getAttribute('data-granted')) === 'true', {
    message: `the popup to show ${host} as allowed`,
  });
  return popup;
}

/** True while the extension holds every pattern of `host`. */
export function hasHost(app, host) {
  return app.openPage('popup.html').then(async (page) => {
    try {
      return await page.evaluate(
        (origins) => chrome.permissions.contains({ origins }),
        HOST_PATTERNS[host],
      );
    } finally {
      await page.close();
    }
  });
}

/** The scripts the extension has registered at runtime, by id. */
export async function registeredScripts(app) {
  const page = await app.openPage('popup.html');
  try {
    return await page.evaluate(async () =>
      (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id).sort(),
    );
  } finally {
    await page.close();
  }
}

/** The sample accounts without `accountId` and everything that belongs to it. */
export function without(backup, accountId) {
  const keep = (r) => r.accountId !== accountId;
  return {
    ...backup,
    accounts: backup.accounts.filter((a) => a.id !== accountId),
    people: backup.people.filter(keep),
    activities: backup.activities.filter(keep),
    decisions: backup.decisions.filter(keep),
    stageChanges: backup.stageChanges.filter(keep),
  };
}

/** Marks the page's own window; a reload or a new document drops the mark. */
export const mark = (page) => page.evaluate(() => (window.__rapportTestMark = true));
export const stillMarked = (page) => page.evaluate(() => window.__rapportTestMark === true);

/** What Rapport has put into a page: its dock elements, and the margin it gave <html>. */
export function dockTraces(page) {
  return page.evaluate(() => {
    const style = document.documentElement.style;
    return {
      docks: document.querySelectorAll('rapport-dock').length,
      margin: style.getPropertyValue('margin-right') || style.getPropertyValue('margin-left'),
    };
  });
}

/**
 * Checks that Rapport has nothing in the page: no dock, no margin on <html>. Waits for that (a
 * dock being taken down), then watches for `ms` that none appears (a script that would mount one).
 */
export async function expectNoSidebar(page, ms = 1_500) {
  const clean = ({ docks, margin }) => docks === 0 && margin === '';
  let last;
  await waitFor(async () => clean((last = await dockTraces(page))), {
    message: 'Rapport to leave the page',
  }).catch((error) => {
    throw new Error(`${error.message}: ${JSON.stringify(last)}`);
  });
  const until = Date.now() + ms;
  while (Date.now() < until) {
    last = await dockTraces(page);
    assert.ok(clean(last), `a sidebar appeared: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
