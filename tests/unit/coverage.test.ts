/**
 * The coverage rule as a table: each row a buying group, the level it gets and the gaps it names.
 */
import { describe, expect, it } from 'vitest';
import { coverageOf, isKeyPlayer, isSupporter, type Coverage } from '@/utils/shared/coverage';
import type { Attitude, Role } from '@/utils/contract/enums';

type P = { role: Role; influence: number; attitude: Attitude };
const p = (role: Role, influence: number, attitude: Attitude): P => ({ role, influence, attitude });

const ALL_GAPS: Coverage['gaps'] = ['noDecisionMaker', 'noSponsor', 'noChampion', 'singleThreaded'];

const CASES: [string, P[], Coverage][] = [
  ['nobody known', [], { level: 'red', gaps: ALL_GAPS }],
  [
    'one neutral decision maker',
    [p('decision_maker', 5, 'neutral')],
    { level: 'red', gaps: ['noSponsor', 'noChampion', 'singleThreaded'] },
  ],
  [
    'a supporting decision maker alone: green, but single-threaded',
    [p('decision_maker', 5, 'supporter')],
    { level: 'green', gaps: ['noSponsor', 'noChampion', 'singleThreaded'] },
  ],
  [
    'a supporting sponsor is green',
    [p('executive_sponsor', 4, 'supporter'), p('user', 2, 'neutral')],
    { level: 'green', gaps: ['noDecisionMaker', 'noChampion'] },
  ],
  [
    'a supporting decision maker of low influence still decides',
    [p('decision_maker', 1, 'supporter'), p('user', 2, 'neutral')],
    { level: 'green', gaps: ['noSponsor', 'noChampion'] },
  ],
  [
    'a champion (neutral by attitude) is a supporter, but does not decide: amber',
    [p('champion', 3, 'neutral'), p('decision_maker', 5, 'neutral')],
    { level: 'amber', gaps: ['noSponsor'] },
  ],
  [
    'a sceptic champion is no supporter',
    [p('champion', 3, 'sceptic'), p('decision_maker', 5, 'neutral')],
    { level: 'red', gaps: ['noSponsor'] },
  ],
  [
    'an influential supporting influencer: amber',
    [p('influencer', 4, 'supporter'), p('decision_maker', 5, 'sceptic')],
    { level: 'amber', gaps: ['noSponsor', 'noChampion'] },
  ],
  [
    'a supporter of low influence in no key role is not a key player: red',
    [p('user', 3, 'supporter'), p('gatekeeper', 2, 'supporter')],
    { level: 'red', gaps: ['noDecisionMaker', 'noSponsor', 'noChampion'] },
  ],
  [
    'a sceptic decision maker and a supporting sponsor: green',
    [p('decision_maker', 5, 'sceptic'), p('executive_sponsor', 5, 'supporter')],
    { level: 'green', gaps: ['noChampion'] },
  ],
  [
    'a whole buying group',
    [
      p('decision_maker', 5, 'supporter'),
      p('executive_sponsor', 5, 'neutral'),
      p('champion', 3, 'supporter'),
      p('blocker', 4, 'sceptic'),
    ],
    { level: 'green', gaps: [] },
  ],
  [
    'a blocker of high influence counts as a thread but supports nothing',
    [p('blocker', 5, 'neutral'), p('unknown', 1, 'neutral')],
    { level: 'red', gaps: ['noDecisionMaker', 'noSponsor', 'noChampion'] },
  ],
  [
    'an unknown role of influence 5 who supports: amber',
    [p('unknown', 5, 'supporter'), p('user', 1, 'neutral')],
    { level: 'amber', gaps: ['noDecisionMaker', 'noSponsor', 'noChampion'] },
  ],
];

describe('coverageOf', () => {
  for (const [name, people, expected] of CASES) {
    it(name, () => {
      expect(coverageOf(people)).toEqual(expected);
    });
  }
});

describe('key players and supporters', () => {
  it('counts deciding roles and champions as key players whatever their influence', () => {
    expect(isKeyPlayer(p('decision_maker', 1, 'neutral'))).toBe(true);
    expect(isKeyPlayer(p('executive_sponsor', 1, 'neutral'))).toBe(true);
    expect(isKeyPlayer(p('champion', 1, 'neutral'))).toBe(true);
    expect(isKeyPlayer(p('influencer', 3, 'supporter'))).toBe(false);
    expect(isKeyPlayer(p('influencer', 4, 'neutral'))).toBe(true);
  });

  it('never counts a sceptic as a supporter', () => {
    for (const role of ['champion', 'decision_maker', 'user'] as Role[])
      expect(isSupporter(p(role, 5, 'sceptic'))).toBe(false);
  });
});
