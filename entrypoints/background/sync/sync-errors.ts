/**
 * What can go wrong in team sync, as message keys: the worker states an error in the person's
 * language (handlers/team.ts translates it), never in the English of a server or a library.
 */
import type { MessageKey } from '@/utils/shared/i18n';

export type SyncErrorKey = Extract<MessageKey, `syncErr${string}`>;

export class SyncError extends Error {
  constructor(
    readonly key: SyncErrorKey,
    /** A substitution for the message ($1): a count, a status code; never free English. */
    readonly detail: string | number = '',
  ) {
    super(detail === '' ? key : `${key} (${detail})`);
    this.name = 'SyncError';
  }
}

/** Anything thrown in the sync layer as a stated error: a library's own words are kept as detail. */
export function asSyncError(error: unknown): SyncError {
  if (error instanceof SyncError) return error;
  return new SyncError('syncErrInternal', error instanceof Error ? error.message : String(error));
}

/** The server's answer to an access-list call, by its status: its own words are English. */
export function serverRefusal(status: number): SyncError {
  if (status === 401) return new SyncError('syncErrSignIn');
  if (status === 403) return new SyncError('syncErrForbidden');
  if (status === 409) return new SyncError('syncErrOwned');
  return new SyncError('syncErrServer', status);
}

/**
 * The server's reasons for refusing an update (server/update-guard.mjs), as stated errors; null
 * for any other reason a connection closes.
 */
export function updateRefusal(reason: string): SyncError | null {
  if (reason === 'rapport-document-too-large') return new SyncError('syncErrTooLarge');
  if (reason === 'rapport-forged-author') return new SyncError('syncErrForgedAuthor');
  if (reason === 'rapport-history-deleted') return new SyncError('syncErrHistoryDeleted');
  return null;
}
