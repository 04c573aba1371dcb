// The popup's sidebar settings change an open Gmail tab at once, without a reload: the side, the
// Gmail switch, and "start collapsed". Also: the popup fits its 400 x 600 window and has no
// serious accessibility issue.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { expectSidebarState, expectText, launch, sidebar, waitFor } from './harness.mjs';
import { expectNoSeriousA11yIssues, horizontalOverflow, shot } from './pages-helpers.mjs';
import { controlRows } from './control-rows.mjs';

let app;
let gmail;
let popup;
before(async () => {
  app = await launch();
  await app.seed(sampleBackup(Date.now()));
  gmail = await app.openGmail('thread');
  await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
  popup = await app.openPage('popup.html');
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.locator('[data-testid="side"]').waitFor();
});
after(() => app?.close());

/** Navigations of the Gmail tab so far: a reload would add one. */
const loads = () => gmail.evaluate(() => performance.getEntriesByType('navigation').length);
const attr = (name) => sidebar(gmail).first().getAttribute(name, { timeout: 1_000 });

async function expectAttr(name, value) {
  await waitFor(async () => (await attr(name)) === value, {
    timeout: 3_000,
    message: `the sidebar's ${name} to become "${value}" (it is "${await attr(name).catch(() => 'gone')}")`,
  });
}

test('the side setting moves the open sidebar', { timeout: 30_000 }, async () => {
  const before = await loads();
  assert.equal(await attr('data-side'), 'right');
  // Found by its label, which names the setting rather than starting a sentence the list ends.
  await popup.getByLabel('Sidebar position').selectOption('left');
  await expectAttr('data-side', 'left');
  // The panel really moved: it now sits at the left edge of the window.
  const box = await sidebar(gmail).first().boundingBox();
  assert.ok(box && box.x < 5, `the sidebar is at x=${box?.x}, not at the left edge`);
  await popup.locator('[data-testid="side"]').selectOption('right');
  await expectAttr('data-side', 'right');
  assert.equal(await loads(), before, 'the Gmail tab was reloaded');
});

/**
 * What Rapport has put into the Gmail page (its dock, a margin on <html>) and what it takes from
 * Gmail: how wide the dock is, and where Gmail's main view ends.
 */
const traces = () =>
  gmail.evaluate(() => {
    const style = document.documentElement.style;
    return {
      docks: document.querySelectorAll('rapport-dock').length,
      dockWidth: document.querySelector('rapport-dock')?.getBoundingClientRect().width ?? 0,
      margin: style.getPropertyValue('margin-right') || style.getPropertyValue('margin-left'),
      mainRight: document.querySelector('[role="main"]')?.getBoundingClientRect().right ?? 0,
    };
  });

test('turning Gmail off removes the sidebar; on brings it back', { timeout: 30_000 }, async () => {
  const before = await loads();
  const docked = await traces();
  assert.equal(docked.docks, 1, 'one dock in the page');
  assert.ok(docked.dockWidth > 0, 'the dock takes room');
  const gmailOn = popup.locator('[data-testid="gmail-on"]');
  assert.equal(await gmailOn.isChecked(), true);
  await gmailOn.uncheck();
  // The dock goes, and Gmail gets its width back: no margin left on <html>, the view reaches
  // where the dock was.
  let off;
  await waitFor(
    async () => {
      off = await traces();
      return (
        off.docks === 0 &&
        off.margin === '' &&
        off.mainRight >= docked.mainRight + docked.dockWidth - 1
      );
    },
    {
      timeout: 3_000,
      message: `the sidebar to leave the page (before: ${JSON.stringify(docked)}, now: ${JSON.stringify(off)})`,
    },
  );
  await gmailOn.check();
  await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', {
    page: gmail,
    timeout: 5_000,
  });
  await expectSidebarState(gmail, 'ready');
  const back = await traces();
  assert.equal(back.docks, 1, 'more than one sidebar');
  assert.ok(
    Math.abs(back.mainRight - docked.mainRight) <= 1,
    `Gmail's view ends at ${back.mainRight}, not at ${docked.mainRight} as before`,
  );
  assert.equal(await loads(), before, 'the Gmail tab was reloaded');
});

test(
  '"start collapsed" applies to an open sidebar until the user collapses or expands it by hand',
  {
    timeout: 45_000,
  },
  async () => {
    const before = await loads();
    const startCollapsed = popup.locator('[data-testid="start-collapsed"]');
    assert.equal(await attr('data-collapsed'), 'false');
    await startCollapsed.check();
    await expectAttr('data-collapsed', 'true');
    await startCollapsed.uncheck();
    await expectAttr('data-collapsed', 'false');

    // A Gmail tab opened while it is on starts collapsed.
    await startCollapsed.check();
    await expectAttr('data-collapsed', 'true');
    const second = await app.openGmail('thread');
    try {
      await waitFor(async () => (await sidebar(second).count()) === 1, {
        message: 'second sidebar',
      });
      assert.equal(await sidebar(second).first().getAttribute('data-collapsed'), 'true');

      // The user expands the panel by hand: that choice is remembered, and the default no longer
      // overrides it, here or in the other tab.
      await sidebar(gmail, 'collapse').click();
      await expectAttr('data-collapsed', 'false');
      await startCollapsed.uncheck();
      await startCollapsed.check();
      // Give a wrong change time to arrive before checking it did not.
      await popup.waitForTimeout(500);
      assert.equal(await attr('data-collapsed'), 'false', 'the setting overrode a manual choice');
      assert.equal(await loads(), before, 'the Gmail tab was reloaded');
    } finally {
      await second.close();
      await startCollapsed.uncheck();
    }
  },
);

test(
  'the popup fits 400 x 600 and has no serious accessibility issue',
  { timeout: 30_000 },
  async () => {
    await popup.reload();
    await popup.locator('[data-testid="due-list"]').waitFor();
    try {
      assert.equal(await horizontalOverflow(popup), 0, 'the popup scrolls sideways');
      // Chrome caps a popup at 600 px high: the due list and the settings fit without scrolling.
      const height = await popup.evaluate(() => document.documentElement.scrollHeight);
      assert.ok(height <= 600, `the popup is ${height} px high`);
      // Every control is inside the window's width.
      const outside = await popup.evaluate(() =>
        [...document.querySelectorAll('button, select, input, a')]
          .filter((el) => {
            const r = el.getBoundingClientRect();
            return r.width > 0 && (r.left < 0 || r.right > window.innerWidth);
          })
          .map(
            (el) => `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}"`,
          ),
      );
      assert.deepEqual(outside, [], 'controls outside the popup');
      await expectNoSeriousA11yIssues(popup, 'the popup');
      // With a follow-up form open as well.
      await popup.locator('[data-testid="log"]').first().click();
      await popup.locator('form').first().waitFor();
      assert.equal(await horizontalOverflow(popup), 0, 'the open form scrolls sideways');
      await expectNoSeriousA11yIssues(popup, 'the popup with its follow-up form open');
      await shot(popup, 'pages-popup-log-open', { fullPage: false });
    } finally {
      await popup.keyboard.press('Escape');
    }
    await popup.reload();
    await popup.locator('[data-testid="due-list"]').waitFor();
    await shot(popup, 'pages-popup', { fullPage: false });
  },
);

test(
  "the popup's controls in one row are one height, and the sites' buttons end at its edge",
  { timeout: 30_000 },
  async () => {
    await popup.reload();
    // The settings and the sites' list come after the due list: every part in, then all open
    // (the cadences, the own domains' field and Add, the sites and their Allow).
    await popup.locator('[data-testid="due-list"]').waitFor();
    await popup.locator('[data-testid="side"]').waitFor();
    await popup.locator('[data-testid="sites-summary"]').waitFor();
    await popup.evaluate(() => {
      for (const details of document.querySelectorAll('details')) details.open = true;
    });
    const allow = popup.locator('[data-testid="site-allow"]');
    await allow.first().waitFor();
    const { pairs, mismatches } = await controlRows(popup);
    assert.deepEqual(mismatches, [], 'controls of different heights side by side');
    // The own domain's field and Add are one pair at least: a check that compared none would pass.
    assert.ok(pairs >= 1, `only ${pairs} pairs of controls were compared`);

    const box = (testId) => popup.locator(`[data-testid="${testId}"]`).first().boundingBox();
    const field = await box('own-domain-input');
    const add = await box('own-domain-add');
    assert.equal(add.height, field.height, 'Add is as high as its field');
    // The Allow buttons: as high as the search field above them, ending where it ends.
    const search = await box('account-search');
    const buttons = await allow.evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { height: r.height, right: r.right };
      }),
    );
    assert.equal(buttons.length, 4, 'an Allow button for each optional site');
    assert.deepEqual(
      buttons,
      buttons.map(() => ({ height: search.height, right: search.x + search.width })),
      'the Allow buttons against the search field',
    );
    await shot(popup, 'pages-popup-all-open');
  },
);
