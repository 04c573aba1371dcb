/**
 * Key players due for contact: each person whose role's cadence has run out since they were last
 * seen on a thread or contacted (utils/shared/freshness.ts). The popup lists those due by today;
 * the calendar shows each on the day their cadence runs out.
 */
import type { KeyPlayerDue } from '@/utils/contract/messages';
import { freshnessOf } from '@/utils/shared/freshness';
import type { Handlers } from './common';

export const keyPlayerHandlers = {
  async listKeyPlayersDue(req, ctx) {
    const [settings, people] = await Promise.all([ctx.settings(), ctx.db.getAll('people')]);
    const now = ctx.now();
    const due: Omit<KeyPlayerDue, 'accountName'>[] = [];
    for (const p of people) {
      const f = freshnessOf(p, settings.roleCadenceDays, now);
      if (f.dueDay === null || f.cadence === null || f.dueDay > req.until) continue;
      due.push({
        personId: p.id,
        name: p.name,
        role: p.role,
        accountId: p.accountId,
        lastAt: f.lastAt,
        cadence: f.cadence,
        dueDay: f.dueDay,
      });
    }
    due.sort((a, b) => a.dueDay.localeCompare(b.dueDay) || a.name.localeCompare(b.name));
    const shown = req.limit === undefined ? due : due.slice(0, req.limit);
    // Only the accounts of the people shown are read: a name each, not the whole list.
    const tx = ctx.db.transaction('accounts');
    const names = new Map<string, string>();
    await Promise.all(
      [...new Set(shown.map((d) => d.accountId))].map(async (id) => {
        const account = await tx.store.get(id);
        if (account) names.set(id, account.name);
      }),
    );
    const items: KeyPlayerDue[] = shown.flatMap((d) => {
      const accountName = names.get(d.accountId);
      return accountName === undefined ? [] : [{ ...d, accountName }];
    });
    return { data: { items, total: due.length }, changed: [] };
  },
} satisfies Partial<Handlers>;
