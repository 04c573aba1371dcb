// The options page's Data section, driven through its real buttons and file inputs: CSV import
// shows up on the accounts page, a bad CSV row is named by line and nothing is written, a backup
// survives export -> erase -> import unchanged, and hostile backups are refused whole.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { expectText, launch, waitFor } from './harness.mjs';
import {
  HOSTILE_BACKUPS,
  accountCount,
  csvFixture,
  download,
  msg,
  shot,
  storedData,
  texts,
} from './pages-helpers.mjs';

let app;
before(async () => {
  app = await launch();
});
after(() => app?.close());
beforeEach(async () => {
  await app.seed(sampleBackup(Date.now()));
});

async function openOptions() {
  const page = await app.openPage('options.html');
  await page.locator('#data-heading').waitFor();
  return page;
}

/** One subsection of the Data section, by its heading. */
const part = (page, headingKey) =>
  page.locator('.subsection', { has: page.getByRole('heading', { name: msg(headingKey) }) });

const button = (page, key, ...subs) =>
  page.getByRole('button', { name: msg(key, ...subs), exact: true });

test('CSV import: the accounts page lists the imported accounts', { timeout: 60_000 }, async () => {
  const options = await openOptions();
  try {
    await options.setInputFiles('#csv-accounts', csvFixture('accounts-valid.csv'));
    await expectText(
      options.locator('.csv-report').first(),
      msg('optionsCsvAccountsCounts', 3, 0, 0),
    );
    await options.setInputFiles('#csv-people', csvFixture('people-valid.csv'));
    await expectText(options.locator('.csv-report').nth(1), msg('optionsCsvPeopleCounts', 2, 0, 0));
    await button(options, 'optionsCsvImportButton', 5).click();
    await expectText(
      part(options, 'optionsCsvImportHeading').locator('.note.ok'),
      msg('optionsImportedAccountsPeople', 3, 2),
    );
    assert.equal(await accountCount(app), 6);

    const accounts = await app.openPage('accounts.html');
    await accounts.locator('table.accounts').waitFor();
    const names = await texts(accounts, 'table.accounts td.name a');
    for (const name of ['Helios Solar', 'Lindqvist Maritime', 'Osei & Partners']) {
      assert.ok(names.includes(name), `${name} is not in the table: ${names.join(', ')}`);
    }
    // Values as the file wrote them: "strategic" and "med" are Strategic and Medium.
    const lindqvist = accounts.locator('tr', { hasText: 'Lindqvist Maritime' });
    assert.match(await lindqvist.innerText(), /Strategic\s+Medium/);
    // The people file attached Ingrid by account name and Kwame by his email's domain.
    await lindqvist.locator('a').click();
    await expectText(accounts.locator('ul.people'), 'Ingrid Berg');
    await accounts.goBack();
    await accounts.locator('tr', { hasText: 'Osei & Partners' }).locator('a').click();
    await expectText(accounts.locator('ul.people'), 'Kwame Owusu');
    await expectText(
      accounts.locator('#account-goals'),
      'Met at the Accra trade fair; "price first"',
    );
    await accounts.close();
  } finally {
    await shot(options, 'pages-csv-import', { element: part(options, 'optionsCsvImportHeading') });
    await options.close();
  }
});

test('CSV with one bad row: its line and reason are shown, nothing is written', async () => {
  const before = await storedData(app);
  const options = await openOptions();
  try {
    await options.setInputFiles('#csv-accounts', csvFixture('accounts-bad-row.csv'));
    await expectText(
      options.locator('.csv-report').first(),
      msg('optionsCsvAccountsCounts', 2, 0, 1),
    );
    // Line 4: the row before it spans lines 2 and 3 (a quoted note with a line break).
    await expectText(
      options.locator('ul.problems li').first(),
      `${msg('optionsLine', 4)} ${msg('csvBadStage', 'Platinum')}`,
    );
    assert.equal(await options.locator('ul.problems li').count(), 1);
    await expectText(options.locator('.preview-box'), msg('optionsFixOrSkip'));
    assert.equal(await button(options, 'optionsCsvImportButton', 2).isDisabled(), true);
    assert.deepEqual(await storedData(app), before, 'the store changed');
    assert.equal(await accountCount(app), 3);
  } finally {
    await shot(options, 'pages-csv-bad-row', { element: part(options, 'optionsCsvImportHeading') });
    await options.close();
  }
});

test(
  'export JSON -> erase -> import with Replace gives back the same data',
  { timeout: 60_000 },
  async () => {
    // More than the sample: a person with no email, a follow-up from a thread, a decision link.
    await app.call('upsertPerson', { accountId: 'acc-umbrella', name: 'Dr. Lee', emails: [] });
    const thread = 'FMfcgzQXJWDsKmtPqVdLbNvGzRrSxBnM';
    await app.call('logActivity', {
      activity: {
        accountId: 'acc-globex',
        personIds: ['per-hank'],
        kind: 'email',
        at: Date.now() - 3_600_000,
        summary: 'Re: QBR agenda',
        outcome: 'Hank adds the rollout to the agenda.',
        source: {
          host: 'gmail',
          url: `https://mail.google.com/mail/u/0/#inbox/${thread}`,
          threadId: thread,
          subject: 'QBR agenda',
        },
      },
      next: { choice: 'keep' },
    });
    const before = await storedData(app);
    const options = await openOptions();
    try {
      const file = await download(options, () => button(options, 'optionsExportButton').click());
      const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
      assert.equal(saved.format, 'rapport-backup');
      assert.equal(saved.accounts.length, 3);

      await button(options, 'optionsWipeButton').click();
      await options.locator('#wipe-confirm').fill('3');
      // Erasing downloads its own backup first.
      await download(options, () => button(options, 'optionsWipeYes').click());
      await expectText(
        part(options, 'optionsWipeHeading').locator('.note.ok'),
        msg('optionsWiped', 3),
      );
      assert.equal(await accountCount(app), 0);

      await options.setInputFiles('#backup-file', file);
      await options.locator('.preview-box table.preview').waitFor();
      await button(options, 'optionsReplace').click();
      await button(options, 'optionsReplaceYes').click();
      await expectText(part(options, 'optionsImportHeading').locator('.note.ok'), 'Imported.');

      assert.deepEqual(await storedData(app), before);
    } finally {
      await shot(options, 'pages-backup-roundtrip', {
        element: options.locator('section.card', { has: options.locator('#data-heading') }),
      });
      await options.close();
    }
  },
);

/** A backup that is ours in every way but one: a 1 MB name and 1 MB notes. */
function hugeStringsBackup() {
  const backup = sampleBackup(Date.now());
  backup.accounts[0].name = 'N'.repeat(1_048_576);
  backup.people[0].notes = 'x'.repeat(1_048_576);
  return Buffer.from(JSON.stringify(backup));
}

const HOSTILE = [
  {
    name: 'truncated.json',
    file: path.join(HOSTILE_BACKUPS, 'truncated.json'),
    reason: msg('optionsBackupTruncated'),
  },
  {
    name: 'future-schema.json',
    file: path.join(HOSTILE_BACKUPS, 'future-schema.json'),
    reason: /newer Rapport \(data version 99;/,
  },
  {
    name: 'proto-keys.json',
    file: path.join(HOSTILE_BACKUPS, 'proto-keys.json'),
    reason: msg('optionsBackupProtoKey'),
  },
  {
    name: 'huge-strings.json',
    file: { name: 'huge-strings.json', mimeType: 'application/json', buffer: hugeStringsBackup() },
    reason: /records Rapport cannot accept: accounts\[0\].* name/,
  },
];

test(
  'hostile backups are refused whole, with the reason on the page',
  { timeout: 60_000 },
  async () => {
    const before = await storedData(app);
    const options = await openOptions();
    try {
      for (const hostile of HOSTILE) {
        await options.setInputFiles('#backup-file', hostile.file);
        const note = options
          .locator('.subsection', { has: options.locator('#backup-file') })
          .locator('.note.error');
        await expectText(note, msg('optionsRefused', hostile.name, '').trim());
        await expectText(note, hostile.reason);
        assert.equal(await note.getAttribute('role'), 'alert', `${hostile.name}: not announced`);
        assert.equal(
          await button(options, 'optionsMerge').count(),
          0,
          `${hostile.name}: Merge offered`,
        );
        assert.equal(
          await button(options, 'optionsReplace').count(),
          0,
          `${hostile.name}: Replace offered`,
        );
        assert.deepEqual(await storedData(app), before, `${hostile.name} changed the store`);
        const polluted = await options.evaluate(() => ({}).polluted ?? Object.prototype.isAdmin);
        assert.equal(polluted, undefined, `${hostile.name} polluted Object.prototype`);
      }
    } finally {
      await shot(options, 'pages-hostile-backup', {
        element: part(options, 'optionsImportHeading'),
      });
      await options.close();
    }
    await waitFor(async () => (await accountCount(app)) === 3, { message: 'three accounts left' });
  },
);

test(
  'a backup that puts a record under another account: Merge is refused with the reason, Replace stays',
  { timeout: 60_000 },
  async () => {
    // Anna is Northwind's; the file says she is Globex's, and carries new notes about her.
    const crafted = sampleBackup(Date.now());
    const anna = crafted.people.find((p) => p.id === 'per-anna');
    anna.accountId = 'acc-globex';
    anna.notes = 'Moved by the file';
    const before = await storedData(app);
    const options = await openOptions();
    try {
      await options.setInputFiles('#backup-file', {
        name: 'moved.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(crafted)),
      });
      await options.locator('.preview-box table.preview').waitFor();
      const reason = msg('optionsBackupMoved', 'people', 'per-anna');
      await expectText(
        options.getByTestId('merge-impossible'),
        msg('optionsMergeImpossible', reason),
      );
      assert.equal(await button(options, 'optionsMerge').isDisabled(), true, 'Merge offered');
      assert.equal(await button(options, 'optionsReplace').isDisabled(), false, 'Replace refused');
      assert.deepEqual(await storedData(app), before, 'the preview changed the store');
      await shot(options, 'pages-backup-moved', { element: part(options, 'optionsImportHeading') });
      await button(options, 'optionsCancel').click();
      await options.locator('.preview-box').waitFor({ state: 'detached' });
      assert.deepEqual(await storedData(app), before, 'the store changed');
    } finally {
      await options.close();
    }
  },
);
