/**
 * The sync database's keys kept in memory (record-keys.ts): an account with no document and no
 * offer is known without a read, and every write through the handle is seen by the next question.
 */
import { describe, expect, it } from 'vitest';
import { syncRecordKeys } from '@/entrypoints/background/sync/record-keys';
import { accountDocName, openSyncDb } from '@/entrypoints/background/sync/sync-state';

const doc = (accountId: string) => ({
  name: accountDocName(accountId),
  accountId,
  update: new Uint8Array(),
  dirty: false,
  revoked: false,
});
const offer = (accountId: string) => ({
  accountId,
  server: 'https://sync.example.com',
  owner: null,
  dismissed: false,
});

async function keys() {
  return syncRecordKeys(await openSyncDb(`record-keys-${Math.random()}`));
}

describe('sync record keys', () => {
  it('reads what the database held when the handle was made', async () => {
    const raw = await openSyncDb(`record-keys-${Math.random()}`);
    await raw.put('docs', doc('acc-shared'));
    await raw.put('offers', offer('acc-offered'));
    const k = syncRecordKeys(raw);
    expect(await k.mayHaveRecord('acc-shared')).toBe(true);
    expect(await k.mayHaveRecord('acc-offered')).toBe(true);
    expect(await k.mayHaveRecord('acc-other')).toBe(false);
  });

  it('sees each kind of write made through the handle', async () => {
    const k = await keys();
    expect(await k.mayHaveRecord('acc-1')).toBe(false);
    await k.db.put('docs', doc('acc-1'));
    expect(await k.mayHaveRecord('acc-1')).toBe(true);
    await k.db.add('offers', offer('acc-2'));
    expect(await k.mayHaveRecord('acc-2')).toBe(true);
    await k.db.delete('docs', accountDocName('acc-1'));
    expect(await k.mayHaveRecord('acc-1')).toBe(false);
    await k.db.clear('offers');
    expect(await k.mayHaveRecord('acc-2')).toBe(false);
    const tx = k.db.transaction('docs', 'readwrite');
    await tx.store.put(doc('acc-3'));
    await tx.done;
    expect(await k.mayHaveRecord('acc-3')).toBe(true);
  });

  it('answers a question asked before a write as of that moment, and the next one after it', async () => {
    const k = await keys();
    const before = k.mayHaveRecord('acc-1');
    const write = k.db.put('docs', doc('acc-1'));
    const after = k.mayHaveRecord('acc-1');
    await write;
    expect(await before).toBe(false);
    expect(await after).toBe(true);
  });

  it('reads through the handle as the database does', async () => {
    const k = await keys();
    await k.db.put('docs', doc('acc-1'));
    expect((await k.db.get('docs', accountDocName('acc-1')))?.accountId).toBe('acc-1');
    expect(await k.db.getAllKeys('docs')).toEqual([accountDocName('acc-1')]);
    expect(k.db.objectStoreNames.contains('offers')).toBe(true);
  });
});
