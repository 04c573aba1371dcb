// The Gmail flow with the browser in Russian: the sidebar speaks Russian, with Russian dates, and
// nothing in it overflows the panel.
//
// harness.mjs's launch() takes no browser arguments, so this file launches Chromium itself with
// the harness's helpers. Two settings make a Russian browser: `--lang=ru` picks the extension's
// _locales/ru (chrome.i18n.getMessage), and Playwright's `locale: 'ru-RU'` sets what
// chrome.i18n.getUILanguage() and navigator.language report, which the sidebar's Intl dates use.
// (Headless Chromium ignores the LANGUAGE and LANG environment variables.)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import ru from '../../public/_locales/ru/messages.json' with { type: 'json' };
import {
  DIST,
  copyBuild,
  expectSidebarState,
  expectText,
  findChromium,
  loadFixture,
  screenshot,
  sidebar,
  sidebarFrame,
  sidebarFrameOf,
  waitFor,
} from './harness.mjs';

const msg = (key) => ru[key].message;

/** Chromium with the built extension, in Russian; only what this test needs of launch(). */
async function launchRussian() {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-e2e-ru-'));
  const dist = path.join(temp, 'extension');
  const removeTemp = () => fs.rmSync(temp, { recursive: true, force: true });
  process.once('exit', removeTemp);
  await copyBuild(process.env.RAPPORT_DIST || DIST, dist);
  const context = await chromium.launchPersistentContext(path.join(temp, 'profile'), {
    executablePath: findChromium(),
    headless: true,
    viewport: { width: 1280, height: 800 },
    locale: 'ru-RU',
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${dist}`,
      `--load-extension=${dist}`,
      '--lang=ru',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  // Nothing leaves the machine: the Gmail page is routed below; anything else fails fast.
  await context.route(
    (url) => url.protocol === 'http:' || url.protocol === 'https:',
    (route) => route.abort('internetdisconnected'),
  );
  const worker =
    context.serviceWorkers()[0] ??
    (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const origin = `chrome-extension://${new URL(worker.url()).host}`;
  const popup = await context.newPage();
  await popup.goto(`${origin}/popup.html`);

  async function call(name, request = {}) {
    const answer = await popup.evaluate((envelope) => chrome.runtime.sendMessage(envelope), {
      rapport: 1,
      name,
      request,
    });
    if (!answer?.ok) throw new Error(`${name} failed: ${JSON.stringify(answer)}`);
    return answer.data;
  }

  async function openGmail(state) {
    const { url, html } = loadFixture(state);
    const page = await context.newPage();
    const documentUrl = url.split('#')[0];
    await page.route('https://mail.google.com/**', (route) => {
      const request = route.request();
      if (request.isNavigationRequest() && request.url().split('#')[0] === documentUrl) {
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      }
      return route.fulfill({ status: 404, contentType: 'text/plain', body: '' });
    });
    await page.goto(url);
    return page;
  }

  async function close() {
    await context.close().catch(() => {});
    removeTemp();
    process.off('exit', removeTemp);
  }

  return { popup, call, openGmail, close };
}

/**
 * Elements of the open sidebar whose text is cut or sticks out: wider than their own box (except
 * where an ellipsis is meant: data such as an email address), reaching past the panel's edges, or
 * a select whose longest option does not fit it closed.
 */
async function overflowing(page) {
  const frame = await sidebarFrameOf(page);
  return frame.evaluate((arrow) => {
    const panel = document.querySelector('[data-testid="sidebar"]');
    if (!panel) return ['no sidebar'];
    const edge = panel.getBoundingClientRect();
    const measure = document.createElement('canvas').getContext('2d');
    const found = [];
    const say = (el, what) => {
      const text = (el.innerText || '').trim().replace(/\s+/g, ' ').slice(0, 60);
      found.push(`<${el.localName}> "${text}": ${what}`);
    };
    for (const el of panel.querySelectorAll('button, label, h2, h3, select, legend, p, span, a')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const style = getComputedStyle(el);
      if (box.left < edge.left - 1 || box.right > edge.right + 1) say(el, 'outside the panel');
      else if (el.localName === 'select') {
        measure.font = style.font;
        const room =
          el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - arrow;
        for (const option of el.options) {
          const width = measure.measureText(option.text).width;
          if (width > room)
            say(el, `option "${option.text}" needs ${Math.ceil(width)} of ${room} px`);
        }
      } else if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
        if (style.textOverflow !== 'ellipsis') say(el, 'text wider than its box');
      }
    }
    return found;
  }, SELECT_ARROW);
}

/** What Chromium's closed <select> keeps for its arrow, in px. */
const SELECT_ARROW = 20;

/** Stage buttons whose text is cut, and each button's full name as its tooltip gives it. */
async function stageNames(page) {
  const frame = await sidebarFrameOf(page);
  return frame.evaluate(() => {
    return [...document.querySelectorAll('.rp-ladder button')].map((b) => ({
      text: b.textContent,
      cut: b.scrollWidth > b.clientWidth + 1,
      current: b.getAttribute('aria-current') === 'step',
      tip: document.getElementById(b.getAttribute('aria-describedby'))?.textContent ?? '',
    }));
  });
}

let app;
before(async () => {
  app = await launchRussian();
  await app.call('importData', { backup: sampleBackup(Date.now()), mode: 'replace' });
  await app.call('updateSettings', { ownDomains: ['brightwave.io'] });
});
after(() => app?.close());

test('the browser really is in Russian', async () => {
  const [ui, message] = await app.popup.evaluate(() => [
    chrome.i18n.getUILanguage(),
    chrome.i18n.getMessage('stageCooperative'),
  ]);
  assert.match(ui, /^ru\b/, 'chrome.i18n.getUILanguage()');
  assert.equal(message, 'Кооперативный');
});

test('a Northwind thread shows its account in Russian', { timeout: 90_000 }, async () => {
  const gmail = await app.openGmail('thread');
  try {
    await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
    await expectSidebarState(gmail, 'ready');
    await expectText(sidebar(gmail, 'stage-current'), 'Кооперативный', { page: gmail });

    const panel = sidebar(gmail);
    // textContent: the headings are upper-cased by CSS, which innerText would apply.
    const headings = await panel.locator('h3').allTextContents();
    for (const key of [
      'sidebarNextAction',
      'sidebarPeople',
      'sidebarActivities',
      'sidebarDecisions',
    ]) {
      assert.ok(
        headings.some((h) => h.includes(msg(key))),
        `heading «${msg(key)}» (${key}) among ${JSON.stringify(headings)}`,
      );
    }
    await expectText(sidebar(gmail, 'log-follow-up'), msg('sidebarLogFollowUp'));
    // The next action is due today in the sample data.
    await expectText(sidebar(gmail, 'next-action'), msg('sidebarDueToday'));
    await expectText(sidebar(gmail, 'done'), msg('sidebarMarkDone'));
    await expectText(sidebar(gmail, 'snooze'), msg('sidebarSnooze'));
    const potential = await sidebar(gmail, 'potential').evaluate(
      (select) => select.selectedOptions[0]?.textContent,
    );
    assert.equal(potential, msg('potentialHigh'));

    // No English left in the panel: every word of the chrome is Russian (the data stays as it is).
    const english = ['Next action', 'People', 'Decision log', 'Log follow-up', 'Cooperative'];
    const text = await panel.evaluate((el) => el.textContent);
    for (const word of english) {
      assert.ok(
        !text.toLowerCase().includes(word.toLowerCase()),
        `English "${word}" in the sidebar`,
      );
    }

    // Dates through Intl in Russian: a month is written as a Russian abbreviation, e.g. «12 мар.».
    assert.match(text, /\d{1,2} (?:янв|февр|мар|апр|мая|июн|июл|авг|сент|окт|нояб|дек)/);

    assert.deepEqual(await overflowing(gmail), [], 'cut or overflowing text in the sidebar');
  } finally {
    await screenshot(gmail, 'i18n-ru');
  }

  // The lower sections, and the follow-up form with its narrow buttons, fit as well.
  try {
    await sidebar(gmail, 'log-follow-up').click();
    await waitFor(async () => (await sidebar(gmail, 'follow-up').count()) > 0, {
      message: 'the follow-up form did not open',
    });
    assert.deepEqual(await overflowing(gmail), [], 'cut or overflowing text in the form');
    await screenshot(gmail, 'i18n-ru-form');
    await gmail.keyboard.press('Escape');

    // Moving up a stage asks why, with the stage named on the button.
    await sidebarFrame(gmail).locator('[data-stage="interdependent"]').click();
    const confirm = sidebarFrame(gmail).locator('.rp-stage button[type="submit"]');
    await expectText(confirm, 'Взаимозависимый');
    assert.deepEqual(await overflowing(gmail), [], 'cut or overflowing text in the stage form');
    await screenshot(gmail, 'i18n-ru-stage');
    await gmail.keyboard.press('Escape');

    await sidebar(gmail, 'decision').first().scrollIntoViewIfNeeded();
    assert.deepEqual(await overflowing(gmail), [], 'cut or overflowing text further down');
    await screenshot(gmail, 'i18n-ru-lower');
  } finally {
    await gmail.close();
  }
});

test(
  'the stage ladder names every stage in full, on its button and in its tooltip',
  { timeout: 60_000 },
  async () => {
    // The Russian names are twice as long as the English ones: where four do not fit in a row the
    // ladder takes two rows, then one, and no name is cut (tests/e2e/sidebar-layout.test.mjs
    // checks the narrowest panel too).
    const gmail = await app.openGmail('thread');
    try {
      await expectText(sidebar(gmail, 'stage-current'), 'Кооперативный', { page: gmail });
      const names = await stageNames(gmail);
      const full = ['Тактический', 'Кооперативный', 'Взаимозависимый', 'Стратегический'];
      assert.deepEqual(
        names.map((n) => [n.text, n.cut]),
        full.map((name) => [name, false]),
      );
      assert.deepEqual(
        names.filter((n) => n.current).map((n) => n.text),
        ['Кооперативный'],
      );
      assert.deepEqual(
        names.map((n, i) => n.tip.startsWith(full[i])),
        [true, true, true, true],
        JSON.stringify(names),
      );
    } finally {
      await screenshot(gmail, 'i18n-ru-ladder');
      await gmail.close();
    }
  },
);

test('an unknown sender is offered in Russian', { timeout: 60_000 }, async () => {
  const gmail = await app.openGmail('unknown-sender');
  try {
    await expectText(sidebar(gmail, 'create-account'), msg('sidebarCreateAccount'), {
      page: gmail,
    });
    const headings = await sidebar(gmail).locator('h3').allTextContents();
    assert.ok(headings.includes(msg('sidebarUnknownTitle')), JSON.stringify(headings));
    assert.deepEqual(await overflowing(gmail), [], 'cut or overflowing text');
  } finally {
    await screenshot(gmail, 'i18n-ru-unknown');
    await gmail.close();
  }
});

test(
  'the inbox, with no thread open, counts what is due in Russian',
  { timeout: 60_000 },
  async () => {
    const gmail = await app.openGmail('inbox');
    try {
      // With nothing open the dock is the rail: its button says in Russian how many are due.
      await expectSidebarState(gmail, 'none');
      const rail = sidebar(gmail, 'collapse');
      const due = await expectText(sidebar(gmail, 'due-count'), /^\d+$/, { page: gmail });
      assert.ok(Number(due) > 0, 'the sample data has next actions due');
      assert.equal(await sidebar(gmail).getAttribute('data-collapsed'), 'true');
      assert.equal(
        await rail.getAttribute('aria-label'),
        msg('sidebarExpandWithDue').replace('$COUNT$', due),
      );
      assert.deepEqual(await overflowing(gmail), [], 'cut or overflowing text in the rail');
      await screenshot(gmail, 'i18n-ru-inbox-rail');

      // Opened, the panel says the same in words.
      await rail.click();
      await expectText(sidebar(gmail, 'status'), msg('sidebarNone'), { page: gmail });
      await expectText(sidebar(gmail), msg('sidebarDueLabel'));
      await expectText(sidebar(gmail, 'due-count'), due);
      assert.deepEqual(await overflowing(gmail), [], 'cut or overflowing text');
    } finally {
      await screenshot(gmail, 'i18n-ru-inbox');
      await gmail.close();
    }
  },
);

/** What a field's aria-describedby points at, read as a screen reader would join it. */
const descriptionOf = (field) =>
  field.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );

test('the cadences say their unit in Russian, in the popup and on the options page', async () => {
  const stages = ['tactical', 'cooperative', 'interdependent', 'strategic'];
  const popup = app.popup;
  await popup.reload();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.getByText(msg('popupFollowUpHeading')).click();
  for (const stage of stages) {
    const field = popup.locator(`[data-testid="cadence-${stage}"]`);
    assert.equal(await descriptionOf(field), msg('optionsDays'), `the popup's ${stage} cadence`);
  }
  await screenshot(popup, 'i18n-ru-popup-cadence');

  const options = await popup.context().newPage();
  try {
    await options.goto(new URL('/options.html', popup.url()).href);
    await options.locator('#cadence-tactical').waitFor();
    // Each field: its unit, then its default (the defaults of utils/shared/stages.ts).
    const defaults = { tactical: 30, cooperative: 21, interdependent: 14, strategic: 7 };
    for (const stage of stages) {
      const days = defaults[stage];
      assert.equal(
        await descriptionOf(options.locator(`#cadence-${stage}`)),
        `${msg('optionsDays')} ${msg('optionsCadenceDefault').replace('$DAYS$', days)}`,
        `the options page's ${stage} cadence`,
      );
    }
    await options.locator('#cadence-heading').scrollIntoViewIfNeeded();
    await screenshot(options, 'i18n-ru-options-cadence');
  } finally {
    await options.close();
  }
});

/** The local calendar day `days` from today. */
function isoDay(days = 0) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

test(
  'the follow-up form in Russian: its choice, dates typed and shown as dd.mm.yyyy, at 240 px and the default width',
  { timeout: 90_000 },
  async () => {
    const weekday = (day) =>
      new Intl.DateTimeFormat('ru', { weekday: 'short', day: 'numeric', month: 'short' }).format(
        new Date(`${day}T12:00:00`),
      );
    const typed = (day) => day.split('-').reverse().join('.');
    await app.call('importData', { backup: sampleBackup(Date.now()), mode: 'replace' });
    for (const width of [240, 320]) {
      await app.popup.evaluate(
        (w) => chrome.storage.local.set({ 'rapport:sidebar': { collapsed: false, width: w } }),
        width,
      );
      const gmail = await app.openGmail('thread');
      try {
        await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
        await sidebar(gmail, 'log-follow-up').click();
        const form = sidebar(gmail, 'follow-up');
        await waitFor(() => form.isVisible(), { message: 'the follow-up form opens' });
        await expectText(sidebar(gmail, 'current-next'), msg('sidebarDueToday'));
        const choices = await form.locator('.rp-segment').allTextContents();
        assert.deepEqual(choices, [
          msg('followUpChoiceDone'),
          msg('followUpChoiceKeep'),
          msg('followUpChoiceReplace'),
        ]);
        await form.locator('[name=next]').fill('Позвонить Анне');
        const due = form.locator('[name=due]');
        assert.equal(await due.inputValue(), typed(isoDay(21)));
        assert.equal(await due.getAttribute('placeholder'), 'дд.мм.гггг');
        const presets = await form.locator('[data-preset]').allTextContents();
        assert.equal(presets[2], `${msg('presetWeek')} · ${weekday(isoDay(7))}`);
        assert.deepEqual(await overflowing(gmail), [], `cut text in the form at ${width} px`);
        await screenshot(gmail, `i18n-ru-follow-up-${width}`);
        await form.locator('[name=weekday]').scrollIntoViewIfNeeded();
        await screenshot(gmail, `i18n-ru-follow-up-${width}-due`);

        if (width === 320) {
          // A Russian date is read day first; an English one is refused with the Russian pattern.
          await due.fill('12/24/2026');
          await due.press('Enter');
          await expectText(form.locator('[role=alert]'), 'дд.мм.гггг');
          await due.fill(typed(isoDay(9)));
          await expectText(sidebar(gmail, 'due-reads'), weekday(isoDay(9)));
          await due.press('Enter');
          await expectText(sidebar(gmail, 'toast'), msg('toastLogged'), { page: gmail });
          const { account } = await app.call('getAccount', { id: 'acc-northwind' });
          assert.deepEqual(
            { text: account.nextAction.text, due: account.nextAction.due },
            { text: 'Позвонить Анне', due: isoDay(9) },
          );
        } else {
          await gmail.keyboard.press('Escape');
          // Let the cancelled form's drafts go (they outlive a frame closed at once).
          await new Promise((resolve) => setTimeout(resolve, 1_500));
        }
      } finally {
        await gmail.close();
      }
    }
  },
);
