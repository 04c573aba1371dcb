// A CRM record whose own web domain is the client's written in full-width letters or with another
// full stop (a hostile record: "ｎorthwind.co.uk", "northwind。co.uk"). A URL parser reads both as
// northwind.co.uk, yet no site or mail system of the client's is behind them: the sidebar warns
// as it does for such a sender, and shows none of the client's notes, by domain or by the name
// the record borrows. Screenshots in test-results/crm-lookalike-*.png.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import en from '../../public/_locales/en/messages.json' with { type: 'json' };
import {
  expectText,
  launch,
  loadFixture,
  screenshot,
  sidebar,
  sidebarFrameOf,
} from './harness.mjs';
import { allowHost, openFixture } from './crm-helpers.mjs';

/** What the sample account holds that only its own pages may show. */
const CLIENT_ONLY = [
  'Prefers short calls before 10:00',
  'Runs the Dover hub',
  'Cut cross-Channel transit times',
  'Send the Q1 volume proposal',
  'Renewal kick-off call',
];

let app;
before(async () => {
  app = await launch();
  await app.seed(sampleBackup(Date.now()));
  for (const host of ['hubspot', 'pipedrive']) await (await allowHost(app, host)).close();
});
after(() => app?.close());

const CASES = [
  // U+FF4E, a full-width "n", on HubSpot's company record.
  {
    host: 'hubspot',
    state: 'company',
    fake: '\uFF4Eorthwind.co.uk',
    shown: '<U+FF4E>orthwind.co.uk',
  },
  // U+3002, an ideographic full stop, on Pipedrive's organization.
  {
    host: 'pipedrive',
    state: 'organization',
    fake: 'northwind\u3002co.uk',
    shown: 'northwind<U+3002>co.uk',
  },
];

for (const { host, state, fake, shown } of CASES) {
  test(`a ${host} record with the client's domain as ${JSON.stringify(fake)} warns and shows no notes`, async () => {
    const page = await openFixture(app, host, state, {
      edit: (html) => html.replaceAll('northwind.co.uk', fake),
    });
    try {
      const warning = sidebar(page, 'lookalike-warning');
      await warning.waitFor({ timeout: 10_000 });
      const frame = await sidebarFrameOf(page);
      const text = await frame.evaluate(() => document.body.innerText);
      for (const secret of CLIENT_ONLY) {
        assert.ok(!text.includes(secret), `the client's "${secret}" is shown for a look-alike`);
      }
      const addresses = await sidebar(page, 'lookalike-address').allTextContents();
      assert.ok(addresses.includes(shown), `the record's domain is not listed: ${addresses}`);
      await expectText(
        warning.locator('.rp-lookalike-why').first(),
        en.sidebarLookalikeWhyHidden.message,
        { page },
      );
      assert.equal(await sidebar(page, 'account-name').count(), 0, 'an account card is shown');
      // Nothing links the hostile record to the client.
      const { account } = await app.call('getAccount', { id: 'acc-northwind' });
      assert.deepEqual(account.crmRefs, []);
    } finally {
      await screenshot(page, `crm-lookalike-${host}`);
      await page.close();
    }
  });
}

test("a record that copies the client's name onto another domain never adds that domain to the client", async () => {
  // Anyone who can edit the CRM (or a web form that creates companies) can name a record
  // "Northwind Logistics" and give it their own domain, which is no look-alike of the client's.
  const page = await openFixture(app, 'hubspot', 'company', {
    edit: (html) => html.replaceAll('northwind.co.uk', 'pay-desk.io'),
  });
  try {
    // Shown by its name (the user may recognise it), but neither linked nor given the domain.
    await expectText(sidebar(page, 'account-name'), 'Northwind Logistics', { page });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const { account } = await app.call('getAccount', { id: 'acc-northwind' });
    assert.deepEqual(account.domains, ['northwind.co.uk']);
    assert.deepEqual(account.crmRefs, []);
  } finally {
    await screenshot(page, 'crm-name-only');
    await page.close();
  }
  // A thread from that domain is not the client's.
  const { url, html } = loadFixture('thread');
  const gmail = await app.openHost(url, html.replaceAll('northwind.co.uk', 'pay-desk.io'));
  try {
    await sidebar(gmail, 'create-account').first().waitFor({ timeout: 10_000 });
    assert.equal(await sidebar(gmail, 'account-name').count(), 0, 'the client is shown');
  } finally {
    await gmail.close();
  }
});
