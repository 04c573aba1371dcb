/**
 * The upgrade harness: for every schema version that shipped, fill a store at that version with
 * data, upgrade it to the current version, and check that nothing was lost. Add the data of a new
 * version to SHIPPED when its migration is written.
 */
import { describe, expect, it } from 'vitest';
import { DB_VERSION, MIGRATIONS, openDb, ACCOUNT_STORES } from '@/utils/db';
import { sampleBackup } from '../fixtures/sample-data.mjs';

type Records = Record<(typeof ACCOUNT_STORES)[number], unknown[]>;

const SAMPLE_AT = Date.UTC(2026, 10, 1);
/** Versions 1 and 2 store accounts and their records the same way; 2 adds the ops store. */
const unchanged = (current: Records) => {
  const original = sampleBackup(SAMPLE_AT);
  for (const s of ACCOUNT_STORES) expect(sortById(current[s])).toEqual(sortById(original[s]));
};

/** Data as each shipped version stored it, and what it must look like at the current version. */
const SHIPPED: Record<number, { data: Records; expect: (current: Records) => void }> = {
  1: { data: sampleBackup(SAMPLE_AT), expect: unchanged },
  2: { data: sampleBackup(SAMPLE_AT), expect: unchanged },
};

function sortById(records: unknown[]) {
  return [...records].sort((a, b) =>
    String((a as { id: string }).id).localeCompare((b as { id: string }).id),
  );
}

async function fill(name: string, version: number, data: Records) {
  const db = await openDb(name, version);
  const tx = db.transaction([...ACCOUNT_STORES], 'readwrite');
  for (const s of ACCOUNT_STORES) for (const r of data[s]) await tx.objectStore(s).put(r as never);
  await tx.done;
  db.close();
}

async function readAll(name: string): Promise<Records> {
  const db = await openDb(name);
  const out = {} as Records;
  for (const s of ACCOUNT_STORES) out[s] = await db.getAll(s);
  db.close();
  return out;
}

describe('migrations', () => {
  it('has a data set for every shipped version', () => {
    for (let v = 1; v <= DB_VERSION; v++) expect(SHIPPED[v], `data for version ${v}`).toBeDefined();
  });

  for (let v = 1; v <= DB_VERSION; v++) {
    it(`upgrades version ${v} to ${DB_VERSION} with nothing lost`, async () => {
      const name = `migrate-from-${v}`;
      await fill(name, v, SHIPPED[v]!.data);
      SHIPPED[v]!.expect(await readAll(name));
    });
  }

  it('leaves the old data intact when an upgrade step fails', async () => {
    const name = 'failing-upgrade';
    await fill(name, DB_VERSION, SHIPPED[DB_VERSION]!.data);
    MIGRATIONS.push(() => {
      throw new Error('broken step');
    });
    try {
      await expect(openDb(name, DB_VERSION + 1)).rejects.toBeTruthy();
    } finally {
      MIGRATIONS.pop();
    }
    SHIPPED[DB_VERSION]!.expect(await readAll(name));
    const db = await openDb(name);
    expect(db.version).toBe(DB_VERSION);
    db.close();
  });
});
