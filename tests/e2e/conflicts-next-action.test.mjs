// No silent lost update on the next action and the stage (issue 16), in a real browser with two
// tabs: the popup opened as a page (its Log form while the next action is snoozed elsewhere) and
// two accounts pages (the next-action editor). The same field shows the conflict notice with
// both values; different fields merge. English and Russian, with screenshots.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { ROOT, expectText, launch, screenshot, waitFor } from './harness.mjs';

const words = (lang) =>
  JSON.parse(fs.readFileSync(path.join(ROOT, 'public', '_locales', lang, 'messages.json'), 'utf8'));
const say = (lang, key) => words(lang)[key].message;

let app;
const today = () => {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
after(() => app?.close());

const globex = async () => (await app.call('getAccount', { id: 'acc-globex' })).account;
const logged = async (summary) =>
  (await app.call('listActivities', { accountId: 'acc-globex' })).filter(
    (a) => a.summary === summary,
  );

async function openPopup() {
  const popup = await app.openPage('popup.html');
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.locator('[data-testid="due-list"]').waitFor();
  return popup;
}
const globexItem = (popup) =>
  popup.locator('[data-testid="due-list"] li').filter({ hasText: 'Globex' });

/** Opens Log on Globex in `popup` and fills a follow-up that replaces the next action. */
async function logReplacing(popup, summary, nextText) {
  const item = globexItem(popup);
  await item.locator('[data-testid="log"]').click();
  const form = item.locator('[data-testid="follow-up"]');
  await form.waitFor();
  await form.locator('[name="summary"]').fill(summary);
  await form.locator('[name="choice"][value="replace"]').check();
  await form.locator('[name="next"]').fill(nextText);
  return form;
}

async function openAccount() {
  const page = await app.openPage('accounts.html#account=acc-globex');
  await page.locator('section[aria-labelledby="next-heading"]').waitFor();
  return page;
}

/** Opens the accounts page's next-action editor. */
async function editNext(page, lang) {
  await page
    .locator('section[aria-labelledby="next-heading"] button')
    .filter({ hasText: say(lang, 'accountsEditNextAction') })
    .click();
  const form = page.locator('section[aria-labelledby="next-heading"] [data-testid="next-form"]');
  await form.waitFor();
  return form;
}

/**
 * Writes the next action in an open editor and saves: due on `day` (YYYY-MM-DD), else in a week
 * (Globex's is overdue, and a past day would ask first).
 */
async function saveNext(form, text, day) {
  await form.locator('[name="next"]').fill(text);
  if (day) await form.locator('[name="due"]').fill(day);
  else await form.locator('[data-preset="week"]').click();
  await form.locator('[name="next"]').press('Enter');
}

for (const lang of ['en', 'ru']) {
  test(
    `popup, two tabs (${lang}): Log over a next action changed meanwhile asks`,
    { timeout: 120_000 },
    async () => {
      await app?.close();
      app = await launch({ lang });
      await app.seed(sampleBackup(Date.now()));
      const read = (await globex()).nextAction;
      const b = await openPopup();
      const a = await openAccount();

      // B (the popup) opens Log and chooses Replace; meanwhile A (the accounts page) rewords the
      // same next action.
      const form = await logReplacing(b, 'Call with Hank', 'Send the EMEA rate card');
      const editor = await editNext(a, lang);
      // Due today, so that it stays in the popup's due list (and B's form stays open).
      await saveNext(editor, 'Agree the QBR agenda by phone', today());
      await waitFor(async () => (await globex()).nextAction.text !== read.text, {
        message: 'the change in tab A was not saved',
      });
      const changed = (await globex()).nextAction;

      // B saves: refused with both values, nothing logged, A's change stands.
      await form.locator('[name="next"]').press('Enter');
      const notice = form.locator('[data-testid="conflict"]');
      await expectText(notice.locator('[data-testid="conflict-mine"]'), 'Send the EMEA rate card', {
        page: b,
      });
      await expectText(
        notice.locator('[data-testid="conflict-theirs"]'),
        'Agree the QBR agenda by phone',
        { page: b },
      );
      assert.deepEqual((await globex()).nextAction, changed, 'replaced without asking');
      assert.equal((await logged('Call with Hank')).length, 0, 'logged before the user chose');
      await notice.scrollIntoViewIfNeeded();
      await screenshot(b, `conflict-popup-log-${lang}`);

      // Take theirs: the follow-up is logged, their next action stays.
      await notice.locator('[data-testid="take-theirs"]').click();
      await waitFor(async () => (await logged('Call with Hank')).length === 1, {
        message: 'Take theirs did not log the follow-up',
      });
      assert.deepEqual((await globex()).nextAction, changed);
      await form.waitFor({ state: 'detached' });

      // Different fields: the accounts page changes the goals while B's Log form is open; both stay.
      const form2 = await logReplacing(b, 'Second call with Hank', 'Send the EMEA rate card');
      const before = await globex();
      await app.call('updateAccount', {
        id: 'acc-globex',
        patch: { profile: { goals: 'Three sites by June.' } },
        base: { profile: { goals: before.profile.goals } },
      });
      await form2.locator('[name="next"]').press('Enter');
      await waitFor(async () => (await globex()).nextAction?.text === 'Send the EMEA rate card', {
        message: 'the Replace from the popup was not saved',
      });
      assert.equal(
        (await globex()).profile.goals,
        'Three sites by June.',
        'the popup undid the goals',
      );
      assert.equal(await b.locator('[data-testid="conflict"]').count(), 0);
      await a.close();
      await b.close();
    },
  );

  test(
    `accounts page, two tabs (${lang}): the next action asks, other fields merge`,
    { timeout: 120_000 },
    async () => {
      const [a, b] = [await openAccount(), await openAccount()];
      const edit = (page) => editNext(page, lang);

      // The same field: both open the editor; B saves first, then A.
      const [fa, fb] = [await edit(a), await edit(b)];
      await saveNext(fb, 'Book the QBR room');
      await waitFor(async () => (await globex()).nextAction.text === 'Book the QBR room');
      await saveNext(fa, 'Agree the agenda by email');
      const notice = fa.locator('[data-testid="conflict"]');
      await expectText(
        notice.locator('[data-testid="conflict-mine"]'),
        'Agree the agenda by email',
        {
          page: a,
        },
      );
      await expectText(notice.locator('[data-testid="conflict-theirs"]'), 'Book the QBR room', {
        page: a,
      });
      assert.equal(
        (await globex()).nextAction.text,
        'Book the QBR room',
        'saved over without asking',
      );
      await notice.scrollIntoViewIfNeeded();
      await screenshot(a, `conflict-next-action-${lang}`);
      await notice.locator('[data-testid="keep-mine"]').click();
      await waitFor(async () => (await globex()).nextAction.text === 'Agree the agenda by email', {
        message: 'Keep mine did not save',
      });
      await fa.waitFor({ state: 'detached' });

      // Different fields: A edits the next action while B moves the stage; both stay.
      const fa2 = await edit(a);
      await b.locator('#stage-new').selectOption('interdependent');
      await b.locator('#stage-reason').fill('Second site signed');
      await b.locator('section[aria-labelledby="stage-heading"] button[type="submit"]').click();
      await waitFor(async () => (await globex()).stage === 'interdependent');
      await saveNext(fa2, 'Plan the second site kick-off');
      await waitFor(
        async () => (await globex()).nextAction.text === 'Plan the second site kick-off',
        {
          message: 'the next action from tab A was not saved',
        },
      );
      assert.equal((await globex()).stage, 'interdependent', 'tab A undid tab B’s stage');
      assert.equal(await a.locator('[data-testid="conflict"]').count(), 0);

      await a.close();
      await b.close();
    },
  );
}
