// What someone trying Rapport for the first time meets on the sample data, in English and Russian:
// the follow-up form's example next action is shown whole in the sidebar, the account page opens
// the meeting brief from the keyboard (as the sidebar and the calendar do) and outlines the name it
// focuses on arrival as a name (not as a wide box that reads as a text field), and an account with
// nobody known says so in its coverage badge instead of listing every gap, one of them untrue.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import en from '../../public/_locales/en/messages.json' with { type: 'json' };
import ru from '../../public/_locales/ru/messages.json' with { type: 'json' };
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { objectivesBackup } from '../fixtures/sample-objectives.mjs';
import { expectText, launch, sidebar, sidebarFrameOf } from './harness.mjs';
import { expectFocused, shot } from './pages-helpers.mjs';

/**
 * The text fields (and text areas) whose placeholder is wider than their text box, measured with
 * the field's own font, since a placeholder has no box of its own to measure.
 */
const cutPlaceholders = (frame) =>
  frame.evaluate(() => {
    const context = document.createElement('canvas').getContext('2d');
    return [...document.querySelectorAll('input[placeholder], textarea[placeholder]')]
      .filter((field) => field.offsetParent !== null && field.type !== 'number')
      .filter((field) => {
        const style = getComputedStyle(field);
        context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const room =
          field.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return context.measureText(field.placeholder).width > room + 0.5;
      })
      .map((field) => field.placeholder);
  });

for (const lang of ['en', 'ru']) {
  const messages = lang === 'ru' ? ru : en;
  const msg = (key) => messages[key].message;

  describe(`a first look at Rapport (${lang})`, () => {
    let app;
    before(async () => {
      app = await launch({ lang: lang === 'en' ? null : lang });
      await app.seed(sampleBackup(Date.now()));
      await app.call('importData', { backup: objectivesBackup(Date.now()), mode: 'merge' });
    });
    after(() => app?.close());

    test('the follow-up form shows its example next action whole', async () => {
      const gmail = await app.openGmail('thread');
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
      const frame = await sidebarFrameOf(gmail);
      await frame.locator('[data-testid="log-follow-up"]').click();
      const next = frame.locator(`input[placeholder="${msg('sidebarNextActionPlaceholder')}"]`);
      await next.waitFor();
      await shot(gmail, `newcomer-follow-up-${lang}`, { fullPage: false });
      assert.deepEqual(await cutPlaceholders(frame), [], 'no placeholder is cut');
      await gmail.close();
    });

    test('the account page opens the meeting brief, by keyboard', async () => {
      const page = await app.openPage('accounts.html#account=acc-northwind');
      const heading = page.locator('h1');
      await expectText(heading, 'Northwind Logistics');
      const link = page.locator('.editor-head [data-testid="open-brief"]');
      assert.equal((await link.innerText()).trim(), msg('briefOpen'));
      // The page puts focus on the account's name; the brief is the next stop.
      await heading.focus();
      await page.keyboard.press('Tab');
      await expectFocused(link, 'the meeting brief link');
      await shot(page, `newcomer-account-brief-link-${lang}`, { fullPage: false });
      const [brief] = await Promise.all([
        app.context.waitForEvent('page'),
        page.keyboard.press('Enter'),
      ]);
      await brief.locator('[data-testid="brief"]').waitFor();
      const url = new URL(brief.url());
      assert.equal(url.pathname, '/brief.html');
      assert.equal(url.searchParams.get('account'), 'acc-northwind');
      assert.deepEqual(url.searchParams.getAll('with'), [], 'the whole account, not a thread');
      assert.equal(await brief.locator('h1').innerText(), 'Northwind Logistics');
      await brief.close();
      await page.close();
    });

    test('the account name, focused on arrival, is outlined as a name, not as a text field', async () => {
      const page = await app.openPage('accounts.html#account=acc-northwind');
      const heading = page.locator('.editor-head h1');
      await expectText(heading, 'Northwind Logistics');
      await expectFocused(heading, 'the account name');
      const { box, text } = await heading.evaluate((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return {
          box: el.getBoundingClientRect().width,
          text: range.getBoundingClientRect().width,
        };
      });
      await shot(page, `newcomer-account-arrival-${lang}`, { fullPage: false });
      assert.ok(box <= text + 2, `the name's box is ${box} px wide for ${text} px of text`);
      await page.close();
    });

    test('an account with nobody known says so in its coverage badge', async () => {
      const page = await app.openPage('accounts.html#account=acc-umbrella');
      await expectText(page.locator('h1'), 'Umbrella Pharma');
      const badge = page.locator('.editor-head [data-testid="coverage"]');
      await expectText(badge, msg('coverageWhyNobody'));
      assert.equal(await badge.locator('[data-testid="coverage-gaps"]').count(), 0);
      await shot(page, `newcomer-coverage-nobody-${lang}`, { element: badge });
      // An account with people still lists what is missing.
      await page.goto(page.url().replace('acc-umbrella', 'acc-globex'));
      await page.reload();
      await expectText(page.locator('h1'), 'Globex');
      const gaps = page.locator('.editor-head [data-testid="coverage-gaps"] li');
      await gaps.first().waitFor();
      assert.ok(
        (await gaps.allInnerTexts()).includes(msg('coverageGapSingleThreaded')),
        'Globex, one person known, is single-threaded',
      );
      await page.close();
    });
  });
}
