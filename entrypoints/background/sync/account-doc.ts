/**
 * One shared account as a Y.Doc, and back. The doc is what the team shares; IndexedDB stays the
 * UI's source of truth, and this module only maps between the two:
 *
 *   account          Y.Map   the account's fields, each its own key (two people editing two
 *                            different fields both keep their edit)
 *   profile.<field>  Y.Text  goals, pain points, opportunities: edits merge as text
 *   people           Y.Map   id -> Y.Map of the person's fields; notes a Y.Text
 *   decisions        Y.Map   id -> Y.Map; why and alternatives Y.Text
 *   activities       Y.Map   id -> Y.Map
 *   stageChanges     Y.Map   id -> Y.Map: every change kept; the current stage is the latest one
 *   objectives, buyingUnits, whitespace
 *                    Y.Map   id -> Y.Map: the account plan; a whitespace cell's note a Y.Text
 *
 * Records are keyed by id in maps, not pushed to arrays, so two people or decisions added offline
 * on two sides are two keys and both survive. Local bookkeeping (revision, updatedAt, index keys)
 * never enters the doc; nor does a person's private note (Person.notesPrivate).
 *
 * A person's own document (personal-sync.ts) holds many accounts in the same layout, each under
 * its own prefix of the top-level names (`a/<id>/account`, `a/<id>/people`...): top-level types
 * are named, never replaced, so two browsers writing one account concurrently cannot drop each
 * other's maps. The `prefix` arguments below are '' for an account's own document.
 */
import * as Y from 'yjs';
import {
  Account,
  Activity,
  BuyingUnit,
  Decision,
  Objective,
  Person,
  StageChange,
  WhitespaceCell,
} from '@/utils/schemas/model';
import type {
  Account as AccountT,
  Activity as ActivityT,
  BuyingUnit as BuyingUnitT,
  Decision as DecisionT,
  Objective as ObjectiveT,
  Person as PersonT,
  StageChange as StageChangeT,
  WhitespaceCell as WhitespaceCellT,
} from '@/utils/contract/model';
import { textEdit } from './text-diff';
import { MAX_BUYING_UNITS, MAX_OBJECTIVES, MAX_OFFERINGS } from '@/utils/contract/limits';

/** Objectives an account may keep, dropped ones included: the active limit, with room for history. */
const MAX_OBJECTIVES_KEPT = MAX_OBJECTIVES * 10;

export interface AccountSnapshot {
  account: AccountT;
  people: PersonT[];
  activities: ActivityT[];
  decisions: DecisionT[];
  stageChanges: StageChangeT[];
  objectives: ObjectiveT[];
  buyingUnits: BuyingUnitT[];
  whitespace: WhitespaceCellT[];
}

/** The account's fields the team shares; revision and updatedAt are each browser's own. */
const ACCOUNT_KEYS = [
  'id',
  'name',
  'domains',
  'stage',
  'potential',
  'nextAction',
  'cadenceDays',
  'crmRefs',
  'createdAt',
] as const;
const PROFILE_KEYS = ['goals', 'painPoints', 'opportunities'] as const;

interface Collection<T extends { id: string }> {
  name: Exclude<keyof AccountSnapshot, 'account'>;
  /** Long free text, merged as text. */
  texts: readonly string[];
  /** Fields that never leave this browser. */
  local: (record: T) => readonly string[];
  pick: (s: AccountSnapshot) => T[];
  schema: { safeParse: (v: unknown) => { success: boolean; data?: unknown } };
  /**
   * The most records of this kind an account can hold here (the handlers keep to it): a doc with
   * more is not trusted past it; the rest count as rejected.
   */
  max?: number;
}

const people: Collection<PersonT> = {
  name: 'people',
  texts: ['notes'],
  local: (p) => (p.notesPrivate ? ['notesPrivate', 'notes'] : ['notesPrivate']),
  pick: (s) => s.people,
  schema: Person,
};
const decisions: Collection<DecisionT> = {
  name: 'decisions',
  texts: ['why', 'alternatives'],
  local: () => [],
  pick: (s) => s.decisions,
  schema: Decision,
};
const activities: Collection<ActivityT> = {
  name: 'activities',
  texts: [],
  local: () => [],
  pick: (s) => s.activities,
  schema: Activity,
};
const stageChanges: Collection<StageChangeT> = {
  name: 'stageChanges',
  texts: [],
  local: () => [],
  pick: (s) => s.stageChanges,
  schema: StageChange,
};
const objectives: Collection<ObjectiveT> = {
  name: 'objectives',
  max: MAX_OBJECTIVES_KEPT,
  texts: [],
  local: () => [],
  pick: (s) => s.objectives,
  schema: Objective,
};
const buyingUnits: Collection<BuyingUnitT> = {
  name: 'buyingUnits',
  max: MAX_BUYING_UNITS,
  texts: [],
  local: () => [],
  pick: (s) => s.buyingUnits,
  schema: BuyingUnit,
};
const whitespace: Collection<WhitespaceCellT> = {
  name: 'whitespace',
  max: MAX_BUYING_UNITS * MAX_OFFERINGS,
  texts: ['note'],
  local: () => [],
  pick: (s) => s.whitespace,
  schema: WhitespaceCell,
};
// Typed as the loose shape the generic code below walks.
const COLLECTIONS = [
  people,
  decisions,
  activities,
  stageChanges,
  objectives,
  buyingUnits,
  whitespace,
] as unknown as Collection<{
  id: string;
}>[];

const profileText = (doc: Y.Doc, key: string, prefix: string) =>
  doc.getText(`${prefix}profile.${key}`);

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function applyText(text: Y.Text, before: string, after: string): void {
  // Only this browser's own edit (`before`, what it last agreed with the doc, to `after`) goes in.
  // Nothing changed here: the doc's text, with a teammate's edit in it, stays as it is.
  if (before === after) return;
  const edit = textEdit(before, after);
  if (!edit) return;
  const current = text.toString();
  const removed = before.slice(edit.index, edit.index + edit.remove);
  let index = edit.index;
  if (current !== before) {
    // The doc's text moved on meanwhile (a teammate's edit): the edit is placed by the text
    // around it, not by its offset, so the teammate's words are neither removed nor split.
    const head = before.slice(0, edit.index);
    const tail = before.slice(edit.index + edit.remove);
    if (current.startsWith(head)) index = head.length;
    else if (current.endsWith(tail)) index = current.length - tail.length - edit.remove;
    index = Math.max(0, Math.min(index, current.length));
  }
  // Only what is still there as it was is removed; a teammate's change to it is kept.
  if (edit.remove > 0 && current.slice(index, index + edit.remove) === removed) {
    text.delete(index, edit.remove);
  }
  if (edit.insert) text.insert(index, edit.insert);
}

function writeRecord(
  map: Y.Map<unknown>,
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown>,
  texts: readonly string[],
  local: readonly string[],
): void {
  for (const [key, value] of Object.entries(after)) {
    if (local.includes(key) || value === undefined) continue;
    if (texts.includes(key)) {
      let text = map.get(key);
      if (!(text instanceof Y.Text)) map.set(key, (text = new Y.Text()));
      applyText(text as Y.Text, String(before?.[key] ?? ''), String(value));
    } else if (!before || !same(before[key], value) || !map.has(key)) {
      if (!same(map.get(key), value)) map.set(key, value);
    }
  }
  for (const key of local) if (map.has(key)) map.delete(key);
  // An optional field this browser cleared (a decision's source link, say).
  for (const key of Object.keys(before ?? {})) {
    if (after[key] === undefined && map.has(key)) map.delete(key);
  }
}

/**
 * Writes to the doc what changed in this browser between `base` (what it last agreed with the
 * doc; null for the first share) and `current`, in one Yjs transaction. Fields that did not
 * change here are not written, so they cannot overwrite a teammate's concurrent edit.
 */
export function applyLocalChanges(
  doc: Y.Doc,
  base: AccountSnapshot | null,
  current: AccountSnapshot,
  origin: unknown = null,
  prefix = '',
): void {
  doc.transact(() => {
    const account = doc.getMap<unknown>(`${prefix}account`);
    for (const key of ACCOUNT_KEYS) {
      const value = current.account[key];
      if (base && same(base.account[key], value) && account.has(key)) continue;
      if (!same(account.get(key), value)) account.set(key, value);
    }
    for (const key of PROFILE_KEYS) {
      applyText(
        profileText(doc, key, prefix),
        base?.account.profile[key] ?? '',
        current.account.profile[key],
      );
    }
    for (const collection of COLLECTIONS) {
      const map = doc.getMap<Y.Map<unknown>>(`${prefix}${collection.name}`);
      const before = new Map((base ? collection.pick(base) : []).map((r) => [r.id, r]));
      const after = collection.pick(current);
      for (const record of after) {
        const old = before.get(record.id);
        let entry = map.get(record.id);
        if (!(entry instanceof Y.Map)) map.set(record.id, (entry = new Y.Map()));
        writeRecord(
          entry,
          old as Record<string, unknown> | undefined,
          record as unknown as Record<string, unknown>,
          collection.texts,
          collection.local(record),
        );
        before.delete(record.id);
      }
      // What is left was in the base and is gone here: deleted in this browser.
      for (const id of before.keys()) map.delete(id);
    }
  }, origin);
}

export interface ReadResult {
  snapshot: AccountSnapshot | null;
  /** Records the doc holds that fail the model's schema: left out, never written to the store. */
  rejected: number;
}

function readRecord(value: unknown): Record<string, unknown> | null {
  if (!(value instanceof Y.Map)) return null;
  const out: Record<string, unknown> = {};
  for (const [key, field] of value.entries()) {
    out[key] = field instanceof Y.Text ? field.toString() : field;
  }
  return out;
}

/**
 * The account as the doc holds it, checked against the model's schemas: a teammate's browser is
 * not trusted to send well-formed records. `local` supplies what only this browser knows (the
 * revision, private notes); the current stage is the latest entry of the stage history.
 */
export function readAccountFromDoc(
  doc: Y.Doc,
  local: AccountSnapshot | null,
  now: number,
  prefix = '',
): ReadResult {
  let rejected = 0;
  const fields = doc.getMap<unknown>(`${prefix}account`).toJSON() as Record<string, unknown>;
  if (fields.id === undefined) return { snapshot: null, rejected };
  const profile = Object.fromEntries(
    PROFILE_KEYS.map((k) => [k, profileText(doc, k, prefix).toString()]),
  );
  const accountId = String(fields.id);
  const read = <T extends { id: string }>(collection: Collection<T>, locals: T[]): T[] => {
    const mine = new Map(locals.map((r) => [r.id, r as Record<string, unknown>]));
    const out: T[] = [];
    for (const [id, value] of doc.getMap(`${prefix}${collection.name}`).entries()) {
      const record = readRecord(value);
      if (!record) {
        rejected++;
        continue;
      }
      // A text a teammate never wrote (a private note stays on their side) reads as empty.
      for (const key of collection.texts) record[key] ??= '';
      const own = mine.get(id);
      // Private notes and the flag itself come from this browser, never from the doc.
      if (own?.notesPrivate) Object.assign(record, { notesPrivate: true, notes: own.notes });
      const parsed = collection.schema.safeParse({ ...record, id, accountId });
      if (parsed.success) out.push(parsed.data as T);
      else rejected++;
    }
    out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (collection.max !== undefined && out.length > collection.max) {
      // Past the limit, what this browser already holds is kept first.
      const kept = [...out.filter((r) => mine.has(r.id)), ...out.filter((r) => !mine.has(r.id))]
        .slice(0, collection.max)
        .map((r) => r.id);
      const keep = new Set(kept);
      rejected += out.length - keep.size;
      return out.filter((r) => keep.has(r.id));
    }
    return out;
  };
  const history = read(stageChanges, local?.stageChanges ?? []);
  const latest = [...history].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1)).pop();
  const candidate = {
    ...fields,
    profile,
    ...(latest ? { stage: latest.to } : {}),
    updatedAt: local?.account.updatedAt ?? now,
    revision: local?.account.revision ?? 1,
  };
  const account = Account.safeParse(candidate);
  if (!account.success) return { snapshot: null, rejected: rejected + 1 };
  const plan = read(objectives, local?.objectives ?? []);
  const units = read(buyingUnits, local?.buyingUnits ?? []);
  // A cell or a link may name only a unit or an objective of this account: ids of another
  // account's records (known to a teammate from an account once shared) would reach them here.
  const unitIds = new Set(units.map((u) => u.id));
  const allCells = read(whitespace, local?.whitespace ?? []);
  const cells = allCells.filter((c) => unitIds.has(c.unitId));
  rejected += allCells.length - cells.length;
  const ownObjective = (id: string | undefined) =>
    id === undefined || plan.some((o) => o.id === id);
  const unlink = <T extends { objectiveId?: string }>(r: T): T => {
    if (ownObjective(r.objectiveId)) return r;
    const { objectiveId: _foreign, ...rest } = r;
    return rest as T;
  };
  const { nextAction } = account.data;
  const snapshot = {
    account: nextAction ? { ...account.data, nextAction: unlink(nextAction) } : account.data,
    people: read(people, local?.people ?? []),
    activities: read(activities, local?.activities ?? []),
    decisions: read(decisions, local?.decisions ?? []).map(unlink),
    stageChanges: history,
    objectives: plan,
    buyingUnits: units,
    whitespace: cells,
  };
  return { snapshot, rejected };
}
