/**
 * The accounts page's first screen at a big store: accounts.html opened in a tab, from navigation
 * start to the end of the first frame that shows table rows.
 */
import { sleep, summary } from './lib.mjs';

/**
 * Installed before the page's scripts: marks when the first table row is in the document and the
 * end of the frame that paints it (a MessageChannel task after requestAnimationFrame runs once the
 * frame is committed).
 */
function probe() {
  const marks = {};
  const seen = () => {
    const row = document.querySelector('table.accounts tbody tr');
    if (!row) return;
    observer.disconnect();
    marks.rowsInDom = performance.now();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        window.__rapportTablePainted = {
          ...marks,
          painted: performance.now(),
          rows: document.querySelectorAll('table.accounts tbody tr').length,
          elements: document.getElementsByTagName('*').length,
          count: document.querySelector('[data-testid="table-count"]')?.textContent ?? '',
        };
      };
      channel.port2.postMessage(0);
    });
  };
  const observer = new MutationObserver(seen);
  observer.observe(document, { childList: true, subtree: true });
}

/** accountsPageFirstPaintMs: median of `runs` openings after one warm-up. */
export async function accountsPageFirstPaint(app, { runs = 7 } = {}) {
  const samples = [];
  for (let i = 0; i < runs + 1; i++) {
    const page = await app.context.newPage();
    await page.addInitScript(probe);
    await page.goto(`${app.origin}/accounts.html#view=table`);
    const painted = await page
      .waitForFunction(() => window.__rapportTablePainted, null, { timeout: 60_000 })
      .then((h) => h.jsonValue());
    if (i > 0) samples.push(painted); // the first opening warms the worker and the disk cache
    await page.close();
    // Extension pages share one renderer main thread: let this one's teardown finish first.
    await sleep(300);
  }
  return {
    ...summary(samples.map((s) => s.painted)),
    rowsInDomMs: summary(samples.map((s) => s.rowsInDom)),
    rowsInDom: samples[0].rows,
    elements: samples[0].elements,
    countText: samples[0].count,
    samples: samples.map((s) => Math.round(s.painted * 10) / 10),
  };
}
