// "Erase all data" leaves nothing behind but the backup it keeps for the user: after the erase,
// driven through the options page's real buttons, no record (private notes included) is left
// anywhere else in IndexedDB: not in the record stores, the trash, the drafts, nor the
// operation-id log that makes retries safe; and once that backup is deleted, nowhere at all.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { expectText, launch } from './harness.mjs';
import { download, msg, shot } from './pages-helpers.mjs';
import { readStore } from './reliability-helpers.mjs';

let app;
before(async () => {
  app = await launch();
});
after(() => app?.close());

/** Words found only in the seeded records and the writes below. */
const SECRETS = [
  'Northwind Logistics',
  'Anna Keller',
  'anna.keller@northwind.co.uk',
  'Runs the Dover hub',
  'Renewal kick-off call',
  'Umbrella Pharma',
  'Private: budget is frozen',
];

/** Sends as Rapport's pages do, with an operation id, so each answer lands in the `ops` log. */
function sendWithOpId(page, name, request) {
  return page.evaluate((envelope) => chrome.runtime.sendMessage(envelope), {
    rapport: 1,
    name,
    request,
    opId: `e2e-${name}-${Math.random().toString(36).slice(2, 10)}`,
  });
}

test('an erase leaves no record payload anywhere in IndexedDB', { timeout: 90_000 }, async () => {
  await app.seed(sampleBackup(Date.now()));
  const options = await app.openPage('options.html');
  try {
    await options.locator('#data-heading').waitFor();
    // Writes whose answers hold records (a private note, a deleted account for Undo, a draft).
    const noted = await sendWithOpId(options, 'upsertPerson', {
      id: 'per-anna',
      accountId: 'acc-northwind',
      notes: 'Private: budget is frozen until March.',
      base: { notes: 'Prefers short calls before 10:00. Cares about invoicing accuracy.' },
    });
    assert.equal(noted.ok, true, JSON.stringify(noted));
    assert.equal((await sendWithOpId(options, 'deleteAccount', { id: 'acc-umbrella' })).ok, true);
    const before = JSON.stringify(await readStore(options));
    for (const secret of SECRETS) assert.ok(before.includes(secret), `seeded: ${secret}`);
    const beforeStores = await readStore(options);
    assert.ok(beforeStores.ops.length >= 2, 'the writes are in the operation-id log');
    assert.equal(beforeStores.trash.length, 1);

    await options.reload();
    await options.locator('#data-heading').waitFor();
    const wipe = options.locator('.subsection', {
      has: options.getByRole('heading', { name: msg('optionsWipeHeading') }),
    });
    await options.getByRole('button', { name: msg('optionsWipeButton'), exact: true }).click();
    await options.locator('#wipe-confirm').fill('2');
    await download(options, () =>
      options.getByRole('button', { name: msg('optionsWipeYes'), exact: true }).click(),
    );
    await expectText(wipe.locator('.note.ok'), msg('optionsWiped', 2));

    const stores = await readStore(options);
    // The one place the records may still be is the backup the erase kept, which the user sees.
    const { backups, backupRecords, ...outside } = stores;
    const left = JSON.stringify(outside);
    for (const secret of SECRETS) assert.ok(!left.includes(secret), `left behind: ${secret}`);
    for (const name of ['accounts', 'people', 'activities', 'decisions', 'stageChanges', 'trash'])
      assert.deepEqual(stores[name], [], name);
    assert.equal(backups.length, 1);
    assert.equal(backups[0].reason, 'erased');
    assert.ok(JSON.stringify(backupRecords).includes('Anna Keller'), 'the kept backup is whole');
    // What the log still holds is only that the erase was applied: the backup's description.
    for (const op of stores.ops) assert.equal(op.result.data?.counts?.accounts, 2, op.name);

    // The backup the user chose to keep is still there, and puts everything back.
    await options.getByRole('button', { name: msg('optionsRestore'), exact: true }).click();
    await expectText(wipe.locator('.kept-list .note.ok'), msg('optionsRestored', 2));
    // Restored, the backup's copy is gone: nothing of the erased records outside the stores.
    const after = await readStore(options);
    assert.deepEqual(after.backups, []);
    assert.deepEqual(after.backupRecords, []);
    assert.equal(
      (await app.call('exportData')).people.find((p) => p.id === 'per-anna').notes,
      'Private: budget is frozen until March.',
    );
  } finally {
    await shot(options, 'reliability-erase', {
      element: options.locator('section.card', { has: options.locator('#data-heading') }),
    });
    await options.close();
  }
});
