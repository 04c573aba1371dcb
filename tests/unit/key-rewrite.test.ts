/**
 * The account key rewrite after an upgrade (entrypoints/background/key-rewrite.ts): short batches,
 * each with its progress marker, resumed where a stopped worker left it; lookups that read the
 * accounts not rewritten yet as they are; a write made meanwhile kept.
 */
import { describe, expect, it } from 'vitest';
import { unwrap } from 'idb';
import { DB_VERSION, crmKey, nameKey, openDb, withKeys } from '@/entrypoints/background/db';
import {
  nextBatchSize,
  rewriteBatch,
  runKeyRewrite,
  BATCH_TARGET_MS,
} from '@/entrypoints/background/key-rewrite';
import { accountIdsByCrmRecord, accountIdsByName } from '@/entrypoints/background/account-reads';
import type { Account } from '@/utils/contract/model';
import { sampleBackup } from '../fixtures/sample-data.mjs';

const base = sampleBackup(Date.UTC(2026, 10, 1)).accounts[0] as Account;
const now = () => Promise.resolve();

function accounts(count: number): Account[] {
  return Array.from({ length: count }, (_, i) => ({
    ...base,
    id: `acc-${String(i).padStart(4, '0')}`,
    name: `Company ${String(i).padStart(4, '0')}`,
    crmRefs:
      i === count - 1
        ? [
            {
              system: 'hubspot',
              recordType: 'company',
              recordId: '77',
              url: 'https://app.hubspot.com/x/77',
            },
          ]
        : [],
  }));
}

/** As version 4 stored an account: the CRM and name keys, none of the page's. */
const v4 = (a: Account) => ({ ...a, crmKeys: a.crmRefs.map(crmKey), nameKey: nameKey(a.name) });

async function storeAt(name: string, version: number, records: object[]) {
  const db = await openDb(name, version);
  const tx = db.transaction('accounts', 'readwrite');
  for (const r of records) await tx.store.put(r as never);
  await tx.done;
  db.close();
}

describe('key rewrite', () => {
  it('stops after any batch and resumes at its marker in a new worker, rewriting each account once', async () => {
    const name = 'rewrite-resume';
    const all = accounts(250);
    await storeAt(name, 4, all.map(v4));
    let db = await openDb(name);
    expect(db.version).toBe(DB_VERSION);
    const batches: number[] = [];
    const onBatch = (b: { rewritten: number }) => batches.push(b.rewritten);
    // A worker stopped after two batches.
    expect(await runKeyRewrite(db, { pause: now, maxBatches: 2, onBatch })).toBe(false);
    db.close();

    db = await openDb(name);
    const marker = (await db.get('meta', 'accountKeyRewrite')) as { after: string; done: boolean };
    expect(marker.done).toBe(false);
    const stored = await db.getAll('accounts');
    const rewritten = stored.filter((a) => 'stageSort' in a).map((a) => a.id);
    expect(rewritten).toEqual(all.filter((a) => a.id <= marker.after).map((a) => a.id));
    expect(rewritten.length).toBe(batches[0]! + batches[1]!);
    expect(rewritten.length).toBeLessThan(all.length);

    expect(await runKeyRewrite(db, { pause: now, onBatch })).toBe(true);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(all.length);
    expect(await db.getAll('accounts')).toEqual(all.map(withKeys));
    expect(await db.count('accounts', undefined)).toBe(250);
    expect(await db.countFromIndex('accounts', 'byStageSort')).toBe(250);
    expect(await db.get('meta', 'accountKeyRewrite')).toEqual({ after: 'acc-0249', done: true });
    // Done is done: a later run reads the marker and writes nothing.
    expect(await rewriteBatch(db, 100)).toMatchObject({ rewritten: 0, done: true });
    db.close();
  });

  it('sizes each batch to about BATCH_TARGET_MS from the last one, within bounds', () => {
    expect(nextBatchSize(100, BATCH_TARGET_MS)).toBe(100);
    expect(nextBatchSize(100, BATCH_TARGET_MS * 4)).toBe(25);
    // Never more than double at once, never below 25, never above 2,000.
    expect(nextBatchSize(100, 0.1)).toBe(200);
    expect(nextBatchSize(100, 10_000)).toBe(25);
    expect(nextBatchSize(1_500, 1)).toBe(2_000);
  });

  it('finds accounts not rewritten yet by their CRM link and name, read as they are', async () => {
    const name = 'rewrite-lookups';
    const all = accounts(150);
    // Version 2 stored no keys at all.
    await storeAt(name, 2, all);
    const db = await openDb(name);
    const lookups = async () => {
      const tx = unwrap(db).transaction(['accounts', 'meta'], 'readonly');
      return Promise.all([
        accountIdsByCrmRecord(tx, {
          system: 'hubspot',
          recordType: 'company',
          recordId: '77',
          url: 'https://app.hubspot.com/x/77',
        }),
        accountIdsByName(tx, ['  company 0003 ']),
      ]);
    };
    expect(await lookups()).toEqual([['acc-0149'], ['acc-0003']]);
    expect(await runKeyRewrite(db, { pause: now, maxBatches: 1 })).toBe(false);
    expect(await lookups()).toEqual([['acc-0149'], ['acc-0003']]);
    expect(await runKeyRewrite(db, { pause: now })).toBe(true);
    expect(await lookups()).toEqual([['acc-0149'], ['acc-0003']]);
    db.close();
  });

  it('keeps a write made between two batches', async () => {
    const name = 'rewrite-write';
    const all = accounts(300);
    await storeAt(name, 4, all.map(v4));
    const db = await openDb(name);
    const last = all[all.length - 1]!;
    const renamed = { ...last, name: 'Renamed Ltd', revision: 2 };
    let wrote = false;
    await runKeyRewrite(db, {
      pause: async () => {
        if (!wrote) await db.put('accounts', withKeys(renamed));
        wrote = true;
      },
    });
    expect(await db.get('accounts', last.id)).toEqual(withKeys(renamed));
    expect(await db.getAllKeysFromIndex('accounts', 'byNameKey', 'renamed ltd')).toEqual([last.id]);
    expect(await db.getAllKeysFromIndex('accounts', 'bySearchWord', 'ltd')).toEqual([last.id]);
    db.close();
  });
});
