// Firefox: the popup. Its settings (side, Gmail on or off, start collapsed) reach the open Gmail
// tab's sidebar without a reload, as in tests/e2e/pages-popup.test.mjs; the toolbar badge counts
// what is overdue; and the due list logs a follow-up inline (it shows in the open sidebar's
// history at once), reschedules and undoes, as in tests/e2e/reminders.test.mjs.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import {
  dockGeometry,
  expectSidebarAttribute,
  expectText,
  launch,
  markDocument,
  sameDocument,
  screenshot,
  sidebar,
  textsOf,
  waitFor,
} from './harness.mjs';

/** How long a change may take to show in an open sidebar. */
const LIVE = 2_000;

/** utils/contract/dock-layout.ts: the collapsed dock's width. */
const RAIL_WIDTH = 44;

/** Waits until the dock's geometry satisfies `check`; the failure shows the last geometry. */
async function expectDock(page, check, message, { timeout = LIVE } = {}) {
  let last = null;
  try {
    return await waitFor(
      async () => {
        last = await dockGeometry(page);
        return last && check(last) ? last : false;
      },
      { timeout, message: '' },
    );
  } catch {
    throw new Error(`${message} within ${timeout} ms; the dock: ${JSON.stringify(last)}`);
  }
}

let app;
before(async () => {
  app = await launch();
});
after(() => app?.close());
beforeEach(async () => {
  // Northwind is due today, Globex three days overdue, Umbrella due in a week.
  await app.seed(sampleBackup(Date.now()));
});

/** The local calendar day `days` from today, as the browser (same machine, same zone) counts it. */
function isoDay(days = 0) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The popup, in a window of its own as the toolbar popup floats over the page; 400 wide. */
async function openPopup() {
  const popup = await app.openPage('popup.html', { window: true });
  await popup.setViewport({ width: 400, height: 600 });
  return popup;
}

/** The text of the popup's due item for account `name`, or null when it is not listed. */
function dueItemText(popup, name) {
  return popup.evaluate((account) => {
    const items = [...document.querySelectorAll('[data-testid="due-list"] li')];
    const item = items.find((li) => li.querySelector('.account')?.textContent === account);
    return item ? item.innerText : null;
  }, name);
}

/**
 * Clicks, inside the due item of account `name`, the element matching `selector` (and showing
 * `text`, when given), as a user would: the element's handle gets a real click.
 */
async function clickInItem(popup, name, selector, text = null) {
  const handle = await waitFor(
    async () => {
      const found = await popup.evaluateHandle(
        (account, sel, label) => {
          const items = [...document.querySelectorAll('[data-testid="due-list"] li')];
          const item = items.find((li) => li.querySelector('.account')?.textContent === account);
          const all = item ? [...item.querySelectorAll(sel)] : [];
          return all.find((el) => label === null || el.textContent.trim() === label) ?? null;
        },
        name,
        selector,
        text,
      );
      const element = found.asElement();
      if (!element) await found.dispose();
      return element;
    },
    { message: `no ${selector}${text ? ` "${text}"` : ''} in the due item of ${name}` },
  );
  await handle.click();
  await handle.dispose();
}

test(
  'choosing the left side in the popup moves the open sidebar',
  { timeout: 60_000 },
  async () => {
    const gmail = await app.openGmail('thread');
    // The popup floats over the page in its own window, so the Gmail tab stays the visible one.
    const popup = await openPopup();
    try {
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
      await expectSidebarAttribute(gmail, 'data-side', 'right');
      const mark = await markDocument(gmail);

      const side = '[data-testid="side"]';
      await waitFor(() => popup.$eval(side, (el) => el.value === 'right'), {
        message: 'the popup never showed the side select set to "right"',
      });
      await popup.select(side, 'left');

      await expectSidebarAttribute(gmail, 'data-side', 'left', { timeout: LIVE });
      // The dock itself moved: on the window's left edge, and the page makes room on that side.
      const left = await expectDock(
        gmail,
        (g) => g.dock.left === 0 && g.dock.width > RAIL_WIDTH,
        'the dock did not move to the left edge',
      );
      assert.equal(left.parent, 'html');
      assert.equal(left.marginLeft, `${left.dock.width}px`);
      assert.equal(left.marginRight, '');
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
      assert.equal(await sameDocument(gmail, mark), true, 'the Gmail tab was reloaded');
      // Saved, not only shown: a popup opened afresh reads it back.
      await popup.close();
      const again = await openPopup();
      try {
        await waitFor(() => again.$eval(side, (el) => el.value === 'left'), {
          message: 'a new popup did not show the side as "left"',
        });
      } finally {
        await again.close();
      }
    } finally {
      await screenshot(gmail, 'popup-side-left');
      if (!popup.isClosed()) await popup.close();
      await gmail.close();
      await app.call('updateSettings', { sidebarSide: 'right' });
    }
  },
);

/** Clicks the popup's control `testId` (a checkbox here) as a user would. */
async function clickControl(popup, testId) {
  const handle = await waitFor(() => popup.$(`[data-testid="${testId}"]`), {
    message: `the popup has no [data-testid="${testId}"]`,
  });
  await handle.click();
  await handle.dispose();
}

const checked = (popup, testId) => popup.$eval(`[data-testid="${testId}"]`, (el) => el.checked);

test(
  'turning Gmail off removes the sidebar, on brings it back; "start collapsed" applies at once',
  { timeout: 60_000 },
  async () => {
    const gmail = await app.openGmail('thread');
    const popup = await openPopup();
    const hosts = () => gmail.$$eval('rapport-dock', (els) => els.length);
    const margins = () =>
      gmail.evaluate(() => document.documentElement.style.cssText.includes('margin'));
    try {
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
      const mark = await markDocument(gmail);
      await waitFor(() => checked(popup, 'gmail-on'), { message: 'Gmail is on in the popup' });

      await clickControl(popup, 'gmail-on');
      await waitFor(async () => (await hosts()) === 0, {
        timeout: 3_000,
        message: 'the sidebar leaves the page',
      });
      assert.equal(await margins(), false, 'the page keeps a margin for a dock that is gone');
      await clickControl(popup, 'gmail-on');
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', {
        page: gmail,
        timeout: 5_000,
      });
      assert.equal(await hosts(), 1, 'more than one sidebar');

      await expectSidebarAttribute(gmail, 'data-collapsed', 'false');
      await clickControl(popup, 'start-collapsed');
      // The dock shrinks to the rail, and the frame shows the rail.
      await expectDock(
        gmail,
        (g) => g.dock.width === RAIL_WIDTH,
        'the dock did not become the rail',
        {
          timeout: 3_000,
        },
      );
      await expectSidebarAttribute(gmail, 'data-collapsed', 'true', { timeout: 3_000 });
      await clickControl(popup, 'start-collapsed');
      await expectDock(gmail, (g) => g.dock.width > RAIL_WIDTH, 'the dock did not open again', {
        timeout: 3_000,
      });
      await expectSidebarAttribute(gmail, 'data-collapsed', 'false', { timeout: 3_000 });
      assert.equal(await sameDocument(gmail, mark), true, 'the Gmail tab was reloaded');
    } finally {
      await screenshot(gmail, 'popup-gmail-switch');
      await popup.close();
      await gmail.close();
      await app.call('updateSettings', { disabledHosts: [], startCollapsed: false });
    }
  },
);

test(
  'the badge shows the overdue count once the due day has passed',
  { timeout: 60_000 },
  async () => {
    const popup = await openPopup();
    try {
      const badge = () => popup.evaluate(() => globalThis.browser.action.getBadgeText({}));
      const { account: umbrella } = await app.call('getAccount', { id: 'acc-umbrella' });
      await app.call('setNextAction', {
        accountId: 'acc-umbrella',
        nextAction: { text: 'Check in after the tender', due: isoDay(0) },
        base: umbrella.nextAction,
      });
      // Today: only Globex is overdue; what is due today is not late yet.
      const now = await app.call('checkReminders', {});
      assert.equal(now.overdue, 1);
      assert.equal(await badge(), '1');

      // Tomorrow 09:30 in the browser's own time zone, after the reminder time (09:00).
      const tomorrow = await popup.evaluate(() => {
        const d = new Date();
        d.setDate(d.getDate() + 1);
        d.setHours(9, 30, 0, 0);
        return d.getTime();
      });
      const later = await app.call('checkReminders', { now: tomorrow });
      assert.equal(later.overdue, 3);
      assert.equal(await badge(), '3');
      assert.ok(later.notified >= 1, 'the daily reminder went out');
    } finally {
      await popup.close();
    }
  },
);

test(
  'the popup: Reschedule moves a due item, Log logs a follow-up the open sidebar shows, Undo takes it back',
  { timeout: 60_000 },
  async () => {
    const gmail = await app.openGmail('thread');
    const popup = await openPopup();
    const summary = 'Sent the Q1 proposal to Anna';
    try {
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
      await waitFor(async () => (await dueItemText(popup, 'Globex'))?.includes('QBR agenda'), {
        message: 'Globex is in the due list',
      });

      // Reschedule Globex to next week: it leaves the due list.
      await clickInItem(popup, 'Globex', '[data-testid="reschedule"]');
      // "Next week · Sat, Dec 12": the preset shows its date.
      await clickInItem(popup, 'Globex', '[data-preset="week"]');
      await waitFor(async () => (await dueItemText(popup, 'Globex')) === null, {
        message: 'Globex leaves the due list',
      });
      const globex = await app.call('getAccount', { id: 'acc-globex' });
      assert.deepEqual(globex.account.nextAction, {
        text: 'Agree the QBR agenda with Hank',
        due: isoDay(7),
        personId: 'per-hank',
      });

      // Log for Northwind: the form opens inline with the due action and the question of what
      // becomes of it; what happened is left to write, not a copy of the action.
      await clickInItem(popup, 'Northwind Logistics', '[data-testid="log"]');
      const field = '[data-testid="due-list"] [data-testid="follow-up"] [name=summary]';
      await waitFor(() => popup.$eval(field, (el) => el.value === ''), {
        message: 'the popup shows the follow-up form, with an empty summary',
      });
      const current = await popup.$eval('[data-testid="current-next"]', (el) => el.textContent);
      assert.ok(current.includes('Send the Q1 volume proposal'), current);
      const width = await popup.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 400, `the popup is ${width} px wide`);
      await screenshot(popup, 'popup-log-form');

      await popup.focus(field);
      await popup.keyboard.type(summary);
      await clickInItem(popup, 'Northwind Logistics', 'label.rp-segment', 'Done');
      await popup.focus(field);
      await popup.keyboard.press('Enter');
      await waitFor(
        async () =>
          (await popup.$$eval('[data-testid="toast"]', (els) => els.map((e) => e.innerText)))
            .join()
            .includes('Follow-up logged; the next action is done.'),
        { message: 'the toast says the follow-up was logged and the action done' },
      );
      const logged = await app.call('getAccount', { id: 'acc-northwind' });
      assert.equal(logged.activities[0].summary, summary);
      assert.equal(logged.activities[0].completed, 'Send the Q1 volume proposal');
      assert.equal(logged.activities[0].source, undefined, 'no thread, no source');
      assert.equal(logged.account.nextAction, null);
      await waitFor(async () => (await dueItemText(popup, 'Northwind Logistics')) === null, {
        message: 'Northwind leaves the due list',
      });
      // The Gmail tab's sidebar shows it at the top of the history at once.
      await expectText(sidebar(gmail, 'activity'), summary, { page: gmail, timeout: LIVE });

      const undo = await popup.$('[data-testid="undo"]');
      assert.ok(undo, 'the toast has no Undo');
      await undo.click();
      await undo.dispose();
      await waitFor(
        async () =>
          (await dueItemText(popup, 'Northwind Logistics'))?.includes(
            'Send the Q1 volume proposal',
          ),
        { message: 'Northwind is due again after Undo' },
      );
      const undone = await app.call('getAccount', { id: 'acc-northwind' });
      assert.notEqual(undone.activities[0].id, logged.activities[0].id);
      assert.equal(undone.account.nextAction.due, isoDay(0));
      await waitFor(
        async () => !((await textsOf(sidebar(gmail, 'activity')))[0] ?? '').includes(summary),
        { timeout: LIVE, message: 'the open sidebar drops the undone follow-up' },
      );
    } finally {
      await screenshot(popup, 'popup-after');
      await popup.close();
      await gmail.close();
    }
  },
);
