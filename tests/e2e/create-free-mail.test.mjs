// A free-mail sender in the sidebar: "Create an account…" with the company's name typed (no
// domain, never "Gmail"), and "Add to an existing account" (the person joins the chosen account).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { expectText, launch, screenshot, sidebarFrame, waitFor } from './harness.mjs';

const JORDAN = 'jordan.lee@gmail.com';
const WORDS = {
  en: {
    add: 'Add to an existing account: Jordan Lee',
    create: 'Create an account for Jordan Lee',
    missing: "Type the company's name.",
  },
  ru: {
    add: 'Добавить к клиенту: Jordan Lee',
    create: 'Создать клиента для: Jordan Lee',
    missing: 'Введите название компании.',
  },
};

async function accountOf(app, name) {
  const rows = await app.call('listAccounts');
  const row = rows.find((r) => r.name === name);
  return row && app.call('getAccount', { id: row.id });
}

for (const lang of ['en', 'ru']) {
  test(`a free-mail sender (${lang}): add to an existing account, or create one by name`, async () => {
    const app = await launch({ lang });
    try {
      await app.seed(sampleBackup(Date.now()));
      const gmail = await app.openGmail('freemail-sender');
      const frame = sidebarFrame(gmail);
      const jordan = frame.locator('.rp-unknown').filter({ hasText: JORDAN });
      await jordan.waitFor();
      await screenshot(gmail, `free-mail-offers-${lang}`);

      // Add to an existing account: the search finds Northwind, Jordan joins it.
      await frame.getByRole('button', { name: WORDS[lang].add }).click();
      await jordan.locator('input[type="search"]').fill('north');
      await jordan.locator('.rp-result').filter({ hasText: 'Northwind Logistics' }).click();
      await waitFor(
        async () =>
          (await accountOf(app, 'Northwind Logistics'))?.people.some((p) =>
            p.emails.includes(JORDAN),
          ),
        { message: 'Jordan was not added to Northwind' },
      );
      await waitFor(async () => (await jordan.count()) === 0, {
        message: 'Jordan is still unknown',
      });

      // Back to a store where Jordan belongs nowhere: create an account by its name.
      await app.seed(sampleBackup(Date.now()));
      await gmail.reload();
      await jordan.waitFor();
      await jordan.getByRole('button', { name: WORDS[lang].create }).click();
      const nameField = jordan.locator('[data-testid="new-account-name"]');
      await waitFor(() => nameField.evaluate((el) => el === document.activeElement), {
        message: 'the name field did not take focus',
      });
      // No name: a clear error, and nothing is created.
      const before = (await app.call('listAccounts')).length;
      await nameField.press('Enter');
      await expectText(jordan.locator('.rp-error'), WORDS[lang].missing, { page: gmail });
      assert.equal(
        (await app.call('listAccounts')).length,
        before,
        'an account was created without a name',
      );
      await nameField.fill('Lee Consulting');
      await screenshot(gmail, `free-mail-create-${lang}`);
      await nameField.press('Enter');
      await waitFor(() => accountOf(app, 'Lee Consulting'), {
        message: 'no Lee Consulting account',
      });
      const created = await accountOf(app, 'Lee Consulting');
      assert.deepEqual(created.account.domains, [], 'a free-mail account got a domain');
      assert.deepEqual(
        created.people.map((p) => [p.name, p.emails]),
        [['Jordan Lee', [JORDAN]]],
      );
      const names = (await app.call('listAccounts')).map((r) => r.name);
      assert.ok(!names.some((n) => /gmail/i.test(n)), `a company named after Gmail: ${names}`);
      // The thread now finds the new account by Jordan's email.
      await waitFor(async () => (await frame.getByText('Lee Consulting').count()) > 0, {
        message: 'the sidebar does not show Lee Consulting',
      });
      await screenshot(gmail, `free-mail-created-${lang}`);
      await gmail.close();
    } finally {
      await app.close();
    }
  });
}
