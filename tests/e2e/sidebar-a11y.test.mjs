// axe-core on the sidebar itself, inside Gmail: no serious or critical issue in any of its states.
// Only Rapport's own documents are checked (the saved Gmail page is not ours): the sidebar frame
// (sidebar.html), with axe injected into it, and the frame element the dock puts into the page.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { after, before, beforeEach, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { expectText, launch, screenshot, sidebar, sidebarFrameOf, waitFor } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(
  path.join(path.dirname(require.resolve('axe-core')), 'axe.min.js'),
  'utf8',
);

const RUN_ONLY = {
  runOnly: {
    type: 'tag',
    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
  },
  resultTypes: ['violations'],
};

/** Runs axe on `context` in `target` (a page or a frame), injecting it first where need be. */
async function axeIssues(target, context, options) {
  if (!(await target.evaluate(() => typeof window.axe === 'object'))) await target.evaluate(AXE);
  const violations = await target.evaluate(
    async ({ context, options }) => {
      const result = await window.axe.run(context ?? document, options);
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.map((n) => n.html.slice(0, 160)),
      }));
    },
    { context, options },
  );
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * The serious and critical issues of the sidebar: its whole frame document (its language, title,
 * landmarks and every control), and, in the host page, the frame element the dock adds (its name
 * is what a screen reader announces on entering the frame).
 */
async function sidebarIssues(page) {
  const inFrame = await axeIssues(await sidebarFrameOf(page), null, RUN_ONLY);
  const inPage = await axeIssues(
    page,
    { include: [{ fromShadowDom: ['rapport-dock', 'iframe'] }] },
    // The frame's inside is checked above; axe in the page must not wait for the frame's axe.
    { ...RUN_ONLY, iframes: false },
  );
  return [...inFrame, ...inPage];
}

let app;
/** An extension page, to clear the stored layout between tests. */
let extension;
before(async () => {
  app = await launch();
  await app.seed(sampleBackup(Date.now()));
  await app.call('updateSettings', { ownDomains: ['brightwave.io'] });
  extension = await app.openPage('popup.html');
});
after(() => app?.close());
// A collapse is remembered for every tab: each test starts from the default layout.
beforeEach(() => extension.evaluate(() => chrome.storage.local.remove('rapport:sidebar')));

test('axe finds the sidebar and can fail', async () => {
  const page = await app.openGmail('thread');
  try {
    await expectText(sidebar(page, 'account-name'), 'Northwind Logistics', { page });
    assert.deepEqual(await sidebarIssues(page), []);
    // A button with no name inside the frame must be reported: the check sees the sidebar.
    await (
      await sidebarFrameOf(page)
    ).evaluate(() => {
      document.querySelector('[data-testid="sidebar"]').append(document.createElement('button'));
    });
    // So must a frame element without a name: the check sees the dock in the page.
    await page.evaluate(() =>
      document
        .querySelector('rapport-dock')
        .shadowRoot.querySelector('iframe')
        .removeAttribute('title'),
    );
    const ids = (await sidebarIssues(page)).map((i) => i.id);
    assert.ok(ids.includes('button-name'), JSON.stringify(ids));
    assert.ok(ids.includes('frame-title'), JSON.stringify(ids));
  } finally {
    await page.close();
  }
});

/** What each state shows once it has loaded: a test hook, or a control found by its name. */
const hook = (testId) => (page) => sidebar(page, testId);
const addToExisting = (name) => (page) =>
  sidebar(page).getByRole('button', { name: `Add to an existing account: ${name}` });

for (const [state, ready, act] of [
  ['thread', hook('account-name'), null],
  ['thread', hook('account-name'), 'follow-up form open'],
  ['thread', hook('account-name'), 'collapsed'],
  ['several-companies', hook('account-switcher'), null],
  ['unknown-sender', hook('create-account'), null],
  // A free-mail sender is no company to create: it can only be added to an account.
  ['freemail-sender', addToExisting('Jordan Lee'), null],
  // With nothing open the dock is the rail; opened, the panel counts what is due.
  ['inbox', hook('due-count'), 'rail'],
  ['inbox', hook('due-count'), 'opened'],
]) {
  test(`no serious or critical issue: ${state}${act ? `, ${act}` : ''}`, async () => {
    const page = await app.openGmail(state);
    try {
      await ready(page).first().waitFor({ timeout: 10_000 });
      if (act === 'follow-up form open') {
        await sidebar(page).getByRole('button', { name: 'Log follow-up' }).first().click();
        await sidebar(page).locator('form').first().waitFor();
      }
      const collapsed = () => sidebar(page).getAttribute('data-collapsed');
      if (act === 'collapsed') {
        await sidebar(page, 'collapse').click();
        await waitFor(async () => (await collapsed()) === 'true', { message: 'the rail' });
      }
      if (act === 'rail') assert.equal(await collapsed(), 'true');
      if (act === 'opened') {
        await sidebar(page, 'collapse').click();
        await sidebar(page, 'status').waitFor();
      }
      await screenshot(page, `a11y-${state}${act ? `-${act.split(' ')[0]}` : ''}`);
      assert.deepEqual(await sidebarIssues(page), []);
    } finally {
      await page.close();
    }
  });
}
