/**
 * An import never leaves an account plan with more than MAX_OBJECTIVES objectives that are not
 * dropped (entrypoints/background/objective-limit.ts): not by a file that holds too many, not by a
 * merge that adds a file's to the store's own. Both ways in are checked, the whole file in one
 * message (importData) and the file staged in pages (restoreBackup); a refusal names the account
 * and changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { MAX_OBJECTIVES } from '@/utils/contract/limits';
import type { Backup } from '@/utils/contract/messages';
import type { Objective } from '@/utils/contract/model';
import { stageBackupFile, type StagingApi } from '@/utils/page/backup-file-import';
import { freshContext, ok, snapshot } from './helpers';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { objectivesBackup, sampleObjectives } from '../fixtures/sample-objectives.mjs';

const AT = Date.UTC(2026, 10, 1);
const NW = 'acc-northwind';

/** `n` objectives of Northwind with `status`, ids from `prefix`. */
function objectives(n: number, status: Objective['status'], prefix = 'obj-x'): Objective[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${i}`,
    accountId: NW,
    outcome: `Outcome ${prefix}${i}`,
    measure: '',
    target: '',
    due: null,
    status,
    statusAt: AT,
    createdAt: AT,
  }));
}

/** The sample with these objectives (its own three of Northwind's plan are left out). */
function sampleWith(list: Objective[]): Backup {
  return { ...(sampleBackup(AT) as Backup), objectives: list };
}

/** The objectives alone, to merge over a store that holds the sample. */
function onlyObjectives(list: Objective[]): Backup {
  return { ...objectivesBackup(AT), objectives: list };
}

const refusal = expect.stringMatching(
  new RegExp(
    `"Northwind Logistics" would have \\d+ objectives .*at most ${MAX_OBJECTIVES}.*Nothing was changed`,
  ),
);

describe('importing the whole file at once', () => {
  it(`refuses a file with ${MAX_OBJECTIVES + 1} objectives not dropped for one account, naming it`, async () => {
    const t = await freshContext();
    await ok(t.send('importData', { backup: sampleBackup(AT), mode: 'replace' }));
    const before = await snapshot(t.db);
    const file = sampleWith([...objectives(4, 'on_track'), ...objectives(2, 'at_risk', 'obj-r')]);
    for (const mode of ['replace', 'merge'] as const) {
      const r = await t.send('importData', { backup: file, mode });
      expect(r).toMatchObject({ ok: false, code: 'invalid', error: refusal });
      expect(!r.ok && r.error).toContain('would have 6 objectives');
      expect(await snapshot(t.db)).toBe(before);
    }
  });

  it('takes five not dropped and any number dropped', async () => {
    const t = await freshContext();
    const file = sampleWith([
      ...objectives(3, 'on_track'),
      ...objectives(1, 'at_risk', 'obj-r'),
      ...objectives(1, 'done', 'obj-d'),
      ...objectives(4, 'dropped', 'obj-gone'),
    ]);
    await ok(t.send('importData', { backup: file, mode: 'replace' }));
    expect(await t.db.count('objectives')).toBe(9);
  });

  it("counts the store's own objectives in a merge, and a file's edit of one of them once", async () => {
    const t = await freshContext();
    await ok(t.send('importData', { backup: sampleBackup(AT), mode: 'replace' }));
    await ok(t.send('importData', { backup: objectivesBackup(AT), mode: 'merge' }));
    const own = sampleObjectives(AT);
    const active = own.filter((o) => o.status !== 'dropped').length;
    expect(active).toBe(3);
    const before = await snapshot(t.db);
    // Three new ones on top of the store's three: six.
    const r = await t.send('importData', {
      backup: onlyObjectives(objectives(3, 'on_track')),
      mode: 'merge',
    });
    expect(r).toMatchObject({ ok: false, error: refusal });
    expect(await snapshot(t.db)).toBe(before);
    // The same three edited (same ids) and two new: five, taken.
    const edited = own.map((o) => ({ ...o, target: `${o.target} (revised)` }));
    await ok(
      t.send('importData', {
        backup: onlyObjectives([...edited, ...objectives(2, 'on_track')]),
        mode: 'merge',
      }),
    );
    expect(await t.db.count('objectives')).toBe(5);
    // A sixth that the file marks dropped does not count.
    await ok(
      t.send('importData', {
        backup: onlyObjectives(objectives(1, 'dropped', 'obj-gone')),
        mode: 'merge',
      }),
    );
    expect(await t.db.count('objectives')).toBe(6);
  });

  it('a file that drops one of the store\u2019s objectives makes room for a new one', async () => {
    const t = await freshContext();
    await ok(
      t.send('importData', { backup: sampleWith(objectives(5, 'on_track')), mode: 'replace' }),
    );
    const [first] = objectives(5, 'on_track');
    await ok(
      t.send('importData', {
        backup: onlyObjectives([
          { ...first!, status: 'dropped' },
          ...objectives(1, 'at_risk', 'obj-new'),
        ]),
        mode: 'merge',
      }),
    );
    expect(await t.db.count('objectives')).toBe(6);
  });
});

async function* chunksOf(text: string, size: number) {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

describe('importing a file staged in pages', () => {
  async function staged(t: Awaited<ReturnType<typeof freshContext>>, file: Backup) {
    const api: StagingApi = {
      begin: () => t.send('beginImport', {}),
      stage: (backupId, kind, records) =>
        t.send('stageBackupPage', { backupId, kind, records } as never),
      finish: (request) => t.send('finishImport', request),
      drop: (backupId) => t.send('deleteBackup', { backupId }),
    };
    const r = await stageBackupFile(chunksOf(JSON.stringify(file), 400), api, { pageRecords: 2 });
    if (!r.ok) throw new Error(JSON.stringify(r));
    return r.staged.info.id;
  }

  it('refuses the swap, for replace and for merge, and leaves the record stores as they were', async () => {
    const t = await freshContext();
    await ok(t.send('importData', { backup: sampleBackup(AT), mode: 'replace' }));
    await ok(t.send('importData', { backup: objectivesBackup(AT), mode: 'merge' }));
    const records = async () => {
      const all = JSON.parse(await snapshot(t.db)) as Record<string, unknown>;
      delete all.backups;
      delete all.backupRecords;
      return all;
    };
    const before = await records();

    const tooMany = await staged(t, sampleWith(objectives(6, 'at_risk')));
    const r1 = await t.send('restoreBackup', { backupId: tooMany, mode: 'replace' });
    expect(r1).toMatchObject({ ok: false, code: 'invalid', error: refusal });
    expect(await records()).toEqual(before);

    // Three more on top of the store's three, in a merge.
    const more = await staged(t, onlyObjectives(objectives(3, 'on_track')));
    const r2 = await t.send('restoreBackup', { backupId: more, mode: 'merge' });
    expect(r2).toMatchObject({ ok: false, error: refusal });
    expect(await records()).toEqual(before);
    const fits = await staged(t, onlyObjectives(objectives(2, 'on_track')));
    await ok(t.send('restoreBackup', { backupId: fits, mode: 'merge' }));
    expect(await t.db.count('objectives')).toBe(5);
  });
});
