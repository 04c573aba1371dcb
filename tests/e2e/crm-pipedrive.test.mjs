// The sidebar in Pipedrive, once the user allowed it: an organization of a known account shows
// it and is linked to it; Pipedrive's in-app navigation switches the sidebar; an organization that
// matches no account is linked to an existing one found by search, and Gmail then offers "Open
// in Pipedrive" on its threads.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import {
  expectSidebarState,
  expectText,
  launch,
  screenshot,
  sidebar,
  sidebarFrame,
  waitFor,
} from './harness.mjs';
import { allowHost, navigateInApp, openFixture, without } from './crm-helpers.mjs';

const ORGANIZATION_REF = {
  system: 'pipedrive',
  recordType: 'organization',
  recordId: '412',
  url: 'https://brightwave.pipedrive.com/organization/412',
};

let app;
before(async () => {
  app = await launch();
  await app.seed(sampleBackup(Date.now()));
  const popup = await allowHost(app, 'pipedrive');
  await popup.close();
});
after(() => app?.close());

const refsOf = async (id) => (await app.call('getAccount', { id })).account.crmRefs;

test(
  'an organization of a known account shows it and links the record to it',
  { timeout: 60_000 },
  async () => {
    const page = await openFixture(app, 'pipedrive', 'organization');
    try {
      await expectText(sidebar(page, 'account-name'), 'Northwind Logistics', { page });
      await waitFor(async () => (await refsOf('acc-northwind')).length === 1, {
        message: 'the record to be linked to Northwind',
      });
      assert.deepEqual(await refsOf('acc-northwind'), [ORGANIZATION_REF]);
    } finally {
      await screenshot(page, 'crm-pipedrive-organization');
      await page.close();
    }
  },
);

test('Pipedrive’s in-app navigation switches the sidebar', { timeout: 60_000 }, async () => {
  // Globex's own Pipedrive record is not saved; the list and a person of Northwind are.
  const page = await openFixture(app, 'pipedrive', 'organization');
  try {
    await expectText(sidebar(page, 'account-name'), 'Northwind Logistics', { page });
    await navigateInApp(page, 'pipedrive', 'list');
    await expectSidebarState(page, 'none');
    await navigateInApp(page, 'pipedrive', 'person');
    await expectText(sidebar(page, 'account-name'), 'Northwind Logistics', { page });
    await expectSidebarState(page, 'ready');
    await screenshot(page, 'crm-pipedrive-navigated');
  } finally {
    await page.close();
  }
});

test(
  'an unmatched organization is linked to an existing account by search; Gmail then offers Open in Pipedrive',
  { timeout: 60_000 },
  async () => {
    // The account exists under another name, with no domain and no people yet.
    const backup = without(sampleBackup(Date.now()), 'acc-northwind');
    backup.accounts.push({
      ...sampleBackup(Date.now()).accounts[0],
      id: 'acc-nw',
      name: 'NW Logistics Group',
      domains: [],
      nextAction: null,
    });
    await app.seed(backup);

    const page = await openFixture(app, 'pipedrive', 'organization');
    try {
      await expectText(sidebar(page, 'record-name'), 'Northwind Logistics', { page });
      await sidebar(page, 'link-record').click();
      await sidebarFrame(page).locator('input[type="search"]').fill('NW Log');
      await sidebarFrame(page).locator('.rp-result', { hasText: 'NW Logistics Group' }).click();
      await expectText(sidebar(page, 'account-name'), 'NW Logistics Group', { page });
      await screenshot(page, 'crm-pipedrive-linked');
    } finally {
      await page.close();
    }
    const view = await app.call('getAccount', { id: 'acc-nw' });
    assert.deepEqual(view.account.crmRefs, [ORGANIZATION_REF]);
    // The record's website came along, so Northwind's mail now finds the account.
    assert.deepEqual(view.account.domains, ['northwind.co.uk']);

    const gmail = await app.openGmail('thread');
    try {
      await expectText(sidebar(gmail, 'account-name'), 'NW Logistics Group', { page: gmail });
      const link = sidebar(gmail, 'open-in-crm');
      await expectText(link, 'Open in Pipedrive', { page: gmail });
      assert.equal(await link.getAttribute('href'), ORGANIZATION_REF.url);
    } finally {
      await screenshot(gmail, 'crm-pipedrive-gmail-open-in');
      await gmail.close();
    }
  },
);
