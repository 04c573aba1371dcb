/** One account as the sidebar shows it: who they are, where the relationship stands, what is next. */
import type { AccountView, HostContext } from '@/utils/messages';
import type { Potential } from '@/utils/model';
import { guidanceFor, POTENTIAL_ORDER } from '@/utils/stages';
import { t } from '@/utils/i18n';
import { patchAccount } from './account-actions';
import { Activities } from './activities';
import { Decisions } from './decisions';
import { lastTouched } from './format';
import { GUIDANCE_TEXT, POTENTIAL_LABEL } from './labels';
import { NextActionSection } from './next-action';
import { People } from './people';
import type { Send } from './sidebar-types';
import { StageLadder } from './stage-ladder';
import { ErrorNote, useWrite, valueOf } from './ui';

interface Props {
  view: AccountView;
  /** Addresses on the open thread that belong to this account. */
  threadEmails: string[];
  participants: HostContext['participants'];
  sourceUrl?: string;
  send: Send;
  reload: () => void;
}

export function AccountCard({ view, threadEmails, participants, sourceUrl, send, reload }: Props) {
  const { account } = view;
  const potential = useWrite(reload);
  const potentialId = `rp-potential-${account.id}`;

  return (
    <article class="rp-account" aria-labelledby={`rp-name-${account.id}`}>
      <header class="rp-account-head">
        <h2 class="rp-h2" id={`rp-name-${account.id}`} data-testid="account-name">
          {account.name}
        </h2>
        {account.domains.length > 0 && (
          <div class="rp-muted rp-ellipsis">{account.domains.join(', ')}</div>
        )}
        <div class="rp-muted">{lastTouched(view.lastTouchedAt)}</div>
      </header>

      <StageLadder account={account} send={send} reload={reload} />

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
            void potential.run(() =>
              patchAccount(send, account, { potential: valueOf(e) as Potential }),
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
      <ErrorNote error={potential.error} />
      <p class="rp-guidance">{t(GUIDANCE_TEXT[guidanceFor(account.stage, account.potential)])}</p>

      <NextActionSection account={account} send={send} reload={reload} />
      <People
        accountId={account.id}
        people={view.people}
        threadEmails={threadEmails}
        participants={participants}
        send={send}
        reload={reload}
      />
      <Activities activities={view.activities} />
      <Decisions
        accountId={account.id}
        decisions={view.decisions}
        sourceUrl={sourceUrl}
        send={send}
        reload={reload}
      />
    </article>
  );
}
