/**
 * The four relationship stages, potential, the guidance their combination implies, and the
 * default follow-up cadence. One place for this knowledge; the words are in DOMAIN.md.
 */
import type { Potential, Stage } from '@/utils/contract/enums';

export const STAGE_ORDER: readonly Stage[] = [
  'tactical',
  'cooperative',
  'interdependent',
  'strategic',
];
export const POTENTIAL_ORDER: readonly Potential[] = ['low', 'medium', 'high'];

/** Days between follow-ups by default: a strategic account is touched far more often. */
export const DEFAULT_CADENCE_DAYS: Readonly<Record<Stage, number>> = {
  tactical: 30,
  cooperative: 21,
  interdependent: 14,
  strategic: 7,
};

export type Guidance =
  'invest' | 'fineTune' | 'recalibrate' | 'acceptable' | 'protect' | 'maintain';

/**
 * What stage x potential implies (DOMAIN.md, "Potential"):
 * medium or high potential at a low stage -> invest to move up; high at Cooperative -> check past
 * investment works; low at a high stage -> recalibrate spend; low-to-medium at a low stage is fine.
 */
export function guidanceFor(stage: Stage, potential: Potential): Guidance {
  const high = stage === 'interdependent' || stage === 'strategic';
  if (potential === 'low') return high ? 'recalibrate' : 'acceptable';
  if (potential === 'high') {
    if (stage === 'tactical') return 'invest';
    if (stage === 'cooperative') return 'fineTune';
    return 'protect';
  }
  if (stage === 'tactical') return 'invest';
  return stage === 'cooperative' ? 'acceptable' : 'maintain';
}

export function cadenceFor(
  stage: Stage,
  override: number | null,
  settings?: Partial<Record<Stage, number>>,
): number {
  return override ?? settings?.[stage] ?? DEFAULT_CADENCE_DAYS[stage];
}
