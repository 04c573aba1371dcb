// A change made elsewhere (here: the popup) reaches an open sidebar without a reload of the page
// or of the sidebar's frame.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { expectText, launch, openPeople, screenshot, sidebar, sidebarFrameOf } from './harness.mjs';

/** How long a change may take to show in an open sidebar. */
const LIVE = 2_000;

let app;
let gmail;
before(async () => {
  app = await launch();
  await app.seed(sampleBackup(Date.now()));
  gmail = await app.openGmail('thread');
  await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
});
after(() => app?.close());

test('renaming the account shows in the open sidebar', { timeout: 30_000 }, async () => {
  try {
    const { account } = await app.call('getAccount', { id: 'acc-northwind' });
    const reloads = await gmail.evaluate(() => performance.getEntriesByType('navigation').length);
    // The sidebar frame keeps its document too: a reload of the frame would drop this mark.
    const frame = await sidebarFrameOf(gmail);
    await frame.evaluate(() => (window.__rapportTestMark = true));
    await app.call('updateAccount', {
      id: account.id,
      patch: { name: 'Northwind Logistics Group' },
      base: { name: account.name },
    });
    await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics Group', {
      page: gmail,
      timeout: LIVE,
    });
    assert.equal(
      await gmail.evaluate(() => performance.getEntriesByType('navigation').length),
      reloads,
      'the page was reloaded',
    );
    assert.equal(
      await frame.evaluate(() => window.__rapportTestMark === true),
      true,
      'the sidebar frame was reloaded',
    );
  } finally {
    await screenshot(gmail, 'live-sync-rename');
  }
});

test('editing a person’s notes shows in the open sidebar', { timeout: 30_000 }, async () => {
  try {
    await openPeople(gmail, 'Anna Keller');
    const notes = sidebar(gmail, 'person')
      .filter({ hasText: 'Anna Keller' })
      .locator('[data-testid="person-notes"]');
    await expectText(notes, 'Prefers short calls', { page: gmail });
    const { people } = await app.call('getAccount', { id: 'acc-northwind' });
    const anna = people.find((p) => p.id === 'per-anna');
    assert.ok(anna, 'Anna Keller is not in the seeded account');
    const changed = 'Moved to the Rotterdam office; calls after 14:00.';
    await app.call('upsertPerson', {
      id: anna.id,
      accountId: anna.accountId,
      name: anna.name,
      emails: anna.emails,
      title: anna.title,
      role: anna.role,
      influence: anna.influence,
      attitude: anna.attitude,
      notes: changed,
      base: { notes: anna.notes },
    });
    await expectText(notes, changed, { page: gmail, timeout: LIVE });
  } finally {
    await screenshot(gmail, 'live-sync-notes');
  }
});

test(
  'moving the account to another stage shows in the open sidebar',
  { timeout: 30_000 },
  async () => {
    try {
      await expectText(sidebar(gmail, 'stage-current'), 'Cooperative', { page: gmail });
      await app.call('setStage', {
        id: 'acc-northwind',
        stage: 'strategic',
        reason: 'Signed the three-year framework.',
        base: 'cooperative',
      });
      await expectText(sidebar(gmail, 'stage-current'), 'Strategic', {
        page: gmail,
        timeout: LIVE,
      });
    } finally {
      await screenshot(gmail, 'live-sync-stage');
    }
  },
);
