// The accounts page at a big store, in Chromium: 20,000 accounts seeded through the worker's
// importData. The first screen comes from one page of rows; search, sort and scrolling ask the
// background for the rows they show, and the DOM holds only the rows in view, never the store.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { bigBackup } from '../bench/data.mjs';
import { seed } from '../bench/store.mjs';
import { launch, waitFor } from './harness.mjs';
import { msg, shot, texts } from './pages-helpers.mjs';

const ACCOUNTS = 20_000;
const ROW_HEIGHT = 56;

let app;
let backup;
before(async () => {
  app = await launch();
  backup = bigBackup({ accounts: ACCOUNTS, activities: 4_000, peoplePerAccount: 0.2 });
  await seed(app, backup);
});
after(() => app?.close());

/** The accounts in the table's name order: the name without case or surrounding space, then id. */
function byName(accounts) {
  const key = (a) => a.name.trim().toLowerCase();
  return [...accounts].sort((a, b) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
}

const rowsInDom = (page) => page.locator('table.accounts tbody tr[data-id]').count();
const countText = (page) => page.locator('[data-testid="table-count"]').textContent();

test('the first screen, search, sort and scrolling at 20,000 accounts, with few rows in the DOM', async () => {
  const page = await app.openPage('accounts.html#view=table');
  await page.locator('table.accounts tbody tr[data-id]').first().waitFor();
  const ordered = byName(backup.accounts);

  // First screen: the first names, the whole count, and only the rows in view in the DOM.
  assert.equal(await page.locator('.count-badge').textContent(), String(ACCOUNTS));
  assert.match(await countText(page), new RegExp(`^Accounts 1–\\d+ of ${ACCOUNTS}$`));
  const first = await texts(page, 'table.accounts td.name a');
  assert.deepEqual(
    first.slice(0, 5),
    ordered.slice(0, 5).map((a) => a.name),
  );
  assert.ok((await rowsInDom(page)) < 60, `${await rowsInDom(page)} rows in the DOM`);
  await shot(page, 'accounts-scale-first-screen', { fullPage: false });

  // Scrolled to the middle: the rows there are loaded and shown; the DOM stays small.
  const middle = 10_000;
  await page
    .locator('.table-wrap')
    .evaluate((el, top) => (el.scrollTop = top), middle * ROW_HEIGHT);
  const at = page.locator(`table.accounts tr[aria-rowindex="${middle + 2}"][data-id]`);
  await at.waitFor();
  assert.equal(await at.getAttribute('data-id'), ordered[middle].id);
  assert.equal(await at.locator('td.name a').textContent(), ordered[middle].name);
  assert.ok((await rowsInDom(page)) < 80, `${await rowsInDom(page)} rows in the DOM`);
  await shot(page, 'accounts-scale-scrolled', { fullPage: false });

  // Sorted by name, Z to A: back at the top, the last names first.
  await page.locator('button[data-sort="name"]').click();
  await waitFor(
    async () => (await page.locator('th[aria-sort]').getAttribute('aria-sort')) === 'descending',
    {
      message: 'the name column sorted descending',
    },
  );
  const last = ordered[ordered.length - 1];
  await page.locator(`table.accounts tr[aria-rowindex="2"][data-id="${last.id}"]`).waitFor();
  assert.equal(await page.locator('.table-wrap').evaluate((el) => el.scrollTop), 0);

  // Search: every word must begin a word of the name, a domain or the next action.
  const target = backup.accounts[1234];
  const word = target.name.split(' ')[0];
  const wordsOf = (text) =>
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
  const accountWords = (a) => [
    ...wordsOf(a.name),
    ...a.domains.flatMap((d) => [d, ...wordsOf(d)]),
    ...(a.nextAction ? wordsOf(a.nextAction.text) : []),
  ];
  const query = word.toLowerCase();
  const matching = backup.accounts.filter((a) => accountWords(a).some((w) => w.startsWith(query)));
  await page.locator('#filter-text').fill(target.domains[0]);
  await page.locator(`table.accounts tr[data-id="${target.id}"]`).waitFor();
  assert.equal(await rowsInDom(page), 1);
  assert.equal(await countText(page), msg('accountsShowing', 1, 1, 1));
  await page.locator('#filter-text').fill(word.toLowerCase());
  await waitFor(async () => (await countText(page)).endsWith(` of ${matching.length}`), {
    message: `${matching.length} accounts named "${word} ..."`,
  });
  const ids = new Set(matching.map((a) => a.id));
  const shown = await page
    .locator('table.accounts tbody tr[data-id]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
  assert.ok(shown.length > 0 && shown.every((id) => ids.has(id)), 'only matching accounts shown');
  await shot(page, 'accounts-scale-search', { fullPage: false });

  // A stage filter with the search: both apply, through the background.
  await page.locator('#filter-stage').selectOption('strategic');
  const strategic = matching.filter((a) => a.stage === 'strategic');
  await waitFor(async () => (await countText(page)).endsWith(` of ${strategic.length}`), {
    message: `${strategic.length} strategic accounts named "${word} ..."`,
  });
  await page.close();
});
