// The sidebar on CRM records whose people are read in layers (issue 17), from the 2026-12-05
// fixtures written from public descriptions: a Salesforce Account with its Contacts related list
// and an Opportunity with its contact roles, each beside an activity and a Chatter post quoting
// Hank of Globex and Priya of Initech; Pipedrive's older detail view of an organization and a
// deal, beside a history quoting Hank. Each shows Northwind Logistics alone (never Globex, whose
// contact Hank is), and the popup says which layers read the page.
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
  for (const host of ['salesforce', 'pipedrive']) await (await allowHost(app, host)).close();
});
after(() => app?.close());

const accountNames = (page) => sidebar(page, 'account-name').allTextContents();

/** The popup's line for `host` in its page reading section, once it names `layer`. */
async function healthLine(host, layer) {
  const popup = await app.openPage('popup.html');
  try {
    await popup.getByTestId('reading-health').locator('summary').click();
    const line = popup.getByTestId(`health-${host}`);
    await waitFor(async () => (await line.textContent()).includes(`“${layer}”`), {
      message: `the popup does not say that ${layer} read ${host}`,
    });
    return await line.textContent();
  } finally {
    await popup.close();
  }
}

const CASES = [
  ['salesforce', 'people-account', 'active-page/email-fields'],
  ['salesforce', 'people-opportunity', 'active-page/accessible-names'],
  ['pipedrive', 'organization-legacy', 'landmarks/site-links'],
  ['pipedrive', 'deal-legacy', 'landmarks/site-links'],
];

for (const [host, state, layer] of CASES) {
  test(`${host} ${state}: Northwind alone, read by ${layer}`, { timeout: 60_000 }, async () => {
    const page = await openFixture(app, host, state, LATER);
    try {
      await expectText(sidebar(page, 'account-name'), 'Northwind Logistics', { page });
      await expectSidebarState(page, 'ready');
      assert.deepEqual(await accountNames(page), ['Northwind Logistics']);
    } finally {
      await screenshot(page, `host-layers-people-${host}-${state}`);
      await page.close();
    }
    assert.match(
      await healthLine(host, layer),
      new RegExp(`by “${layer.replace('/', '\\/')}”\\.$`),
    );
  });
}

test(
  'an older Pipedrive organization without its name is "this Pipedrive organization", never an email',
  { timeout: 60_000 },
  async () => {
    const page = await openFixture(app, 'pipedrive', 'organization-legacy', LATER);
    try {
      await expectText(sidebar(page, 'account-name'), 'Northwind Logistics', { page });
      // Pipedrive swaps the record in place; here its header loses the name.
      await page.evaluate(() => document.querySelector('main h1')?.remove());
      await expectText(
        sidebar(page, 'status'),
        'Rapport could not read this Pipedrive organization',
        {
          page,
        },
      );
    } finally {
      await screenshot(page, 'host-layers-people-pipedrive-unreadable');
      await page.close();
    }
  },
);
