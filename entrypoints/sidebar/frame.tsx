/**
 * The sidebar frame: what the account sidebar shows beside the host page, and how it keeps in
 * step with it.
 *
 * The frame learns what its tab shows from the background (getTabState, then that tab's key in
 * storage.session, which only the background writes), never from the page: the page has no way to
 * talk to this document at all. It resolves that context to accounts, renders the Sidebar, and
 * refreshes on every change notice. Collapse and keyboard resize go through the stored layout,
 * which the tab's content script follows to size the frame.
 */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Sidebar } from '@/components/sidebar';
import type { PanelLayout, SidebarState } from '@/components/sidebar-types';
import { RecordOffer } from '@/components/crm-record';
import {
  GRIP_WIDTH,
  RAIL_BREAKPOINT,
  readLayout,
  type SidebarLayout,
} from '@/utils/contract/dock-layout';
import { LAYOUT_KEY, tabStateKey } from '@/utils/contract/storage-keys';
import {
  isTabStateEvent,
  watchChanges,
  watchLocal,
  type ChangeNotice,
} from '@/utils/contract/events';
import { t } from '@/utils/shared/i18n';
import { MESSAGES } from '@/utils/schemas/messages';
import type { ContextResult, HostContext, PageRead, TabState } from '@/utils/contract/messages';
import { send } from '@/utils/contract/send';
import { loadSettings, watchSettings, type Settings } from '@/utils/contract/settings';
import { autoLinkRequest, recordKey } from './crm-link';
import { keepDrafts, type DraftNews, type DraftStore } from './drafts';
import { watchVisibility } from './visibility';
import { applyTheme, chooseTheme, systemScheme } from '@/utils/page/theme';

/** The sidebar's drafts live with the background, where no content script can read them. */
const draftStore: DraftStore = {
  list: async () => {
    const result = await send('listDrafts', {});
    return result.ok ? result.data : [];
  },
  keep: (key, value) => void send('keepDraft', { key, value }),
};

export function runSidebarFrame(container: HTMLElement): void {
  const signal = new AbortController().signal;
  let settings: Settings | null = null;
  let layout: SidebarLayout = { collapsed: false, width: null };
  let state: SidebarState = { status: 'loading' };
  let conversation = '';
  let unreadableCount = 0;
  let lastRead: PageRead | null = null;
  let notice: ChangeNotice | null = null;
  let dueCount = 0;
  let tabId: number | null = null;
  /** The tab's log requests as first seen, and how many arrived since: each opens the form. */
  let logSeen: number | null = null;
  let logRequest = 0;
  let covered = false;
  let drafts: DraftNews = { restored: 0, waiting: 0 };
  let draftsDismissed = false;
  /** Only the newest request may paint: an older answer arriving late is dropped. */
  let sequence = 0;
  /** CRM records already linked (or tried) in this tab: one linkCrmRecord each. */
  const linked = new Set<string>();

  const visibility = watchVisibility(document.documentElement, (visible) => {
    covered = !visible;
    paint();
  });

  /** Writes wait until the user can see what they click: a covered frame refuses them. */
  const guardedSend: typeof send = async (name, request) => {
    if (MESSAGES[name].effect === 'write' && !(await visibility.confirm())) {
      return { ok: false, code: 'forbidden', error: t('sidebarCovered') };
    }
    return send(name, request);
  };

  const rail = () => window.innerWidth < RAIL_BREAKPOINT;
  const systemDark = systemScheme(window, () => paint(), signal);
  // Until the settings and the page's read arrive: the browser's scheme, as before any setting.
  applyTheme(document, chooseTheme('page', undefined, systemDark()));

  const paint = () => {
    // After an update or reload this frame is cut off from the extension, and every string lookup
    // throws: the content script takes the dock down; until then, paint nothing more.
    if (!settings || !browser.runtime?.id) return;
    // Dark beside a page in a dark theme (the page's read says how it paints itself), unless the
    // user chose one palette for good.
    applyTheme(document, chooseTheme(settings.theme, lastRead?.theme, systemDark()));
    render(
      <Sidebar
        state={state}
        send={guardedSend}
        side={settings.sidebarSide}
        // The open dock is the frame and the resize grip beside it (utils/content/dock.ts).
        layout={{ collapsed: rail(), width: window.innerWidth + (rail() ? 0 : GRIP_WIDTH) }}
        conversation={conversation}
        notice={notice}
        cadence={settings.cadenceDays}
        roleCadence={settings.roleCadenceDays}
        logRequest={logRequest}
        covered={covered}
        banner={banner()}
        recordOffer={RecordOffer}
        onLayout={setLayout}
        // After a write, the change notice it causes refreshes what this panel shows (watchChanges
        // below): refreshing here as well resolved the page twice. The retry after an error is the
        // one refresh asked for by hand.
        onRefresh={() => state.status === 'error' && lastRead && onRead(lastRead)}
      />,
      container,
    );
  };
  /** Unsaved text found after a reload: restored into its field, or waiting for its form. */
  const banner = () => {
    if (draftsDismissed || (drafts.restored === 0 && drafts.waiting === 0)) return null;
    return {
      text: t(drafts.restored > 0 ? 'sidebarDraftsRestored' : 'sidebarDraftsWaiting'),
      onDismiss: () => {
        draftsDismissed = true;
        paint();
      },
    };
  };
  const keeper = keepDrafts(container, draftStore, (news) => {
    // A restore is worth saying even when the waiting notice was dismissed.
    if (news.restored > 0) draftsDismissed = false;
    drafts = news;
    paint();
  });

  const show = (next: SidebarState) => {
    state = next;
    paint();
  };

  /**
   * The content script sizes the frame from the stored layout, in this tab and the others. A
   * collapse or expand keeps the width chosen before (null: it scales with the window); a keyboard
   * resize chooses one. `at` makes every press a change, so the rail shown because nothing is open
   * expands too.
   */
  function setLayout(next: PanelLayout) {
    const toggled = next.collapsed !== rail();
    // A rail's width is never a panel width the user chose (a toggle racing a resize).
    const chosen = toggled || next.width < RAIL_BREAKPOINT ? layout.width : next.width;
    layout = { collapsed: next.collapsed, width: chosen };
    void browser.storage.local
      .set({ [LAYOUT_KEY]: { ...layout, at: Date.now() } })
      .catch(() => undefined);
  }

  /** A record page that resolved to one account is linked to it, once per record. */
  function linkRecord(context: HostContext, result: Parameters<typeof autoLinkRequest>[1]) {
    const key = recordKey(context);
    const request = autoLinkRequest(context, result);
    if (!key || !request || linked.has(key)) return;
    linked.add(key);
    // The change notice that follows a real change refreshes the panel; a failure is not shown:
    // the account is on screen either way, and the next visit tries again. Not guardedSend: no
    // click asks for this link, so there is nothing to trick the user into, and as the frame
    // loads (before its first visibility report) the guard would refuse it for good.
    void send('linkCrmRecord', request);
  }

  async function resolve(context: HostContext, quiet: boolean) {
    const mine = ++sequence;
    const result = await send('resolveContext', context);
    if (mine !== sequence) return;
    if (result.ok) {
      dueCount = result.data.dueCount;
      show({ status: 'ready', context, result: result.data });
      linkRecord(context, result.data);
    } else if (!quiet || state.status !== 'ready') {
      show({ status: 'error', message: result.error });
    }
  }

  /** With nothing open, an empty context still tells how many next actions are due. */
  async function refreshDue(read: Extract<PageRead, { status: 'none' }>, quiet: boolean) {
    const mine = ++sequence;
    const empty: HostContext = {
      host: read.host,
      url: read.url,
      participants: [],
      domains: [],
      names: [],
    };
    const result = await send('resolveContext', empty);
    if (mine !== sequence) return;
    if (result.ok) {
      dueCount = result.data.dueCount;
      show({ status: 'none', dueCount });
    } else if (!quiet) {
      show({ status: 'error', message: result.error });
    }
  }

  function onRead(read: PageRead) {
    lastRead = read;
    if (read.status === 'open') {
      conversation = read.key;
      show({ status: 'loading' });
      void resolve(read.context, false);
    } else if (read.status === 'none') {
      conversation = 'none';
      show({ status: 'none', dueCount });
      void refreshDue(read, false);
    } else {
      // Each unreadable page starts afresh: a manual account pick belongs to the page it was made on.
      sequence++;
      conversation = `unreadable-${++unreadableCount}`;
      show({ status: 'unreadable', reason: read.reason, host: read.host, thing: read.thing });
    }
  }

  /** The same page again, after a write here or elsewhere; keeps what is shown while it loads. */
  function refresh() {
    if (lastRead?.status === 'open') void resolve(lastRead.context, true);
    else if (lastRead?.status === 'none') void refreshDue(lastRead, true);
    // Unreadable: nothing to resolve; a manually opened account reloads itself from `notice`.
  }

  /** The newest read of the tab seen here (TabState.seq); older news is stale. */
  let seenSeq = -1;

  /** A read the worker resolved already: painted as it comes, no request of our own. */
  function showResolved(read: PageRead, result: ContextResult) {
    lastRead = read;
    sequence++; // An answer still on its way is older: dropped.
    dueCount = result.dueCount;
    if (read.status === 'open') {
      conversation = read.key;
      show({ status: 'ready', context: read.context, result });
      linkRecord(read.context, result);
    } else {
      conversation = 'none';
      show({ status: 'none', dueCount });
    }
  }

  function onTabState(tab: TabState, resolved?: ContextResult) {
    if (logSeen === null) logSeen = tab.logRequest;
    if (tab.logRequest > logSeen) {
      logSeen = tab.logRequest;
      logRequest++;
      paint();
    }
    if (!tab.read) return;
    if (tab.seq > seenSeq) {
      seenSeq = tab.seq;
      if (resolved && tab.read.status !== 'unreadable') showResolved(tab.read, resolved);
      else onRead(tab.read);
    } else if (tab.seq === seenSeq && resolved && state.status === 'loading') {
      // The session key's news came first and our own request is on its way: this is sooner.
      if (tab.read.status !== 'unreadable') showResolved(tab.read, resolved);
    }
  }

  /**
   * Changes heard before getTabState has named this frame's tab, newest last: one of them may be
   * this tab's, newer than the answer on its way. Kept until the answer comes, then applied.
   */
  let heardEarly: TabState[] = [];
  const hearBeforeTab = (states: unknown[]) => {
    for (const state of states) {
      if (state && typeof state === 'object' && 'tabId' in state)
        heardEarly.push(state as TabState);
    }
  };

  // What the tab shows changes: the background rewrites the tab's key.
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'session') return;
    if (tabId === null) return hearBeforeTab(Object.values(changes).map((c) => c.newValue));
    const change = changes[tabStateKey(tabId)];
    if (change?.newValue) onTabState(change.newValue as TabState);
  });
  // The worker sends this frame each new state of its tab, resolved (utils/events.ts,
  // TAB_STATE_EVENT): only from the background (no tab), and only this tab's.
  browser.runtime.onMessage.addListener(
    (message: unknown, sender: { id?: string; tab?: unknown }) => {
      if (!isTabStateEvent(message)) return;
      if (sender.id !== browser.runtime.id || sender.tab) return;
      const { state: tab, resolved } = message as { state?: TabState; resolved?: ContextResult };
      if (tabId === null) hearBeforeTab([tab]);
      else if (tab?.tabId === tabId) onTabState(tab, resolved);
    },
  );

  // Every write in the background ends with a notice naming the accounts it changed.
  watchChanges((changed) => {
    notice = changed;
    keeper.settle();
    paint();
    if (state.status === 'ready') {
      const { matches, unknown } = state.result;
      const shown = matches.map((m) => m.account.id);
      // Unknown senders, or a record that matched nothing, may just have become an account or
      // been linked to one (here or in another tab).
      if (
        unknown.length > 0 ||
        // A domain given to an account may end a look-alike warning, or start one.
        (state.result.lookalikes?.length ?? 0) > 0 ||
        (matches.length === 0 && state.context.crmRef) ||
        changed.accountIds.some((id) => shown.includes(id))
      ) {
        refresh();
      }
    } else if (state.status === 'none') {
      refresh();
    }
  }, signal);

  watchSettings((next) => {
    settings = next;
    paint();
  }, signal);
  watchLocal(LAYOUT_KEY, (saved) => (layout = readLayout(saved, layout.collapsed)), signal);
  // The content script resizes the frame: the rail and the panel swap at the breakpoint.
  window.addEventListener('resize', paint);
  keepFocusHonest();

  void (async () => {
    const [loaded, stored] = await Promise.all([
      loadSettings(),
      browser.storage.local.get(LAYOUT_KEY).catch(() => ({}) as Record<string, unknown>),
    ]);
    settings = loaded;
    layout = readLayout((stored as Record<string, unknown>)[LAYOUT_KEY], loaded.startCollapsed);
    paint();
    const tab = await send('getTabState', {});
    if (!tab.ok) return show({ status: 'error', message: tab.error });
    tabId = tab.data.tabId;
    onTabState(tab.data);
    const mine = heardEarly.filter((state) => state.tabId === tabId).pop();
    heardEarly = [];
    if (mine) onTabState(mine);
  })();
}

/**
 * Focus enters the frame only by the user's own action. A page can focus the frame element at any
 * moment; if a field inside still had focus from earlier, the user's next keystrokes (a reply they
 * are typing) would land in it. So leaving the frame leaves nothing focused inside it, and focus
 * arriving from outside lands on the panel itself, never in a field nor on a button (a space or
 * Enter of the user's reply would press it). Escape, when nothing inside uses it, gives focus
 * back to the page through the tab's content script.
 */
function keepFocusHonest() {
  window.addEventListener('blur', () => {
    const active = document.activeElement;
    if (active instanceof HTMLElement && active !== document.body) active.blur();
  });
  window.addEventListener('focus', () => {
    if (document.activeElement && document.activeElement !== document.body) return;
    const panel = document.querySelector<HTMLElement>('[data-testid="sidebar"]');
    if (!panel) return;
    panel.tabIndex = -1;
    panel.focus();
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !e.defaultPrevented) void send('returnFocus', {});
  });
}
