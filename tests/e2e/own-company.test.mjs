// Own company is never a client: until the user names their own domains, each mailbox's signed-in
// address says which company is theirs, the popup says what it assumed, and a change takes effect.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import {
  expectText,
  launch,
  loadFixture,
  screenshot,
  sidebar,
  sidebarFrame,
  waitFor,
} from './harness.mjs';

const ASSUMED = {
  en: 'Treating brightwave.io as your own company',
  ru: 'Считаем brightwave.io вашей компанией',
};

/** The company cards the sidebar offers to create, by their domain line. */
const offered = (gmail) =>
  sidebarFrame(gmail)
    .locator('.rp-new .rp-muted')
    .evaluateAll((els) => els.map((e) => e.textContent));

/** The internal-cc thread as seen from another mailbox (/mail/u/1/), signed in at Globex. */
function globexMailbox() {
  const { url, html } = loadFixture('internal-cc');
  return {
    url: url.replace('/mail/u/0/', '/mail/u/1/'),
    html: html.replaceAll('sam.carter@brightwave.io', 'sam.carter@globex.com'),
  };
}

for (const lang of ['en', 'ru']) {
  test(`own company (${lang}): no "create account" for our own domain, and the popup says so`, async () => {
    const app = await launch({ lang });
    try {
      await app.seed(sampleBackup(Date.now()));
      // A new user: no own domains set.
      await app.call('updateSettings', { ownDomains: [] });

      const gmail = await app.openGmail('internal-cc');
      await expectText(sidebar(gmail, 'account-name'), 'Globex', { page: gmail });
      // The accounts and the unknown senders come in one answer: both are painted by now.
      const colleagues = await sidebarFrame(gmail)
        .locator('.rp-unknown')
        .evaluateAll((els) => els.map((e) => e.textContent));
      assert.ok(
        colleagues.every((c) => !c.includes('brightwave.io')),
        `a colleague is offered as a client: ${colleagues.join(' | ')}`,
      );
      assert.ok(!(await offered(gmail)).includes('brightwave.io'), 'our own company is offered');

      // Another mailbox, signed in at Globex, opened last: it judges by its own address...
      const other = globexMailbox();
      const second = await app.openHost(other.url, other.html);
      await waitFor(async () => (await offered(second)).includes('brightwave.io'), {
        message: 'the Globex mailbox does not offer Brightwave as a client',
      });
      // ...and the first mailbox still by its own, whichever was seen last.
      await gmail.reload();
      await expectText(sidebar(gmail, 'account-name'), 'Globex', { page: gmail });
      assert.ok(!(await offered(gmail)).includes('brightwave.io'), 'own company offered after u/1');
      await second.close();

      const popup = await app.openPage('popup.html');
      await popup.setViewportSize({ width: 400, height: 640 });
      const assumed = popup
        .locator('[data-testid="own-assumed"]')
        .filter({ hasText: 'brightwave.io' });
      await expectText(assumed, ASSUMED[lang], { page: popup });
      await assumed.scrollIntoViewIfNeeded();
      await screenshot(popup, `own-company-assumed-${lang}`);

      // The user's company is another: the change takes effect on the thread.
      await assumed.locator('[data-testid="own-change"]').click();
      const field = popup.locator('[data-testid="own-domain-input"]');
      await waitFor(() => field.evaluate((el) => el === document.activeElement), {
        message: 'Change did not focus the domain field',
      });
      await field.fill('not a domain');
      await field.press('Enter');
      await popup.locator('#own-domain-error').waitFor();
      await field.fill('initech-systems.com');
      // The error goes as soon as the field changes, not at the next Add.
      await popup.locator('#own-domain-error').waitFor({ state: 'detached' });
      await field.press('Enter');
      const own = () =>
        popup.evaluate(
          async () =>
            (await chrome.storage.sync.get('rapport:settings'))['rapport:settings']?.ownDomains,
        );
      await waitFor(async () => (await own())?.join() === 'initech-systems.com', {
        message: 'the typed domain was not saved',
      });
      await gmail.reload();
      await waitFor(async () => (await offered(gmail)).includes('brightwave.io'), {
        message: 'the change did not take effect: Brightwave is not offered',
      });
      assert.ok(!(await offered(gmail)).includes('initech-systems.com'), 'Initech still offered');

      // Back: the popup offers the mailbox's domain, and taking it removes the card again.
      // Each mailbox's domain is offered (Globex's too: it was opened as well).
      const suggestion = popup
        .locator('[data-testid="own-domain-suggestion"]')
        .filter({ hasText: 'brightwave.io' });
      await expectText(suggestion, 'brightwave.io', { page: popup });
      await screenshot(popup, `own-company-changed-${lang}`);
      await suggestion.getByRole('button').click();
      await waitFor(async () => (await own())?.includes('brightwave.io'), {
        message: 'brightwave.io was not added',
      });
      await gmail.reload();
      await expectText(sidebar(gmail, 'account-name'), 'Globex', { page: gmail });
      await waitFor(async () => !(await offered(gmail)).includes('brightwave.io'), {
        message: 'Brightwave is still offered once named as own',
      });
      await popup.close();
      await gmail.close();
    } finally {
      await app.close();
    }
  });
}
