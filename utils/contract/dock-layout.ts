/**
 * How wide the docked sidebar is: one rule, read by the content script (which sizes the frame and
 * narrows the host) and by the sidebar frame (whose keyboard resize writes the width).
 *
 * The width the user chose is remembered per browser profile (storage.local, not synced: screens
 * differ). With no choice yet it scales with the window. Either way it never takes more than 30%
 * of the window, so the host keeps at least 70% for the open conversation or record.
 */

export interface SidebarLayout {
  collapsed: boolean;
  /** The width the user chose, in CSS px; null until they resize. */
  width: number | null;
}

/** The collapsed sidebar: a rail with the mark and the due count. */
export const RAIL_WIDTH = 44;
export const MIN_WIDTH = 240;
export const MAX_WIDTH = 560;
/** The share of the window the sidebar may take at most. */
export const MAX_SHARE = 0.3;
/** Keyboard resize step. */
export const RESIZE_STEP = 16;
/** Below this the frame shows its rail, whatever the reason it was made narrow. */
export const RAIL_BREAKPOINT = 120;
/**
 * The open dock's resize grip: a strip of the dock's own width beside the frame, so that it lies
 * over neither the frame (IntersectionObserver v2 would call the frame covered) nor the host.
 */
export const GRIP_WIDTH = 6;

/** The widest the panel may be in a window this wide. */
export const maxWidthFor = (windowWidth: number) =>
  Math.max(RAIL_WIDTH, Math.min(MAX_WIDTH, Math.floor(windowWidth * MAX_SHARE)));

/**
 * With no width chosen: a quarter of the window, between MIN_WIDTH and 360 px (then capped). A
 * quarter, not more: at 1024 px Gmail's split pane keeps a reading pane wide enough for a
 * message header (tests/e2e/dock-geometry.test.mjs).
 */
export const defaultWidthFor = (windowWidth: number) =>
  Math.min(
    maxWidthFor(windowWidth),
    Math.max(MIN_WIDTH, Math.min(360, Math.round(windowWidth / 4))),
  );

/** The panel's width in a window this wide: the user's choice within bounds, or the default. */
export function panelWidth(chosen: number | null, windowWidth: number): number {
  if (chosen === null) return defaultWidthFor(windowWidth);
  return Math.round(Math.min(maxWidthFor(windowWidth), Math.max(MIN_WIDTH, chosen)));
}

/** A stored layout, read tolerantly: anything unexpected falls back field by field. */
export function readLayout(raw: unknown, fallbackCollapsed: boolean): SidebarLayout {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const width =
    typeof r.width === 'number' && Number.isFinite(r.width)
      ? Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, r.width)))
      : null;
  return {
    collapsed: typeof r.collapsed === 'boolean' ? r.collapsed : fallbackCollapsed,
    width,
  };
}
