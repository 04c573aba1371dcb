// Logging a follow-up from an open Gmail thread: the log-follow-up shortcut then Enter, the
// toast's Undo, Done on the next action, and a service worker that stops while the form is open.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import {
  expectText,
  launch,
  loadFixture,
  screenshot,
  sidebar,
  textOf,
  waitFor,
} from './harness.mjs';

const THREAD = loadFixture('thread');
const SUBJECT = 'Q1 renewal: volumes and pricing';

let app;
/** An extension page of our own: it sends the shortcut's event and reads stored records. */
let extension;
let gmail;

before(async () => {
  app = await launch();
  extension = await app.openPage('popup.html');
});
after(() => app?.close());

beforeEach(async () => {
  await app.seed(sampleBackup(Date.now()));
  gmail = await app.openGmail('thread');
  await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
});
afterEach(async () => {
  // One Gmail tab at a time, so the shortcut below reaches exactly this one.
  await gmail?.close();
});

/** The local calendar day `days` from today, as the browser (same machine, same zone) counts it. */
function isoDay(days = 0) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * Presses the log-follow-up shortcut (Alt+Shift+L). Playwright's keyboard cannot trigger a
 * manifest command in headless Chromium, so this takes the command's own path from the point where
 * the background forwards it: an extension page sends the same event, {rapport: 1, event:
 * 'logFollowUp'}, to the Gmail tab with chrome.tabs.sendMessage (the extension's host permission
 * for mail.google.com lets tabs.query find the tab by URL).
 */
async function pressLogShortcut() {
  const reached = await extension.evaluate(async (url) => {
    const tabs = await chrome.tabs.query({ url: 'https://mail.google.com/*' });
    const mine = tabs.filter((tab) => tab.url === url);
    for (const tab of mine) {
      await chrome.tabs.sendMessage(tab.id, { rapport: 1, event: 'logFollowUp' }).catch(() => {});
    }
    return mine.length;
  }, gmail.url());
  assert.equal(reached, 1, 'exactly one Gmail tab should receive the shortcut');
}

/** The name of the field that has focus inside the sidebar's shadow root. */
function focusedField() {
  return gmail.evaluate(() => {
    const inner = document.querySelector('rapport-sidebar')?.shadowRoot?.activeElement;
    return inner ? `${inner.tagName.toLowerCase()}[name=${inner.getAttribute('name')}]` : null;
  });
}

const northwind = () => app.call('getAccount', { id: 'acc-northwind' });

test(
  'the shortcut then Enter logs the open email with its link, sets the next action; Undo takes it back',
  { timeout: 60_000 },
  async () => {
    const before = await northwind();
    try {
      await pressLogShortcut();
      await waitFor(() => sidebar(gmail, 'follow-up').isVisible(), { message: 'the form opens' });
      assert.equal(await focusedField(), 'input[name=summary]', 'focus is in the form');
      assert.equal(await textOf(sidebar(gmail, 'follow-up').locator('[name=summary]')), SUBJECT);
      await screenshot(gmail, 'follow-up-form');

      await gmail.keyboard.press('Enter');
      await expectText(sidebar(gmail, 'toast'), 'Follow-up logged.', { page: gmail });

      const after = await northwind();
      const logged = after.activities[0];
      assert.equal(logged.summary, SUBJECT);
      assert.equal(logged.kind, 'email');
      assert.deepEqual(logged.source, {
        host: 'gmail',
        url: THREAD.url,
        threadId: logged.source.threadId,
        subject: SUBJECT,
      });
      assert.ok(logged.source.threadId, 'the thread id is kept');
      assert.ok(logged.personIds.includes('per-anna'), 'Anna was on the thread');
      assert.ok(Math.abs(logged.at - Date.now()) < 60_000, 'logged as now');
      // The next action moved on by the cadence (Cooperative: 21 days), and opens this thread.
      assert.deepEqual(after.account.nextAction, {
        text: 'Send the Q1 volume proposal',
        due: isoDay(21),
        personId: 'per-anna',
        sourceUrl: THREAD.url,
      });

      // The history shows it first, linking back to the thread.
      const first = sidebar(gmail, 'activity').first();
      await expectText(first, SUBJECT, { page: gmail });
      assert.equal(await first.locator('a').getAttribute('href'), THREAD.url);
      await expectText(sidebar(gmail, 'next-action'), 'Send the Q1 volume proposal');
      await screenshot(gmail, 'follow-up-toast');

      // Undo from the keyboard.
      await sidebar(gmail, 'undo').focus();
      await gmail.keyboard.press('Enter');
      await waitFor(async () => (await sidebar(gmail, 'toast').count()) === 0, {
        message: 'the toast goes after Undo',
      });
      const undone = await northwind();
      assert.deepEqual(
        undone.activities.map((a) => a.id),
        before.activities.map((a) => a.id),
      );
      assert.deepEqual(undone.account.nextAction, before.account.nextAction);
      await waitFor(
        async () => !(await textOf(sidebar(gmail, 'activity').first())).includes(SUBJECT),
        { message: 'the sidebar drops the undone follow-up' },
      );
    } finally {
      await screenshot(gmail, 'follow-up-after');
    }
  },
);

test(
  'Done logs the next action, clears it and asks for the next one',
  { timeout: 60_000 },
  async () => {
    try {
      await sidebar(gmail, 'done').click();
      await waitFor(() => sidebar(gmail, 'next-form').isVisible(), {
        message: 'the editor asks for the next action',
      });
      await expectText(sidebar(gmail, 'toast'), 'Next action done and logged.');
      const after = await northwind();
      assert.equal(after.account.nextAction, null);
      assert.equal(after.activities[0].summary, 'Send the Q1 volume proposal');
      // Due per cadence, text to be written; focus is there.
      const editor = sidebar(gmail, 'next-form');
      assert.equal(await textOf(editor.locator('[name=next]')), '');
      assert.equal(await textOf(editor.locator('[name=due]')), isoDay(21));
      assert.equal(await focusedField(), 'input[name=next]');
      await screenshot(gmail, 'follow-up-done');

      await gmail.keyboard.type('Book the Q1 review');
      await gmail.keyboard.press('Enter');
      await expectText(sidebar(gmail, 'next-action'), 'Book the Q1 review', { page: gmail });
      assert.deepEqual((await northwind()).account.nextAction, {
        text: 'Book the Q1 review',
        due: isoDay(21),
      });
    } finally {
      await screenshot(gmail, 'follow-up-done-after');
    }
  },
);

test(
  'the flow still works when the service worker stops between opening the form and saving',
  { timeout: 60_000 },
  async () => {
    try {
      await pressLogShortcut();
      await waitFor(() => sidebar(gmail, 'follow-up').isVisible(), { message: 'the form opens' });
      await app.stopWorker();
      assert.equal(await app.workerStatus(), 'stopped');

      await sidebar(gmail, 'follow-up').locator('[name=summary]').focus();
      await gmail.keyboard.press('Enter');
      await expectText(sidebar(gmail, 'toast'), 'Follow-up logged.', { page: gmail });
      const after = await northwind();
      assert.equal(after.activities[0].summary, SUBJECT);
      assert.equal(after.activities[0].source.url, THREAD.url);
      assert.equal(await app.workerStatus(), 'running');
    } finally {
      await screenshot(gmail, 'follow-up-worker-restart');
    }
  },
);
