// The merge rule of concurrent edits (utils/shared/field-merge.ts), as a table of cases: what
// is stored now, what the writer read, what it changes, and what comes of it.
import { describe, expect, it } from 'vitest';
import {
  changesFrom,
  flatten,
  mergeFields,
  nest,
  sameValue,
  settle,
} from '@/utils/shared/field-merge';

const stored = {
  name: 'Acme',
  domains: ['acme.com'],
  cadenceDays: null as number | null,
  profile: { goals: 'Grow', painPoints: 'Cost', opportunities: '' },
};
type Row = [
  string,
  typeof stored,
  Record<string, unknown>,
  Record<string, unknown>,
  { applied: string[]; next?: Partial<typeof stored> } | { conflicts: string[] },
];

const cases: Row[] = [
  [
    'one field, unchanged since read: applies',
    stored,
    { name: 'Acme Ltd' },
    { name: 'Acme' },
    {
      applied: ['name'],
      next: { name: 'Acme Ltd' },
    },
  ],
  [
    'another field changed since read: both stay (merge)',
    { ...stored, cadenceDays: 14 },
    { name: 'Acme Ltd' },
    { name: 'Acme' },
    { applied: ['name'], next: { name: 'Acme Ltd', cadenceDays: 14 } },
  ],
  [
    'same field changed since read: conflict, nothing applied',
    { ...stored, name: 'Acme Inc' },
    { name: 'Acme Ltd', cadenceDays: 30 },
    { name: 'Acme', cadenceDays: null },
    { conflicts: ['name'] },
  ],
  [
    'same field changed to the same value: nothing to do, no conflict',
    { ...stored, name: 'Acme Ltd' },
    { name: 'Acme Ltd' },
    { name: 'Acme' },
    { applied: [] },
  ],
  [
    'different profile parts merge',
    { ...stored, profile: { ...stored.profile, painPoints: 'Speed' } },
    { 'profile.goals': 'Grow 20%' },
    { 'profile.goals': 'Grow' },
    {
      applied: ['profile.goals'],
      next: { profile: { goals: 'Grow 20%', painPoints: 'Speed', opportunities: '' } },
    },
  ],
  [
    'the same profile part conflicts',
    { ...stored, profile: { ...stored.profile, goals: 'Shrink' } },
    { 'profile.goals': 'Grow 20%' },
    { 'profile.goals': 'Grow' },
    { conflicts: ['profile.goals'] },
  ],
  [
    'lists compare by content, in order',
    { ...stored, domains: ['acme.com', 'acme.io'] },
    { domains: ['acme.io'] },
    { domains: ['acme.com'] },
    { conflicts: ['domains'] },
  ],
  [
    'a list equal to what was read applies',
    { ...stored, domains: ['acme.com'] },
    { domains: ['acme.com', 'acme.io'] },
    { domains: ['acme.com'] },
    { applied: ['domains'], next: { domains: ['acme.com', 'acme.io'] } },
  ],
  [
    'null back to a number, read as null',
    stored,
    { cadenceDays: 21 },
    { cadenceDays: null },
    {
      applied: ['cadenceDays'],
      next: { cadenceDays: 21 },
    },
  ],
  [
    'a write with no base for a set field conflicts, never overwrites',
    stored,
    { name: 'X' },
    {},
    {
      conflicts: ['name'],
    },
  ],
  [
    'two conflicts are both reported',
    { ...stored, name: 'B', cadenceDays: 7 },
    { name: 'A', cadenceDays: 9 },
    { name: 'Acme', cadenceDays: null },
    { conflicts: ['name', 'cadenceDays'] },
  ],
];

describe('mergeFields', () => {
  it.each(cases)('%s', (_, current, changes, base, want) => {
    const r = mergeFields(current, changes, base);
    if ('conflicts' in want) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.conflicts.map((c) => c.field)).toEqual(want.conflicts);
      return;
    }
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.applied).toEqual(want.applied);
    expect(r.next).toEqual({ ...current, ...want.next });
  });

  it('a conflict carries both values', () => {
    const r = mergeFields({ notes: 'theirs' }, { notes: 'mine' }, { notes: 'old' });
    expect(r).toEqual({
      ok: false,
      conflicts: [{ field: 'notes', mine: 'mine', theirs: 'theirs' }],
    });
  });

  it('never changes the stored record it was given', () => {
    const current = structuredClone(stored);
    mergeFields(
      current,
      { 'profile.goals': 'New', name: 'N' },
      { 'profile.goals': 'Grow', name: 'Acme' },
    );
    expect(current).toEqual(stored);
  });
});

describe('sameValue and flatten', () => {
  it('compares stored data', () => {
    expect(sameValue({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(sameValue({ a: 1, c: undefined }, { a: 1 })).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue(null, 0)).toBe(false);
    expect(sameValue('', null)).toBe(false);
  });

  it('flattens the named nested objects only', () => {
    expect(
      flatten({ name: 'A', profile: { goals: 'G' }, domains: ['a.com'] }, ['profile']),
    ).toEqual({
      name: 'A',
      'profile.goals': 'G',
      domains: ['a.com'],
    });
  });
});

describe('the writer’s side: what to send, and settling a conflict', () => {
  const readAt = { name: 'Acme', profile: { goals: 'Grow', painPoints: '' } };
  it('sends only the fields that differ from what was read, each with its read value', () => {
    expect(
      changesFrom(readAt, { name: 'Acme', 'profile.goals': 'Grow 20%', 'profile.painPoints': '' }),
    ).toEqual({ changes: { 'profile.goals': 'Grow 20%' }, base: { 'profile.goals': 'Grow' } });
    expect(nest({ 'profile.goals': 'G', name: 'N' })).toEqual({
      profile: { goals: 'G' },
      name: 'N',
    });
  });

  it('keep mine rebases on their value; take theirs drops the field and keeps the rest', () => {
    const change = { changes: { name: 'Mine', notes: 'N' }, base: { name: 'Old', notes: '' } };
    const conflicts = [{ field: 'name', mine: 'Mine', theirs: 'Theirs' }];
    const mine = settle(change, conflicts, 'mine');
    expect(mine).toEqual({ changes: change.changes, base: { name: 'Theirs', notes: '' } });
    // Sent again, the rebased change applies over their value.
    const stored = { name: 'Theirs', notes: '' };
    expect(mergeFields(stored, mine.changes, mine.base)).toMatchObject({
      ok: true,
      next: { name: 'Mine', notes: 'N' },
    });
    expect(settle(change, conflicts, 'theirs')).toEqual({
      changes: { notes: 'N' },
      base: { notes: '' },
    });
  });
});
