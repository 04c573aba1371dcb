// A sender whose display name holds a bidi override (U+202E RIGHT-TO-LEFT OVERRIDE, never closed)
// must not reorder the address shown beside it in the sidebar: each character of the address is
// measured where Chromium paints it, and must lie to the right of the one before. The same
// measurement with the isolation switched off (a control) sees the address reversed: the test
// can tell an attack that works from one that does not.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import {
  expectText,
  launch,
  loadFixture,
  screenshot,
  sidebar,
  sidebarFrameOf,
  waitFor,
} from './harness.mjs';

const HOSTILE = '\u202Egnp.exe';
const ADDRESS = 'new.buyer@northwind.co.uk';

let app;
before(async () => {
  app = await launch();
  await app.seed(sampleBackup(Date.now()));
});
after(() => app?.close());

/** The left edge of each character of the address, as painted in the sidebar frame. */
function addressEdges(frame) {
  return frame.evaluate((address) => {
    const row = [...document.querySelectorAll('.rp-newcomers li')].find((li) =>
      li.textContent.includes(address),
    );
    if (!row) return null;
    const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const at = node.textContent.indexOf(address);
      if (at < 0) continue;
      return [...address].map((_, i) => {
        const range = document.createRange();
        range.setStart(node, at + i);
        range.setEnd(node, at + i + 1);
        return range.getBoundingClientRect().left;
      });
    }
    return null;
  }, ADDRESS);
}

const leftToRight = (edges) => edges.every((x, i) => i === 0 || x > edges[i - 1]);

test('a sender named with a right-to-left override does not reorder the address beside it', async () => {
  // The sender names themself with an override, from an address not among the account's people.
  const { url, html } = loadFixture('thread');
  const gmail = await app.openHost(
    url,
    html
      .replaceAll('anna.keller@northwind.co.uk', ADDRESS)
      .replaceAll('name="Anna Keller"', `name="${HOSTILE}"`),
  );
  await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
  const frame = await sidebarFrameOf(gmail);
  const edges = await waitFor(() => addressEdges(frame), {
    message: 'the new sender never appeared among the people not yet added',
  }).catch(async (error) => {
    await screenshot(gmail, 'bidi-sender-name-missing');
    console.log(await frame.evaluate(() => document.body.innerText));
    throw error;
  });
  await screenshot(gmail, 'bidi-sender-name');
  assert.ok(leftToRight(edges), `the address is painted out of order: ${edges.join(', ')}`);
  const name = await frame.evaluate(
    (address) =>
      [...document.querySelectorAll('.rp-newcomers li')]
        .find((li) => li.textContent.includes(address))
        ?.querySelector('.rp-strong')?.textContent,
    ADDRESS,
  );
  assert.equal(name, HOSTILE, 'the name is shown as the page gave it');

  // Control: without the isolation, the same measurement sees the attack work.
  await frame.evaluate(() => {
    const style = document.createElement('style');
    style.id = 'no-isolation';
    style.textContent = '* { unicode-bidi: normal !important; }';
    document.head.append(style);
  });
  const spoofed = await addressEdges(frame);
  assert.ok(!leftToRight(spoofed), 'the control did not reorder the address: the test is blind');
  await frame.evaluate(() => document.getElementById('no-isolation').remove());
  await gmail.close();
});
