// The dark palette in a real browser (issue 17), in English and Russian: the sidebar docked beside
// Gmail's own dark theme follows it (the content script reads the colour the page paints), with the
// browser itself in light; the Theme setting can hold it light or dark; beside a light Gmail it
// stays light even with the browser in dark (prefers-color-scheme emulated through the DevTools
// protocol, Emulation.setEmulatedMedia), and the popup, which has no page, follows the browser.
// Every piece of text shown meets WCAG AA (4.5:1) against the background it is drawn on, computed
// from the browser's own styles. In light the same panel is white, so the check can tell them apart.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import {
  expectSidebarState,
  expectText,
  launch,
  openPeople,
  screenshot,
  sidebar,
  sidebarFrameOf,
  waitFor,
} from './harness.mjs';
import { emulateScheme, textContrasts } from './contrast.mjs';

const DAY = 86_400_000;
const LAYOUT_KEY = 'rapport:sidebar';
const DARK_PANEL = 'rgb(31, 32, 35)';
const DARK_TEXT = 'rgb(232, 234, 237)';

/** Northwind with a champion not on the thread, 20 days since contact: a freshness flag shows. */
function seed(now) {
  const data = sampleBackup(now);
  data.people.push({
    ...data.people[0],
    id: 'per-mara',
    name: 'Mara Quint',
    emails: ['mara.quint@northwind.co.uk'],
    role: 'champion',
    influence: 3,
    attitude: 'neutral',
    notes: '',
    lastContactAt: now - 20 * DAY,
  });
  return data;
}

/** The sidebar's frame is another process than Gmail's page; each gets the emulation. */
async function emulateAround(app, page, frame, value) {
  await emulateScheme(app, page, value);
  // An extension frame in a web page runs out of process: only its own session reaches it.
  await emulateScheme(app, frame, value).catch((e) => {
    if (!/OOPIF|out-of-process|not supported/i.test(String(e))) throw e;
  });
  await waitFor(
    () => frame.evaluate((v) => matchMedia(`(prefers-color-scheme: ${v})`).matches, value),
    { message: `the sidebar frame never matched prefers-color-scheme: ${value}` },
  );
}

const failing = (found) => found.filter((x) => x.ratio < 4.5);

for (const lang of ['en', 'ru']) {
  describe(`the dark palette in ${lang === 'ru' ? 'Russian' : 'English'}`, () => {
    let app;
    let extension;
    before(async () => {
      app = await launch({ lang });
      await app.seed(seed(Date.now()));
      extension = await app.openPage('popup.html');
    });
    after(() => app?.close());

    test('the sidebar beside Gmail in dark', { timeout: 60_000 }, async () => {
      await extension.evaluate(
        (key) => chrome.storage.local.set({ [key]: { collapsed: false, width: 320 } }),
        LAYOUT_KEY,
      );
      const gmail = await app.openGmail('dark-theme', { date: '2026-12-05' });
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
      await expectSidebarState(gmail, 'ready');
      const frame = await sidebarFrameOf(gmail);
      const panel = frame.locator('[data-testid="sidebar"]');
      const colours = () =>
        panel.evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]);

      // The browser in light all along: only the page's own theme can make the panel dark.
      await emulateAround(app, gmail, frame, 'light');
      await waitFor(async () => (await colours())[0] === DARK_PANEL, {
        message: "the panel did not follow Gmail's dark theme",
      });
      // The setting holds it light, then the page's theme again.
      await app.call('updateSettings', { theme: 'light' });
      await waitFor(async () => (await colours())[0] === 'rgb(255, 255, 255)', {
        message: 'the Theme setting "light" did not make the panel light',
      });
      assert.deepEqual(await colours(), ['rgb(255, 255, 255)', 'rgb(27, 31, 36)']);
      await screenshot(gmail, `dark-gmail-light-setting-${lang}`);
      await app.call('updateSettings', { theme: 'page' });
      await waitFor(async () => (await colours())[0] === DARK_PANEL, {
        message: 'the panel did not turn dark again',
      });
      assert.deepEqual(await colours(), [DARK_PANEL, DARK_TEXT]);
      assert.equal(
        await frame.evaluate(() => getComputedStyle(document.documentElement).colorScheme),
        'dark',
      );
      // The parts the light palette writes out by hand turned too.
      const bg = (selector) =>
        frame
          .locator(selector)
          .first()
          .evaluate((el) => getComputedStyle(el).backgroundColor);
      assert.equal(await bg('.rp-btn:not(.rp-primary)'), 'rgb(42, 43, 47)');
      assert.equal(await bg('.rp-primary, .rp-seg-current'), 'rgb(91, 94, 232)');
      assert.equal(
        await frame
          .locator('[data-testid="freshness-due"]')
          .evaluate((el) => getComputedStyle(el).color),
        'rgb(251, 191, 119)',
      );

      const shown = await frame.evaluate(textContrasts);
      assert.ok(shown.length > 25, `only ${shown.length} pieces of text were checked`);
      assert.deepEqual(failing(shown), [], 'text under 4.5:1 in the dark sidebar');
      await screenshot(gmail, `dark-sidebar-${lang}`);

      // A person opened to edit: inputs, selects and buttons in dark.
      await openPeople(gmail, 'Mara Quint');
      const opened = await frame.evaluate(textContrasts);
      assert.deepEqual(failing(opened), [], 'text under 4.5:1 with a person open');
      assert.equal(
        await bg('.rp-person-edit .rp-select, .rp-person-edit .rp-input'),
        'rgb(24, 25, 28)',
      );
      await frame.locator('[data-person-id="per-mara"]').scrollIntoViewIfNeeded();
      await screenshot(gmail, `dark-sidebar-person-${lang}`);
      await gmail.close();
    });

    test(
      'beside a light Gmail the sidebar stays light, unless the setting says dark',
      { timeout: 60_000 },
      async () => {
        await extension.evaluate(
          (key) => chrome.storage.local.set({ [key]: { collapsed: false, width: 320 } }),
          LAYOUT_KEY,
        );
        const gmail = await app.openGmail('thread');
        await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
        const frame = await sidebarFrameOf(gmail);
        const panel = frame.locator('[data-testid="sidebar"]');
        const background = () => panel.evaluate((el) => getComputedStyle(el).backgroundColor);
        await emulateAround(app, gmail, frame, 'dark');
        assert.equal(await background(), 'rgb(255, 255, 255)');
        await app.call('updateSettings', { theme: 'dark' });
        await waitFor(async () => (await background()) === DARK_PANEL, {
          message: 'the Theme setting "dark" did not make the panel dark',
        });
        await screenshot(gmail, `dark-setting-light-gmail-${lang}`);
        await app.call('updateSettings', { theme: 'page' });
        await waitFor(async () => (await background()) === 'rgb(255, 255, 255)', {
          message: 'the panel did not follow the light page again',
        });
        await gmail.close();
      },
    );

    test('the rail in dark, with its due count', { timeout: 60_000 }, async () => {
      await extension.evaluate(
        (key) => chrome.storage.local.set({ [key]: { collapsed: true, width: 320 } }),
        LAYOUT_KEY,
      );
      const gmail = await app.openGmail('dark-theme', { date: '2026-12-05' });
      const frame = await sidebarFrameOf(gmail);
      await emulateAround(app, gmail, frame, 'light');
      const rail = frame.locator('[data-testid="sidebar"]');
      await waitFor(
        async () =>
          (await rail.evaluate((el) => getComputedStyle(el).backgroundColor)) === 'rgb(42, 43, 47)',
        { message: 'the rail did not turn dark' },
      );
      const shown = await frame.evaluate(textContrasts);
      assert.ok(shown.length >= 1, 'no text on the rail was checked');
      assert.deepEqual(failing(shown), [], 'text under 4.5:1 on the dark rail');
      await screenshot(gmail, `dark-rail-${lang}`);
      await gmail.close();
    });

    test('the popup in dark', { timeout: 60_000 }, async () => {
      const popup = await app.openPage('popup.html');
      await popup.setViewportSize({ width: 400, height: 600 });
      await popup.locator('[data-testid="key-players-list"]').waitFor();
      await emulateScheme(app, popup, 'dark');
      const body = () =>
        popup.evaluate(() => [
          getComputedStyle(document.body).backgroundColor,
          getComputedStyle(document.documentElement).color,
        ]);
      await waitFor(async () => (await body())[0] === DARK_PANEL, {
        message: 'the popup did not turn dark',
      });
      assert.deepEqual(await body(), [DARK_PANEL, DARK_TEXT]);
      const shown = await popup.evaluate(textContrasts);
      assert.ok(shown.length > 10, `only ${shown.length} pieces of text were checked`);
      assert.deepEqual(failing(shown), [], 'text under 4.5:1 in the dark popup');
      await screenshot(popup, `dark-popup-${lang}`);
      await popup.close();
    });
  });
}
