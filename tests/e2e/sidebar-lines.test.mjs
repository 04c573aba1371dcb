// The sidebar's account card has two lines that change with no edit of the card's own: the open
// opportunities (the whitespace grid, edited on the accounts page) and the sync line (the socket,
// the server's acknowledgements). Both come with the account the frame reads after a change
// notice, so they follow changes made elsewhere with no read of the card's own.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { SAMPLE_OFFERINGS } from '../fixtures/sample-whitespace.mjs';
import { expectText, recordSends, sidebar, sidebarFrameOf } from './harness.mjs';
import { msg, shot } from './pages-helpers.mjs';
import { teamOnServer } from './team-helpers.mjs';

const ACCOUNT = 'acc-northwind';
const team = teamOnServer();
let app;

before(async () => {
  app = await team.profile();
  await app.seed(sampleBackup(Date.now()));
  await app.call('updateSettings', { offerings: SAMPLE_OFFERINGS });
});

/** The names of the messages the page's sidebar frame sends from now on, drafts left out. */
async function sendsOf(page) {
  const recorded = await recordSends(await sidebarFrameOf(page));
  return async () => (await recorded()).filter((name) => name !== 'keepDraft');
}

test('a whitespace edit made elsewhere moves the sidebar’s opportunity line', async () => {
  const gmail = await app.openGmail('thread');
  await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
  assert.equal(await sidebar(gmail, 'opportunities').count(), 0, 'no grid yet: no line');
  const sent = await sendsOf(gmail);

  // Another page (the accounts page's grid) adds a unit and marks a competitor's contract there.
  const unit = await app.call('addBuyingUnit', { accountId: ACCOUNT, name: 'UK operations' });
  await app.call('setWhitespaceCell', {
    accountId: ACCOUNT,
    unitId: unit.id,
    offeringId: 'off-warehousing',
    changes: { supplier: 'competitor', spend: 120000 },
    base: { supplier: 'unknown', spend: null },
  });
  const line = sidebar(gmail, 'opportunities');
  await expectText(line, 'Warehousing', { page: gmail });
  await expectText(line, 'UK operations', { page: gmail });
  assert.ok(
    (await sent()).every((name) => name === 'resolveContext'),
    `the card read its line itself: ${(await sent()).join(', ')}`,
  );
  await gmail.close();
});

test(
  'the sidebar’s sync line follows the account being shared, the server going and coming back',
  {
    timeout: 90_000,
  },
  async () => {
    const { server } = team;
    await team.signIn(app, 'alice@firm.com');
    const gmail = await app.openGmail('thread');
    await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
    const line = sidebar(gmail, 'sidebar').locator('[data-sync-line]');
    assert.equal(await line.count(), 0, 'never shared: no line');
    const sent = await sendsOf(gmail);

    await app.call('shareAccount', {
      accountId: ACCOUNT,
      members: [{ email: 'bob@firm.com', role: 'editor' }],
    });
    const synced = msg('syncShared', msg('syncSynced'));
    await expectText(line, synced, { page: gmail, timeout: 15_000 });
    await shot(gmail, 'sidebar-lines-shared-en');

    // No store write in what follows: only the socket moves, and the worker's notice says so.
    await server.stop();
    await expectText(line, msg('syncShared', msg('syncOffline')), { page: gmail, timeout: 15_000 });
    await shot(gmail, 'sidebar-lines-offline-en');
    await server.start();
    await expectText(line, synced, { page: gmail, timeout: 30_000 });

    const names = await sent();
    assert.ok(
      names.every((name) => name === 'resolveContext'),
      `the card read its line itself: ${names.join(', ')}`,
    );
    await gmail.close();
  },
);
