/**
 * The merge rule for concurrent edits of one record (issue 16: no silent lost update).
 *
 * A write carries only the fields it changes, each with the value it was read at (its base).
 * Against the record as stored now, field by field:
 * - stored value still equals the base: nobody else changed it, so the change applies;
 * - stored value already equals the new value: someone made the same change, nothing to do;
 * - otherwise someone else changed that field since it was read: a conflict, with both values.
 * A write with any conflict applies nothing, so the user decides (keep mine / take theirs) with
 * the whole change still in hand. Changes to different fields never conflict: they merge.
 *
 * Field names may be dotted ("profile.goals") to reach one field of a nested object, so two
 * people editing different parts of the customer profile merge too.
 */

/** One field changed by someone else since the writer read it. */
export interface FieldConflict {
  field: string;
  /** What the writer wanted. */
  mine: unknown;
  /** What the record holds now. */
  theirs: unknown;
}

export type MergeResult<T> =
  { ok: true; next: T; applied: string[] } | { ok: false; conflicts: FieldConflict[] };

/** Equal as stored data: arrays in order, objects by key whatever their order. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // A field that is absent and one that is undefined are the same stored record.
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((v, i) => sameValue(v, other[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    ka.length === kb.length &&
    ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/** The value of a (dotted) field of a record; undefined when absent. */
export const read = (record: object, field: string): unknown =>
  field
    .split('.')
    .reduce<unknown>(
      (v, key) =>
        v && typeof v === 'object' && Object.hasOwn(v, key)
          ? (v as Record<string, unknown>)[key]
          : undefined,
      record,
    );

/** A copy of `record` with `field` set; the objects on the path are copied, never shared. */
function write<T extends object>(record: T, field: string, value: unknown): T {
  const [key, ...rest] = field.split('.') as [string, ...string[]];
  const copy = { ...record } as Record<string, unknown>;
  if (rest.length === 0) {
    if (value === undefined) delete copy[key];
    else copy[key] = value;
  } else {
    const inner = copy[key];
    copy[key] = write(inner && typeof inner === 'object' ? inner : {}, rest.join('.'), value);
  }
  return copy as T;
}

/**
 * Merges `changes` (field -> new value) read at `base` (field -> value when read) into
 * `current`. Every changed field must have a base: a write that cannot say what it saw is not
 * merged (the schemas refuse it before this runs).
 */
export function mergeFields<T extends object>(
  current: T,
  changes: Readonly<Record<string, unknown>>,
  base: Readonly<Record<string, unknown>>,
): MergeResult<T> {
  const conflicts: FieldConflict[] = [];
  const applied: string[] = [];
  let next = current;
  for (const [field, mine] of Object.entries(changes)) {
    const theirs = read(current, field);
    if (sameValue(theirs, mine)) continue;
    if (!sameValue(theirs, base[field])) {
      conflicts.push({ field, mine, theirs });
      continue;
    }
    next = write(next, field, mine);
    applied.push(field);
  }
  return conflicts.length ? { ok: false, conflicts } : { ok: true, next, applied };
}

/** `{ profile: { goals } }` -> `{ 'profile.goals': ... }`, one level deep, for the objects named. */
export function flatten(
  value: Readonly<Record<string, unknown>>,
  nested: readonly string[] = [],
): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (nested.includes(key) && v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [inner, w] of Object.entries(v)) if (w !== undefined) flat[`${key}.${inner}`] = w;
    } else flat[key] = v;
  }
  return flat;
}

/** `{ 'profile.goals': ... }` -> `{ profile: { goals: ... } }`: the wire's shape again. */
export function nest(flat: Readonly<Record<string, unknown>>): Record<string, unknown> {
  let out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(flat)) out = write(out, field, value);
  return out;
}

/** A write in hand: the fields it changes and the value each was read at. */
export interface Change {
  changes: Record<string, unknown>;
  base: Record<string, unknown>;
}

/**
 * What an edit changes against the record as it was read: only the fields whose value differs,
 * each with its value when read. `edited` is flat (dotted names for nested fields).
 */
export function changesFrom(readAt: object, edited: Readonly<Record<string, unknown>>): Change {
  const change: Change = { changes: {}, base: {} };
  for (const [field, value] of Object.entries(edited)) {
    const was = read(readAt, field);
    if (sameValue(was, value)) continue;
    change.changes[field] = value;
    change.base[field] = was;
  }
  return change;
}

/**
 * The user's answer to a conflict. Keep mine: the same change again, now based on their values,
 * so it applies over them knowingly. Take theirs: the conflicting fields are dropped from the
 * change (their values stay); the rest of the change still goes.
 */
export function settle(
  change: Change,
  conflicts: FieldConflict[],
  choice: 'mine' | 'theirs',
): Change {
  const changes = { ...change.changes };
  const base = { ...change.base };
  for (const c of conflicts) {
    if (choice === 'mine') base[c.field] = c.theirs;
    else {
      delete changes[c.field];
      delete base[c.field];
    }
  }
  return { changes, base };
}
