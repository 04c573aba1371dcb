import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { AccountRow } from '@/utils/contract/messages';
import { type ChangeNotice } from '@/utils/contract/events';
import { CHANGED_KEY } from '@/utils/contract/storage-keys';
import type { Account } from '@/utils/contract/model';
import { send } from '@/utils/contract/send';
import { t } from '@/utils/shared/i18n';
import { today } from '@/utils/shared/dates';
import { loadSettings, watchSettings, type Settings } from '@/utils/contract/settings';
import {
  DEFAULT_QUERY,
  type CalendarView as CalView,
  type ListQuery,
  type PageView,
  type Route,
} from '@/utils/page/account-list';
import { pageHash, parsePageHash } from './page-hash';
import { focusWhenReady, type UndoOffer } from './undo';
import { TableView } from './table-view';
import { NewAccountButton } from './new-account-button';
import { lazyView } from './lazy-view';
import { LoadingLine } from './loading-line';
import { usePagedRows } from './use-paged-rows';

// Everything but the table comes when first shown (lazy-view.ts): the first screen waits for none.
const Editor = lazyView(() => import('./account-editor').then((m) => m.AccountEditor));
const NewAccount = lazyView(() => import('./new-account').then((m) => m.NewAccountForm));
const Calendar = lazyView(() => import('./calendar-view').then((m) => m.CalendarView));
const Portfolio = lazyView(() => import('./portfolio-view').then((m) => m.PortfolioView));
const Kpis = lazyView(() => import('./kpis-view').then((m) => m.KpisView));
const LAZY = [Editor, NewAccount, Calendar, Portfolio, Kpis];

const VIEWS: {
  view: PageView;
  label:
    'accountsViewTable' | 'accountsViewCalendar' | 'accountsViewPortfolio' | 'accountsViewKpis';
}[] = [
  { view: 'table', label: 'accountsViewTable' },
  { view: 'calendar', label: 'accountsViewCalendar' },
  { view: 'portfolio', label: 'accountsViewPortfolio' },
  { view: 'kpis', label: 'accountsViewKpis' },
];

interface Toast {
  offer: UndoOffer;
  /** Bumped for every new offer, so Undo takes focus each time one appears. */
  serial: number;
  restoring: boolean;
  error: string | null;
}

/**
 * What is open, from the address. The table's query lives in the address too (`&stage=...`), so
 * a reload or Back shows the same filtered table; the calendar and portfolio keep it in memory.
 */
function useRoute(): [Route, ListQuery, (r: Route, q?: ListQuery, replace?: boolean) => void] {
  const [state, setState] = useState(() => parsePageHash(location.hash));
  const [query, setQuery] = useState<ListQuery>(state.query);
  useEffect(() => {
    const onHash = () => {
      const next = parsePageHash(location.hash);
      setState(next);
      if (next.route.kind === 'list' && next.route.view === 'table') setQuery(next.query);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = (next: Route, q: ListQuery = query, replace = false) => {
    const hash = pageHash(next, q);
    setQuery(q);
    if (replace || hash === location.hash) {
      history.replaceState(null, '', hash);
      setState({ route: next, query: q });
    } else location.hash = hash;
  };
  return [state.route, query, go];
}

/**
 * The accounts page: table, calendar and portfolio of every account, and each account whole. The
 * table reads a page of rows at a time from the background (use-paged-rows.ts); the calendar and
 * the portfolio read every account, once one of them is opened.
 */
export function App() {
  const [rows, setRows] = useState<AccountRow[] | null>(null);
  /** Bumped by every write anywhere: the table reloads the pages it holds. */
  const [version, setVersion] = useState(0);
  const wantsAll = useRef(false);
  const [error, setError] = useState<string | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [notice, setNotice] = useState<ChangeNotice | null>(null);
  const [cal, setCal] = useState<{ view: CalView; anchor: string }>(() => ({
    view: 'month',
    anchor: today(),
  }));
  const [now, setNow] = useState(() => Date.now());
  const [toast, setToast] = useState<Toast | null>(null);
  const [route, query, go] = useRoute();
  const serial = useRef(0);
  const undoButton = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const lastRoute = useRef<Route>(route);
  // "New account": open from a button here, or from the popup (`&new=1` in the address).
  const [creating, setCreating] = useState(
    () => route.kind === 'list' && new URLSearchParams(location.hash.slice(1)).has('new'),
  );
  const createOpener = useRef<Element | null>(null);
  const startCreate = () => {
    createOpener.current = document.activeElement;
    setCreating(true);
  };
  const cancelCreate = () => {
    setCreating(false);
    const back = createOpener.current;
    // After the modal form is gone: while it is open, everything outside it is inert.
    requestAnimationFrame(() => {
      if (back instanceof HTMLElement && back.isConnected) back.focus();
      else heading.current?.focus();
    });
  };
  const created = (id: string) => {
    setCreating(false);
    // The editor gives focus to the new account's name (its heading) once it has loaded.
    go({ kind: 'account', id });
  };
  useEffect(() => {
    // The popup's `&new=1` is done once the form is open: a reload shows the list, not the form.
    if (creating && location.hash.includes('new=')) go(route, query, true);
  }, []);

  const loadRows = async () => {
    wantsAll.current = true;
    const r = await send('listAccounts', {});
    setNow(Date.now());
    if (r.ok) {
      setRows(r.data);
      setError(null);
    } else setError(r.error);
  };

  useEffect(() => {
    const controller = new AbortController();
    void loadSettings().then(setSettings);
    watchSettings(setSettings, controller.signal);
    // Every write anywhere (sidebar, popup, another tab) is announced here: re-read the list and
    // tell an open account which accounts changed.
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      const change = changes[CHANGED_KEY];
      if (area !== 'local' || !change) return;
      setNow(Date.now());
      setVersion((v) => v + 1);
      if (wantsAll.current) void loadRows();
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
  }, [toast?.serial]);

  const offerUndo = (offer: UndoOffer) =>
    setToast({ offer, serial: ++serial.current, restoring: false, error: null });

  const onDelete = (account: Account) => {
    offerUndo({
      message: t('accountsDeleted', account.name),
      accountId: account.id,
      undo: () => send('restoreAccount', { id: account.id }),
      focusAfterUndo: '.editor h1',
      focusAfterClose: ['.page-title'],
    });
    // The deleted account's entry is replaced, so Back does not lead to a page that is gone.
    go({ kind: 'list', view: 'table' }, query, true);
  };
  const undo = async () => {
    if (!toast) return;
    const { offer } = toast;
    setToast({ ...toast, restoring: true });
    const r = await offer.undo();
    if (!r.ok) return setToast({ ...toast, restoring: false, error: r.error });
    setToast(null);
    const here = route.kind === 'account' && route.id === offer.accountId;
    if (!here) go({ kind: 'account', id: offer.accountId });
    focusWhenReady(offer.focusAfterUndo);
  };
  const dismiss = () => {
    const inToast = document.activeElement?.closest('.toast-region');
    const after = toast?.offer.focusAfterClose;
    setToast(null);
    // Focus was on the toast, which is going: hand it to something near what was removed.
    if (inToast && after) focusWhenReady(after);
  };

  const listView = route.kind === 'list' ? route.view : null;
  const paged = usePagedRows(query, version, listView === 'table');
  // The calendar, the portfolio and the KPIs show every account: read them all when one is first
  // opened (the KPIs read their own figures; the list gives the count and the empty state).
  useEffect(() => {
    if (listView !== null && listView !== 'table' && !wantsAll.current) {
      void loadRows();
    }
  }, [listView]);
  const counts = useMemo(() => rows?.length ?? 0, [rows]);
  // What the open list knows of the store: the table's page answers, or every row.
  const known = listView === 'table' ? paged.all : rows === null ? null : counts;
  const failed = listView === 'table' && paged.all === null ? paged.error : error;
  // Once the first screen is up, the other parts load while the page is idle: opening an account
  // or another view then waits for nothing.
  const settled = known !== null || failed !== null || route.kind === 'account';
  useEffect(() => {
    if (!settled) return;
    const idle = window.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 200));
    idle(() => LAZY.forEach((part) => part.preload()));
  }, [settled]);

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
                  href={pageHash({ kind: 'list', view: v.view }, query)}
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

      {creating && <NewAccount.View onCreated={created} onCancel={cancelCreate} />}
      <main class="content">
        {route.kind === 'account' ? (
          <Editor.View
            key={route.id}
            id={route.id}
            settings={settings}
            notice={notice}
            onDelete={onDelete}
            offerUndo={offerUndo}
            listHref={pageHash({ kind: 'list', view: 'table' }, query)}
          />
        ) : (
          <>
            <div class="title-row">
              <h1 ref={heading} tabIndex={-1} class="page-title">
                {t(VIEWS.find((v) => v.view === route.view)!.label)}
                {known !== null && <span class="count-badge">{known}</span>}
              </h1>
              <NewAccountButton testId="new-account" onClick={startCreate} />
            </div>
            {failed && (
              <p class="write-error" role="alert">
                {t('accountsLoadFailed', failed)}
              </p>
            )}
            {known === null && !failed && <LoadingLine />}
            {known === 0 && (
              <div class="empty-state">
                <p>{t('accountsEmpty')}</p>
                <p>
                  <NewAccountButton testId="new-account-empty" onClick={startCreate} />{' '}
                  <a href="/options.html">{t('accountsEmptyImport')}</a>
                </p>
              </div>
            )}
            {known !== null && known > 0 && route.view === 'table' && (
              <TableView
                source={paged}
                query={query}
                // Every change of filter, sort or page replaces the address: one Back leaves the
                // table rather than undoing each keystroke of a search.
                onQuery={(q) => go(route, q, true)}
                onOpen={(id) => go({ kind: 'account', id })}
                cadenceDays={settings?.cadenceDays}
                now={now}
              />
            )}
            {rows && rows.length > 0 && route.view === 'calendar' && (
              <Calendar.View
                rows={rows}
                view={cal.view}
                anchor={cal.anchor}
                onChange={(view, anchor) => setCal({ view, anchor })}
                now={now}
              />
            )}
            {rows && rows.length > 0 && route.view === 'kpis' && <Kpis.View version={version} />}
            {rows && rows.length > 0 && route.view === 'portfolio' && (
              <Portfolio.View
                rows={rows}
                onCell={(stage, potential, coverage) =>
                  go(
                    { kind: 'list', view: 'table' },
                    {
                      ...DEFAULT_QUERY,
                      sort: query.sort,
                      dir: query.dir,
                      stage,
                      potential,
                      coverage: coverage ?? '',
                    },
                  )
                }
              />
            )}
          </>
        )}
      </main>

      <div class="toast-region" role="status" aria-live="polite">
        {toast && (
          <div class="toast">
            <span>
              {toast.error ? t('accountsRestoreFailed', toast.error) : toast.offer.message}
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
              onClick={dismiss}
            >
              ×
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
