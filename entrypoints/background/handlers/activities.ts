/**
 * Follow-ups and what comes of them: activities logged and taken back, the next action set or
 * completed, decisions recorded, and the lists of them (an account's follow-ups, what is due).
 */
import { activitiesOf } from '../account-reads';
import { type StoredAccount } from '../db';
import type { DueItem } from '@/utils/contract/messages';
import type { Account, Activity, Decision, NextAction } from '@/utils/contract/model';
import { today } from '@/utils/shared/dates';
import { mergeFields } from '@/utils/shared/field-merge';
import { applyNextChoice, kindOf } from '@/utils/shared/follow-up';
import {
  type Handlers,
  HandlerError,
  conflictError,
  type WriteTx,
  write,
  mustGetAccount,
  bump,
  summary,
} from './common';
import { checkObjectiveLink, linkOrNothing } from './objectives';

/** What a follow-up records of the next action it set: its words and due day as they were. */
const setBy = (next: NextAction) => ({ text: next.text, due: next.due });

export const activityHandlers = {
  async logActivity(req, ctx) {
    return write(ctx, ['accounts', 'people', 'activities', 'objectives'], async (tx) => {
      const account = await mustGetAccount(tx, req.activity.accountId);
      const choice = applyNextChoice(account.nextAction, req.next);
      if (!choice.ok) throw conflictError([choice.conflict]);
      if (choice.nextAction?.objectiveId !== account.nextAction?.objectiveId) {
        await checkObjectiveLink(tx, account.id, choice.nextAction?.objectiveId);
      }
      const { source, ...rest } = req.activity;
      const activity: Activity = {
        ...rest,
        outcome: rest.outcome ?? '',
        id: ctx.newId(),
        ...(source ? { source } : {}),
        ...(choice.completed ? { completed: choice.completed } : {}),
        ...(choice.completedDue ? { completedDue: choice.completedDue } : {}),
        ...(choice.nextAction ? { nextSet: setBy(choice.nextAction) } : {}),
      };
      await tx.objectStore('activities').add(activity);
      await touchPeople(tx, activity);
      const patch = choice.nextAction === undefined ? {} : { nextAction: choice.nextAction };
      const next = bump(account, ctx.now(), patch);
      await tx.objectStore('accounts').put(next);
      return { data: { activity, account: next }, changed: [account.id] };
    });
  },

  async deleteActivity(req, ctx) {
    return write(ctx, ['activities', 'people'], async (tx) => {
      const activity = await tx.objectStore('activities').get(req.id);
      if (!activity) throw new HandlerError('not_found', 'That follow-up no longer exists.');
      await tx.objectStore('activities').delete(req.id);
      await untouchPeople(tx, activity);
      return { data: { accountId: activity.accountId }, changed: [activity.accountId] };
    });
  },

  async setNextAction(req, ctx) {
    return write(ctx, ['accounts', 'objectives'], async (tx) => {
      const account = await mustGetAccount(tx, req.accountId);
      await checkObjectiveLink(tx, account.id, req.nextAction?.objectiveId);
      const merged = mergeFields(account, { nextAction: req.nextAction }, { nextAction: req.base });
      if (!merged.ok) throw conflictError(merged.conflicts);
      if (merged.applied.length === 0) return { data: account, changed: [] };
      const next = bump(account, ctx.now(), { nextAction: req.nextAction });
      await tx.objectStore('accounts').put(next);
      return { data: next, changed: [next.id] };
    });
  },

  async completeNextAction(req, ctx) {
    return write(ctx, ['accounts', 'people', 'activities', 'objectives'], async (tx) => {
      const account = await mustGetAccount(tx, req.accountId);
      const done = account.nextAction;
      if (!done) throw new HandlerError('invalid', 'This account has no next action to complete.');
      await checkObjectiveLink(tx, account.id, req.next?.objectiveId);
      const activity: Activity = {
        id: ctx.newId(),
        accountId: account.id,
        personIds: done.personId ? [done.personId] : [],
        kind: req.kind ?? kindOf(done.text),
        at: req.at,
        summary: done.text,
        outcome: req.outcome ?? '',
        completedDue: done.due,
        ...(req.next ? { nextSet: setBy(req.next) } : {}),
      };
      await tx.objectStore('activities').add(activity);
      await touchPeople(tx, activity);
      const next = bump(account, ctx.now(), { nextAction: req.next ?? null });
      await tx.objectStore('accounts').put(next);
      return { data: { activity, account: next }, changed: [account.id] };
    });
  },

  async addDecision(req, ctx) {
    return write(ctx, ['accounts', 'decisions', 'objectives'], async (tx) => {
      await mustGetAccount(tx, req.accountId);
      await checkObjectiveLink(tx, req.accountId, req.objectiveId);
      const decision: Decision = {
        id: ctx.newId(),
        accountId: req.accountId,
        date: req.date,
        what: req.what,
        why: req.why ?? '',
        decidedBy: req.decidedBy ?? '',
        alternatives: req.alternatives ?? '',
        ...(req.sourceUrl ? { sourceUrl: req.sourceUrl } : {}),
        ...(req.objectiveId ? { objectiveId: req.objectiveId } : {}),
      };
      await tx.objectStore('decisions').add(decision);
      return { data: decision, changed: [req.accountId] };
    });
  },

  async deleteDecision(req, ctx) {
    return write(ctx, ['decisions'], async (tx) => {
      const decision = await tx.objectStore('decisions').get(req.id);
      if (!decision) throw new HandlerError('not_found', 'That decision no longer exists.');
      await tx.objectStore('decisions').delete(req.id);
      return { data: decision, changed: [decision.accountId] };
    });
  },

  async restoreDecision(req, ctx) {
    return write(ctx, ['accounts', 'decisions', 'objectives'], async (tx) => {
      await mustGetAccount(tx, req.decision.accountId);
      // Undo puts the decision back even if its objective went meanwhile: without the link.
      const decision = await linkOrNothing(tx, req.decision);
      await tx.objectStore('decisions').put(decision);
      return { data: decision, changed: [decision.accountId] };
    });
  },

  async listActivities(req, ctx) {
    const upper = req.before === undefined ? Number.MAX_SAFE_INTEGER : req.before - 1;
    const range = IDBKeyRange.bound([req.accountId, 0], [req.accountId, Math.max(upper, 0)]);
    const found: Activity[] = [];
    const index = ctx.db.transaction('activities').store.index('byAccountAt');
    let cursor = await index.openCursor(range, 'prev');
    while (cursor && found.length < (req.limit ?? 50)) {
      found.push(cursor.value);
      cursor = await cursor.continue();
    }
    return { data: found, changed: [] };
  },

  async listDue(req, ctx) {
    const now = today(ctx.now());
    const accounts = await ctx.db.getAllFromIndex(
      'accounts',
      'byNextDue',
      IDBKeyRange.upperBound(req.until),
      req.limit,
    );
    const data: DueItem[] = accounts
      .filter(
        (a): a is StoredAccount & { nextAction: NonNullable<Account['nextAction']> } =>
          a.nextAction !== null,
      )
      .map((a) => ({ ...summary(a), nextAction: a.nextAction, overdue: a.nextAction.due < now }));
    return { data, changed: [] };
  },
} satisfies Partial<Handlers>;

/**
 * The reverse of touchPeople, for a follow-up taken back (Undo): whoever it marked as last
 * contacted goes back to their latest remaining follow-up, or to never.
 */
async function untouchPeople(tx: WriteTx, removed: Activity) {
  const people = tx.objectStore('people');
  for (const id of removed.personIds) {
    const person = await people.get(id);
    if (!person || person.lastContactAt !== removed.at) continue;
    let latest: number | null = null;
    let cursor = await tx
      .objectStore('activities')
      .index('byAccountAt')
      .openCursor(activitiesOf(removed.accountId), 'prev');
    while (cursor && latest === null) {
      if (cursor.value.personIds.includes(id)) latest = cursor.value.at;
      cursor = await cursor.continue();
    }
    await people.put({ ...person, lastContactAt: latest });
  }
}

/**
 * Logging a follow-up with people marks when we last spoke to each of them. A person of another
 * account is refused, and the follow-up with it: it would mark someone at another client as
 * spoken to (their cadence, the KPIs) by a meeting that client never had.
 */
async function touchPeople(tx: WriteTx, activity: Activity) {
  const store = tx.objectStore('people');
  for (const id of activity.personIds) {
    const person = await store.get(id);
    if (person && person.accountId !== activity.accountId)
      throw new HandlerError('invalid', `"${person.name}" is not one of this account's people.`);
    if (person && (person.lastContactAt ?? 0) < activity.at)
      await store.put({ ...person, lastContactAt: activity.at });
  }
}
