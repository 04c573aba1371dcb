/**
 * The sidebar's shadow root: a `<rapport-sidebar>` element at the end of <body> with the
 * entrypoint's CSS inside.
 *
 * This does what WXT's createShadowRootUi does for a UI mounted once and never moved (reset the
 * host, load the CSS built for `cssInjectionMode: 'ui'`, keep key events inside), without its
 * anchor auto-mounting, which brings a wait-for-element library and costs ~3.7 KB gzip: over
 * this script's 25 KB budget on its own.
 */
import type { PublicPath } from 'wxt/browser';
import { ext as browser } from '@/utils/ext';

/** WXT writes the CSS of a `cssInjectionMode: 'ui'` content script here, web-accessible to Gmail. */
const CSS_PATH = '/content-scripts/gmail.css' as PublicPath;

/** Gmail's single-key shortcuts listen for these; typing in the sidebar must not trigger them. */
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

export async function mountShadowRoot(
  name: string,
  signal: AbortSignal,
): Promise<HTMLElement | null> {
  const css = await fetch(browser.runtime.getURL(CSS_PATH))
    .then((r) => r.text())
    .catch(() => '');
  if (signal.aborted) return null;
  const host = document.createElement(name);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  // The same reset WXT applies: no inherited Gmail styles reach in (rem units aside: none used).
  style.textContent = `:host{all:initial !important}\n${css.replaceAll(':root', ':host')}`;
  const container = document.createElement('div');
  for (const type of KEY_EVENTS) container.addEventListener(type, (e) => e.stopPropagation());
  // Capture at the root runs before any control's own listener, so a scripted event stops here.
  for (const type of ACTING_EVENTS) {
    shadow.addEventListener(
      type,
      (e) => {
        if (e.isTrusted) return;
        e.stopImmediatePropagation();
        e.preventDefault();
      },
      { capture: true },
    );
  }
  shadow.append(style, container);
  // A child of <html>, after <body>: opacity, transforms or filters the page puts on <body> do not
  // reach it, and it comes last in tree order among the top stacking layer.
  document.documentElement.append(host);
  signal.addEventListener('abort', () => host.remove());
  return container;
}
