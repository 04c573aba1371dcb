/**
 * Runs `work` once the frame now being prepared has been painted: requestAnimationFrame fires just
 * before that frame's style, layout and paint, and a task queued from there runs after them. Work
 * started in the animation frame itself (even only a dynamic import, which adds preload links)
 * would make that frame later.
 */
export function afterPaint(work: () => void): void {
  requestAnimationFrame(() => setTimeout(work, 0));
}
