// A thread from a sender whose address only looks like a client's (business-email compromise: "new
// bank details for the Q4 invoice"): the sidebar warns first, names the real domain, and shows none
// of the client's notes; a bidi override in an address is shown as a code point. In English and
// in Russian (screenshots in test-results/lookalike-*.png).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import en from '../../public/_locales/en/messages.json' with { type: 'json' };
import ru from '../../public/_locales/ru/messages.json' with { type: 'json' };
import {
  expectText,
  launch,
  loadFixture,
  screenshot,
  sidebar,
  sidebarFrameOf,
} from './harness.mjs';

/** A message with its placeholders filled in, as chrome.i18n does it. */
function message(messages, key, ...subs) {
  const { message: text, placeholders = {} } = messages[key];
  return text.replace(/\$(\w+)\$/g, (_, name) => {
    const at = Number(placeholders[name.toLowerCase()].content.slice(1));
    return subs[at - 1];
  });
}

/** What the sample account holds that only its own threads may show. */
const CLIENT_ONLY = [
  'Prefers short calls before 10:00', // Anna's notes
  'Runs the Dover hub', // Tom's notes
  'Cut cross-Channel transit times', // the account's goals
  'Send the Q1 volume proposal', // its next action
  'Renewal kick-off call', // its history
];

/** The thread fixture with every address of the client's domain moved to `domain`. */
function threadFrom(domain) {
  const { url, html } = loadFixture('thread');
  return { url, html: html.replaceAll('northwind.co.uk', domain) };
}

for (const [lang, messages] of [
  ['en', en],
  ['ru', ru],
]) {
  describe(`a look-alike sender (${lang})`, () => {
    let app;
    before(async () => {
      app = await launch({ lang: lang === 'en' ? null : lang });
      await app.seed(sampleBackup(Date.now()));
    });
    after(() => app?.close());

    test('a thread from a look-alike domain warns, names the real domain, shows no notes', async () => {
      // "northwlnd": an "l" for the "i". Anna and Tom both write from it.
      const { url, html } = threadFrom('northwlnd.co.uk');
      const gmail = await app.openHost(url, html);
      const warning = sidebar(gmail, 'lookalike-warning');
      await warning.waitFor({ timeout: 10_000 }).catch(async (error) => {
        await screenshot(gmail, `lookalike-missing-${lang}`);
        throw error;
      });
      const claim = message(
        messages,
        'sidebarLookalikeLooksLikeAccount',
        'northwind.co.uk',
        'Northwind Logistics',
      );
      await expectText(warning.locator('.rp-lookalike-claim').first(), claim, { page: gmail });
      assert.equal(await warning.getAttribute('role'), 'alert');
      const addresses = await sidebar(gmail, 'lookalike-address').allTextContents();
      assert.deepEqual(addresses.sort(), [
        'anna.keller@northwlnd.co.uk',
        'tom.reyes@mail.northwlnd.co.uk',
      ]);

      const frame = await sidebarFrameOf(gmail);
      const text = await frame.evaluate(() => document.body.innerText);
      for (const secret of CLIENT_ONLY) {
        assert.ok(!text.includes(secret), `the client's "${secret}" is shown for a look-alike`);
      }
      assert.equal(await sidebar(gmail, 'account-name').count(), 0, 'an account card is shown');
      // Nothing offers to make the look-alike an account until the user says twice it is one.
      assert.equal(await sidebar(gmail, 'create-account').count(), 0);
      await screenshot(gmail, `lookalike-sender-${lang}`);

      await sidebar(gmail, 'lookalike-not-client').click();
      assert.equal(await sidebar(gmail, 'create-account').count(), 0, 'offered after one click');
      await sidebar(gmail, 'lookalike-confirm').click();
      await sidebar(gmail, 'create-account').first().waitFor();
      await screenshot(gmail, `lookalike-confirmed-${lang}`);
      await gmail.close();
    });

    test('a full-width letter in the domain is a look-alike, not the client', async () => {
      // "\uFF4Eorthwind.co.uk" (a full-width "n") is read as northwind.co.uk by a URL parser.
      const { url, html } = threadFrom('\uFF4Eorthwind.co.uk');
      const gmail = await app.openHost(url, html);
      const warning = sidebar(gmail, 'lookalike-warning');
      await warning.waitFor({ timeout: 10_000 }).catch(async (error) => {
        await screenshot(gmail, `lookalike-fullwidth-missing-${lang}`);
        throw error;
      });
      const addresses = await sidebar(gmail, 'lookalike-address').allTextContents();
      assert.deepEqual(addresses.sort(), [
        'anna.keller@<U+FF4E>orthwind.co.uk',
        'tom.reyes@mail.<U+FF4E>orthwind.co.uk',
      ]);
      await expectText(
        warning.locator('.rp-lookalike-why').first(),
        message(messages, 'sidebarLookalikeWhyHidden'),
        { page: gmail },
      );
      const frame = await sidebarFrameOf(gmail);
      const text = await frame.evaluate(() => document.body.innerText);
      for (const secret of CLIENT_ONLY) {
        assert.ok(!text.includes(secret), `the client's "${secret}" is shown for a look-alike`);
      }
      assert.equal(await sidebar(gmail, 'account-name').count(), 0, 'an account card is shown');
      await screenshot(gmail, `lookalike-fullwidth-${lang}`);
      await gmail.close();
    });

    test('the real domain in front, run into another or with a homoglyph, is a look-alike', async () => {
      // "northwind.co.uk-docs.net" and "nоrthwind.co.uk.docs.net" (a Cyrillic "о"): both read as
      // the client's domain with something after it, and neither is the client's.
      for (const [domain, shown] of [
        ['northwind.co.uk-docs.net', 'anna.keller@northwind.co.uk-docs.net'],
        ['n\u043Erthwind.co.uk.docs.net', 'anna.keller@xn--nrthwind-nbh.co.uk.docs.net'],
      ]) {
        const { url, html } = threadFrom(domain);
        const gmail = await app.openHost(url, html);
        const warning = sidebar(gmail, 'lookalike-warning');
        await warning.waitFor({ timeout: 10_000 });
        const claim = message(
          messages,
          'sidebarLookalikeLooksLikeAccount',
          'northwind.co.uk',
          'Northwind Logistics',
        );
        await expectText(warning.locator('.rp-lookalike-claim').first(), claim, { page: gmail });
        const addresses = await sidebar(gmail, 'lookalike-address').allTextContents();
        assert.ok(addresses.includes(shown), `${shown} is not listed: ${addresses}`);
        const frame = await sidebarFrameOf(gmail);
        const text = await frame.evaluate(() => document.body.innerText);
        for (const secret of CLIENT_ONLY) {
          assert.ok(!text.includes(secret), `the client's "${secret}" is shown for ${domain}`);
        }
        assert.equal(await sidebar(gmail, 'account-name').count(), 0, 'an account card is shown');
        await screenshot(gmail, `lookalike-in-front-${lang}`);
        await gmail.close();
      }
    });

    test('a bidi override in an address is shown as a code point, with the warning', async () => {
      // Anna's address reads "anna.keller@northwind.co.uk" when painted, but is not; Tom is real.
      const hostile = 'anna.keller@\u202Eku.oc.dniwhtron';
      const { url, html } = loadFixture('thread');
      const gmail = await app.openHost(
        url,
        html.replaceAll('anna.keller@northwind.co.uk', hostile),
      );
      const warning = sidebar(gmail, 'lookalike-warning');
      await warning.waitFor({ timeout: 10_000 });
      await expectText(sidebar(gmail, 'lookalike-address'), 'anna.keller@<U+202E>ku.oc.dniwhtron', {
        page: gmail,
      });
      const claim = message(
        messages,
        'sidebarLookalikeLooksLikeAccount',
        'northwind.co.uk',
        'Northwind Logistics',
      );
      await expectText(warning.locator('.rp-lookalike-claim'), claim, { page: gmail });
      // Tom is the client's, so the client's card is shown, below the warning; the hostile
      // address is not among the thread's people, and no raw override reaches the panel.
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
      const frame = await sidebarFrameOf(gmail);
      const { order, raw } = await frame.evaluate(() => {
        const warn = document.querySelector('[data-testid="lookalike-warning"]');
        const card = document.querySelector('[data-testid="account-name"]');
        return {
          order: warn.compareDocumentPosition(card) & Node.DOCUMENT_POSITION_FOLLOWING,
          raw: document.body.innerText.includes('\u202E'),
        };
      });
      assert.ok(order, 'the warning is not above the account');
      assert.equal(raw, false, 'a raw U+202E is painted in the sidebar');
      await screenshot(gmail, `lookalike-bidi-${lang}`);
      await gmail.close();
    });
  });
}
