/**
 * Which rows of a long table to put in the DOM: those in the scrolled viewport and a few either
 * side. Every row has the same height (ROW_HEIGHT, held by virtual-table.css), so the position of
 * any row is known without rendering the rows before it.
 */
import { useEffect, useState } from 'preact/hooks';

/** Pixels per row; virtual-table.css gives every row exactly this height. */
export const ROW_HEIGHT = 56;
/** Rows rendered beyond each edge of the viewport, so a short scroll shows no gap. */
export const OVERSCAN = 10;

export interface RowWindow {
  /** First row rendered. */
  start: number;
  /** One past the last row rendered. */
  end: number;
  /** First and one past the last row actually in view (for "Accounts 1–20 of 100,000"). */
  firstVisible: number;
  lastVisible: number;
}

export function rowWindow(
  scrollTop: number,
  viewport: number,
  total: number,
  rowHeight = ROW_HEIGHT,
  overscan = OVERSCAN,
): RowWindow {
  const firstVisible = Math.min(total, Math.max(0, Math.floor(scrollTop / rowHeight)));
  const lastVisible = Math.min(total, Math.ceil((scrollTop + viewport) / rowHeight));
  return {
    start: Math.max(0, firstVisible - overscan),
    end: Math.min(total, lastVisible + overscan),
    firstVisible,
    lastVisible,
  };
}

/**
 * The scroll position and height of `scroller`, kept up to date; one state update per animation
 * frame at most while the user scrolls. `toTop` scrolls back to the first row at once.
 */
export function useScrollBox(
  scroller: { readonly current: HTMLElement | null },
  fallbackHeight: number,
): { top: number; height: number; toTop: () => void } {
  const [box, setBox] = useState({ top: 0, height: fallbackHeight });
  const toTop = () => {
    if (scroller.current) scroller.current.scrollTop = 0;
    setBox((b) => (b.top === 0 ? b : { ...b, top: 0 }));
  };
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    let frame = 0;
    const read = () => {
      frame = 0;
      // A box not laid out yet (a test's DOM) keeps the fallback height.
      setBox({ top: el.scrollTop, height: el.clientHeight || fallbackHeight });
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(read);
    };
    read();
    el.addEventListener('scroll', onScroll, { passive: true });
    const resize = typeof ResizeObserver === 'function' ? new ResizeObserver(onScroll) : null;
    resize?.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      resize?.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [scroller.current]);
  return { ...box, toTop };
}
