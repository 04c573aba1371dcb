// Chromium stops an idle MV3 service worker after 30 s. Nothing may depend on it staying alive:
// the next message wakes a fresh worker, which reopens the database and answers as before.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { expectText, launch, screenshot, sidebar } from './harness.mjs';

let app;
before(async () => {
  app = await launch();
  await app.seed(sampleBackup(Date.now()));
});
after(() => app?.close());

test(
  'after the worker stops, a reloaded thread still finds its account',
  { timeout: 60_000 },
  async () => {
    const gmail = await app.openGmail('thread');
    try {
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
      await app.stopWorker();
      assert.equal(await app.workerStatus(), 'stopped');

      await gmail.reload();
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
      await expectText(sidebar(gmail, 'stage-current'), 'Cooperative', { page: gmail });
      assert.equal(await app.workerStatus(), 'running', 'the sidebar answered without a worker?');
    } finally {
      await screenshot(gmail, 'worker-restart-reload');
    }
  },
);

test(
  'after the worker stops, a change still reaches the open sidebar',
  { timeout: 60_000 },
  async () => {
    const gmail = await app.openGmail('thread');
    try {
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
      await app.stopWorker();

      const { account } = await app.call('getAccount', { id: 'acc-northwind' });
      await app.call('updateAccount', {
        id: account.id,
        patch: { name: 'Northwind Logistics (restarted)' },
        base: { name: account.name },
      });
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics (restarted)', {
        page: gmail,
        timeout: 2_000,
      });
    } finally {
      await screenshot(gmail, 'worker-restart-live');
    }
  },
);
