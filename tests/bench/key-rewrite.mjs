/**
 * The key rewrite after an upgrade, at the bench's 100,000 accounts: the store's marker is set
 * back to "rewrite every account" (as the upgrade to version 5 leaves it), the worker is stopped
 * and woken, and the rewrite runs in its batches while an extension page keeps resolving a
 * thread, as the sidebar would. Each batch's time comes from the worker's own
 * 'rapport keyRewriteBatch' measures.
 */
import { fixtureContext, quietPage } from './store.mjs';
import { round, sleep, summary } from './lib.mjs';

/** In the worker: the marker as an upgrade leaves it. */
async function resetMarker() {
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open('rapport');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  await new Promise((resolve, reject) => {
    const tx = db.transaction('meta', 'readwrite');
    tx.objectStore('meta').put({ after: null, done: false }, 'accountKeyRewrite');
    tx.oncomplete = resolve;
    tx.onabort = () => reject(tx.error);
  });
  db.close();
}

/** In the worker: the batches measured so far, and whether the marker says done. */
async function progress() {
  const batches = performance.getEntriesByName('rapport keyRewriteBatch').map((e) => e.duration);
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open('rapport');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const marker = await new Promise((resolve, reject) => {
    const get = db.transaction('meta').objectStore('meta').get('accountKeyRewrite');
    get.onsuccess = () => resolve(get.result);
    get.onerror = () => reject(get.error);
  });
  db.close();
  return { batches, done: marker?.done === true };
}

const worker = (app) => app.context.serviceWorkers().find((w) => w.url().startsWith(app.origin));

export async function keyRewrite(app, { timeout = 180_000 } = {}) {
  await worker(app).evaluate(resetMarker);
  await app.stopWorker();
  await sleep(200);
  const page = await quietPage(app);
  const request = fixtureContext('thread');
  const started = performance.now();
  const resolves = [];
  let status = { batches: [], done: false };
  // The first message wakes the worker, which opens the store and starts the rewrite.
  while (!status.done && performance.now() - started < timeout) {
    for (let i = 0; i < 20; i++) {
      resolves.push(
        await page.evaluate(async (req) => {
          const s = performance.now();
          const answer = await chrome.runtime.sendMessage({
            rapport: 1,
            name: 'resolveContext',
            request: req,
          });
          if (!answer?.ok) throw new Error(JSON.stringify(answer));
          return performance.now() - s;
        }, request),
      );
    }
    const sw = worker(app);
    if (sw) status = await sw.evaluate(progress);
  }
  const totalMs = performance.now() - started;
  await page.close();
  if (!status.done) throw new Error(`the key rewrite was not done after ${timeout} ms`);
  return {
    ...summary(status.batches),
    batches: status.batches.length,
    totalMs: round(totalMs),
    resolveDuringMs: summary(resolves.slice(1)),
  };
}
