// The sidebar on pages laid out differently from the hosts' usual markup, read by the adapters'
// later layers (utils/content/hosts/layers.ts): an Outlook reading pane without persona chips,
// whose quoted body names people of another account; a Pipedrive person in the older detail view;
// and a Pipedrive person nobody can read, which the sidebar names as such, in English and Russian.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { expectSidebarState, expectText, launch, screenshot, sidebar } from './harness.mjs';
import { allowHost, openFixture } from './crm-helpers.mjs';

const LATER = { date: '2026-12-05' };
/** The person page with its name taken away: no layer can read it. */
const NAMELESS = { ...LATER, edit: (html) => html.replace(/<h1[^>]*>Tom Reyes<\/h1>/, '') };

let app;
before(async () => {
  app = await launch();
  await app.seed(sampleBackup(Date.now()));
  for (const host of ['outlook', 'pipedrive']) await (await allowHost(app, host)).close();
});
after(() => app?.close());

const accountNames = (page) => sidebar(page, 'account-name').allTextContents();

test(
  'Outlook without persona chips: the sender from the header, never Globex from the quoted body',
  { timeout: 60_000 },
  async () => {
    const page = await openFixture(app, 'outlook', 'accessible-names', LATER);
    try {
      await expectText(sidebar(page, 'account-name'), 'Northwind Logistics', { page });
      await expectSidebarState(page, 'ready');
      // Hank Scorpio of Globex is quoted in the body: his account must not show.
      assert.deepEqual(await accountNames(page), ['Northwind Logistics']);
    } finally {
      await screenshot(page, 'host-layers-outlook-accessible-names');
      await page.close();
    }
  },
);

test(
  'a Pipedrive person in the older detail view shows the account',
  { timeout: 60_000 },
  async () => {
    const page = await openFixture(app, 'pipedrive', 'person-legacy', LATER);
    try {
      await expectText(sidebar(page, 'account-name'), 'Northwind Logistics', { page });
      await expectSidebarState(page, 'ready');
      assert.deepEqual(await accountNames(page), ['Northwind Logistics']);
    } finally {
      await screenshot(page, 'host-layers-pipedrive-legacy-person');
      await page.close();
    }
  },
);

test(
  'a Pipedrive person nobody can read is named as one, and offers the search',
  { timeout: 60_000 },
  async () => {
    const page = await openFixture(app, 'pipedrive', 'person-legacy', NAMELESS);
    try {
      await expectSidebarState(page, 'unreadable');
      await expectText(sidebar(page, 'status'), 'Rapport could not read this Pipedrive person', {
        page,
      });
      const status = await sidebar(page, 'status').textContent();
      assert.ok(!/email/i.test(status), `the notice speaks of an email: ${status}`);
      assert.ok(await sidebar(page).getByText('Find the account by hand').count());
    } finally {
      await screenshot(page, 'host-layers-pipedrive-unreadable');
      await page.close();
    }
  },
);

test('in Russian, the notice names the Pipedrive person too', { timeout: 90_000 }, async () => {
  const ru = await launch({ lang: 'ru' });
  try {
    await ru.seed(sampleBackup(Date.now()));
    await (await allowHost(ru, 'pipedrive')).close();
    const page = await openFixture(ru, 'pipedrive', 'person-legacy', NAMELESS);
    try {
      await expectSidebarState(page, 'unreadable');
      await expectText(
        sidebar(page, 'status'),
        'Rapport не удалось прочитать карточку контактного лица в Pipedrive',
        { page },
      );
    } finally {
      await screenshot(page, 'host-layers-pipedrive-unreadable-ru');
      await page.close();
    }
  } finally {
    await ru.close();
  }
});

/** A HubSpot contact and a Salesforce opportunity with their record names taken away. */
const UNNAMED = {
  hubspot: {
    state: 'contact',
    edit: (html) => html.replaceAll('data-selenium-test="highlightTitle"', 'data-x="gone"'),
  },
  salesforce: {
    state: 'opportunity',
    edit: (html) => html.replaceAll('slot="primaryField"', 'slot="gone"'),
  },
};
const NOTICE = {
  en: {
    hubspot: 'Rapport could not read this HubSpot contact',
    salesforce: 'Rapport could not read this Salesforce opportunity',
  },
  ru: {
    hubspot: 'Rapport не удалось прочитать карточку контакта в HubSpot',
    salesforce: 'Rapport не удалось прочитать карточку возможности в Salesforce',
  },
};

test(
  'an unreadable HubSpot contact and Salesforce opportunity are named as such, in English and Russian',
  { timeout: 120_000 },
  async () => {
    for (const lang of ['en', 'ru']) {
      const browser = lang === 'en' ? app : await launch({ lang });
      try {
        if (browser !== app) await browser.seed(sampleBackup(Date.now()));
        for (const host of ['hubspot', 'salesforce']) {
          await (await allowHost(browser, host)).close();
          const { state, edit } = UNNAMED[host];
          const page = await openFixture(browser, host, state, { edit });
          try {
            await expectSidebarState(page, 'unreadable');
            await expectText(sidebar(page, 'status'), NOTICE[lang][host], { page });
            const status = await sidebar(page, 'status').textContent();
            assert.ok(!/email|письм/i.test(status), `the notice speaks of an email: ${status}`);
          } finally {
            await screenshot(page, `host-layers-${host}-unreadable-${lang}`);
            await page.close();
          }
        }
      } finally {
        if (browser !== app) await browser.close();
      }
    }
  },
);
