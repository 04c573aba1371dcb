// The meeting brief in a real browser, in English and Russian: opened from the sidebar on a seeded
// thread (the thread's Northwind people are the attendees), its sections checked, printed with
// Chromium's own PDF printer on A4 and Letter and read back as text (tests/tools/pdf-text.mjs);
// opened from the calendar for the whole account; and out of a host page's reach: a page cannot
// open or frame it, and a thread that lists another account's person shows nothing of them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import en from '../../public/_locales/en/messages.json' with { type: 'json' };
import ru from '../../public/_locales/ru/messages.json' with { type: 'json' };
import { BRIEF_OFFERINGS, HANK_SECRET, briefBackup } from '../fixtures/meeting-brief-data.mjs';
import { pdfText } from '../tools/pdf-text.mjs';
import {
  RESULTS,
  expectSidebarState,
  expectText,
  launch,
  screenshot,
  sidebar,
  sidebarFrameOf,
  waitFor,
} from './harness.mjs';

/** Paper sizes in inches, as Page.printToPDF takes them. */
const PAPER = { a4: [8.27, 11.69], letter: [8.5, 11] };

for (const lang of ['en', 'ru']) {
  const messages = lang === 'ru' ? ru : en;
  const msg = (key, ...subs) => {
    const entry = messages[key];
    return entry.message.replace(/\$([A-Z_]+)\$/g, (_, name) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
      return content.replace(/\$(\d)/g, (_m, i) => String(subs[Number(i) - 1]));
    });
  };

  describe(`the meeting brief in ${lang === 'ru' ? 'Russian' : 'English'}`, () => {
    let app;
    before(async () => {
      app = await launch({ lang });
      await app.seed(briefBackup(Date.now()));
      await app.call('updateSettings', { offerings: BRIEF_OFFERINGS });
    });
    after(() => app?.close());

    test('opened from the sidebar on a thread, read, and printed on A4 and Letter', async () => {
      const gmail = await app.openGmail('thread');
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
      await expectSidebarState(gmail, 'ready');
      const frame = await sidebarFrameOf(gmail);
      const link = frame.locator('[data-testid="open-brief"]');
      assert.equal((await link.textContent()).trim(), msg('briefOpen'));
      await link.scrollIntoViewIfNeeded();
      await screenshot(gmail, `brief-sidebar-${lang}`);
      const [page] = await Promise.all([app.context.waitForEvent('page'), link.click()]);
      await page.locator('[data-testid="brief"]').waitFor();
      const url = new URL(page.url());
      assert.equal(url.pathname, '/brief.html');
      assert.equal(url.searchParams.get('account'), 'acc-northwind');
      assert.deepEqual(url.searchParams.getAll('with').sort(), [
        'anna.keller@northwind.co.uk',
        'tom.reyes@mail.northwind.co.uk',
      ]);

      const section = (id) => page.locator(`[data-testid="${id}"]`);
      const text = async (id) => (await section(id).innerText()).replace(/\s+/g, ' ');
      assert.equal(await page.locator('h1').innerText(), 'Northwind Logistics');
      assert.match(await page.locator('main').innerText(), new RegExp(msg('briefScopeThread')));
      assert.deepEqual(await page.locator('[data-testid="brief-person"] strong').allInnerTexts(), [
        'Anna Keller',
        'Tom Reyes',
      ]);
      const people = await text('brief-attendees');
      assert.ok(people.includes(`${msg('briefNotesPrivate')}: Prefers short calls`), people);
      assert.ok(people.includes(`${msg('briefNotes')}: Runs the Dover hub`), people);
      assert.ok(people.includes(msg('roleDecisionMaker').toString()), people);
      assert.ok(people.includes(msg('attitudeSupporter')), people);
      const meeting = await text('brief-last-meeting');
      assert.ok(meeting.includes('Site visit at the Dover hub'), meeting);
      assert.ok(meeting.includes('Tom raised peak-season capacity.'), meeting);
      assert.ok(meeting.includes('Send the Q1 volume proposal'), meeting);
      // The next action the visit set is the one recorded with it, and it is still open.
      const [head, tail] = msg('briefNextOpen', 'Send the Q1 volume proposal', '\u0000').split(
        '\u0000',
      );
      const setByVisit = (await section('brief-meeting-next').innerText()).trim();
      assert.ok(setByVisit.startsWith(head) && setByVisit.endsWith(tail), setByVisit);
      assert.ok((await text('brief-next-actions')).includes('Send the Q1 volume proposal'));
      const decisions = await text('brief-decisions');
      assert.ok(decisions.includes('Kept us as the sole cross-Channel carrier'), decisions);
      assert.ok(decisions.includes('On-time rate above 98% for two quarters.'), decisions);
      assert.deepEqual(await section('brief-objectives').locator('li strong').allInnerTexts(), [
        'Win the Rotterdam warehousing volume',
        'Cut transit times by 15%',
      ]);
      assert.ok((await text('brief-objectives')).includes(msg('briefStatusAtRisk')));
      const chances = await text('brief-opportunities');
      assert.ok(chances.includes('Warehousing · Operations'), chances);
      assert.ok(chances.includes(msg('briefSupplierCompetitor', 'Acme Freight')), chances);
      assert.ok(chances.includes('Customs brokerage · Finance'), chances);
      assert.ok(
        !chances.includes('Customs brokerage · Operations'),
        'a cell we supply is no opportunity',
      );

      // Keyboard: the Print button is the page's first stop, and Enter prints.
      await page.evaluate(() => {
        window.print = () => (window.__printed = (window.__printed ?? 0) + 1);
      });
      await page.keyboard.press('Tab');
      assert.equal(
        await page.evaluate(() => document.activeElement?.dataset.testid),
        'brief-print',
      );
      assert.equal(
        await page.evaluate(() => document.activeElement?.textContent),
        msg('briefPrint'),
      );
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => window.__printed), 1);
      // The next stop leads back to the account the brief is about.
      await page.keyboard.press('Tab');
      const back = await page.evaluate(() => ({
        id: document.activeElement?.dataset.testid,
        href: document.activeElement?.getAttribute('href'),
        text: document.activeElement?.textContent,
      }));
      assert.deepEqual(back, {
        id: 'brief-open-account',
        href: '/accounts.html#account=acc-northwind',
        text: msg('sidebarOpenAccount'),
      });

      await page.setViewportSize({ width: 1000, height: 800 });
      await screenshot(page, `brief-screen-${lang}`);
      await page.screenshot({
        path: path.join(RESULTS, `brief-screen-full-${lang}.png`),
        fullPage: true,
      });
      await page.emulateMedia({ media: 'print' });
      await page.screenshot({
        path: path.join(RESULTS, `brief-print-${lang}.png`),
        fullPage: true,
      });
      assert.equal(await page.locator('[data-testid="brief-print"]').isVisible(), false);
      assert.equal(await page.locator('[data-testid="brief-open-account"]').isVisible(), false);
      // Back to no emulation: a forced 'screen' would hold through printToPDF too.
      await page.emulateMedia({ media: null });

      const cdp = await app.context.newCDPSession(page);
      for (const [paper, [paperWidth, paperHeight]] of Object.entries(PAPER)) {
        const { data } = await cdp.send('Page.printToPDF', { paperWidth, paperHeight });
        const pdf = Buffer.from(data, 'base64');
        fs.writeFileSync(path.join(RESULTS, `brief-${paper}-${lang}.pdf`), pdf);
        const { pages, text: pageTexts } = pdfText(pdf);
        const all = pageTexts.join('\n');
        assert.ok(pages >= 1 && pages <= 3, `${paper}: ${pages} pages`);
        for (const wanted of [
          'Northwind Logistics',
          'Anna Keller',
          'Win the Rotterdam warehousing volume',
          msg('briefLastMeeting'),
        ])
          assert.ok(all.includes(wanted), `${paper} PDF lacks "${wanted}":\n${all.slice(0, 600)}`);
        // No screen chrome on paper.
        assert.ok(
          !all.split('\n').some((l) => l.trim() === msg('briefPrint')),
          'the Print button printed',
        );
        // A person is never cut across two pages: each name's page holds their notes too.
        for (const [name, note] of [
          ['Anna Keller', 'Prefers short calls'],
          ['Tom Reyes', 'Runs the Dover hub'],
        ]) {
          const at = pageTexts.findIndex((t) => t.includes(name));
          assert.ok(pageTexts[at].includes(note), `${paper}: ${name}'s notes are on another page`);
        }
      }
      await cdp.detach();
      await page.close();
      await gmail.close();
    });

    test("a thread that lists another account's person shows nothing of them", async () => {
      // As if a hostile page had put Hank (Globex) on a Northwind thread: his address stays an
      // address; his name and private notes are nowhere on the page.
      const page = await app.openPage(
        'brief.html?account=acc-northwind&with=anna.keller%40northwind.co.uk&with=h.scorpio%40globex.com',
      );
      await page.locator('[data-testid="brief"]').waitFor();
      const body = await page.locator('body').innerText();
      assert.ok(body.includes('Anna Keller'));
      assert.ok(!body.includes('Hank Scorpio'), 'another account’s person is shown');
      assert.ok(!body.includes(HANK_SECRET), 'another account’s private notes are shown');
      // Each guest an isolate (FSI … PDI): a bidi control in one cannot reorder the sentence.
      assert.ok(body.includes(msg('briefGuests', '\u2068h.scorpio@globex.com\u2069')));
      await page.close();
    });

    test('a host page can neither open nor frame the brief', async () => {
      const gmail = await app.openGmail('thread');
      const target = `${app.origin}/brief.html?account=acc-globex`;
      const before = new Set(app.context.pages());
      await gmail.evaluate((href) => {
        const frame = document.createElement('iframe');
        frame.src = href;
        frame.id = 'probe';
        document.body.append(frame);
        window.open(href, '_blank');
      }, target);
      await new Promise((r) => setTimeout(r, 1500));
      // Any frame or tab at the brief's address must hold Chromium's refusal, not the brief.
      const reached = [];
      let tried = 0;
      const opened = app.context.pages().filter((p) => !before.has(p));
      for (const f of [...gmail.frames(), ...opened.flatMap((p) => p.frames())]) {
        if (
          !f.url().startsWith(`${app.origin}/brief.html`) &&
          f.url() !== 'chrome-error://chromewebdata/'
        )
          continue;
        tried++;
        const loaded = await f
          .evaluate(() => document.querySelector('[data-testid="brief"]') !== null)
          .catch(() => false);
        if (loaded) reached.push(f.url());
      }
      assert.ok(tried >= 1, 'neither the frame nor the tab was made');
      assert.deepEqual(reached, [], 'the brief loaded for a host page');
      for (const p of opened) await p.close();
      await gmail.close();
    });

    test('opened from the calendar for the whole account', async () => {
      const accounts = await app.openPage('accounts.html#view=calendar');
      const link = accounts.getByRole('link', { name: msg('briefOpenFor', 'Northwind Logistics') });
      await link.first().waitFor();
      assert.equal(await link.count(), 1);
      await link.focus();
      const [page] = await Promise.all([
        app.context.waitForEvent('page'),
        accounts.keyboard.press('Enter'),
      ]);
      await page.locator('[data-testid="brief"]').waitFor();
      assert.equal(new URL(page.url()).search, '?account=acc-northwind');
      assert.match(await page.locator('main').innerText(), new RegExp(msg('briefScopeAccount')));
      assert.deepEqual(await page.locator('[data-testid="brief-person"] strong').allInnerTexts(), [
        'Anna Keller',
        'Tom Reyes',
      ]);
      await screenshot(accounts, `brief-calendar-${lang}`);
      await waitFor(
        async () =>
          (await page.title()) === msg('briefPageTitle', '\u2068Northwind Logistics\u2069'),
      );
      await page.close();
      await accounts.close();
    });
  });
}
