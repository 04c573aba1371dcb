/**
 * `npm run screenshots`: the README's and the stores' screenshots (1280x800), made from the real
 * extension on the bundled sample data. Writes tests/screenshots/*.png, which are committed.
 *
 * The sidebar docked beside each host, in English and in Russian:
 *   gmail-thread, gmail-split-pane, outlook-message, hubspot-company, salesforce-account,
 *   pipedrive-organization: `<name>-en.png` and `<name>-ru.png`;
 *   gmail-inbox-rail: the rail on the inbox (nothing open; the rail has no words).
 * The README's own: sidebar-unknown-sender (Gmail, English); accounts-portfolio, accounts-table.
 *
 * Host pages are the saved fixtures the browser tests and `npm run demo` use, served the same way
 * (Gmail with its layout and look stand-ins, tests/fixtures/gmail/gmail-*.css), so each picture
 * shows the geometry the tests measure (tests/e2e/dock-geometry.test.mjs) on the sample inbox the
 * demo opens.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { allowHost, openFixture } from '../e2e/crm-helpers.mjs';
import { buildOnce, expectText, launch, ROOT, sidebar, waitFor } from '../e2e/harness.mjs';
import { OWN_DOMAIN, sampleBackup } from '../fixtures/sample-data.mjs';

const OUT = path.join(ROOT, 'tests', 'screenshots');
const VIEWPORT = { width: 1280, height: 800 };

/** The hosts the sidebar docks beside: what to open and whose account it shows. */
const HOSTS = [
  { name: 'gmail-thread', host: 'gmail', state: 'thread', account: 'Northwind Logistics' },
  { name: 'gmail-split-pane', host: 'gmail', state: 'split-pane', account: 'Globex' },
  { name: 'outlook-message', host: 'outlook', state: 'anna', account: 'Northwind Logistics' },
  { name: 'hubspot-company', host: 'hubspot', state: 'company', account: 'Northwind Logistics' },
  { name: 'salesforce-account', host: 'salesforce', state: 'account', account: 'Globex' },
  {
    name: 'pipedrive-organization',
    host: 'pipedrive',
    state: 'organization',
    account: 'Northwind Logistics',
  },
];
const OPTIONAL = ['outlook', 'hubspot', 'salesforce', 'pipedrive'];

/**
 * The harness's browser, in `lang`. Two settings make a Russian browser (as in
 * tests/e2e/i18n-ru.test.mjs): `--lang=ru` picks the extension's _locales/ru, and the context's
 * `locale` is what navigator.language and chrome.i18n.getUILanguage() report (the sidebar's
 * dates). launch() takes neither, so they are added to the one call it makes.
 */
async function launchIn(lang) {
  if (lang === 'en') return launch({ viewport: VIEWPORT });
  const original = chromium.launchPersistentContext;
  chromium.launchPersistentContext = (dir, options) =>
    original.call(chromium, dir, {
      ...options,
      locale: 'ru-RU',
      args: [...options.args, '--lang=ru'],
    });
  try {
    return await launch({ viewport: VIEWPORT });
  } finally {
    chromium.launchPersistentContext = original;
  }
}

async function shoot(page, name) {
  // The frame paints its fonts and the host reflows once the dock is placed; give both a moment.
  await page.waitForTimeout(400);
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`screenshot: ${path.relative(ROOT, file)}`);
}

const open = (app, { host, state }) =>
  host === 'gmail' ? app.openGmail(state) : openFixture(app, host, state);

async function shootHosts(lang) {
  const app = await launchIn(lang);
  try {
    await app.seed(sampleBackup(Date.now()), { ownDomains: [OWN_DOMAIN] });
    for (const host of OPTIONAL) await (await allowHost(app, host)).close();

    for (const target of HOSTS) {
      const page = await open(app, target);
      await expectText(sidebar(page, 'account-name'), target.account, { page });
      await shoot(page, `${target.name}-${lang}`);
      await page.close();
    }

    if (lang !== 'en') return;

    // Nothing open: the inbox starts with the rail (the railWhenNothingOpen setting). The rail
    // has no words, so one language is enough.
    const inbox = await app.openGmail('inbox');
    await waitFor(async () => (await sidebar(inbox).getAttribute('data-collapsed')) === 'true', {
      message: 'the inbox to show the rail',
    });
    await shoot(inbox, 'gmail-inbox-rail');
    await inbox.close();

    // The README's pictures.
    const unknown = await app.openGmail('unknown-sender');
    await expectText(sidebar(unknown, 'create-account'), 'Create account', { page: unknown });
    await shoot(unknown, 'sidebar-unknown-sender');
    await unknown.close();

    for (const [page, name] of [
      ['accounts.html#view=portfolio', 'accounts-portfolio'],
      ['accounts.html#view=table', 'accounts-table'],
    ]) {
      const p = await app.openPage(page);
      await p.waitForTimeout(800);
      await p.screenshot({ path: path.join(OUT, `${name}.png`) });
      console.log(`screenshot: tests/screenshots/${name}.png`);
      await p.close();
    }
  } finally {
    await app.close();
  }
}

fs.mkdirSync(OUT, { recursive: true });
console.log(`build: ${buildOnce()}`);
await shootHosts('en');
await shootHosts('ru');
