/**
 * Account and person writes as every surface sends them: the changed fields only, each with the
 * value it was read at, so the background merges different fields and asks about the same one.
 */
import type { Account, Person } from '@/utils/contract/model';
import type { RequestOf } from '@/utils/contract/messages';
import { changesFrom, flatten, nest, type Change } from '@/utils/shared/field-merge';
import type { Send } from './sidebar-types';

type Patch = RequestOf<'updateAccount'>['patch'];

/**
 * What a form's values change against the account as it was read (`readAt`): each part of the
 * profile is a field of its own, so two people editing different parts merge.
 */
export const accountChange = (readAt: Account, patch: Patch): Change =>
  changesFrom(readAt, flatten(patch, ['profile']));

/** The sender of one account's changes, for useMergedWrite. */
export const sendAccountChange = (send: Send, id: string) => (c: Change) =>
  send('updateAccount', { id, patch: nest(c.changes) as Patch, base: nest(c.base) as Patch });

type PersonFields = Omit<RequestOf<'upsertPerson'>, 'id' | 'accountId' | 'base'>;

/** What an edit of a person changes against the person as read: the fields, with read values. */
export const personChange = (readAt: Partial<Person>, fields: PersonFields): Change =>
  changesFrom(readAt, fields);

/** The sender of one person's changes, for useMergedWrite. */
export const sendPersonChange =
  (send: Send, person: Pick<Person, 'id' | 'accountId'>) => (c: Change) =>
    send('upsertPerson', {
      id: person.id,
      accountId: person.accountId,
      ...(c.changes as PersonFields),
      base: c.base as PersonFields,
    });
