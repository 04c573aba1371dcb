// A conversation opened in the host page reaches the sidebar frame as one message from the worker,
// the accounts already resolved: the frame asks for nothing. Frames a page adds of its own cannot
// starve the dock's frame of that news.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { expectText, launch, loadFixture, recordSends, sidebar, waitFor } from './harness.mjs';

let app;
before(async () => {
  app = await launch();
  await app.seed(sampleBackup(Date.now()));
});
after(() => app?.close());

/** Opens another conversation in place, as Gmail does: a new hash, the view's children swapped. */
async function openInPlace(page, state) {
  const { url, html } = loadFixture(state);
  await page.evaluate(
    ({ html, hash }) => {
      const next = new DOMParser().parseFromString(html, 'text/html');
      const view = next.querySelector('div[role="main"]');
      location.hash = hash;
      document
        .querySelector('div[role="main"]')
        .replaceChildren(...document.importNode(view, true).childNodes);
    },
    { html, hash: new URL(url).hash },
  );
}

/** The dock's frame (the one inside <rapport-dock>), as a Playwright Frame. */
async function dockFrame(page) {
  const element = await page.locator('rapport-dock iframe').elementHandle();
  return element.contentFrame();
}

test('each conversation opened is painted from the worker’s news, with no request of the frame’s', async () => {
  const gmail = await app.openGmail('thread');
  await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
  const sent = await recordSends(await dockFrame(gmail));
  for (const [state, account] of [
    ['split-pane', 'Globex'],
    ['thread', 'Northwind Logistics'],
    ['internal-cc', 'Globex'],
  ]) {
    await openInPlace(gmail, state);
    await expectText(sidebar(gmail, 'account-name'), account, { page: gmail });
  }
  assert.deepEqual(
    (await sent()).filter((name) => name === 'resolveContext'),
    [],
    'the frame resolved a conversation itself',
  );
  await gmail.close();
});

test('sidebar frames a page adds cannot crowd the dock’s frame out of the news', async () => {
  const gmail = await app.openGmail('thread');
  await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
  // Twelve hidden frames of sidebar.html, each introducing itself after the dock's frame did.
  await gmail.evaluate((src) => {
    for (let i = 0; i < 12; i++) {
      const frame = document.createElement('iframe');
      frame.src = src;
      frame.style.cssText = 'position:fixed;width:1px;height:1px;opacity:0';
      document.body.append(frame);
    }
  }, `${app.origin}/sidebar.html`);
  await waitFor(
    async () =>
      (
        await Promise.all(
          gmail
            .frames()
            .filter((f) => f.url().endsWith('/sidebar.html'))
            .map((f) => f.locator('[data-testid="sidebar"]').count()),
        )
      ).filter((n) => n > 0).length >= 13 || null,
    { message: 'the added frames never loaded' },
  );
  await openInPlace(gmail, 'split-pane');
  await expectText(sidebar(gmail, 'account-name'), 'Globex', { page: gmail });
  await gmail.close();
});

test('one follow-up saved: the writing tab resolves once, from the change notice; another tab once', async () => {
  const reader = await app.openGmail('thread');
  const writer = await app.openGmail('thread');
  for (const page of [reader, writer]) {
    await expectText(sidebar(page, 'account-name'), 'Northwind Logistics', { page });
  }
  const readerSent = await recordSends(await dockFrame(reader));
  const writerSent = await recordSends(await dockFrame(writer));
  const before = (await app.call('getAccount', { id: 'acc-northwind' })).activities.length;

  await writer.bringToFront();
  await sidebar(writer, 'log-follow-up').click();
  await sidebar(writer, 'follow-up').locator('[name=summary]').fill('Called about the Q1 volumes');
  await sidebar(writer, 'follow-up').locator('[name=summary]').press('Enter');
  await waitFor(() => sidebar(writer, 'toast').isVisible(), { message: 'the follow-up is saved' });
  const after = (await app.call('getAccount', { id: 'acc-northwind' })).activities.length;
  assert.equal(after, before + 1);
  // Every answer and notice has landed well within this.
  await new Promise((resolve) => setTimeout(resolve, 1500));

  // One read per view after the notice: the account card's sync and opportunity lines come with
  // the account (resolveContext), so no part of the card asks again on its own.
  const sent = async (recorded) => (await recorded()).filter((name) => name !== 'keepDraft');
  assert.deepEqual(await sent(writerSent), ['logActivity', 'resolveContext']);
  assert.deepEqual(await sent(readerSent), ['resolveContext']);
  await reader.close();
  await writer.close();
});
