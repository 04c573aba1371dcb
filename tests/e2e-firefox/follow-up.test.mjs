// Firefox: logging a follow-up from an open Gmail thread in the sidebar frame: the log-follow-up
// shortcut then Enter, the Log follow-up button then Save, the toast's Undo, Done on the next
// action, and an event page that unloads while the form is open. Mirrors
// tests/e2e/follow-up.test.mjs. Escape hands focus back to the page and the toggle shortcut
// collapses the dock: both go through the tab's content script (tabs.sendMessage, frame 0).
//
// Firefox has no IntersectionObserver v2: the frame counts a write only once it has been wholly
// in view, unchanged, for a moment (entrypoints/sidebar/visibility.ts). The shortcut and Enter
// take longer than that; a click the instant the account shows would not, so the click tests wait
// for the frame to settle first (waitUntilSettled), as a user reading the panel does.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import {
  attributeOf,
  click,
  expectText,
  focusedInSidebar,
  handleOf,
  isVisible,
  launch,
  loadFixture,
  screenshot,
  sidebar,
  textsOf,
  waitFor,
  waitUntilSettled,
} from './harness.mjs';

const THREAD = loadFixture('thread');
const SUBJECT = 'Q1 renewal: volumes and pricing';

let app;
let gmail;

before(async () => {
  // A short idle timeout (Firefox's default is 30 s), so the last test can wait for the event page
  // to unload; the other flows must not mind it unloading between their steps either.
  app = await launch({ prefs: { 'extensions.background.idle.timeout': 2_000 } });
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

/** Presses the log-follow-up shortcut (Alt+Shift+L) with the Gmail tab in front. */
const pressLogShortcut = () => app.pressCommand(gmail, 'log-follow-up');

/** Focuses `target` in the sidebar frame and presses `key` there. */
async function press(target, key = 'Enter') {
  const handle = await handleOf(target);
  assert.ok(handle, `${target.label} is missing`);
  await handle.focus();
  await handle.dispose();
  await gmail.keyboard.press(key);
}

const northwind = () => app.call('getAccount', { id: 'acc-northwind' });

test(
  'the shortcut then Enter logs the open email with its link, keeps the next action; Undo takes it back',
  { timeout: 60_000 },
  async () => {
    const before = await northwind();
    try {
      await pressLogShortcut();
      await waitFor(() => isVisible(sidebar(gmail, 'follow-up')), { message: 'the form opens' });
      // The shortcut moves keyboard focus into the frame, and the form puts it in its first field.
      await waitFor(async () => (await focusedInSidebar(gmail)) === 'input[name=summary]', {
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
      // Keep, the default: the next action due today stays as it was.
      assert.deepEqual(after.account.nextAction, before.account.nextAction);
      assert.equal(after.account.nextAction.due, isoDay(0));

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
  'Escape closes the form, a second Escape gives focus back to the page; the toggle shortcut collapses the dock',
  { timeout: 60_000 },
  async () => {
    try {
      // The user was typing a reply in the page when they pressed the shortcut.
      await gmail.evaluate(() => {
        const reply = document.createElement('textarea');
        reply.id = 'rapport-test-reply';
        document.body.prepend(reply);
        reply.focus();
      });
      const pageFocus = () => gmail.evaluate(() => document.activeElement?.id ?? null);
      await pressLogShortcut();
      await waitFor(async () => (await focusedInSidebar(gmail)) === 'input[name=summary]', {
        message: 'focus is in the form',
      });

      await gmail.keyboard.press('Escape');
      await waitFor(async () => !(await isVisible(sidebar(gmail, 'follow-up'))), {
        message: 'Escape closes the form',
      });
      assert.notEqual(await focusedInSidebar(gmail), null, 'focus left the panel with the form');
      // Nothing in the panel uses this one: the frame asks for focus to go back (returnFocus).
      await gmail.keyboard.press('Escape');
      await waitFor(async () => (await pageFocus()) === 'rapport-test-reply', {
        message: 'focus is back in the reply the user was typing',
      });
      assert.equal(await focusedInSidebar(gmail), null, 'the frame kept focus');

      const width = () =>
        gmail.evaluate(() => document.querySelector('rapport-dock').getBoundingClientRect().width);
      const open = await width();
      await app.pressCommand(gmail, 'toggle-sidebar');
      await waitFor(async () => (await width()) === 44, {
        message: 'the dock collapses to the rail',
      });
      await app.pressCommand(gmail, 'toggle-sidebar');
      await waitFor(async () => (await width()) === open, { message: 'the dock opens again' });
    } finally {
      await screenshot(gmail, 'follow-up-escape-toggle');
    }
  },
);

test(
  'clicking Log follow-up opens the form; Save logs the open email and keeps the next action',
  { timeout: 60_000 },
  async () => {
    try {
      await waitUntilSettled(gmail);
      await click(sidebar(gmail, 'log-follow-up'));
      await waitFor(() => isVisible(sidebar(gmail, 'follow-up')), { message: 'the form opens' });
      assert.deepEqual(await textsOf(within('follow-up', '[name=summary]')), [SUBJECT]);

      // The form's own Save button (InlineForm's submit, beside the fields' box).
      await click({
        page: gmail,
        selector: 'form:has([data-testid="follow-up"]) button[type=submit]',
        label: 'the follow-up form’s Save button',
      });
      await expectText(sidebar(gmail, 'toast'), 'Follow-up logged.', { page: gmail });
      assert.equal(await isVisible(sidebar(gmail, 'follow-up')), false, 'the form stays open');
      const after = await northwind();
      assert.equal(after.activities[0].summary, SUBJECT);
      assert.equal(after.activities[0].source?.url, THREAD.url);
      assert.equal(after.account.nextAction.due, isoDay(0));
      await expectText(sidebar(gmail, 'activity'), SUBJECT, { page: gmail });
    } finally {
      await screenshot(gmail, 'follow-up-click-save');
    }
  },
);

test(
  'Mark done logs the next action as the kind its words say, clears it and asks for the next one',
  { timeout: 60_000 },
  async () => {
    try {
      await waitUntilSettled(gmail);
      await click(sidebar(gmail, 'done'));
      // It asks what was done, with "email" guessed from "Send the Q1 volume proposal".
      await waitFor(() => isVisible(sidebar(gmail, 'done-confirm')), {
        message: 'Mark done asks what it was',
      });
      await click(sidebar(gmail, 'done-confirm'));
      await waitFor(() => isVisible(sidebar(gmail, 'next-form')), {
        message: 'the editor asks for the next action',
      });
      await expectText(sidebar(gmail, 'toast'), 'Next action done and logged.', { page: gmail });
      const after = await northwind();
      assert.equal(after.account.nextAction, null);
      assert.equal(after.activities[0].summary, 'Send the Q1 volume proposal');
      assert.equal(after.activities[0].kind, 'email');
      assert.deepEqual(await textsOf(within('next-form', '[name=next]')), ['']);
      // Typed as the English UI writes a date: mm/dd/yyyy.
      const [y, m, d] = isoDay(21).split('-');
      assert.deepEqual(await textsOf(within('next-form', '[name=due]')), [`${m}/${d}/${y}`]);
      await waitFor(async () => (await focusedInSidebar(gmail)) === 'input[name=next]', {
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
