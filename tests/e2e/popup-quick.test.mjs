// The popup's quick settings: find an account, cadence and reminders, and the user's own domain
// suggested from the address Gmail shows, each saved and applied without a reload.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { expectText, launch, screenshot, sidebar, waitFor } from './harness.mjs';

let app;
before(async () => {
  app = await launch();
  await app.seed(sampleBackup(Date.now()));
  // seed() sets the sample's own domain; this test starts as a new user, with none.
  await app.call('updateSettings', { ownDomains: [] });
});
after(() => app?.close());

const settings = async () => {
  const page = await app.openPage('popup.html');
  try {
    return await page.evaluate(
      async () => (await chrome.storage.sync.get('rapport:settings'))['rapport:settings'],
    );
  } finally {
    await page.close();
  }
};

test('the popup shows the own company assumed from the signed-in domain, and finds accounts', async () => {
  const gmail = await app.openGmail('internal-cc');
  await sidebar(gmail).first().waitFor();
  const popup = await app.openPage('popup.html');
  // The content script keeps the address Gmail shows for the popup to suggest.
  await waitFor(
    () =>
      popup.evaluate(
        async () =>
          (await chrome.storage.local.get('rapport:seenSelfEmails'))['rapport:seenSelfEmails'],
      ),
    { message: 'the signed-in address was not kept' },
  );
  await gmail.close();
  await popup.reload();
  await popup.setViewportSize({ width: 400, height: 600 });
  try {
    const suggestion = popup.locator('[data-testid="own-assumed"]');
    await expectText(suggestion, 'brightwave.io', { page: popup });
    await suggestion.locator('[data-testid="own-confirm"]').click();
    await waitFor(async () => (await settings())?.ownDomains?.includes('brightwave.io'), {
      message: 'brightwave.io was not saved as an own domain',
    });
    await waitFor(async () => (await suggestion.count()) === 0, {
      message: 'the suggestion stayed',
    });

    await popup.locator('[data-testid="account-search"]').fill('north');
    await expectText(popup.locator('.found li').first(), 'Northwind Logistics', { page: popup });

    await popup.getByText('Follow-up and reminders').click();
    // Each stage's days say their unit after the number, and it describes the field to a screen
    // reader; the field's name stays the stage's.
    for (const [stage, name] of [
      ['tactical', 'Tactical'],
      ['cooperative', 'Cooperative'],
      ['interdependent', 'Interdependent'],
      ['strategic', 'Strategic'],
    ]) {
      const field = popup.getByLabel(name, { exact: true });
      assert.equal(await field.getAttribute('data-testid'), `cadence-${stage}`);
      const unit = await field.evaluate((el) => {
        const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
        const described = ids.map((id) => document.getElementById(id));
        const at = el.getBoundingClientRect();
        const box = described[0]?.getBoundingClientRect();
        return {
          text: described.map((d) => d?.textContent ?? '').join(' '),
          after: box ? box.left >= at.right && box.top < at.bottom && box.bottom > at.top : false,
        };
      });
      assert.deepEqual(unit, { text: 'days', after: true }, `the ${stage} cadence's unit`);
    }
    const strategic = popup.locator('[data-testid="cadence-strategic"]');
    await strategic.fill('3');
    await strategic.press('Tab');
    await waitFor(async () => (await settings())?.cadenceDays?.strategic === 3, {
      message: 'the strategic cadence was not saved',
    });
    await strategic.fill('999');
    await strategic.press('Tab');
    assert.equal((await settings()).cadenceDays.strategic, 3, 'an out-of-range cadence was saved');
    assert.equal(await strategic.inputValue(), '3');
    await popup.locator('[data-testid="reminders-on"]').click();
    await waitFor(async () => (await settings())?.reminders?.enabled === false, {
      message: 'reminders were not turned off',
    });
    await screenshot(popup, 'popup-quick');
  } finally {
    await popup.close();
  }
});

test('with the own domain set, an internal thread shows the external client', async () => {
  const gmail = await app.openGmail('internal-cc');
  try {
    await expectText(sidebar(gmail, 'account-name'), 'Globex', { page: gmail });
  } finally {
    await gmail.close();
  }
});
