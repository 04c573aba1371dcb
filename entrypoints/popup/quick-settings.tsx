/**
 * The popup's quick parts: find an account, and the follow-up cadence and reminders (each also on
 * the options page, with more room). Every change applies to open tabs at once.
 */
import { useEffect, useState } from 'preact/hooks';
import { STAGE_LABEL } from '@/components/labels';
import type { AccountSummary } from '@/utils/contract/messages';
import { send } from '@/utils/contract/send';
import { type Settings } from '@/utils/contract/settings';
import { STAGE_ORDER } from '@/utils/shared/stages';
import { t } from '@/utils/shared/i18n';
import { CADENCE_MAX, CADENCE_MIN, isCadence, isTimeOfDay } from '@/utils/contract/limits';
import type { Stage } from '@/utils/contract/enums';
import { useEditStart } from '@/components/edit-start';
import type { Update } from './settings-panel';

export function QuickSearch() {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<AccountSummary[]>([]);
  useEffect(() => {
    const q = query.trim();
    if (!q) return setFound([]);
    let live = true;
    void send('searchAccounts', { query: q, limit: 8 }).then(
      (r) => live && r.ok && setFound(r.data),
    );
    return () => {
      live = false;
    };
  }, [query]);
  return (
    <section class="search" aria-label={t('popupSearchHeading')}>
      <input
        class="rp-input"
        type="search"
        data-testid="account-search"
        aria-label={t('popupSearchLabel')}
        placeholder={t('popupSearchPlaceholder')}
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
      />
      {query.trim() && found.length === 0 && <p class="muted">{t('popupSearchNone')}</p>}
      {found.length > 0 && (
        <ul class="found">
          {found.map((a) => (
            <li key={a.id}>
              <a href={`/accounts.html#account=${encodeURIComponent(a.id)}`} target="_blank">
                {a.name}
              </a>{' '}
              <span class="muted">{t(STAGE_LABEL[a.stage])}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function FollowUpSettings({ settings, update }: { settings: Settings; update: Update }) {
  return (
    <details class="quick">
      <summary>{t('popupFollowUpHeading')}</summary>
      <p class="muted">{t('popupCadenceHint')}</p>
      {STAGE_ORDER.map((stage) => (
        <CadenceRow key={stage} stage={stage} days={settings.cadenceDays[stage]} update={update} />
      ))}
      <label class="row">
        <span>{t('popupRemindersOn')}</span>
        <input
          type="checkbox"
          data-testid="reminders-on"
          checked={settings.reminders.enabled}
          onChange={(e) => update({ reminders: { enabled: e.currentTarget.checked } })}
        />
      </label>
      <label class="row">
        <span>{t('popupRemindersTime')}</span>
        <input
          class="rp-input"
          type="time"
          data-testid="reminders-time"
          value={settings.reminders.time}
          onChange={(e) => {
            const time = e.currentTarget.value;
            if (isTimeOfDay(time)) update({ reminders: { time } });
          }}
        />
      </label>
    </details>
  );
}

/**
 * One stage's days: typed, so its change is based on the days shown when typing began. The unit
 * after the number describes the field (its name stays the stage's); "дн." reads right for any
 * number, as on the options page.
 */
function CadenceRow({ stage, days, update }: { stage: Stage; days: number; update: Update }) {
  const start = useEditStart(days);
  const id = `popup-cadence-${stage}`;
  return (
    <div class="row">
      <label for={id}>{t(STAGE_LABEL[stage])}</label>
      <span class="with-unit">
        <input
          id={id}
          class="rp-input days"
          type="number"
          min={CADENCE_MIN}
          max={CADENCE_MAX}
          data-testid={`cadence-${stage}`}
          aria-describedby={`${id}-unit`}
          value={days}
          onInput={start.mark}
          onChange={(e) => {
            const typed = Number(e.currentTarget.value);
            const from = start.take();
            // Out of range: the field goes back to the saved value rather than saving nonsense.
            if (isCadence(typed))
              update({ cadenceDays: { [stage]: typed } }, { cadenceDays: { [stage]: from } });
            else e.currentTarget.value = String(days);
          }}
        />
        <span id={`${id}-unit`} class="unit">
          {t('optionsDays')}
        </span>
      </span>
    </div>
  );
}
