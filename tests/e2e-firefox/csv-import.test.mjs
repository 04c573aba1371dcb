// Firefox: CSV import on the options page, through its real file inputs and button. Imported
// accounts show on the accounts page; a bad row is named by line and nothing is written (both as in
// tests/e2e/pages-data.test.mjs, with the same fixtures); and an imported account is what the Gmail
// sidebar finds for a sender it did not know before.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { cp1251 } from '../fixtures/cp1251.mjs';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { accountCount, csvFixture, msg, storedData } from '../e2e/pages-helpers.mjs';
import { expectSomeText, expectText, launch, screenshot, sidebar, waitFor } from './harness.mjs';

let app;
let files;
before(async () => {
  files = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-csv-'));
  app = await launch();
});
after(async () => {
  await app?.close();
  fs.rmSync(files, { recursive: true, force: true });
});
beforeEach(async () => {
  await app.seed(sampleBackup(Date.now()));
});

async function openOptions() {
  const page = await app.openPage('options.html');
  await waitFor(() => page.$('#csv-accounts'), { message: 'the options page has no CSV import' });
  return page;
}

/** The CSV import block of the options page: its reports, problems, button and outcome note. */
function csvState(page) {
  return page.evaluate(() => {
    const block = document.querySelector('#csv-accounts')?.closest('.subsection');
    if (!block) return null;
    const button = block.querySelector('.preview-box button.primary');
    return {
      reports: [...block.querySelectorAll('.csv-report')].map((r) => r.innerText),
      problems: [...block.querySelectorAll('ul.problems li')].map((li) => li.innerText.trim()),
      preview: block.querySelector('.preview-box')?.innerText ?? '',
      button: button ? { text: button.innerText.trim(), disabled: button.disabled } : null,
      ok: block.querySelector('.note.ok')?.innerText ?? null,
      error: block.querySelector('.note.error')?.innerText ?? null,
    };
  });
}

/** Waits until `check(state)` holds for the CSV block; the failure shows the block as it was. */
async function expectCsv(page, check, message) {
  let last = null;
  try {
    return await waitFor(
      async () => {
        last = await csvState(page);
        return last && check(last) ? last : false;
      },
      { message },
    );
  } catch (error) {
    throw new Error(`${error.message}; the CSV block showed ${JSON.stringify(last)}`);
  }
}

async function upload(page, input, file) {
  const handle = await page.$(input);
  await handle.uploadFile(file);
  await handle.dispose();
}

/** Clicks the CSV block's import button (the JSON backup import above has a preview box too). */
async function clickImport(page) {
  const button = await page.evaluateHandle(() =>
    document
      .querySelector('#csv-accounts')
      .closest('.subsection')
      .querySelector('.preview-box button.primary'),
  );
  await button.click();
  await button.dispose();
}

/** The accounts page showing account `name`, opened from its row in the table. */
async function openAccountFromTable(page, name) {
  const link = await waitFor(
    async () => {
      const found = await page.evaluateHandle((account) => {
        const rows = [...document.querySelectorAll('table.accounts tr')];
        return rows.find((r) => r.innerText.includes(account))?.querySelector('a') ?? null;
      }, name);
      const element = found.asElement();
      if (!element) await found.dispose();
      return element;
    },
    { message: `${name} has no row in the accounts table` },
  );
  await link.click();
  await link.dispose();
}

test('CSV import: the accounts page lists the imported accounts', { timeout: 60_000 }, async () => {
  const options = await openOptions();
  let accounts;
  try {
    await upload(options, '#csv-accounts', csvFixture('accounts-valid.csv'));
    const counts = msg('optionsCsvAccountsCounts', 3, 0, 0);
    await expectCsv(options, (s) => s.reports[0]?.includes(counts), 'the accounts file checked');
    await upload(options, '#csv-people', csvFixture('people-valid.csv'));
    const people = msg('optionsCsvPeopleCounts', 2, 0, 0);
    const ready = await expectCsv(
      options,
      (s) => s.reports[1]?.includes(people) && s.button && !s.button.disabled,
      'both files checked and ready to import',
    );
    assert.equal(ready.button.text, msg('optionsCsvImportButton', 5));

    await clickImport(options);
    const done = await expectCsv(options, (s) => s.ok || s.error, 'the import reported back');
    assert.equal(done.error, null);
    assert.equal(done.ok, msg('optionsImportedAccountsPeople', 3, 2));
    assert.equal(await accountCount(app), 6);

    accounts = await app.openPage('accounts.html');
    const names = await waitFor(
      async () => {
        const shown = await accounts.$$eval('table.accounts td.name a', (links) =>
          links.map((a) => a.innerText.trim()),
        );
        return shown.includes('Osei & Partners') ? shown : false;
      },
      { message: 'the accounts table lists the imported accounts' },
    );
    for (const name of ['Helios Solar', 'Lindqvist Maritime', 'Osei & Partners']) {
      assert.ok(names.includes(name), `${name} is not in the table: ${names.join(', ')}`);
    }
    // Values as the file wrote them: "strategic" and "med" are Strategic and Medium.
    const lindqvist = await accounts.evaluate(
      () =>
        [...document.querySelectorAll('table.accounts tr')].find((r) =>
          r.innerText.includes('Lindqvist Maritime'),
        )?.innerText ?? '',
    );
    assert.match(lindqvist, /Strategic\s+Medium/);

    // The people file attached Ingrid by account name and Kwame by his email's domain.
    const peopleList = (page) => page.$$eval('ul.people', (lists) => lists.map((l) => l.innerText));
    await openAccountFromTable(accounts, 'Lindqvist Maritime');
    await waitFor(async () => (await peopleList(accounts)).join().includes('Ingrid Berg'), {
      message: 'Ingrid Berg is on Lindqvist Maritime',
    });
    await accounts.evaluate(() => history.back());
    await openAccountFromTable(accounts, 'Osei & Partners');
    await waitFor(async () => (await peopleList(accounts)).join().includes('Kwame Owusu'), {
      message: 'Kwame Owusu is on Osei & Partners',
    });
    await waitFor(
      () =>
        accounts.$eval('#account-goals', (el) =>
          el.value.includes('Met at the Accra trade fair; "price first"'),
        ),
      { message: 'the notes became the account’s goals, quotes and all' },
    );
  } finally {
    await screenshot(options, 'csv-import-options');
    await options.close();
    await accounts?.close();
  }
});

test(
  'CSV with one bad row: its line and reason are shown, nothing is written',
  { timeout: 60_000 },
  async () => {
    const before = await storedData(app);
    const options = await openOptions();
    try {
      await upload(options, '#csv-accounts', csvFixture('accounts-bad-row.csv'));
      const counts = msg('optionsCsvAccountsCounts', 2, 0, 1);
      const state = await expectCsv(
        options,
        (s) => s.reports[0]?.includes(counts) && s.problems.length > 0,
        'the bad row is reported',
      );
      // Line 4: the row before it spans lines 2 and 3 (a quoted note with a line break).
      assert.deepEqual(state.problems, [
        `${msg('optionsLine', 4)} ${msg('csvBadStage', 'Platinum')}`,
      ]);
      assert.ok(state.preview.includes(msg('optionsFixOrSkip')), 'no hint to fix or skip the row');
      assert.equal(state.button?.text, msg('optionsCsvImportButton', 2));
      assert.equal(state.button?.disabled, true);
      assert.deepEqual(await storedData(app), before, 'the store changed');
      assert.equal(await accountCount(app), 3);
    } finally {
      await screenshot(options, 'csv-bad-row');
      await options.close();
    }
  },
);

test(
  'an account imported from CSV is what the sidebar finds for its sender',
  { timeout: 60_000 },
  async () => {
    const accountsCsv = path.join(files, 'accounts.csv');
    const peopleCsv = path.join(files, 'people.csv');
    fs.writeFileSync(
      accountsCsv,
      'name,domains,stage,potential\nInitech Systems,initech-systems.com,tactical,high\n',
    );
    fs.writeFileSync(
      peopleCsv,
      'name,email,account,title\n' +
        'Priya Shah,priya.shah@initech-systems.com,Initech Systems,Head of Partnerships\n',
    );
    const options = await openOptions();
    let gmail;
    try {
      await upload(options, '#csv-accounts', accountsCsv);
      await expectCsv(options, (s) => s.reports.length === 1, 'the accounts file checked');
      await upload(options, '#csv-people', peopleCsv);
      await expectCsv(
        options,
        (s) => s.reports.length === 2 && s.button && !s.button.disabled,
        'both files checked and ready to import',
      );
      await clickImport(options);
      const done = await expectCsv(options, (s) => s.ok || s.error, 'the import reported back');
      assert.equal(done.error, null);

      // Priya was an unknown sender; now her thread shows the imported account and her.
      gmail = await app.openGmail('unknown-sender');
      await expectText(sidebar(gmail, 'account-name'), 'Initech Systems', { page: gmail });
      await expectText(sidebar(gmail, 'stage-current'), 'Tactical', { page: gmail });
      await expectSomeText(sidebar(gmail, 'person'), 'Priya Shah', { page: gmail });
    } finally {
      if (gmail) await screenshot(gmail, 'csv-import-sidebar');
      await options.close();
      await gmail?.close();
    }
  },
);

test(
  'a Windows-1251 file with ";" (a Russian Excel export) imports its names intact',
  { timeout: 60_000 },
  async () => {
    const accountsCsv = path.join(files, 'russian.csv');
    fs.writeFileSync(
      accountsCsv,
      cp1251(
        'name;domains;next_action;next_action_due\r\n' +
          'Тёплый дом;teply-dom.ru;Созвон с Ёлкиным;04.12.2026\r\n' +
          'ООО «Северный ветер»;sever-veter.ru;;\r\n',
      ),
    );
    const options = await openOptions();
    try {
      await upload(options, '#csv-accounts', accountsCsv);
      const format = msg('optionsCsvFormat', 'Windows-1251', msg('optionsCsvSeparatorSemicolon'));
      await expectCsv(
        options,
        (s) => s.reports[0]?.includes(format) && s.button && !s.button.disabled,
        'the Windows-1251 file checked and ready to import',
      );
      await clickImport(options);
      const done = await expectCsv(options, (s) => s.ok || s.error, 'the import reported back');
      assert.equal(done.error, null);
      const stored = await app.call('listAccounts');
      const names = stored.map((a) => a.name);
      for (const name of ['Тёплый дом', 'ООО «Северный ветер»'])
        assert.ok(names.includes(name), `${name} is not stored: ${names.join(', ')}`);
      assert.deepEqual(stored.find((a) => a.name === 'Тёплый дом')?.nextAction, {
        text: 'Созвон с Ёлкиным',
        due: '2026-12-04',
      });
      assert.ok(!JSON.stringify(stored).includes('\uFFFD'), 'U+FFFD was stored');
    } finally {
      await screenshot(options, 'csv-import-cp1251');
      await options.close();
    }
  },
);
