/**
 * The settings, and the reminder check a page may run at once.
 */
import { mergeSettings } from '@/utils/shared/settings-merge';
import { conflictError, type Handlers } from './common';

/**
 * One settings write at a time: each reads the settings, merges and writes them back, and two
 * interleaved (the popup and the options page at once) would each write over the other's change.
 */
let queue: Promise<unknown> = Promise.resolve();
function serially<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

export const settingsHandlers = {
  async checkReminders(req, ctx) {
    return { data: await ctx.checkReminders(req.now ?? ctx.now()), changed: [] };
  },

  updateSettings(req, ctx) {
    const { base, ...patch } = req;
    return serially(async () => {
      const current = await ctx.settings();
      const merged = mergeSettings(current, patch, base);
      if (!merged.ok) throw conflictError(merged.conflicts);
      if (merged.applied.length > 0)
        await ctx.saveSettings({ ...merged.next, version: current.version });
      return { data: true as const, changed: [] };
    });
  },
} satisfies Partial<Handlers>;
