/**
 * The account calendar: every next action on its due day, a week or a month at a time. Overdue
 * ones say so in words; a busy day in the month view shows a few and links to its week.
 */
import type { AccountRow } from '@/utils/contract/messages';
import { t, uiLocale } from '@/utils/shared/i18n';
import { nearDay, today as todayOf, type IsoDate } from '@/utils/shared/dates';
import { dayText } from './labels';
import { KeyPlayerItems, useKeyPlayersByDay } from './calendar-key-players';
import { ContractItems, useContractsByDay } from './calendar-contracts';
import { briefHref } from '@/utils/page/brief-link';
import './calendar-brief.css';
import {
  calendarWeeks,
  dueByDay,
  shiftAnchor,
  type CalendarView as View,
} from '@/utils/page/account-list';

interface Props {
  rows: readonly AccountRow[];
  view: View;
  anchor: IsoDate;
  onChange: (view: View, anchor: IsoDate) => void;
  now: number;
}

/** Items a month cell lists before "+N more"; a week shows up to WEEK_LIMIT per day. */
const MONTH_LIMIT = 3;
const WEEK_LIMIT = 200;

function toDate(day: IsoDate): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d!);
}

function title(view: View, weeks: IsoDate[][], anchor: IsoDate): string {
  const locale = uiLocale();
  if (view === 'month')
    return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric' }).format(
      toDate(anchor),
    );
  const first = weeks[0]![0]!;
  const last = weeks[0]![6]!;
  const f = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' });
  return f.formatRange
    ? f.formatRange(toDate(first), toDate(last))
    : `${f.format(toDate(first))} – ${f.format(toDate(last))}`;
}

export function CalendarView({ rows, view, anchor, onChange, now }: Props) {
  const weeks = calendarWeeks(anchor, view);
  const byDay = dueByDay(rows);
  const today = todayOf(now);
  const month = anchor.slice(0, 7);
  const locale = uiLocale();
  const weekdayLong = new Intl.DateTimeFormat(locale, { weekday: 'long' });
  const weekdayShort = new Intl.DateTimeFormat(locale, { weekday: 'short' });
  const dayLabel = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  });
  const heading = title(view, weeks, anchor);
  const keyPlayers = useKeyPlayersByDay(weeks[weeks.length - 1]![6]!, today);
  const contracts = useContractsByDay(today);
  const overdueBefore = [...byDay.entries()]
    .filter(([day]) => day < today && day < weeks[0]![0]!)
    .reduce((n, [, list]) => n + list.length, 0);

  return (
    <div class="calendar">
      <div class="cal-bar">
        <h2 id="cal-heading" aria-live="polite">
          {heading}
        </h2>
        <div class="cal-nav">
          <button
            type="button"
            class="btn"
            onClick={() => onChange(view, shiftAnchor(anchor, view, -1))}
          >
            {view === 'week' ? t('accountsPrevWeek') : t('accountsPrevMonth')}
          </button>
          <button type="button" class="btn" onClick={() => onChange(view, today)}>
            {t('accountsCalToday')}
          </button>
          <button
            type="button"
            class="btn"
            onClick={() => onChange(view, shiftAnchor(anchor, view, 1))}
          >
            {view === 'week' ? t('accountsNextWeek') : t('accountsNextMonth')}
          </button>
        </div>
        <div class="segmented" role="group" aria-label={t('accountsCalViewLabel')}>
          <button
            type="button"
            class="btn"
            aria-pressed={view === 'week'}
            onClick={() => onChange('week', anchor)}
          >
            {t('accountsCalWeek')}
          </button>
          <button
            type="button"
            class="btn"
            aria-pressed={view === 'month'}
            onClick={() => onChange('month', anchor)}
          >
            {t('accountsCalMonth')}
          </button>
        </div>
      </div>
      {overdueBefore > 0 && (
        <p class="cal-overdue">
          <strong>{t('accountsOverdue')}:</strong> {t('accountsOverdueBefore', overdueBefore)}
        </p>
      )}
      <table class={`cal ${view}`} aria-labelledby="cal-heading">
        <thead>
          <tr>
            {weeks[0]!.map((day) => (
              <th key={day} scope="col" abbr={weekdayLong.format(toDate(day))}>
                {weekdayShort.format(toDate(day))}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]}>
              {week.map((day) => {
                const items = byDay.get(day) ?? [];
                const limit = view === 'month' ? MONTH_LIMIT : WEEK_LIMIT;
                const classes = [
                  'day',
                  day === today ? 'today' : '',
                  view === 'month' && day.slice(0, 7) !== month ? 'other-month' : '',
                ];
                return (
                  <td key={day} class={classes.join(' ')}>
                    <div class="day-head">
                      <span class="day-num" aria-hidden="true">
                        {Number(day.slice(8))}
                      </span>
                      <span class="sr-only">{dayLabel.format(toDate(day))}</span>
                      {day === today ? (
                        <span class="today-tag">{t('accountsToday')}</span>
                      ) : (
                        nearDay(day, today) && <span class="near-tag">{dayText(day)}</span>
                      )}
                    </div>
                    {items.length > 0 && (
                      <ul>
                        {items.slice(0, limit).map((r) => (
                          <li key={r.id} class={day < today ? 'overdue' : undefined}>
                            <a href={`#account=${encodeURIComponent(r.id)}`}>
                              {day < today && <span class="flag">{t('accountsOverdue')}: </span>}
                              <span class="cal-name">{r.name}</span>
                              <span class="cal-action">{r.nextAction?.text}</span>
                            </a>
                            <a
                              class="cal-brief"
                              href={briefHref(r.id)}
                              target="_blank"
                              rel="noopener"
                              aria-label={t('briefOpenFor', r.name)}
                            >
                              {t('briefCalLink')}
                            </a>
                          </li>
                        ))}
                        {items.length > limit && (
                          <li class="more">
                            {view === 'month' ? (
                              <button
                                type="button"
                                class="link"
                                onClick={() => onChange('week', day)}
                              >
                                {t('accountsMoreThatDay', items.length - limit)}
                              </button>
                            ) : (
                              t('accountsMoreUseTable', items.length - limit)
                            )}
                          </li>
                        )}
                      </ul>
                    )}
                    <KeyPlayerItems items={keyPlayers.get(day)} />
                    <ContractItems items={contracts.get(day)} />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
