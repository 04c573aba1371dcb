/**
 * Gmail: mounts the account sidebar and keeps it in step with the open conversation.
 *
 * Thin on purpose: the Gmail adapter reads the page, watchContext says when the conversation
 * changes, the background resolves it, and the sidebar renders. This script only wires them and
 * remembers the panel's layout. It must stay small (25 KB gzip with everything), so nothing here
 * imports zod, tldts or idb: those belong to the background.
 */
import { render } from 'preact';
import { ext as browser } from '@/utils/ext';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { Sidebar } from '@/components/sidebar';
import {
  DEFAULT_WIDTH,
  MAX_WIDTH,
  MIN_WIDTH,
  type SidebarLayout,
  type SidebarState,
} from '@/components/sidebar-types';
import { gmailAdapter } from '@/utils/hosts/gmail';
import type { ReadResult } from '@/utils/hosts/types';
import { isLogFollowUp, isToggleSidebar, watchChanges, type ChangeNotice } from '@/utils/events';
import type { HostContext } from '@/utils/messages';
import { send } from '@/utils/send';
import { loadSettings, watchSettings, type Settings } from '@/utils/settings';
import { watchContext } from '@/utils/watch';
import { mountShadowRoot } from './mount';
import './style.css';

/** Collapsed state and width, per browser profile (not synced: screens differ). */
const LAYOUT_KEY = 'rapport:sidebar';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  runAt: 'document_idle',
  cssInjectionMode: 'ui',
  async main(ctx) {
    let settings = await loadSettings();
    let session: { stop: AbortController; apply: (s: Settings) => void } | null = null;

    const sync = () => {
      const off = settings.disabledHosts.includes(gmailAdapter.host);
      if (off && session) {
        session.stop.abort();
        session = null;
      } else if (!off && !session) {
        const stop = new AbortController();
        session = {
          stop,
          apply: runSidebar(settings, AbortSignal.any([ctx.signal, stop.signal])),
        };
      } else {
        session?.apply(settings);
      }
    };
    // Turning Gmail off (or on again) in the popup takes effect at once, without a reload.
    watchSettings((next) => {
      settings = next;
      sync();
    }, ctx.signal);
    sync();
  },
});

/** Mounts the sidebar until `signal` aborts; returns how to apply changed settings. */
function runSidebar(initial: Settings, signal: AbortSignal): (s: Settings) => void {
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

  async function resolve(context: HostContext, quiet: boolean) {
    const mine = ++sequence;
    const result = await send('resolveContext', context);
    if (mine !== sequence || signal.aborted) return;
    if (result.ok) {
      dueCount = result.data.dueCount;
      show({ status: 'ready', context, result: result.data });
    } else if (!quiet || state.status !== 'ready') {
      show({ status: 'error', message: result.error });
    }
  }

  /** With no conversation open, an empty context still tells how many next actions are due. */
  async function refreshDue(quiet: boolean) {
    const mine = ++sequence;
    const empty: HostContext = {
      host: gmailAdapter.host,
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

  function onRead(read: ReadResult) {
    lastRead = read;
    if (read.status === 'open') {
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

  // The same profile's other Gmail tabs follow a collapse or resize.
  const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const saved = changes[LAYOUT_KEY]?.newValue;
    if (area !== 'local' || !saved) return;
    layout = readLayout(saved, layout.collapsed);
    remembered = true;
    paint();
  };
  browser.storage.onChanged.addListener(onStorage);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onStorage));

  // Every write in the background ends with a notice naming the accounts it changed.
  watchChanges((changed) => {
    notice = changed;
    paint();
    if (state.status === 'ready') {
      const shown = state.result.matches.map((m) => m.account.id);
      // Unknown senders may just have become an account (here or in another tab).
      if (state.result.unknown.length > 0 || changed.accountIds.some((id) => shown.includes(id))) {
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
    container = await mountShadowRoot('rapport-sidebar', signal);
    if (!container) return;
    signal.addEventListener('abort', () => {
      if (container) render(null, container);
      container = null;
    });
    paint();
    watchContext(gmailAdapter, document, window, onRead, signal);
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
