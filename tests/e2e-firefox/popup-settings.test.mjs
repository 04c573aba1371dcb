// Firefox: a setting changed in the popup reaches the open Gmail tab's sidebar without a reload.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import {
  expectSidebarAttribute,
  expectText,
  launch,
  markDocument,
  sameDocument,
  screenshot,
  sidebar,
  waitFor,
} from './harness.mjs';

/** How long a change may take to show in an open sidebar. */
const LIVE = 2_000;

let app;
before(async () => {
  app = await launch();
  await app.seed(sampleBackup(Date.now()));
});
after(() => app?.close());

test(
  'choosing the left side in the popup moves the open sidebar',
  { timeout: 60_000 },
  async () => {
    const gmail = await app.openGmail('thread');
    // The popup floats over the page in its own window, so the Gmail tab stays the visible one.
    const popup = await app.openPage('popup.html', { window: true });
    try {
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
      await expectSidebarAttribute(gmail, 'data-side', 'right');
      const mark = await markDocument(gmail);

      const side = '[data-testid="side"]';
      await waitFor(() => popup.$eval(side, (el) => el.value === 'right'), {
        message: 'the popup never showed the side select set to "right"',
      });
      await popup.select(side, 'left');

      await expectSidebarAttribute(gmail, 'data-side', 'left', { timeout: LIVE });
      assert.equal(await sameDocument(gmail, mark), true, 'the Gmail tab was reloaded');
      // Saved, not only shown: a popup opened afresh reads it back.
      await popup.close();
      const again = await app.openPage('popup.html', { window: true });
      try {
        await waitFor(() => again.$eval(side, (el) => el.value === 'left'), {
          message: 'a new popup did not show the side as "left"',
        });
      } finally {
        await again.close();
      }
    } finally {
      await screenshot(gmail, 'popup-side-left');
      if (!popup.isClosed()) await popup.close();
      await gmail.close();
    }
  },
);
