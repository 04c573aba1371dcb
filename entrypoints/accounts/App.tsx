import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { AccountRow, ChangeNotice } from '@/utils/messages';
import { CHANGED_KEY } from '@/utils/messages';
import type { Account } from '@/utils/model';
import { send } from '@/utils/send';
import { t } from '@/utils/i18n';
import { today } from '@/utils/dates';
import { loadSettings, watchSettings, type Settings } from '@/utils/settings';
import {
  DEFAULT_QUERY,
  hashOf,
  parseHash,
  type CalendarView as CalView,
  type ListQuery,
  type PageView,
  type Route,
} from '@/utils/account-list';
import { TableView } from './table-view';
import { CalendarView } from './calendar-view';
import { PortfolioView } from './portfolio-view';
import { AccountEditor } from './account-editor';

const VIEWS: {
  view: PageView;
  label: 'accountsViewTable' | 'accountsViewCalendar' | 'accountsViewPortfolio';
}[] = [
  { view: 'table', label: 'accountsViewTable' },
  { view: 'calendar', label: 'accountsViewCalendar' },
  { view: 'portfolio', label: 'accountsViewPortfolio' },
];

interface Toast {
  account: Account;
  restoring: boolean;
  error: string | null;
}

function useRoute(): [Route, (r: Route, replace?: boolean) => void] {
  const [route, setRoute] = useState<Route>(() => parseHash(location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = (next: Route, replace = false) => {
    if (replace) {
      history.replaceState(null, '', hashOf(next));
      setRoute(next);
    } else location.hash = hashOf(next);
  };
  return [route, go];
}

/** The accounts page: table, calendar and portfolio of every account, and each account whole. */
export function App() {
  const [rows, setRows] = useState<AccountRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [notice, setNotice] = useState<ChangeNotice | null>(null);
  const [query, setQuery] = useState<ListQuery>(DEFAULT_QUERY);
  const [cal, setCal] = useState<{ view: CalView; anchor: string }>(() => ({
    view: 'month',
    anchor: today(),
  }));
  const [now, setNow] = useState(() => Date.now());
  const [toast, setToast] = useState<Toast | null>(null);
  const [route, go] = useRoute();
  const undoButton = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const lastRoute = useRef<Route>(route);

  const loadRows = async () => {
    const r = await send('listAccounts', {});
    setNow(Date.now());
    if (r.ok) {
      setRows(r.data);
      setError(null);
    } else setError(r.error);
  };

  useEffect(() => {
    const controller = new AbortController();
    void loadRows();
    void loadSettings().then(setSettings);
    watchSettings(setSettings, controller.signal);
    // Every write anywhere (sidebar, popup, another tab) is announced here: re-read the list and
    // tell an open account which accounts changed.
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      const change = changes[CHANGED_KEY];
      if (area !== 'local' || !change) return;
      void loadRows();
      const value = change.newValue as ChangeNotice | undefined;
      if (value && Array.isArray(value.accountIds)) setNotice(value);
    };
    browser.storage.onChanged.addListener(onChanged);
    controller.signal.addEventListener('abort', () =>
      browser.storage.onChanged.removeListener(onChanged),
    );
    return () => controller.abort();
  }, []);

  // Back from an account to a list: focus the page heading rather than losing it on <body>.
  useEffect(() => {
    if (lastRoute.current.kind === 'account' && route.kind === 'list') heading.current?.focus();
    lastRoute.current = route;
    window.scrollTo(0, 0);
  }, [route]);

  // Declared after the route's effect so that, after a delete, Undo takes focus, not the heading.
  useEffect(() => {
    if (toast && !toast.restoring) undoButton.current?.focus();
  }, [toast?.account.id]);

  const onDelete = (account: Account) => {
    setToast({ account, restoring: false, error: null });
    // The deleted account's entry is replaced, so Back does not lead to a page that is gone.
    go({ kind: 'list', view: 'table' }, true);
  };
  const undo = async () => {
    if (!toast) return;
    setToast({ ...toast, restoring: true });
    const r = await send('restoreAccount', { id: toast.account.id });
    if (r.ok) {
      setToast(null);
      go({ kind: 'account', id: toast.account.id });
    } else setToast({ ...toast, restoring: false, error: r.error });
  };

  const counts = useMemo(() => rows?.length ?? 0, [rows]);
  const listView = route.kind === 'list' ? route.view : null;

  return (
    <div class="app">
      <header class="top">
        <img src="/icon/32.png" alt="" width={22} height={22} />
        <span class="brand">{t('extName')}</span>
        <nav aria-label={t('accountsViews')}>
          <ul class="tabs">
            {VIEWS.map((v) => (
              <li key={v.view}>
                <a
                  href={hashOf({ kind: 'list', view: v.view })}
                  aria-current={listView === v.view ? 'page' : undefined}
                >
                  {t(v.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <a class="top-link" href="/options.html">
          {t('accountsOptionsLink')}
        </a>
      </header>

      <main class="content">
        {route.kind === 'account' ? (
          <AccountEditor
            key={route.id}
            id={route.id}
            settings={settings}
            notice={notice}
            onDelete={onDelete}
          />
        ) : (
          <>
            <h1 ref={heading} tabIndex={-1} class="page-title">
              {t(VIEWS.find((v) => v.view === route.view)!.label)}
              {rows && <span class="count-badge">{counts}</span>}
            </h1>
            {error && (
              <p class="write-error" role="alert">
                {t('accountsLoadFailed', error)}
              </p>
            )}
            {rows === null && !error && <p class="muted">{t('accountsLoading')}</p>}
            {rows && rows.length === 0 && (
              <p class="empty-state">
                {t('accountsEmpty')} <a href="/options.html">{t('accountsEmptyImport')}</a>
              </p>
            )}
            {rows && rows.length > 0 && route.view === 'table' && (
              <TableView
                rows={rows}
                query={query}
                onQuery={setQuery}
                onOpen={(id) => go({ kind: 'account', id })}
                cadenceDays={settings?.cadenceDays}
                now={now}
              />
            )}
            {rows && rows.length > 0 && route.view === 'calendar' && (
              <CalendarView
                rows={rows}
                view={cal.view}
                anchor={cal.anchor}
                onChange={(view, anchor) => setCal({ view, anchor })}
                now={now}
              />
            )}
            {rows && rows.length > 0 && route.view === 'portfolio' && (
              <PortfolioView
                rows={rows}
                onCell={(stage, potential) => {
                  setQuery({
                    ...DEFAULT_QUERY,
                    sort: query.sort,
                    dir: query.dir,
                    stage,
                    potential,
                  });
                  go({ kind: 'list', view: 'table' });
                }}
              />
            )}
          </>
        )}
      </main>

      <div class="toast-region" role="status" aria-live="polite">
        {toast && (
          <div class="toast">
            <span>
              {toast.error
                ? t('accountsRestoreFailed', toast.error)
                : t('accountsDeleted', toast.account.name)}
            </span>
            <button
              type="button"
              class="btn small"
              ref={undoButton}
              disabled={toast.restoring}
              onClick={() => void undo()}
            >
              {t('accountsUndo')}
            </button>
            <button
              type="button"
              class="btn small ghost"
              aria-label={t('accountsDismiss')}
              title={t('accountsDismiss')}
              onClick={() => setToast(null)}
            >
              ×
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
