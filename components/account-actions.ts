/** Writes that need more than one message. */
import type { Account } from '@/utils/model';
import type { RequestOf, Result } from '@/utils/messages';
import type { Send } from './sidebar-types';

type Patch = RequestOf<'updateAccount'>['patch'];

/**
 * updateAccount is refused when the account changed since it was read (another tab, the popup).
 * The patch is a user's explicit choice, so it is applied once more on the latest revision rather
 * than dropped; a second conflict is reported.
 */
export async function patchAccount(
  send: Send,
  account: Account,
  patch: Patch,
): Promise<Result<Account>> {
  const first = await send('updateAccount', { id: account.id, revision: account.revision, patch });
  if (first.ok || first.code !== 'conflict') return first;
  const fresh = await send('getAccount', { id: account.id });
  if (!fresh.ok) return fresh;
  return send('updateAccount', { id: account.id, revision: fresh.data.account.revision, patch });
}
