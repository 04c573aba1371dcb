/**
 * Key players on the calendar: each on the day their contact cadence runs out, or on today when
 * it already has (listKeyPlayersDue). Read by the calendar itself, for the days it shows.
 */
import { useEffect, useState } from 'preact/hooks';
import type { KeyPlayerDue } from '@/utils/contract/messages';
import { watchChanges } from '@/utils/contract/events';
import { send } from '@/utils/contract/send';
import type { IsoDate } from '@/utils/shared/dates';
import { t } from '@/utils/shared/i18n';
import { ROLE_LABEL } from '@/components/labels';

/** Key players due by `lastDay`, by the day they show on: overdue ones on `today`. */
export function useKeyPlayersByDay(lastDay: IsoDate, today: IsoDate): Map<IsoDate, KeyPlayerDue[]> {
  const [items, setItems] = useState<KeyPlayerDue[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    const load = async () => {
      const r = await send('listKeyPlayersDue', { until: lastDay });
      // The calendar still shows next actions if this read fails; nothing to add then.
      if (r.ok) setItems(r.data.items);
    };
    void load();
    watchChanges(() => void load(), controller.signal);
    return () => controller.abort();
  }, [lastDay]);
  const byDay = new Map<IsoDate, KeyPlayerDue[]>();
  for (const item of items) {
    const day = item.dueDay < today ? today : item.dueDay;
    byDay.set(day, [...(byDay.get(day) ?? []), item]);
  }
  return byDay;
}

export function KeyPlayerItems({ items }: { items: readonly KeyPlayerDue[] | undefined }) {
  if (!items?.length) return null;
  return (
    <ul class="cal-key-players">
      {items.map((item) => (
        <li key={item.personId} data-person-id={item.personId}>
          <a href={`#account=${encodeURIComponent(item.accountId)}`}>
            <span class="cal-name">
              {t('calendarKeyPlayer', [item.name, t(ROLE_LABEL[item.role])])}
            </span>
            <span class="cal-action">{item.accountName}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
