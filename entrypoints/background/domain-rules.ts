/**
 * Which web domains an account may be given. A domain is how a sender's email finds its account,
 * so a domain that finds the wrong one does harm: free mail (gmail.com) would make every private
 * sender that account's, and a domain another account holds would make one company's threads show
 * two accounts. Both are refused, with the reason, before anything is written.
 */
import type { IDBPTransaction } from 'idb';
import { isFreeMail, registrableDomain } from '@/utils/shared/match';
import { Domain } from '@/utils/schemas/model';
import type { DomainProblem } from '@/utils/contract/messages';
import type { RapportSchema, StoreName } from './db';

type Tx = IDBPTransaction<RapportSchema, StoreName[], 'readonly' | 'readwrite'>;

/** "Mail.Acme.co.uk" -> "acme.co.uk"; null when it is no domain name at all. */
export function domainOf(raw: string): string | null {
  const lower = raw.trim().toLowerCase();
  const parsed = Domain.safeParse(registrableDomain(lower) ?? lower);
  return parsed.success ? parsed.data : null;
}

/**
 * The problems of giving `accountId` these domains (as typed), in the order typed; `domains` are
 * the ones that would be stored. A domain the account already has is never a problem: what was
 * stored before this rule (or by a CRM link) stays editable around it.
 */
export async function checkDomains(
  tx: Tx,
  accountId: string | null,
  typed: readonly string[],
): Promise<{ domains: string[]; problems: DomainProblem[] }> {
  const accounts = tx.objectStore('accounts');
  const own = accountId ? await accounts.get(accountId) : undefined;
  const domains: string[] = [];
  const problems: DomainProblem[] = [];
  for (const input of typed) {
    const domain = domainOf(input);
    if (!domain) {
      problems.push({ input, problem: 'invalid' });
      continue;
    }
    if (domains.includes(domain)) continue;
    domains.push(domain);
    if (own?.domains.includes(domain)) continue;
    if (isFreeMail(domain)) {
      problems.push({ input, domain, problem: 'free_mail' });
      continue;
    }
    const holders = await accounts.index('byDomain').getAllKeys(domain);
    const otherId = holders.find((id) => id !== accountId);
    const other = otherId ? await accounts.get(otherId) : undefined;
    if (other) problems.push({ input, domain, problem: 'taken', account: other.name });
  }
  return { domains, problems };
}

/** The first problem in plain English, for a write that gets past the panel's own check. */
export function describeProblem(p: DomainProblem): string {
  if (p.problem === 'invalid') return `domains: "${p.input}" is not a domain name.`;
  if (p.problem === 'free_mail')
    return `domains: ${p.domain} is free mail, shared by everyone; it cannot find one company.`;
  return `domains: ${p.domain} already belongs to the account "${p.account}".`;
}
