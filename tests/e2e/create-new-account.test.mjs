// "New account" from wherever the user is: every view of the accounts page, its empty state, and
// the popup. The form wants a name; domains are checked; the user lands on the new account.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { expectText, launch, screenshot, waitFor } from './harness.mjs';

const WORDS = {
  en: { button: 'New account', nameMissing: 'Enter a name.', freeMail: 'gmail.com' },
  ru: { button: 'Новый клиент', nameMissing: 'Введите название.', freeMail: 'gmail.com' },
};

const focusedId = (page) => page.evaluate(() => document.activeElement?.id ?? '');
/** The account's name as the focused element shows it (the editor's heading), or null. */
const focusedName = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el?.matches('.editor h1') ? el.textContent : null;
  });

/** The form's error is gone, and the field it was about no longer marked invalid. */
async function expectNoError(errors, field, page) {
  await waitFor(async () => (await errors.count()) === 0, {
    message: `an error stayed on screen after ${field} changed`,
  });
  assert.equal(await page.locator(field).getAttribute('aria-invalid'), null);
}

for (const lang of ['en', 'ru']) {
  test(`new account (${lang}): in every view, the empty state and the popup`, async () => {
    const app = await launch({ lang });
    try {
      await app.seed(sampleBackup(Date.now()));
      const page = await app.openPage('accounts.html#view=table');
      await page.setViewportSize({ width: 1100, height: 760 });
      for (const view of ['table', 'portfolio', 'calendar']) {
        await page.evaluate((v) => (location.hash = `#view=${v}`), view);
        await expectText(page.locator('[data-testid="new-account"]'), WORDS[lang].button, { page });
      }

      // From the calendar: no name is refused, a free-mail domain is refused, nothing is written.
      const before = (await app.call('listAccounts')).length;
      await page.locator('[data-testid="new-account"]').click();
      const dialog = page.locator('[data-testid="new-account-dialog"]');
      await dialog.waitFor();
      assert.equal(await focusedId(page), 'new-account-name', 'the name field is not focused');
      await dialog.locator('[data-testid="new-account-create"]').click();
      await expectText(dialog.locator('.f-error'), WORDS[lang].nameMissing, { page });
      // An error goes as soon as its field changes, not at the next submit.
      await dialog.locator('#new-account-name').fill('Umbrella Corp');
      await expectNoError(dialog.locator('.f-error'), '#new-account-name', page);
      await dialog.locator('#new-account-domains').fill('umbrella.com, gmail.com');
      await dialog.locator('[data-testid="new-account-create"]').click();
      await expectText(dialog.locator('.f-error'), WORDS[lang].freeMail, { page });
      assert.equal((await app.call('listAccounts')).length, before, 'a refused form wrote');
      await dialog.locator('#new-account-domains').fill('mail.umbrella.com');
      await expectNoError(dialog.locator('.f-error'), '#new-account-domains', page);
      await dialog.locator('#new-account-stage').selectOption('cooperative');
      await dialog.locator('#new-account-potential').selectOption('high');
      await screenshot(page, `new-account-form-${lang}`);
      await dialog.locator('[data-testid="new-account-create"]').click();

      // Lands on the new account, its name focused.
      await waitFor(async () => (await focusedName(page))?.includes('Umbrella Corp'), {
        message: 'focus is not on the new account name',
      });
      assert.match(page.url(), /#account=/);
      assert.equal(await page.locator('#account-name').inputValue(), 'Umbrella Corp');
      const row = (await app.call('listAccounts')).find((r) => r.name === 'Umbrella Corp');
      const view = await app.call('getAccount', { id: row.id });
      assert.deepEqual(view.account.domains, ['umbrella.com']);
      assert.equal(view.account.stage, 'cooperative');
      assert.equal(view.account.potential, 'high');
      // Its start is in its history, read from the account: no stage change is stored for it.
      assert.deepEqual(
        view.stageChanges.map((c) => [c.from, c.to, c.at]),
        [[null, 'cooperative', view.account.createdAt]],
      );
      const stored = await app.call('exportData');
      assert.equal(stored.stageChanges.filter((c) => c.accountId === row.id).length, 0);
      await screenshot(page, `new-account-created-${lang}`);

      // Escape closes the form and gives focus back to the button.
      await page.evaluate(() => (location.hash = '#view=table'));
      await page.locator('[data-testid="new-account"]').click();
      await dialog.waitFor();
      await page.keyboard.press('Escape');
      await waitFor(async () => (await dialog.count()) === 0, { message: 'Escape left the form' });
      // Focus comes back in the render after the form closes: wait for it, then assert it.
      const focused = () =>
        page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
      await waitFor(async () => (await focused()) === 'new-account' || null, {
        timeout: 2000,
      }).catch(() => undefined);
      assert.equal(await focused(), 'new-account');

      // The empty state has its own button.
      await app.call('wipeData');
      await page.reload();
      await page.locator('[data-testid="new-account-empty"]').click();
      await dialog.locator('#new-account-name').fill('First Co');
      await screenshot(page, `new-account-empty-${lang}`);
      await dialog.locator('#new-account-name').press('Enter');
      await waitFor(async () => (await focusedName(page))?.includes('First Co'), {
        message: 'the empty state did not land on the new account',
      });
      await page.close();

      // The popup's "New account" opens the accounts page with the form open.
      const popup = await app.openPage('popup.html');
      const [opened] = await Promise.all([
        app.context.waitForEvent('page'),
        popup.locator('[data-testid="new-account-link"]').click(),
      ]);
      await opened.locator('[data-testid="new-account-dialog"]').waitFor();
      await waitFor(async () => (await focusedId(opened)) === 'new-account-name', {
        message: 'the form opened from the popup has no focus on its name',
      });
      assert.ok(!opened.url().includes('new='), 'the address keeps new=1');
      await opened.setViewportSize({ width: 1100, height: 760 });
      await screenshot(opened, `new-account-from-popup-${lang}`);
      await opened.close();
      await popup.close();
    } finally {
      await app.close();
    }
  });
}
