// The sidebar in Outlook on the web, once the user allowed it: the open message shows its
// sender's account; the sidebar's Log follow-up works as in Gmail and links back to the message;
// Outlook's in-app navigation (the reading pane emptied, another message opened) follows along;
// a personal account on outlook.live.com and an unknown sender are read as well.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import {
  expectSidebarState,
  expectText,
  launch,
  screenshot,
  sidebar,
  textOf,
  waitFor,
} from './harness.mjs';
import { allowHost, hostFixture, navigateInApp, openFixture } from './crm-helpers.mjs';

const ANNA = hostFixture('outlook', 'anna');

let app;
before(async () => {
  app = await launch();
  await app.seed(sampleBackup(Date.now()));
  const popup = await allowHost(app, 'outlook');
  await popup.close();
});
after(() => app?.close());

test(
  'the open message shows the account; Log follow-up saves it with a link back to the message',
  { timeout: 60_000 },
  async () => {
    const page = await openFixture(app, 'outlook', 'anna');
    try {
      await expectText(sidebar(page, 'account-name'), 'Northwind Logistics', { page });
      await expectText(sidebar(page, 'stage-current'), 'Cooperative', { page });
      const before = await app.call('getAccount', { id: 'acc-northwind' });

      await sidebar(page, 'log-follow-up').click();
      const form = sidebar(page, 'follow-up');
      await form.waitFor();
      const subject = await textOf(form.locator('[name=summary]'));
      assert.ok(subject.length > 0, 'the form starts from the message subject');
      await screenshot(page, 'crm-outlook-follow-up-form');
      await form.locator('[name=summary]').press('Enter');
      await expectText(sidebar(page, 'toast'), 'Follow-up logged.', { page });

      const after = await app.call('getAccount', { id: 'acc-northwind' });
      assert.equal(after.activities.length, before.activities.length + 1);
      const logged = after.activities[0];
      assert.equal(logged.summary, subject);
      assert.equal(logged.kind, 'email');
      assert.equal(logged.source.host, 'outlook');
      assert.equal(logged.source.url, ANNA.url);
      assert.equal(logged.source.subject, subject);
      assert.ok(logged.personIds.includes('per-anna'), 'Anna wrote the message');
      await expectText(sidebar(page, 'activity').first(), subject, { page });
      assert.equal(
        await sidebar(page, 'activity').first().locator('a').getAttribute('href'),
        ANNA.url,
      );
    } finally {
      await screenshot(page, 'crm-outlook-logged');
      await page.close();
    }
  },
);

test('Outlook’s in-app navigation follows the reading pane', { timeout: 60_000 }, async () => {
  const page = await openFixture(app, 'outlook', 'anna');
  try {
    await expectText(sidebar(page, 'account-name'), 'Northwind Logistics', { page });
    await navigateInApp(page, 'outlook', 'inbox');
    await expectSidebarState(page, 'none');
    await navigateInApp(page, 'outlook', 'anna');
    await expectText(sidebar(page, 'account-name'), 'Northwind Logistics', { page });
    await expectSidebarState(page, 'ready');
  } finally {
    await page.close();
  }
});

test('outlook.live.com: a reply from Globex shows Globex', { timeout: 60_000 }, async () => {
  const page = await openFixture(app, 'outlook', 'live');
  try {
    await expectText(sidebar(page, 'account-name'), 'Globex', { page });
  } finally {
    await screenshot(page, 'crm-outlook-live');
    await page.close();
  }
});

test(
  'outlook.office365.com: an unknown sender is offered as a new account',
  { timeout: 60_000 },
  async () => {
    const page = await openFixture(app, 'outlook', 'priya');
    try {
      await expectText(sidebar(page, 'create-account'), 'Create account', { page });
      // Not a CRM record: the per-sender offer, not the record's.
      assert.equal(await sidebar(page, 'record-offer').count(), 0);
      await waitFor(async () => (await sidebar(page, 'account-name').count()) === 0, {
        message: 'no account shown',
      });
    } finally {
      await screenshot(page, 'crm-outlook-unknown');
      await page.close();
    }
  },
);
