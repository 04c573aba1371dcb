/**
 * The body of every host's content script: mounts the account sidebar and keeps it in step with
 * what the host page shows (a Gmail or Outlook conversation, a CRM record).
 *
 * Host-independent: the adapter reads the page, watchContext says when what is open changes, the
 * background resolves it, and the sidebar renders. This module only wires them, remembers the
 * panel's layout and links a CRM record to the account it resolved to. Each entrypoint passes its
 * own adapter (never the registry in utils/hosts/index.ts, which would bundle all five). It must
 * stay small (the Gmail script has 25 KB gzip with everything), so nothing here imports zod,
 * tldts or idb: those belong to the background.
 */
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { ext as browser } from '@/utils/ext';
import { Sidebar } from '@/components/sidebar';
import {
  DEFAULT_WIDTH,
  MAX_WIDTH,
  MIN_WIDTH,
  type SidebarLayout,
  type SidebarProps,
  type SidebarState,
} from '@/components/sidebar-types';
import type { HostAdapter, ReadResult } from '@/utils/hosts/types';
import {
  GRANTED_HOSTS_KEY,
  isLogFollowUp,
  isToggleSidebar,
  watchChanges,
  watchLocal,
  type ChangeNotice,
} from '@/utils/events';
import type { ContextResult, HostContext } from '@/utils/messages';
import { send } from '@/utils/send';
import { loadSettings, SEEN_SELF_EMAIL_KEY, watchSettings, type Settings } from '@/utils/settings';
import { watchContext, type WatchOptions } from '@/utils/watch';
import { autoLinkRequest, recordKey } from './crm-link';
import { mountShadowRoot } from './mount';

/** Collapsed state and width, per browser profile (not synced: screens differ), for every host. */
export const LAYOUT_KEY = 'rapport:sidebar';

export interface HostSidebarOptions {
  /** How to follow the host's navigation (Salesforce swaps pages by a class, not by nodes). */
  watch?: WatchOptions;
  /** The CRMs' offer to create or link an account from a record that matches none. */
  recordOffer?: SidebarProps['recordOffer'];
}

/**
 * Runs the sidebar on this page until `ctx` is invalidated. Turning the host off (or on again)
 * in the popup takes effect at once, without a reload; so does withdrawing the site's permission,
 * for good (a grant again brings a fresh script).
 */
export async function runHostSidebar(
  ctx: ContentScriptContext,
  adapter: HostAdapter,
  options: HostSidebarOptions = {},
): Promise<void> {
  let settings = await loadSettings();
  let session: { stop: AbortController; apply: (s: Settings) => void } | null = null;
  let withdrawn = false;

  const sync = () => {
    const off = withdrawn || settings.disabledHosts.includes(adapter.host);
    if (off && session) {
      session.stop.abort();
      session = null;
    } else if (!off && !session) {
      const stop = new AbortController();
      session = {
        stop,
        apply: runSidebar(adapter, options, settings, AbortSignal.any([ctx.signal, stop.signal])),
      };
    } else {
      session?.apply(settings);
    }
  };
  watchSettings((next) => {
    settings = next;
    sync();
  }, ctx.signal);
  // Gmail is granted at install and cannot be withdrawn; the other hosts can.
  watchLocal(
    GRANTED_HOSTS_KEY,
    (granted) => {
      if (adapter.host === 'gmail' || !Array.isArray(granted) || granted.includes(adapter.host))
        return;
      withdrawn = true;
      sync();
    },
    ctx.signal,
  );
  sync();
}

/** Mounts the sidebar until `signal` aborts; returns how to apply changed settings. */
function runSidebar(
  adapter: HostAdapter,
  options: HostSidebarOptions,
  initial: Settings,
  signal: AbortSignal,
): (s: Settings) => void {
  let settings = initial;
  let layout: SidebarLayout = { collapsed: initial.startCollapsed, width: DEFAULT_WIDTH };
  let remembered = false;
  let state: SidebarState = { status: 'loading' };
  let conversation = '';
  let unreadableCount = 0;
  let lastRead: ReadResult | null = null;
  let notice: ChangeNotice | null = null;
  let dueCount = 0;
  /** Presses of the log-follow-up shortcut: each new count opens the follow-up form. */
  let logRequest = 0;
  /** Only the newest request may paint: an older answer arriving late is dropped. */
  let sequence = 0;
  let container: HTMLElement | null = null;
  /** CRM records already linked (or tried) on this page: one linkCrmRecord each. */
  const linked = new Set<string>();

  const paint = () => {
    if (!container || signal.aborted) return;
    render(
      <Sidebar
        state={state}
        send={send}
        side={settings.sidebarSide}
        layout={layout}
        conversation={conversation}
        notice={notice}
        cadence={settings.cadenceDays}
        logRequest={logRequest}
        recordOffer={options.recordOffer}
        onLayout={setLayout}
        onRefresh={() => (state.status === 'error' && lastRead ? onRead(lastRead) : refresh())}
      />,
      container,
    );
  };
  const show = (next: SidebarState) => {
    state = next;
    paint();
  };

  function setLayout(next: SidebarLayout) {
    layout = next;
    remembered = true;
    paint();
    void browser.storage.local.set({ [LAYOUT_KEY]: next }).catch(() => undefined);
  }

  /** A record page that resolved to one account is linked to it, once per record. */
  function linkRecord(context: HostContext, result: ContextResult) {
    const key = recordKey(context);
    const request = autoLinkRequest(context, result);
    if (!key || !request || linked.has(key)) return;
    linked.add(key);
    // The change notice that follows a real change refreshes the panel; a failure is not shown:
    // the account is on screen either way, and the next visit tries again.
    void send('linkCrmRecord', request);
  }

  async function resolve(context: HostContext, quiet: boolean) {
    const mine = ++sequence;
    const result = await send('resolveContext', context);
    if (mine !== sequence || signal.aborted) return;
    if (result.ok) {
      dueCount = result.data.dueCount;
      show({ status: 'ready', context, result: result.data });
      linkRecord(context, result.data);
    } else if (!quiet || state.status !== 'ready') {
      show({ status: 'error', message: result.error });
    }
  }

  /** With nothing open, an empty context still tells how many next actions are due. */
  async function refreshDue(quiet: boolean) {
    const mine = ++sequence;
    const empty: HostContext = {
      host: adapter.host,
      url: location.href,
      participants: [],
      domains: [],
      names: [],
    };
    const result = await send('resolveContext', empty);
    if (mine !== sequence || signal.aborted) return;
    if (result.ok) {
      dueCount = result.data.dueCount;
      show({ status: 'none', dueCount });
    } else if (!quiet) {
      show({ status: 'error', message: result.error });
    }
  }

  /** The popup suggests the signed-in address's domain as the user's own: keep the last one seen. */
  let lastSelf: string | undefined;
  function rememberSelf(email: string | undefined) {
    if (!email || email === lastSelf) return;
    lastSelf = email;
    void browser.storage.local.set({ [SEEN_SELF_EMAIL_KEY]: email }).catch(() => undefined);
  }

  function onRead(read: ReadResult) {
    lastRead = read;
    if (read.status === 'open') {
      rememberSelf(read.context.selfEmail);
      conversation = read.key;
      show({ status: 'loading' });
      void resolve(read.context, false);
    } else if (read.status === 'none') {
      conversation = 'none';
      show({ status: 'none', dueCount });
      void refreshDue(false);
    } else {
      // Each unreadable page starts afresh: a manual account pick belongs to the page it was made on.
      sequence++;
      conversation = `unreadable-${++unreadableCount}`;
      show({ status: 'unreadable', reason: read.reason });
    }
  }

  /** The same page again, after a write here or elsewhere; keeps what is shown while it loads. */
  function refresh() {
    if (lastRead?.status === 'open') void resolve(lastRead.context, true);
    else if (lastRead?.status === 'none') void refreshDue(true);
    // Unreadable: nothing to resolve; a manually opened account reloads itself from `notice`.
  }

  // The same profile's other tabs follow a collapse or resize.
  watchLocal(
    LAYOUT_KEY,
    (saved) => {
      if (!saved) return;
      layout = readLayout(saved, layout.collapsed);
      remembered = true;
      paint();
    },
    signal,
  );

  // Every write in the background ends with a notice naming the accounts it changed.
  watchChanges((changed) => {
    notice = changed;
    paint();
    if (state.status === 'ready') {
      const { matches, unknown } = state.result;
      const shown = matches.map((m) => m.account.id);
      // Unknown senders, or a record that matched nothing, may just have become an account or
      // been linked to one (here or in another tab).
      if (
        unknown.length > 0 ||
        (matches.length === 0 && state.context.crmRef) ||
        changed.accountIds.some((id) => shown.includes(id))
      ) {
        refresh();
      }
    } else if (state.status === 'none') {
      refresh();
    }
  }, signal);

  // Shortcuts (manifest commands) reach the background, which forwards them to the active tab.
  const onMessage = (message: unknown) => {
    if (isToggleSidebar(message)) setLayout({ ...layout, collapsed: !layout.collapsed });
    else if (isLogFollowUp(message)) {
      // The panel expands itself if need be and opens the form of the account it shows.
      logRequest++;
      paint();
    }
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage));

  void (async () => {
    const stored = await browser.storage.local
      .get(LAYOUT_KEY)
      .catch(() => ({}) as Record<string, unknown>);
    const saved = (stored as Record<string, unknown>)[LAYOUT_KEY];
    if (saved) {
      layout = readLayout(saved, settings.startCollapsed);
      remembered = true;
    }
    container = await mountShadowRoot('rapport-sidebar', adapter.host, signal);
    if (!container) return;
    signal.addEventListener('abort', () => {
      if (container) render(null, container);
      container = null;
    });
    paint();
    watchContext(adapter, document, window, onRead, signal, options.watch);
  })();

  return (next) => {
    const before = settings;
    settings = next;
    // A changed default applies now unless the user has already chosen by hand.
    if (next.startCollapsed !== before.startCollapsed && !remembered) {
      layout = { ...layout, collapsed: next.startCollapsed };
    }
    paint();
  };
}

function readLayout(raw: unknown, fallbackCollapsed: boolean): SidebarLayout {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const width = typeof r.width === 'number' && Number.isFinite(r.width) ? r.width : DEFAULT_WIDTH;
  return {
    collapsed: typeof r.collapsed === 'boolean' ? r.collapsed : fallbackCollapsed,
    width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.round(width))),
  };
}
