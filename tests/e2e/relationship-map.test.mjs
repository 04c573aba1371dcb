// The relationship map in the sidebar, in a real browser, in English and Russian at 240 and 320
// px: a seeded line reads as a sentence, a new one is added from the form and stored, a line to
// oneself is refused with a clear error and stores nothing, and a line is removed. Then on the
// account page: a line added in the sidebar is drawn in its graph as it is stored, the graph is
// worked by keyboard and read out as sentences, and a line is added and removed there too. One
// name is markup, which must show as text. Last, the lines are exported as relationships.csv, one
// row per line, from the options page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import en from '../../public/_locales/en/messages.json' with { type: 'json' };
import ru from '../../public/_locales/ru/messages.json' with { type: 'json' };
import {
  expectSidebarState,
  expectText,
  launch,
  screenshot,
  sidebar,
  sidebarFrameOf,
  waitFor,
} from './harness.mjs';
import fs from 'node:fs';
import { download, storedData } from './pages-helpers.mjs';

const LAYOUT_KEY = 'rapport:sidebar';
const HOSTILE = 'Mara <b>Quint</b><img src=x onerror="document.title=1">';

/** Northwind with Anna, Tom (who reports to Anna) and Mara, whose name is markup. */
function seed(now) {
  const data = sampleBackup(now);
  data.people = data.people.map((p) =>
    p.id === 'per-tom' ? { ...p, lines: [{ to: 'per-anna', kind: 'reports_to', note: '' }] } : p,
  );
  data.people.push({
    ...data.people.find((p) => p.id === 'per-anna'),
    id: 'per-mara',
    name: HOSTILE,
    emails: ['mara.quint@northwind.co.uk'],
  });
  return data;
}

for (const lang of ['en', 'ru']) {
  const messages = lang === 'ru' ? ru : en;
  const msg = (key, ...subs) => {
    const entry = messages[key];
    return entry.message.replace(/\$([A-Z_]+)\$/g, (_, name) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
      return content.replace(/\$(\d)/g, (_m, i) => String(subs[Number(i) - 1]));
    });
  };

  describe(`the relationship map in ${lang === 'ru' ? 'Russian' : 'English'}`, () => {
    let app;
    let extension;
    before(async () => {
      app = await launch({ lang });
      extension = await app.openPage('popup.html');
    });
    after(() => app?.close());

    for (const width of [240, 320]) {
      test(`edited in the sidebar at ${width} px`, { timeout: 60_000 }, async () => {
        await app.seed(seed(Date.now()));
        await extension.evaluate(
          ([key, width]) => chrome.storage.local.set({ [key]: { collapsed: false, width } }),
          [LAYOUT_KEY, width],
        );
        const gmail = await app.openGmail('thread');
        await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
        await expectSidebarState(gmail, 'ready');
        const frame = await sidebarFrameOf(gmail);
        const map = frame.locator('[data-testid="relationship-lines"]');
        const sentences = async () =>
          (await map.locator('[data-testid="line"] .rp-grow').allTextContents()).map((s) =>
            s.trim(),
          );
        await map.waitFor();
        assert.deepEqual(await sentences(), [msg('lineReportsTo', 'Tom Reyes', 'Anna Keller')]);

        // A line to oneself is refused with a clear error, and nothing is stored.
        // "Add a line" sits beside "Add person", in the People section's actions.
        await frame.locator('[data-testid="add-line"]').click();
        const form = map.locator('form');
        await form.locator('select[name="line-from"]').selectOption('per-mara');
        await form.locator('select[name="line-kind"]').selectOption('influences');
        await form.locator('select[name="line-to"]').selectOption('per-mara');
        await form.locator('button[type="submit"]').click();
        await expectText(form.locator('[role="alert"]'), new RegExp(msg('lineErrorSelf')));
        const mara = async () =>
          (await storedData(app)).people.find((p) => p.id === 'per-mara').lines;
        assert.equal(await mara(), undefined);
        await screenshot(gmail, `relmap-refused-${lang}-${width}`);

        // Mara (a name that is markup) influences Tom, with a note.
        await form.locator('select[name="line-to"]').selectOption('per-tom');
        await form.locator('input[name="line-note"]').fill('Old colleagues');
        await form.locator('button[type="submit"]').click();
        const added = msg('lineInfluences', HOSTILE, 'Tom Reyes');
        await waitFor(async () => (await sentences()).length === 2, {
          message: 'the new line did not show',
        });
        assert.ok(
          (await sentences()).some((s) => s.startsWith(added)),
          await sentences(),
        );
        assert.equal(await map.locator('b, img').count(), 0, 'the name was parsed as markup');
        assert.deepEqual(await mara(), [
          { to: 'per-tom', kind: 'influences', note: 'Old colleagues' },
        ]);
        // Nothing sticks out of the panel at this width.
        const outside = await frame.evaluate(() => {
          const panel = document.querySelector('[data-testid="sidebar"]').getBoundingClientRect();
          return [...document.querySelectorAll('[data-testid="relationship-lines"] *')]
            .filter((el) => el.getBoundingClientRect().right > panel.right + 1)
            .map((el) => el.textContent.slice(0, 80));
        });
        assert.deepEqual(outside, []);
        await map.scrollIntoViewIfNeeded();
        await screenshot(gmail, `relmap-sidebar-${lang}-${width}`);

        // Removing the seeded line, by its sentence's button.
        await map
          .getByRole('button', {
            name: msg('linesRemoveNamed', msg('lineReportsTo', 'Tom Reyes', 'Anna Keller')),
          })
          .click();
        await waitFor(async () => (await sentences()).length === 1, {
          message: 'the removed line still shows',
        });
        assert.deepEqual((await storedData(app)).people.find((p) => p.id === 'per-tom').lines, []);
        // With no line left the map takes no room; its button stays.
        await map.locator('[data-testid="line"]').first().getByRole('button').click();
        await map.waitFor({ state: 'detached' });
        assert.equal(await frame.locator('[data-testid="add-line"]').count(), 1);
        assert.notEqual(await gmail.title(), '1');
        await gmail.close();
      });
    }

    test(
      'shown as a graph on the account page, and edited there',
      { timeout: 60_000 },
      async () => {
        await app.seed(seed(Date.now()));
        const page = await app.openPage('accounts.html#account=acc-northwind');
        await page.setViewportSize({ width: 1280, height: 900 });
        const map = page.locator('[data-testid="relationship-map"]');
        await map.waitFor();
        const edges = () =>
          map.locator('path[data-line]').evaluateAll((ps) => ps.map((p) => p.dataset.line).sort());
        const nodes = map.locator('[role="option"]');
        assert.deepEqual(await edges(), ['per-tom|reports_to|per-anna']);
        assert.equal(await nodes.count(), 3);
        assert.equal(await map.locator('b, img').count(), 0, 'a name was parsed as markup');
        assert.equal(
          await map.locator('[data-person-id="per-mara"]').getAttribute('aria-label'),
          msg('relMapPersonLabel', HOSTILE, 0),
        );

        // A line added in the sidebar is drawn here as soon as it is stored.
        const gmail = await app.openGmail('thread');
        await expectSidebarState(gmail, 'ready');
        const frame = await sidebarFrameOf(gmail);
        const lines = frame.locator('[data-testid="relationship-lines"]');
        // In the sidebar, "Add a line" sits beside "Add person".
        await frame.locator('[data-testid="add-line"]').click();
        await lines.locator('select[name="line-from"]').selectOption('per-anna');
        await lines.locator('select[name="line-kind"]').selectOption('conflicts_with');
        await lines.locator('select[name="line-to"]').selectOption('per-mara');
        await lines.locator('button[type="submit"]').click();
        await waitFor(async () => (await edges()).length === 2, {
          message: 'the line added in the sidebar was not drawn on the account page',
        });
        assert.deepEqual(await edges(), [
          'per-anna|conflicts_with|per-mara',
          'per-tom|reports_to|per-anna',
        ]);
        await gmail.close();

        // Keyboard: Tab reaches the graph once; the person focused has their lines read out.
        const caption = map.locator('[data-testid="map-caption"]');
        assert.equal((await caption.textContent()).trim(), msg('relMapHint'));
        await map.locator('[role="option"][tabindex="0"]').focus();
        const focused = () =>
          page.evaluate(() => document.activeElement?.getAttribute('data-person-id'));
        // Anna has influence 5, so she is first on the map.
        assert.equal(await focused(), 'per-anna');
        assert.equal(
          (await caption.textContent()).trim(),
          [
            msg('lineConflictsWith', 'Anna Keller', HOSTILE),
            msg('lineReportsTo', 'Tom Reyes', 'Anna Keller'),
          ].join('; '),
        );
        assert.equal(
          await map.locator('[data-person-id="per-anna"]').getAttribute('aria-selected'),
          'true',
        );
        await page.keyboard.press('End');
        const last = await focused();
        await page.keyboard.press('ArrowRight');
        assert.equal(await focused(), 'per-anna', 'the arrows go round');
        await page.keyboard.press('ArrowLeft');
        assert.equal(await focused(), last);
        assert.equal(await map.locator('[role="option"][tabindex="0"]').count(), 1);
        await map.locator('[data-person-id="per-tom"]').click();
        assert.equal(
          (await caption.textContent()).trim(),
          msg('lineReportsTo', 'Tom Reyes', 'Anna Keller'),
        );
        assert.equal(
          await map
            .locator('path[data-line="per-anna|conflicts_with|per-mara"]')
            .getAttribute('class'),
          'rel-edge rel-conflicts_with dim',
        );
        await page.locator('#relationships-heading').scrollIntoViewIfNeeded();
        await screenshot(page, `relmap-account-${lang}`);

        // Added on the account page with the same form and message, stored, and drawn.
        const panel = page.locator('[data-testid="relationship-lines"]');
        await panel.locator('[data-testid="add-line"]').click();
        await panel.locator('select[name="line-from"]').selectOption('per-mara');
        await panel.locator('select[name="line-kind"]').selectOption('influences');
        await panel.locator('select[name="line-to"]').selectOption('per-tom');
        await panel.locator('input[name="line-note"]').fill('Old colleagues');
        await panel.locator('button[type="submit"]').click();
        await waitFor(async () => (await edges()).length === 3, {
          message: 'the line added on the account page was not drawn',
        });
        assert.deepEqual((await storedData(app)).people.find((p) => p.id === 'per-mara').lines, [
          { to: 'per-tom', kind: 'influences', note: 'Old colleagues' },
        ]);
        // The same pair twice is refused there too, in the user's language, storing nothing.
        await panel.locator('[data-testid="add-line"]').click();
        await panel.locator('select[name="line-from"]').selectOption('per-mara');
        await panel.locator('select[name="line-kind"]').selectOption('influences');
        await panel.locator('select[name="line-to"]').selectOption('per-tom');
        await panel.locator('button[type="submit"]').click();
        await expectText(panel.locator('[role="alert"]'), new RegExp(msg('lineErrorDuplicate')));
        assert.equal(
          (await storedData(app)).people.find((p) => p.id === 'per-mara').lines.length,
          1,
        );
        await page.keyboard.press('Escape');
        await screenshot(page, `relmap-account-added-${lang}`);

        // Removed by its sentence's button: gone from the store and from the graph.
        await panel
          .getByRole('button', {
            name: msg('linesRemoveNamed', msg('lineReportsTo', 'Tom Reyes', 'Anna Keller')),
          })
          .click();
        await waitFor(async () => (await edges()).length === 2, {
          message: 'the removed line is still drawn',
        });
        assert.deepEqual((await storedData(app)).people.find((p) => p.id === 'per-tom').lines, []);
        assert.notEqual(await page.title(), '1');
        await page.close();
      },
    );

    test('exported as relationships.csv, one row per line', { timeout: 30_000 }, async () => {
      const data = seed(Date.now());
      data.people = data.people.map((p) =>
        p.id === 'per-mara'
          ? { ...p, lines: [{ to: 'per-anna', kind: 'conflicts_with', note: '=cmd|calc' }] }
          : p,
      );
      await app.seed(data);
      const options = await app.openPage('options.html');
      const button = options.locator('[data-testid="export-lines"]');
      await button.waitFor();
      const file = await download(options, () => button.click());
      assert.match(file, /rapport-relationships-\d{4}-\d{2}-\d{2}\.csv$/);
      const rows = fs
        .readFileSync(file, 'utf8')
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      assert.deepEqual(rows, [
        'account,from,from_email,line,to,to_email,note',
        // The name's markup is text here too; a note that would run as a formula is neutralised.
        `Northwind Logistics,"${HOSTILE.replace(/"/g, '""')}",mara.quint@northwind.co.uk,conflicts_with,Anna Keller,anna.keller@northwind.co.uk,'=cmd|calc`,
        'Northwind Logistics,Tom Reyes,tom.reyes@mail.northwind.co.uk,reports_to,Anna Keller,anna.keller@northwind.co.uk,',
      ]);
      const name = file.split('/').pop();
      await expectText(options.locator('.note.ok'), msg('optionsLinesExported', 2, name));
      await options.close();
    });
  });
}
