// What a new user sees first, at an ordinary window (1280x800), in English and Russian: the
// accounts table shows each account's next action and last touch whole, not cut by a column
// sized for another.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { launch } from './harness.mjs';
import { shot } from './pages-helpers.mjs';

const DAY = 86_400_000;

/** The sample data, with Umbrella last touched 60 days ago: the longest "last touch" there is. */
function data(now = Date.now()) {
  const backup = sampleBackup(now);
  backup.activities.push({
    id: 'act-umbrella-old',
    accountId: 'acc-umbrella',
    personIds: [],
    kind: 'call',
    at: now - 60 * DAY,
    summary: 'Intro call',
    outcome: '',
  });
  return backup;
}

/** The table cells whose text the box cuts (wider or taller than what is shown). */
const cutCells = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('table.accounts td.next .action, table.accounts td.touch')]
      .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
      .map((el) => el.textContent.trim()),
  );

for (const lang of ['en', 'ru']) {
  test(`the accounts table shows next actions and last touches whole (${lang})`, async (t) => {
    const app = await launch({ lang: lang === 'en' ? null : lang });
    t.after(() => app.close());
    await app.seed(data());
    const page = await app.openPage('accounts.html#view=table');
    await page.locator('table.accounts td.touch').nth(2).waitFor();
    await shot(page, `first-look-table-${lang}`, { fullPage: false });
    assert.deepEqual(await cutCells(page), [], 'no next action or last touch is cut');
  });
}
