// The account plan's objectives in a real browser, in English and Russian: the empty plan invites
// the first objective; objectives are created from the account page with the keyboard; a status
// changes in one step and the progress follows; a next action is linked to an objective; the
// table filters by "objectives at risk"; deleting a linked objective says what it unlinked and
// Undo links it again; the sidebar shows the plan one line per objective; the demo's plan merges
// in and fills the plan to its limit.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { objectivesBackup } from '../fixtures/sample-objectives.mjs';
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

const HOSTILE = 'Faster <b>claims</b><img src=x onerror="document.title=1">';

for (const lang of ['en', 'ru']) {
  const messages = lang === 'ru' ? ru : en;
  const msg = (key, ...subs) => {
    const entry = messages[key];
    return entry.message.replace(/\$([A-Z_]+)\$/g, (_, name) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
      return content.replace(/\$(\d)/g, (_m, i) => String(subs[Number(i) - 1]));
    });
  };

  describe(`objectives in ${lang === 'ru' ? 'Russian' : 'English'}`, () => {
    let app;
    let page;
    before(async () => {
      app = await launch({ lang });
      await app.seed(sampleBackup(Date.now()));
      page = await app.openPage('accounts.html#account=acc-northwind');
      await page.setViewportSize({ width: 1280, height: 900 });
    });
    after(() => app?.close());

    const panel = () => page.locator('section[aria-labelledby="objectives-heading"]');
    const items = () => panel().locator('[data-testid="objective"]');
    const stored = async () => (await storedData(app)).objectives;

    test('the empty plan invites the first objective', { timeout: 30_000 }, async () => {
      await expectText(panel().locator('.plan-empty p'), msg('objectivesEmpty'));
      await panel().scrollIntoViewIfNeeded();
      await screenshot(page, `objectives-empty-${lang}`);
    });

    test('objectives are created with the keyboard', { timeout: 60_000 }, async () => {
      // The first: from the empty state's button, by keyboard alone.
      await page.locator('#objectives-add-first').focus();
      await page.keyboard.press('Enter');
      await page.keyboard.type('Cross-Channel transit times down 15%');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Median door-to-door days');
      await page.keyboard.press('Tab');
      await page.keyboard.type('3.4 days');
      await page.locator('#objective-new-due').fill('2027-06-30');
      await page.keyboard.press('Enter');
      await waitFor(async () => (await items().count()) === 1, { message: 'no first objective' });
      await expectText(
        panel().locator('[data-testid="plan-progress"]'),
        msg('objectivesProgressNoRisk', 0, 1),
      );

      // An empty outcome is refused in place, and nothing is stored.
      await page.locator('#objectives-add').click();
      await page.keyboard.press('Enter');
      await expectText(
        panel().locator('#objective-new-outcome-error'),
        msg('objectivesOutcomeRequired'),
      );
      assert.equal((await stored()).length, 1);
      // The second: markup in its outcome stays text.
      await page.locator('#objective-new-outcome').fill(HOSTILE);
      await page.locator('#objective-new-measure').fill('Claims closed within 10 days');
      await page.keyboard.press('Enter');
      await waitFor(async () => (await items().count()) === 2, { message: 'no second objective' });
      assert.equal(await items().nth(1).locator('.objective-outcome').textContent(), HOSTILE);
      assert.equal(await panel().locator('b, img').count(), 0, 'an outcome was parsed as markup');

      const records = await stored();
      assert.deepEqual(
        records.map((o) => [o.outcome, o.measure, o.target, o.due, o.status]).sort(),
        [
          [
            'Cross-Channel transit times down 15%',
            'Median door-to-door days',
            '3.4 days',
            '2027-06-30',
            'on_track',
          ],
          [HOSTILE, 'Claims closed within 10 days', '', null, 'on_track'],
        ].sort(),
      );
    });

    test('a status changes in one step and the progress follows', { timeout: 30_000 }, async () => {
      const [, second] = (await stored()).sort((a, b) => a.createdAt - b.createdAt);
      const select = panel().locator(`[data-objective-id="${second.id}"] select.objective-status`);
      await select.selectOption('at_risk');
      await expectText(
        panel().locator('[data-testid="plan-progress"]'),
        msg('objectivesProgress', 0, 2, 1),
      );
      const now = (await stored()).find((o) => o.id === second.id);
      assert.equal(now.status, 'at_risk');
      assert.ok(now.statusAt > second.statusAt, 'statusAt did not move');
    });

    test('a next action is linked to an objective', { timeout: 30_000 }, async () => {
      const [first] = (await stored()).sort((a, b) => a.createdAt - b.createdAt);
      const next = page.locator('section[aria-labelledby="next-heading"]');
      await next.locator('button', { hasText: msg('accountsEditNextAction') }).click();
      const pick = next.locator('[data-testid="objective-pick"]');
      await pick.selectOption(first.id);
      await next.locator('button[type="submit"]').click();
      await expectText(
        next.locator('[data-testid="next-objective"]'),
        msg('objectiveServes', first.outcome),
      );
      const data = await storedData(app);
      const nextAction = data.accounts.find((a) => a.id === 'acc-northwind').nextAction;
      assert.equal(nextAction.objectiveId, first.id);
      // Who it is with stays as it was (the sample's Anna), shown and stored.
      assert.equal(nextAction.personId, 'per-anna');
      await expectText(next.locator('.next-meta').first(), 'Anna Keller');
      // Opened again, the editor shows the objective linked now and who it is with.
      await next.locator('button', { hasText: msg('accountsEditNextAction') }).click();
      assert.equal(await pick.inputValue(), first.id);
      assert.equal(await next.locator('select[name="with"]').inputValue(), 'per-anna');
      await page.keyboard.press('Escape');
      await expectText(
        panel().locator(`[data-objective-id="${first.id}"] .objective-linked`),
        msg('objectivesLinked', msg('objectivesLinkedNext')),
      );
      await panel().scrollIntoViewIfNeeded();
      await screenshot(page, `objectives-account-${lang}`);
    });

    test('the table filters by objectives at risk', { timeout: 30_000 }, async () => {
      await page.evaluate(() => (location.hash = '#view=table'));
      await page.locator('table.accounts').waitFor();
      const ids = () =>
        page.locator('tbody tr[data-id]').evaluateAll((rows) => rows.map((r) => r.dataset.id));
      await waitFor(async () => (await ids()).length === 3, { message: 'the table did not load' });
      await page.locator('#filter-objectives').selectOption('at_risk');
      await waitFor(async () => (await ids()).join() === 'acc-northwind', {
        message: 'the filter did not leave Northwind alone',
      });
      assert.match(page.url(), /objectives=at_risk/);
      await expectText(
        page.locator('tr[data-id="acc-northwind"] [data-testid="risk-tag"]'),
        msg('objectivesAtRiskTag', 1),
      );
      await screenshot(page, `objectives-table-${lang}`);
      // Back to the account the way the user would: the row's link.
      await page.locator('tr[data-id="acc-northwind"] a').click();
      await panel().waitFor();
    });

    test(
      'deleting a linked objective says what it unlinked; Undo links it again',
      { timeout: 30_000 },
      async () => {
        const [first] = (await stored()).sort((a, b) => a.createdAt - b.createdAt);
        await panel().locator(`[data-objective-id="${first.id}"] .objective-remove`).click();
        const toast = page.locator('.toast');
        await expectText(
          toast,
          new RegExp(escape(msg('objectivesRemovedUnlinked', first.outcome, 1))),
        );
        let data = await storedData(app);
        assert.equal(data.objectives.length, 1);
        assert.equal(
          data.accounts.find((a) => a.id === 'acc-northwind').nextAction.objectiveId,
          undefined,
        );
        await screenshot(page, `objectives-deleted-${lang}`);
        await toast.locator('button').first().click();
        await waitFor(async () => (await items().count()) === 2, {
          message: 'Undo did not bring it back',
        });
        data = await storedData(app);
        assert.equal(
          data.accounts.find((a) => a.id === 'acc-northwind').nextAction.objectiveId,
          first.id,
        );
      },
    );

    test('the sidebar shows the plan, one line per objective', { timeout: 60_000 }, async () => {
      const gmail = await app.openGmail('thread');
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
      await expectSidebarState(gmail, 'ready');
      const frame = await sidebarFrameOf(gmail);
      const card = frame.locator('[data-account-id="acc-northwind"]');
      await expectText(
        card.locator('[data-testid="objectives-progress"]'),
        msg('objectivesProgress', 0, 2, 1),
      );
      const lines = card.locator('[data-testid="objectives"] li');
      assert.equal(await lines.count(), 2);
      assert.deepEqual(
        (await lines.locator('.rp-objective-status').allTextContents()).sort(),
        [msg('objectiveOnTrack'), msg('objectiveAtRisk')].sort(),
      );
      assert.equal(
        await card.locator('[data-testid="objectives"] b, [data-testid="objectives"] img').count(),
        0,
      );
      // One line each: nothing wraps, nothing sticks out of the panel.
      const heights = await lines.evaluateAll((li) =>
        li.map((x) => x.getBoundingClientRect().height),
      );
      assert.ok(
        heights.every((h) => h < 26),
        `lines wrap: ${heights}`,
      );
      await card.locator('[data-testid="objectives"]').scrollIntoViewIfNeeded();
      await screenshot(gmail, `objectives-sidebar-${lang}`);
      assert.notEqual(await gmail.title(), '1');
      await gmail.close();
    });

    test(
      'the demo plan merges in and fills the plan to its limit',
      { timeout: 30_000 },
      async () => {
        await app.call('importData', { backup: objectivesBackup(Date.now()), mode: 'merge' });
        await page.reload();
        await waitFor(async () => (await items().count()) === 5, {
          message: 'the demo plan is not shown',
        });
        await expectText(
          panel().locator('[data-testid="plan-progress"]'),
          msg('objectivesProgress', 1, 5, 2),
        );
        assert.equal(
          await page.locator('#objectives-add').count(),
          0,
          'Add is offered on a full plan',
        );
        await expectText(
          panel().locator('p.muted', { hasText: msg('objectivesFull', 5) }),
          msg('objectivesFull', 5),
        );
        // The background refuses a sixth all the same.
        const r = await app.send('createObjective', {
          accountId: 'acc-northwind',
          outcome: 'One too many',
          measure: '',
          target: '',
          due: null,
        });
        assert.equal(r.ok, false);
        assert.equal((await stored()).length, 5);
        await panel().scrollIntoViewIfNeeded();
        await screenshot(page, `objectives-full-${lang}`);
      },
    );
  });
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
