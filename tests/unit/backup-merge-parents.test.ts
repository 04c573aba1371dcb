/**
 * A merge never moves a record to another account. A crafted (or unrelated) backup that reuses an
 * existing record's id with another accountId is refused for a merge, with the record named, and
 * nothing changes; a replace, which makes the store hold exactly the file, may still take it.
 */
import { describe, expect, it } from 'vitest';
import type { Backup } from '@/utils/contract/messages';
import { stageBackupFile, type StagingApi } from '@/utils/page/backup-file-import';
import { freshContext, ok, snapshot } from './helpers';
import { sampleBackup } from '../fixtures/sample-data.mjs';

const AT = Date.UTC(2026, 10, 1);

async function seeded() {
  const t = await freshContext();
  const backup = sampleBackup(AT) as Backup;
  await ok(t.send('importData', { backup, mode: 'replace' }));
  return { ...t, backup };
}

function api(t: Awaited<ReturnType<typeof seeded>>): StagingApi {
  return {
    begin: () => t.send('beginImport', {}),
    stage: (backupId, kind, records) =>
      t.send('stageBackupPage', { backupId, kind, records } as never),
    finish: (request) => t.send('finishImport', request),
    drop: (backupId) => t.send('deleteBackup', { backupId }),
  };
}

async function* chunksOf(text: string) {
  yield text;
}

/** The sample with one of Northwind's records moved to Globex, and its text changed. */
function moved(backup: Backup, store: 'people' | 'activities' | 'decisions', id: string): Backup {
  const crafted = structuredClone(backup);
  const record = (crafted[store] as { id: string; accountId: string }[]).find((r) => r.id === id)!;
  expect(record.accountId).toBe('acc-northwind');
  record.accountId = 'acc-globex';
  return crafted;
}

const CASES = [
  ['people', 'per-anna'],
  ['activities', 'act-1'],
  ['decisions', 'dec-1'],
] as const;

describe('a merge and a record that belongs to another account in the file', () => {
  it.each(CASES)('a staged %s record %s: merge is refused, nothing changes', async (store, id) => {
    const t = await seeded();
    const r = await stageBackupFile(chunksOf(JSON.stringify(moved(t.backup, store, id))), api(t));
    if (!r.ok) throw new Error('refused early');
    const before = await snapshot(t.db);
    // The preview says so before the user chooses; a replace is still possible.
    expect(r.staged.movedProblem).toEqual({ kind: 'moved', store, id });
    expect(r.staged.mergeProblem).toBeNull();
    expect(r.staged.replaceProblem).toBeNull();
    const merge = await t.send('restoreBackup', { backupId: r.staged.info.id, mode: 'merge' });
    expect(merge).toMatchObject({
      ok: false,
      error: `${store}: "${id}" belongs to another account here; a merge never moves a record.`,
    });
    expect(await snapshot(t.db)).toBe(before);
    // The user who means to go back to the file as it was can: a replace takes it.
    await ok(t.send('restoreBackup', { backupId: r.staged.info.id, mode: 'replace' }));
    const record = (await t.db.get(store, id)) as { accountId: string };
    expect(record.accountId).toBe('acc-globex');
  });

  it.each(CASES)(
    'a %s record %s merged in one message is refused the same way',
    async (store, id) => {
      const t = await seeded();
      const before = await snapshot(t.db);
      const r = await t.send('importData', { backup: moved(t.backup, store, id), mode: 'merge' });
      expect(r).toMatchObject({
        ok: false,
        error: `${store}: "${id}" belongs to another account here; a merge never moves a record.`,
      });
      expect(await snapshot(t.db)).toBe(before);
    },
  );

  it('a record that keeps its account merges as before; a new one is added', async () => {
    const t = await seeded();
    const same = structuredClone(t.backup);
    same.people.find((p) => p.id === 'per-anna')!.notes = 'Changed in the file';
    same.people.push({ ...same.people.find((p) => p.id === 'per-anna')!, id: 'per-new' });
    await ok(t.send('importData', { backup: same, mode: 'merge' }));
    expect((await t.db.get('people', 'per-anna'))?.notes).toBe('Changed in the file');
    expect((await t.db.get('people', 'per-new'))?.accountId).toBe('acc-northwind');
  });
});
