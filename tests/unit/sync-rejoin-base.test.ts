/**
 * The base a rejoin pushes the restored store against (rejoin-offers.ts): where the team's copy
 * and the restored one differ, the team's wins; what only this browser has is added; what only
 * the team has stays. Pinned through the doc, as the engine uses it.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  applyLocalChanges,
  readAccountFromDoc,
  type AccountSnapshot,
} from '@/entrypoints/background/sync/account-doc';
import { rejoinBase } from '@/entrypoints/background/sync/rejoin-offers';
import { bareSnapshot } from './sync-fixtures';

const ID = 'acme-rejoin-base';
const person = (id: string, name: string, notes: string, title: string) => ({
  id,
  accountId: ID,
  name,
  emails: [],
  title,
  role: 'unknown' as const,
  influence: 3,
  attitude: 'neutral' as const,
  notes,
  notesPrivate: false,
  lastContactAt: null,
});

/** The team's copy: Ann edited since the backup was taken, Tom added, the potential changed. */
function team(): AccountSnapshot {
  const s = bareSnapshot(ID);
  s.account.potential = 'low';
  s.account.name = 'Acme (team)';
  s.people.push(person('p-ann', 'Ann', 'Signs off budgets over 50k.', 'CFO'));
  s.people.push(person('p-tom', 'Tom', '', ''));
  return s;
}

/** The restored backup: Ann as she was, and Liz, added here only. */
function restored(): AccountSnapshot {
  const s = bareSnapshot(ID);
  s.account.potential = 'high';
  s.people.push(person('p-ann', 'Ann', '', ''));
  s.people.push(person('p-liz', 'Liz', 'Met at the fair.', ''));
  return s;
}

describe('rejoinBase', () => {
  it('is the store itself for records both copies hold, and leaves out the others', () => {
    const base = rejoinBase(team(), restored());
    expect(base.account).toEqual(restored().account);
    expect(base.people).toEqual([person('p-ann', 'Ann', '', '')]);
  });

  it('pushed onto the team’s copy, keeps the team’s edits and adds only what is new here', () => {
    const doc = new Y.Doc();
    applyLocalChanges(doc, null, team());
    applyLocalChanges(doc, rejoinBase(team(), restored()), restored());
    const merged = readAccountFromDoc(doc, null, 2).snapshot!;
    // The team's words where the copies differ: neither the account's fields nor Ann's go back.
    expect(merged.account.potential).toBe('low');
    expect(merged.account.name).toBe('Acme (team)');
    const ann = merged.people.find((p) => p.id === 'p-ann')!;
    expect([ann.notes, ann.title]).toEqual(['Signs off budgets over 50k.', 'CFO']);
    // Liz, only here, is added with her notes; Tom, only on the team's side, stays.
    expect(merged.people.map((p) => p.id).sort()).toEqual(['p-ann', 'p-liz', 'p-tom']);
    expect(merged.people.find((p) => p.id === 'p-liz')?.notes).toBe('Met at the fair.');
  });

  it('without it (the store pushed as new), the team’s edits would be lost: the test can fail', () => {
    const doc = new Y.Doc();
    applyLocalChanges(doc, null, team());
    applyLocalChanges(doc, null, restored());
    const merged = readAccountFromDoc(doc, null, 2).snapshot!;
    expect(merged.account.potential).toBe('high');
    expect(merged.people.find((p) => p.id === 'p-ann')?.title).toBe('');
  });
});
