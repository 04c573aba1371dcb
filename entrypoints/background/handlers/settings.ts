/**
 * The settings, and the reminder check a page may run at once.
 */
import type { Settings } from '@/utils/contract/settings';
import type { Handlers } from './common';

export const settingsHandlers = {
  async checkReminders(req, ctx) {
    return { data: await ctx.checkReminders(req.now ?? ctx.now()), changed: [] };
  },

  async updateSettings(req, ctx) {
    const current = await ctx.settings();
    await ctx.saveSettings({
      ...current,
      ...req,
      cadenceDays: { ...current.cadenceDays, ...req.cadenceDays },
      roleCadenceDays: { ...current.roleCadenceDays, ...req.roleCadenceDays },
      version: current.version,
    } as Settings);
    return { data: true, changed: [] };
  },
} satisfies Partial<Handlers>;
