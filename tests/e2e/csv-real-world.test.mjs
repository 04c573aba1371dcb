// CSV files as spreadsheets save them, through the options page's real file inputs: a Russian
// Excel export (Windows-1251, ";" between columns) imports with its Cyrillic names intact and
// shows on the accounts page; the report says how the file was read and how each date that could
// be read two ways was read, in English and in Russian; a file whose lines are in two encodings is
// refused by line and nothing is written. The Windows-1251 bytes come from an encoder built from
// the code page's table (tests/fixtures/cp1251.mjs), never from the decoder under test.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { cp1251 } from '../fixtures/cp1251.mjs';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import ru from '../../public/_locales/ru/messages.json' with { type: 'json' };
import { expectText, launch } from './harness.mjs';
import { accountCount, msg, shot, storedData, texts } from './pages-helpers.mjs';

/** What Excel on a Russian Windows writes for "CSV (разделители — точки с запятой)". */
const RUSSIAN_ACCOUNTS = [
  'name;domains;stage;potential;next_action;next_action_due;notes',
  'Альфа-Логистик;alfa-logistic.ru;strategic;high;Отправить КП Ёлкину;04.12.2026;"Склады: Москва, Тверь; ещё Казань"',
  'ООО «Северный ветер»;sever-veter.ru;cooperative;medium;Созвон по пилоту;03/04/2026;',
  'Тёплый дом;teply-dom.ru;tactical;low;Встреча;12/25/2026;',
].join('\r\n');
const RUSSIAN_PEOPLE = [
  'name;email;account;title',
  'Пётр Ёлкин;p.elkin@alfa-logistic.ru;Альфа-Логистик;Директор по закупкам',
].join('\r\n');

const file = (name, bytes) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(bytes) });

let app;
before(async () => {
  app = await launch();
});
after(() => app?.close());
beforeEach(async () => {
  await app.seed(sampleBackup(Date.now()));
});

async function openOptions(on = app) {
  const page = await on.openPage('options.html');
  await page.locator('#data-heading').waitFor();
  return page;
}

/** The CSV import block of the options page. */
const csvBlock = (page) => page.locator('.subsection', { has: page.locator('#csv-accounts') });

test(
  'a Windows-1251 file with ";" imports its Russian names, and the accounts page shows them right',
  { timeout: 60_000 },
  async () => {
    const options = await openOptions();
    let accounts;
    try {
      await options.setInputFiles('#csv-accounts', file('клиенты.csv', cp1251(RUSSIAN_ACCOUNTS)));
      const report = options.locator('.csv-report').first();
      await expectText(report, msg('optionsCsvAccountsCounts', 3, 0, 0));
      await expectText(
        report.locator('.csv-format'),
        msg('optionsCsvFormat', 'Windows-1251', msg('optionsCsvSeparatorSemicolon')),
      );
      // No slash date has a first number above 12: month first, and 03/04 is listed as 4 March.
      await expectText(report.locator('.csv-dates'), msg('optionsCsvDatesMonthFirst'));
      const readings = await texts(options, '.csv-dates ul.problems li');
      assert.equal(readings.length, 1, `readings: ${readings.join(' | ')}`);
      assert.match(readings[0], /^Line 3: 03\/04\/2026 read as (March 4, 2026|4 March 2026)$/);
      await shot(options, 'csv-cp1251-preview-en', { element: csvBlock(options) });

      await options.setInputFiles('#csv-people', file('люди.csv', cp1251(RUSSIAN_PEOPLE)));
      await expectText(
        options.locator('.csv-report').nth(1),
        msg('optionsCsvPeopleCounts', 1, 0, 0),
      );
      await options.getByRole('button', { name: msg('optionsCsvImportButton', 4) }).click();
      await expectText(
        csvBlock(options).locator('.note.ok'),
        msg('optionsImportedAccountsPeople', 3, 1),
      );
      assert.equal(await accountCount(app), 6);

      // The store holds the names as written, never U+FFFD.
      const stored = JSON.stringify(await storedData(app));
      assert.ok(!stored.includes('\uFFFD'), 'U+FFFD was stored');
      const alfa = (await app.call('listAccounts')).find((a) => a.name === 'Альфа-Логистик');
      assert.ok(alfa, 'Альфа-Логистик was not stored under its name');
      assert.deepEqual(alfa.nextAction, { text: 'Отправить КП Ёлкину', due: '2026-12-04' });

      accounts = await app.openPage('accounts.html');
      await accounts.locator('table.accounts').waitFor();
      const names = await texts(accounts, 'table.accounts td.name a');
      for (const name of ['Альфа-Логистик', 'ООО «Северный ветер»', 'Тёплый дом']) {
        assert.ok(names.includes(name), `${name} is not in the table: ${names.join(', ')}`);
      }
      await accounts.locator('tr', { hasText: 'Альфа-Логистик' }).locator('a').click();
      await expectText(accounts.locator('ul.people'), 'Пётр Ёлкин');
      await expectText(accounts.locator('#account-goals'), 'Склады: Москва, Тверь; ещё Казань');
      await shot(accounts, 'csv-cp1251-account');
    } finally {
      await options.close();
      await accounts?.close();
    }
  },
);

test('a file with lines in two encodings is refused by line, and nothing is written', async () => {
  const before = await storedData(app);
  const options = await openOptions();
  try {
    // Someone pasted rows from a Windows-1251 export under a UTF-8 file.
    const bytes = Buffer.concat([
      Buffer.from('name,domains\nАльфа-Логистик,alfa-logistic.ru\nGlobex Two,globex2.com\n'),
      Buffer.from(cp1251('Тёплый дом,teply-dom.ru\nСевер,sever.ru\n')),
    ]);
    await options.setInputFiles('#csv-accounts', file('смесь.csv', bytes));
    const report = options.locator('.csv-report').first();
    await expectText(
      report.locator('.note.error'),
      msg('optionsCsvRefused', msg('csvMixedEncoding', 2, '4, 5')),
    );
    const button = options.getByRole('button', { name: msg('optionsCsvImportButton', 0) });
    assert.equal(await button.isDisabled(), true, 'the import button is enabled');
    assert.equal(await report.locator('.csv-dates').count(), 0);
    assert.deepEqual(await storedData(app), before, 'the store changed');
    assert.equal(await accountCount(app), 3);
  } finally {
    await shot(options, 'csv-mixed-encoding', { element: csvBlock(options) });
    await options.close();
  }
});

test('in Russian, the report says how the file and its dates were read', async () => {
  const russian = await launch({ lang: 'ru' });
  try {
    const options = await openOptions(russian);
    await options.setInputFiles('#csv-accounts', file('клиенты.csv', cp1251(RUSSIAN_ACCOUNTS)));
    const report = options.locator('.csv-report').first();
    await expectText(report, 'Новых клиентов: 3');
    await expectText(
      report.locator('.csv-format'),
      'Прочитан в кодировке Windows-1251, столбцы разделены точками с запятой.',
    );
    await expectText(report.locator('.csv-dates'), ru.optionsCsvDatesMonthFirst.message);
    const readings = await texts(options, '.csv-dates ul.problems li');
    assert.deepEqual(readings, ['Строка 3: 03/04/2026 — это 4 марта 2026 г.']);
    await shot(options, 'csv-cp1251-preview-ru', { element: csvBlock(options) });
  } finally {
    await russian.close();
  }
});
