/** Team sync's errors and lines as the pages show them: in the person's language. */
import type { AccountSync } from '@/utils/contract/team';
import { t } from '@/utils/shared/i18n';
import { SyncError } from './sync-errors';
import type { AccountSyncState } from './sync-status';

/** A sync error in the person's language: the words the UI shows. */
export function syncErrorText(error: SyncError): string {
  return t(error.key, error.detail === '' ? undefined : error.detail);
}

/** One account's sync line for the pages: its error stated, in the person's language. */
export function accountSyncOf(state: AccountSyncState): AccountSync {
  return { ...state, error: state.error && syncErrorText(state.error) };
}
