/**
 * The upgrade harness: for every schema version that shipped, fill a store at that version with
 * data, upgrade it to the current version, and check that nothing was lost. Add the data of a new
 * version to SHIPPED when its migration is written.
 */
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, openDb, fillIndexKeys, nameKey, withKeys } from '@/entrypoints/background/db';
import { SCHEMA_VERSION, RECORD_KINDS } from '@/utils/contract/records';
import { unwrap } from 'idb';
import type { Account } from '@/utils/contract/model';
import { sampleBackup } from '../fixtures/sample-data.mjs';

type Records = Record<(typeof RECORD_KINDS)[number], unknown[]>;

const SAMPLE_AT = Date.UTC(2026, 10, 1);
/** Every record as it was; from version 3, each account with its derived index keys. */
const unchanged = (current: Records) => {
  const original = sampleBackup(SAMPLE_AT);
  for (const s of RECORD_KINDS) {
    const expected = s === 'accounts' ? original.accounts.map(withKeys) : original[s];
    expect(sortById(current[s])).toEqual(sortById(expected));
  }
};

/** As version 3 stores it: accounts carry the keys of the byCrmKey and byNameKey indexes. */
function withIndexKeys(data: Records): Records {
  return { ...data, accounts: (data.accounts as Account[]).map(withKeys) };
}

/** Data as each shipped version stored it, and what it must look like at the current version. */
const SHIPPED: Record<number, { data: Records; expect: (current: Records) => void }> = {
  1: { data: sampleBackup(SAMPLE_AT), expect: unchanged },
  // 2 adds the ops store.
  2: { data: sampleBackup(SAMPLE_AT), expect: unchanged },
  3: { data: withIndexKeys(sampleBackup(SAMPLE_AT)), expect: unchanged },
  // 4 adds the drafts store.
  4: { data: withIndexKeys(sampleBackup(SAMPLE_AT)), expect: unchanged },
  // 5 adds the backups and backupRecords stores.
  5: { data: withIndexKeys(sampleBackup(SAMPLE_AT)), expect: unchanged },
};

function sortById(records: unknown[]) {
  return [...records].sort((a, b) =>
    String((a as { id: string }).id).localeCompare((b as { id: string }).id),
  );
}

async function fill(name: string, version: number, data: Records) {
  const db = await openDb(name, version);
  const tx = db.transaction([...RECORD_KINDS], 'readwrite');
  for (const s of RECORD_KINDS) for (const r of data[s]) await tx.objectStore(s).put(r as never);
  await tx.done;
  db.close();
}

async function readAll(name: string): Promise<Records> {
  const db = await openDb(name);
  const out = {} as Records;
  for (const s of RECORD_KINDS) out[s] = await db.getAll(s);
  db.close();
  return out;
}

describe('migrations', () => {
  it('has one step per schema version, up to the version backups record', () => {
    expect(MIGRATIONS).toHaveLength(SCHEMA_VERSION);
  });

  it('has a data set for every shipped version', () => {
    for (let v = 1; v <= SCHEMA_VERSION; v++)
      expect(SHIPPED[v], `data for version ${v}`).toBeDefined();
  });

  for (let v = 1; v <= SCHEMA_VERSION; v++) {
    it(`upgrades version ${v} to ${SCHEMA_VERSION} with nothing lost`, async () => {
      const name = `migrate-from-${v}`;
      await fill(name, v, SHIPPED[v]!.data);
      SHIPPED[v]!.expect(await readAll(name));
    });
  }

  it('finds accounts from version 2 by their CRM links and exact names after the upgrade', async () => {
    const name = 'migrate-keys';
    const data = sampleBackup(SAMPLE_AT) as Records & { accounts: Account[] };
    const linked = data.accounts[0]!;
    const ref = {
      system: 'hubspot' as const,
      recordType: 'company',
      recordId: '4242',
      url: 'https://app.hubspot.com/contacts/1/record/0-2/4242',
    };
    data.accounts[0] = { ...linked, crmRefs: [ref] };
    await fill(name, 2, data);
    const db = await openDb(name);
    expect(await db.getAllKeysFromIndex('accounts', 'byCrmKey', 'hubspot:4242')).toEqual([
      linked.id,
    ]);
    expect(await db.getAllKeysFromIndex('accounts', 'byNameKey', nameKey(linked.name))).toEqual([
      linked.id,
    ]);
    db.close();
  });

  it('gives every account its index keys, a page at a time, across page boundaries', async () => {
    const db = await openDb('fill-keys');
    const base = sampleBackup(SAMPLE_AT).accounts[0] as Account;
    const plain = Array.from({ length: 7 }, (_, i) => ({
      ...base,
      id: `acc-${i}`,
      name: ` Company ${i} `,
    }));
    const tx = unwrap(db).transaction('accounts', 'readwrite');
    for (const a of plain) tx.objectStore('accounts').put(a);
    fillIndexKeys(tx.objectStore('accounts'), 3);
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onabort = () => reject(tx.error);
    });
    expect(sortById(await db.getAll('accounts'))).toEqual(plain.map(withKeys));
    expect(await db.getAllKeysFromIndex('accounts', 'byNameKey', 'company 6')).toEqual(['acc-6']);
    db.close();
  });

  it('leaves the old data intact when an upgrade step fails', async () => {
    const name = 'failing-upgrade';
    await fill(name, SCHEMA_VERSION, SHIPPED[SCHEMA_VERSION]!.data);
    MIGRATIONS.push(() => {
      throw new Error('broken step');
    });
    try {
      await expect(openDb(name, SCHEMA_VERSION + 1)).rejects.toBeTruthy();
    } finally {
      MIGRATIONS.pop();
    }
    SHIPPED[SCHEMA_VERSION]!.expect(await readAll(name));
    const db = await openDb(name);
    expect(db.version).toBe(SCHEMA_VERSION);
    db.close();
  });
});
