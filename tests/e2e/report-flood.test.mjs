// A hostile page that changes the conversation it shows on every animation frame, for 2 s, then
// settles: its content script reports each change, and the worker must neither resolve accounts
// nor write the tab's state at that pace. The sidebar still ends on the conversation the page
// settled on. Resolves are counted from the worker's timeline (a mark per resolve, as each
// handled message leaves a measure).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { expectText, launch, loadFixture, sidebar } from './harness.mjs';

let app;
before(async () => {
  app = await launch();
  await app.seed(sampleBackup(Date.now()));
});
after(() => app?.close());

/** Counts, in the worker, the resolves and the handled reports from now on. */
async function countInWorker() {
  await app.worker.evaluate(() => {
    const counts = (globalThis.__floodCounts = { resolves: 0, reports: 0 });
    globalThis.__floodObserver?.disconnect();
    globalThis.__floodObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.entryType === 'mark' && e.name === 'rapport resolveRead') counts.resolves++;
        if (e.entryType === 'measure' && e.name === 'rapport reportContext') counts.reports++;
      }
    });
    globalThis.__floodObserver.observe({ entryTypes: ['mark', 'measure'] });
  });
  return () => app.worker.evaluate(() => ({ ...globalThis.__floodCounts }));
}

test('a page that changes its open thread every frame for 2 s: a bounded few resolves, the last thread shown', async () => {
  const gmail = await app.openGmail('thread');
  await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
  const views = ['thread', 'split-pane', 'internal-cc'].map((state) => {
    const { url, html } = loadFixture(state);
    return { html, hash: new URL(url).hash };
  });
  const counts = await countInWorker();
  const frames = await gmail.evaluate(
    (views) =>
      new Promise((done) => {
        const parser = new DOMParser();
        const mains = views.map((v) => ({
          hash: v.hash,
          main: parser.parseFromString(v.html, 'text/html').querySelector('div[role="main"]'),
        }));
        const show = ({ hash, main }) => {
          location.hash = hash;
          document
            .querySelector('div[role="main"]')
            .replaceChildren(...document.importNode(main, true).childNodes);
        };
        const until = performance.now() + 2000;
        let n = 0;
        const tick = () => {
          // Never the same view twice in a row: every frame shows another thread.
          show(mains[n++ % 2 === 0 ? 0 : 2]);
          if (performance.now() < until) requestAnimationFrame(tick);
          else {
            show(mains[1]); // Settles on the split pane: Globex.
            done(n);
          }
        };
        requestAnimationFrame(tick);
      }),
    views,
  );
  await expectText(sidebar(gmail, 'account-name'), 'Globex', { page: gmail });
  // Whatever was still paced has landed well within this.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await expectText(sidebar(gmail, 'account-name'), 'Globex', { page: gmail });
  const { resolves, reports } = await counts();
  console.log(`page frames ${frames}, reports handled ${reports}, resolves ${resolves}`);
  // Headless Chromium paints 30 to 60 frames a second: each frame showed another thread.
  assert.ok(reports >= 40, `the flood did not happen: ${reports} reports in 2 s`);
  // A burst of 10, then one per 100 ms over ~2 s, and the settled read: about 31, whatever the
  // frame rate (unpaced, one resolve per report).
  assert.ok(resolves <= 35, `${resolves} resolves for ${reports} reports`);
  await gmail.close();
});
