/**
 * From what a page shows (emails, web domains, company names) to accounts.
 *
 * Rules: an exact email that belongs to a known person beats any domain; domains are reduced to
 * their registrable domain with the public-suffix list (mail.acme.co.uk -> acme.co.uk); free-mail
 * domains and the user's own domains never match an account by domain.
 */
import { getDomain } from 'tldts';
import { asciiHost, unicodeHost } from './idn';

/** Free-mail providers, by registrable domain. */
const FREE_MAIL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'yahoo.com',
  'ymail.com',
  'rocketmail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'protonmail.ch',
  'pm.me',
  'gmx.com',
  'gmx.net',
  'gmx.de',
  'web.de',
  'mail.com',
  'yandex.ru',
  'yandex.com',
  'ya.ru',
  'mail.ru',
  'bk.ru',
  'inbox.ru',
  'list.ru',
  'internet.ru',
  'rambler.ru',
  'zoho.com',
  'tutanota.com',
  'tuta.io',
  'fastmail.com',
  'hey.com',
  'qq.com',
  '163.com',
  '126.com',
  'naver.com',
  'seznam.cz',
  'orange.fr',
  'free.fr',
  'laposte.net',
  'libero.it',
  'btinternet.com',
  'comcast.net',
  'att.net',
  'verizon.net',
]);
/** Providers with a domain per country (yahoo.co.uk, hotmail.fr, gmx.at, yandex.kz ...). */
const FREE_MAIL_BRANDS = new Set([
  'yahoo',
  'hotmail',
  'outlook',
  'live',
  'gmx',
  'yandex',
  'googlemail',
]);

/**
 * The registrable domain of a host name, URL or email address, in its ASCII form (пример.рф and
 * xn--e1afmkfd.xn--p1ai are one domain: utils/shared/idn.ts); null when there is none.
 */
export function registrableDomain(value: string): string | null {
  const trimmed = value.trim().toLowerCase();
  const ascii = /^[a-z][a-z0-9+.-]*:\/\//.test(trimmed)
    ? urlHost(trimmed)
    : asciiHost(trimmed.includes('@') ? trimmed.slice(trimmed.lastIndexOf('@') + 1) : trimmed);
  if (!ascii) return null;
  return getDomain(ascii, { allowPrivateDomains: false }) ?? null;
}

/** A URL's host, as the URL parser gives it (ASCII); null for no URL. */
function urlHost(url: string): string | null {
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}

export function isFreeMail(domain: string): boolean {
  const d = registrableDomain(domain) ?? domain.toLowerCase();
  if (FREE_MAIL_DOMAINS.has(d)) return true;
  const brand = d.split('.')[0] ?? '';
  return FREE_MAIL_BRANDS.has(brand);
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A domain that may match an account: registrable, not free mail, not one of the user's own. */
export function companyDomain(value: string, ownDomains: readonly string[]): string | null {
  const d = registrableDomain(value);
  if (!d || isFreeMail(d)) return null;
  const own = ownDomains.map((o) => registrableDomain(o) ?? o.toLowerCase());
  return own.includes(d) ? null : d;
}

/** A company name guessed from a domain: "acme-robotics.co.uk" -> "Acme Robotics". */
export function nameFromDomain(domain: string): string {
  const label = unicodeHost(registrableDomain(domain) ?? domain).split('.')[0] ?? domain;
  return label
    .split(/[-_]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

export type MatchedBy = 'crm' | 'email' | 'domain' | 'name';

export interface Participant {
  email: string;
  name: string;
}

export interface MatchLookups {
  accountIdsByEmail(email: string): Promise<string[]>;
  accountIdsByDomain(domain: string): Promise<string[]>;
}

export interface MatchResult {
  /** Matched accounts, best first, each once. */
  matches: { accountId: string; matchedBy: MatchedBy; emails: string[] }[];
  /** External participants that matched nothing: candidates for "create account". */
  unknown: { email: string; name: string; domain: string | null; freeMail: boolean }[];
}

/**
 * Matches a thread's participants. Accounts are ordered by how they matched (email before domain),
 * then by the order participants appear, so the sender's company comes first.
 */
export async function matchParticipants(
  participants: readonly Participant[],
  ownDomains: readonly string[],
  ownEmails: readonly string[],
  lookups: MatchLookups,
): Promise<MatchResult> {
  const byAccount = new Map<string, { matchedBy: MatchedBy; emails: string[]; order: number }>();
  const unknown: MatchResult['unknown'] = [];
  const ownSet = new Set(ownEmails.map(normaliseEmail));
  const seen = new Set<string>();
  let order = 0;

  const add = (accountId: string, matchedBy: MatchedBy, email: string) => {
    const found = byAccount.get(accountId);
    if (!found) byAccount.set(accountId, { matchedBy, emails: [email], order: order++ });
    else {
      if (!found.emails.includes(email)) found.emails.push(email);
      if (matchedBy === 'email') found.matchedBy = 'email';
    }
  };

  // Which participants count: external, each address once.
  const own = ownDomains.map((o) => registrableDomain(o) ?? o.toLowerCase());
  const external: { email: string; name: string; registrable: string | null }[] = [];
  for (const p of participants) {
    const email = normaliseEmail(p.email);
    if (!email.includes('@') || seen.has(email) || ownSet.has(email)) continue;
    seen.add(email);
    const registrable = registrableDomain(email);
    if (registrable && own.includes(registrable)) continue;
    external.push({ email, name: p.name, registrable });
  }

  // All lookups, by email and by domain, are started together: each is a round trip to the
  // store, and in turn they add up. Colleagues share one lookup of their company's domain. A
  // domain match counts only where the email found nothing.
  const domainLookups = new Map<string, Promise<string[]>>();
  const accountsOfDomain = (domain: string) => {
    let found = domainLookups.get(domain);
    if (!found) domainLookups.set(domain, (found = lookups.accountIdsByDomain(domain)));
    return found;
  };
  const looked = await Promise.all(
    external.map(async (p) => {
      const domain = companyDomain(p.email, ownDomains);
      const [byEmail, byDomain] = await Promise.all([
        lookups.accountIdsByEmail(p.email),
        domain ? accountsOfDomain(domain) : [],
      ]);
      if (byEmail.length > 0) return { ...p, byEmail, domain: null, byDomain: [] as string[] };
      return { ...p, byEmail, domain, byDomain };
    }),
  );
  // ...and read back in the participants' order, so the sender's company still comes first.
  for (const p of looked) {
    for (const id of p.byEmail) add(id, 'email', p.email);
    for (const id of p.byDomain) add(id, 'domain', p.email);
    if (p.byEmail.length === 0 && p.byDomain.length === 0) {
      unknown.push({
        email: p.email,
        name: p.name,
        domain: p.domain,
        freeMail: p.registrable ? isFreeMail(p.registrable) : false,
      });
    }
  }

  const rank = (m: MatchedBy) => (m === 'email' ? 0 : 1);
  const matches = [...byAccount.entries()]
    .sort(([, a], [, b]) => rank(a.matchedBy) - rank(b.matchedBy) || a.order - b.order)
    .map(([accountId, { matchedBy, emails }]) => ({ accountId, matchedBy, emails }));
  return { matches, unknown };
}

/**
 * The domain of the user's own address, to offer as one of their own domains: null when it is
 * free mail (gmail.com is nobody's company) or already among them.
 */
export function ownDomainSuggestion(
  selfEmail: string,
  ownDomains: readonly string[],
): string | null {
  const domain = registrableDomain(selfEmail);
  if (!domain || isFreeMail(domain)) return null;
  return companyDomain(selfEmail, ownDomains) === null ? null : domain;
}
