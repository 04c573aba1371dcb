// Undo by keyboard after logging a follow-up, in English and Russian: the follow-up is logged
// from the sidebar with the keyboard alone (Log follow-up, then Enter in the prefilled form), the
// toast says the shortcut in words, and Ctrl+Z, pressed where focus is left (the Log follow-up
// button, no text field), takes the follow-up back, closes the toast and announces it. Ctrl+Z in
// a text field stays the field's own undo.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import en from '../../public/_locales/en/messages.json' with { type: 'json' };
import ru from '../../public/_locales/ru/messages.json' with { type: 'json' };
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { expectText, launch, screenshot, sidebar, sidebarFrameOf, waitFor } from './harness.mjs';

for (const lang of ['en', 'ru']) {
  const messages = lang === 'ru' ? ru : en;
  const msg = (key, ...subs) =>
    messages[key].message.replace(/\$([A-Z_]+)\$/g, (_, name) => {
      const content = messages[key].placeholders?.[name.toLowerCase()]?.content ?? '';
      return content.replace(/\$(\d)/g, (_m, i) => String(subs[Number(i) - 1]));
    });

  describe(`undo by keyboard in ${lang === 'ru' ? 'Russian' : 'English'}`, () => {
    let app;
    before(async () => {
      app = await launch({ lang });
    });
    after(() => app?.close());

    const northwind = () => app.call('getAccount', { id: 'acc-northwind' });

    /** Logs the open email's follow-up with the keyboard; returns the Gmail page and its frame. */
    async function logByKeyboard() {
      const gmail = await app.openGmail('thread');
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
      const frame = await sidebarFrameOf(gmail);
      await frame.locator('[data-testid="log-follow-up"]').focus();
      await gmail.keyboard.press('Enter');
      await frame.locator('[data-testid="follow-up"] input[name=summary]').waitFor();
      await gmail.keyboard.press('Enter');
      await expectText(sidebar(gmail, 'toast'), msg('toastLogged'), { page: gmail });
      return { gmail, frame };
    }

    test('Ctrl+Z right after saving takes the follow-up back', { timeout: 60_000 }, async () => {
      await app.seed(sampleBackup(Date.now()));
      const before = await northwind();
      const { gmail, frame } = await logByKeyboard();
      const logged = await northwind();
      assert.equal(
        logged.activities.length,
        before.activities.length + 1,
        'the follow-up was logged',
      );

      const toast = sidebar(gmail, 'toast');
      await expectText(toast, `${msg('toastLogged')} ${msg('toastUndoKeys', 'Ctrl+Z')}`);
      assert.equal(await sidebar(gmail, 'undo').getAttribute('aria-keyshortcuts'), 'Control+Z');
      assert.equal(await toast.locator('xpath=..').getAttribute('aria-live'), 'polite');
      // Where the keyboard is after saving: not a text field, so the shortcut is the toast's.
      const focused = await frame.evaluate(() => document.activeElement?.dataset.testid ?? '');
      assert.equal(focused, 'log-follow-up');
      await screenshot(gmail, `undo-shortcut-toast-${lang}`);

      await gmail.keyboard.press('Control+z');
      await waitFor(async () => (await toast.count()) === 0, { message: 'the toast goes' });
      const undone = await northwind();
      assert.deepEqual(
        undone.activities.map((a) => a.id),
        before.activities.map((a) => a.id),
        'the follow-up is gone from the store',
      );
      assert.deepEqual(undone.account.nextAction, before.account.nextAction);
      await expectText(sidebar(gmail, 'undone'), msg('toastUndone'));
      await waitFor(
        async () =>
          !(await sidebar(gmail, 'activity').allInnerTexts()).some((text) =>
            text.includes(logged.activities[0].summary),
          ),
        { message: 'the sidebar drops the undone follow-up' },
      );
      await screenshot(gmail, `undo-shortcut-undone-${lang}`);
      await gmail.close();
    });

    test(
      'Ctrl+Z in a text field is the field’s own, not the toast’s',
      { timeout: 60_000 },
      async () => {
        await app.seed(sampleBackup(Date.now()));
        const { gmail, frame } = await logByKeyboard();
        const count = (await northwind()).activities.length;
        // The next follow-up's summary: typing in it, Ctrl+Z undoes the typing only.
        await frame.locator('[data-testid="log-follow-up"]').focus();
        await gmail.keyboard.press('Enter');
        const summary = frame.locator('[data-testid="follow-up"] input[name=summary]');
        await summary.waitFor();
        await summary.focus();
        await gmail.keyboard.press('Control+z');
        await new Promise((resolve) => setTimeout(resolve, 500));
        assert.equal((await northwind()).activities.length, count, 'nothing was undone');
        await gmail.close();
      },
    );
  });
}
