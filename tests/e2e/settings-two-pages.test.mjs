// Settings changed in two pages at once (issue 16): the popup and the options page, both open on
// the same settings. Different settings both keep their change; the same setting changed in both
// shows the conflict notice with both values, and the user's choice is what is saved. In English
// and in Russian.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectText, launch, screenshot, waitFor } from './harness.mjs';

const storedSettings = (page) =>
  page.evaluate(
    async () => (await chrome.storage.sync.get('rapport:settings'))['rapport:settings'],
  );

for (const lang of ['en', 'ru']) {
  test(`popup and options page (${lang}): different settings merge, the same one asks`, async () => {
    const app = await launch(lang === 'ru' ? { lang: 'ru' } : {});
    try {
      const options = await app.openPage('options.html');
      const popup = await app.openPage('popup.html');
      await popup.setViewportSize({ width: 400, height: 600 });
      await popup.locator('details.quick summary').first().click();
      const popupStrategic = popup.locator('[data-testid="cadence-strategic"]');
      const optionsStrategic = options.locator('#cadence-strategic');
      const optionsTactical = options.locator('#cadence-tactical');
      await optionsStrategic.waitFor();
      assert.equal(await popupStrategic.inputValue(), '7');

      // Different settings: the options page starts typing the tactical cadence, the popup saves
      // the strategic one meanwhile, then the options page commits. Both stay.
      await optionsTactical.fill('40');
      await popupStrategic.fill('9');
      await popupStrategic.press('Tab');
      await waitFor(async () => (await storedSettings(options))?.cadenceDays?.strategic === 9, {
        message: 'the popup did not save the strategic cadence',
      });
      await optionsTactical.press('Tab');
      await waitFor(async () => (await storedSettings(options))?.cadenceDays?.tactical === 40, {
        message: 'the options page did not save the tactical cadence',
      });
      assert.equal((await storedSettings(options)).cadenceDays.strategic, 9, 'strategic was lost');
      assert.equal(await optionsStrategic.inputValue(), '9', 'the options page kept an old value');
      assert.equal(await options.locator('[data-testid="conflict"]').count(), 0);

      // The same setting: the options page starts typing the strategic cadence over 9; the popup
      // saves 12 meanwhile. The options page's 20 is refused with both values, nothing lost.
      await optionsStrategic.fill('20');
      await popupStrategic.fill('12');
      await popupStrategic.press('Tab');
      await waitFor(async () => (await storedSettings(options))?.cadenceDays?.strategic === 12, {
        message: 'the popup did not save 12',
      });
      await optionsStrategic.press('Tab');
      const notice = options.locator(
        '#cadence-heading ~ [data-testid="conflict"], [data-testid="conflict"]',
      );
      await notice.first().waitFor();
      const field = notice.first().locator('[data-field="cadenceDays.strategic"]');
      await expectText(field.locator('[data-testid="conflict-mine"]'), '20', { page: options });
      await expectText(field.locator('[data-testid="conflict-theirs"]'), '12', { page: options });
      assert.equal((await storedSettings(options)).cadenceDays.strategic, 12, 'overwritten');
      await notice.first().scrollIntoViewIfNeeded();
      await screenshot(options, `settings-conflict-${lang}`);

      // Keep mine: 20 is saved knowingly, and the popup shows it.
      await notice.first().locator('[data-testid="keep-mine"]').click();
      await waitFor(async () => (await storedSettings(options))?.cadenceDays?.strategic === 20, {
        message: 'keep mine did not save 20',
      });
      await waitFor(async () => (await popupStrategic.inputValue()) === '20', {
        message: 'the popup did not follow',
      });
      assert.equal(await options.locator('[data-testid="conflict"]').count(), 0);
      assert.equal((await storedSettings(options)).cadenceDays.tactical, 40);
    } finally {
      await app.close();
    }
  });
}
