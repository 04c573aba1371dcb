// The sidebar finds the account behind an open Gmail thread, with and without Gmail's CSP.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import {
  cspViolations,
  expectSidebarState,
  expectText,
  launch,
  screenshot,
  sidebar,
} from './harness.mjs';

let app;
before(async () => {
  app = await launch();
  await app.seed(sampleBackup(Date.now()));
});
after(() => app?.close());

test('an open thread from Northwind shows its account and stage', { timeout: 60_000 }, async () => {
  const gmail = await app.openGmail('thread');
  try {
    await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
    await expectText(sidebar(gmail, 'stage-current'), 'Cooperative', { page: gmail });
    await expectSidebarState(gmail, 'ready');
  } finally {
    await screenshot(gmail, 'sidebar-thread');
  }
});

test('the sidebar works under Gmail’s CSP and Trusted Types', { timeout: 60_000 }, async () => {
  const gmail = await app.openGmail('thread', { csp: true });
  try {
    await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
    await expectText(sidebar(gmail, 'stage-current'), 'Cooperative', { page: gmail });
    assert.deepEqual(
      await cspViolations(gmail),
      [],
      'the page saw CSP or Trusted Types violations',
    );
    // The policy really is in force: an HTML sink without a TrustedHTML throws in the page.
    const enforced = await gmail.evaluate(() => {
      try {
        new DOMParser().parseFromString('<b>x</b>', 'text/html');
        return false;
      } catch (error) {
        return error instanceof TypeError;
      }
    });
    assert.equal(enforced, true, 'Trusted Types were not enforced: the CSP header was not served');
  } finally {
    await screenshot(gmail, 'sidebar-thread-csp');
  }
});
