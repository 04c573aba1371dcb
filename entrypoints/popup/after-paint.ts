/**
 * Runs `work` once the frame now being prepared has been painted: requestAnimationFrame fires just
 * before that frame's style, layout and paint, and a task queued from there runs after them. Work
 * started in the animation frame itself (even only a dynamic import, which adds preload links)
 * would make that frame later.
 *
 * The task is queued at background priority where the browser has the Prioritized Task Scheduling
 * API (Chromium): what follows the due list (loading the item tools, the settings, the key
 * players) then waits behind anything more urgent the page has queued, such as the user's first
 * click or key press, instead of running ahead of it in the task right after the frame.
 */
interface Scheduler {
  postTask?: (work: () => void, options: { priority: 'background' }) => Promise<unknown>;
}

export function afterPaint(work: () => void): void {
  requestAnimationFrame(() => {
    const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
    if (scheduler?.postTask) void scheduler.postTask(work, { priority: 'background' });
    else setTimeout(work, 0);
  });
}
