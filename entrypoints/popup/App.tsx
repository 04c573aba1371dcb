import { useEffect, useState } from 'preact/hooks';
import { watchChanges } from '@/utils/events';
import type { DueItem } from '@/utils/messages';
import { send } from '@/utils/send';
import { today } from '@/utils/dates';
import { t, uiLocale } from '@/utils/i18n';
import { loadSettings, watchSettings, type Settings } from '@/utils/settings';

/** The popup: what is due today, and the sidebar's everyday options. */
export function App() {
  const [due, setDue] = useState<DueItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const loadDue = async () => {
      const r = await send('listDue', { until: today() });
      if (r.ok) setDue(r.data);
      else setError(r.error);
    };
    void loadDue();
    void loadSettings().then(setSettings);
    watchSettings(setSettings, controller.signal);
    watchChanges(() => void loadDue(), controller.signal);
    return () => controller.abort();
  }, []);

  const update = (patch: Parameters<typeof send<'updateSettings'>>[1]) =>
    void send('updateSettings', patch);
  const dateFormat = new Intl.DateTimeFormat(uiLocale(), { day: 'numeric', month: 'short' });

  return (
    <main class="popup">
      <header>
        <img src="/icon/32.png" alt="" width={20} height={20} />
        <h1>{t('extName')}</h1>
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
            {due.map((item) => (
              <li key={item.id} class={item.overdue ? 'overdue' : ''}>
                <span class="account">{item.name}</span>
                <span class="action">{item.nextAction.text}</span>
                <time dateTime={item.nextAction.due}>
                  {item.overdue ? t('popupOverdue') + ' · ' : ''}
                  {dateFormat.format(new Date(`${item.nextAction.due}T12:00:00`))}
                </time>
              </li>
            ))}
          </ul>
        )}
      </section>

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
        </section>
      )}
    </main>
  );
}
