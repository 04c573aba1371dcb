/**
 * Which company is the user's own. The user names their own domains in the settings; until they
 * do, the domain of the address a mailbox is signed in with counts as theirs (free mail never
 * does: gmail.com is nobody's company). Each mailbox brings its own address with its report, so a
 * second mailbox at another company is judged by its own address, not by whichever was seen last.
 */
import { companyDomain, normaliseEmail, registrableDomain } from './match';

/** The domain assumed to be the user's own for this mailbox, or null (set by the user, or none). */
export function assumedOwnDomain(
  ownDomains: readonly string[],
  selfEmail: string | undefined,
): string | null {
  if (ownDomains.length > 0 || !selfEmail) return null;
  return companyDomain(selfEmail, []);
}

/** The own domains a thread in this mailbox is read with: the user's, else the assumed one. */
export function ownDomainsFor(
  ownDomains: readonly string[],
  selfEmail: string | undefined,
): readonly string[] {
  const assumed = assumedOwnDomain(ownDomains, selfEmail);
  return assumed ? [assumed] : ownDomains;
}

/** The most signed-in addresses remembered, one per mailbox the user opened (newest first). */
export const MAX_SEEN_SELF_EMAILS = 8;

/** The list of seen signed-in addresses with `email` put first, bounded; unchanged when it is. */
export function rememberSelfEmail(seen: readonly string[], email: string): string[] {
  const e = normaliseEmail(email);
  if (seen[0] === e) return [...seen];
  return [e, ...seen.filter((s) => s !== e)].slice(0, MAX_SEEN_SELF_EMAILS);
}

/** The storage value, read defensively: only strings that look like addresses. */
export function readSeenSelfEmails(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((s): s is string => typeof s === 'string' && s.length <= 320 && s.includes('@'))
    .slice(0, MAX_SEEN_SELF_EMAILS);
}

/** The company domains of the seen addresses, each once, in the order seen (free mail left out). */
export function seenCompanyDomains(seen: readonly string[]): string[] {
  const out: string[] = [];
  for (const email of seen) {
    const d = registrableDomain(email);
    if (d && companyDomain(email, []) && !out.includes(d)) out.push(d);
  }
  return out;
}
