/**
 * The worker's per-tab state (entrypoints/background/tab-state.ts): what it sends the tab's
 * sidebar frame, to which document, and in what order, against WXT's fake browser.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { sessionTabStates, type TabNews } from '@/entrypoints/background/tab-state';
import { tabStateKey } from '@/utils/contract/storage-keys';
import type { ContextResult, PageRead, TabState } from '@/utils/contract/messages';

const TAB = 12;
const read = (key: string): PageRead => ({
  status: 'open',
  key,
  context: {
    host: 'gmail',
    url: `https://mail.google.com/mail/u/0/#inbox/${key}`,
    participants: [{ email: `ceo@${key}.example`, name: 'CEO' }],
    domains: [],
    names: [],
  },
});
const resolvedFor = (key: string) => ({ dueCount: key.length }) as unknown as ContextResult;

let all: { tabId: number; news: TabNews; target: unknown }[];
/** What went to one document: the news with the accounts. */
const toFrames = () => all.filter((m) => m.target !== undefined);
/** What went to every document of the tab: the state alone. */
const toTab = () => all.filter((m) => m.target === undefined);

beforeEach(() => {
  fakeBrowser.reset();
  all = [];
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (
    tabId: number,
    news: TabNews,
    target?: unknown,
  ) => {
    all.push({ tabId, news, target });
  }) as never);
});

const stored = async () =>
  (await fakeBrowser.storage.session.get(tabStateKey(TAB)))[tabStateKey(TAB)] as TabState;

describe('the tab state the worker keeps and sends', () => {
  it('before the frame introduces itself, stores each read and resolves nothing', async () => {
    const tabs = sessionTabStates();
    const resolve = vi.fn(async () => resolvedFor('x'));
    await tabs.report(TAB, read('northwind'), resolve);
    expect(resolve).not.toHaveBeenCalled();
    expect(toFrames()).toEqual([]);
    // The tab hears the read, without accounts: a frame still loading learns of it.
    expect(toTab().map((m) => [m.news.state.seq, m.news.resolved])).toEqual([[1, undefined]]);
    expect((await stored()).seq).toBe(1);
  });

  it('sends each new read, resolved, to the frame document only (Chromium: documentId)', async () => {
    const tabs = sessionTabStates();
    await tabs.attach(TAB, { frameId: 4, documentId: 'DOC-A' });
    await tabs.report(TAB, read('northwind'), async (r) =>
      resolvedFor(r.status === 'open' ? r.key : ''),
    );
    expect(toFrames()).toHaveLength(1);
    expect(toFrames()[0]!.tabId).toBe(TAB);
    expect(toFrames()[0]!.target).toEqual({ documentId: 'DOC-A' });
    expect(toFrames()[0]!.news.state.seq).toBe(1);
    expect(toFrames()[0]!.news.resolved).toEqual(resolvedFor('northwind'));
    // The same read again (a re-render) sends and stores nothing new.
    await tabs.report(TAB, read('northwind'), async () => resolvedFor('again'));
    expect(toFrames()).toHaveLength(1);
    expect((await stored()).seq).toBe(1);
  });

  it('names the frame by frameId where there is no documentId (Firefox)', async () => {
    const tabs = sessionTabStates();
    await tabs.attach(TAB, { frameId: 9 });
    await tabs.requestLog(TAB);
    expect(toFrames().map((s) => s.target)).toEqual([{ frameId: 9 }]);
    expect(toFrames()[0]!.news.state.logRequest).toBe(1);
  });

  it('a read overtaken while it resolves is never sent: the newer one is', async () => {
    const tabs = sessionTabStates();
    await tabs.attach(TAB, { frameId: 4, documentId: 'DOC-A' });
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const first = tabs.report(TAB, read('northwind'), async () => {
      await slow;
      return resolvedFor('northwind');
    });
    await tabs.report(TAB, read('globex'), async () => resolvedFor('globex'));
    release();
    await first;
    expect(toFrames().map((s) => s.news.state.read)).toEqual([read('globex')]);
    expect(toFrames()[0]!.news.state.seq).toBe(2);
    expect((await stored()).read).toEqual(read('globex'));
  });

  it('a resolve that fails still sends the read, for the frame to resolve itself', async () => {
    const tabs = sessionTabStates();
    await tabs.attach(TAB, { frameId: 4, documentId: 'DOC-A' });
    await tabs.report(TAB, read('northwind'), async () => {
      throw new Error('store closed');
    });
    expect(toFrames()).toHaveLength(1);
    expect(toFrames()[0]!.news.resolved).toBeUndefined();
  });

  it('a restarted worker goes on from the stored state: same read not sent, numbers go on', async () => {
    const before = sessionTabStates();
    await before.attach(TAB, { frameId: 4, documentId: 'DOC-A' });
    await before.report(TAB, read('northwind'));
    const after = sessionTabStates();
    await after.report(TAB, read('northwind'), async () => resolvedFor('x'));
    expect(toFrames()).toHaveLength(1);
    await after.report(TAB, read('globex'), async () => resolvedFor('x'));
    expect(toFrames().at(-1)?.news.state.seq).toBe(2);
    expect(toFrames().at(-1)?.target).toEqual({ documentId: 'DOC-A' });
  });

  it('every frame that introduced itself hears, up to eight; the tab hears the state alone', async () => {
    const tabs = sessionTabStates();
    for (let frameId = 1; frameId <= 10; frameId++)
      await tabs.attach(TAB, { frameId, documentId: `DOC-${frameId}` });
    // The dock's frame introduces itself again (a reload): it is the newest, not a duplicate.
    await tabs.attach(TAB, { frameId: 5, documentId: 'DOC-5' });
    await tabs.report(TAB, read('northwind'), async () => resolvedFor('northwind'));
    expect(toFrames().map((m) => m.target)).toEqual(
      [3, 4, 6, 7, 8, 9, 10, 5].map((n) => ({ documentId: `DOC-${n}` })),
    );
    expect(toFrames().every((m) => m.news.resolved !== undefined)).toBe(true);
    expect(toTab()).toHaveLength(1);
    expect(toTab()[0]!.news.resolved).toBeUndefined();
  });
});

describe('a page that changes what it shows every frame', () => {
  it('200 reports in a burst: one resolve at a time, a bounded few, and the last read wins', async () => {
    const tabs = sessionTabStates();
    await tabs.attach(TAB, { frameId: 4, documentId: 'DOC-A' });
    const sets = vi.spyOn(fakeBrowser.storage.session, 'set');
    let running = 0;
    let most = 0;
    const resolved: string[] = [];
    const resolve = async (r: PageRead) => {
      running++;
      most = Math.max(most, running);
      await new Promise((done) => setTimeout(done, 5));
      running--;
      const key = r.status === 'open' ? r.key : '';
      resolved.push(key);
      return resolvedFor(key);
    };
    const reports = Array.from({ length: 200 }, (_, i) =>
      tabs.report(TAB, read(`thread${i}`), resolve),
    );
    await Promise.all(reports);
    // Never two resolves at once; the reports that came while one ran wait as one, the newest.
    expect(most).toBe(1);
    expect(resolved.length).toBeLessThanOrEqual(2);
    expect(resolved.at(-1)).toBe('thread199');
    expect(sets.mock.calls.length).toBeLessThanOrEqual(2);
    expect(toFrames().length).toBeLessThanOrEqual(2);
    expect(toFrames().at(-1)!.news.state.read).toEqual(read('thread199'));
    expect(toFrames().at(-1)!.news.resolved).toEqual(resolvedFor('thread199'));
    expect(toFrames().at(-1)!.news.state.seq).toBe(200);
    expect((await stored()).read).toEqual(read('thread199'));
  });

  it('a page that changes every 16 ms is paced: a burst, then about one resolve per 100 ms', async () => {
    const tabs = sessionTabStates();
    await tabs.attach(TAB, { frameId: 4, documentId: 'DOC-A' });
    let resolves = 0;
    const resolve = async (r: PageRead) => {
      resolves++;
      return resolvedFor(r.status === 'open' ? r.key : '');
    };
    // The page's 16 ms and the pace's waits on one fake clock: the same count on any machine.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const reports: Promise<void>[] = [];
      const started = Date.now();
      for (let i = 0; i < 60; i++) {
        reports.push(tabs.report(TAB, read(`thread${i}`), resolve));
        await vi.advanceTimersByTimeAsync(16);
      }
      await vi.runAllTimersAsync();
      await Promise.all(reports);
      const elapsed = Date.now() - started;
      // Unpaced, each of the 60 would be resolved (each resolve is done before the next report).
      expect(resolves).toBeLessThanOrEqual(10 + Math.ceil(elapsed / 100) + 1);
      expect(resolves).toBeLessThan(40);
      expect(toFrames().at(-1)!.news.state.read).toEqual(read('thread59'));
    } finally {
      vi.useRealTimers();
    }
  });

  it('a single report in a quiet tab is resolved and sent at once', async () => {
    // The clock stands still: a report that waited for pacing would sit on a timer that never
    // fires. At once means with no timer at all, however loaded the machine running the test.
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'Date', 'performance'] });
    try {
      const tabs = sessionTabStates();
      await tabs.attach(TAB, { frameId: 4, documentId: 'DOC-A' });
      let sent = false;
      const report = tabs
        .report(TAB, read('northwind'), async () => resolvedFor('northwind'))
        .then(() => ((sent = true), 'sent' as const));
      // Looks between the report's steps (each a microtask) for a timer it may have set.
      const timerSet = (async () => {
        while (!sent && vi.getTimerCount() === 0) await Promise.resolve();
        return 'waited on a timer' as const;
      })();
      expect(await Promise.race([report, timerSet])).toBe('sent');
      expect(vi.getTimerCount()).toBe(0);
      expect(toFrames()).toHaveLength(1);
      expect(toFrames()[0]!.news.resolved).toEqual(resolvedFor('northwind'));
    } finally {
      vi.useRealTimers();
    }
  });
});
