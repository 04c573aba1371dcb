// Firefox MV3 runs the background as an event page and unloads it when idle (30 s by default; 2 s
// here). Nothing may depend on it staying loaded: the next message starts it again, and it
// reopens the database and answers as before. The Firefox counterpart of worker-restart.test.mjs.
import { after, before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { expectText, launch, screenshot, sidebar, waitFor } from './harness.mjs';

let app;
before(async () => {
  app = await launch({ prefs: { 'extensions.background.idle.timeout': 2_000 } });
  await app.seed(sampleBackup(Date.now()));
  // The probe must see the event page while it runs (it has just answered), or waiting for it
  // to unload would prove nothing.
  await waitFor(() => app.eventPageRunning(), {
    message: 'the running event page is not among the add-on views',
  });
});
after(() => app?.close());

test(
  'after the event page unloads, a reloaded thread still finds its account',
  { timeout: 60_000 },
  async () => {
    const gmail = await app.openGmail('thread');
    try {
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
      await app.waitForSuspend();

      await gmail.reload();
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
      await expectText(sidebar(gmail, 'stage-current'), 'Cooperative', { page: gmail });
    } finally {
      await screenshot(gmail, 'event-page-reload');
      await gmail.close();
    }
  },
);

test(
  'after the event page unloads, a change still reaches the open sidebar',
  { timeout: 60_000 },
  async () => {
    const gmail = await app.openGmail('thread');
    try {
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
      await app.waitForSuspend();

      const { account } = await app.call('getAccount', { id: 'acc-northwind' });
      await app.call('updateAccount', {
        id: account.id,
        revision: account.revision,
        patch: { name: 'Northwind Logistics (restarted)' },
      });
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics (restarted)', {
        page: gmail,
        timeout: 2_000,
      });
    } finally {
      await screenshot(gmail, 'event-page-live');
      await gmail.close();
    }
  },
);
