// Firefox: accounts and people imported from CSV files on the options page are what the sidebar
// finds for a sender it did not know before.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { expectSomeText, expectText, launch, screenshot, sidebar, waitFor } from './harness.mjs';

const ACCOUNTS_CSV = [
  'name,domains,stage,potential,next_action,next_action_due,notes',
  'Initech Systems,initech-systems.com,tactical,high,,,Scanner integrations for warehouses.',
].join('\n');
const PEOPLE_CSV = [
  'name,email,account,title,role,influence,attitude,notes',
  'Priya Shah,priya.shah@initech-systems.com,Initech Systems,Head of Partnerships,decision_maker,4,supporter,Met at the Hamburg fair.',
].join('\n');

let app;
let files;
before(async () => {
  files = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-csv-'));
  fs.writeFileSync(path.join(files, 'accounts.csv'), ACCOUNTS_CSV);
  fs.writeFileSync(path.join(files, 'people.csv'), PEOPLE_CSV);
  app = await launch();
  await app.seed(sampleBackup(Date.now()));
});
after(async () => {
  await app?.close();
  fs.rmSync(files, { recursive: true, force: true });
});

/** The CSV import block of the options page: its report, its button and its outcome note. */
function csvState(page) {
  return page.evaluate(() => {
    const block = document.querySelector('#csv-accounts')?.closest('.subsection');
    if (!block) return null;
    const button = block.querySelector('.preview-box button.primary');
    return {
      report: [...block.querySelectorAll('.csv-report')].map((r) => r.innerText),
      canImport: !!button && !button.disabled,
      ok: block.querySelector('.note.ok')?.innerText ?? null,
      error: block.querySelector('.note.error')?.innerText ?? null,
    };
  });
}

test(
  'accounts and people imported from CSV are found for their sender',
  { timeout: 60_000 },
  async () => {
    const options = await app.openPage('options.html');
    let gmail;
    try {
      const { length: before } = await app.call('listAccounts', {});
      await waitFor(() => options.$('#csv-accounts'), {
        message: 'the options page has no CSV import',
      });
      await (await options.$('#csv-accounts')).uploadFile(path.join(files, 'accounts.csv'));
      await waitFor(async () => (await csvState(options))?.report.length === 1, {
        message: 'the accounts file was never checked',
      });
      await (await options.$('#csv-people')).uploadFile(path.join(files, 'people.csv'));
      const checked = await waitFor(
        async () => {
          const state = await csvState(options);
          return state?.report.length === 2 && state.canImport ? state : false;
        },
        { message: 'both files checked and ready to import' },
      );
      assert.equal(checked.error, null);

      // The button of this block: the JSON backup import above has a preview box of its own.
      const button = await options.evaluateHandle(() =>
        document
          .querySelector('#csv-accounts')
          .closest('.subsection')
          .querySelector('.preview-box button.primary'),
      );
      await button.click();
      await button.dispose();
      const done = await waitFor(
        async () => {
          const state = await csvState(options);
          return state?.ok || state?.error ? state : false;
        },
        { message: 'the import never reported back' },
      );
      assert.equal(done.error, null, `the import failed: ${done.error}`);

      const accounts = await app.call('listAccounts', {});
      assert.equal(accounts.length, before + 1);
      assert.ok(accounts.some((a) => a.name === 'Initech Systems' && a.potential === 'high'));

      // Priya was an unknown sender; now her thread shows the imported account and her.
      gmail = await app.openGmail('unknown-sender');
      await expectText(sidebar(gmail, 'account-name'), 'Initech Systems', { page: gmail });
      await expectText(sidebar(gmail, 'stage-current'), 'Tactical', { page: gmail });
      await expectSomeText(sidebar(gmail, 'person'), 'Priya Shah', { page: gmail });
    } finally {
      await screenshot(options, 'csv-import-options');
      if (gmail) await screenshot(gmail, 'csv-import-sidebar');
      await options.close();
      await gmail?.close();
    }
  },
);
