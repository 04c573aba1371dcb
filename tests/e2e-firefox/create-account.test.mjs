// Firefox: accounts born where the user is, and our own company never offered as a client, as in
// tests/e2e/create-new-account.test.mjs, create-free-mail.test.mjs and own-company.test.mjs:
// "New account" on the accounts page (its errors, which go as soon as their field changes, and
// landing on the new account), "Create an account…" for a free-mail sender in the sidebar (the
// company's name typed, no domain, never "Gmail"), and the mailbox's own domain counted as ours
// until own domains are set.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import {
  click,
  expectText,
  launch,
  loadFixture,
  screenshot,
  sidebar,
  sidebarFrameOf,
  textsOf,
  waitFor,
  waitUntilSettled,
} from './harness.mjs';

let app;
before(async () => {
  app = await launch();
});
after(() => app?.close());
beforeEach(async () => {
  await app.seed(sampleBackup(Date.now()));
});

async function accountNamed(name) {
  const row = (await app.call('listAccounts')).find((r) => r.name === name);
  return row ? app.call('getAccount', { id: row.id }) : null;
}

/** Replaces what `selector` holds with `text`, typed as a user types it (each key an input). */
async function retype(page, selector, text) {
  await page.$eval(selector, (el) => {
    el.focus();
    el.select();
  });
  if (text) await page.keyboard.type(text);
  else await page.keyboard.press('Backspace');
}

/** The texts of the elements matching `selector` in `page`. */
const texts = (page, selector) =>
  page.$$eval(selector, (els) => els.map((el) => el.textContent.trim()));

test(
  'accounts page: New account refuses no name and free mail, clears each error as its field changes, and lands on the account',
  { timeout: 60_000 },
  async () => {
    const page = await app.openPage('accounts.html#view=table');
    await page.setViewport({ width: 1100, height: 760 });
    try {
      const before = (await app.call('listAccounts')).length;
      await waitFor(() => page.$('[data-testid="new-account"]'), {
        message: 'the accounts page has no New account button',
      });
      await page.click('[data-testid="new-account"]');
      await waitFor(() => page.$('[data-testid="new-account-dialog"][open]'), {
        message: 'the New account form did not open',
      });
      await waitFor(() => page.evaluate(() => document.activeElement?.id === 'new-account-name'), {
        message: 'the name field did not take focus',
      });

      await page.click('[data-testid="new-account-create"]');
      await waitFor(async () => (await texts(page, '.f-error')).includes('Enter a name.'), {
        message: 'no error for a missing name',
      });
      await retype(page, '#new-account-name', 'Umbrella Corp');
      await waitFor(async () => (await texts(page, '.f-error')).length === 0, {
        message: 'the name error stayed after the name was typed',
      });

      await retype(page, '#new-account-domains', 'umbrella.com, gmail.com');
      await page.click('[data-testid="new-account-create"]');
      await waitFor(
        async () => (await texts(page, '.f-error')).some((t) => t.includes('gmail.com')),
        {
          message: 'free mail was not refused',
        },
      );
      await screenshot(page, 'new-account-free-mail-refused');
      assert.equal((await app.call('listAccounts')).length, before, 'a refused form wrote');
      await retype(page, '#new-account-domains', 'mail.umbrella.com');
      await waitFor(async () => (await texts(page, '.f-error')).length === 0, {
        message: 'the domain error stayed after the domains changed',
      });
      assert.equal(
        await page.$eval('#new-account-domains', (el) => el.getAttribute('aria-invalid')),
        null,
      );
      await page.select('#new-account-stage', 'cooperative');
      await page.click('[data-testid="new-account-create"]');

      // Lands on the new account, its name focused.
      await waitFor(
        () =>
          page.evaluate(() => {
            const el = document.activeElement;
            return !!el?.matches('.editor h1') && el.textContent.includes('Umbrella Corp');
          }),
        { message: 'focus is not on the new account name' },
      );
      assert.match(await page.evaluate(() => location.hash), /#account=/);
      const created = await accountNamed('Umbrella Corp');
      assert.deepEqual(created.account.domains, ['umbrella.com']);
      assert.equal(created.account.stage, 'cooperative');
      await screenshot(page, 'new-account-created');
    } finally {
      await page.close();
    }
  },
);

test(
  'a free-mail sender: "Create an account…" wants the company name and creates it with no domain',
  { timeout: 60_000 },
  async () => {
    const JORDAN = 'jordan.lee@gmail.com';
    const gmail = await app.openGmail('freemail-sender');
    try {
      const create = sidebar(gmail, 'create-named-account');
      await expectText(create, 'Create an account', { page: gmail });
      await waitUntilSettled(gmail);
      await click(create);
      const nameField = sidebar(gmail, 'new-account-name');
      const frame = await sidebarFrameOf(gmail);
      await waitFor(
        () =>
          frame.evaluate(
            () => document.activeElement?.getAttribute('data-testid') === 'new-account-name',
          ),
        { message: 'the company name field did not take focus' },
      );

      // No name: a clear error, and nothing is created.
      const before = (await app.call('listAccounts')).length;
      await gmail.keyboard.press('Enter');
      await waitFor(
        async () =>
          (await frame.$$eval('.rp-error', (els) => els.map((e) => e.textContent))).some((e) =>
            e.includes("Type the company's name."),
          ),
        { message: 'no error for a missing company name' },
      );
      assert.equal((await app.call('listAccounts')).length, before, 'created without a name');

      await gmail.keyboard.type('Lee Consulting');
      assert.deepEqual(await textsOf(nameField), ['Lee Consulting']);
      await screenshot(gmail, 'free-mail-create');
      await gmail.keyboard.press('Enter');
      const created = await waitFor(() => accountNamed('Lee Consulting'), {
        message: 'no Lee Consulting account',
      });
      assert.deepEqual(created.account.domains, [], 'a free-mail account got a domain');
      assert.deepEqual(
        created.people.map((p) => [p.name, p.emails]),
        [['Jordan Lee', [JORDAN]]],
      );
      const names = (await app.call('listAccounts')).map((r) => r.name);
      assert.ok(!names.some((n) => /gmail/i.test(n)), `a company named after Gmail: ${names}`);
      // The thread now finds the new account by Jordan's email.
      await expectText(sidebar(gmail, 'account-name'), 'Lee Consulting', { page: gmail });
      await screenshot(gmail, 'free-mail-created');
    } finally {
      await gmail.close();
    }
  },
);

/** The domains of the company cards the sidebar offers to create. */
async function offered(page) {
  const frame = await sidebarFrameOf(page);
  return frame.$$eval('.rp-new .rp-muted', (els) => els.map((e) => e.textContent));
}

test(
  'own company: until own domains are set, the mailbox’s own domain is ours, never a client',
  { timeout: 60_000 },
  async () => {
    // A new user: no own domains set.
    await app.call('updateSettings', { ownDomains: [] });
    const gmail = await app.openGmail('internal-cc');
    let second = null;
    let popup = null;
    try {
      await expectText(sidebar(gmail, 'account-name'), 'Globex', { page: gmail });
      const frame = await sidebarFrameOf(gmail);
      const colleagues = await frame.$$eval('.rp-unknown', (els) => els.map((e) => e.textContent));
      assert.ok(
        colleagues.every((c) => !c.includes('brightwave.io')),
        `a colleague is offered as a client: ${colleagues.join(' | ')}`,
      );
      assert.ok(!(await offered(gmail)).includes('brightwave.io'), 'our own company is offered');
      await screenshot(gmail, 'own-company-thread');

      // Another mailbox (/mail/u/1/), signed in at Globex, judges by its own address.
      const { url, html } = loadFixture('internal-cc');
      second = await app.openHost(
        url.replace('/mail/u/0/', '/mail/u/1/'),
        html.replaceAll('sam.carter@brightwave.io', 'sam.carter@globex.com'),
      );
      await waitFor(async () => (await offered(second)).includes('brightwave.io'), {
        message: 'the Globex mailbox does not offer Brightwave as a client',
      });
      await second.close();
      second = null;

      // The popup says what it assumed, and the user can name their company instead.
      popup = await app.openPage('popup.html', { window: true });
      await popup.setViewport({ width: 400, height: 640 });
      await waitFor(
        async () =>
          (await texts(popup, '[data-testid="own-assumed"]')).some((t) =>
            t.includes('Treating brightwave.io as your own company'),
          ),
        { message: 'the popup does not say brightwave.io was taken as our own company' },
      );
      await screenshot(popup, 'own-company-assumed');
      await popup.click('[data-testid="own-assumed"] [data-testid="own-change"]');
      await waitFor(() => popup.$('[data-testid="own-domain-input"]'), {
        message: 'Change did not show the domain field',
      });
      await retype(popup, '[data-testid="own-domain-input"]', 'initech-systems.com');
      await popup.keyboard.press('Enter');
      await waitFor(
        async () =>
          (
            await popup.evaluate(async () => {
              const stored = await globalThis.browser.storage.sync.get('rapport:settings');
              return stored['rapport:settings']?.ownDomains;
            })
          )?.join() === 'initech-systems.com',
        { message: 'the typed own domain was not saved' },
      );
      await gmail.reload();
      await waitFor(async () => (await offered(gmail)).includes('brightwave.io'), {
        message: 'the change did not take effect: Brightwave is not offered',
      });
      // The card for Brightwave, now a client, in view for the screenshot.
      await (await sidebarFrameOf(gmail)).$eval('.rp-new', (el) => el.scrollIntoView());
      await screenshot(gmail, 'own-company-changed');
    } finally {
      await second?.close();
      await popup?.close();
      await gmail.close();
    }
  },
);
