// The sidebar finds the account behind an open Gmail thread, with and without Gmail's CSP; what is
// typed in it stays in it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import {
  cspViolations,
  expectSidebarState,
  expectText,
  launch,
  screenshot,
  sidebar,
  sidebarFrameOf,
  textOf,
  waitFor,
} from './harness.mjs';

let app;
before(async () => {
  app = await launch();
  await app.seed(sampleBackup(Date.now()));
});
after(() => app?.close());

test('an open thread from Northwind shows its account and stage', { timeout: 60_000 }, async () => {
  const gmail = await app.openGmail('thread');
  try {
    await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
    await expectText(sidebar(gmail, 'stage-current'), 'Cooperative', { page: gmail });
    await expectSidebarState(gmail, 'ready');
  } finally {
    await screenshot(gmail, 'sidebar-thread');
  }
});

test('the sidebar works under Gmail’s CSP and Trusted Types', { timeout: 60_000 }, async () => {
  const gmail = await app.openGmail('thread', { csp: true });
  try {
    await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
    await expectText(sidebar(gmail, 'stage-current'), 'Cooperative', { page: gmail });
    assert.deepEqual(
      await cspViolations(gmail),
      [],
      'the page saw CSP or Trusted Types violations',
    );
    // The policy really is in force: an HTML sink without a TrustedHTML throws in the page.
    const enforced = await gmail.evaluate(() => {
      try {
        new DOMParser().parseFromString('<b>x</b>', 'text/html');
        return false;
      } catch (error) {
        return error instanceof TypeError;
      }
    });
    assert.equal(enforced, true, 'Trusted Types were not enforced: the CSP header was not served');
  } finally {
    await screenshot(gmail, 'sidebar-thread-csp');
  }
});

test(
  'keys typed in the sidebar never reach Gmail’s own listeners; Escape gives focus back',
  { timeout: 60_000 },
  async () => {
    const gmail = await app.openGmail('thread');
    try {
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
      // Gmail's keyboard shortcuts listen on its window and document ("c" composes, "e"
      // archives): record every key event the page can see, in its capture phase.
      await gmail.evaluate(() => {
        window.__rapportKeys = [];
        for (const target of [window, document]) {
          for (const type of ['keydown', 'keypress', 'keyup', 'input', 'beforeinput']) {
            target.addEventListener(
              type,
              (e) => window.__rapportKeys.push(`${type} ${e.key ?? ''}`),
              true,
            );
          }
        }
      });
      const pageKeys = () => gmail.evaluate(() => window.__rapportKeys);
      // The page does hear keys typed into it: the recorder works.
      await gmail.locator('body').press('x');
      assert.ok((await pageKeys()).includes('keydown x'), JSON.stringify(await pageKeys()));
      await gmail.evaluate(() => (window.__rapportKeys = []));

      await sidebar(gmail, 'log-follow-up').click();
      const summary = sidebar(gmail, 'follow-up').locator('[name=summary]');
      await summary.fill('');
      await gmail.keyboard.type('ce #x');
      assert.equal(await textOf(summary), 'ce #x', 'the keys landed in the sidebar field');
      assert.deepEqual(await pageKeys(), [], 'the page heard keys typed in the sidebar');

      // Escape closes the form (the form uses it), the next one hands focus back to the page.
      await gmail.keyboard.press('Escape');
      await waitFor(async () => (await sidebar(gmail, 'follow-up').count()) === 0, {
        message: 'Escape closes the form',
      });
      await gmail.keyboard.press('Escape');
      const frame = await sidebarFrameOf(gmail);
      await waitFor(async () => !(await frame.evaluate(() => document.hasFocus())), {
        message: 'the second Escape gives focus back to the page',
      });
      // Only the release of the Escape that handed focus back may land in the page: shortcuts act
      // on a key's press, never its release.
      assert.deepEqual(
        (await pageKeys()).filter((event) => event !== 'keyup Escape'),
        [],
        'the page heard the Escape keys',
      );
      await gmail.keyboard.press('y');
      assert.ok((await pageKeys()).includes('keydown y'), 'keys reach the page again');
    } finally {
      await screenshot(gmail, 'sidebar-keys');
      await gmail.close();
    }
  },
);
