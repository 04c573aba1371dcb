/**
 * Who changed what, and when, in a shared account: a `log` array in the account's document, one
 * entry per push from a browser ({ by, at, what }). An array, so two entries pushed offline on two
 * sides both survive. Written by the browser that made the change, with the address it signed in
 * with; read back through a schema, since a teammate's browser is not trusted to write it well.
 */
import * as Y from 'yjs';
import * as z from 'zod/mini';
import type { ChangeEntry, ChangeKind } from '@/utils/contract/team';
import { CHANGE_KINDS, SHARED_ACCOUNT_FIELDS, SHARED_COLLECTIONS } from '@/utils/contract/team';
import type { AccountSnapshot } from './account-doc';

/** Entries kept; the oldest go beyond it (the document is not a ledger). */
const KEEP = 300;
const SHOWN = 12;

/** A teammate's clock may run this far ahead; an entry later than that is left out. */
const CLOCK_SKEW_MS = 10 * 60_000;

const Entry = z.object({
  // An address: no spaces, control or format characters (a bidi override would reorder the
  // history line around it and make one teammate's change read as another's).
  by: z.string().check(z.minLength(3), z.maxLength(254), z.regex(/^[^\s\p{Cc}\p{Cf}]+$/u)),
  at: z.int().check(z.gt(0)),
  what: z.array(z.enum(CHANGE_KINDS)).check(z.minLength(1), z.maxLength(CHANGE_KINDS.length)),
});

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const byId = <T extends { id: string }>(list: T[]) =>
  [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** What differs between what the doc had from this browser (`base`) and the store now. */
export function describeChange(
  base: AccountSnapshot | null,
  current: AccountSnapshot,
): ChangeKind[] {
  if (!base) return ['shared'];
  const what = new Set<ChangeKind>();
  for (const key of SHARED_ACCOUNT_FIELDS) {
    if (!same(base.account[key], current.account[key])) what.add(key);
  }
  if (!same(byId(base.stageChanges), byId(current.stageChanges))) what.add('stage');
  for (const name of SHARED_COLLECTIONS) {
    // Private notes never leave the browser: a change to one is not told either.
    const visible = (s: AccountSnapshot) =>
      byId(s[name] as { id: string; notesPrivate?: boolean; notes?: string }[]).map((r) =>
        r.notesPrivate ? { ...r, notes: '' } : r,
      );
    if (!same(visible(base), visible(current))) what.add(name);
  }
  return CHANGE_KINDS.filter((k) => what.has(k));
}

/** Adds an entry, inside the caller's transaction; nothing when nothing changed. */
export function logChange(doc: Y.Doc, by: string, at: number, what: ChangeKind[]): void {
  if (what.length === 0) return;
  const log = doc.getArray<unknown>('log');
  log.push([{ by, at, what }]);
  if (log.length > KEEP) log.delete(0, log.length - KEEP);
}

const isPlainObject = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/**
 * The latest entries, newest first; malformed ones are left out, and so are entries dated after
 * `now` (beyond a clock's skew), which would otherwise stay on top and hide the real ones. Only
 * the last KEEP are read, however long a teammate's browser made the array.
 */
export function readChanges(doc: Y.Doc, now: number): ChangeEntry[] {
  const out: ChangeEntry[] = [];
  const log = doc.getArray<unknown>('log');
  for (const raw of log.slice(Math.max(0, log.length - KEEP))) {
    // A plain object only: Yjs decodes a "__proto__" key by assignment, and the schema would read
    // an author from the prototype it sets.
    if (!isPlainObject(raw)) continue;
    const parsed = Entry.safeParse(raw);
    if (parsed.success && parsed.data.at <= now + CLOCK_SKEW_MS) out.push(parsed.data);
  }
  return out.sort((a, b) => b.at - a.at).slice(0, SHOWN);
}
