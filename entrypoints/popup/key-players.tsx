/**
 * The popup's second "due" list: key players whose contact cadence has run out (listKeyPlayersDue),
 * each with their account, how long since they were last in touch, and a link to the account.
 */
import { useEffect, useState } from 'preact/hooks';
import type { KeyPlayerDue } from '@/utils/contract/messages';
import { watchChanges } from '@/utils/contract/events';
import { send } from '@/utils/contract/send';
import { daysAgo, today } from '@/utils/shared/dates';
import { t } from '@/utils/shared/i18n';
import { hashOf } from '@/utils/page/account-list';
import { ROLE_LABEL } from '@/components/labels';

/** As many as the popup shows; the rest are counted, and are on the accounts page's calendar. */
const SHOWN = 10;

export function KeyPlayersDue() {
  const [items, setItems] = useState<KeyPlayerDue[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const load = async () => {
      // Only those shown cross over: at 10,000 accounts thousands may be due.
      const r = await send('listKeyPlayersDue', { until: today(), limit: SHOWN });
      if (!r.ok) return setError(r.error);
      setItems(r.data.items);
      setTotal(r.data.total);
    };
    void load();
    watchChanges(() => void load(), controller.signal);
    return () => controller.abort();
  }, []);

  // Nothing due (or not read yet): the popup keeps its room for the next actions and settings.
  if (!error && !items?.length) return null;
  return (
    <section aria-labelledby="key-players-heading" data-testid="key-players">
      <h2 id="key-players-heading">{t('popupKeyPlayersHeading')}</h2>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {items && items.length > 0 && (
        <ul class="due key-players" data-testid="key-players-list">
          {items.map((item) => (
            <li key={item.personId} class="overdue" data-person-id={item.personId}>
              <a
                class="account"
                href={`/accounts.html${hashOf({ kind: 'account', id: item.accountId })}`}
                target="_blank"
                rel="noopener"
              >
                {item.name}
              </a>
              <span class="action">
                {t('popupKeyPlayerLine', [t(ROLE_LABEL[item.role]), item.accountName])}
              </span>
              <span class="when">
                {item.lastAt === null
                  ? t('freshnessNever', item.cadence)
                  : t('freshnessDue', [daysAgo(item.lastAt), item.cadence])}
              </span>
            </li>
          ))}
        </ul>
      )}
      {items && total > items.length && (
        <p class="muted">
          <a href="/accounts.html#view=calendar" target="_blank" rel="noopener">
            {t('popupKeyPlayersMore', total - items.length)}
          </a>
        </p>
      )}
    </section>
  );
}
