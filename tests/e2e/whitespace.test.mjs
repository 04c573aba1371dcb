// The whitespace grid in a real browser, in English and Russian: offerings added on the options
// page; buying units and cells created from the account page with the keyboard; the sidebar's
// one line; the contract ending within 90 days on the calendar; a CSV file with a bad row refused
// with its line and nothing changed; a unit removed and put back by Undo; an offering that cells
// use removed only after a question, its cells hidden and back with Undo.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import en from '../../public/_locales/en/messages.json' with { type: 'json' };
import ru from '../../public/_locales/ru/messages.json' with { type: 'json' };
import { expectText, launch, screenshot, sidebarFrameOf, waitFor } from './harness.mjs';
import { storedData } from './pages-helpers.mjs';

const DAY = 86_400_000;
const isoDay = (ms) => {
  const d = new Date(ms);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
/** Text as a person reads it: any run of spaces (a no-break one in "120 000 €" too) is one. */
const plain = (s) => s.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

for (const lang of ['en', 'ru']) {
  const messages = lang === 'ru' ? ru : en;
  const msg = (key, ...subs) => {
    const entry = messages[key];
    assert.ok(entry, `no message ${key}`);
    return entry.message.replace(/\$([A-Z_]+)\$/g, (_, name) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
      return content.replace(/\$(\d)/g, (_m, i) => String(subs[Number(i) - 1]));
    });
  };
  const money = (n) =>
    new Intl.NumberFormat(lang, {
      style: 'currency',
      currency: 'EUR',
      maximumFractionDigits: 0,
    }).format(n);

  describe(`the whitespace grid in ${lang === 'ru' ? 'Russian' : 'English'}`, () => {
    let app;
    before(async () => {
      app = await launch({ lang, viewport: { width: 1280, height: 900 } });
      await app.seed(sampleBackup(Date.now()));
    });
    after(() => app?.close());

    test('offerings are added on the options page', { timeout: 60_000 }, async () => {
      const page = await app.openPage('options.html');
      const add = page.locator('#offering-new');
      for (const name of ['Warehousing', 'Transport', 'Customs']) {
        await add.fill(name);
        await add.press('Enter');
        await waitFor(async () => (await add.inputValue()) === '', {
          message: `${name} not added`,
        });
      }
      // A name already there is refused, and nothing is added.
      await add.fill('warehousing');
      await add.press('Enter');
      await expectText(
        page.locator('#offering-new-error'),
        msg('offeringsNameTaken', 'warehousing'),
      );
      await waitFor(async () => (await page.locator('.offering').count()) === 3);
      await page.locator('#offerings-heading').scrollIntoViewIfNeeded();
      await screenshot(page, `whitespace-options-${lang}`);
      await page.close();
    });

    test('units and cells are created from the account page', { timeout: 90_000 }, async () => {
      const page = await app.openPage('accounts.html#account=acc-northwind');
      const panel = page.locator('section[aria-labelledby="whitespace-heading"]');
      await expectText(panel.locator('.ws-no-units'), msg('wsNoUnits'));
      for (const name of ['UK operations', 'Retail']) {
        await panel.locator('#ws-add-unit').click();
        await page.locator('#ws-new-unit').fill(name);
        await page.locator('#ws-new-unit').press('Enter');
        await panel.locator(`.ws-unit-name:text-is("${name}")`).waitFor();
      }
      // The keyboard: the grid is one tab stop, Enter opens a cell, arrows move.
      const first = panel.locator('.ws-grid button[data-row="0"][data-col="0"]');
      await first.focus();
      await page.keyboard.press('Enter');
      await page.locator('#ws-supplier').selectOption('competitor');
      await page.locator('#ws-competitor').fill('Harbour Storage');
      await page.locator('#ws-spend').fill('120000');
      const end = isoDay(Date.now() + 40 * DAY);
      await page.locator('#ws-contract-end').fill(end);
      await page.locator('.ws-editor button[type="submit"]').click();
      await panel.locator('.ws-editor').waitFor({ state: 'detached' });
      await waitFor(
        async () =>
          page.evaluate(() => document.activeElement?.matches('[data-row="0"][data-col="0"]')),
        { message: 'focus did not come back to the cell' },
      );
      await expectText(first, 'Harbour Storage');

      // Right arrow, then the next cell: Transport for UK operations, supplier unknown.
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Enter');
      await page.locator('#ws-spend').fill('30000');
      await page.locator('.ws-editor button[type="submit"]').click();
      await panel.locator('.ws-editor').waitFor({ state: 'detached' });
      // Down to Retail, Transport: ours. Escape on an open cell closes it without saving.
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.locator('#ws-supplier').selectOption('us');
      await page.keyboard.press('Escape');
      await panel.locator('.ws-editor').waitFor({ state: 'detached' });
      await page.keyboard.press('Enter');
      await page.locator('#ws-supplier').selectOption('us');
      await page.locator('#ws-spend').fill('50000');
      await page.locator('.ws-editor button[type="submit"]').click();
      await panel.locator('.ws-editor').waitFor({ state: 'detached' });

      const stored = (await storedData(app)).whitespace;
      const units = (await storedData(app)).buyingUnits;
      const uk = units.find((u) => u.name === 'UK operations');
      assert.deepEqual(
        stored
          .map((c) => [
            c.unitId === uk.id ? 'UK' : 'Retail',
            c.supplier,
            c.competitor,
            c.spend,
            c.contractEnd,
          ])
          .sort(),
        [
          ['Retail', 'us', '', 50000, null],
          ['UK', 'competitor', 'Harbour Storage', 120000, end],
          ['UK', 'unknown', '', 30000, null],
        ].sort(),
      );
      assert.ok(stored.every((c) => c.accountId === 'acc-northwind' && c.currency === 'EUR'));
      assert.equal(await panel.locator('.ws-competitor').count(), 1);
      assert.equal(await panel.locator('.ws-us').count(), 1);
      await panel.scrollIntoViewIfNeeded();
      await screenshot(page, `whitespace-grid-${lang}`);

      // A CSV file with one bad row (a unit the account does not have) changes nothing.
      const before = JSON.stringify((await storedData(app)).whitespace);
      await page.locator('[data-testid="ws-import-file"]').setInputFiles({
        name: 'grid.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          'unit,offering,supplier,yearly_spend\nRetail,Customs,=cmd|calc,1\nNarnia,Customs,us,5\n',
        ),
      });
      const problems = panel.locator('.ws-csv-problems');
      await expectText(problems, msg('wsCsvNothingImported'));
      const text = plain(await problems.innerText());
      assert.ok(text.includes(plain(msg('wsCsvUnknownUnit', 'Narnia'))), text);
      assert.ok(text.includes(plain(msg('wsCsvBadSupplier', '=cmd|calc'))), text);
      assert.ok(text.includes(plain(msg('optionsLine', 3))), text);
      assert.equal(JSON.stringify((await storedData(app)).whitespace), before);
      await screenshot(page, `whitespace-csv-refused-${lang}`);

      // Removing a unit takes its cell; Undo puts both back.
      await panel.getByRole('button', { name: msg('wsRemoveUnitNamed', 'Retail') }).click();
      await expectText(page.locator('.toast'), msg('wsUnitRemoved', 'Retail', 1));
      assert.equal((await storedData(app)).whitespace.length, 2);
      await page.getByRole('button', { name: msg('accountsUndo') }).click();
      await panel.locator('.ws-unit-name:text-is("Retail")').waitFor();
      assert.equal(JSON.stringify((await storedData(app)).whitespace), before);
      await page.close();
    });

    test('the sidebar shows one line', { timeout: 60_000 }, async () => {
      const gmail = await app.openGmail('thread');
      const frame = await sidebarFrameOf(gmail);
      const line = frame.locator('[data-testid="opportunities"]');
      await line.waitFor();
      assert.equal(
        plain(await line.innerText()),
        plain(msg('wsOpportunitiesBiggest', 2, 'Warehousing', 'UK operations', money(120000))),
      );
      await line.scrollIntoViewIfNeeded();
      await screenshot(gmail, `whitespace-sidebar-${lang}`);

      // Transport priced in dollars: no exchange rate, so 900,000 USD is not "bigger" than
      // 120,000 EUR; the line keeps the euro one and says there are dollars too.
      const cell = (await storedData(app)).whitespace.find((c) => c.spend === 30000);
      const { accountId, unitId, offeringId } = cell;
      const transport = { accountId, unitId, offeringId };
      await app.call('setWhitespaceCell', {
        ...transport,
        changes: { currency: 'USD', spend: 900000 },
        base: { currency: 'EUR', spend: 30000 },
      });
      const usd = new Intl.ListFormat(lang, { type: 'conjunction' }).format(['USD']);
      const mixed = plain(
        `${msg('wsOpportunitiesBiggest', 2, 'Warehousing', 'UK operations', money(120000))} · ${msg('wsOpportunitiesAlsoIn', usd)}`,
      );
      await waitFor(async () => plain(await line.innerText()) === mixed, {
        message: `the line did not name the other currency: ${await line.innerText()}`,
      });
      await screenshot(gmail, `whitespace-sidebar-currencies-${lang}`);
      await app.call('setWhitespaceCell', {
        ...transport,
        changes: { currency: 'EUR', spend: 30000 },
        base: { currency: 'USD', spend: 900000 },
      });
      await gmail.close();
    });

    test('the contract ending within 90 days is on the calendar', { timeout: 60_000 }, async () => {
      const page = await app.openPage('accounts.html#view=calendar');
      const want = plain(msg('calendarContractEnds', 'Warehousing', 'UK operations'));
      await page.getByRole('button', { name: msg('accountsCalMonth'), exact: true }).click();
      const item = page.locator('ul.cal-contracts li');
      for (let i = 0; i < 3 && (await item.count()) === 0; i++) {
        await page.getByRole('button', { name: msg('accountsNextMonth'), exact: true }).click();
        await page.waitForTimeout(300);
      }
      await item.first().waitFor();
      assert.ok(plain(await item.first().innerText()).includes(want));
      assert.ok((await item.first().innerText()).includes('Harbour Storage'));
      await item.first().scrollIntoViewIfNeeded();
      await screenshot(page, `whitespace-calendar-${lang}`);
      await page.close();
    });

    test(
      'removing an offering that cells use asks first, hides them, and Undo brings them back',
      {
        timeout: 60_000,
      },
      async () => {
        const page = await app.openPage('options.html');
        const offering = page
          .locator('.offering')
          .filter({ has: page.locator('input[value="Warehousing"]') });
        await page
          .getByRole('button', { name: msg('offeringsRemoveNamed', 'Warehousing') })
          .click();
        const confirm = page.locator('[data-testid="offering-confirm"]');
        await expectText(confirm, msg('offeringsRemoveAsk', 'Warehousing', 1));
        await screenshot(page, `whitespace-offering-ask-${lang}`);
        await confirm.getByRole('button', { name: msg('offeringsRemoveConfirm') }).click();
        await waitFor(async () => (await offering.count()) === 0, { message: 'not removed' });
        const summary = await app.call('getOpportunities', { accountId: 'acc-northwind' });
        assert.deepEqual(summary.count, 1);
        assert.equal((await storedData(app)).whitespace.length, 3, 'a cell was deleted');
        await page.getByRole('button', { name: msg('accountsUndo') }).click();
        await waitFor(
          async () =>
            (await app.call('getOpportunities', { accountId: 'acc-northwind' })).count === 2,
          {
            message: 'Undo did not bring the offering back',
          },
        );
        const names = await page
          .locator('.offering input')
          .evaluateAll((els) => els.map((e) => e.value));
        assert.deepEqual(names, ['Warehousing', 'Transport', 'Customs']);
        await page.close();
      },
    );
  });
}
