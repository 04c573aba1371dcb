// axe-core on the sidebar itself, inside Gmail: no serious or critical issue in any of its states.
// Only the sidebar is checked (the saved Gmail page is not ours); axe reaches into its shadow root.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { expectText, launch, screenshot, sidebar } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(
  path.join(path.dirname(require.resolve('axe-core')), 'axe.min.js'),
  'utf8',
);

async function sidebarIssues(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(
      { include: [{ fromShadowDom: ['rapport-sidebar', '[data-testid="sidebar"]'] }] },
      {
        runOnly: {
          type: 'tag',
          values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
        },
        resultTypes: ['violations'],
      },
    );
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => n.html.slice(0, 160)),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

let app;
before(async () => {
  app = await launch();
  await app.seed(sampleBackup(Date.now()));
  await app.call('updateSettings', { ownDomains: ['brightwave.io'] });
});
after(() => app?.close());

test('axe finds the sidebar and can fail', async () => {
  const page = await app.openGmail('thread');
  try {
    await expectText(sidebar(page, 'account-name'), 'Northwind Logistics', { page });
    // A button with no name inside the shadow root must be reported: the check sees the sidebar.
    await page.evaluate(() => {
      const root = document.querySelector('rapport-sidebar').shadowRoot;
      root.querySelector('[data-testid="sidebar"]').append(document.createElement('button'));
    });
    const issues = await sidebarIssues(page);
    assert.ok(
      issues.some((i) => i.id === 'button-name'),
      JSON.stringify(issues),
    );
  } finally {
    await page.close();
  }
});

for (const [state, ready, act] of [
  ['thread', 'account-name', null],
  ['thread', 'account-name', 'follow-up form open'],
  ['several-companies', 'account-switcher', null],
  ['unknown-sender', 'create-account', null],
  ['freemail-sender', 'status', null],
  ['inbox', 'status', 'collapsed'],
]) {
  test(`no serious or critical issue: ${state}${act ? `, ${act}` : ''}`, async () => {
    const page = await app.openGmail(state);
    try {
      await sidebar(page, ready)
        .first()
        .waitFor({ timeout: 10_000 })
        .catch(() => undefined);
      if (act === 'follow-up form open') {
        await sidebar(page).getByRole('button', { name: 'Log follow-up' }).first().click();
        await sidebar(page).locator('form').first().waitFor();
      }
      if (act === 'collapsed') await sidebar(page, 'collapse').click();
      await screenshot(page, `a11y-${state}${act ? `-${act.split(' ')[0]}` : ''}`);
      assert.deepEqual(await sidebarIssues(page), []);
    } finally {
      await page.close();
    }
  });
}
