import type { ComponentType } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { dayName } from '@/components/format';
import type { Undo } from '@/components/sidebar-types';
import { watchChanges } from '@/utils/contract/events';
import type { AccountView, DueItem } from '@/utils/contract/messages';
import type { NextAction } from '@/utils/contract/model';
import type { FieldConflict } from '@/utils/shared/field-merge';
import { send } from '@/utils/contract/send';

import { t } from '@/utils/shared/i18n';
import { loadSettings, watchSettings, type Settings } from '@/utils/contract/settings';
import { afterPaint } from './after-paint';
import { DUE_SHOWN, firstDue, loadDue } from './first-due';
import type { PanelProps } from './settings-panel';

type Tools = typeof import('./item-tools');
/** One load of the item tools, shared by the after-paint prefetch and a click that beats it. */
let tools: Promise<Tools> | null = null;
const loadTools = () => (tools ??= import('./item-tools'));

/** What is open under one due item: the follow-up form (once its account is read) or snooze. */
type Open = { id: string; mode: 'log'; view?: AccountView } | { id: string; mode: 'reschedule' };

/** The popup: what is due today, with Log and Reschedule on each, and the sidebar's options. */
export function App() {
  const [due, setDue] = useState<DueItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [open, setOpen] = useState<Open | null>(null);
  const [toast, setToast] = useState<Undo | null>(null);
  /** A reschedule refused because the next action changed since the list was read. */
  const [clash, setClash] = useState<{
    id: string;
    conflicts: FieldConflict[];
    mine: NextAction;
  } | null>(null);
  /** The Log or Reschedule button that opened what is open: focus goes back to it. */
  const opener = useRef<HTMLButtonElement | null>(null);
  const [Panel, setPanel] = useState<ComponentType<PanelProps> | null>(null);
  /** What a due item opens, and the toast: loaded once the due list is painted (item-tools.ts). */
  const [kit, setKit] = useState<Tools | null>(null);
  /**
   * The key players, loaded once the due list is painted: their module (and the account links'
   * helpers it brings) is not needed for the first paint.
   */
  const [KeyPlayers, setKeyPlayers] = useState<ComponentType | null>(null);

  const show = (r: Awaited<ReturnType<typeof loadDue>>) => {
    if (r.ok) setDue(r.data);
    else setError(r.error);
  };
  const reload = async () => show(await loadDue());
  const close = () => {
    setOpen(null);
    if (opener.current?.isConnected) opener.current.focus();
  };
  const toggle = async (e: Event, next: Open) => {
    opener.current = e.currentTarget as HTMLButtonElement;
    if (open?.id === next.id && open.mode === next.mode) return close();
    // Clicked before the after-paint load finished: wait for it (a local file, milliseconds).
    if (!kit) setKit(await loadTools());
    setOpen(next);
    if (next.mode !== 'log') return;
    // The form needs the whole account (people, cadence), which the due list does not carry.
    const r = await send('getAccount', { id: next.id });
    if (!r.ok) return setError(r.error);
    setOpen((o) => (o?.id === next.id && o.mode === 'log' ? { ...o, view: r.data } : o));
  };
  /**
   * Moves the due item's next action, based on it as listed: changed since (the sidebar, the
   * accounts page), the answer is a conflict, shown under the item with both values.
   */
  const reschedule = async (id: string, mine: NextAction, base: NextAction | null) => {
    setClash(null);
    const r = await send('setNextAction', { accountId: id, nextAction: mine, base });
    if (r.ok) {
      close();
      return void reload();
    }
    if (r.code === 'conflict' && r.conflicts?.length) {
      setClash({ id, conflicts: r.conflicts, mine });
      return void reload();
    }
    setError(r.error);
  };
  const settleClash = (pick: 'mine' | 'theirs') => {
    if (!clash) return;
    setClash(null);
    const theirs = (clash.conflicts[0]!.theirs ?? null) as NextAction | null;
    if (pick === 'mine') void reschedule(clash.id, clash.mine, theirs);
    else close();
  };

  // A layout effect: it runs right after the first render. A plain effect runs only once the
  // first frame (the loading line) is painted, so an answer that came meanwhile waited for that
  // frame and the next (about 10 ms more before the list was painted, in popupPaintMs).
  useLayoutEffect(() => {
    // Asked for before this module ran (first-due.ts). The rest of the popup (the key players,
    // whose read scans every person; the settings; what an item opens) is asked for once the
    // answer is painted, or failed, so that nothing competes with it for the worker or this page.
    void firstDue.then(show).finally(() => {
      afterPaint(() => {
        void import('./key-players').then((m) => setKeyPlayers(() => m.KeyPlayersDue));
        void loadTools().then(setKit);
        void import('./settings-panel').then((m) => setPanel(() => m.SettingsPanel));
      });
    });
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    void loadSettings().then(setSettings);
    watchSettings(setSettings, controller.signal);
    watchChanges(() => void reload(), controller.signal);
    return () => controller.abort();
  }, []);

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
                  {mine?.mode === 'reschedule' && kit && (
                    <kit.Presets
                      label={t('sidebarSnoozeTo')}
                      presets={kit.SNOOZE_PRESETS}
                      dueOf={kit.presetsFor(item, settings?.cadenceDays)}
                      onPick={(day) =>
                        void reschedule(item.id, { ...item.nextAction, due: day }, item.nextAction)
                      }
                    />
                  )}
                  {clash?.id === item.id && kit && (
                    <kit.ConflictNotice conflicts={clash.conflicts} onChoose={settleClash} />
                  )}
                  {mine?.mode === 'log' && mine.view && kit && (
                    // No thread here, so no source. The due action shows in the form with
                    // its Done / Keep / Replace choice; what happened is the user's to write.
                    <kit.FollowUpForm
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

      {KeyPlayers && <KeyPlayers />}

      {kit && (
        <kit.Toast
          undo={toast}
          send={send}
          reload={() => void reload()}
          onClose={() => setToast(null)}
        />
      )}

      {/* Below the due list, and loaded after it is painted (settings-panel.tsx says why). */}
      {Panel && <Panel settings={settings} />}
    </main>
  );
}
