/**
 * Who changed what, and when, in a shared account: a `log` array in the account's document, one
 * entry per push from a browser ({ by, at, what }). An array, so two entries pushed offline on two
 * sides both survive. Written by the browser that made the change, with the address it signed in
 * with; read back through a schema, since a teammate's browser is not trusted to write it well.
 */
import * as Y from 'yjs';
import * as z from 'zod/mini';
import type { ChangeEntry, ChangeKind } from '@/utils/contract/team';
import { CHANGE_KINDS } from '@/utils/contract/team';
import type { AccountSnapshot } from './account-doc';

/** Entries kept; the oldest go beyond it (the document is not a ledger). */
const KEEP = 300;
const SHOWN = 12;

const Entry = z.object({
  by: z.string().check(z.minLength(3), z.maxLength(254)),
  at: z.int().check(z.gt(0)),
  what: z.array(z.enum(CHANGE_KINDS)).check(z.minLength(1), z.maxLength(CHANGE_KINDS.length)),
});

const ACCOUNT_FIELDS = [
  'name',
  'domains',
  'stage',
  'potential',
  'nextAction',
  'cadenceDays',
  'crmRefs',
  'profile',
] as const;
const COLLECTIONS = ['people', 'decisions', 'activities'] as const;

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
  for (const key of ACCOUNT_FIELDS) {
    if (!same(base.account[key], current.account[key])) what.add(key);
  }
  if (!same(byId(base.stageChanges), byId(current.stageChanges))) what.add('stage');
  for (const name of COLLECTIONS) {
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

/** The latest entries, newest first; malformed ones are left out. */
export function readChanges(doc: Y.Doc): ChangeEntry[] {
  const out: ChangeEntry[] = [];
  for (const raw of doc.getArray<unknown>('log').toArray()) {
    const parsed = Entry.safeParse(raw);
    if (parsed.success) out.push(parsed.data);
  }
  return out.sort((a, b) => b.at - a.at).slice(0, SHOWN);
}
