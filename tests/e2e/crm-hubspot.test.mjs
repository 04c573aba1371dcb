// The sidebar in HubSpot, once the user allowed it: a record of a known account shows the account
// and is linked to it; HubSpot's in-app navigation switches the sidebar; an unknown company record
// becomes an account in one click, and Gmail then offers "Open in HubSpot" on its threads.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import {
  expectSidebarState,
  expectText,
  launch,
  screenshot,
  sidebar,
  waitFor,
} from './harness.mjs';
import { allowHost, hostFixture, navigateInApp, openFixture, without } from './crm-helpers.mjs';

const COMPANY = hostFixture('hubspot', 'company');
const COMPANY_REF = {
  system: 'hubspot',
  recordType: 'company',
  recordId: '18346251907',
  url: 'https://app-eu1.hubspot.com/contacts/26491733/record/0-2/18346251907',
};

let app;
before(async () => {
  app = await launch();
  await app.seed(sampleBackup(Date.now()));
  const popup = await allowHost(app, 'hubspot');
  await popup.close();
});
after(() => app?.close());

const refsOf = async (id) => (await app.call('getAccount', { id })).account.crmRefs;

test(
  'a company record of a known account shows the account and links the record to it',
  { timeout: 60_000 },
  async () => {
    const page = await openFixture(app, 'hubspot', 'company');
    try {
      await expectText(sidebar(page, 'account-name'), 'Northwind Logistics', { page });
      await expectText(sidebar(page, 'stage-current'), 'Cooperative', { page });
      // Found by its domain and people; linked once, so the next visit is a direct match.
      await waitFor(async () => (await refsOf('acc-northwind')).length === 1, {
        message: 'the record to be linked to Northwind',
      });
      assert.deepEqual(await refsOf('acc-northwind'), [COMPANY_REF]);
      // The record open on the page needs no link to itself.
      assert.equal(await sidebar(page, 'open-in-crm').count(), 0);
    } finally {
      await screenshot(page, 'crm-hubspot-company');
      await page.close();
    }
  },
);

test('HubSpot’s in-app navigation switches the sidebar', { timeout: 60_000 }, async () => {
  const page = await openFixture(app, 'hubspot', 'company');
  try {
    await expectText(sidebar(page, 'account-name'), 'Northwind Logistics', { page });
    await navigateInApp(page, 'hubspot', 'legacy-company');
    await expectText(sidebar(page, 'account-name'), 'Globex', { page });
    await screenshot(page, 'crm-hubspot-navigated');
    await navigateInApp(page, 'hubspot', 'list');
    await expectSidebarState(page, 'none');
    await navigateInApp(page, 'hubspot', 'contact');
    await expectText(sidebar(page, 'account-name'), 'Northwind Logistics', { page });
  } finally {
    await page.close();
  }
});

test(
  'an unknown company record becomes an account in one click; Gmail then offers Open in HubSpot',
  { timeout: 60_000 },
  async () => {
    await app.seed(without(sampleBackup(Date.now()), 'acc-northwind'));
    const page = await openFixture(app, 'hubspot', 'company');
    try {
      await expectText(sidebar(page, 'record-name'), 'Northwind Logistics', { page });
      await screenshot(page, 'crm-hubspot-unknown');
      await sidebar(page, 'create-from-record').click();
      await expectText(sidebar(page, 'account-name'), 'Northwind Logistics', { page });
      await screenshot(page, 'crm-hubspot-created');
    } finally {
      await page.close();
    }

    const created = (await app.call('listAccounts')).find((a) => a.name === 'Northwind Logistics');
    assert.ok(created, 'no account was created');
    const view = await app.call('getAccount', { id: created.id });
    assert.deepEqual(view.account.domains, ['northwind.co.uk']);
    assert.deepEqual(view.account.crmRefs, [COMPANY_REF]);
    assert.deepEqual(view.people.map((p) => p.emails[0]).sort(), [
      'anna.keller@northwind.co.uk',
      'tom.reyes@mail.northwind.co.uk',
    ]);

    const gmail = await app.openGmail('thread');
    try {
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
      const link = sidebar(gmail, 'open-in-crm');
      await expectText(link, 'Open in HubSpot', { page: gmail });
      assert.equal(await link.getAttribute('href'), COMPANY_REF.url);
      assert.equal(await link.getAttribute('target'), '_blank');
      assert.match(await link.getAttribute('rel'), /noopener/);
    } finally {
      await screenshot(gmail, 'crm-hubspot-gmail-open-in');
      await gmail.close();
    }
    // The fixture's URL is the record's own.
    assert.ok(COMPANY.url.startsWith(COMPANY_REF.url));
  },
);
