/**
 * What the sidebar panel shows inside its frame, by the state of the page: a skeleton while it
 * loads, the account card(s) of a conversation or record, the accounts to create from unknown
 * senders, nothing found, or a page it could not read (then the account is found by hand).
 */
import { useEffect, useState } from 'preact/hooks';
import { formatCount } from '@/utils/shared/counts';
import type { AccountView } from '@/utils/contract/messages';
import type { HostName, PageThing } from '@/utils/contract/enums';
import { t } from '@/utils/shared/i18n';
import { AccountCard } from './account-card';
import { AccountSearch } from './account-search';
import { HOST_LABEL, UNREADABLE_NOTICE } from './labels';
import { PageSnapshotOffer } from './page-snapshot-offer';
import type { CardEnv, SidebarProps, SidebarState } from './sidebar-types';
import { UnknownSenders } from './unknown-senders';
import { LookalikeWarning } from './lookalike-warning';

/** What the panel hands down to the account cards, besides send and reload. */
export type Env = Omit<CardEnv, 'send' | 'reload'>;
type BodyProps = SidebarProps & { env: Env };

export function Body(props: BodyProps) {
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
  // A record beside a look-alike sender is not offered as an account: the warning asks first.
  const lookalikes = result.lookalikes ?? [];
  const Offer = lookalikes.length > 0 ? undefined : props.recordOffer;
  return (
    <>
      {lookalikes.length > 0 && (
        <LookalikeWarning lookalikes={lookalikes} send={props.send} reload={props.onRefresh} />
      )}
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
      {!current && !(record && Offer) && result.unknown.length === 0 && lookalikes.length === 0 && (
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
