// Firefox: logging a follow-up from an open Gmail thread with the sidebar's own form: the
// log-follow-up shortcut then Enter, the toast's Undo, Done on the next action, and an event page
// that unloads while the form is open. Mirrors tests/e2e/follow-up.test.mjs.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import {
  attributeOf,
  expectText,
  isVisible,
  launch,
  loadFixture,
  screenshot,
  sidebar,
  textsOf,
  waitFor,
} from './harness.mjs';

const THREAD = loadFixture('thread');
const SUBJECT = 'Q1 renewal: volumes and pricing';

let app;
/** An extension page of our own: it sends the shortcut's event. */
let extension;
let gmail;

before(async () => {
  // A short idle timeout (Firefox's default is 30 s), so the last test can wait for the event page
  // to unload; the other flows must not mind it unloading between their steps either.
  app = await launch({ prefs: { 'extensions.background.idle.timeout': 2_000 } });
  extension = await app.openPage('popup.html', { background: true });
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

const within = (testId, selector) => sidebar(gmail, testId, selector);

/**
 * Presses the log-follow-up shortcut (Alt+Shift+L). WebDriver cannot press a manifest command, so
 * this takes the command's own path from where the background forwards it: an extension page
 * sends the same event, {rapport: 1, event: 'logFollowUp'}, to the Gmail tab.
 */
async function pressLogShortcut() {
  const reached = await extension.evaluate(async (url) => {
    const tabs = await globalThis.browser.tabs.query({ url: 'https://mail.google.com/*' });
    const mine = tabs.filter((tab) => tab.url === url);
    for (const tab of mine) {
      await globalThis.browser.tabs
        .sendMessage(tab.id, { rapport: 1, event: 'logFollowUp' })
        .catch(() => {});
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

async function press(target, key = 'Enter') {
  const handle = await gmail.$(target.selector);
  assert.ok(handle, `${target.label} is missing`);
  await handle.focus();
  await handle.dispose();
  await gmail.keyboard.press(key);
}

const northwind = () => app.call('getAccount', { id: 'acc-northwind' });

test(
  'the shortcut then Enter logs the open email with its link, sets the next action; Undo takes it back',
  { timeout: 60_000 },
  async () => {
    const before = await northwind();
    try {
      await pressLogShortcut();
      await waitFor(() => isVisible(sidebar(gmail, 'follow-up')), { message: 'the form opens' });
      await waitFor(async () => (await focusedField()) === 'input[name=summary]', {
        message: 'focus is in the form',
      });
      assert.deepEqual(await textsOf(within('follow-up', '[name=summary]')), [SUBJECT]);

      await gmail.keyboard.press('Enter');
      await expectText(sidebar(gmail, 'toast'), 'Follow-up logged.', { page: gmail });

      const after = await northwind();
      const logged = after.activities[0];
      assert.equal(logged.summary, SUBJECT);
      assert.equal(logged.kind, 'email');
      assert.equal(logged.source?.url, THREAD.url);
      assert.equal(logged.source?.subject, SUBJECT);
      assert.ok(logged.source?.threadId, 'the thread id is kept');
      assert.ok(logged.personIds.includes('per-anna'), 'Anna was on the thread');
      assert.ok(Math.abs(logged.at - Date.now()) < 60_000, 'logged as now');
      assert.deepEqual(after.account.nextAction, {
        text: 'Send the Q1 volume proposal',
        due: isoDay(21),
        personId: 'per-anna',
        sourceUrl: THREAD.url,
      });

      // The history shows it first, linking back to the thread.
      await expectText(sidebar(gmail, 'activity'), SUBJECT, { page: gmail });
      assert.equal(await attributeOf(within('activity', 'a'), 'href'), THREAD.url);
      await expectText(sidebar(gmail, 'next-action'), 'Send the Q1 volume proposal', {
        page: gmail,
      });

      // Undo from the keyboard.
      await press(sidebar(gmail, 'undo'));
      await waitFor(async () => (await textsOf(sidebar(gmail, 'toast'))).length === 0, {
        message: 'the toast goes after Undo',
      });
      const undone = await northwind();
      assert.deepEqual(
        undone.activities.map((a) => a.id),
        before.activities.map((a) => a.id),
      );
      assert.deepEqual(undone.account.nextAction, before.account.nextAction);
      await waitFor(
        async () => !((await textsOf(sidebar(gmail, 'activity')))[0] ?? '').includes(SUBJECT),
        { message: 'the sidebar drops the undone follow-up' },
      );
    } finally {
      await screenshot(gmail, 'follow-up-form-undo');
    }
  },
);

test(
  'Done logs the next action, clears it and asks for the next one',
  { timeout: 60_000 },
  async () => {
    try {
      const done = await gmail.$('pierce/[data-testid="done"]');
      assert.ok(done, 'the next action has no Done button');
      await done.click();
      await done.dispose();
      await waitFor(() => isVisible(sidebar(gmail, 'next-form')), {
        message: 'the editor asks for the next action',
      });
      await expectText(sidebar(gmail, 'toast'), 'Next action done and logged.', { page: gmail });
      const after = await northwind();
      assert.equal(after.account.nextAction, null);
      assert.equal(after.activities[0].summary, 'Send the Q1 volume proposal');
      assert.deepEqual(await textsOf(within('next-form', '[name=next]')), ['']);
      assert.deepEqual(await textsOf(within('next-form', '[name=due]')), [isoDay(21)]);
      await waitFor(async () => (await focusedField()) === 'input[name=next]', {
        message: 'focus is on the next action',
      });

      await gmail.keyboard.type('Book the Q1 review');
      await gmail.keyboard.press('Enter');
      await expectText(sidebar(gmail, 'next-action'), 'Book the Q1 review', { page: gmail });
      assert.deepEqual((await northwind()).account.nextAction, {
        text: 'Book the Q1 review',
        due: isoDay(21),
      });
    } finally {
      await screenshot(gmail, 'follow-up-done');
    }
  },
);

test(
  'the flow still works when the event page unloads between opening the form and saving',
  { timeout: 60_000 },
  async () => {
    try {
      await pressLogShortcut();
      await waitFor(() => isVisible(sidebar(gmail, 'follow-up')), { message: 'the form opens' });
      await app.waitForSuspend();

      await press(within('follow-up', '[name=summary]'));
      await expectText(sidebar(gmail, 'toast'), 'Follow-up logged.', { page: gmail });
      const after = await northwind();
      assert.equal(after.activities[0].summary, SUBJECT);
      assert.equal(after.activities[0].source.url, THREAD.url);
    } finally {
      await screenshot(gmail, 'follow-up-event-page');
    }
  },
);
