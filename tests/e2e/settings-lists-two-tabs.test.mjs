// Own domains edited in two options pages at once (issue 16): the list is a set, so each page's
// additions and removals apply over the other's, with no conflict and nothing lost. Tab B is held
// behind (it does not hear of A's saves, like a tab busy elsewhere) so that each of its changes is
// made from the list as it was before A's, the case a whole-list write loses. In English and Russian.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { launch, screenshot, waitFor } from './harness.mjs';

const storedDomains = (page) =>
  page.evaluate(
    async () => (await chrome.storage.sync.get('rapport:settings'))['rapport:settings']?.ownDomains,
  );

/** The options page's own-domains card. */
const group = (page) => page.locator('section[aria-labelledby="own-domains-heading"]');

/** The own domains a page shows, in order. */
const chips = (page) =>
  group(page)
    .locator('.chips li span')
    .evaluateAll((els) => els.map((e) => e.textContent));

/** Before the page's scripts: storage changes reach it only while window.__hold is false. */
function holdableStorageEvents() {
  const held = [];
  window.__hold = false;
  window.__release = () => {
    window.__hold = false;
    for (const run of held.splice(0)) run();
  };
  const onChanged = chrome.storage.onChanged;
  const add = onChanged.addListener.bind(onChanged);
  onChanged.addListener = (listener) =>
    add((...args) => (window.__hold ? held.push(() => listener(...args)) : listener(...args)));
}

async function addDomain(page, domain) {
  await page.locator('#own-domain-new').fill(domain);
  await page.locator('#own-domain-new').press('Enter');
}

for (const lang of ['en', 'ru']) {
  test(`own domains in two options pages (${lang}): additions and removals both apply`, async () => {
    const app = await launch(lang === 'ru' ? { lang: 'ru' } : {});
    try {
      await app.call('updateSettings', { ownDomains: ['brightwave.io'] });
      const a = await app.openPage('options.html');
      const b = await app.context.newPage();
      await b.addInitScript(holdableStorageEvents);
      await b.goto(`${app.origin}/options.html`);
      for (const page of [a, b]) {
        await waitFor(async () => (await chips(page)).join() === 'brightwave.io', {
          message: 'a page does not show the saved domain',
        });
      }

      // Both add a domain; B still shows the list without A's.
      await b.evaluate(() => (window.__hold = true));
      await addDomain(a, 'acme.io');
      await waitFor(async () => (await storedDomains(a))?.includes('acme.io'), {
        message: 'A did not save acme.io',
      });
      assert.deepEqual(await chips(b), ['brightwave.io'], 'B was not held behind');
      await addDomain(b, 'globex.com');
      await waitFor(async () => (await storedDomains(a))?.includes('globex.com'), {
        message: 'B did not save globex.com',
      });
      assert.deepEqual(await storedDomains(a), ['brightwave.io', 'acme.io', 'globex.com']);

      // A removes a domain, B (behind again) adds one: both apply.
      await b.evaluate(() => window.__release());
      await waitFor(async () => (await chips(b)).length === 3, { message: 'B did not follow' });
      await b.evaluate(() => (window.__hold = true));
      await group(a).locator('.chip-remove').first().click();
      await waitFor(async () => !(await storedDomains(a))?.includes('brightwave.io'), {
        message: 'A did not remove brightwave.io',
      });
      await addDomain(b, 'initech.com');
      await waitFor(async () => (await storedDomains(a))?.includes('initech.com'), {
        message: 'B did not save initech.com',
      });
      const expected = ['acme.io', 'globex.com', 'initech.com'];
      assert.deepEqual(await storedDomains(a), expected);
      await b.evaluate(() => window.__release());
      for (const page of [a, b]) {
        await waitFor(async () => (await chips(page)).join() === expected.join(), {
          message: `a page shows ${(await chips(page)).join()}`,
        });
        assert.equal(await page.locator('[data-testid="conflict"]').count(), 0, 'a conflict');
      }
      await group(b).scrollIntoViewIfNeeded();
      await screenshot(b, `settings-own-domains-two-tabs-${lang}`);
    } finally {
      await app.close();
    }
  });
}
