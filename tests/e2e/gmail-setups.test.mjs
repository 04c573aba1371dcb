// Gmail as people set it up (tests/fixtures/gmail/gmail-2026-12-05-*.html), in one browser: the
// sidebar shows the right account in a delegated mailbox, a second signed-in account, the preview
// pane below the list, with conversation view off, in the pop-out window, in Russian, in the dark
// theme and in compact density. Then a conversation whose chips lost their attributes, with other
// accounts quoted in its body, and the popup's selector health saying which layer read it.
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

const LATER = { date: '2026-12-05' };
const SETUPS = {
  delegated: 'Northwind Logistics',
  'second-account': 'Northwind Logistics',
  'preview-below': 'Globex',
  'conversation-view-off': 'Northwind Logistics',
  popout: 'Northwind Logistics',
  russian: 'Northwind Logistics',
  'dark-theme': 'Northwind Logistics',
  compact: 'Northwind Logistics',
};

let app;
before(async () => {
  app = await launch();
  await app.seed(sampleBackup(Date.now()));
});
after(() => app?.close());

const accountNames = (page) => sidebar(page, 'account-name').allTextContents();

test(
  'every Gmail set-up shows the account of the open conversation',
  { timeout: 120_000 },
  async () => {
    for (const [state, account] of Object.entries(SETUPS)) {
      const page = await app.openGmail(state, LATER);
      try {
        await expectText(sidebar(page, 'account-name'), account, { page });
        await expectSidebarState(page, 'ready');
        assert.deepEqual(await accountNames(page), [account], state);
      } finally {
        await screenshot(page, `gmail-setup-${state}`);
        await page.close();
      }
    }
  },
);

test(
  'chips without attributes: Northwind from the header, never Globex or Initech from the quoted body; the popup says which layer read it',
  { timeout: 60_000 },
  async () => {
    const page = await app.openGmail('accessible-names', LATER);
    try {
      await expectText(sidebar(page, 'account-name'), 'Northwind Logistics', { page });
      await expectSidebarState(page, 'ready');
      assert.deepEqual(await accountNames(page), ['Northwind Logistics']);
    } finally {
      await screenshot(page, 'gmail-setup-accessible-names');
    }
    const popup = await app.openPage('popup.html');
    try {
      const health = popup.getByTestId('reading-health');
      await health.locator('summary').click();
      await waitFor(
        async () => /accessible-names/.test(await popup.getByTestId('health-gmail').textContent()),
        {
          message: 'the popup does not say which layer read Gmail',
        },
      );
      assert.match(
        await popup.getByTestId('health-gmail').textContent(),
        /^Gmail: last read .+, by “accessible-names”\.$/,
      );
    } finally {
      await screenshot(popup, 'gmail-setup-popup-health');
      await popup.close();
      await page.close();
    }
  },
);
