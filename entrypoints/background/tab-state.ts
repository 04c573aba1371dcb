/**
 * What each tab's page shows, as its content script last reported it, kept for that tab's sidebar
 * frame. In storage.session: it outlives the worker (which may stop at any moment) but not the
 * browser, and content scripts cannot read or write it (its default access level is trusted
 * contexts only), so a host page never learns what another tab shows and cannot forge a report.
 *
 * The frame introduces itself with getTabState; from then on the worker sends it each new state,
 * with the read already resolved to accounts. The frame also follows the tab's key (Chromium; a
 * Firefox frame has no storage.session), which covers a worker that restarted in between.
 */
import { browser } from 'wxt/browser';
import { RETURN_FOCUS_EVENT, TAB_STATE_EVENT } from '@/utils/contract/events';
import type { ContextResult, FrameTarget, PageRead, TabState } from '@/utils/contract/messages';
import {
  OLD_SEEN_SELF_EMAIL_KEY,
  SEEN_SELF_EMAILS_KEY,
  SELECTOR_HEALTH_KEY,
  tabStateKey,
} from '@/utils/contract/storage-keys';
import type { PageSnapshot } from '@/utils/schemas/page-read';
import { requestPageSnapshot } from './page-snapshot-relay';
import { readSeenSelfEmails, rememberSelfEmail } from '@/utils/shared/own-company';
import { noteRead, readSelectorHealth, type SelectorHealth } from '@/utils/shared/selector-health';
import { latestOnly, type LatestOnlyOptions } from './latest-only';

/** Sidebar frames remembered per tab: the dock's own, and a few a page may have added. */
const MAX_FRAMES = 8;

/**
 * How fast one tab's reports are handled: ten back to back (a user clicking through threads never
 * waits), then one per 100 ms while a page keeps changing what it shows.
 */
export const REPORT_PACE: LatestOnlyOptions = { burst: 10, refillMs: 100 };

/** A read waiting to be resolved, sent and stored. */
interface Pending {
  read: PageRead;
  seq: number;
  resolve?: ResolveRead;
}

/** What the worker resolves a read to, sent with it (undefined: the frame resolves it itself). */
export type ResolveRead = (read: PageRead) => Promise<ContextResult | undefined>;

/** The background's view of the per-tab state; injected into handlers so tests can fake it. */
export interface TabStates {
  get(tabId: number): Promise<TabState>;
  /**
   * A new read of the tab's page. When the tab's frame has introduced itself, the worker resolves
   * the read at once and sends both to that frame: the sidebar is painted from that one message,
   * with no request of its own.
   */
  report(tabId: number, read: PageRead, resolve?: ResolveRead): Promise<void>;
  /** The tab's sidebar frame introduces itself: later news of the tab is sent to it. */
  attach(tabId: number, frame: FrameTarget): Promise<TabState>;
  /** The log-follow-up shortcut was pressed in this tab. */
  requestLog(tabId: number): Promise<void>;
  forget(tabId: number): Promise<void>;
  /** Asks the tab's top frame (its content script) to give keyboard focus back to the page. */
  returnFocus(tabId: number): Promise<void>;
  /** Asks the tab's top frame for its page's sanitised snapshot (null: no usable answer). */
  snapshot(tabId: number): Promise<PageSnapshot | null>;
}

/** The message that carries a tab's news to its sidebar frame. */
export interface TabNews {
  rapport: 1;
  event: typeof TAB_STATE_EVENT;
  state: TabState;
  resolved?: ContextResult;
}

const empty = (tabId: number): TabState => ({ tabId, read: null, seq: 0, logRequest: 0 });

function readState(tabId: number, raw: unknown): TabState {
  const r = raw as Partial<TabState> | undefined;
  return { ...empty(tabId), ...(r && typeof r === 'object' ? r : {}), tabId };
}

/** A page that reports the same thing again (a refresh, a re-render) writes nothing. */
const sameRead = (a: PageRead | null, b: PageRead) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The value with every object's keys in sorted order, the form Chromium's storage hands a value
 * back in (it keeps dictionaries sorted by key). The state is kept in this form, so a report
 * compares equal to the same read stored before the worker restarted, and is not sent again.
 */
function sortedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortedKeys) as T;
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  return Object.fromEntries(
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, sortedKeys(v)]),
  ) as T;
}

export function sessionTabStates(): TabStates {
  const area = browser.storage.session;
  // The worker is the only writer of these keys: what it last wrote is what is stored, so it keeps
  // that (a cache, lost with the worker) and reads storage only for a tab it has not seen since it
  // started. A read before every write cost ~3 ms right after a navigation, on the sidebar's path.
  const known = new Map<number, TabState>();
  let lastSelf: string | undefined;
  /** The selector health record as this worker last wrote it (read from storage once). */
  let health: SelectorHealth | undefined;
  /** Keeps the selector health record: which layer read each host, and the last failure. */
  const noteHealth = async (read: PageRead) => {
    health ??= readSelectorHealth(
      (await browser.storage.local.get(SELECTOR_HEALTH_KEY))[SELECTOR_HEALTH_KEY],
    );
    const next = noteRead(health, read, Date.now());
    if (!next) return;
    health = next;
    await browser.storage.local.set({ [SELECTOR_HEALTH_KEY]: next });
  };
  /** The newest state of the tab: what this worker last wrote, else what storage holds. */
  const get = async (tabId: number): Promise<TabState> => {
    if (!known.has(tabId)) {
      const state = readState(tabId, (await area.get(tabStateKey(tabId)))[tabStateKey(tabId)]);
      // Another call may have written while this one read: what it wrote is newer.
      if (!known.has(tabId)) known.set(tabId, state);
    }
    return known.get(tabId)!;
  };
  /**
   * Tells the tab's frames first (the sidebar waits on it), then stores the state, which outlives
   * the worker, and last tells every document in the tab, without the accounts: a frame that has
   * not introduced itself (or was crowded out of the list by frames a page added) still hears of
   * the read, and Chromium's frames also follow the session key. The sequence number makes the
   * second news of one read a no-op.
   */
  const put = async (unsorted: TabState, resolved?: ContextResult) => {
    const state = sortedKeys(unsorted);
    known.set(state.tabId, state);
    for (const frame of state.frames ?? []) {
      const news: TabNews = { rapport: 1, event: TAB_STATE_EVENT, state, resolved };
      // Only that document hears the accounts: not the page's content script, not its frames.
      const target = frame.documentId
        ? { documentId: frame.documentId }
        : { frameId: frame.frameId };
      void browser.tabs
        .sendMessage(state.tabId, news, target as { frameId: number })
        .catch(() => undefined); // That frame is gone; a new one introduces itself when it loads.
    }
    await area.set({ [tabStateKey(state.tabId)]: state });
    const plain: TabNews = { rapport: 1, event: TAB_STATE_EVENT, state };
    void browser.tabs.sendMessage(state.tabId, plain).catch(() => undefined);
  };
  /**
   * Resolves the tab's newest read, sends and stores it. Per tab one runs at a time, and only the
   * newest read waits for it (latest-only): a page changing what it shows every frame costs a few
   * resolves and writes a second, not sixty.
   */
  const handleLatest = latestOnly<Pending>(async (tabId, { read, seq, resolve }) => {
    // A newer read came in meanwhile: it is the one to send.
    if (known.get(tabId)?.seq !== seq) return;
    const state = known.get(tabId)!;
    const resolved =
      state.frames?.length && resolve ? await resolve(read).catch(() => undefined) : undefined;
    // A newer read came in while this one resolved: it is the one to send. Otherwise the state
    // as it is now (a frame that introduced itself, a log request, in the meantime).
    const now = known.get(tabId);
    if (now?.seq !== seq) return;
    await put(now, resolved);
    await noteHealth(read).catch(() => undefined); // A full disk costs the record, not the read.
    // The popup shows the own company assumed from each mailbox's address: keep every mailbox's.
    const self = read.status === 'open' ? read.context.selfEmail : undefined;
    if (self && self !== lastSelf) {
      lastSelf = self;
      const got = await browser.storage.local.get(SEEN_SELF_EMAILS_KEY);
      const seen = readSeenSelfEmails(got[SEEN_SELF_EMAILS_KEY]);
      const next = rememberSelfEmail(seen, self);
      if (next.join() !== seen.join()) {
        await browser.storage.local.set({ [SEEN_SELF_EMAILS_KEY]: next });
        await browser.storage.local.remove(OLD_SEEN_SELF_EMAIL_KEY);
      }
    }
  }, REPORT_PACE);
  return {
    get,
    async report(tabId, read, resolve) {
      await get(tabId);
      // Read after the await: another report may have written while this one waited.
      const state = known.get(tabId)!;
      if (sameRead(state.read, sortedKeys(read))) return;
      const seq = state.seq + 1;
      // Until it is sent, a later report must see this one as the tab's newest.
      known.set(tabId, sortedKeys({ ...state, read, seq }));
      await handleLatest(tabId, { read, seq, resolve });
    },
    async attach(tabId, frame) {
      await get(tabId);
      const state = known.get(tabId)!;
      const same = (f: FrameTarget) =>
        f.frameId === frame.frameId && f.documentId === frame.documentId;
      const frames = state.frames ?? [];
      if (frames.length > 0 && same(frames.at(-1)!)) return state;
      const next = sortedKeys({
        ...state,
        frames: [...frames.filter((f) => !same(f)), frame].slice(-MAX_FRAMES),
      });
      known.set(tabId, next);
      await area.set({ [tabStateKey(tabId)]: next });
      return next;
    },
    async requestLog(tabId) {
      await get(tabId);
      const state = known.get(tabId)!;
      await put({ ...state, logRequest: state.logRequest + 1 });
    },
    forget: (tabId) => {
      known.delete(tabId);
      handleLatest.forget(tabId);
      return area.remove(tabStateKey(tabId));
    },
    async returnFocus(tabId) {
      await browser.tabs
        .sendMessage(tabId, { rapport: 1, event: RETURN_FOCUS_EVENT }, { frameId: 0 })
        .catch(() => undefined); // The page navigated away: nothing to give focus back to.
    },
    snapshot: requestPageSnapshot,
  };
}
