/**
 * Linking a CRM record to its account, from the sidebar frame. Pure functions: the background
 * validates and writes (linkCrmRecord), these only decide what to ask for.
 */
import type { ContextResult, HostContext, RequestOf } from '@/utils/contract/messages';

/**
 * The link to store for a record page that resolved to exactly one account, or null.
 *
 * Once an account is found for a record by email, domain or an earlier link, remembering the
 * record on the account makes the next visit a direct match ('crm') and keeps the record's URL for
 * "Open in ..." in Gmail. Several matches are the user's to choose between; none is the "create or
 * link" offer. A record already linked is sent again as well: the background does nothing when
 * nothing changed, and keeps a moved URL.
 *
 * No click asks for this link, so it adds no web domain to the account: anyone who can edit a
 * record (a colleague, a web form that creates companies) could otherwise name the client and put
 * their own domain on it, and every email from that domain would then show the client's notes,
 * with no look-alike warning. For the same reason a match by the company name alone is not
 * linked: the name is the one thing such a record can copy. The user's own "Link" (the record
 * card) still adds the record's domains.
 */
export function autoLinkRequest(
  context: HostContext,
  result: ContextResult,
): RequestOf<'linkCrmRecord'> | null {
  const { crmRef } = context;
  if (!crmRef || result.matches.length !== 1) return null;
  const [only] = result.matches;
  if (!only || only.matchedBy === 'name') return null;
  return { accountId: only.account.id, crmRef, domains: [] };
}

/** One key per CRM record, whatever URL variant opened it. */
export function recordKey(context: HostContext): string | null {
  const ref = context.crmRef;
  return ref ? `${ref.system}:${ref.recordType}:${ref.recordId}` : null;
}
