// No silent lost update (issue 16): two tabs edit the same account from the same read. Changes
// to different fields merge; a change to the same field shows the conflict notice with both
// values and the choice, in English and in Russian. On the accounts page (details form) and in
// the sidebar (a person's notes, in two Gmail tabs).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { ROOT, expectText, launch, openPeople, screenshot, sidebar, waitFor } from './harness.mjs';

const words = (lang) =>
  JSON.parse(fs.readFileSync(path.join(ROOT, 'public', '_locales', lang, 'messages.json'), 'utf8'));
const say = (lang, key, value) => {
  const entry = words(lang)[key];
  return value === undefined ? entry.message : entry.message.replace(/\$[A-Z]+\$/, value);
};

let app;
after(() => app?.close());

const account = async () => (await app.call('getAccount', { id: 'acc-northwind' })).account;
const anna = async () =>
  (await app.call('getAccount', { id: 'acc-northwind' })).people.find((p) => p.id === 'per-anna');

for (const lang of ['en', 'ru']) {
  test(
    `accounts page, two tabs (${lang}): different fields merge, the same field asks`,
    {
      timeout: 120_000,
    },
    async () => {
      await app?.close();
      app = await launch({ lang });
      await app.seed(sampleBackup(Date.now()));
      const open = async () => {
        const page = await app.openPage('accounts.html#account=acc-northwind');
        await page.locator('#account-goals').waitFor();
        return page;
      };
      const [a, b] = [await open(), await open()];
      const save = (page) =>
        page.locator('section[aria-labelledby="details-heading"] button[type="submit"]').click();

      // Different fields: A the goals, B (loaded before A saved) the name. Both stay.
      await a.locator('#account-goals').fill('Grow EMEA volumes by 20%.');
      await b.locator('#account-name').fill('Northwind Group');
      await save(a);
      await waitFor(async () => (await account()).profile.goals === 'Grow EMEA volumes by 20%.');
      await save(b);
      await waitFor(async () => (await account()).name === 'Northwind Group', {
        message: 'the name from tab B was not saved',
      });
      const merged = await account();
      assert.equal(merged.profile.goals, 'Grow EMEA volumes by 20%.', 'tab B undid tab A’s goals');
      assert.equal(await b.locator('[data-testid="conflict"]').count(), 0);

      // The same field: both edit the pain points from the same read; B saves second.
      await waitFor(
        async () => (await a.locator('#account-name').inputValue()) === 'Northwind Group',
      );
      await a.locator('#account-pain').fill('Invoices arrive late.');
      await b.locator('#account-pain').fill('Customs delays at Calais.');
      await save(a);
      await waitFor(async () => (await account()).profile.painPoints === 'Invoices arrive late.');
      await save(b);
      const notice = b.locator('[data-testid="conflict"]');
      await expectText(
        notice.locator('[data-testid="conflict-mine"]'),
        say(lang, 'conflictYours', 'Customs delays at Calais.'),
        { page: b },
      );
      await expectText(
        notice.locator('[data-testid="conflict-theirs"]'),
        say(lang, 'conflictTheirs', 'Invoices arrive late.'),
        { page: b },
      );
      // Nothing reverted, nothing overwritten while the user has not chosen.
      assert.equal((await account()).profile.painPoints, 'Invoices arrive late.');
      assert.equal(await b.locator('#account-pain').inputValue(), 'Customs delays at Calais.');
      await notice.scrollIntoViewIfNeeded();
      await screenshot(b, `conflict-accounts-${lang}`);
      await notice.locator('[data-testid="keep-mine"]').click();
      await waitFor(
        async () => (await account()).profile.painPoints === 'Customs delays at Calais.',
        {
          message: 'Keep mine did not save',
        },
      );
      await notice.waitFor({ state: 'detached' });

      // Take theirs: both edit the pain points again from the same read; B saves first, A drops
      // its change and shows B's.
      await waitFor(
        async () => (await a.locator('#account-pain').inputValue()) === 'Customs delays at Calais.',
      );
      await a.locator('#account-pain').fill('Something else.');
      await b.locator('#account-pain').fill('Port strike risk.');
      await save(b);
      await waitFor(async () => (await account()).profile.painPoints === 'Port strike risk.');
      await save(a);
      await a.locator('[data-testid="conflict"] [data-testid="take-theirs"]').click();
      await waitFor(
        async () => (await a.locator('#account-pain').inputValue()) === 'Port strike risk.',
        { message: 'Take theirs did not show their value' },
      );
      assert.equal((await account()).profile.painPoints, 'Port strike risk.');
      await a.close();
      await b.close();
    },
  );

  test(
    `sidebar person notes, two Gmail tabs (${lang}): the same field asks, others merge`,
    {
      timeout: 120_000,
    },
    async () => {
      const tabs = [];
      for (let i = 0; i < 2; i++) {
        const gmail = await app.openGmail('thread');
        await sidebar(gmail, 'account-name').waitFor();
        await openPeople(gmail);
        tabs.push(gmail);
      }
      const [a, b] = tabs;
      const notesOf = (page) =>
        sidebar(page, 'person')
          .filter({ hasText: 'Anna Keller' })
          .locator('[data-testid="person-notes"]');
      const roleOf = (page) =>
        sidebar(page, 'person').filter({ hasText: 'Anna Keller' }).locator('select').first();
      const before = await anna();

      // Different fields: A types notes (not yet saved), B changes the role; then A saves.
      await notesOf(a).fill('Back from leave in May.');
      await roleOf(b).selectOption('influencer');
      await waitFor(async () => (await anna()).role === 'influencer');
      await notesOf(a).blur();
      await waitFor(async () => (await anna()).notes === 'Back from leave in May.', {
        message: 'tab A’s notes were not saved',
      });
      assert.equal((await anna()).role, 'influencer', 'tab A undid tab B’s role');

      // The same field: both type notes from the same read; A saves first.
      await waitFor(async () => (await notesOf(b).inputValue()) === 'Back from leave in May.');
      await notesOf(a).fill('Prefers email.');
      await notesOf(b).fill('Call after 10:00.');
      await notesOf(a).blur();
      await waitFor(async () => (await anna()).notes === 'Prefers email.');
      await notesOf(b).blur();
      const notice = sidebar(b, 'conflict');
      await expectText(
        notice.locator('[data-testid="conflict-theirs"]'),
        say(lang, 'conflictTheirs', 'Prefers email.'),
        { page: b },
      );
      await expectText(
        notice.locator('[data-testid="conflict-mine"]'),
        say(lang, 'conflictYours', 'Call after 10:00.'),
        { page: b },
      );
      assert.equal((await anna()).notes, 'Prefers email.', 'saved over without asking');
      await notice.scrollIntoViewIfNeeded();
      await screenshot(b, `conflict-sidebar-notes-${lang}`);
      await notice.locator('[data-testid="take-theirs"]').click();
      await waitFor(async () => (await notesOf(b).inputValue()) === 'Prefers email.', {
        message: 'Take theirs did not show their notes',
      });
      assert.equal((await anna()).notes, 'Prefers email.');
      assert.notEqual(before.notes, 'Prefers email.');
      for (const tab of tabs) await tab.close();
    },
  );
}
