// "Save this page for a report" (issue 17): on a page Rapport cannot read, the sidebar offers a
// sanitised snapshot of it. The user sees its text first; the download holds none of the page's
// names or addresses, only placeholders and personN@example.com stand-ins.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { expectSidebarState, launch, screenshot, sidebar } from './harness.mjs';
import { allowHost, openFixture } from './crm-helpers.mjs';

/** The older Pipedrive person page with its name taken away: no layer can read it. */
const NAMELESS = {
  date: '2026-12-05',
  edit: (html) => html.replace(/<h1[^>]*>Tom Reyes<\/h1>/, ''),
};
/** What the page shows that must not leave it: its people's names, addresses and numbers. */
const PERSONAL = [
  'Tom Reyes',
  'Reyes',
  'Sam Carter',
  'Anna',
  'Keller',
  'Brightwave',
  'Northwind',
  'northwind.co.uk',
  'brightwave.io',
  'tom.reyes',
  'anna.keller',
  'sam.carter',
  '7946',
];

function assertClean(text, where) {
  for (const word of PERSONAL)
    assert.ok(!text.toLowerCase().includes(word.toLowerCase()), `${where} holds "${word}"`);
}

let app;
before(async () => {
  app = await launch();
  await app.seed(sampleBackup(Date.now()));
  await (await allowHost(app, 'pipedrive')).close();
});
after(() => app?.close());

test(
  'an unreadable page: preview first, then a download with no name or address from the page',
  { timeout: 60_000 },
  async () => {
    const page = await openFixture(app, 'pipedrive', 'person-legacy', NAMELESS);
    try {
      await expectSidebarState(page, 'unreadable');
      // The page itself does show them: the test below would otherwise prove nothing.
      const shown = await page.locator('body').innerText();
      assert.ok(shown.includes('tom.reyes@mail.northwind.co.uk') && shown.includes('Sam Carter'));

      const offer = sidebar(page, 'snapshot-offer');
      await offer.waitFor();
      assert.equal(await offer.textContent(), 'Save this page for a report');
      // Nothing is taken or saved before the user asks.
      assert.equal(await sidebar(page, 'snapshot-preview').count(), 0);
      await offer.click();

      const preview = sidebar(page, 'snapshot-preview');
      await preview.waitFor();
      const text = await preview.textContent();
      assert.match(text, /person1@example\.com/, 'the preview shows the stand-in addresses');
      assert.match(text, /Xxx Xxxxx/, 'the preview shows names as placeholders');
      assertClean(text, 'the preview');
      await screenshot(page, 'page-snapshot-preview');

      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 15_000 }),
        sidebar(page, 'snapshot-download').click(),
      ]);
      assert.match(
        download.suggestedFilename(),
        /^rapport-page-pipedrive-\d{4}-\d{2}-\d{2}\.html$/,
      );
      const file = fs.readFileSync(await download.path(), 'utf8');
      assert.match(file, /^<!-- url: https:\/\/[^ ]+ -->/, 'the fixture loaders read the URL line');
      assert.match(file, /person1@example\.com/);
      assert.ok(!/<script/i.test(file), 'a script survived');
      assertClean(file, 'the file');
      await sidebar(page, 'snapshot-saved').waitFor();
      await screenshot(page, 'page-snapshot-saved');
    } finally {
      await page.close();
    }
  },
);

test('in Russian, the offer and the preview speak Russian', { timeout: 90_000 }, async () => {
  const ru = await launch({ lang: 'ru' });
  try {
    await ru.seed(sampleBackup(Date.now()));
    await (await allowHost(ru, 'pipedrive')).close();
    const page = await openFixture(ru, 'pipedrive', 'person-legacy', NAMELESS);
    try {
      await expectSidebarState(page, 'unreadable');
      const offer = sidebar(page, 'snapshot-offer');
      await offer.waitFor();
      assert.equal(await offer.textContent(), 'Сохранить страницу для отчёта');
      await offer.click();
      await sidebar(page, 'snapshot-preview').waitFor();
      assert.ok(await sidebar(page).getByText('Скачать файл').count());
      await screenshot(page, 'page-snapshot-preview-ru');
    } finally {
      await page.close();
    }
  } finally {
    await ru.close();
  }
});
