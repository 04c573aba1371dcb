/**
 * How well an account's buying group is covered, from the people it holds: a red / amber / green
 * level (the rule of relationship-map tools such as Altify) and the named gaps (what key-account
 * health checks such as Kapta require: a sponsor, a decision maker, a champion, more than one
 * thread). One pure rule, used by the sidebar, the account page, the table and the portfolio.
 */
import { COVERAGE_LEVELS, type CoverageLevel, type Role } from '@/utils/contract/enums';
import type { Person } from '@/utils/contract/model';

export { COVERAGE_LEVELS, type CoverageLevel };
export type CoverageGap = 'noDecisionMaker' | 'noSponsor' | 'noChampion' | 'singleThreaded';

export interface Coverage {
  level: CoverageLevel;
  /** What is missing, most serious first; empty when nothing is. */
  gaps: CoverageGap[];
}

/** The roles that decide or approve: a supporter in one of them makes the coverage green. */
export const DECIDING_ROLES: readonly Role[] = ['decision_maker', 'executive_sponsor'];

type Player = Pick<Person, 'role' | 'influence' | 'attitude'>;

/**
 * A key player: someone in a deciding role, a champion, or anyone of high influence (4 or 5).
 * A user or gatekeeper of low influence matters, but does not carry the decision.
 */
export function isKeyPlayer(p: Player): boolean {
  return DECIDING_ROLES.includes(p.role) || p.role === 'champion' || p.influence >= 4;
}

/**
 * On our side: a supporter by attitude, or a champion not marked sceptic (a champion is, by what
 * the word means, someone who sells for us inside the client).
 */
export function isSupporter(p: Player): boolean {
  if (p.attitude === 'sceptic') return false;
  return p.attitude === 'supporter' || p.role === 'champion';
}

export function coverageOf(people: readonly Player[]): Coverage {
  const supporters = people.filter((p) => isKeyPlayer(p) && isSupporter(p));
  const level: CoverageLevel =
    supporters.length === 0
      ? 'red'
      : supporters.some((p) => DECIDING_ROLES.includes(p.role))
        ? 'green'
        : 'amber';
  const has = (role: Role) => people.some((p) => p.role === role);
  const gaps: CoverageGap[] = [];
  if (!has('decision_maker')) gaps.push('noDecisionMaker');
  if (!has('executive_sponsor')) gaps.push('noSponsor');
  if (!has('champion')) gaps.push('noChampion');
  // One person known at the client: the relationship hangs on one thread.
  if (people.length < 2) gaps.push('singleThreaded');
  return { level, gaps };
}
