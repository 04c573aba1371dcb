/**
 * The sidebar's shadow root: a `<rapport-sidebar>` element at the end of <body> with the host's
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
  shadow.append(style, container);
  document.body.append(element);
  signal.addEventListener('abort', () => element.remove());
  return container;
}
