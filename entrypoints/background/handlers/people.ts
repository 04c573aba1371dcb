/**
 * The people of an account: added or edited field by field, removed, and put back by Undo.
 */
import type { Person } from '@/utils/contract/model';
import {
  type HandlerContext,
  type Handlers,
  HandlerError,
  conflictError,
  write,
  mustGetAccount,
} from './common';
import { mergeFields } from '@/utils/shared/field-merge';

/**
 * An update of a stored person: the fields it changes, merged with what others changed since it
 * read them (utils/shared/field-merge.ts). The same person comes back when nothing changes.
 */
function merged(
  existing: Person,
  given: Record<string, unknown>,
  read: Record<string, unknown>,
): Person {
  const { id: _id, ...changes } = given;
  // The record's keys (its id and account) address it; they are not merged but moved as given.
  const { accountId, ...rest } = changes;
  const m = mergeFields(existing, rest, read);
  if (!m.ok) throw conflictError(m.conflicts);
  if (accountId === existing.accountId || accountId === undefined) {
    return m.applied.length ? m.next : existing;
  }
  return { ...m.next, accountId: accountId as string };
}

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
      const { base: read, ...fields } = req;
      const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      if (given.emails) given.emails = [...new Set(req.emails)];
      const person = existing
        ? merged(existing, given, read ?? {})
        : ({
            ...newPerson(ctx, { accountId: req.accountId, name: req.name!, emails: [] }),
            ...given,
          } as Person);
      if (existing && person === existing) return { data: existing, changed: [] };
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
