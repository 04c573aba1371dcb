import { useEffect, useRef, useState } from 'preact/hooks';
import { Presets, presetsFor } from '@/components/due-picker';
import { FollowUpForm } from '@/components/follow-up-form';
import { dayName } from '@/components/format';
import type { Undo } from '@/components/sidebar-types';
import { Toast } from '@/components/toast';
import { watchChanges } from '@/utils/contract/events';
import { SNOOZE_PRESETS } from '@/utils/shared/follow-up';
import type { AccountView, DueItem } from '@/utils/contract/messages';
import { send } from '@/utils/contract/send';
import { today } from '@/utils/shared/dates';
import { t } from '@/utils/shared/i18n';
import { loadSettings, watchSettings, type Settings } from '@/utils/contract/settings';
import { Sites } from './sites';
import { FollowUpSettings, QuickSearch } from './quick-settings';
import { OwnCompany } from './own-company';
import { ReadingHealth } from './reading-health';

/** What is open under one due item: the follow-up form (once its account is read) or snooze. */
type Open = { id: string; mode: 'log'; view?: AccountView } | { id: string; mode: 'reschedule' };

/** The popup shows the earliest due items; the accounts page has them all. */
const DUE_SHOWN = 30;
const loadDue = () => send('listDue', { until: today(), limit: DUE_SHOWN });

/** The popup: what is due today, with Log and Reschedule on each, and the sidebar's options. */
export function App() {
  const [due, setDue] = useState<DueItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [open, setOpen] = useState<Open | null>(null);
  const [toast, setToast] = useState<Undo | null>(null);
  /** The Log or Reschedule button that opened what is open: focus goes back to it. */
  const opener = useRef<HTMLButtonElement | null>(null);

  const reload = async () => {
    const r = await loadDue();
    if (r.ok) setDue(r.data);
    else setError(r.error);
  };
  const close = () => {
    setOpen(null);
    if (opener.current?.isConnected) opener.current.focus();
  };
  const toggle = async (e: Event, next: Open) => {
    opener.current = e.currentTarget as HTMLButtonElement;
    if (open?.id === next.id && open.mode === next.mode) return close();
    setOpen(next);
    if (next.mode !== 'log') return;
    // The form needs the whole account (people, cadence), which the due list does not carry.
    const r = await send('getAccount', { id: next.id });
    if (!r.ok) return setError(r.error);
    setOpen((o) => (o?.id === next.id && o.mode === 'log' ? { ...o, view: r.data } : o));
  };
  const reschedule = async (item: DueItem, day: string) => {
    const r = await send('setNextAction', {
      accountId: item.id,
      nextAction: { ...item.nextAction, due: day },
    });
    if (!r.ok) return setError(r.error);
    close();
    void reload();
  };

  useEffect(() => {
    const controller = new AbortController();
    void reload();
    void loadSettings().then(setSettings);
    watchSettings(setSettings, controller.signal);
    watchChanges(() => void reload(), controller.signal);
    return () => controller.abort();
  }, []);

  const update = (patch: Parameters<typeof send<'updateSettings'>>[1]) =>
    void send('updateSettings', patch);

  return (
    <main class="popup">
      <header>
        <img src="/icon/32.png" alt="" width={20} height={20} />
        <h1>{t('extName')}</h1>
        <nav class="links">
          <a href="/accounts.html#view=table&new=1" target="_blank" data-testid="new-account-link">
            {t('popupNewAccount')}
          </a>
          <a href="/accounts.html" target="_blank" data-testid="accounts-link">
            {t('popupAccountsLink')}
          </a>
          <a href="/options.html" target="_blank" data-testid="options-link">
            {t('popupOptionsLink')}
          </a>
        </nav>
      </header>

      <section aria-labelledby="due-heading">
        <h2 id="due-heading">{t('popupDueHeading')}</h2>
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        {!error && due === null && <p class="muted">{t('popupLoading')}</p>}
        {due?.length === 0 && <p class="muted">{t('popupNothingDue')}</p>}
        {due && due.length > 0 && (
          <ul class="due" data-testid="due-list">
            {due.map((item) => {
              const mine = open?.id === item.id ? open : null;
              return (
                <li key={item.id} class={item.overdue ? 'overdue' : ''}>
                  <span class="account">{item.name}</span>
                  <span class="action">{item.nextAction.text}</span>
                  <time dateTime={item.nextAction.due}>
                    {item.overdue ? t('popupOverdue') + ' · ' : ''}
                    {dayName(item.nextAction.due)}
                  </time>
                  <div class="item-actions">
                    <button
                      type="button"
                      class="rp-btn rp-small"
                      data-testid="log"
                      aria-expanded={mine?.mode === 'log'}
                      aria-label={t('popupLogNamed', item.name)}
                      onClick={(e) => void toggle(e, { id: item.id, mode: 'log' })}
                    >
                      {t('popupLog')}
                    </button>
                    <button
                      type="button"
                      class="rp-btn rp-small"
                      data-testid="reschedule"
                      aria-expanded={mine?.mode === 'reschedule'}
                      aria-label={t('popupRescheduleNamed', item.name)}
                      onClick={(e) => void toggle(e, { id: item.id, mode: 'reschedule' })}
                    >
                      {t('popupReschedule')}
                    </button>
                  </div>
                  {mine?.mode === 'reschedule' && (
                    <Presets
                      label={t('sidebarSnoozeTo')}
                      presets={SNOOZE_PRESETS}
                      dueOf={presetsFor(item, settings?.cadenceDays)}
                      onPick={(day) => void reschedule(item, day)}
                    />
                  )}
                  {mine?.mode === 'log' && mine.view && (
                    // No thread here, so no source. The due action shows in the form with
                    // its Done / Keep / Replace choice; what happened is the user's to write.
                    <FollowUpForm
                      account={mine.view.account}
                      people={mine.view.people}
                      cadence={settings?.cadenceDays}
                      send={send}
                      reload={() => void reload()}
                      onSaved={(undo) => {
                        close();
                        if (undo) setToast(undo);
                      }}
                      onClose={close}
                    />
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {due?.length === DUE_SHOWN && (
          <p class="muted">
            <a href="/accounts.html#view=table&sort=due" target="_blank" rel="noopener">
              {t('popupMoreDue')}
            </a>
          </p>
        )}
      </section>

      <Toast undo={toast} send={send} reload={() => void reload()} onClose={() => setToast(null)} />

      <QuickSearch />

      {settings && (
        <section aria-labelledby="sidebar-heading">
          <h2 id="sidebar-heading">{t('popupSidebarHeading')}</h2>
          <label class="row">
            <span>{t('popupSide')}</span>
            <select
              data-testid="side"
              value={settings.sidebarSide}
              onChange={(e) => update({ sidebarSide: e.currentTarget.value as 'left' | 'right' })}
            >
              <option value="right">{t('popupSideRight')}</option>
              <option value="left">{t('popupSideLeft')}</option>
            </select>
          </label>
          <label class="row">
            <span>{t('popupStartCollapsed')}</span>
            <input
              type="checkbox"
              data-testid="start-collapsed"
              checked={settings.startCollapsed}
              onChange={(e) => update({ startCollapsed: e.currentTarget.checked })}
            />
          </label>
          <label class="row">
            <span>{t('popupRailWhenNothingOpen')}</span>
            <input
              type="checkbox"
              data-testid="rail-when-nothing-open"
              checked={settings.railWhenNothingOpen}
              onChange={(e) => update({ railWhenNothingOpen: e.currentTarget.checked })}
            />
          </label>
          <label class="row">
            <span>{t('popupGmailOn')}</span>
            <input
              type="checkbox"
              data-testid="gmail-on"
              checked={!settings.disabledHosts.includes('gmail')}
              onChange={(e) => {
                const others = settings.disabledHosts.filter((h) => h !== 'gmail');
                update({ disabledHosts: e.currentTarget.checked ? others : [...others, 'gmail'] });
              }}
            />
          </label>
          <FollowUpSettings settings={settings} update={update} />
          <OwnCompany settings={settings} save={(ownDomains) => update({ ownDomains })} />
        </section>
      )}

      <Sites />
      <ReadingHealth />
    </main>
  );
}
