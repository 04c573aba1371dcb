/**
 * The offer to rejoin an account shared with this person whose id this store already holds
 * (most often a restored backup; entrypoints/background/sync/rejoin-offers.ts): it says plainly
 * who shares it and on which server, and that nothing is sent until the person rejoins.
 * The account page's share panel has the Rejoin button; the sidebar's card, inside other sites'
 * pages, only links there (joining sends this account's records away) and has "Not now".
 */
import { useState } from 'preact/hooks';
import type { send as pageSend } from '@/utils/contract/send';
import type { AccountSync, RejoinOffer } from '@/utils/contract/team';
import { t } from '@/utils/shared/i18n';
import { hashOf } from '@/utils/page/account-list';

/** The server's host as the person typed it: "sync.firm.com", not the whole address. */
function hostOf(server: string): string {
  try {
    return new URL(server).host;
  } catch {
    return server;
  }
}

export function offerText(offer: RejoinOffer): string {
  const server = hostOf(offer.server);
  return offer.owner ? t('syncOffer', [offer.owner, server]) : t('syncOfferNoOwner', server);
}

interface Props {
  accountId: string;
  state: AccountSync | null;
  send: typeof pageSend;
  onRejoined?: () => void;
}

/** "Not now" and its error: the same in both places. */
function useDismiss(accountId: string, send: typeof pageSend) {
  const [error, setError] = useState<string | null>(null);
  const dismiss = async () => {
    const r = await send('dismissRejoin', { accountId });
    if (!r.ok) setError(r.error);
  };
  return { error, dismiss };
}

/** The sidebar card's offer: nothing once "Not now" was said. */
export function CardRejoinOffer({ accountId, state, send }: Props) {
  const { error, dismiss } = useDismiss(accountId, send);
  const offer = state?.offer;
  if (!offer || offer.dismissed) return null;
  return (
    <div class="sync-line offer" role="status" data-sync-offer>
      <span>{offerText(offer)}</span>{' '}
      <a
        class="rp-link"
        data-testid="rejoin-open"
        href={`/accounts.html${hashOf({ kind: 'account', id: accountId })}`}
        target="_blank"
        rel="noopener"
        title={t('syncRejoinTitle')}
      >
        {t('syncRejoinReview')}
      </a>{' '}
      <button type="button" class="rp-btn" onClick={() => void dismiss()}>
        {t('syncNotNow')}
      </button>
      {error && <span class="rp-error">{error}</span>}
    </div>
  );
}

/** The account page's offer: Rejoin here, and "Not now" while the card still asks. */
export function PanelRejoinOffer({ accountId, state, send, onRejoined }: Props) {
  const { error: dismissError, dismiss } = useDismiss(accountId, send);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const offer = state?.offer;
  if (!offer) return null;
  const rejoin = async () => {
    setBusy(true);
    setError(null);
    const r = await send('rejoinAccount', { accountId });
    setBusy(false);
    if (!r.ok) setError(r.error);
    else onRejoined?.();
  };
  return (
    <div class="sync-line offer" role="group" aria-busy={busy} data-sync-offer>
      <p role="status">{offerText(offer)}</p>
      <div class="share-actions">
        <button
          type="button"
          class="btn primary"
          data-testid="rejoin"
          disabled={busy}
          title={t('syncRejoinTitle')}
          onClick={() => void rejoin()}
        >
          {t('syncRejoin')}
        </button>
        {!offer.dismissed && (
          <button type="button" class="btn" disabled={busy} onClick={() => void dismiss()}>
            {t('syncNotNow')}
          </button>
        )}
      </div>
      {(error ?? dismissError) && (
        <p class="note error" role="alert">
          {error ?? dismissError}
        </p>
      )}
    </div>
  );
}
