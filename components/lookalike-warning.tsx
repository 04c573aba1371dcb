/**
 * The warning about senders whose address only looks like a known company's (the background's
 * lookalike.ts decides): which real domain it imitates, how, and what to do. Such a sender finds
 * no account, so no notes are shown for it; it is offered as a company of its own (create, add to
 * an account) only after the user says twice that it is one, and never when its address hides
 * characters.
 */
import { useState } from 'preact/hooks';
import type { LookalikeReason, LookalikeSender } from '@/utils/contract/messages';
import type { MessageKey } from '@/utils/shared/i18n';
import { t } from '@/utils/shared/i18n';
import { unicodeHost } from '@/utils/shared/idn';
import type { Send } from './sidebar-types';
import { UnknownSenders } from './unknown-senders';

const WHY: Record<LookalikeReason, MessageKey> = {
  hidden: 'sidebarLookalikeWhyHidden',
  homoglyph: 'sidebarLookalikeWhyHomoglyph',
  other_tld: 'sidebarLookalikeWhyOtherTld',
  prefix: 'sidebarLookalikeWhyPrefix',
  edits: 'sidebarLookalikeWhyEdits',
};

interface Props {
  lookalikes: LookalikeSender[];
  send: Send;
  reload: () => void;
}

export function LookalikeWarning({ lookalikes, send, reload }: Props) {
  const [asking, setAsking] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  // Only a plain address can be a real company of its own; hidden characters never are.
  const offerable = lookalikes.filter((l) => l.reason !== 'hidden' && l.domain);
  return (
    <>
      <section class="rp-lookalike" role="alert" data-testid="lookalike-warning">
        <h3 class="rp-lookalike-title">{t('sidebarLookalikeTitle')}</h3>
        <ul class="rp-lookalike-list">
          {lookalikes.map((l) => (
            <li key={l.email} data-testid="lookalike">
              <p class="rp-lookalike-claim">{claim(l)}</p>
              <p>
                {l.name && <span class="rp-strong">{l.name} </span>}
                <code class="rp-lookalike-address" data-testid="lookalike-address">
                  {l.shown}
                </code>
              </p>
              <p class="rp-lookalike-why">{t(WHY[l.reason])}</p>
            </li>
          ))}
        </ul>
        <p class="rp-lookalike-advice">{t('sidebarLookalikeAdvice')}</p>
        {offerable.length > 0 && !confirmed && !asking && (
          <button
            type="button"
            class="rp-btn rp-small"
            data-testid="lookalike-not-client"
            onClick={() => setAsking(true)}
          >
            {t('sidebarLookalikeOtherCompany')}
          </button>
        )}
        {asking && !confirmed && (
          <div class="rp-lookalike-confirm" role="group" aria-label={t('sidebarLookalikeConfirm')}>
            <p>{t('sidebarLookalikeConfirm')}</p>
            <div class="rp-actions">
              <button
                type="button"
                class="rp-btn rp-small"
                data-testid="lookalike-confirm"
                onClick={() => setConfirmed(true)}
              >
                {t('sidebarLookalikeConfirmYes')}
              </button>
              <button
                type="button"
                class="rp-btn rp-small rp-primary"
                autoFocus
                onClick={() => setAsking(false)}
              >
                {t('sidebarCancel')}
              </button>
            </div>
          </div>
        )}
      </section>
      {confirmed && (
        <UnknownSenders
          unknown={offerable.map((l) => ({
            email: l.email,
            name: l.name,
            domain: l.domain,
            freeMail: false,
          }))}
          send={send}
          reload={reload}
        />
      )}
    </>
  );
}

/** "Looks like northwind-traders.com (Northwind Traders), but is not". */
function claim(l: LookalikeSender): string {
  if (!l.real) return t('sidebarLookalikeHiddenOnly');
  const real = unicodeHost(l.real);
  return l.account
    ? t('sidebarLookalikeLooksLikeAccount', [real, l.account])
    : t('sidebarLookalikeLooksLike', real);
}
