/**
 * What each tab's page shows, as its content script last reported it, kept for that tab's sidebar
 * frame. In storage.session: it outlives the worker (which may stop at any moment) but not the
 * browser, and content scripts cannot read or write it (its default access level is trusted
 * contexts only), so a host page never learns what another tab shows and cannot forge a report.
 *
 * The frame finds its tab's key by asking getTabState, then follows that key's changes.
 */
import { browser } from 'wxt/browser';
import { RETURN_FOCUS_EVENT, TAB_STATE_EVENT } from '@/utils/contract/events';
import type { PageRead, TabState } from '@/utils/contract/messages';
import { SEEN_SELF_EMAIL_KEY, tabStateKey } from '@/utils/contract/storage-keys';

/** The background's view of the per-tab state; injected into handlers so tests can fake it. */
export interface TabStates {
  get(tabId: number): Promise<TabState>;
  report(tabId: number, read: PageRead): Promise<void>;
  /** The log-follow-up shortcut was pressed in this tab. */
  requestLog(tabId: number): Promise<void>;
  forget(tabId: number): Promise<void>;
  /** Asks the tab's top frame (its content script) to give keyboard focus back to the page. */
  returnFocus(tabId: number): Promise<void>;
}

const empty = (tabId: number): TabState => ({ tabId, read: null, logRequest: 0 });

function readState(tabId: number, raw: unknown): TabState {
  const r = raw as Partial<TabState> | undefined;
  return { ...empty(tabId), ...(r && typeof r === 'object' ? r : {}), tabId };
}

/** A page that reports the same thing again (a refresh, a re-render) writes nothing. */
const sameRead = (a: PageRead | null, b: PageRead) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The value with every object's keys in sorted order, the form Chromium's storage hands a value
 * back in (it keeps dictionaries sorted by key). The state is stored and sent in this form, so the
 * same read compares equal however it travelled: through storage or in a message. Otherwise the
 * frame, hearing of each change twice (onChanged, then the message), took the message for another
 * read and resolved it again, dropping the first answer (the bench saw it on every navigation).
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
  const get = async (tabId: number) => {
    const cached = known.get(tabId);
    if (cached) return cached;
    const state = readState(tabId, (await area.get(tabStateKey(tabId)))[tabStateKey(tabId)]);
    known.set(tabId, state);
    return state;
  };
  const put = async (unsorted: TabState) => {
    const state = sortedKeys(unsorted);
    known.set(state.tabId, state);
    await area.set({ [tabStateKey(state.tabId)]: state });
    // The frame follows the session key where it can read it (Chromium); Firefox's frame cannot
    // (TAB_STATE_EVENT), so the tab's frames are told too. Only this tab hears its own state.
    void browser.tabs
      .sendMessage(state.tabId, { rapport: 1, event: TAB_STATE_EVENT, state })
      .catch(() => undefined); // No frame in the tab (yet): it asks getTabState when it loads.
  };
  return {
    get,
    async report(tabId, read) {
      const state = await get(tabId);
      if (sameRead(state.read, sortedKeys(read))) return;
      await put({ ...state, read });
      // The popup suggests the signed-in address's domain as the user's own: keep the last seen.
      const self = read.status === 'open' ? read.context.selfEmail : undefined;
      if (self && self !== lastSelf) {
        lastSelf = self;
        await browser.storage.local.set({ [SEEN_SELF_EMAIL_KEY]: self });
      }
    },
    async requestLog(tabId) {
      const state = await get(tabId);
      await put({ ...state, logRequest: state.logRequest + 1 });
    },
    forget: (tabId) => {
      known.delete(tabId);
      return area.remove(tabStateKey(tabId));
    },
    async returnFocus(tabId) {
      await browser.tabs
        .sendMessage(tabId, { rapport: 1, event: RETURN_FOCUS_EVENT }, { frameId: 0 })
        .catch(() => undefined); // The page navigated away: nothing to give focus back to.
    },
  };
}
