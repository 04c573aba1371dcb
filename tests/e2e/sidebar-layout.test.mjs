// The sidebar's text fits (issue 15, items 4 and 6): in English and in Russian, at the narrowest
// panel (240 px) and at the default width, no label, button, link or heading is cut, in the
// account as shown and with each of its small forms open; and two people no longer make the panel
// a page of open forms.
//
// "Cut" is what a user sees as "Такт…": an element whose text is wider than its box
// (scrollWidth > clientWidth), or that sticks out of the panel or of the card or form it is in.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import en from '../../public/_locales/en/messages.json' with { type: 'json' };
import ru from '../../public/_locales/ru/messages.json' with { type: 'json' };
import {
  openPeople,
  expectSidebarState,
  expectText,
  launch,
  screenshot,
  sidebar,
  sidebarFrame,
  sidebarFrameOf,
  waitFor,
} from './harness.mjs';

/** utils/dock-layout.ts: the narrowest panel; the default at 1280 px is a quarter of the window. */
const MIN_WIDTH = 240;
const DEFAULT_WIDTH = 320;
const LAYOUT_KEY = 'rapport:sidebar';

/**
 * The labels, buttons, links and headings of the open panel whose text is cut or sticks out. The
 * tooltips are skipped while hidden; data shown with a deliberate ellipsis (an email address, a
 * list of domains) is neither a label nor a button and is not looked at.
 */
async function clipped(page) {
  const frame = await sidebarFrameOf(page);
  return frame.evaluate(() => {
    const panel = document.querySelector('[data-testid="sidebar"]');
    const edge = panel.getBoundingClientRect();
    const found = [];
    const selector = 'button, button *, label, a, h2, h3, legend, .rp-field-label, .rp-badge';
    for (const el of panel.querySelectorAll(selector)) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden') continue;
      const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 50);
      const card = el.parentElement?.closest('.rp-card, .rp-form')?.getBoundingClientRect();
      if (box.left < edge.left - 1 || box.right > edge.right + 1) {
        found.push(`<${el.localName}> "${text}": outside the panel`);
      } else if (card && (box.left < card.left - 1 || box.right > card.right + 1)) {
        found.push(`<${el.localName}> "${text}": outside its card`);
      } else if (el.scrollWidth > el.clientWidth && el.clientWidth > 0) {
        found.push(
          `<${el.localName}> "${text}": ${el.scrollWidth} px of text in ${el.clientWidth}`,
        );
      }
    }
    return found;
  });
}

/** How tall the panel's content is (what the user scrolls through), and its People section. */
async function heights(page) {
  const frame = await sidebarFrameOf(page);
  return frame.evaluate(() => ({
    panel: document.querySelector('.rp-body').scrollHeight,
    people: document.querySelector('[data-testid="person"]').closest('section').offsetHeight,
  }));
}

for (const lang of ['en', 'ru']) {
  const messages = lang === 'ru' ? ru : en;
  const msg = (key) => messages[key].message;

  describe(`the sidebar in ${lang === 'ru' ? 'Russian' : 'English'}`, () => {
    let app;
    let extension;
    before(async () => {
      app = await launch({ lang });
      await app.seed(sampleBackup(Date.now()));
      extension = await app.openPage('popup.html');
    });
    after(() => app?.close());

    /** Opens the Northwind thread with the panel `width` px wide. */
    async function openAt(width) {
      await extension.evaluate(
        ([key, width]) => chrome.storage.local.set({ [key]: { collapsed: false, width } }),
        [LAYOUT_KEY, width],
      );
      const gmail = await app.openGmail('thread');
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
      await expectSidebarState(gmail, 'ready');
      const dockWidth = () =>
        gmail.evaluate(() => document.querySelector('rapport-dock')?.getBoundingClientRect().width);
      await waitFor(async () => (await dockWidth()) === width, {
        message: `the dock never became ${width} px wide`,
      });
      return gmail;
    }

    for (const width of [MIN_WIDTH, DEFAULT_WIDTH]) {
      test(`nothing is cut at ${width} px, with each form open`, { timeout: 90_000 }, async () => {
        const gmail = await openAt(width);
        const shot = (what) => screenshot(gmail, `layout-${lang}-${width}${what}`);
        try {
          await shot('');
          assert.deepEqual(await clipped(gmail), [], 'the account as shown');
          // Every stage names itself in full, whatever the panel's width.
          const stages = sidebarFrame(gmail).locator('.rp-ladder button');
          assert.deepEqual(
            await stages.allTextContents(),
            ['stageTactical', 'stageCooperative', 'stageInterdependent', 'stageStrategic'].map(msg),
          );

          // Each small form open: a person's row, the account's name and domains, a new person,
          // the move to another stage.
          await openPeople(gmail, 'Anna Keller');
          await sidebar(gmail, 'edit-account').click();
          await sidebar(gmail, 'add-person').click();
          await sidebarFrame(gmail).locator('[data-stage="strategic"]').click();
          assert.equal(await sidebarFrame(gmail).locator('form').count(), 3, 'three forms open');
          assert.deepEqual(await clipped(gmail), [], 'with the forms open');
          await sidebar(gmail, 'person').first().scrollIntoViewIfNeeded();
          await shot('-forms');
        } catch (error) {
          await shot('-failed');
          throw error;
        } finally {
          await gmail.close();
        }
      });
    }

    for (const width of [MIN_WIDTH, DEFAULT_WIDTH]) {
      test(`the create and log buttons fit at ${width} px`, { timeout: 90_000 }, async () => {
        const gmail = await openAt(width);
        const shot = (page, what) => screenshot(page, `layout-${lang}-${width}-${what}`);
        const frame = sidebarFrame(gmail);
        let other = null;
        try {
          // The follow-up form: what becomes of the open next action, the due presets and days.
          await sidebar(gmail, 'log-follow-up').click();
          await sidebar(gmail, 'follow-up').waitFor();
          await sidebar(gmail, 'follow-up').locator('[name="next"]').fill('Call Anna');
          assert.deepEqual(await clipped(gmail), [], 'with the follow-up form open');
          await shot(gmail, 'follow-up');
          await gmail.keyboard.press('Escape');
          await waitFor(async () => (await sidebar(gmail, 'follow-up').count()) === 0, {
            message: 'the follow-up form did not close',
          });

          // Mark done asks what was done.
          await sidebar(gmail, 'done').click();
          await sidebar(gmail, 'done-confirm').waitFor();
          assert.deepEqual(await clipped(gmail), [], 'with Mark done asking what was done');
          await shot(gmail, 'done');

          // A free-mail sender: Create an account… and Add to an existing account, each open.
          other = await app.openGmail('freemail-sender');
          const offers = sidebarFrame(other);
          await sidebar(other, 'create-named-account').waitFor();
          assert.deepEqual(await clipped(other), [], 'with a free-mail sender');
          // The sender's name is shown whole beside (or above) the buttons offered for them.
          assert.deepEqual(
            await offers
              .locator('.rp-unknown .rp-strong')
              .evaluateAll((els) =>
                els
                  .filter((el) => el.scrollWidth > el.clientWidth)
                  .map((el) => `${el.textContent}: ${el.scrollWidth} px in ${el.clientWidth}`),
              ),
            [],
            'the free-mail sender’s name is cut',
          );
          await shot(other, 'free-mail');
          await sidebar(other, 'create-named-account').click();
          await sidebar(other, 'new-account-name').waitFor();
          assert.deepEqual(await clipped(other), [], 'with Create an account… open');
          await shot(other, 'free-mail-create');
          await offers.getByRole('button', { name: msg('sidebarCancel'), exact: true }).click();
          await offers.getByRole('button', { name: msg('sidebarAddToExisting') }).click();
          await offers.locator('input[type="search"]').waitFor();
          assert.deepEqual(await clipped(other), [], 'with Add to an existing account open');
          await shot(other, 'free-mail-add');
          await other.close();

          // A sender from a company not yet an account: the card that creates it.
          other = await app.openGmail('unknown-sender');
          await sidebar(other, 'create-account').waitFor();
          assert.deepEqual(await clipped(other), [], 'with a company to create');
          await shot(other, 'create-company');
          assert.equal(await frame.locator('[data-testid="sidebar"]').count(), 1);
        } catch (error) {
          await shot(other ?? gmail, 'extras-failed');
          throw error;
        } finally {
          await other?.close();
          await gmail.close();
        }
      });
    }

    test('the portfolio grid fits every stage name', { timeout: 60_000 }, async () => {
      const page = await app.openPage('accounts.html#view=portfolio');
      try {
        const heads = page.locator('table.grid th[scope="row"]');
        await heads.first().waitFor();
        assert.deepEqual(
          await heads.allTextContents(),
          ['stageStrategic', 'stageInterdependent', 'stageCooperative', 'stageTactical'].map(msg),
        );
        const cut = await page.evaluate(() =>
          [...document.querySelectorAll('table.grid th, table.grid .corner, table.grid button')]
            .filter((el) => el.scrollWidth > el.clientWidth)
            .map((el) => `${el.textContent.trim()}: ${el.scrollWidth} px in ${el.clientWidth}`),
        );
        assert.deepEqual(cut, []);
      } finally {
        await screenshot(page, `layout-${lang}-portfolio`);
        await page.close();
      }
    });
  });
}

describe('two people at the default width', () => {
  let app;
  before(async () => {
    app = await launch();
    await app.seed(sampleBackup(Date.now()));
  });
  after(() => app?.close());

  test('the panel is as tall as its content needs', { timeout: 60_000 }, async () => {
    const gmail = await app.openGmail('thread');
    try {
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
      assert.equal(await sidebar(gmail, 'person').count(), 2, 'Northwind has two people');
      const height = await heights(gmail);
      console.log(
        `# two people: panel content ${height.panel} px, People section ${height.people} px`,
      );
      // Before the rows (every field an open form): 1,264 px of panel, 503 px of People.
      assert.ok(height.people <= 220, `People takes ${height.people} px`);
      assert.ok(height.panel < 1264, `the panel takes ${height.panel} px`);
    } finally {
      await screenshot(gmail, 'layout-two-people');
      await gmail.close();
    }
  });
});
