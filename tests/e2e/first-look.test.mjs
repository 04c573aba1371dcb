// What a new user sees first, at an ordinary window (1280x800), in English and Russian: the
// accounts table shows each account's next action and last touch whole, not cut by a column
// sized for another; the options page's key-player cadences say "Not followed" whole.
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

/**
 * The number fields whose placeholder is wider than their text box: measured with the field's own
 * font, since a placeholder has no box of its own to measure.
 */
const cutPlaceholders = (page) =>
  page.evaluate(() => {
    const context = document.createElement('canvas').getContext('2d');
    return [...document.querySelectorAll('input[type="number"][placeholder]')]
      .filter((input) => {
        const style = getComputedStyle(input);
        context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const room =
          input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        // The spin buttons of a number field take about 15 px of its text box.
        return context.measureText(input.placeholder).width > room - 15;
      })
      .map((input) => input.placeholder);
  });

for (const lang of ['en', 'ru']) {
  test(`the options page shows "Not followed" whole in an empty cadence field (${lang})`, async (t) => {
    const app = await launch({ lang: lang === 'en' ? null : lang });
    t.after(() => app.close());
    await app.seed(sampleBackup(Date.now()));
    const page = await app.openPage('options.html');
    const fields = page.locator('input[type="number"][placeholder]');
    await fields.first().waitFor();
    assert.ok((await fields.count()) > 0, 'an empty cadence field with its placeholder');
    await fields.first().scrollIntoViewIfNeeded();
    await shot(page, `first-look-options-${lang}`, { fullPage: false });
    assert.deepEqual(await cutPlaceholders(page), [], 'no placeholder is cut');
  });
}
