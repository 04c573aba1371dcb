/**
 * Contracts on the calendar: each whitespace cell whose contract ends within the next 90 days, on
 * its last day (listContractsEnding). A competitor's contract ending is the moment to propose; one
 * of ours is the moment to renew.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ContractEnding } from '@/utils/contract/whitespace';
import { watchChanges } from '@/utils/contract/events';
import { send } from '@/utils/contract/send';
import { addDays, type IsoDate } from '@/utils/shared/dates';
import { t } from '@/utils/shared/i18n';
import { supplierText } from '@/components/whitespace-labels';
import './whitespace.css';

/** How far ahead a contract's end is shown. */
export const CONTRACT_DAYS_AHEAD = 90;

/** Contracts ending from `today` to 90 days on, by their last day. */
export function useContractsByDay(today: IsoDate): Map<IsoDate, ContractEnding[]> {
  const [items, setItems] = useState<ContractEnding[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    const load = async () => {
      const r = await send('listContractsEnding', {
        from: today,
        until: addDays(today, CONTRACT_DAYS_AHEAD),
      });
      // The calendar still shows next actions if this read fails; nothing to add then.
      if (r.ok && !controller.signal.aborted) setItems(r.data);
    };
    void load();
    watchChanges(() => void load(), controller.signal);
    return () => controller.abort();
  }, [today]);
  const byDay = new Map<IsoDate, ContractEnding[]>();
  for (const item of items) byDay.set(item.day, [...(byDay.get(item.day) ?? []), item]);
  return byDay;
}

export function ContractItems({ items }: { items: readonly ContractEnding[] | undefined }) {
  if (!items?.length) return null;
  return (
    <ul class="cal-contracts">
      {items.map((item) => (
        <li key={item.cellId} data-cell-id={item.cellId} class={`cal-contract ws-${item.supplier}`}>
          {/* A month cell cuts the words short; the title keeps them whole. */}
          <a
            href={`#account=${encodeURIComponent(item.accountId)}`}
            title={t('calendarContractEnds', [item.offering, item.unit])}
          >
            <span class="cal-name">{t('calendarContractEnds', [item.offering, item.unit])}</span>
            <span class="cal-action">
              {t('calendarContractWith', [item.accountName, supplierText(item)])}
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}
