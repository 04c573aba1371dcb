// The backup kept after an erase or a replace holds every record: it must not sit in
// storage.local, which content scripts (and so a host page that takes one over) can read.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { WIPE_BACKUP_KEY } from '@/utils/contract/storage-keys';
import { dropKept, putKept, readKept, type KeptBackup } from '@/utils/page/kept-backup';
import type { Backup } from '@/utils/contract/messages';

const backup = (name: string) =>
  ({
    format: 'rapport-backup',
    schemaVersion: 1,
    exportedAt: 1,
    accounts: [{ id: 'a1', name }],
    people: [],
    activities: [],
    decisions: [],
    stageChanges: [],
  }) as unknown as Backup;

describe('the kept backup', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await dropKept();
  });

  it('is kept where no content script can read it', async () => {
    await putKept({ savedAt: 5, backup: backup('Northwind') });
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('Northwind');
    expect((await readKept())?.backup.accounts[0]?.name).toBe('Northwind');
    await dropKept();
    expect(await readKept()).toBeNull();
  });

  it('moves a copy an earlier version kept in storage.local, losing nothing', async () => {
    const old: KeptBackup = { savedAt: 7, backup: backup('Old Co') };
    await fakeBrowser.storage.local.set({ [WIPE_BACKUP_KEY]: old });
    expect(await readKept()).toEqual(old);
    expect(await fakeBrowser.storage.local.get(null)).not.toHaveProperty(WIPE_BACKUP_KEY);
    // Read again: still there, from its new place.
    expect(await readKept()).toEqual(old);
  });

  it('does not let an older storage.local copy replace a newer kept one', async () => {
    await putKept({ savedAt: 9, backup: backup('Newer') });
    await fakeBrowser.storage.local.set({
      [WIPE_BACKUP_KEY]: { savedAt: 3, backup: backup('Older') },
    });
    expect((await readKept())?.backup.accounts[0]?.name).toBe('Newer');
    expect(await fakeBrowser.storage.local.get(null)).not.toHaveProperty(WIPE_BACKUP_KEY);
  });
});
