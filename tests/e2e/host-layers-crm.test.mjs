// The sidebar on CRM pages laid out differently from the 2026-11-28 fixtures, read by the adapters'
// later layers (utils/content/hosts/layers.ts): a HubSpot contact in the newer record page, with a
// preview of Hank of Globex open over it and Globex named in its timeline; and the Salesforce Sales
// Console with three records open as tabs, the Globex tab first in the page and Anna's contact in
// front. Each shows Northwind Logistics and never Globex, and the popup's page reading section says
// which layers read it.
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
import { allowHost, openFixture } from './crm-helpers.mjs';

const LATER = { date: '2026-12-05' };

let app;
before(async () => {
  app = await launch();
  await app.seed(sampleBackup(Date.now()));
  for (const host of ['hubspot', 'salesforce']) await (await allowHost(app, host)).close();
});
after(() => app?.close());

const accountNames = (page) => sidebar(page, 'account-name').allTextContents();

/** The popup's line for `host` in its page reading section, once it names `layer`. */
async function healthLine(host, layer, shot) {
  const popup = await app.openPage('popup.html');
  try {
    await popup.getByTestId('reading-health').locator('summary').click();
    const line = popup.getByTestId(`health-${host}`);
    await waitFor(async () => (await line.textContent()).includes(`“${layer}”`), {
      message: `the popup does not say that ${layer} read ${host}`,
    });
    return await line.textContent();
  } finally {
    await screenshot(popup, shot);
    await popup.close();
  }
}

test(
  'a HubSpot contact in the newer record page: Northwind from its header, never Globex from the preview or the timeline',
  { timeout: 60_000 },
  async () => {
    const page = await openFixture(app, 'hubspot', 'contact-sidebar-cards', LATER);
    try {
      await expectText(sidebar(page, 'account-name'), 'Northwind Logistics', { page });
      await expectSidebarState(page, 'ready');
      assert.deepEqual(await accountNames(page), ['Northwind Logistics']);
    } finally {
      await screenshot(page, 'host-layers-hubspot-sidebar-cards');
      await page.close();
    }
    assert.match(
      await healthLine('hubspot', 'landmarks/accessible-names', 'host-layers-hubspot-health'),
      /^HubSpot: last read .+, by “landmarks\/accessible-names”\.$/,
    );
  },
);

test(
  'the Salesforce console: the contact in front, never the Globex tab behind it',
  { timeout: 60_000 },
  async () => {
    const page = await openFixture(app, 'salesforce', 'console-tabs', LATER);
    try {
      await expectText(sidebar(page, 'account-name'), 'Northwind Logistics', { page });
      await expectSidebarState(page, 'ready');
      assert.deepEqual(await accountNames(page), ['Northwind Logistics']);
      // The console shows the tab in front only; the Globex tab's page is in the DOM, not shown.
      assert.equal(await page.locator('#ws-panel-1').isVisible(), false);
      assert.equal(await page.locator('#sub-panel-2-2').isVisible(), true);
    } finally {
      await screenshot(page, 'host-layers-salesforce-console');
      await page.close();
    }
    assert.match(
      await healthLine('salesforce', 'record-tab/email-fields', 'host-layers-salesforce-health'),
      /^Salesforce: last read .+, by “record-tab\/email-fields”\.$/,
    );
  },
);
