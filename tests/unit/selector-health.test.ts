/**
 * The selector health record (utils/shared/selector-health.ts): which layer read each host, when,
 * and the last failure; kept by the worker as reports come in (entrypoints/background/tab-state.ts).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { sessionTabStates } from '@/entrypoints/background/tab-state';
import { SELECTOR_HEALTH_KEY } from '@/utils/contract/storage-keys';
import type { PageRead } from '@/utils/contract/messages';
import {
  HEALTH_WRITE_EVERY_MS,
  noteRead,
  readSelectorHealth,
} from '@/utils/shared/selector-health';
import { gmailAdapter } from '@/utils/content/hosts/gmail';
import { toPageRead } from '@/utils/content/run-reporter';
import { loadHostFixture } from './host-fixtures';

const open = (host: 'gmail' | 'outlook', key: string, layer?: string): PageRead => ({
  status: 'open',
  key,
  context: {
    host,
    url: 'https://mail.google.com/mail/u/0/#inbox/x',
    participants: [],
    domains: [],
    names: [],
  },
  ...(layer ? { layer } : {}),
});
const broken: PageRead = {
  status: 'unreadable',
  host: 'pipedrive',
  reason: 'the URL shows a record but no layer finds its name',
  thing: 'person',
};

describe('noteRead', () => {
  it('keeps the layer and time of a read, and the last failure per host', () => {
    let health = noteRead({}, open('gmail', 'a', 'person-chips'), 1_000)!;
    health = noteRead(health, broken, 2_000)!;
    expect(health).toEqual({
      gmail: { readAt: 1_000, layer: 'person-chips' },
      pipedrive: { failure: { at: 2_000, reason: broken.reason } },
    });
    // A fallback layer answering is news at once; a failure does not erase the last good read.
    health = noteRead(health, open('gmail', 'b', 'header-text'), 3_000)!;
    expect(health.gmail).toEqual({ readAt: 3_000, layer: 'header-text' });
  });

  it('writes the same layer again only once a minute, and never for a page with nothing open', () => {
    const health = noteRead({}, open('gmail', 'a', 'person-chips'), 1_000)!;
    expect(noteRead(health, open('gmail', 'b', 'person-chips'), 1_000 + 5_000)).toBeNull();
    expect(
      noteRead(health, open('gmail', 'c', 'person-chips'), 1_000 + HEALTH_WRITE_EVERY_MS)?.gmail,
    ).toEqual({ readAt: 1_000 + HEALTH_WRITE_EVERY_MS, layer: 'person-chips' });
    expect(
      noteRead(health, { status: 'none', host: 'gmail', url: 'https://mail.google.com/' }, 9e9),
    ).toBeNull();
  });

  it('reads back only well-formed entries', () => {
    expect(
      readSelectorHealth({
        gmail: { readAt: 5, layer: 'person-chips', failure: { at: 'yesterday', reason: 'x' } },
        outlook: { readAt: -1, layer: 'x'.repeat(61) },
        evil: { readAt: 1 },
      }),
    ).toEqual({ gmail: { readAt: 5, layer: 'person-chips' } });
    expect(readSelectorHealth('nonsense')).toEqual({});
  });
});

describe('the worker keeps the record as reports come in', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async () => undefined) as never);
  });

  it('a Gmail page read by its accessible names is recorded as such, then a failure beside it', async () => {
    const { doc, url } = loadHostFixture('gmail', 'accessible-names', { date: '2026-12-05' });
    const report = toPageRead(gmailAdapter.read(doc, url), gmailAdapter, url.href);
    expect(report.status === 'open' && report.layer).toBe('accessible-names');
    const tabs = sessionTabStates();
    await tabs.report(7, report);
    await tabs.report(8, broken);
    const stored = readSelectorHealth(
      (await fakeBrowser.storage.local.get(SELECTOR_HEALTH_KEY))[SELECTOR_HEALTH_KEY],
    );
    expect(stored.gmail?.layer).toBe('accessible-names');
    expect(stored.gmail?.readAt).toBeGreaterThan(0);
    expect(stored.pipedrive?.failure?.reason).toBe(broken.reason);
  });
});
