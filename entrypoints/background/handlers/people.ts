/**
 * The people of an account: added or edited field by field, removed, and put back by Undo.
 */
import type { Person } from '@/utils/contract/model';
import { type HandlerContext, type Handlers, HandlerError, write, mustGetAccount } from './common';

export function newPerson(
  ctx: HandlerContext,
  fields: Pick<Person, 'accountId' | 'name' | 'emails'>,
): Person {
  return {
    id: ctx.newId(),
    title: '',
    role: 'unknown',
    influence: 3,
    attitude: 'neutral',
    notes: '',
    lastContactAt: null,
    ...fields,
  };
}

export const peopleHandlers = {
  async upsertPerson(req, ctx) {
    return write(ctx, ['accounts', 'people'], async (tx) => {
      await mustGetAccount(tx, req.accountId);
      const existing = req.id ? await tx.objectStore('people').get(req.id) : undefined;
      if (req.id && !existing) throw new HandlerError('not_found', 'That person no longer exists.');
      if (!existing && !req.name)
        throw new HandlerError('invalid', 'name: a new person needs a name');
      const given = Object.fromEntries(Object.entries(req).filter(([, v]) => v !== undefined));
      const base =
        existing ?? newPerson(ctx, { accountId: req.accountId, name: req.name!, emails: [] });
      const person = {
        ...base,
        ...given,
        emails: [...new Set(req.emails ?? base.emails)],
      } as Person;
      await tx.objectStore('people').put(person);
      const moved = existing && existing.accountId !== person.accountId;
      return {
        data: person,
        changed: moved ? [existing.accountId, person.accountId] : [person.accountId],
      };
    });
  },

  async deletePerson(req, ctx) {
    return write(ctx, ['people'], async (tx) => {
      const person = await tx.objectStore('people').get(req.id);
      if (!person) throw new HandlerError('not_found', 'That person no longer exists.');
      await tx.objectStore('people').delete(req.id);
      return { data: person, changed: [person.accountId] };
    });
  },

  async restorePerson(req, ctx) {
    return write(ctx, ['accounts', 'people'], async (tx) => {
      await mustGetAccount(tx, req.person.accountId);
      await tx.objectStore('people').put(req.person);
      return { data: req.person, changed: [req.person.accountId] };
    });
  },
} satisfies Partial<Handlers>;
