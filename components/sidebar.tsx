/**
 * The account sidebar: the panel in the sidebar frame, docked on one edge of the host page, that
 * collapses to a rail. Host-agnostic: it gets the state to show and a `send` to ask for changes;
 * the frame (entrypoints/sidebar/frame.tsx) learns what the tab shows and resolves it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatCount } from '@/utils/shared/counts';
import type { AccountView } from '@/utils/contract/messages';
import { t } from '@/utils/shared/i18n';
import { AccountCard } from './account-card';
import { AccountSearch } from './account-search';
import { PageSnapshotOffer } from './page-snapshot-offer';
import { MAX_WIDTH, MIN_WIDTH, RESIZE_STEP } from '@/utils/contract/dock-layout';
import { type CardEnv, type SidebarProps, type SidebarState, type Undo } from './sidebar-types';
import { Toast } from './toast';
import { UnknownSenders } from './unknown-senders';
import { HOST_LABEL, UNREADABLE_NOTICE } from './labels';
import type { HostName, PageThing } from '@/utils/contract/enums';

/** What the panel hands down to the account cards, besides send and reload. */
type Env = Omit<CardEnv, 'send' | 'reload'>;
type BodyProps = SidebarProps & { env: Env };

const clamp = (w: number) => Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w)));

export function Sidebar(props: SidebarProps) {
  const { state, side, layout, onLayout } = props;
  const { collapsed } = layout;
  const root = useRef<HTMLElement>(null);
  const toggled = useRef(false);
  const [toast, setToast] = useState<Undo | null>(null);
  // The conversation the shortcut asked to log; another conversation drops the request.
  const [logFor, setLogFor] = useState<string | null>(null);
  const conversation = props.conversation ?? '';

  useEffect(() => {
    if (!props.logRequest) return;
    if (collapsed) onLayout({ ...layout, collapsed: false });
    setLogFor(conversation);
  }, [props.logRequest]);
  const env: Env = {
    cadence: props.cadence,
    roleCadence: props.roleCadence,
    notify: setToast,
    logWanted: logFor === conversation,
    onLogOpened: () => setLogFor(null),
  };

  useEffect(() => {
    // The toggle is replaced by its counterpart; keep keyboard focus on it.
    if (!toggled.current) return;
    toggled.current = false;
    root.current?.querySelector<HTMLElement>('[data-testid="collapse"]')?.focus();
  }, [collapsed]);

  useFocusRescue(root);

  const toggle = () => {
    toggled.current = true;
    onLayout({ ...layout, collapsed: !collapsed });
  };
  const dueCount =
    state.status === 'none'
      ? state.dueCount
      : state.status === 'ready'
        ? state.result.dueCount
        : null;
  const width = layout.width;

  return (
    <aside
      ref={root}
      class="rp"
      data-testid="sidebar"
      data-state={state.status}
      data-collapsed={String(collapsed)}
      data-side={side}
      aria-label={t('sidebarLabel')}
    >
      {collapsed ? (
        <button
          type="button"
          class="rp-tab"
          data-testid="collapse"
          aria-expanded="false"
          aria-label={
            dueCount ? t('sidebarExpandWithDue', formatCount(dueCount)) : t('sidebarExpand')
          }
          title={t('sidebarExpand')}
          onClick={toggle}
        >
          {/* The letter comes from CSS, so the tab's visible text is just the count its label names. */}
          <span class="rp-mark rp-mark-letter" aria-hidden="true" />
          {dueCount !== null && (
            <span class={`rp-tab-count${dueCount ? '' : ' rp-zero'}`} data-testid="due-count">
              {formatCount(dueCount)}
            </span>
          )}
        </button>
      ) : (
        <>
          <header class="rp-head">
            <span class="rp-brand">
              <span class="rp-mark" aria-hidden="true">
                R
              </span>
              {t('extName')}
            </span>
          </header>
          {props.covered && (
            <p class="rp-covered" role="alert" data-testid="covered">
              {t('sidebarCovered')}
            </p>
          )}
          {props.banner && (
            <div class="rp-banner" role="status" data-testid="banner">
              <span>{props.banner.text}</span>
              <button
                type="button"
                class="rp-icon-btn"
                aria-label={t('sidebarDismiss')}
                title={t('sidebarDismiss')}
                onClick={props.banner.onDismiss}
              >
                ×
              </button>
            </div>
          )}
          <div class="rp-body" aria-busy={state.status === 'loading'}>
            <Body {...props} env={env} key={conversation} />
          </div>
          <Toast
            undo={toast}
            send={props.send}
            reload={props.onRefresh}
            onClose={() => setToast(null)}
          />
          {/* After the content in the tab order, which starts at the account; shown in the header. */}
          <button
            type="button"
            class="rp-icon-btn rp-collapse"
            data-testid="collapse"
            aria-expanded="true"
            aria-label={t('sidebarCollapse')}
            title={t('sidebarCollapse')}
            onClick={toggle}
          >
            <Chevron side={side} />
          </button>
          <div
            class="rp-resize"
            role="separator"
            tabIndex={0}
            aria-orientation="vertical"
            aria-label={t('sidebarResize')}
            aria-valuemin={MIN_WIDTH}
            aria-valuemax={MAX_WIDTH}
            aria-valuenow={width}
            onKeyDown={(e) => {
              const dir = { ArrowLeft: 1, ArrowRight: -1 }[e.key];
              if (!dir) return;
              e.preventDefault();
              const wider = side === 'right' ? dir : -dir;
              onLayout({ ...layout, width: clamp(layout.width + wider * RESIZE_STEP) });
            }}
          />
        </>
      )}
    </aside>
  );
}

/**
 * A write often removes what had focus (a form's Save, Undo in its toast, a button that turns
 * into another). Where the component knows the result it moves focus there itself; anything left
 * on the frame's <body> instead, while the frame has focus, comes back to the account's name.
 */
function useFocusRescue(root: { current: HTMLElement | null }) {
  useEffect(() => {
    const panel = root.current;
    if (!panel || typeof MutationObserver === 'undefined') return;
    let last: Element | null = null;
    const onFocusIn = (e: FocusEvent) => (last = e.target as Element);
    const observer = new MutationObserver(() => {
      if (!last || last.isConnected || document.activeElement !== document.body) return;
      // The frame was left (blur empties focus on purpose: frame.tsx): nothing to bring back.
      if (!document.hasFocus()) return;
      last = null;
      const target =
        panel.querySelector<HTMLElement>('[data-testid="edit-account"]') ??
        panel.querySelector<HTMLElement>('.rp-body button, .rp-body a[href]');
      if (target) target.focus();
      else {
        panel.tabIndex = -1;
        panel.focus();
      }
    });
    panel.addEventListener('focusin', onFocusIn);
    observer.observe(panel, { childList: true, subtree: true });
    return () => {
      panel.removeEventListener('focusin', onFocusIn);
      observer.disconnect();
    };
  }, [root.current]);
}

function Chevron({ side }: { side: 'left' | 'right' }) {
  // Points towards the edge the panel folds into.
  const d = side === 'right' ? 'M6 3l5 5-5 5' : 'M10 3L5 8l5 5';
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
      <path d={d} fill="none" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" />
    </svg>
  );
}

function Body(props: BodyProps) {
  const { state, onRefresh } = props;
  switch (state.status) {
    case 'loading':
      return <Skeleton />;
    case 'none':
      return (
        <div class="rp-empty">
          <p class="rp-status" data-testid="status" role="status">
            {t('sidebarNone')}
          </p>
          <p class="rp-due-line">
            <strong class="rp-big" data-testid="due-count">
              {formatCount(state.dueCount)}
            </strong>{' '}
            {t('sidebarDueLabel')}
          </p>
        </div>
      );
    case 'unreadable':
      return <Unreadable {...props} reason={state.reason} host={state.host} thing={state.thing} />;
    case 'error':
      return (
        <div class="rp-empty">
          <p class="rp-status rp-error-text" data-testid="status" role="alert">
            {state.message}
          </p>
          <button type="button" class="rp-btn rp-primary" onClick={onRefresh}>
            {t('sidebarRetry')}
          </button>
        </div>
      );
    case 'ready':
      return <Ready {...props} state={state} />;
  }
}

function Ready(props: BodyProps & { state: Extract<SidebarState, { status: 'ready' }> }) {
  const { context, result } = props.state;
  const { thread } = context;
  const [selected, setSelected] = useState<string | null>(null);
  const current = result.matches.find((m) => m.account.id === selected) ?? result.matches[0];
  const record = context.crmRef ? { ...context, crmRef: context.crmRef } : null;
  const Offer = props.recordOffer;
  return (
    <>
      {result.matches.length > 1 && (
        <div
          class="rp-switcher"
          role="group"
          aria-label={t('sidebarAccountsOnThread')}
          data-testid="account-switcher"
        >
          {result.matches.map((m) => (
            <button
              key={m.account.id}
              type="button"
              class="rp-switch"
              aria-pressed={m === current}
              onClick={() => setSelected(m.account.id)}
            >
              {m.account.name}
            </button>
          ))}
        </div>
      )}
      {current && (
        <AccountCard
          {...props.env}
          key={current.account.id}
          view={current}
          threadEmails={current.threadEmails}
          participants={context.participants}
          sourceUrl={context.url}
          source={
            thread && {
              host: context.host,
              url: context.url,
              threadId: thread.id,
              subject: thread.subject,
            }
          }
          crmRef={context.crmRef}
          send={props.send}
          reload={props.onRefresh}
        />
      )}
      {!current && record && Offer ? (
        // A CRM record that matches no account: its people come along if it becomes one.
        <Offer
          context={record}
          unknown={result.unknown}
          send={props.send}
          reload={props.onRefresh}
        />
      ) : (
        result.unknown.length > 0 && (
          <UnknownSenders unknown={result.unknown} send={props.send} reload={props.onRefresh} />
        )
      )}
      {!current && !(record && Offer) && result.unknown.length === 0 && (
        <p class="rp-status" data-testid="status" role="status">
          {t('sidebarNoClient')}
        </p>
      )}
    </>
  );
}

/**
 * "Rapport could not read this email", or this Pipedrive person: the thing in its host's words. A
 * CRM page whose read failed before it could say what it shows is "this Pipedrive page", never
 * an email.
 */
function unreadableNotice(host: HostName | undefined, thing: PageThing | undefined): string {
  if (host && thing && thing !== 'email') return t(UNREADABLE_NOTICE[thing], t(HOST_LABEL[host]));
  if (host && host !== 'gmail' && host !== 'outlook')
    return t('sidebarUnreadableRecord', t(HOST_LABEL[host]));
  return t('sidebarUnreadable');
}

/** The page could not be read: say so plainly, and let the user find the account by hand. */
function Unreadable(
  props: BodyProps & { reason: string; host?: HostName | undefined; thing?: PageThing | undefined },
) {
  const { send, notice } = props;
  const [view, setView] = useState<AccountView | null>(null);
  const [error, setError] = useState<string | null>(null);

  const open = async (id: string) => {
    const result = await send('getAccount', { id });
    setError(result.ok ? null : result.error);
    setView(result.ok ? result.data : null);
  };
  const reload = () => view && void open(view.account.id);

  useEffect(() => {
    if (view && notice?.accountIds.includes(view.account.id)) void open(view.account.id);
  }, [notice]);

  return (
    <>
      <div class="rp-empty">
        <p class="rp-status" data-testid="status" role="status">
          {unreadableNotice(props.host, props.thing)}
        </p>
        {props.reason && <p class="rp-muted rp-small-text">{props.reason}</p>}
      </div>
      {view ? (
        <>
          <div class="rp-actions">
            <button type="button" class="rp-btn" onClick={() => setView(null)}>
              {t('sidebarSearchAgain')}
            </button>
          </div>
          <AccountCard
            {...props.env}
            key={view.account.id}
            view={view}
            threadEmails={[]}
            participants={[]}
            send={send}
            reload={reload}
          />
        </>
      ) : (
        <AccountSearch
          send={send}
          label={t('sidebarFindAccount')}
          onPick={(a) => void open(a.id)}
        />
      )}
      {error && (
        <p class="rp-error" role="alert">
          {error}
        </p>
      )}
      {!view && <PageSnapshotOffer send={send} host={props.host} />}
    </>
  );
}

function Skeleton() {
  return (
    <div class="rp-skeleton" aria-hidden="false">
      <span class="rp-visually-hidden" role="status">
        {t('sidebarLoading')}
      </span>
      <div class="rp-bone rp-bone-title" />
      <div class="rp-bone rp-bone-line" />
      <div class="rp-bone rp-bone-ladder" />
      <div class="rp-bone rp-bone-line" />
      <div class="rp-bone rp-bone-block" />
      <div class="rp-bone rp-bone-block" />
    </div>
  );
}
