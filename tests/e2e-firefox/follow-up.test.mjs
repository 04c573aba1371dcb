// Firefox: a follow-up logged from an email, with its source thread, shows in the open sidebar's
// history with the next action it set, without a reload. Logged through the message contract
// (logActivity) from an extension page, as the sidebar's "Log follow-up" form will send it; the
// popup's own Log form is driven in popup.test.mjs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import {
  expectSomeText,
  expectText,
  launch,
  loadFixture,
  markDocument,
  sameDocument,
  screenshot,
  sidebar,
  textsOf,
} from './harness.mjs';

/** How long a change may take to show in an open sidebar. */
const LIVE = 2_000;

function isoDay(ms) {
  const d = new Date(ms);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

let app;
before(async () => {
  app = await launch();
  await app.seed(sampleBackup(Date.now()));
});
after(() => app?.close());

test('a logged follow-up shows in the open sidebar’s history', { timeout: 60_000 }, async () => {
  const gmail = await app.openGmail('thread');
  try {
    await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
    const before = await textsOf(sidebar(gmail, 'activity'));
    const summary = 'Sent the Q1 volume proposal (Firefox)';
    assert.ok(!before.some((t) => t.includes(summary)), 'the follow-up is there already');
    const mark = await markDocument(gmail);

    const { url } = loadFixture('thread');
    const next = { text: 'Call Anna about the proposal', due: isoDay(Date.now() + 2 * 86_400_000) };
    const { activity } = await app.call('logActivity', {
      activity: {
        accountId: 'acc-northwind',
        personIds: ['per-anna'],
        kind: 'email',
        at: Date.now(),
        summary,
        outcome: 'Anna will take it to the board on Monday.',
        source: {
          host: 'gmail',
          url,
          threadId: '1a2c4e6f80b1d3a5',
          subject: 'Q1 renewal: volumes and pricing',
        },
      },
      nextAction: { ...next, personId: 'per-anna', sourceUrl: url },
    });

    const shown = await expectSomeText(sidebar(gmail, 'activity'), summary, {
      page: gmail,
      timeout: LIVE,
    });
    assert.equal(shown.length, before.length + 1, 'expected exactly one more follow-up');
    assert.ok(shown[0].includes(summary), 'the newest follow-up is not listed first');
    await expectText(sidebar(gmail, 'next-action'), next.text, { page: gmail, timeout: LIVE });
    assert.equal(await sameDocument(gmail, mark), true, 'the page was reloaded');

    // Stored with its source thread, so the history links back to the email.
    const view = await app.call('getAccount', { id: 'acc-northwind' });
    const stored = view.activities.find((a) => a.id === activity.id);
    assert.equal(stored?.source?.url, url);
  } finally {
    await screenshot(gmail, 'follow-up-logged');
    await gmail.close();
  }
});
