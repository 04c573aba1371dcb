/**
 * The sidebar's shadow root: a `<rapport-sidebar>` element after <body> with the host's
 * content-script CSS inside.
 *
 * This does what WXT's createShadowRootUi does for a UI mounted once and never moved (reset the
 * host, load the CSS built for `cssInjectionMode: 'ui'`, keep key events inside), without its
 * anchor auto-mounting, which brings a wait-for-element library and costs ~3.7 KB gzip: over
 * the Gmail script's 25 KB budget on its own.
 */
import type { PublicPath } from 'wxt/browser';
import type { HostName } from '@/utils/model';
import { ext as browser } from '@/utils/ext';

/**
 * Where WXT writes the CSS of the `cssInjectionMode: 'ui'` content script `<host>.content`,
 * web-accessible to that host's pages only (HOST_MATCHES): WXT lists it in the manifest's
 * web_accessible_resources, for the runtime-registered scripts of the optional hosts too.
 */
export const cssPath = (host: HostName) => `/content-scripts/${host}.css` as PublicPath;

/** Hosts' single-key shortcuts listen for these; typing in the sidebar must not trigger them. */
const KEY_EVENTS = ['keydown', 'keyup', 'keypress'];

/**
 * Events that can lead to a save. The shadow root is open, so the host page's own script can
 * reach the sidebar's controls and dispatch these; only the user's own (trusted) ones get through.
 */
const ACTING_EVENTS = [
  ...KEY_EVENTS,
  'click',
  'dblclick',
  'auxclick',
  'pointerdown',
  'pointerup',
  'mousedown',
  'mouseup',
  'beforeinput',
  'input',
  'change',
  'submit',
  'reset',
  'blur',
  'focusout',
];

/**
 * Dispatched on the document when a sidebar mounts. After an update the background injects a
 * fresh script into open tabs; the old one, cut off from the extension, hears this and leaves.
 * (WXT's own signal for this carries its data in `detail`, which does not cross from one
 * content-script world to another.)
 */
const STARTED_EVENT = 'rapport-sidebar-started';
const LIVENESS_CHECK_MS = 2_000;

export async function mountShadowRoot(
  name: string,
  host: HostName,
  signal: AbortSignal,
): Promise<HTMLElement | null> {
  const css = await fetch(browser.runtime.getURL(cssPath(host)))
    .then((r) => r.text())
    .catch(() => '');
  if (signal.aborted) return null;
  const element = document.createElement(name);
  const shadow = element.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  // The same reset WXT applies: no inherited host styles reach in (rem units aside: none used).
  style.textContent = `:host{all:initial !important}\n${css.replaceAll(':root', ':host')}`;
  const container = document.createElement('div');
  for (const type of KEY_EVENTS) container.addEventListener(type, (e) => e.stopPropagation());
  // Capture at the root runs before any control's own listener, so a scripted event stops here,
  // and so does the user's first touch of a sidebar whose extension was updated or removed.
  let gone = false;
  // Removing a focused element fires blur inside the removal itself: leave once.
  const leave = () => {
    if (gone) return;
    gone = true;
    clearInterval(alive);
    element.remove();
  };
  for (const type of ACTING_EVENTS) {
    shadow.addEventListener(
      type,
      (e) => {
        if (e.isTrusted && browser.runtime?.id) return;
        e.stopImmediatePropagation();
        e.preventDefault();
        if (!browser.runtime?.id) leave();
      },
      { capture: true },
    );
  }
  shadow.append(style, container);

  let announcing = true;
  document.dispatchEvent(new Event(STARTED_EVENT));
  announcing = false;
  const onNewer = () => {
    if (!announcing) leave();
  };
  document.addEventListener(STARTED_EVENT, onNewer);
  // When the extension is disabled, reloaded or removed, nothing tells a content script: the API
  // just stops working. A sidebar that can no longer save must not stay on screen looking alive,
  // so it checks, every few seconds, a property that costs nothing to read.
  const alive = setInterval(() => {
    if (!browser.runtime?.id) leave();
  }, LIVENESS_CHECK_MS);

  // A child of <html>, after <body>, and shown in the browser's top layer as a manual popover:
  // no z-index, overlay, opacity, transform or filter the page puts on its own elements can
  // cover, hide or move it. (Host styles reset `all`, so the popover's own UA box is undone.)
  element.setAttribute('popover', 'manual');
  document.documentElement.append(element);
  element.showPopover?.();
  signal.addEventListener('abort', () => {
    leave();
    document.removeEventListener(STARTED_EVENT, onNewer);
  });
  return container;
}
