/**
 * `npm run bench:big-store`: backup, erase and restore of a store of at least 200 MB, in real
 * Chromium through the options page's own buttons, with the record counts checked at each step.
 * Kept out of `npm test` and `npm run bench`: seeding and moving 200 MB three times takes minutes
 * on two cores. The same flow at a few MB, with small pages, is tests/e2e/backup-stream.test.mjs.
 *
 *   npm run bench:big-store                 about 230 MB (15,000 accounts, 150,000 people)
 *   RAPPORT_BIG_ACCOUNTS=2000 node ...      a smaller store, to try the script
 *   RAPPORT_SKIP_BUILD=1 ...                use .output/chrome-mv3 as it is
 *
 * Prints one line per step (time, bytes, counts) and writes bench/big-store.json.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, buildOnce, launch } from '../e2e/harness.mjs';
import { bigStoreCounts, bigStoreSlices } from '../fixtures/big-store.mjs';
import en from '../../public/_locales/en/messages.json' with { type: 'json' };

const SHAPE = {
  accounts: Number(process.env.RAPPORT_BIG_ACCOUNTS ?? 15_000),
  peoplePer: 10,
  activitiesPer: 2,
  notesChars: 800,
  perSlice: 500,
};
const COUNTS = bigStoreCounts(SHAPE);
const KINDS = Object.keys(COUNTS);
const LONG = 20 * 60_000;
const OUT = path.join(ROOT, 'bench');

const text = (key, ...subs) =>
  en[key].message.replace(/\$([A-Z_]+)\$/g, (_m, name) => {
    const content = en[key].placeholders?.[name.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (_x, i) => String(subs[Number(i) - 1] ?? ''));
  });

/** Records of each kind in the store, and the bytes the origin uses, read from an extension page. */
function storeFacts(page) {
  return page.evaluate(
    (kinds) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('rapport');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction([...kinds, 'backups'], 'readonly');
          const counts = {};
          for (const k of kinds) {
            const r = tx.objectStore(k).count();
            r.onsuccess = () => (counts[k] = r.result);
          }
          const kept = tx.objectStore('backups').getAll();
          tx.oncomplete = async () => {
            db.close();
            const { usage } = await navigator.storage.estimate();
            resolve({ counts, backups: kept.result, usage });
          };
        };
      }),
    KINDS,
  );
}

/** Records of each kind in a backup file, counted as it streams (ids carry a prefix per kind). */
async function fileCounts(file) {
  const prefixes = {
    accounts: '{"id":"acc-',
    people: '{"id":"per-',
    activities: '{"id":"act-',
    decisions: '{"id":"dec-',
    stageChanges: '{"id":"stc-',
  };
  const counts = Object.fromEntries(KINDS.map((k) => [k, 0]));
  let tail = '';
  for await (const chunk of fs.createReadStream(file, { encoding: 'utf8' })) {
    const text = tail + chunk;
    for (const k of KINDS) {
      let at = text.indexOf(prefixes[k]);
      while (at !== -1) {
        // A match wholly inside the kept tail was counted with the previous chunk.
        if (at + prefixes[k].length > tail.length) counts[k]++;
        at = text.indexOf(prefixes[k], at + 1);
      }
    }
    tail = text.slice(-16);
  }
  return counts;
}

const results = { shape: SHAPE, counts: COUNTS, steps: [] };
function step(name, started, extra = {}) {
  const ms = Math.round(performance.now() - started);
  results.steps.push({ name, ms, ...extra });
  console.log(`${name.padEnd(34)} ${String(ms).padStart(8)} ms  ${JSON.stringify(extra)}`);
}

if (!process.env.RAPPORT_SKIP_BUILD) buildOnce();
const app = await launch();
const downloads = path.join(OUT, 'big-store-downloads');
fs.mkdirSync(downloads, { recursive: true });
try {
  let started = performance.now();
  let first = true;
  for (const slice of bigStoreSlices(SHAPE)) {
    await app.call('importData', { backup: slice, mode: first ? 'replace' : 'merge' });
    first = false;
  }
  const options = await app.openPage('options.html');
  await options.locator('#data-heading').waitFor();
  let facts = await storeFacts(options);
  assert.deepEqual(facts.counts, COUNTS);
  step('seed (importData, 500 accounts a message)', started, {
    counts: facts.counts,
    storeBytes: facts.usage,
  });

  const button = (key, ...subs) =>
    options.getByRole('button', { name: text(key, ...subs), exact: true });
  const save = async (action, name) => {
    const [dl] = await Promise.all([options.waitForEvent('download', { timeout: LONG }), action()]);
    const target = path.join(downloads, name);
    await dl.saveAs(target);
    return target;
  };

  // 1. Download a backup.
  started = performance.now();
  const exported = await save(() => button('optionsExportButton').click(), 'export.json');
  const exportedCounts = await fileCounts(exported);
  assert.deepEqual(exportedCounts, COUNTS);
  step('export (snapshot + pages + file)', started, {
    fileBytes: fs.statSync(exported).size,
    counts: exportedCounts,
  });

  // 2. Erase all data: the backup is kept in the store and downloaded.
  started = performance.now();
  await button('optionsWipeButton').click();
  await options.locator('#wipe-confirm').fill(String(COUNTS.accounts));
  const erased = await save(() => button('optionsWipeYes').click(), 'erased.json');
  await options.getByText(text('optionsWiped', COUNTS.accounts)).waitFor({ timeout: LONG });
  facts = await storeFacts(options);
  assert.ok(
    KINDS.every((k) => facts.counts[k] === 0),
    JSON.stringify(facts.counts),
  );
  assert.deepEqual(
    facts.backups.map((b) => b.counts),
    [COUNTS],
  );
  const erasedCounts = await fileCounts(erased);
  assert.deepEqual(erasedCounts, COUNTS);
  step('erase (copy + clear, then download)', started, {
    fileBytes: fs.statSync(erased).size,
    fileCounts: erasedCounts,
    keptCounts: facts.backups[0].counts,
  });

  // 3. Restore the kept backup with one click.
  started = performance.now();
  await button('optionsRestore').click();
  await options.getByText(text('optionsRestored', COUNTS.accounts)).waitFor({ timeout: LONG });
  facts = await storeFacts(options);
  assert.deepEqual(facts.counts, COUNTS);
  assert.deepEqual(facts.backups, []);
  step('restore the kept backup (one swap)', started, { counts: facts.counts });

  // 4. Import the downloaded file, merged (staged in pages, previewed, swapped in).
  started = performance.now();
  await options.setInputFiles('#backup-file', exported);
  await options.locator('.preview-box table.preview').waitFor({ timeout: LONG });
  step('import: stage + preview', started, {});
  started = performance.now();
  await button('optionsMerge').click();
  await options.getByText('Imported.').waitFor({ timeout: LONG });
  facts = await storeFacts(options);
  assert.deepEqual(facts.counts, COUNTS);
  step('import: merge (one swap)', started, { counts: facts.counts, storeBytes: facts.usage });
  fs.writeFileSync(path.join(OUT, 'big-store.json'), JSON.stringify(results, null, 2) + '\n');
  console.log('big store: every count equal at every step');
} finally {
  await app.close();
  fs.rmSync(downloads, { recursive: true, force: true });
}
