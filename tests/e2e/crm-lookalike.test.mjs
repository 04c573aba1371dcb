// A CRM record whose own web domain is the client's written in full-width letters or with another
// full stop (a hostile record: "ｎorthwind.co.uk", "northwind。co.uk"). A URL parser reads both as
// northwind.co.uk, yet no site or mail system of the client's is behind them: the sidebar warns
// as it does for such a sender, and shows none of the client's notes, by domain or by the name
// the record borrows. Screenshots in test-results/crm-lookalike-*.png.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import en from '../../public/_locales/en/messages.json' with { type: 'json' };
import { expectText, launch, screenshot, sidebar, sidebarFrameOf } from './harness.mjs';
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
