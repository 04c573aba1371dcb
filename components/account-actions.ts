/** Writes that need more than one message. */
import type { Account } from '@/utils/contract/model';
import type { RequestOf, Result } from '@/utils/contract/messages';
import type { Send } from './sidebar-types';

type Patch = RequestOf<'updateAccount'>['patch'];

/** Conflicts in a row before a save is reported as failed: several tabs saving at once settle. */
const MAX_ATTEMPTS = 5;

/**
 * updateAccount is refused when the account changed since it was read (another tab, the popup).
 * The patch is a user's explicit choice of a few fields, so it is applied again on the latest
 * revision rather than dropped; only a conflict that keeps recurring is reported.
 */
export async function patchAccount(
  send: Send,
  account: Account,
  patch: Patch,
): Promise<Result<Account>> {
  let revision = account.revision;
  for (let attempt = 1; ; attempt++) {
    const result = await send('updateAccount', { id: account.id, revision, patch });
    if (result.ok || result.code !== 'conflict' || attempt === MAX_ATTEMPTS) return result;
    const fresh = await send('getAccount', { id: account.id });
    if (!fresh.ok) return fresh;
    revision = fresh.data.account.revision;
  }
}
