/**
 * Clicks only when seen: the sidebar frame refuses writes while the page covers, hides or moves
 * it, so a page cannot trick the user into clicking Rapport's controls under a decoy
 * (clickjacking), and says why.
 *
 * Chromium: IntersectionObserver v2 (`trackVisibility`) reports `isVisible` false while anything
 * is drawn over the frame, or it has opacity, a transform or a filter from any ancestor in the
 * page. Firefox has no v2: there the frame must be fully inside the viewport, and every change
 * of its geometry or visibility starts a quiet period in which writes wait (a frame slid under
 * the pointer a moment before a click). SECURITY.md names what Firefox cannot see.
 */

/** How long a change of the frame's visibility must have lasted before a write counts. */
export const SETTLE_MS = 500;

/** IntersectionObserver v2's least `delay`: at most one report per this many ms. */
const DELAY_MS = 100;

/**
 * After any v2 report, how long writes wait: a cover put up within `delay` of a report is
 * reported only once the delay is over, so until then the last report may no longer hold.
 */
export const QUIET_MS = DELAY_MS + 50;

export interface VisibilityWatch {
  /** True when the frame has been fully visible, unchanged, for long enough to trust a click. */
  visible(): boolean;
  /**
   * The verdict on a click just made: waits for the browser's first report (a frame that has just
   * loaded has none yet, up to FIRST_REPORT_MS), then for one more check period, so a cover put up
   * a moment before the click is reported before the write is let through.
   */
  confirm(): Promise<boolean>;
}

/** How long a click waits for the first report of a frame that has just loaded. */
export const FIRST_REPORT_MS = 1_500;

type V2Entry = IntersectionObserverEntry & { isVisible?: boolean };

/**
 * Watches `target` (the frame's own root element) until the page unloads. `onChange` hears each
 * change, for the notice the panel shows while covered.
 */
export function watchVisibility(
  target: Element,
  onChange: (visible: boolean) => void,
  now: () => number = () => performance.now(),
): VisibilityWatch {
  let seen = false;
  // The first report is passed on even when it says "not visible": a frame covered from the
  // start must say so before the user's first click, not only answer it with a refusal.
  let reported = false;
  let since = now();
  let lastReport = -Infinity;
  const tracksV2 = 'isVisible' in IntersectionObserverEntry.prototype;
  let firstReport: () => void = () => {};
  const reportedOnce = new Promise<void>((resolve) => (firstReport = resolve));
  const observer = new IntersectionObserver(
    (entries) => {
      const entry = entries[entries.length - 1] as V2Entry | undefined;
      if (!entry) return;
      const next = tracksV2
        ? entry.isIntersecting && entry.isVisible === true
        : entry.isIntersecting && entry.intersectionRatio >= 0.99;
      const first = !reported;
      if (!first) lastReport = now();
      if (next !== seen || first) {
        reported = true;
        seen = next;
        // v2's first report, as the frame loads, is trusted at once (nothing of Rapport was on
        // screen before it). Any later change to "visible" must last: a page that uncovers the
        // frame for a moment, then covers it again just before the click, gets no write.
        since = first && tracksV2 ? -Infinity : now();
        firstReport();
        onChange(next);
      }
    },
    // `trackVisibility` needs a delay of at least 100 ms; browsers without v2 ignore both.
    { threshold: [0, 0.99, 1], trackVisibility: true, delay: DELAY_MS } as IntersectionObserverInit,
  );
  observer.observe(target);
  const visible = () =>
    seen && now() - since >= SETTLE_MS && (!tracksV2 || now() - lastReport >= QUIET_MS);
  const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  return {
    visible,
    async confirm() {
      await Promise.race([reportedOnce, wait(FIRST_REPORT_MS)]);
      if (!visible()) return false;
      await wait(QUIET_MS);
      return visible();
    },
  };
}
