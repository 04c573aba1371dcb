/**
 * Lays a row of buttons out in the most columns that let every label show whole: a long language
 * (Russian stage names are twice the English ones) or a narrow panel takes two columns, then one,
 * rather than cutting words to "Такт…". The choice is the `data-cols` attribute; CSS draws it.
 */
import { useLayoutEffect } from 'preact/hooks';

const cut = (el: HTMLElement) =>
  [...el.querySelectorAll('button')].some((b) => b.scrollWidth > b.clientWidth);

export function fitColumns(el: HTMLElement, counts: readonly number[]): void {
  for (const n of counts) {
    el.dataset.cols = String(n);
    if (!cut(el)) return;
  }
}

/** Fits on mount, on a change of `deps`, and whenever the element's width changes. */
export function useFitColumns(
  ref: { current: HTMLElement | null },
  counts: readonly number[],
  deps: unknown[] = [],
): void {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    fitColumns(el, counts);
    if (typeof ResizeObserver === 'undefined') return;
    // Only a new width can change the fit: the height this layout gives must not start it again.
    let width = el.clientWidth;
    const observer = new ResizeObserver(() => {
      if (el.clientWidth === width) return;
      width = el.clientWidth;
      fitColumns(el, counts);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, deps);
}
