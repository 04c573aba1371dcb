// What a content script can read. Content scripts may read extension storage (storage.local and
// storage.sync cannot be limited to trusted contexts, and the dock keeps its layout there), so a
// host page that takes its content script over (a renderer exploit, or any script in its isolated
// world) sees all of it. After an erase, which keeps a backup of every record so that one click
// puts it back, none of those records may be in that storage: the content script's world of a
// Gmail tab, reached through the DevTools protocol, reads both areas whole.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { expectText, launch, sidebar } from './harness.mjs';
import { download, msg } from './pages-helpers.mjs';
import { contentScriptWorld } from './reliability-helpers.mjs';

let app;
before(async () => {
  app = await launch();
});
after(() => app?.close());

/** Words found only in the seeded records. */
const SECRETS = [
  'Northwind Logistics',
  'Anna Keller',
  'anna.keller@northwind.co.uk',
  'Prefers short calls before 10:00',
  'Renewal kick-off call',
];

test(
  'after an erase, a content script finds no record in extension storage',
  { timeout: 90_000 },
  async () => {
    await app.seed(sampleBackup(Date.now()));
    const options = await app.openPage('options.html');
    try {
      await options.locator('#data-heading').waitFor();
      const wipe = options.locator('.subsection', {
        has: options.getByRole('heading', { name: msg('optionsWipeHeading') }),
      });
      await options.getByRole('button', { name: msg('optionsWipeButton'), exact: true }).click();
      await options.locator('#wipe-confirm').fill('3');
      await download(options, () =>
        options.getByRole('button', { name: msg('optionsWipeYes'), exact: true }).click(),
      );
      await expectText(wipe.locator('.note.ok'), msg('optionsWiped', 3));
      // The backup is kept (the page offers to restore it), so there is something to look for.
      await options.reload();
      await options.getByRole('button', { name: msg('optionsRestore'), exact: true }).waitFor();

      const gmail = await app.openGmail('thread');
      try {
        await sidebar(gmail, 'sidebar').waitFor();
        const inWorld = await contentScriptWorld(app, gmail);
        const seen = await inWorld(async () =>
          JSON.stringify([
            await chrome.storage.local.get(null),
            await chrome.storage.sync.get(null),
          ]),
        );
        // The world can read both areas (the test would prove nothing otherwise).
        assert.equal(JSON.parse(seen).length, 2, seen);
        for (const secret of SECRETS)
          assert.ok(!seen.includes(secret), `a content script can read: ${secret}`);
      } finally {
        await gmail.close();
      }

      // The kept backup still puts everything back.
      await options.getByRole('button', { name: msg('optionsRestore'), exact: true }).click();
      await expectText(wipe.locator('.note.ok'), msg('optionsRestored', 3));
      assert.equal((await app.call('exportData')).accounts.length, 3);
    } finally {
      await options.close();
    }
  },
);
