/**
 * The KPIs' request: a period of whole days in the user's time zone (utils/shared/kpi-period.ts),
 * its first day not after its last, at most KPI_PERIOD_MAX_DAYS long.
 */
import * as z from 'zod/mini';
import { periodProblem } from '@/utils/shared/kpi-period';
import { IsoDate } from './model';

export const ReadKpis = z.object({ first: IsoDate, last: IsoDate }).check(
  z.refine((p) => periodProblem(p) !== 'reversed', {
    message: 'the period must not end before it begins',
  }),
  z.refine((p) => periodProblem(p) !== 'tooLong', { message: 'the period is too long' }),
);
