/**
 * The account plan's objectives: create, edit (merged field by field), set the status, delete with
 * undo. An account holds at most MAX_OBJECTIVES objectives that are not dropped: a plan of three to
 * five is one the manager can act on; a dropped objective is kept (the KPIs and the brief read its
 * history) and does not count.
 *
 * Deleting an objective unlinks, in the same transaction, the next action and the decisions that
 * named it, so that no record points at an objective that is gone; the answer says what was
 * unlinked, and restoreObjective links those again where they are still as they were left.
 */
import type { Decision, Objective } from '@/utils/contract/model';
import type { ObjectiveStatus } from '@/utils/contract/enums';
import { MAX_OBJECTIVES } from '@/utils/contract/limits';
import { mergeFields, sameValue } from '@/utils/shared/field-merge';
import {
  bump,
  conflictError,
  HandlerError,
  mustGetAccount,
  write,
  type Handlers,
  type Tx,
} from './common';

/** Objectives that count against the limit: every status but dropped. */
export const countsAgainstLimit = (status: ObjectiveStatus) => status !== 'dropped';

async function mustGetObjective(tx: Tx, id: string): Promise<Objective> {
  const objective = await tx.objectStore('objectives').get(id);
  if (!objective) throw new HandlerError('not_found', 'That objective no longer exists.');
  return objective;
}

/** Refuses a write that would give the account more than MAX_OBJECTIVES that are not dropped. */
async function checkRoom(tx: Tx, accountId: string, exceptId?: string): Promise<void> {
  const all = await tx.objectStore('objectives').index('byAccount').getAll(accountId);
  const active = all.filter((o) => o.id !== exceptId && countsAgainstLimit(o.status)).length;
  if (active >= MAX_OBJECTIVES) {
    throw new HandlerError(
      'invalid',
      `An account plan holds at most ${MAX_OBJECTIVES} objectives that are not dropped; drop or delete one first.`,
    );
  }
}

/**
 * A next action or a decision may name an objective only of its own account. The transaction
 * must include the objectives store.
 */
export async function checkObjectiveLink(
  tx: Tx,
  accountId: string,
  objectiveId: string | undefined,
): Promise<void> {
  if (objectiveId === undefined) return;
  const objective = await tx.objectStore('objectives').get(objectiveId);
  if (!objective || objective.accountId !== accountId) {
    throw new HandlerError(
      'invalid',
      'The objective linked is not one of this account’s objectives.',
    );
  }
}

export const objectiveHandlers = {
  async createObjective(req, ctx) {
    return write(ctx, ['accounts', 'objectives'], async (tx) => {
      await mustGetAccount(tx, req.accountId);
      const status = req.status ?? 'on_track';
      if (countsAgainstLimit(status)) await checkRoom(tx, req.accountId);
      const now = ctx.now();
      const objective: Objective = {
        id: ctx.newId(),
        accountId: req.accountId,
        outcome: req.outcome,
        measure: req.measure,
        target: req.target,
        due: req.due,
        status,
        statusAt: now,
        createdAt: now,
      };
      await tx.objectStore('objectives').add(objective);
      return { data: objective, changed: [req.accountId] };
    });
  },

  async updateObjective(req, ctx) {
    return write(ctx, ['objectives'], async (tx) => {
      const objective = await mustGetObjective(tx, req.id);
      const merged = mergeFields(objective, req.patch, req.base);
      if (!merged.ok) throw conflictError(merged.conflicts);
      if (merged.applied.length === 0) return { data: objective, changed: [] };
      await tx.objectStore('objectives').put(merged.next);
      return { data: merged.next, changed: [objective.accountId] };
    });
  },

  async setObjectiveStatus(req, ctx) {
    return write(ctx, ['objectives'], async (tx) => {
      const objective = await mustGetObjective(tx, req.id);
      if (objective.status === req.status) return { data: objective, changed: [] };
      if (objective.status !== req.base) {
        throw conflictError([{ field: 'status', mine: req.status, theirs: objective.status }]);
      }
      // Back from dropped, it counts again.
      if (!countsAgainstLimit(objective.status) && countsAgainstLimit(req.status)) {
        await checkRoom(tx, objective.accountId, objective.id);
      }
      const next: Objective = { ...objective, status: req.status, statusAt: ctx.now() };
      await tx.objectStore('objectives').put(next);
      return { data: next, changed: [objective.accountId] };
    });
  },

  async deleteObjective(req, ctx) {
    return write(ctx, ['accounts', 'objectives', 'decisions'], async (tx) => {
      const objective = await mustGetObjective(tx, req.id);
      const account = await mustGetAccount(tx, objective.accountId);
      let nextAction = null;
      if (account.nextAction?.objectiveId === objective.id) {
        nextAction = account.nextAction;
        const { objectiveId: _gone, ...rest } = account.nextAction;
        await tx.objectStore('accounts').put(bump(account, ctx.now(), { nextAction: rest }));
      }
      const decisionIds: string[] = [];
      const decisions = tx.objectStore('decisions');
      for (const d of await decisions.index('byAccount').getAll(objective.accountId)) {
        if (d.objectiveId !== objective.id) continue;
        const { objectiveId: _gone, ...rest } = d;
        await decisions.put(rest);
        decisionIds.push(d.id);
      }
      await tx.objectStore('objectives').delete(objective.id);
      return {
        data: { objective, unlinked: { nextAction, decisionIds } },
        changed: [objective.accountId],
      };
    });
  },

  async restoreObjective(req, ctx) {
    const { objective, unlinked } = req;
    return write(ctx, ['accounts', 'objectives', 'decisions'], async (tx) => {
      const account = await mustGetAccount(tx, objective.accountId);
      if (await tx.objectStore('objectives').get(objective.id)) {
        throw new HandlerError('invalid', 'That objective is already there.');
      }
      if (countsAgainstLimit(objective.status)) await checkRoom(tx, objective.accountId);
      await tx.objectStore('objectives').add(objective);
      // The next action gets its link back only if it is still the one that was unlinked.
      const was = unlinked.nextAction;
      if (was?.objectiveId === objective.id && account.nextAction) {
        const { objectiveId: _link, ...left } = was;
        if (sameValue(account.nextAction, left)) {
          await tx.objectStore('accounts').put(bump(account, ctx.now(), { nextAction: was }));
        }
      }
      const decisions = tx.objectStore('decisions');
      for (const id of unlinked.decisionIds) {
        const d = await decisions.get(id);
        if (d && d.accountId === objective.accountId && d.objectiveId === undefined) {
          await decisions.put({ ...d, objectiveId: objective.id });
        }
      }
      return { data: objective, changed: [objective.accountId] };
    });
  },
} satisfies Partial<Handlers>;

/** The decision as given, without its objective link if that names no objective of its account. */
export async function linkOrNothing(tx: Tx, decision: Decision): Promise<Decision> {
  if (decision.objectiveId === undefined) return decision;
  const objective = await tx.objectStore('objectives').get(decision.objectiveId);
  if (objective?.accountId === decision.accountId) return decision;
  const { objectiveId: _gone, ...rest } = decision;
  return rest;
}
