// The sidebar in Salesforce Lightning, once the user allowed it: a record of a known account (also
// in an org whose components use native shadow DOM) shows the account and is linked to it;
// Lightning's in-app navigation switches the sidebar; an unknown lead becomes an account in one
// click, and Gmail then offers "Open in Salesforce" on its threads.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { expectText, launch, screenshot, sidebar, waitFor } from './harness.mjs';
import { allowHost, navigateInApp, openFixture } from './crm-helpers.mjs';

const GLOBEX_REF = {
  system: 'salesforce',
  recordType: 'account',
  recordId: '001Dp00000KxGlbIAF',
};
const LEAD_URL = 'https://brightwave.lightning.force.com/lightning/r/Lead/00QDp00000FzPshMAF/view';

let app;
before(async () => {
  app = await launch();
  await app.seed(sampleBackup(Date.now()));
  const popup = await allowHost(app, 'salesforce');
  await popup.close();
});
after(() => app?.close());

const refsOf = async (id) => (await app.call('getAccount', { id })).account.crmRefs;

test(
  'an account record of a known account shows it and links the record to it',
  { timeout: 60_000 },
  async () => {
    const page = await openFixture(app, 'salesforce', 'account');
    try {
      await expectText(sidebar(page, 'account-name'), 'Globex', { page });
      await expectText(sidebar(page, 'stage-current'), 'Strategic', { page });
      await waitFor(async () => (await refsOf('acc-globex')).length === 1, {
        message: 'the record to be linked to Globex',
      });
      const [ref] = await refsOf('acc-globex');
      assert.deepEqual({ ...ref, url: undefined }, { ...GLOBEX_REF, url: undefined });
      assert.match(
        ref.url,
        /^https:\/\/brightwave\.lightning\.force\.com\/lightning\/r\/Account\//,
      );
    } finally {
      await screenshot(page, 'crm-salesforce-account');
      await page.close();
    }
  },
);

test('a record rendered in native shadow DOM is read as well', { timeout: 60_000 }, async () => {
  const page = await openFixture(app, 'salesforce', 'account-native-shadow');
  try {
    await expectText(sidebar(page, 'account-name'), 'Globex', { page });
  } finally {
    await page.close();
  }
});

test('Lightning’s in-app navigation switches the sidebar', { timeout: 60_000 }, async () => {
  const page = await openFixture(app, 'salesforce', 'account');
  try {
    await expectText(sidebar(page, 'account-name'), 'Globex', { page });
    // A lead of a company not in Rapport yet: the sidebar offers to create it.
    await navigateInApp(page, 'salesforce', 'lead');
    await expectText(sidebar(page, 'record-name'), 'Initech Systems', { page });
    await screenshot(page, 'crm-salesforce-navigated-lead');
    await navigateInApp(page, 'salesforce', 'contact');
    await expectText(sidebar(page, 'account-name'), 'Globex', { page });
  } finally {
    await page.close();
  }
});

test(
  'an unknown lead becomes an account in one click; Gmail then offers Open in Salesforce',
  { timeout: 60_000 },
  async () => {
    const page = await openFixture(app, 'salesforce', 'lead');
    try {
      await expectText(sidebar(page, 'record-name'), 'Initech Systems', { page });
      await sidebar(page, 'create-from-record').click();
      await expectText(sidebar(page, 'account-name'), 'Initech Systems', { page });
      await screenshot(page, 'crm-salesforce-created');
    } finally {
      await page.close();
    }
    const created = (await app.call('listAccounts')).find((a) => a.name === 'Initech Systems');
    assert.ok(created, 'no account was created');
    const view = await app.call('getAccount', { id: created.id });
    assert.deepEqual(view.account.domains, ['initech-systems.com']);
    assert.deepEqual(
      view.account.crmRefs.map((r) => [r.system, r.recordType, r.url]),
      [['salesforce', 'lead', LEAD_URL]],
    );
    assert.deepEqual(
      view.people.map((p) => p.emails[0]),
      ['priya.shah@initech-systems.com'],
    );

    const gmail = await app.openGmail('unknown-sender');
    try {
      await expectText(sidebar(gmail, 'account-name'), 'Initech Systems', { page: gmail });
      const link = sidebar(gmail, 'open-in-crm');
      await expectText(link, 'Open in Salesforce', { page: gmail });
      assert.equal(await link.getAttribute('href'), LEAD_URL);
    } finally {
      await screenshot(gmail, 'crm-salesforce-gmail-open-in');
      await gmail.close();
    }
  },
);
