// The buying group in a real browser, in English and Russian: the coverage badge with its
// reasons in the sidebar (240 px and the default width) and on the account page, the table's
// coverage column and filter, the portfolio's layer; a key player past their cadence flagged in
// the sidebar, listed in the popup and shown on the calendar; and a key player seen on the opened
// thread leaving the popup's list. One name is markup, which must show as text everywhere.
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
import { storedData } from './pages-helpers.mjs';

const DAY = 86_400_000;
const LAYOUT_KEY = 'rapport:sidebar';
const HOSTILE = 'Mara <b>Quint</b><img src=x onerror="document.title=1">';

/**
 * Northwind: Anna (decision maker, supporter, on the thread), Tom (decision maker, 50 days since
 * the last contact, on the thread) and a champion not on it, 20 days since contact (cadence 14).
 * No sponsor: green, "No executive sponsor". Globex: one supporting decision maker. Umbrella: no
 * one, red.
 */
function seed(now) {
  const data = sampleBackup(now);
  data.people = data.people.map((p) =>
    p.id === 'per-tom'
      ? { ...p, role: 'decision_maker', influence: 4, lastContactAt: now - 50 * DAY }
      : p,
  );
  data.people.push({
    ...data.people[0],
    id: 'per-mara',
    name: HOSTILE,
    emails: ['mara.quint@northwind.co.uk'],
    role: 'champion',
    influence: 3,
    attitude: 'neutral',
    notes: '',
    lastContactAt: now - 20 * DAY,
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

  describe(`the buying group in ${lang === 'ru' ? 'Russian' : 'English'}`, () => {
    let app;
    let extension;
    before(async () => {
      app = await launch({ lang });
      await app.seed(seed(Date.now()));
      extension = await app.openPage('popup.html');
      await extension.setViewportSize({ width: 400, height: 600 });
    });
    after(() => app?.close());

    const popupList = () =>
      extension
        .locator('[data-testid="key-players-list"] li')
        .evaluateAll((items) => items.map((li) => li.getAttribute('data-person-id')));

    test(
      'the popup lists key players past their cadence, names as text',
      { timeout: 30_000 },
      async () => {
        await extension.locator('[data-testid="key-players-list"]').waitFor();
        assert.deepEqual((await popupList()).sort(), ['per-mara', 'per-tom']);
        const mara = extension.locator('[data-person-id="per-mara"]');
        assert.equal(await mara.locator('.account').textContent(), HOSTILE);
        assert.equal(await mara.locator('b, img').count(), 0, 'the name was parsed as markup');
        assert.equal(await mara.locator('.when').textContent(), msg('freshnessDue', 20, 14));
        await screenshot(extension, `buying-popup-${lang}`);
      },
    );

    for (const width of [240, 320]) {
      test(
        `the sidebar at ${width} px: coverage and the freshness flag`,
        { timeout: 60_000 },
        async () => {
          await extension.evaluate(
            ([key, width]) => chrome.storage.local.set({ [key]: { collapsed: false, width } }),
            [LAYOUT_KEY, width],
          );
          const gmail = await app.openGmail('thread');
          await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
          await expectSidebarState(gmail, 'ready');
          const frame = await sidebarFrameOf(gmail);
          const card = frame.locator('[data-account-id="acc-northwind"]');
          const badge = card.locator('[data-testid="coverage"]');
          assert.equal(await badge.getAttribute('data-level'), 'green');
          assert.equal(
            (await badge.textContent()).replace(/\s+/g, ' ').trim(),
            `${msg('coverageTitle')}${msg('coverageGreen')}${msg('coverageWhyGreen')}${msg('coverageGapNoSponsor')}`,
          );
          const row = (id) => card.locator(`[data-person-id="${id}"]`);
          await expectText(
            row('per-mara').locator('[data-testid="freshness-due"]'),
            msg('freshnessDue', 20, 14),
          );
          assert.equal(await row('per-mara').locator('.rp-person-name').textContent(), HOSTILE);
          assert.equal(await row('per-mara').locator('b, img').count(), 0);
          // Tom is on the thread: seen now, so no longer due, though his last contact was 50 days ago.
          await expectText(
            row('per-tom').locator('.rp-person-facts'),
            new RegExp(msg('freshnessSeenToday')),
          );
          assert.equal(await row('per-tom').locator('[data-testid="freshness-due"]').count(), 0);
          // Nothing sticks out of the panel at this width.
          const outside = await frame.evaluate(() => {
            const panel = document.querySelector('[data-testid="sidebar"]').getBoundingClientRect();
            return [
              ...document.querySelectorAll(
                '[data-testid="coverage"] *, [data-testid="freshness-due"]',
              ),
            ]
              .filter((el) => el.getBoundingClientRect().right > panel.right + 1)
              .map((el) => el.textContent);
          });
          assert.deepEqual(outside, []);
          await badge.scrollIntoViewIfNeeded();
          await screenshot(gmail, `buying-sidebar-${lang}-${width}`);
          await row('per-mara').scrollIntoViewIfNeeded();
          await screenshot(gmail, `buying-sidebar-people-${lang}-${width}`);
          assert.notEqual(await gmail.title(), '1');
          await gmail.close();
        },
      );
    }

    test(
      'a sighting is stored, and the key player seen leaves the popup',
      { timeout: 30_000 },
      async () => {
        const stored = await storedData(app);
        const tom = stored.people.find((p) => p.id === 'per-tom');
        assert.ok(Date.now() - tom.lastSeenAt < 5 * 60_000, `Tom last seen at ${tom.lastSeenAt}`);
        assert.equal(stored.people.find((p) => p.id === 'per-mara').lastSeenAt, undefined);
        await extension.reload();
        await extension.locator('[data-testid="key-players-list"]').waitFor();
        await waitFor(async () => (await popupList()).join() === 'per-mara', {
          message: 'the popup still lists Tom after he was seen on the thread',
        });
      },
    );

    test(
      "the account page's people: a key player past their cadence is flagged as in the sidebar",
      { timeout: 30_000 },
      async () => {
        const page = await app.openPage('accounts.html#account=acc-northwind');
        await page.setViewportSize({ width: 1280, height: 800 });
        const card = (id) => page.locator(`li.person[data-person-id="${id}"]`);
        await card('per-mara').waitFor();
        await expectText(
          card('per-mara').locator('[data-testid="freshness-due"]'),
          msg('freshnessDue', 20, 14),
        );
        assert.equal(await card('per-mara').locator('b, img').count(), 0);
        // Tom was seen on the thread the sidebar test opened: not due, and it says so.
        assert.equal(await card('per-tom').locator('[data-testid="freshness-due"]').count(), 0);
        assert.equal(
          (await card('per-tom').locator('.rp-fresh-seen').textContent()).trim(),
          msg('freshnessSeenToday'),
        );
        // Anna (a decision maker, cadence 30) was last contacted 6 days ago: not flagged.
        assert.equal(await card('per-anna').locator('[data-testid="freshness-due"]').count(), 0);
        await card('per-mara').scrollIntoViewIfNeeded();
        await screenshot(page, `buying-account-people-${lang}`);
        await page.close();
      },
    );

    test(
      'the accounts page: badge, column, filter, portfolio layer and calendar',
      { timeout: 60_000 },
      async () => {
        const page = await app.openPage('accounts.html#account=acc-globex');
        await page.setViewportSize({ width: 1280, height: 800 });
        const badge = page.locator('[data-testid="coverage"]');
        await badge.waitFor();
        assert.equal(await badge.getAttribute('data-level'), 'green');
        assert.deepEqual(await badge.locator('li').allTextContents(), [
          msg('coverageGapNoSponsor'),
          msg('coverageGapNoChampion'),
          msg('coverageGapSingleThreaded'),
        ]);
        await screenshot(page, `buying-account-${lang}`);

        await page.evaluate(() => (location.hash = '#view=table'));
        await page.locator('table.accounts').waitFor();
        const levels = () =>
          page
            .locator('tbody tr')
            .evaluateAll((rows) =>
              rows.map((r) => [
                r.dataset.id,
                r.querySelector('td.coverage [data-level]')?.dataset.level,
              ]),
            );
        assert.deepEqual(await levels(), [
          ['acc-globex', 'green'],
          ['acc-northwind', 'green'],
          ['acc-umbrella', 'red'],
        ]);
        await page.locator('#filter-coverage').selectOption('red');
        await waitFor(async () => (await levels()).length === 1);
        assert.deepEqual(await levels(), [['acc-umbrella', 'red']]);
        assert.match(page.url(), /coverage=red/);
        await screenshot(page, `buying-table-${lang}`);

        await page.evaluate(() => (location.hash = '#view=portfolio'));
        await page.locator('[data-testid="coverage-layer"]').check();
        const split = page.locator('.coverage-split button');
        await split.first().waitFor();
        assert.deepEqual(
          await split.evaluateAll((b) => b.map((x) => `${x.dataset.level}:${x.textContent}`)),
          // Sample data: Northwind cooperative/high, Globex strategic/high, Umbrella tactical/low.
          ['green:1', 'green:1', 'red:1'].sort(),
        );
        await screenshot(page, `buying-portfolio-${lang}`);

        await page.evaluate(() => (location.hash = '#view=calendar'));
        const onCalendar = page.locator('.cal-key-players li');
        await onCalendar.first().waitFor();
        const today = page.locator('td.today .cal-key-players li');
        assert.deepEqual(await today.evaluateAll((li) => li.map((x) => x.dataset.personId)), [
          'per-mara',
        ]);
        assert.equal(await today.locator('b, img').count(), 0);
        await screenshot(page, `buying-calendar-${lang}`);
        await page.close();
      },
    );
  });
}
