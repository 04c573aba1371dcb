/**
 * The due list, asked for as the popup's first act: main.tsx imports this before anything else,
 * so the question is on its way to the background while the rest of the popup's script is still
 * being evaluated and rendered, rather than after the first render.
 */
import { send } from '@/utils/contract/send';
import { today } from '@/utils/shared/dates';

/** The popup shows the earliest due items; the accounts page has them all. */
export const DUE_SHOWN = 30;

export const loadDue = () => send('listDue', { until: today(), limit: DUE_SHOWN });

export const firstDue = loadDue();
