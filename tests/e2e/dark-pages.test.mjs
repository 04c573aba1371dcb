// The full pages in dark, in a real browser, in English and Russian: with prefers-color-scheme
// emulated (DevTools' Emulation.setEmulatedMedia), the accounts page (table, portfolio, calendar,
// KPIs, and an account's editor with its objectives, whitespace grid and relationship map), the
// options page and the meeting brief turn dark; every piece of text meets WCAG AA (4.5:1) on what
// it is drawn on, and the lines and charts that carry meaning meet 3:1 (WCAG 1.4.11), computed
// from the browser's own styles. In light the same pages are light, so the checks can tell the
// two apart; and the brief, printed from a dark system, stays black on white.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BRIEF_OFFERINGS, briefBackup } from '../fixtures/meeting-brief-data.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { RESULTS, launch, waitFor } from './harness.mjs';
import { contrast, emulateScheme, paintOf, textContrasts } from './contrast.mjs';

const DARK_PAGE = 'rgb(31, 32, 35)';
const DARK_TEXT = 'rgb(232, 234, 237)';

/**
 * The brief's Northwind, with Tom reporting to Anna (the relationship map draws a line), Anna
 * contacted yesterday and a stage move up and one down this quarter (the KPIs draw their arcs and
 * bars).
 */
function seed(now) {
  const data = briefBackup(now);
  data.people = data.people.map((p) =>
    p.id === 'per-tom'
      ? { ...p, lines: [{ to: 'per-anna', kind: 'reports_to', note: '' }] }
      : p.id === 'per-anna'
        ? { ...p, lastContactAt: now - 86_400_000 }
        : p,
  );
  const move = (id, from, to) => ({
    id,
    accountId: 'acc-northwind',
    from,
    to,
    at: now,
    reason: '',
  });
  data.stageChanges = [
    ...(data.stageChanges ?? []),
    move('sc-up', 'tactical', 'cooperative'),
    move('sc-down', 'strategic', 'tactical'),
  ];
  return data;
}

/** The whole page, scrolled parts too. */
async function shoot(page, name) {
  fs.mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS, `${name}.png`), fullPage: true });
}

const rootColours = (page) =>
  page.evaluate(() => {
    const root = getComputedStyle(document.documentElement);
    return { bg: root.backgroundColor, fg: root.color, scheme: root.colorScheme };
  });

/** The page turned dark: its ground, its text, and every piece of text's contrast. */
async function expectDark(page, what, { minTexts = 10 } = {}) {
  await waitFor(async () => (await rootColours(page)).bg === DARK_PAGE, {
    message: `${what} did not turn dark`,
  });
  const root = await rootColours(page);
  assert.deepEqual(root, { bg: DARK_PAGE, fg: DARK_TEXT, scheme: 'dark' }, what);
  assert.ok(
    contrast(root.fg, root.bg) >= 4.5,
    `${what}: body text ${contrast(root.fg, root.bg)}:1`,
  );
  const shown = await page.evaluate(textContrasts);
  assert.ok(shown.length >= minTexts, `${what}: only ${shown.length} pieces of text were checked`);
  assert.deepEqual(
    shown.filter((x) => x.ratio < 4.5),
    [],
    `${what}: text under 4.5:1 in dark`,
  );
}

/** Lines, marks and rings that carry meaning: 3:1 against what they are drawn on. */
async function expectGraphics(page, what, pairs) {
  for (const pair of pairs) {
    const found = await page.evaluate(paintOf, pair);
    assert.ok(found.length > 0, `${what}: nothing matches ${pair[0]}`);
    for (const { selector, paint, behind } of found) {
      const ratio = contrast(paint, behind);
      assert.ok(ratio >= 3, `${what}: ${selector} ${paint} on ${behind} is ${ratio}:1`);
    }
  }
}

/** Tabs to the first control and returns its focus ring against the page's ground. */
async function focusRing(page) {
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  await page.keyboard.press('Tab');
  return page.evaluate(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return { tag: el.tagName, outline: style.outlineColor, width: style.outlineWidth };
  });
}

for (const lang of ['en', 'ru']) {
  describe(`the pages in dark in ${lang === 'ru' ? 'Russian' : 'English'}`, () => {
    let app;
    before(async () => {
      app = await launch({ lang });
      await app.seed(seed(Date.now()));
      await app.call('updateSettings', { offerings: BRIEF_OFFERINGS });
    });
    after(() => app?.close());

    const open = async (path, ready) => {
      const page = await app.openPage(path);
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.locator(ready).first().waitFor();
      return page;
    };

    test('the accounts table, light then dark', { timeout: 60_000 }, async () => {
      const page = await open('accounts.html#view=table', 'table.accounts tbody tr');
      await emulateScheme(app, page, 'light');
      assert.equal((await rootColours(page)).bg, 'rgb(249, 250, 251)');
      await emulateScheme(app, page, 'dark');
      await expectDark(page, 'the table');
      const ring = await focusRing(page);
      assert.ok(contrast(ring.outline, DARK_PAGE) >= 3, `focus ring ${ring.outline} on the page`);
      await shoot(page, `dark-accounts-table-${lang}`);
      await page.close();
    });

    for (const [view, ready] of [
      ['portfolio', '.rp-coverage, table'],
      ['calendar', 'table.cal'],
      ['kpis', '.kpi-card'],
    ]) {
      test(`the accounts page's ${view} in dark`, { timeout: 60_000 }, async () => {
        const page = await open(`accounts.html#view=${view}`, ready);
        await emulateScheme(app, page, 'dark');
        await expectDark(page, view, { minTexts: 5 });
        await shoot(page, `dark-accounts-${view}-${lang}`);
        if (view === 'kpis') {
          // The ring's three arcs (80% and up, 50% and up, under), drawn by kpi-charts.tsx as the
          // figures come: one of each is put beside the seeded rings, into the same card.
          await page
            .locator('.kpi-card')
            .first()
            .evaluate((card) => {
              const ns = 'http://www.w3.org/2000/svg';
              const svg = document.createElementNS(ns, 'svg');
              svg.setAttribute('class', 'kpi-ring arcs-under-test');
              for (const colour of ['#16a34a', '#d97706', '#dc2626']) {
                const arc = document.createElementNS(ns, 'circle');
                arc.setAttribute('stroke', colour);
                svg.append(arc);
              }
              card.append(svg);
            });
          await expectGraphics(page, 'the KPIs', [
            ['.arcs-under-test circle', 'stroke'],
            ['.kpi-moves rect', 'fill'],
            ['.kpi-moves line', 'stroke'],
          ]);
        }
        await page.close();
      });
    }

    test('an account in dark: objectives, whitespace grid, relationship map', async () => {
      const page = await open('accounts.html#account=acc-northwind', '.ws-grid');
      await emulateScheme(app, page, 'dark');
      await expectDark(page, 'the account editor', { minTexts: 30 });
      await expectGraphics(page, 'the relationship map', [
        ['[data-testid="relationship-map"] path[data-line]', 'stroke'],
        ['[data-testid="relationship-map"] [role="option"] rect', 'stroke'],
      ]);
      // Each supplier keeps its own hue, told apart from the empty cell and from each other.
      const fills = await page.evaluate(() =>
        ['ws-us', 'ws-competitor', 'ws-unknown'].map((c) => {
          const el = document.querySelector(`.${c}`);
          return el ? getComputedStyle(el).backgroundColor : null;
        }),
      );
      assert.equal(new Set(fills).size, 3, `supplier fills ${fills}`);
      assert.ok(
        fills.every((f) => f && contrast(f, DARK_TEXT) >= 4.5),
        `fills ${fills}`,
      );
      await shoot(page, `dark-account-${lang}`);
      // Close-ups at full size, to judge the grid's and the map's colours by eye.
      for (const [part, selector] of [
        ['whitespace', '.ws-grid'],
        ['map', '[data-testid="relationship-map"]'],
        ['plan', 'ol.objectives'],
      ]) {
        await page
          .locator(selector)
          .screenshot({ path: path.join(RESULTS, `dark-account-${part}-${lang}.png`) });
      }
      await page.close();
    });

    test('the options page in dark', { timeout: 60_000 }, async () => {
      const page = await open('options.html', '.card');
      await emulateScheme(app, page, 'dark');
      await expectDark(page, 'the options page', { minTexts: 20 });
      await shoot(page, `dark-options-${lang}`);
      await page.close();
    });

    test('the meeting brief in dark on screen, black on white on paper', async () => {
      const page = await open('brief.html?account=acc-northwind', '[data-testid="brief"]');
      const cdp = await emulateScheme(app, page, 'dark');
      await expectDark(page, 'the brief', { minTexts: 15 });
      await shoot(page, `dark-brief-${lang}`);

      await cdp.send('Emulation.setEmulatedMedia', {
        media: 'print',
        features: [{ name: 'prefers-color-scheme', value: 'dark' }],
      });
      const printed = await page.evaluate(() => ({
        dark: matchMedia('(prefers-color-scheme: dark)').matches,
        bg: getComputedStyle(document.body).backgroundColor,
        root: getComputedStyle(document.documentElement).backgroundColor,
        text: getComputedStyle(document.querySelector('.brief')).color,
        heading: getComputedStyle(document.querySelector('.brief h1')).color,
      }));
      assert.deepEqual(printed, {
        dark: true,
        bg: 'rgb(255, 255, 255)',
        root: 'rgb(255, 255, 255)',
        text: 'rgb(0, 0, 0)',
        heading: 'rgb(0, 0, 0)',
      });
      await page.close();
    });
  });
}
