/**
 * The request schemas of the account plan's objectives (the messages are in messages.ts). An edit
 * carries only the fields it changes, each with the value it had when read (`base`), and is
 * merged field by field (utils/shared/field-merge.ts); the status has a message of its own, so
 * that `statusAt` is set in one place.
 */
import * as z from 'zod/mini';
import { Decision, Id, NextAction, Objective, ObjectiveStatus } from './model';

const ObjectiveFields = z.object({
  outcome: Objective.shape.outcome,
  measure: Objective.shape.measure,
  target: Objective.shape.target,
  due: Objective.shape.due,
});

export const CreateObjective = z.object({
  accountId: Id,
  ...ObjectiveFields.shape,
  status: z.optional(ObjectiveStatus),
});

export const UpdateObjective = z
  .object({
    id: Id,
    patch: z.partial(ObjectiveFields),
    base: z.partial(ObjectiveFields),
  })
  .check(
    z.refine((r) => Object.keys(r.patch).every((k) => Object.hasOwn(r.base, k)), {
      message: 'base: an edit says what each changed field was when read',
      path: ['base'],
    }),
  );

/** `base` is the status as read: set elsewhere meanwhile, the answer is a conflict. */
export const SetObjectiveStatus = z.object({
  id: Id,
  status: ObjectiveStatus,
  base: ObjectiveStatus,
});

/**
 * What deleting an objective unlinked in the same transaction: the account's next action (as it
 * was, link included) and the decisions that named it. Undo links them again, where they are
 * still as they were left.
 */
export const ObjectiveUnlinked = z.object({
  nextAction: z.nullable(NextAction),
  decisionIds: z.array(Decision.shape.id).check(z.maxLength(10_000)),
});

export const RestoreObjective = z.object({
  objective: Objective,
  unlinked: ObjectiveUnlinked,
});

export type ObjectiveUnlinked = z.infer<typeof ObjectiveUnlinked>;
