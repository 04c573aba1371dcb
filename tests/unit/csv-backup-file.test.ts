// Backup files checked whole before import (utils/page/backup-file.ts): each way a file can be
// wrong is refused with its own reason, and the preview counts what an import would change.
import { describe, expect, it } from 'vitest';
import {
  backupFileName,
  looksTruncated,
  parseBackup,
  previewImport,
  recordCount,
} from '@/utils/page/backup-file';
import { SCHEMA_VERSION } from '@/utils/contract/records';
import type { Backup } from '@/utils/contract/messages';
import { sampleBackup } from '../fixtures/sample-data.mjs';

const NOW = Date.UTC(2026, 10, 28, 12);
const sample = (): Backup => sampleBackup(NOW) as Backup;

function refusal(text: string, known?: Set<string>) {
  const r = parseBackup(text, known);
  if (r.ok) throw new Error('expected a refusal');
  return r.problem;
}

describe('parseBackup', () => {
  it('accepts a backup as exported, with or without a byte-order mark', () => {
    const text = JSON.stringify(sample());
    const r = parseBackup(text);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.backup.accounts.map((a) => a.id)).toContain('acc-northwind');
    expect(parseBackup('\uFEFF' + text).ok).toBe(true);
  });

  it('says a cut-off file is truncated, wherever it was cut', () => {
    const text = JSON.stringify(sample(), null, 2);
    for (const at of [1, 100, Math.floor(text.length / 2), text.length - 1]) {
      expect(refusal(text.slice(0, at)).key).toBe('optionsBackupTruncated');
    }
    expect(looksTruncated('{"a": "x\\"')).toBe(true);
    expect(looksTruncated('{"a": "}"}')).toBe(false);
  });

  it('refuses an empty file, and text that is not JSON', () => {
    expect(refusal('').key).toBe('optionsBackupEmpty');
    expect(refusal('  \n').key).toBe('optionsBackupEmpty');
    const notJson = refusal('name,domains\nAcme,acme.com');
    expect(notJson.key).toBe('optionsBackupNotJson');
    expect(notJson.subs?.[0]).toBeTypeOf('string');
  });

  it('refuses JSON that is not a Rapport backup', () => {
    expect(refusal('[]').key).toBe('optionsBackupWrongFormat');
    expect(refusal('{"accounts": []}').key).toBe('optionsBackupWrongFormat');
    expect(refusal(JSON.stringify({ ...sample(), format: 'other' })).key).toBe(
      'optionsBackupWrongFormat',
    );
  });

  it('asks for an update when the backup comes from a newer schema', () => {
    const p = refusal(JSON.stringify({ ...sample(), schemaVersion: SCHEMA_VERSION + 1 }));
    expect(p).toEqual({
      key: 'optionsBackupFromFuture',
      subs: [SCHEMA_VERSION + 1, SCHEMA_VERSION],
    });
  });

  it('refuses "__proto__" keys anywhere, and Object.prototype stays clean', () => {
    const text = JSON.stringify(sample()).replace(
      '"id":"acc-northwind"',
      '"__proto__":{"polluted":true},"id":"acc-northwind"',
    );
    expect(text).toContain('__proto__');
    expect(refusal(text).key).toBe('optionsBackupProtoKey');
    expect(refusal('{"__proto__": {"isAdmin": true}}').key).toBe('optionsBackupProtoKey');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('refuses a 1 MB string, naming the record and the field', () => {
    const b = sample();
    b.accounts[0]!.profile.goals = 'x'.repeat(1024 * 1024);
    const p = refusal(JSON.stringify(b));
    expect(p.key).toBe('optionsBackupInvalid');
    expect(String(p.subs?.[0])).toContain('accounts[0] "Northwind Logistics" profile.goals');
  });

  it('refuses records that break the schema', () => {
    const b = sample() as unknown as { people: Record<string, unknown>[] };
    b.people[0]!.influence = 9;
    const p = refusal(JSON.stringify(b));
    expect(p.key).toBe('optionsBackupInvalid');
    expect(String(p.subs?.[0])).toContain('people[0] "Anna Keller" influence');
  });

  it('refuses duplicate ids and records whose account is missing', () => {
    const dup = sample();
    dup.people.push({ ...dup.people[0]! });
    expect(refusal(JSON.stringify(dup))).toEqual({
      key: 'optionsBackupDuplicateId',
      subs: ['people', 'per-anna'],
    });

    const orphan = sample();
    orphan.accounts = orphan.accounts.filter((a) => a.id !== 'acc-globex');
    expect(refusal(JSON.stringify(orphan)).key).toBe('optionsBackupOrphan');
    // In a merge, the account may already be in the store.
    expect(parseBackup(JSON.stringify(orphan), new Set(['acc-globex'])).ok).toBe(true);
  });
});

describe('previewImport', () => {
  it('counts new, updated, unchanged and removed records per kind', () => {
    const current = sample();
    const incoming = sample();
    // Same content, other key order: unchanged.
    const [first, ...rest] = incoming.accounts;
    const reordered = Object.fromEntries(Object.entries(first!).reverse()) as typeof first;
    incoming.accounts = [reordered!, ...rest];
    // One account changed, one new, one gone.
    incoming.accounts[1] = { ...incoming.accounts[1]!, name: 'Globex Corporation', revision: 2 };
    incoming.accounts = incoming.accounts.filter((a) => a.id !== 'acc-umbrella');
    incoming.accounts.push({ ...incoming.accounts[0]!, id: 'acc-new', name: 'Initech' });
    incoming.people = [];

    const p = previewImport(incoming, current);
    expect(p.accounts).toEqual({ added: 1, updated: 1, unchanged: 1, removed: 1 });
    expect(p.people).toEqual({
      added: 0,
      updated: 0,
      unchanged: 0,
      removed: current.people.length,
    });
    expect(p.activities.unchanged).toBe(current.activities.length);
  });

  it('counts everything as new against an empty store', () => {
    const empty: Backup = {
      ...sample(),
      accounts: [],
      people: [],
      activities: [],
      decisions: [],
      stageChanges: [],
    };
    const p = previewImport(sample(), empty);
    expect(p.accounts.added).toBe(sample().accounts.length);
    expect(recordCount(empty)).toBe(0);
  });
});

it('names backup files by day', () => {
  expect(backupFileName('2026-11-28')).toBe('rapport-backup-2026-11-28.json');
});
