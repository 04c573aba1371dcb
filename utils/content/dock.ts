/**
 * The sidebar's place in a host page: the extension's own page (sidebar.html) in a frame, docked
 * on one edge, with the host narrowed by the frame's width so that nothing of the host is under
 * it. The content script owns only this placement; the UI and the data live in the frame, which
 * the page can neither read nor script (another origin), nor send events (its own document).
 *
 * The frame sits in the shadow root of a `<rapport-dock>` element, beside a grip to drag its
 * width: inside the host's own side-panel slot where it has one (Gmail), else after <body>, fixed
 * to the window's edge, with the host's layout narrowed by the same width. A page that removes the element gets it back at once; one that covers it
 * gets a frame that refuses writes while covered (the frame's own visibility check).
 */
import { GRIP_WIDTH } from '@/utils/contract/dock-layout';
import { ext as browser } from '@/utils/shared/ext';

/** The sidebar frame's page: web-accessible to the host pages, and to nothing else. */
export const SIDEBAR_PAGE = '/sidebar.html';

export interface DockGeometry {
  side: 'left' | 'right';
  /** The frame's width in CSS px: the panel, or the rail when collapsed. */
  width: number;
  /** The grip shows only beside the open panel. */
  resizable: boolean;
}

export interface Dock {
  place(geometry: DockGeometry): void;
  /** Moves keyboard focus into the frame: only on the user's own action (a shortcut). */
  focusFrame(): void;
  /** Gives keyboard focus back to what had it before focusFrame. */
  returnFocus(): void;
  readonly frame: HTMLIFrameElement;
}

const set = (el: HTMLElement, css: Record<string, string>) => {
  for (const [name, value] of Object.entries(css)) el.style.setProperty(name, value, 'important');
};

/**
 * Mounts the dock until `signal` aborts, then takes it out and gives the host its width back.
 * `onResized` gets the width the user dragged the grip to.
 */
export function mountDock(
  signal: AbortSignal,
  onResized: (width: number) => void,
  findSlot: () => Element | null = () => null,
): Dock {
  const host = document.createElement('rapport-dock');
  // Open lets tests find the frame. It lets the page reach the grip and the frame element too (a
  // shadow tree's frames are not in `window.frames`, so a closed root would hide them): whatever
  // the page changes there is undone below. What matters is inside the frame, another origin.
  const shadow = host.attachShadow({ mode: 'open' });
  const frame = document.createElement('iframe');
  const sidebarUrl = browser.runtime.getURL(SIDEBAR_PAGE as '/sidebar.html');
  frame.src = sidebarUrl;
  frame.title = 'Rapport';
  // The frame's page paints its own background; the host's colour scheme must not tint it.
  set(frame, {
    border: '0',
    width: '100%',
    height: '100%',
    display: 'block',
    'color-scheme': 'normal',
    background: 'transparent',
  });
  const grip = document.createElement('div');
  // For the pointer only: the frame's own separator is the one keyboards and screen readers use.
  grip.setAttribute('aria-hidden', 'true');
  set(grip, {
    position: 'absolute',
    top: '0',
    bottom: '0',
    width: `${GRIP_WIDTH}px`,
    cursor: 'col-resize',
    'touch-action': 'none',
    'z-index': '1',
  });
  shadow.append(grip, frame);

  // A page that points the frame elsewhere (its src, or its window's location), or takes the grip
  // or the frame out of the shadow root, gets the sidebar back: it reloads, its state is in the
  // background. Loads the dock started itself are its own; any other load is the page's doing.
  let ownLoads = 1;
  const reload = () => {
    ownLoads = 1;
    frame.setAttribute('src', sidebarUrl);
    // Setting an unchanged src does not take a frame the page navigated back: a new frame does.
    frame.remove();
    shadow.append(frame);
  };
  frame.addEventListener('load', () => {
    if (ownLoads > 0) ownLoads--;
    else reload();
  });
  const repair = new MutationObserver(() => {
    for (const node of Array.from(shadow.childNodes)) {
      if (node !== grip && node !== frame) node.remove();
    }
    if (grip.parentNode !== shadow) shadow.prepend(grip);
    frame.removeAttribute('srcdoc');
    frame.removeAttribute('sandbox');
    if (frame.parentNode !== shadow) {
      ownLoads = 1;
      shadow.append(frame);
    } else if (frame.getAttribute('src') !== sidebarUrl) {
      reload();
    }
  });
  repair.observe(shadow, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['src', 'srcdoc', 'sandbox'],
  });

  let geometry: DockGeometry = { side: 'right', width: 0, resizable: false };
  let before: Element | null = null;
  const root = document.documentElement;
  root.append(host);

  /** Where the dock is: the host's own side-panel slot (right side only), else after <body>. */
  let parent: Element = root;
  const place = () => {
    const slot = geometry.side === 'right' ? findSlot() : null;
    const next = slot?.isConnected ? slot : root;
    // Moving a frame reloads it: only when the slot appears, goes, or the side changes.
    if (next !== parent || !host.isConnected) {
      parent = next;
      ownLoads = 1;
      if (parent === root) root.append(host);
      else parent.prepend(host);
      keep.disconnect();
      keep.observe(parent, { childList: true });
    }
  };

  const apply = () => {
    const { side, width, resizable } = geometry;
    place();
    const inSlot = parent !== root;
    // Set one by one (a page's own rules on the element lose to these): where, how big, shown.
    set(host, {
      display: 'block',
      visibility: 'visible',
      opacity: '1',
      transform: 'none',
      filter: 'none',
      'clip-path': 'none',
      margin: '0',
      padding: '0',
      border: '0',
      width: `${width}px`,
      'box-shadow': 'none',
    });
    // The grip is the dock's inner edge and the frame sits beside it. Over the frame, even this
    // transparent grip makes IntersectionObserver v2 report the frame covered (every write then
    // refused); over the host, it took the page's last pixels (its scrollbar, a Reply button).
    const inner = side === 'right' ? 'left' : 'right';
    const outer = side === 'right' ? 'right' : 'left';
    set(grip, { [inner]: '0', display: resizable ? 'block' : 'none' });
    grip.style.removeProperty(outer);
    set(frame, {
      width: resizable ? `calc(100% - ${GRIP_WIDTH}px)` : '100%',
      [`margin-${inner}`]: resizable ? `${GRIP_WIDTH}px` : '0',
    });
    frame.style.removeProperty(`margin-${outer}`);
    root.style.removeProperty('margin-left');
    root.style.removeProperty('margin-right');
    if (inSlot) {
      // In the host's slot, the host's own layout makes room, as for its own side panels.
      for (const p of ['top', 'bottom', 'left', 'right', 'z-index']) host.style.removeProperty(p);
      set(host, { position: 'relative', height: '100%', flex: 'none', 'align-self': 'stretch' });
      return;
    }
    // The document's own scrollbar stays visible and usable, beside the dock.
    const scrollbar = Math.max(0, window.innerWidth - root.clientWidth);
    host.style.removeProperty('flex');
    host.style.removeProperty('align-self');
    set(host, {
      position: 'fixed',
      top: '0',
      bottom: '0',
      height: '100vh',
      [side]: `${side === 'right' ? scrollbar : 0}px`,
      [side === 'right' ? 'left' : 'right']: 'auto',
      'z-index': '2147483646',
    });
    // Make room: the host lays itself out in the rest of the window.
    root.style.setProperty(`margin-${side}`, `${width}px`, 'important');
  };

  // Drag to resize: the user's own pointer only (a page's synthetic events are not trusted).
  let dragging = false;
  grip.addEventListener('pointerdown', (e) => {
    if (!e.isTrusted) return;
    e.preventDefault();
    grip.setPointerCapture(e.pointerId);
    dragging = true;
    // The frame would swallow the pointer while it passes over it.
    set(frame, { 'pointer-events': 'none' });
  });
  const widthAt = (clientX: number) =>
    geometry.side === 'right' ? window.innerWidth - clientX : clientX;
  grip.addEventListener('pointermove', (e) => {
    if (!dragging || !e.isTrusted) return;
    geometry = { ...geometry, width: Math.max(0, Math.round(widthAt(e.clientX))) };
    apply();
  });
  const endDrag = (e: PointerEvent) => {
    if (!dragging || !e.isTrusted) return;
    dragging = false;
    frame.style.removeProperty('pointer-events');
    onResized(geometry.width);
  };
  grip.addEventListener('pointerup', endDrag);
  grip.addEventListener('pointercancel', endDrag);

  // A page that takes the dock out gets it back (the frame reloads, its state is in the store).
  const keep = new MutationObserver(() => {
    if (!host.isConnected) apply();
  });
  keep.observe(root, { childList: true });
  // Taken out with an ancestor (Gmail's side panel removed or rendered anew): nothing changes in
  // the dock's own parent, but its box goes, which a ResizeObserver hears.
  const gone = new ResizeObserver(() => {
    if (!host.isConnected && !signal.aborted) apply();
  });
  gone.observe(host);
  // A window resize is the caller's to hear: the width follows the window (run-reporter's place).

  signal.addEventListener('abort', () => {
    keep.disconnect();
    gone.disconnect();
    repair.disconnect();
    host.remove();
    root.style.removeProperty('margin-left');
    root.style.removeProperty('margin-right');
  });

  return {
    frame,
    place(next) {
      geometry = next;
      apply();
    },
    focusFrame() {
      before = document.activeElement;
      frame.focus();
    },
    returnFocus() {
      frame.blur();
      if (before instanceof HTMLElement && before.isConnected) before.focus();
      before = null;
    },
  };
}
