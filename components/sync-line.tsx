/**
 * A shared account's sync line, the same in the account view and the sidebar's card:
 * "Shared · synced", "Shared · offline, 3 changes waiting", "No longer shared". Nothing at all
 * for an account that was never shared. The sidebar's card gets its state with the account view
 * (the worker's change notice names an account whose line changed); the account page's sharing
 * panel reads it itself, and while the account is shared asks again every few seconds.
 */
import { useEffect, useState } from 'preact/hooks';
import { send } from '@/utils/contract/send';
import { watchChanges } from '@/utils/contract/events';
import type { AccountSync, TeamPhase } from '@/utils/contract/team';
import { t } from '@/utils/shared/i18n';

const POLL_MS = 3000;

/** The words for a phase and a count, shared with the options page's Team section. */
export function syncWords(phase: TeamPhase, waiting: number): string {
  const base =
    phase === 'synced' || phase === 'pending'
      ? t('syncSynced')
      : phase === 'connecting'
        ? t('syncConnecting')
        : t('syncOffline');
  if (waiting <= 0) return base;
  const count = t('syncWaiting', waiting);
  return phase === 'synced' || phase === 'pending' ? count : `${base}, ${count}`;
}

export function accountSyncText(state: AccountSync): string {
  if (state.revoked) return t('syncNoLongerShared');
  if (state.error) return t('syncShared', t('syncError', state.error));
  return t('syncShared', syncWords(state.phase, state.waiting));
}

/** Reads one account's sync state and keeps it fresh while mounted. */
export function useAccountSync(accountId: string, sender: typeof send = send): AccountSync | null {
  const [state, setState] = useState<AccountSync | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Polls only while the account is shared: a never-shared account (most of them) costs one read.
    const read = async () => {
      clearTimeout(timer);
      const r = await sender('getAccountSync', { accountId });
      if (controller.signal.aborted) return;
      const next = r.ok ? r.data : null;
      setState(next);
      if (next && !next.offer) timer = setTimeout(() => void read(), POLL_MS);
    };
    void read();
    watchChanges((notice) => {
      if (notice.accountIds.includes(accountId)) void read();
    }, controller.signal);
    controller.signal.addEventListener('abort', () => clearTimeout(timer));
    return () => controller.abort();
  }, [accountId, sender]);
  return state;
}

/** The line for a state already read; nothing for an account never shared. */
export function SyncLine({ state }: { state: AccountSync | null }) {
  // An offer to rejoin is not a line: components/rejoin-offer.tsx shows it, with its buttons.
  if (!state || state.offer) return null;
  return (
    <p
      class={`sync-line ${state.revoked ? 'revoked' : state.error ? 'error' : state.phase}`}
      role="status"
      data-sync-line
    >
      {accountSyncText(state)}
    </p>
  );
}

/** The line of an account, read here and kept fresh while mounted. */
export function AccountSyncLine(props: { accountId: string; send?: typeof send }) {
  return <SyncLine state={useAccountSync(props.accountId, props.send)} />;
}
