/**
 * The account plan's progress, in one place: the sidebar, the account page and the meeting brief
 * say the same thing. Dropped objectives are out of the plan and out of the count.
 */
import type { Objective } from '@/utils/contract/model';

export interface PlanProgress {
  /** Objectives in the plan (every status but dropped). */
  total: number;
  done: number;
  atRisk: number;
}

export function planProgress(objectives: readonly Pick<Objective, 'status'>[]): PlanProgress {
  const inPlan = objectives.filter((o) => o.status !== 'dropped');
  return {
    total: inPlan.length,
    done: inPlan.filter((o) => o.status === 'done').length,
    atRisk: inPlan.filter((o) => o.status === 'at_risk').length,
  };
}

/**
 * The objectives a next action or a decision may be linked to: those in the plan, and the one it
 * is linked to now (even if dropped since), so that editing it does not drop the link unasked.
 */
export function linkable<T extends Pick<Objective, 'id' | 'status'>>(
  objectives: readonly T[],
  current?: string,
): T[] {
  return objectives.filter((o) => o.status !== 'dropped' || o.id === current);
}
