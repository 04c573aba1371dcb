import { describe, expect, it } from 'vitest';
import { withStart } from '@/entrypoints/background/stage-history';
import type { Account, StageChange } from '@/utils/contract/model';

const account = {
  id: 'acc-1',
  name: 'Northwind',
  domains: ['northwind.co.uk'],
  stage: 'cooperative',
  potential: 'high',
  profile: { goals: '', painPoints: '', opportunities: '' },
  nextAction: null,
  cadenceDays: null,
  crmRefs: [],
  createdAt: 1_000,
  updatedAt: 5_000,
  revision: 3,
} satisfies Account;

const move = (id: string, from: StageChange['from'], to: StageChange['to'], at: number) =>
  ({ id, accountId: account.id, from, to, at, reason: '' }) satisfies StageChange;

describe('withStart: the account start in its stage history', () => {
  it('starts an account never moved in the stage it is in, when it was created', () => {
    expect(withStart(account, [])).toEqual([move('acc-1', null, 'cooperative', 1_000)]);
  });

  it('starts a moved account in the stage its oldest move left', () => {
    const moves = [
      move('m2', 'interdependent', 'cooperative', 4_000),
      move('m1', 'tactical', 'interdependent', 2_000),
    ];
    expect(withStart(account, moves)).toEqual([...moves, move('acc-1', null, 'tactical', 1_000)]);
  });

  it('keeps a start stored by an older version and adds none', () => {
    const stored = [
      move('m1', 'tactical', 'cooperative', 2_000),
      move('s0', null, 'tactical', 1_000),
    ];
    expect(withStart(account, stored)).toBe(stored);
  });

  it('never dates the start after the oldest move (a move older than the account record)', () => {
    const moves = [move('m1', 'tactical', 'cooperative', 500)];
    expect(withStart(account, moves).at(-1)).toEqual(move('acc-1', null, 'tactical', 500));
  });
});
