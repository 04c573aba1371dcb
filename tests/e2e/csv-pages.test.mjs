// CSV import and export at any store size (issue 16): neither sends the whole store in one
// message. With `?backupPage=7` the options page asks for pages of 7 records, so a small store
// shows what a big one does: the store's accounts and people are read a page at a time, the
// import's rows are staged a page at a time and merged by one transaction, and accounts.csv is
// written from accounts read a page at a time. Every row arrives; no whole-store message is sent.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { expectText, launch } from './harness.mjs';
import { download, msg, shot, storedData } from './pages-helpers.mjs';

const PAGE = 7;
const ROWS = 60;

/** Counts each message an extension page sends, by name (window.__rapportSent). */
function countMessages() {
  const runtime = globalThis.chrome?.runtime;
  if (!runtime?.sendMessage) return;
  const original = runtime.sendMessage.bind(runtime);
  window.__rapportSent = {};
  runtime.sendMessage = (message, ...rest) => {
    const name = message?.name;
    window.__rapportSent[name] = (window.__rapportSent[name] ?? 0) + 1;
    return original(message, ...rest);
  };
}

const part = (page, key) =>
  page.locator('.subsection', { has: page.getByRole('heading', { name: msg(key) }) });

test('CSV import and export go a page at a time, every row in, every account out', async () => {
  const app = await launch();
  try {
    await app.seed(sampleBackup(Date.now()));
    await app.context.addInitScript(countMessages);
    const options = await app.openPage(`options.html?backupPage=${PAGE}`);
    const sent = () => options.evaluate(() => ({ ...window.__rapportSent }));
    const seeded = await storedData(app);

    const rows = Array.from(
      { length: ROWS },
      (_, i) => `Client ${String(i).padStart(2, '0')},client${i}.example,Cooperative`,
    );
    await options.setInputFiles('#csv-accounts', {
      name: 'accounts.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`name,domains,stage\n${rows.join('\n')}\n`),
    });
    const importButton = options.getByRole('button', {
      name: msg('optionsCsvImportButton', ROWS),
      exact: true,
    });
    await importButton.waitFor();
    // The store's accounts and people, read for the check a page at a time.
    const read = (await sent()).readRecordsPage ?? 0;
    const least = Math.ceil(seeded.accounts.length / PAGE) + Math.ceil(seeded.people.length / PAGE);
    assert.ok(read >= least, `the store was read in ${read} messages, expected ${least} or more`);

    await importButton.click();
    const csvImport = part(options, 'optionsCsvImportHeading');
    await expectText(csvImport.locator('.note.ok'), 'Imported.');
    const afterImport = await sent();
    assert.ok(
      afterImport.stageBackupPage >= ROWS / PAGE,
      `${ROWS} rows staged in ${afterImport.stageBackupPage} messages`,
    );
    assert.equal(afterImport.restoreBackup, 1, 'one merge');
    assert.equal(afterImport.importData, undefined, 'the rows went in one message');
    assert.equal(afterImport.exportData, undefined, 'the whole store went in one message');
    const stored = await storedData(app);
    assert.equal(stored.accounts.length, seeded.accounts.length + ROWS);
    for (const row of rows) {
      const name = row.split(',')[0];
      assert.ok(
        stored.accounts.some((a) => a.name === name),
        `${name} is missing`,
      );
    }
    // Nothing staged is left behind.
    assert.deepEqual(await app.call('listBackups', {}), []);
    await shot(options, 'csv-pages-import', { element: csvImport });

    // accounts.csv: every account, read a page at a time.
    const file = await download(options, () =>
      options.getByRole('button', { name: msg('optionsCsvExportButton'), exact: true }).click(),
    );
    const lines = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
    assert.equal(lines.length, stored.accounts.length + 1, 'one line per account, and the header');
    for (const row of rows) assert.ok(lines.some((l) => l.includes(row.split(',')[0])));
    const exported = (await sent()).readRecordsPage - afterImport.readRecordsPage;
    assert.ok(
      exported >= stored.accounts.length / PAGE,
      `${stored.accounts.length} accounts read in ${exported} messages`,
    );
    assert.equal((await sent()).exportData, undefined);
  } finally {
    await app.close();
  }
});
