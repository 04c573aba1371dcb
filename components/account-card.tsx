/** One account as the sidebar shows it: who they are, where the relationship stands, what is next. */
import { useEffect, useRef } from 'preact/hooks';
import type { AccountView, HostContext } from '@/utils/contract/messages';
import type { Account } from '@/utils/contract/model';
import type { ActivitySource, CrmRef } from '@/utils/contract/model';
import type { Potential } from '@/utils/contract/enums';
import { guidanceFor, POTENTIAL_ORDER } from '@/utils/shared/stages';
import { t } from '@/utils/shared/i18n';
import { hashOf } from '@/utils/page/account-list';
import { briefHref } from '@/utils/page/brief-link';
import { accountChange, sendAccountChange } from './account-actions';
import { ConflictNotice, useMergedWrite } from './conflict-notice';
import { AccountEditForm } from './account-edit';
import { Activities } from './activities';
import { CoverageBadge } from './coverage-badge';
import { CrmLinks } from './crm-record';
import { Decisions } from './decisions';
import { FollowUpForm } from './follow-up-form';
import { lastTouched } from './format';
import { GUIDANCE_TEXT, POTENTIAL_LABEL } from './labels';
import { NextActionSection } from './next-action';
import { OpportunityLine } from './opportunity-line';
import { ObjectivesSummary } from './objectives-summary';
import { People } from './people';
import { ProfileSummary } from './profile-summary';
import type { CardEnv } from './sidebar-types';
import { StageLadder } from './stage-ladder';
import { SyncLine } from './sync-line';
import { CardRejoinOffer } from './rejoin-offer';
import { ErrorNote, useInline, useWrite, valueOf } from './ui';
import { showDomains } from '@/utils/shared/idn';

interface Props extends CardEnv {
  view: AccountView;
  /** Addresses on the open thread that belong to this account. */
  threadEmails: string[];
  participants: HostContext['participants'];
  sourceUrl?: string;
  /** The open thread, when there is one: a follow-up logged here links back to it. */
  source?: ActivitySource;
  /** The CRM record open on the page, if any: the card links to the account's other records. */
  crmRef?: CrmRef;
}

export function AccountCard(props: Props) {
  const { view, threadEmails, participants, sourceUrl, send, reload } = props;
  const { account } = view;
  const potential = useWrite(reload);
  const potentialWrite = useMergedWrite<Account>(potential, reload);
  const potentialId = `rp-potential-${account.id}`;
  const log = useInline();
  const edit = useInline();
  const root = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!props.logWanted) return;
    // Already open: the shortcut brings focus back to it (the form is the card's first).
    if (log.open) root.current?.querySelector('input')?.focus();
    else log.show();
    props.onLogOpened?.();
  }, [props.logWanted]);

  return (
    <article
      ref={root}
      class="rp-account"
      aria-labelledby={`rp-name-${account.id}`}
      data-account-id={account.id}
    >
      <header class="rp-account-head">
        {edit.open ? (
          <AccountEditForm account={account} send={send} reload={reload} onClose={edit.close} />
        ) : (
          <h2 class="rp-h2" id={`rp-name-${account.id}`} data-testid="account-name">
            {/* The panel's first stop for the keyboard: the account, and a way to rename it. */}
            <button
              type="button"
              class="rp-name"
              data-testid="edit-account"
              ref={edit.opener}
              // Its name is the account's; the title (its description, and a tooltip) says what it does.
              title={t('sidebarEditAccount')}
              onClick={edit.show}
            >
              {account.name}
              <Pencil />
            </button>
          </h2>
        )}
        {!edit.open && account.domains.length > 0 && (
          <div class="rp-muted rp-ellipsis" data-testid="account-domains">
            {showDomains(account.domains)}
          </div>
        )}
        <div class="rp-muted">{lastTouched(view.lastTouchedAt)}</div>
        <SyncLine state={view.sync} />
        <CardRejoinOffer accountId={account.id} state={view.sync} send={send} />
        <div class="rp-head-links">
          {/* Our own page, in a new tab: a relative address resolves inside the extension. */}
          <a
            class="rp-link"
            data-testid="open-account"
            href={`/accounts.html${hashOf({ kind: 'account', id: account.id })}`}
            target="_blank"
            rel="noopener"
          >
            {t('sidebarOpenAccount')}
          </a>
          {/* The brief of this account; on a thread, of this account's people on it. */}
          <a
            class="rp-link"
            data-testid="open-brief"
            href={briefHref(account.id, threadEmails.length > 0 ? threadEmails : undefined)}
            target="_blank"
            rel="noopener"
            title={t('briefOpenTitle')}
          >
            {t('briefOpen')}
          </a>
          <CrmLinks refs={account.crmRefs} shown={props.crmRef} />
        </div>
      </header>

      {log.open ? (
        <FollowUpForm
          account={account}
          people={view.people}
          threadEmails={threadEmails}
          source={props.source}
          cadence={props.cadence}
          send={send}
          reload={reload}
          onSaved={(undo) => {
            log.close();
            if (undo) props.notify(undo);
          }}
          onClose={log.close}
        />
      ) : (
        <button
          type="button"
          class="rp-btn rp-primary rp-log"
          data-testid="log-follow-up"
          ref={log.opener}
          onClick={log.show}
        >
          {t('sidebarLogFollowUp')}
        </button>
      )}

      <StageLadder account={account} stageChanges={view.stageChanges} send={send} reload={reload} />

      <div class="rp-potential">
        <label class="rp-inline-label" for={potentialId}>
          {t('sidebarPotential')}
        </label>
        <select
          id={potentialId}
          class="rp-select"
          data-testid="potential"
          value={account.potential}
          disabled={potential.busy}
          onChange={(e) =>
            void potentialWrite.write(
              // Based on the potential shown: one changed meanwhile elsewhere is asked about.
              accountChange(account, { potential: valueOf(e) as Potential }),
              sendAccountChange(send, account.id),
            )
          }
        >
          {POTENTIAL_ORDER.map((p) => (
            <option key={p} value={p}>
              {t(POTENTIAL_LABEL[p])}
            </option>
          ))}
        </select>
      </div>
      {potentialWrite.conflicts && (
        <ConflictNotice
          conflicts={potentialWrite.conflicts}
          busy={potential.busy}
          onChoose={(choice) => void potentialWrite.choose(choice)}
        />
      )}
      <ErrorNote error={potential.error} />
      <p class="rp-guidance">{t(GUIDANCE_TEXT[guidanceFor(account.stage, account.potential)])}</p>
      <ProfileSummary profile={account.profile} />
      <ObjectivesSummary objectives={view.objectives} />

      <NextActionSection
        account={account}
        objectives={view.objectives}
        send={send}
        reload={reload}
        cadence={props.cadence}
        notify={props.notify}
      />
      <CoverageBadge people={view.people} />
      <OpportunityLine summary={view.opportunities} />
      <People
        accountId={account.id}
        people={view.people}
        threadEmails={threadEmails}
        onRecord={Boolean(props.crmRef)}
        participants={participants}
        send={send}
        reload={reload}
        roleCadence={props.roleCadence}
      />
      <Activities activities={view.activities} />
      <Decisions
        accountId={account.id}
        decisions={view.decisions}
        objectives={view.objectives}
        sourceUrl={sourceUrl}
        send={send}
        reload={reload}
      />
    </article>
  );
}

function Pencil() {
  return (
    <svg class="rp-pencil" width="12" height="12" viewBox="0 0 16 16" aria-hidden="true">
      <path
        d="M11.5 2.5l2 2L6 12H4v-2z"
        fill="none"
        stroke="currentColor"
        stroke-width="1.5"
        stroke-linejoin="round"
      />
    </svg>
  );
}
