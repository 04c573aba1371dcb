// International domains are real domains: an unknown sender at a Cyrillic domain is offered as a
// company, "Create account" stores its domain (in ASCII form, shown in Cyrillic), and the next
// thread from that domain, whichever form its address uses, opens that account.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { expectText, launch, loadFixture, screenshot, sidebar } from './harness.mjs';

let app;
before(async () => {
  app = await launch();
  await app.seed(sampleBackup(Date.now()));
});
after(() => app?.close());

/** The unknown-sender thread, with its sender at `email` instead, at a thread URL of its own. */
function threadFrom(email, threadId) {
  const { url, html } = loadFixture('unknown-sender');
  return {
    url: url.replace(/#.*$/, `#inbox/${threadId}`),
    html: html.replaceAll('priya.shah@initech-systems.com', email),
  };
}

test(
  'an unknown sender at пример.рф becomes an account, and the next thread from it matches',
  { timeout: 90_000 },
  async () => {
    const first = threadFrom('иван@пример.рф', 'FMfcgzIdnFirst');
    const gmail = await app.openHost(first.url, first.html);
    try {
      const create = sidebar(gmail, 'create-account');
      await create.waitFor({ timeout: 15_000 });
      const card = sidebar(gmail).locator('.rp-new');
      // Offered as people write it: the company named and shown in Cyrillic, no "xn--".
      await expectText(card, /Пример/, { page: gmail });
      const offered = await card.innerText();
      assert.match(offered, /пример\.рф/);
      assert.doesNotMatch(offered, /xn--/);
      await screenshot(gmail, 'idn-unknown-sender');

      await create.click();
      await expectText(sidebar(gmail, 'account-name'), 'Пример', { page: gmail });
      const shown = await sidebar(gmail).innerText();
      assert.match(shown, /пример\.рф/, 'the account shows its domain in Cyrillic');
      assert.doesNotMatch(shown, /xn--/);
      await screenshot(gmail, 'idn-account-created');
    } finally {
      await gmail.close();
    }

    const stored = (await app.call('exportData')).accounts.find((a) => a.name === 'Пример');
    assert.ok(stored, 'the account was created');
    assert.deepEqual(stored.domains, ['xn--e1afmkfd.xn--p1ai']);

    // The next thread, from a colleague whose address is in the ASCII form, finds it.
    const next = threadFrom('olga@xn--e1afmkfd.xn--p1ai', 'FMfcgzIdnNext');
    const again = await app.openHost(next.url, next.html);
    try {
      await expectText(sidebar(again, 'account-name'), 'Пример', { page: again });
      assert.equal(await sidebar(again, 'create-account').count(), 0);
    } finally {
      await again.close();
    }
  },
);
