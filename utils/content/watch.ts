/**
 * The one shared helper for following a single-page host (Gmail today): it tells the caller each
 * time the page starts showing another conversation, and nothing in between.
 *
 * What it listens to, and why that is enough:
 * - `hashchange` and `popstate` on the window: Gmail navigates by hash; other hosts by history.
 * - one MutationObserver on `adapter.watchRoot(doc)`, the narrowest element whose changes can mean
 *   another conversation opened (Gmail: its view container). Mutations anywhere else cause no work.
 * - a childList-only observer (no subtree) on the root's parent, to notice the root being replaced.
 * - while the root does not exist yet (the host app is still rendering), an observer on the
 *   document that does nothing but look the root up once per frame, disconnected for good as soon
 *   as the root is there. The app renders its root deep inside nodes it attached earlier, so a
 *   childList-only observer on body would miss it; this phase lasts only until the first render.
 *
 * Bursts are coalesced: however many events and mutation batches arrive, the adapter is read at
 * most once per animation frame (hidden tabs get no frames, so a background tab does no work).
 * `onChange` is called only when the identity (status + key) changes, so a sidebar rebinds exactly
 * once per conversation. An `unreadable` result is reported only if it lasts `unreadableAfterMs`:
 * while a host renders a conversation, the URL is ahead of the DOM for a moment.
 * Everything is removed when `signal` aborts; no polling.
 */
import type { HostAdapter, ReadResult } from './hosts/types';

export interface WatchOptions {
  /** How long an `unreadable` result must last before it is reported. 0 reports it at once. */
  unreadableAfterMs?: number;
  /**
   * Attributes under the root that can show, hide or re-identify a conversation without any node
   * being added (Gmail toggles cached views with an inline style).
   */
  attributes?: string[];
}

export const DEFAULT_UNREADABLE_AFTER_MS = 1500;
export const DEFAULT_ATTRIBUTES = [
  'style',
  'hidden',
  'role',
  'data-thread-perm-id',
  'data-legacy-thread-id',
];

/** The window members the watcher uses; a real `window` fits. */
export type WatchWindow = Pick<
  Window,
  'addEventListener' | 'removeEventListener' | 'setTimeout' | 'clearTimeout'
> & {
  location: { href: string };
  requestAnimationFrame?: (callback: FrameRequestCallback) => number;
  cancelAnimationFrame?: (handle: number) => void;
};

/** Two results are the same conversation (or the same absence of one) when this is equal. */
export function identityOf(result: ReadResult): string {
  return result.status === 'open' ? `open:${result.key}` : result.status;
}

/**
 * Reads once now, then again whenever the page may show another conversation, and calls
 * `onChange` for each new identity. Returns nothing: abort `signal` to stop.
 */
export function watchContext(
  adapter: HostAdapter,
  doc: Document,
  win: WatchWindow,
  onChange: (result: ReadResult) => void,
  signal: AbortSignal,
  options: WatchOptions = {},
): void {
  if (signal.aborted) return;
  const graceMs = options.unreadableAfterMs ?? DEFAULT_UNREADABLE_AFTER_MS;
  const attributeFilter = options.attributes ?? DEFAULT_ATTRIBUTES;

  let reported: string | null = null;
  let root: Element | null = null;
  let rootObserver: MutationObserver | null = null;
  let parentObserver: MutationObserver | null = null;
  let waitObserver: MutationObserver | null = null;
  let waitFrame: { cancel: () => void } | null = null;
  let frame: { cancel: () => void } | null = null;
  let graceTimer: number | null = null;

  const nextFrame = (run: () => void): { cancel: () => void } => {
    if (typeof win.requestAnimationFrame === 'function') {
      const handle = win.requestAnimationFrame(() => run());
      return { cancel: () => win.cancelAnimationFrame?.(handle) };
    }
    const handle = win.setTimeout(run, 16);
    return { cancel: () => win.clearTimeout(handle) };
  };

  const lookUpRoot = (): Element | null => {
    try {
      return adapter.watchRoot(doc);
    } catch {
      return null;
    }
  };

  const read = (): ReadResult => {
    try {
      return adapter.read(doc, new URL(win.location.href));
    } catch (error) {
      return {
        status: 'unreadable',
        reason: error instanceof Error ? error.message : 'the adapter failed',
      };
    }
  };

  const report = (result: ReadResult) => {
    const identity = identityOf(result);
    if (identity === reported) return;
    reported = identity;
    onChange(result);
  };

  const clearGrace = () => {
    if (graceTimer !== null) win.clearTimeout(graceTimer);
    graceTimer = null;
  };

  const evaluate = () => {
    const result = read();
    if (result.status === 'unreadable' && graceMs > 0) {
      if (identityOf(result) === reported || graceTimer !== null) return;
      graceTimer = win.setTimeout(() => {
        graceTimer = null;
        if (!signal.aborted) report(read());
      }, graceMs);
      return;
    }
    clearGrace();
    report(result);
  };

  const run = () => {
    frame = null;
    if (signal.aborted) return;
    attach();
    evaluate();
  };

  /** Asks for one read in the next frame; further requests before it runs are free. */
  const schedule = () => {
    if (frame === null && !signal.aborted) frame = nextFrame(run);
  };

  const stopWaiting = () => {
    waitObserver?.disconnect();
    waitObserver = null;
    waitFrame?.cancel();
    waitFrame = null;
  };

  const detach = () => {
    rootObserver?.disconnect();
    parentObserver?.disconnect();
    rootObserver = parentObserver = null;
    root = null;
  };

  /** Observes the current root, or waits for one; a no-op while the root is unchanged. */
  function attach() {
    if (root && root.isConnected) return;
    detach();
    const found = lookUpRoot();
    if (!found) {
      if (!waitObserver) {
        waitObserver = new MutationObserver(() => {
          waitFrame ??= nextFrame(() => {
            waitFrame = null;
            if (!signal.aborted && lookUpRoot()) schedule();
          });
        });
        waitObserver.observe(doc.documentElement ?? doc, { childList: true, subtree: true });
      }
      return;
    }
    stopWaiting();
    root = found;
    rootObserver = new MutationObserver(schedule);
    rootObserver.observe(found, {
      childList: true,
      subtree: true,
      attributes: attributeFilter.length > 0,
      ...(attributeFilter.length > 0 ? { attributeFilter } : {}),
    });
    const parent = found.parentNode;
    if (parent) {
      parentObserver = new MutationObserver(() => {
        if (root && !root.isConnected) schedule();
      });
      parentObserver.observe(parent, { childList: true });
    }
  }

  const onNavigate = () => schedule();
  win.addEventListener('hashchange', onNavigate);
  win.addEventListener('popstate', onNavigate);

  signal.addEventListener(
    'abort',
    () => {
      win.removeEventListener('hashchange', onNavigate);
      win.removeEventListener('popstate', onNavigate);
      frame?.cancel();
      frame = null;
      clearGrace();
      stopWaiting();
      detach();
    },
    { once: true },
  );

  attach();
  evaluate();
}
