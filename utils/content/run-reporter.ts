/**
 * The body of every host's content script: it reports what the page shows, and docks the sidebar
 * frame beside the page. No UI, no data: the frame (sidebar.html, an extension page) shows the
 * account, and learns what this tab shows from the background, never from this page.
 *
 * Host-independent: the adapter reads the page, watchContext says when what is open changes, and
 * each change is one reportContext. Each entrypoint passes its own adapter (never the registry in
 * utils/content/hosts/index.ts, which would bundle all five). Small by design
 * (tests/build/size.test.mjs holds the budget).
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { ext as browser } from '@/utils/shared/ext';
import {
  isLogFollowUp,
  isReturnFocus,
  isSnapshotPage,
  isToggleSidebar,
  watchLocal,
} from '@/utils/contract/events';
import { GRANTED_HOSTS_KEY, LAYOUT_KEY } from '@/utils/contract/storage-keys';
import {
  panelWidth,
  RAIL_WIDTH,
  readLayout,
  type SidebarLayout,
} from '@/utils/contract/dock-layout';
import type { HostAdapter, ReadResult } from '@/utils/content/hosts/types';
import type { PageRead } from '@/utils/contract/messages';
import { loadSettings, watchSettings, type Settings } from '@/utils/contract/settings';
import { watchContext, type WatchOptions } from '@/utils/content/watch';
import { mountDock } from './dock';
import { snapshotPage } from './page-snapshot';
import { pageTheme } from './page-theme';
import { reportSender } from './report-port';

export interface HostReporterOptions {
  /** How to follow the host's navigation (Salesforce swaps pages by a class, not by nodes). */
  watch?: WatchOptions;
}

/** How often a script checks that its extension is still there (nothing tells it otherwise). */
const LIVENESS_CHECK_MS = 1_000;

/**
 * Runs until `ctx` is invalidated. Turning the host off (or on again) in the popup takes effect at
 * once, without a reload; so does withdrawing the site's permission, for good (a grant again
 * brings a fresh script).
 */
export async function runHostReporter(
  ctx: ContentScriptContext,
  adapter: HostAdapter,
  options: HostReporterOptions = {},
): Promise<void> {
  const life = new AbortController();
  const signal = AbortSignal.any([ctx.signal, life.signal]);
  // The same version injected again (a grant, an install) replaces the one already here. Both run
  // in this extension's isolated world, which the page cannot see or touch. A script of an older
  // version lives in another world, cut off from the extension: it notices below and leaves.
  const world = globalThis as { rapportStop?: () => void };
  world.rapportStop?.();
  world.rapportStop = () => life.abort();
  // When the extension is disabled, reloaded or updated, the API just stops working: check a
  // property that costs nothing to read, and take the dock down with the script.
  const alive = setInterval(() => {
    if (!browser.runtime?.id) life.abort();
  }, LIVENESS_CHECK_MS);
  signal.addEventListener('abort', () => clearInterval(alive));

  let settings = await loadSettings();
  let session: { stop: AbortController; apply: (s: Settings) => void } | null = null;
  let withdrawn = false;

  const sync = () => {
    const off = withdrawn || settings.disabledHosts.includes(adapter.host);
    if (off && session) {
      session.stop.abort();
      session = null;
    } else if (!off && !session && !signal.aborted) {
      const stop = new AbortController();
      session = {
        stop,
        apply: runDocked(adapter, options, settings, AbortSignal.any([signal, stop.signal])),
      };
    } else {
      session?.apply(settings);
    }
  };
  watchSettings((next) => {
    settings = next;
    sync();
  }, signal);
  // Gmail is granted at install and cannot be withdrawn; the other hosts can.
  watchLocal(
    GRANTED_HOSTS_KEY,
    (granted) => {
      if (adapter.host === 'gmail' || !Array.isArray(granted) || granted.includes(adapter.host))
        return;
      withdrawn = true;
      sync();
    },
    signal,
  );
  sync();
}

/** What the background keeps for the tab's frame: the adapter's read, with where it was read. */
export function toPageRead(read: ReadResult, adapter: HostAdapter, url: string): PageRead {
  if (read.status === 'open')
    return read.layer
      ? { status: 'open', key: read.key, context: read.context, layer: read.layer }
      : { status: 'open', key: read.key, context: read.context };
  if (read.status === 'none') return { status: 'none', host: adapter.host, url };
  const reason = read.reason.slice(0, 500);
  return read.thing
    ? { status: 'unreadable', host: adapter.host, reason, thing: read.thing }
    : { status: 'unreadable', host: adapter.host, reason };
}

/** Docks the frame and reports the page until `signal` aborts; returns how to apply new settings. */
function runDocked(
  adapter: HostAdapter,
  options: HostReporterOptions,
  initial: Settings,
  signal: AbortSignal,
): (s: Settings) => void {
  let settings = initial;
  let layout: SidebarLayout = { collapsed: initial.startCollapsed, width: null };
  /** The layout was chosen by hand (stored), not taken from the settings' default. */
  let remembered = false;
  let nothingOpen = false;
  /** The user opened the rail while nothing was open: it stays open until they navigate. */
  let openedHere = false;

  const dock = mountDock(
    signal,
    (width) => saveLayout({ ...layout, width }),
    () => adapter.dockSlot?.(document) ?? null,
  );

  const collapsed = () =>
    layout.collapsed || (settings.railWhenNothingOpen && nothingOpen && !openedHere);
  const place = () => {
    if (signal.aborted) return;
    const open = !collapsed();
    dock.place({
      side: settings.sidebarSide,
      width: open ? panelWidth(layout.width, window.innerWidth) : RAIL_WIDTH,
      resizable: open,
    });
  };
  // The width follows the window: a window made narrower keeps the dock within its 30%.
  window.addEventListener('resize', place, { signal });

  function saveLayout(next: SidebarLayout) {
    layout = next;
    remembered = true;
    place();
    void browser.storage.local.set({ [LAYOUT_KEY]: next }).catch(() => undefined);
  }

  /** Expands the panel if need be; true when it was collapsed. */
  const expand = () => {
    if (!collapsed()) return false;
    openedHere = true;
    if (layout.collapsed) saveLayout({ ...layout, collapsed: false });
    else place();
    return true;
  };

  // The frame collapses, expands and resizes (by keyboard) through the stored layout; so do the
  // same profile's other tabs.
  watchLocal(
    LAYOUT_KEY,
    (saved) => {
      if (!saved) return;
      const next = readLayout(saved, layout.collapsed);
      // An expand from the rail counts even where the rail was shown because nothing is open.
      openedHere = !next.collapsed;
      layout = next;
      remembered = true;
      place();
    },
    signal,
  );

  const sendReport = reportSender();
  let lastKey = '';
  const onRead = (read: ReadResult) => {
    // With the page's own colour scheme, which the sidebar follows unless told otherwise.
    const theme = pageTheme(document);
    const plain = toPageRead(read, adapter, location.href);
    const report: PageRead = theme ? { ...plain, theme } : plain;
    const key = report.status === 'open' ? `open:${report.key}` : report.status;
    if (key !== lastKey) openedHere = false;
    lastKey = key;
    nothingOpen = report.status === 'none';
    place();
    // A refused or lost report leaves the frame on what it showed; the next change reports again.
    sendReport(report);
  };

  // Shortcuts (manifest commands) reach the background, which forwards them to the active tab.
  const onMessage = (message: unknown) => {
    if (isToggleSidebar(message)) {
      if (collapsed()) {
        expand();
        dock.focusFrame();
      } else {
        openedHere = false;
        saveLayout({ ...layout, collapsed: true });
        dock.returnFocus();
      }
    } else if (isLogFollowUp(message)) {
      // The frame opens the form itself (the background counts the request in the tab's state).
      expand();
      dock.focusFrame();
    } else if (isReturnFocus(message)) {
      dock.returnFocus();
    }
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage));
  // The tab's own sidebar frame asked for a snapshot, on the user's click (the worker relays it
  // and checks the answer). Answered at once, so no message channel is left open.
  const onSnapshot = (message: unknown, _sender: unknown, answer: (reply: unknown) => void) => {
    if (!isSnapshotPage(message)) return undefined;
    try {
      answer({ html: snapshotPage(document, new URL(location.href)) });
    } catch {
      answer(null); // The worker tells the frame the page did not answer.
    }
    return undefined;
  };
  type Listener = Parameters<typeof browser.runtime.onMessage.addListener>[0];
  browser.runtime.onMessage.addListener(onSnapshot as Listener);
  signal.addEventListener('abort', () =>
    browser.runtime.onMessage.removeListener(onSnapshot as Listener),
  );

  void (async () => {
    const stored = await browser.storage.local
      .get(LAYOUT_KEY)
      .catch(() => ({}) as Record<string, unknown>);
    const saved = (stored as Record<string, unknown>)[LAYOUT_KEY];
    if (saved) {
      layout = readLayout(saved, settings.startCollapsed);
      remembered = true;
    }
    place();
    watchContext(adapter, document, window, onRead, signal, options.watch);
  })();

  return (next) => {
    const before = settings;
    settings = next;
    // A changed default applies now unless the user has already chosen by hand.
    if (next.startCollapsed !== before.startCollapsed && !remembered) {
      layout = { ...layout, collapsed: next.startCollapsed };
    }
    place();
  };
}
