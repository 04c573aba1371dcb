// Optional sites from the popup: nothing runs on HubSpot until the user allows it; "Allow Rapport
// on HubSpot" brings the sidebar into the HubSpot tab already open, without a reload, and into new
// ones; Remove takes the site away again. Only Gmail is granted at install.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import path from 'node:path';
import { RESULTS, expectText, launch, screenshot, sidebar, waitFor } from './harness.mjs';
import {
  allowHost,
  expectNoSidebar,
  hasHost,
  mark,
  openSites,
  openFixture,
  registeredScripts,
  siteRow,
  stillMarked,
} from './crm-helpers.mjs';

let app;
let popup;
before(async () => {
  app = await launch();
  await app.seed(sampleBackup(Date.now()));
});
after(() => app?.close());

test('at install only Gmail is granted and no site script is registered', async () => {
  const granted = await (
    await app.openPage('popup.html')
  ).evaluate(() => chrome.permissions.getAll());
  assert.deepEqual(granted.origins, ['https://mail.google.com/*']);
  assert.deepEqual(await registeredScripts(app), []);
  for (const host of ['outlook', 'hubspot', 'salesforce', 'pipedrive']) {
    assert.equal(await hasHost(app, host), false, `${host} is granted at install`);
  }
});

test(
  'the popup lists the optional sites; the current page is named when its address is visible',
  { timeout: 30_000 },
  async () => {
    popup = await app.openPage('popup.html');
    await popup.setViewportSize({ width: 400, height: 600 });
    // The popup, opened as a tab here, is itself the current page: visible, and not a site; the
    // list of sites is folded away then.
    await expectText(popup.locator('[data-testid="this-page"]'), 'does not run on this page');
    await expectText(popup.locator('[data-testid="sites-summary"]'), '0 of 4 allowed');
    let height = await popup.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(height <= 600, `the popup is ${height} px high`);
    await openSites(popup);
    for (const host of ['outlook', 'hubspot', 'salesforce', 'pipedrive']) {
      await waitFor(
        async () => (await siteRow(popup, host).getAttribute('data-granted')) === 'false',
        {
          message: `${host} listed as not allowed`,
        },
      );
    }
    await expectText(siteRow(popup, 'hubspot'), 'Allow Rapport on HubSpot');
    await popup.screenshot({ path: path.join(RESULTS, 'crm-popup-sites.png'), fullPage: true });
    height = await popup.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(height <= 800, `the popup with its list open is ${height} px high`);
  },
);

test(
  'a HubSpot tab open before the grant gets the sidebar once allowed, without a reload',
  { timeout: 60_000 },
  async () => {
    const hubspot = await openFixture(app, 'hubspot', 'company');
    try {
      await expectNoSidebar(hubspot);
      await mark(hubspot);

      await allowHost(app, 'hubspot', { popup });
      await expectText(sidebar(hubspot, 'account-name'), 'Northwind Logistics', { page: hubspot });
      assert.equal(await stillMarked(hubspot), true, 'the HubSpot tab was reloaded');
      assert.deepEqual(await registeredScripts(app), ['rapport-hubspot']);
      await expectText(siteRow(popup, 'hubspot'), 'Allowed');
      await screenshot(popup, 'crm-popup-hubspot-allowed');

      // A tab opened after the grant gets the registered script.
      const second = await openFixture(app, 'hubspot', 'legacy-company');
      try {
        await expectText(sidebar(second, 'account-name'), 'Globex', { page: second });
      } finally {
        await second.close();
      }
    } finally {
      await screenshot(hubspot, 'crm-permissions-hubspot-granted');
      await hubspot.close();
    }
  },
);

test(
  'Remove withdraws the site: the open HubSpot tab loses its sidebar, new tabs get none',
  { timeout: 60_000 },
  async () => {
    const open = await openFixture(app, 'hubspot', 'company');
    await expectText(sidebar(open, 'account-name'), 'Northwind Logistics', { page: open });
    await siteRow(popup, 'hubspot').locator('[data-testid="site-remove"]').click();
    await waitFor(
      async () => (await siteRow(popup, 'hubspot').getAttribute('data-granted')) === 'false',
      {
        message: 'the popup to show HubSpot as not allowed',
      },
    );
    assert.equal(await hasHost(app, 'hubspot'), false);
    await waitFor(async () => (await registeredScripts(app)).length === 0, {
      message: 'the HubSpot script to be unregistered',
    });
    try {
      await expectNoSidebar(open);
    } finally {
      await open.close();
    }
    const hubspot = await openFixture(app, 'hubspot', 'company');
    try {
      await expectNoSidebar(hubspot);
    } finally {
      await hubspot.close();
    }
  },
);
