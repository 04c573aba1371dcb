/**
 * The upgrade harness: for every schema version that shipped, fill a store at that version with
 * data, upgrade it to the current version, finish the key rewrite the upgrade starts, and check
 * that nothing was lost. Add the data of a new version to SHIPPED when its migration is written.
 * The rewrite itself, stopped and resumed, is in key-rewrite.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  DB_VERSION,
  MIGRATIONS,
  crmKey,
  openDb,
  nameKey,
  withKeys,
} from '@/entrypoints/background/db';
import { runKeyRewrite } from '@/entrypoints/background/key-rewrite';
import { RECORD_KINDS } from '@/utils/contract/records';
import type { Account, Person } from '@/utils/contract/model';
import { sampleBackup } from '../fixtures/sample-data.mjs';

type Records = Record<(typeof RECORD_KINDS)[number], unknown[]>;

const SAMPLE_AT = Date.UTC(2026, 10, 1);
/** Every record as it was, each account with its derived index keys of today. */
const unchanged = (current: Records) => {
  const original = sampleBackup(SAMPLE_AT);
  for (const s of RECORD_KINDS) {
    const expected = s === 'accounts' ? original.accounts.map(withKeys) : (original[s] ?? []);
    expect(sortById(current[s])).toEqual(sortById(expected));
  }
};

/** As versions 3 and 4 store it: accounts carry the keys of the byCrmKey and byNameKey indexes. */
function withIndexKeys(data: Records): Records {
  const v3 = (a: Account) => ({ ...a, crmKeys: a.crmRefs.map(crmKey), nameKey: nameKey(a.name) });
  return { ...data, accounts: (data.accounts as Account[]).map(v3) };
}

/** As version 5 stores it: every key of withKeys. */
function withAllKeys(data: Records): Records {
  return { ...data, accounts: (data.accounts as Account[]).map(withKeys) };
}

/** As version 5 may store it: a sponsor, and a person seen in a thread. */
function withSponsorSeen(data: Records): Records {
  const people = (data.people as Person[]).map((p, i) =>
    i === 0
      ? { ...p, lastSeenAt: SAMPLE_AT - 3_600_000 }
      : i === 1
        ? { ...p, role: 'executive_sponsor' as const }
        : p,
  );
  return { ...data, people };
}

/** Version 5's records come through whole, the sponsor and the sighting included. */
const unchangedSeen = (current: Records) => {
  const original = withSponsorSeen(sampleBackup(SAMPLE_AT));
  for (const s of RECORD_KINDS) {
    const expected =
      s === 'accounts' ? (original.accounts as Account[]).map(withKeys) : (original[s] ?? []);
    expect(sortById(current[s])).toEqual(sortById(expected));
  }
  expect((current.people as Person[]).some((p) => p.role === 'executive_sponsor')).toBe(true);
};

/** As version 6 may store it since backups of schema 6: a line from one person to another. */
function withLines(data: Records): Records {
  const people = data.people as Person[];
  const to = people.find((p) => p.id !== people[0]!.id && p.accountId === people[0]!.accountId);
  const line = { to: to!.id, kind: 'influences' as const, note: 'Plays golf with' };
  return { ...data, people: people.map((p, i) => (i === 0 ? { ...p, lines: [line] } : p)) };
}

/** Records with lines come through whole, the lines included. */
const unchangedLines = (current: Records) => {
  const original = withLines(withSponsorSeen(sampleBackup(SAMPLE_AT)));
  for (const s of RECORD_KINDS) {
    const expected =
      s === 'accounts' ? (original.accounts as Account[]).map(withKeys) : (original[s] ?? []);
    expect(sortById(current[s])).toEqual(sortById(expected));
  }
  expect((current.people as Person[]).some((p) => p.lines?.length === 1)).toBe(true);
};

/** As version 7 may store it since backups of schema 7: the account plan. */
function withPlan(data: Records): Records {
  const accountId = (data.accounts as Account[])[0]!.id;
  return {
    ...data,
    objectives: [
      {
        id: 'obj-1',
        accountId,
        outcome: 'Transit times down 15%',
        measure: 'Median door-to-door days',
        target: '3.4',
        due: '2027-06-30',
        status: 'on_track',
        statusAt: SAMPLE_AT,
        createdAt: SAMPLE_AT,
      },
    ],
    buyingUnits: [{ id: 'bu-1', accountId, name: 'UK operations', order: 0 }],
    whitespace: [
      {
        id: 'ws-1',
        accountId,
        unitId: 'bu-1',
        offeringId: 'off-1',
        supplier: 'competitor',
        competitor: 'Acme Freight',
        spend: 120000,
        currency: 'EUR',
        contractEnd: '2027-03-31',
        note: '',
        updatedAt: SAMPLE_AT,
      },
    ],
  };
}

/** Records of the account plan come through whole. */
const unchangedPlan = (current: Records) => {
  const original = withPlan(withLines(withSponsorSeen(sampleBackup(SAMPLE_AT))));
  for (const s of RECORD_KINDS) {
    const expected =
      s === 'accounts' ? (original.accounts as Account[]).map(withKeys) : (original[s] ?? []);
    expect(sortById(current[s])).toEqual(sortById(expected));
  }
  expect(current.whitespace).toHaveLength(1);
};

/** Data as each shipped version stored it, and what it must look like at the current version. */
const SHIPPED: Record<number, { data: Records; expect: (current: Records) => void }> = {
  1: { data: sampleBackup(SAMPLE_AT), expect: unchanged },
  // 2 adds the ops store.
  2: { data: sampleBackup(SAMPLE_AT), expect: unchanged },
  3: { data: withIndexKeys(sampleBackup(SAMPLE_AT)), expect: unchanged },
  // 4 adds the drafts store.
  4: { data: withIndexKeys(sampleBackup(SAMPLE_AT)), expect: unchanged },
  // 5 adds the meta store and the accounts page's indexes; people may hold the executive_sponsor
  // role and a lastSeenAt (backups of schema 5).
  5: { data: withAllKeys(withSponsorSeen(sampleBackup(SAMPLE_AT))), expect: unchangedSeen },
  // 6 adds the backups and backupRecords stores; people may hold lines (backups of schema 6).
  6: {
    data: withLines(withAllKeys(withSponsorSeen(sampleBackup(SAMPLE_AT)))),
    expect: unchangedLines,
  },
  // 7 adds the objectives, buyingUnits and whitespace stores (backups of schema 7).
  7: {
    data: withPlan(withLines(withAllKeys(withSponsorSeen(sampleBackup(SAMPLE_AT))))),
    expect: unchangedPlan,
  },
  // 8 adds the objectives' byStatus index: no record changes.
  8: {
    data: withPlan(withLines(withAllKeys(withSponsorSeen(sampleBackup(SAMPLE_AT))))),
    expect: unchangedPlan,
  },
};

const now = () => Promise.resolve();

function sortById(records: unknown[]) {
  return [...records].sort((a, b) =>
    String((a as { id: string }).id).localeCompare((b as { id: string }).id),
  );
}

async function fill(name: string, version: number, data: Records) {
  const db = await openDb(name, version);
  // A kind newer than `version` has no store there yet (and no records in its data).
  const kinds = RECORD_KINDS.filter((s) => db.objectStoreNames.contains(s));
  expect(RECORD_KINDS.filter((s) => !kinds.includes(s) && data[s]?.length)).toEqual([]);
  const tx = db.transaction(kinds, 'readwrite');
  for (const s of kinds) for (const r of data[s] ?? []) await tx.objectStore(s).put(r as never);
  await tx.done;
  db.close();
}

async function readAll(name: string): Promise<Records> {
  const db = await openDb(name);
  expect(await runKeyRewrite(db, { pause: now })).toBe(true);
  const out = {} as Records;
  for (const s of RECORD_KINDS) out[s] = await db.getAll(s);
  db.close();
  return out;
}

describe('migrations', () => {
  it('finds objectives stored at version 7 by their status once upgraded', async () => {
    const name = 'rapport-upgrade-by-status';
    await fill(name, 7, withPlan(withLines(withAllKeys(withSponsorSeen(sampleBackup(SAMPLE_AT))))));
    const db = await openDb(name);
    expect(await db.getAllKeysFromIndex('objectives', 'byStatus', 'on_track')).toEqual(['obj-1']);
    expect(await db.getAllKeysFromIndex('objectives', 'byStatus', 'at_risk')).toEqual([]);
    db.close();
  });

  it('has one step per store version', () => {
    expect(MIGRATIONS).toHaveLength(DB_VERSION);
  });

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
    expect(await runKeyRewrite(db, { pause: now })).toBe(true);
    expect(await db.getAllKeysFromIndex('accounts', 'byCrmKey', 'hubspot:4242')).toEqual([
      linked.id,
    ]);
    expect(await db.getAllKeysFromIndex('accounts', 'byNameKey', nameKey(linked.name))).toEqual([
      linked.id,
    ]);
    db.close();
  });

  it('rewrites no record in the upgrade itself: the accounts keep their old shape until the rewrite', async () => {
    const name = 'upgrade-structural';
    const data = sampleBackup(SAMPLE_AT) as Records & { accounts: Account[] };
    await fill(name, 2, data);
    const db = await openDb(name);
    const first = (await db.get('accounts', data.accounts[0]!.id)) as unknown as Account;
    expect(first).toEqual(data.accounts[0]);
    expect(await db.get('meta', 'accountKeyRewrite')).toEqual({ after: null, done: false });
    db.close();
  });

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
