/**
 * Linking a CRM record to its account, from the sidebar frame. Pure functions: the background
 * validates and writes (linkCrmRecord), these only decide what to ask for.
 */
import type { ContextResult, HostContext, RequestOf } from '@/utils/contract/messages';

/**
 * The link to store for a record page that resolved to exactly one account, or null.
 *
 * Once an account is found for a record by email, domain or name, remembering the record on the
 * account makes the next visit a direct match ('crm'), keeps the record's URL for "Open in ..." in
 * Gmail, and adds the web domains the record shows. Several matches are the user's to choose
 * between; none is the "create or link" offer. A record already linked is sent again as well:
 * the background does nothing when nothing changed, and keeps a moved URL or a new domain.
 */
export function autoLinkRequest(
  context: HostContext,
  result: ContextResult,
): RequestOf<'linkCrmRecord'> | null {
  const { crmRef } = context;
  if (!crmRef || result.matches.length !== 1) return null;
  const [only] = result.matches;
  if (!only) return null;
  return { accountId: only.account.id, crmRef, domains: context.domains };
}

/** One key per CRM record, whatever URL variant opened it. */
export function recordKey(context: HostContext): string | null {
  const ref = context.crmRef;
  return ref ? `${ref.system}:${ref.recordType}:${ref.recordId}` : null;
}
