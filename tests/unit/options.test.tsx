// The options page with a fake background (and the real one, on a fake IndexedDB, for backups):
// settings are sent as patches and refused next to the field when invalid; a backup is streamed
// in pages, previewed before it is merged; CSV rows are checked before the one import; erasing
// keeps a backup in the store to restore.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { OwnDomainsGroup } from '@/entrypoints/options/settings-sections';
import { CadenceGroup } from '@/entrypoints/options/cadence-groups';
import { DataSection } from '@/entrypoints/options/data-section';
import { DEFAULT_SETTINGS } from '@/utils/contract/settings';
import { addOwnDomain, parseCadence } from '@/utils/page/settings-input';
import { isTimeOfDay } from '@/utils/contract/limits';
import { route } from '@/entrypoints/background/router';
import { freshContext, ok } from './helpers';
import type { Backup, Envelope, MessageName } from '@/utils/contract/messages';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { speak } from './fake-i18n';

const NOW = Date.UTC(2026, 10, 28, 12);
let host: HTMLElement;
let sent: Envelope[];
let store: Backup;
let downloads: string[];
/** Messages answered as if the worker had died. */
const failing = new Set<MessageName>();
/** What each download's Blob held, in order. */
let blobs: Blob[];
/** The real background, on a fake IndexedDB, for every message of a backup streamed in pages. */
let real: Awaited<ReturnType<typeof freshContext>>;
const REAL = new Set<MessageName>([
  'countAccounts',
  'wipeData',
  'snapshotBackup',
  'readBackupPage',
  'readRecordsPage',
  'listBackups',
  'deleteBackup',
  'beginImport',
  'stageBackupPage',
  'finishImport',
  'restoreBackup',
]);

/** The background, faked: answers from `store` and records every message. */
function fakeBackground(name: MessageName, request: unknown): unknown {
  switch (name) {
    case 'exportData':
      return { ok: true, data: structuredClone(store) };
    case 'importData': {
      const { backup, mode } = request as { backup: Backup; mode: string };
      const counts = Object.fromEntries(
        (['accounts', 'people', 'activities', 'decisions', 'stageChanges'] as const).map((s) => [
          s,
          backup[s].length,
        ]),
      );
      return { ok: true, data: { mode, counts } };
    }
    default:
      return { ok: true, data: true };
  }
}

beforeEach(async () => {
  real = await freshContext();
  await ok(real.send('importData', { backup: sampleBackup(NOW) as Backup, mode: 'replace' }));
  blobs = [];
  speak();
  sent = [];
  store = sampleBackup(NOW) as Backup;
  downloads = [];
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: Envelope) => {
    sent.push(message);
    if (failing.has(message.name))
      return { ok: false, code: 'disconnected', error: 'Rapport did not answer.' };
    if (REAL.has(message.name)) return (await route(message, 'extension-page', real.ctx)).result;
    return fakeBackground(message.name, message.request);
  }) as never);
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    blobs.push(blob as Blob);
    return 'blob:fake';
  });
  vi.spyOn(URL, 'revokeObjectURL').mockReturnValue(undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    downloads.push(this.download);
  });
  host = document.createElement('div');
  document.body.append(host);
});

afterEach(async () => {
  render(null, host);
  host.remove();
  vi.restoreAllMocks();
  await fakeBrowser.storage.local.clear();
});

const $ = <T extends Element = HTMLElement>(selector: string) => {
  const el = host.querySelector<T>(selector);
  if (!el) throw new Error(`no ${selector}`);
  return el;
};
const byText = (text: string) => {
  const el = [...host.querySelectorAll('button')].find((b) => b.textContent?.includes(text));
  if (!el) throw new Error(`no button "${text}"`);
  return el;
};
/** Lets pending promises (file reads, fake messages) settle, inside act. */
const settle = () =>
  act(async () => {
    for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
  });
const names = () => sent.map((m) => m.name);

async function chooseFile(selector: string, name: string, text: string) {
  const input = $<HTMLInputElement>(selector);
  const file = new File([text], name, { type: 'text/plain' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  // A backup file is staged in the background a page at a time: wait for its outcome.
  for (let i = 0; i < 50 && !host.querySelector('table.preview, .note, .csv-report'); i++)
    await settle();
}

describe('settings fields', () => {
  it('checks cadence, time and own domains as the background would', () => {
    expect(parseCadence(' 14 ')).toEqual({ ok: true, days: 14 });
    for (const bad of ['0', '366', '1.5', '-3', 'ten'])
      expect(parseCadence(bad)).toMatchObject({
        ok: false,
        problem: { key: 'optionsCadenceRange' },
      });
    expect(parseCadence('')).toMatchObject({ ok: false, problem: { key: 'optionsCadenceEmpty' } });
    expect(isTimeOfDay('09:00')).toBe(true);
    expect(isTimeOfDay('24:00')).toBe(false);
    expect(addOwnDomain([], 'anna@Mail.Brightwave.io')).toEqual({
      ok: true,
      domains: ['brightwave.io'],
    });
    expect(addOwnDomain(['brightwave.io'], 'brightwave.io')).toMatchObject({
      ok: false,
      problem: { key: 'optionsDomainDuplicate' },
    });
    expect(addOwnDomain([], 'brightwave')).toMatchObject({
      ok: false,
      problem: { key: 'optionsDomainInvalid' },
    });
    const full = Array.from({ length: 20 }, (_, i) => `d${i}.com`);
    expect(addOwnDomain(full, 'more.com')).toMatchObject({
      ok: false,
      problem: { key: 'optionsDomainTooMany' },
    });
  });

  it('shows a cadence problem next to its field and sends nothing; a good value is saved', async () => {
    act(() => render(<CadenceGroup settings={DEFAULT_SETTINGS} />, host));
    const input = $<HTMLInputElement>('#cadence-tactical');
    expect(host.textContent).toContain('Default: 30 days');
    // Its unit, then its default, describe the field.
    const describedBy = () =>
      input
        .getAttribute('aria-describedby')!
        .split(' ')
        .map((id) => host.querySelector(`#${id}`)!.textContent);
    expect(describedBy()).toEqual(['days', 'Default: 30 days']);
    act(() => {
      input.value = '400';
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect($('#cadence-tactical-error').textContent).toBe(
      'Enter a whole number of days from 1 to 365.',
    );
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy()).toEqual([
      'days',
      'Default: 30 days',
      'Enter a whole number of days from 1 to 365.',
    ]);
    expect(sent).toEqual([]);
    act(() => {
      input.value = '45';
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      name: 'updateSettings',
      request: { cadenceDays: { tactical: 45 } },
    });
    expect(host.querySelector('#cadence-tactical-error')).toBeNull();
    expect($('.save-status').textContent).toBe('Saved');
  });

  it('adds and removes own domains through updateSettings', async () => {
    const settings = { ...DEFAULT_SETTINGS, ownDomains: ['brightwave.io'] };
    act(() => render(<OwnDomainsGroup settings={settings} />, host));
    const input = $<HTMLInputElement>('#own-domain-new');
    act(() => {
      input.value = 'not a domain';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => {
      $('form').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect($('#own-domain-error').textContent).toContain('is not a domain name');
    expect(sent).toEqual([]);
    act(() => {
      input.value = 'brightwave.co.uk';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => {
      $('form').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await settle();
    // Each change carries the list it was made from (settings-merge.ts).
    expect(sent.at(-1)?.request).toEqual({
      ownDomains: ['brightwave.io', 'brightwave.co.uk'],
      base: { ownDomains: ['brightwave.io'] },
    });
    act(() => $('button[aria-label="Remove brightwave.io"]').click());
    await settle();
    expect(sent.at(-1)?.request).toEqual({
      ownDomains: [],
      base: { ownDomains: ['brightwave.io'] },
    });
  });
});

const recordsOf = (b: Backup) =>
  (['accounts', 'people', 'activities', 'decisions', 'stageChanges'] as const).map(
    (k) => b[k].length,
  );

describe('backup export', () => {
  it('downloads every record, read in pages from a snapshot the background then drops', async () => {
    act(() => render(<DataSection accountCount={3} />, host));
    await settle();
    await act(async () => byText('Download a backup').click());
    await settle();
    expect(downloads[0]).toMatch(/^rapport-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(await blobs[0]!.text()) as Backup;
    expect(recordsOf(file)).toEqual(recordsOf(store));
    expect(file.accounts.map((a) => a.id).sort()).toEqual(store.accounts.map((a) => a.id).sort());
    expect(names()).toContain('readBackupPage');
    expect(names()).not.toContain('exportData');
    expect(await real.db.count('backups')).toBe(0);
    expect(await real.db.count('backupRecords')).toBe(0);
  });
});

describe('backup import', () => {
  it('refuses a truncated file with its reason and changes nothing', async () => {
    const before = await real.db.count('people');
    act(() => render(<DataSection accountCount={3} />, host));
    await chooseFile('#backup-file', 'cut.json', JSON.stringify(store).slice(0, 500));
    expect(host.textContent).toContain('cut.json was not imported. The file is cut off');
    expect(names()).not.toContain('restoreBackup');
    expect(host.querySelector('table.preview')).toBeNull();
    expect(await real.db.count('people')).toBe(before);
    // What was staged before the cut was found is gone.
    expect(await real.db.count('backupRecords')).toBe(0);
  });

  it('previews new, updated and unchanged records, then merges', async () => {
    const file = structuredClone(store);
    file.accounts[0]!.name = 'Renamed';
    file.accounts.push({ ...file.accounts[1]!, id: 'acc-new', name: 'Initech' });
    act(() => render(<DataSection accountCount={3} />, host));
    await chooseFile('#backup-file', 'backup.json', JSON.stringify(file));
    const accountsRow = [...host.querySelectorAll('table.preview tbody tr')][0]!;
    expect([...accountsRow.querySelectorAll('td')].map((td) => td.textContent)).toEqual([
      '1',
      '1',
      String(store.accounts.length - 1),
      '0',
    ]);
    expect(names()).not.toContain('restoreBackup');
    expect(await real.db.get('accounts', 'acc-new')).toBeUndefined();
    await act(async () => byText('Merge into my data').click());
    await settle();
    expect(sent.find((m) => m.name === 'restoreBackup')?.request).toMatchObject({ mode: 'merge' });
    expect(host.textContent).toContain(`Accounts: ${file.accounts.length}`);
    expect((await real.db.get('accounts', 'acc-new'))?.name).toBe('Initech');
    expect(await real.db.count('backupRecords')).toBe(0);
  });

  it('asks before a replace, and keeps what it replaces as a backup to restore', async () => {
    act(() => render(<DataSection accountCount={3} />, host));
    const kept = { ...store, accounts: store.accounts.slice(0, 3) };
    const ids = new Set(kept.accounts.map((a) => a.id));
    const only = <T extends { accountId: string }>(r: T[]) => r.filter((x) => ids.has(x.accountId));
    const file = {
      ...kept,
      people: only(store.people),
      activities: only(store.activities),
      decisions: only(store.decisions),
      stageChanges: only(store.stageChanges),
    };
    await chooseFile('#backup-file', 'backup.json', JSON.stringify(file));
    act(() => byText('Replace my data').click());
    expect(names()).not.toContain('restoreBackup');
    expect(host.textContent).toContain('Replace all data with this file?');
    await act(async () => byText('Yes, replace').click());
    await settle();
    expect(sent.find((m) => m.name === 'restoreBackup')?.request).toMatchObject({
      mode: 'replace',
    });
    expect(await real.db.count('accounts')).toBe(3);
    expect(host.textContent).toContain('The data replaced on');
  });
});

describe('CSV import', () => {
  const accountsCsv = 'name,domains,stage\nInitech,initech.com,Cooperative\nBad,,gold\nGlobex,,\n';
  const peopleCsv =
    'name,email,account,role\nPeter Gibbons,peter@initech.com,Initech,Decision maker\n';

  it('lists invalid rows with their lines and imports nothing until they are skipped', async () => {
    act(() => render(<DataSection accountCount={3} />, host));
    await chooseFile('#csv-accounts', 'accounts.csv', accountsCsv);
    await chooseFile('#csv-people', 'people.csv', peopleCsv);
    expect(host.textContent).toContain('Line 3: "gold" is not a stage');
    expect(host.textContent).toContain('Line 4: The account "Globex" already exists');
    const importButton = byText('Import the new records (2)');
    expect(importButton.disabled).toBe(true);
    act(() => {
      const skip = $<HTMLInputElement>('#csv-skip-invalid');
      skip.checked = true;
      skip.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(importButton.disabled).toBe(false);
    act(() => importButton.click());
    await settle();
    // One page's worth: one importData (paged-records.test.ts has the paged way).
    const imports = sent.filter((m) => m.name === 'importData');
    expect(imports).toHaveLength(1);
    const { backup, mode } = imports[0]!.request as { backup: Backup; mode: string };
    expect(mode).toBe('merge');
    expect(backup.accounts.map((a) => a.name)).toEqual(['Initech']);
    expect(backup.people[0]).toMatchObject({
      name: 'Peter Gibbons',
      role: 'decision_maker',
      accountId: backup.accounts[0]!.id,
    });
    // The account's first stage is read from the account, not written as a record of its own.
    expect(backup.stageChanges).toEqual([]);
  });

  it('says so when the browser cannot read the file, and imports nothing', async () => {
    act(() => render(<DataSection accountCount={3} />, host));
    const input = $<HTMLInputElement>('#csv-accounts');
    const file = new File(['name\nAcme\n'], 'huge.csv', { type: 'text/csv' });
    // What a file too large for one string does: reading it throws.
    file.arrayBuffer = () => Promise.reject(new RangeError('Invalid string length'));
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    await act(async () => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle();
    expect(host.querySelector('.note.error')?.textContent).toContain('Invalid string length');
    expect(host.querySelector('.csv-report')).toBeNull();
    expect(sent.filter((m) => m.name === 'importData' || m.name === 'beginImport')).toEqual([]);
  });
});

describe('erase all data', () => {
  it('confirms with the account count, keeps and downloads the backup, and restores it', async () => {
    const count = store.accounts.length;
    act(() => render(<DataSection accountCount={count} />, host));
    await settle();
    act(() => byText('Erase all data').click());
    const erase = byText('Erase everything');
    expect(erase.disabled).toBe(true);
    act(() => {
      const input = $<HTMLInputElement>('#wipe-confirm');
      input.value = String(count - 1);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(erase.disabled).toBe(true);
    act(() => {
      const input = $<HTMLInputElement>('#wipe-confirm');
      input.value = String(count);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(erase.disabled).toBe(false);
    await act(async () => erase.click());
    await settle();
    expect(names()).toContain('wipeData');
    expect(await real.db.count('accounts')).toBe(0);
    expect(downloads[0]).toMatch(/-erased\.json$/);
    const file = JSON.parse(await blobs[0]!.text()) as Backup;
    expect(recordsOf(file)).toEqual(recordsOf(store));
    expect(host.textContent).toContain(`All data erased (accounts: ${count})`);
    expect(host.textContent).toContain('The data erased on');
    await act(async () => byText('Restore it').click());
    await settle();
    expect(sent.filter((m) => m.name === 'restoreBackup').at(-1)?.request).toMatchObject({
      mode: 'replace',
    });
    expect(await real.db.count('accounts')).toBe(count);
    expect(await real.db.count('backups')).toBe(0);
  });

  it('says the truth when the erase worked but the download did not', async () => {
    const count = store.accounts.length;
    act(() => render(<DataSection accountCount={count} />, host));
    await settle();
    act(() => byText('Erase all data').click());
    act(() => {
      const input = $<HTMLInputElement>('#wipe-confirm');
      input.value = String(count);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    // The worker answers the erase, then no page of its backup.
    failing.add('readBackupPage');
    try {
      await act(async () => byText('Erase everything').click());
      await settle();
    } finally {
      failing.delete('readBackupPage');
    }
    expect(await real.db.count('accounts')).toBe(0);
    expect(host.querySelector('.note.error')?.textContent).toContain(
      `All data erased (accounts: ${count}). The backup is kept here, but its download did not work`,
    );
    expect(downloads).toEqual([]);
    // It is still there, and downloads from the list.
    await act(async () => byText('Download it').click());
    await settle();
    expect(downloads[0]).toMatch(/-erased\.json$/);
  });

  it('deletes a kept backup only when asked twice', async () => {
    await ok(real.send('wipeData', {}));
    act(() => render(<DataSection accountCount={0} />, host));
    await settle();
    act(() => byText('Delete this backup').click());
    expect(await real.db.count('backups')).toBe(1);
    await act(async () => byText('Yes, delete it').click());
    await settle();
    expect(await real.db.count('backups')).toBe(0);
    expect(await real.db.count('backupRecords')).toBe(0);
    expect(host.textContent).toContain('The backup was deleted.');
  });
});
