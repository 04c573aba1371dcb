// Never miss a next action: the toolbar badge counts what is overdue once its day has passed,
// and the popup's due list lets the user log a follow-up or reschedule, right there.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { expectText, launch, screenshot, textOf, waitFor } from './harness.mjs';

let app;
/** An extension page of our own, for the privileged reminder check and the badge. */
let extension;

before(async () => {
  app = await launch();
  extension = await app.openPage('popup.html');
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

const badge = () => extension.evaluate(() => chrome.action.getBadgeText({}));

test(
  'the badge shows the overdue count once the due day has passed',
  { timeout: 60_000 },
  async () => {
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

    // Drive the clock instead of waiting: tomorrow 09:30 in the browser's own time zone, after the
    // reminder time (09:00). Northwind and Umbrella, due today, are then overdue too.
    const tomorrow = await extension.evaluate(() => {
      const d = new Date();
      d.setDate(d.getDate() + 1);
      d.setHours(9, 30, 0, 0);
      return d.getTime();
    });
    const later = await app.call('checkReminders', { now: tomorrow });
    assert.equal(later.overdue, 3);
    assert.equal(await badge(), '3');
    assert.ok(later.notified >= 1, 'the daily reminder went out');
  },
);

test(
  'the popup: Reschedule moves a due item, Log logs a follow-up inline, Undo takes it back',
  { timeout: 60_000 },
  async () => {
    const popup = await app.context.newPage();
    // Chrome opens a popup at most 800x600; this one is 380 wide.
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.goto(`${app.origin}/popup.html`);
    const item = (name) => popup.locator('[data-testid="due-list"] li').filter({ hasText: name });
    try {
      await expectText(item('Globex'), 'Agree the QBR agenda with Hank');
      await expectText(item('Northwind Logistics'), 'Send the Q1 volume proposal');

      // Reschedule Globex to next week: it leaves the due list.
      await item('Globex').getByTestId('reschedule').click();
      await item('Globex').getByRole('button', { name: 'Next week' }).click();
      await waitFor(async () => (await item('Globex').count()) === 0, {
        message: 'Globex leaves the due list',
      });
      const globex = await app.call('getAccount', { id: 'acc-globex' });
      assert.deepEqual(globex.account.nextAction, {
        text: 'Agree the QBR agenda with Hank',
        due: isoDay(7),
        personId: 'per-hank',
      });

      // Log for Northwind: the form opens inline. The due action shows once, with the question
      // of what becomes of it; what happened is left to write (not a copy of the action).
      await item('Northwind Logistics').getByTestId('log').click();
      const form = item('Northwind Logistics').getByTestId('follow-up');
      await waitFor(() => form.isVisible(), { message: 'the popup shows the follow-up form' });
      assert.equal(await textOf(form.locator('[name=summary]')), '');
      assert.equal(await textOf(form.locator('[name=next]')), '');
      await expectText(form.getByTestId('current-next'), 'Send the Q1 volume proposal');
      assert.equal(await form.locator('[name=choice]:checked').getAttribute('value'), 'keep');
      const fits = await popup.evaluate(() => ({
        width: document.documentElement.scrollWidth,
        body: document.body.getBoundingClientRect().width,
      }));
      assert.ok(fits.width <= 400 && fits.body <= 400, `the popup is ${JSON.stringify(fits)} wide`);
      await screenshot(popup, 'popup-log-form');

      // Nothing written: refused, nothing saved.
      await form.locator('[name=summary]').press('Enter');
      await expectText(form.locator('[role=alert]'), 'Say in a few words what happened.');

      // Written, and Done.
      await form.locator('[name=summary]').fill('Sent the proposal to Anna');
      await form.getByText('Done', { exact: true }).click();
      await form.locator('[name=summary]').press('Enter');
      await expectText(popup.getByTestId('toast'), 'Follow-up logged; the next action is done.');
      const logged = await app.call('getAccount', { id: 'acc-northwind' });
      assert.equal(logged.activities[0].summary, 'Sent the proposal to Anna');
      assert.equal(logged.activities[0].completed, 'Send the Q1 volume proposal');
      assert.equal(logged.activities[0].source, undefined, 'no thread, no source');
      assert.equal(logged.account.nextAction, null);
      await waitFor(async () => (await item('Northwind Logistics').count()) === 0, {
        message: 'Northwind leaves the due list',
      });
      await screenshot(popup, 'popup-toast');

      await popup.getByTestId('undo').click();
      await expectText(item('Northwind Logistics'), 'Send the Q1 volume proposal');
      const undone = await app.call('getAccount', { id: 'acc-northwind' });
      assert.notEqual(undone.activities[0].id, logged.activities[0].id);
      assert.equal(undone.account.nextAction.due, isoDay(0));
      // Due today reads "Today".
      await expectText(item('Northwind Logistics').locator('time'), /^Today$/);

      // Log with Keep: the follow-up is saved, the due action stays on today's list.
      await item('Northwind Logistics').getByTestId('log').click();
      await waitFor(() => form.isVisible(), { message: 'the form opens again' });
      await form.locator('[name=summary]').fill('Called Anna: proposal on its way');
      await form.locator('[name=summary]').press('Enter');
      await expectText(popup.getByTestId('toast'), 'Follow-up logged.');
      const kept = await app.call('getAccount', { id: 'acc-northwind' });
      assert.equal(kept.activities[0].summary, 'Called Anna: proposal on its way');
      assert.deepEqual(kept.account.nextAction, undone.account.nextAction);
      await expectText(item('Northwind Logistics'), 'Send the Q1 volume proposal');
    } finally {
      await screenshot(popup, 'popup-after');
      await popup.close();
    }
  },
);
