/**
 * Backups of any size, in the background: a store copied into a backup, read out page by page
 * (by record count and by size), an import staged page by page, previewed and swapped in by one
 * transaction; and the page's side that writes the file from pages and stages a file from chunks.
 * Small page sizes force many pages out of a small store.
 */
import { describe, expect, it } from 'vitest';
import { readPage } from '@/entrypoints/background/backup-pages';
import { RECORD_KINDS, type RecordKind } from '@/utils/contract/records';
import type { Backup } from '@/utils/contract/messages';
import type { BackupInfo } from '@/utils/contract/backups';
import { writeBackupFile } from '@/utils/page/backup-file-writer';
import { placeIssues, stageBackupFile, type StagingApi } from '@/utils/page/backup-file-import';
import { freshContext, ok, snapshot } from './helpers';
import { sampleBackup } from '../fixtures/sample-data.mjs';

const AT = Date.UTC(2026, 10, 1);

/** The sample, plus `extra` people on its first account, so that kinds span many pages. */
function bigger(extra: number): Backup {
  const b = sampleBackup(AT) as Backup;
  const account = b.accounts[0]!.id;
  for (let i = 0; i < extra; i++)
    b.people.push({
      ...b.people.find((p) => p.accountId === account)!,
      id: `per-x${String(i).padStart(4, '0')}`,
      emails: [`x${i}@example.com`],
      notes: `Note ${i} — «${'n'.repeat(i % 50)}»`,
    });
  return b;
}

async function seeded(extra = 0) {
  const t = await freshContext();
  const backup = bigger(extra);
  await ok(t.send('importData', { backup, mode: 'replace' }));
  return { ...t, backup };
}

const counts = (b: Backup) => Object.fromEntries(RECORD_KINDS.map((k) => [k, b[k].length]));
const byId = <T extends { id: string }>(r: T[]) => [...r].sort((a, b) => a.id.localeCompare(b.id));

/** The file a page would write, read from the real background with `limit` records a page. */
async function fileOf(t: Awaited<ReturnType<typeof seeded>>, info: BackupInfo, limit: number) {
  let pages = 0;
  const blob = await writeBackupFile(info, (kind, after) => {
    pages++;
    return t.send('readBackupPage', {
      backupId: info.id,
      kind,
      limit,
      ...(after ? { after } : {}),
    });
  });
  return { file: JSON.parse(await blob.text()) as Backup, pages };
}

/** The page's staging calls, answered by the real background. */
function api(t: Awaited<ReturnType<typeof seeded>>): StagingApi & { pages: number } {
  const a = {
    pages: 0,
    begin: () => t.send('beginImport', {}),
    stage: (backupId: string, kind: RecordKind, records: unknown[]) => {
      a.pages++;
      return t.send('stageBackupPage', { backupId, kind, records } as never);
    },
    finish: (request: Parameters<StagingApi['finish']>[0]) => t.send('finishImport', request),
    drop: (backupId: string) => t.send('deleteBackup', { backupId }),
  };
  return a;
}

async function* chunksOf(text: string, size: number) {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

describe('a backup read out in pages', () => {
  it('gives every record once, in many pages, and the file equals the store', async () => {
    const t = await seeded(230);
    const info = await ok(t.send('snapshotBackup', {}));
    expect(info.counts).toEqual(counts(t.backup));
    const { file, pages } = await fileOf(t, info, 7);
    expect(pages).toBeGreaterThan(230 / 7);
    expect(file.format).toBe('rapport-backup');
    for (const k of RECORD_KINDS)
      expect(byId(file[k] as { id: string }[])).toEqual(byId(t.backup[k] as { id: string }[]));
  });

  it('cuts a page by size as well as by count, and never returns an empty page with more to come', async () => {
    const t = await seeded(40);
    const info = await ok(t.send('snapshotBackup', {}));
    let after: string | undefined;
    let seen = 0;
    for (;;) {
      const page = await readPage(t.db, info.id, 'people', after, 1000, 2_000);
      expect(page.count).toBeGreaterThan(0);
      expect(page.text.length).toBeLessThan(2_000 + 1_000);
      seen += page.count;
      if (page.next === null) break;
      after = page.next;
    }
    expect(seen).toBe(t.backup.people.length);
  });

  it('is a snapshot: a write after it is not in the file', async () => {
    const t = await seeded(10);
    const info = await ok(t.send('snapshotBackup', {}));
    await ok(t.send('createAccount', { name: 'Later Ltd', domains: ['later.com'] }));
    const { file } = await fileOf(t, info, 3);
    expect(file.accounts.map((a) => a.name)).not.toContain('Later Ltd');
  });

  it('refuses a page of a backup that is missing or still staging', async () => {
    const t = await seeded();
    expect(await t.send('readBackupPage', { backupId: 'nope', kind: 'people' })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    const staging = await ok(t.send('beginImport', {}));
    expect(await t.send('readBackupPage', { backupId: staging.id, kind: 'people' })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
  });
});

describe('an erase', () => {
  it('keeps a complete backup in the same transaction, and restoring it gives the store back', async () => {
    const t = await seeded(50);
    const info = await ok(t.send('wipeData', {}));
    expect(info.counts).toEqual(counts(t.backup));
    for (const k of RECORD_KINDS) expect(await t.db.count(k)).toBe(0);
    expect(await ok(t.send('listBackups', {}))).toEqual([info]);
    const { file } = await fileOf(t, info, 9);
    expect(counts(file)).toEqual(counts(t.backup));
    const restored = await ok(t.send('restoreBackup', { backupId: info.id, mode: 'replace' }));
    expect(restored.counts).toEqual(counts(t.backup));
    expect(restored.kept).toBeUndefined();
    for (const k of RECORD_KINDS) expect(await t.db.count(k)).toBe(t.backup[k].length);
    expect(await t.db.count('backupRecords')).toBe(0);
  });
});

describe('an import staged in pages', () => {
  it('is previewed, changes nothing until restored, then merges or replaces', async () => {
    const t = await seeded(20);
    const incoming = structuredClone(t.backup);
    incoming.accounts[0]!.name = 'Renamed';
    incoming.people = incoming.people.slice(0, -5);
    const a = api(t);
    const before = await snapshot(t.db);
    const staged = await stageBackupFile(chunksOf(JSON.stringify(incoming), 333), a, {
      pageRecords: 4,
    });
    if (!staged.ok) throw new Error(JSON.stringify(staged));
    expect(a.pages).toBeGreaterThan(incoming.people.length / 4);
    expect(staged.staged.preview.accounts).toEqual({
      added: 0,
      updated: 1,
      unchanged: t.backup.accounts.length - 1,
      removed: 0,
    });
    expect(staged.staged.preview.people).toMatchObject({ removed: 5, added: 0 });
    expect(staged.staged.mergeProblem).toBeNull();
    // Staged, not applied: the record stores are as they were.
    const recordsNow = JSON.parse(await snapshot(t.db));
    const recordsBefore = JSON.parse(before);
    for (const k of RECORD_KINDS) expect(recordsNow[k]).toEqual(recordsBefore[k]);

    const r = await ok(
      t.send('restoreBackup', { backupId: staged.staged.info.id, mode: 'replace' }),
    );
    expect(r.counts.people).toBe(incoming.people.length);
    expect(await t.db.count('people')).toBe(incoming.people.length);
    // What the replace removed is kept, complete, as the user's own backup.
    expect(r.kept?.counts).toEqual(counts(t.backup));
    expect((await ok(t.send('listBackups', {}))).map((b) => b.reason)).toEqual(['before-replace']);
  });

  it('refuses a duplicate id or a bad record with its place, and leaves nothing staged', async () => {
    const t = await seeded(10);
    const before = await snapshot(t.db);
    const dup = structuredClone(t.backup);
    dup.people.push(dup.people[0]!);
    const r1 = await stageBackupFile(chunksOf(JSON.stringify(dup), 100), api(t), {
      pageRecords: 2,
    });
    expect(r1).toMatchObject({
      ok: false,
      problem: { subs: [expect.stringMatching(/people: the id "per-[\w-]+" appears twice/)] },
    });

    const bad = structuredClone(t.backup) as unknown as { people: { name: string }[] };
    bad.people[3]!.name = '';
    const r2 = await stageBackupFile(chunksOf(JSON.stringify(bad), 100), api(t), {
      pageRecords: 2,
    });
    expect(r2).toMatchObject({
      ok: false,
      problem: { key: 'optionsBackupInvalid', subs: [expect.stringMatching(/people\[3\] name/)] },
    });
    expect(await snapshot(t.db)).toBe(before);
  });

  it('refuses a file whose records belong to no account, for replace or for both', async () => {
    const t = await seeded();
    const orphan = structuredClone(t.backup);
    orphan.people[0]!.accountId = 'acc-nowhere';
    const r = await stageBackupFile(chunksOf(JSON.stringify(orphan), 500), api(t));
    if (!r.ok) throw new Error('refused early');
    expect(r.staged.mergeProblem).toMatchObject({ kind: 'orphan', store: 'people' });
    expect(
      await t.send('restoreBackup', { backupId: r.staged.info.id, mode: 'merge' }),
    ).toMatchObject({
      ok: false,
      error: expect.stringMatching(/belongs to an account/),
    });
    expect(await t.db.count('people')).toBe(t.backup.people.length);
  });

  it('refuses to finish when a page went missing', async () => {
    const t = await seeded();
    const info = await ok(t.send('beginImport', {}));
    const r = await t.send('finishImport', {
      backupId: info.id,
      format: 'rapport-backup',
      schemaVersion: 1,
      exportedAt: 1,
      counts: { accounts: 3, people: 0, activities: 0, decisions: 0, stageChanges: 0 },
    });
    expect(r).toMatchObject({
      ok: false,
      error: expect.stringMatching(/accounts: the file held 3, 0 arrived/),
    });
  });

  it('words the background issues with the record place in the file', () => {
    expect(placeIssues('records.3.name: Too small; records.12: bad', 'people', 100)).toBe(
      'people[103] name: Too small; people[112] : bad',
    );
  });
});

describe('left-overs', () => {
  it("drops snapshots and staged imports older than an hour, and keeps the user's own", async () => {
    const t = await seeded();
    const kept = await ok(t.send('wipeData', {}));
    await ok(t.send('importData', { backup: t.backup, mode: 'replace' }));
    await ok(t.send('snapshotBackup', {}));
    await ok(t.send('beginImport', {}));
    t.advance(2 * 60 * 60 * 1000);
    await ok(t.send('beginImport', {}));
    const left = await t.db.getAll('backups');
    expect(left.map((b) => b.reason).sort()).toEqual(['erased', 'import']);
    expect(left.find((b) => b.reason === 'erased')?.id).toBe(kept.id);
  });
});
