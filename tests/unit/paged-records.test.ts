/**
 * The CSV export and import at any store size: the store's accounts and people read a page at a
 * time (readRecordsPage), and a CSV import's records staged a page at a time and merged by one
 * transaction, all of them or none. Small pages force many messages out of a small store.
 */
import { describe, expect, it } from 'vitest';
import type { Backup, MessageName } from '@/utils/contract/messages';
import type { Account, Person } from '@/utils/contract/model';
import { RECORD_KINDS } from '@/utils/contract/records';
import {
  mergeInPages,
  pagesOf,
  readAllRecords,
  type MergeApi,
  type ReadRecordsPage,
} from '@/utils/page/paged-records';
import { freshContext, ok, snapshot } from './helpers';
import { sampleBackup } from '../fixtures/sample-data.mjs';

const AT = Date.UTC(2026, 10, 1);

type Ctx = Awaited<ReturnType<typeof freshContext>>;

/** The page's ends over the real handlers, counting the messages of each name. */
function pages(t: Ctx, limit: number) {
  const sent: Partial<Record<MessageName, number>> = {};
  const count = (name: MessageName) => (sent[name] = (sent[name] ?? 0) + 1);
  const read: ReadRecordsPage = (kind, after) => {
    count('readRecordsPage');
    return t.send('readRecordsPage', { kind, limit, ...(after ? { after } : {}) });
  };
  const api: MergeApi = {
    mergeWhole: (backup) => (count('importData'), t.send('importData', { backup, mode: 'merge' })),
    begin: () => (count('beginImport'), t.send('beginImport', {})),
    stage: (backupId, kind, records) => (
      count('stageBackupPage'),
      t.send('stageBackupPage', { backupId, kind, records } as never)
    ),
    finish: (request) => (count('finishImport'), t.send('finishImport', request)),
    drop: (backupId) => (count('deleteBackup'), t.send('deleteBackup', { backupId })),
    restore: (backupId) => (
      count('restoreBackup'),
      t.send('restoreBackup', { backupId, mode: 'merge' })
    ),
  };
  return { read, api, sent };
}

/** `n` new accounts as a CSV import makes them, each with one person. */
function csvRows(n: number): Backup {
  const sample = sampleBackup(AT) as Backup;
  const account = sample.accounts[0]!;
  const person = sample.people.find((p) => p.accountId === account.id)!;
  const accounts: Account[] = [];
  const people: Person[] = [];
  for (let i = 0; i < n; i++) {
    const id = `acc-csv-${String(i).padStart(5, '0')}`;
    accounts.push({ ...account, id, name: `Client ${i}`, domains: [`client${i}.example`] });
    people.push({
      ...person,
      id: `per-csv-${String(i).padStart(5, '0')}`,
      accountId: id,
      emails: [`buyer@client${i}.example`],
    });
  }
  const empty = Object.fromEntries(RECORD_KINDS.map((k) => [k, []]));
  return { ...(empty as unknown as Backup), ...sampleHeader(sample), accounts, people };
}

const sampleHeader = (b: Backup) => ({
  format: b.format,
  schemaVersion: b.schemaVersion,
  exportedAt: b.exportedAt,
});

describe('readAllRecords', () => {
  it('reads every account and person a page at a time, as the store holds them', async () => {
    const t = await freshContext();
    await ok(t.send('importData', { backup: csvRows(23), mode: 'replace' }));
    const { read, sent } = pages(t, 5);
    const accounts = await readAllRecords<Account>('accounts', read);
    const people = await readAllRecords<Person>('people', read);
    // 23 records in pages of 5: five pages each (the last one short).
    expect(sent.readRecordsPage).toBe(10);
    const whole = await ok(t.send('exportData', {}));
    expect(accounts).toEqual(whole.accounts);
    expect(people).toEqual(whole.people);
  });

  it('says what went wrong when a page is refused', async () => {
    const read: ReadRecordsPage = async () => ({ ok: false, error: 'No room', code: 'storage' });
    await expect(readAllRecords('accounts', read)).rejects.toThrow('No room');
  });
});

describe('pagesOf', () => {
  it('cuts by record count and by the size of the records', () => {
    const records = Array.from({ length: 7 }, (_, i) => ({ id: `r${i}`, text: 'x'.repeat(20) }));
    expect([...pagesOf(records, { pageRecords: 3 })].map((p) => p.length)).toEqual([3, 3, 1]);
    // About 40 characters each: two fit under 100.
    expect([...pagesOf(records, { pageChars: 100 })].map((p) => p.length)).toEqual([2, 2, 2, 1]);
  });
});

describe('mergeInPages', () => {
  it('sends what fits in one page as one importData, with nothing staged', async () => {
    const t = await freshContext();
    const { api, sent } = pages(t, 100);
    const r = await mergeInPages(csvRows(40), api, { pageRecords: 100 });
    expect(r).toMatchObject({ ok: true, data: { mode: 'merge', counts: { accounts: 40 } } });
    expect(sent).toEqual({ importData: 1 });
  });

  it('merges many rows sent in many pages, in one write at the end', async () => {
    const t = await freshContext();
    const before = await ok(t.send('importData', { backup: sampleBackup(AT), mode: 'replace' }));
    const rows = csvRows(1_000);
    const { api, sent } = pages(t, 100);
    const r = await mergeInPages(rows, api, { pageRecords: 100 });
    expect(r).toMatchObject({ ok: true, data: { mode: 'merge' } });
    // 1,000 accounts and 1,000 people in pages of 100.
    expect(sent.stageBackupPage).toBe(20);
    expect(sent.restoreBackup).toBe(1);
    expect(sent.importData).toBeUndefined();
    const after = await ok(t.send('exportData', {}));
    expect(after.accounts).toHaveLength(before.counts.accounts + 1_000);
    expect(after.people).toHaveLength(before.counts.people + 1_000);
    // Nothing staged is left behind.
    expect(await t.db.count('backupRecords')).toBe(0);
    expect(await t.db.count('backups')).toBe(0);
  });

  it('changes nothing when a row late in the import is refused, and drops what was staged', async () => {
    const t = await freshContext();
    await ok(t.send('importData', { backup: sampleBackup(AT), mode: 'replace' }));
    const was = await snapshot(t.db);
    const rows = csvRows(1_000);
    // The 950th person names an account that is neither in the import nor in the store.
    rows.people[949] = { ...rows.people[949]!, accountId: 'acc-nowhere' };
    const { api, sent } = pages(t, 100);
    const r = await mergeInPages(rows, api, { pageRecords: 100 });
    expect(r.ok).toBe(false);
    expect(sent.stageBackupPage).toBe(20);
    expect(sent.deleteBackup).toBe(1);
    expect(await snapshot(t.db)).toEqual(was);
    expect(await t.db.count('backupRecords')).toBe(0);
  });

  it('changes nothing when a page is refused as invalid', async () => {
    const t = await freshContext();
    const was = await snapshot(t.db);
    const rows = csvRows(300);
    rows.accounts[250] = { ...rows.accounts[250]!, name: '' };
    const { api, sent } = pages(t, 100);
    const r = await mergeInPages(rows, api, { pageRecords: 100 });
    expect(r).toMatchObject({ ok: false, code: 'invalid' });
    expect(sent.restoreBackup).toBeUndefined();
    expect(await snapshot(t.db)).toEqual(was);
  });
});
