/**
 * Which of a resolve's participants only look like a known company's (lookalike.ts), so that the
 * match leaves them out: a look-alike never finds an account, by email, domain or name, so the
 * sidebar never shows the real client's notes for it and never offers to make it an account.
 *
 * Checking an address needs every account's domain. Reading them walks the byDomain index, so the
 * worker keeps them per database until a write begins (as due-count.ts does), and for at most a
 * minute: writes that do not pass through the handlers' write() (team sync) are seen by then. And
 * they are read only for the addresses the check is for, which the match has already sorted out at
 * no extra cost: those that found nothing, and those found by a stored email whose domain is not
 * their account's. A thread with a known client reads nothing more.
 */
import type { ContextResult, HostContext, LookalikeSender } from '@/utils/contract/messages';
import { companyDomain, normaliseEmail, registrableDomain } from '@/utils/shared/match';
import { accountIdsByDomain, answer } from './account-reads';
import { writesSoFar } from './due-count';
import {
  escapeHidden,
  findLookalike,
  isDisguised,
  type KnownDomains,
  prepareKnownDomains,
} from './lookalike';

/** How long the accounts' domains are kept without a write: team sync writes past write(). */
const KEEP_MS = 60_000;

const kept = new WeakMap<
  object,
  { writes: number; at: number; own: string; known: KnownDomains }
>();

/** Every account's domain, each once, from the byDomain index's keys. */
function accountDomains(tx: IDBTransaction): Promise<string[]> {
  const request = tx.objectStore('accounts').index('byDomain').openKeyCursor(null, 'nextunique');
  const found: string[] = [];
  return new Promise((resolve, reject) => {
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return resolve(found);
      if (typeof cursor.key === 'string') found.push(cursor.key);
      cursor.continue();
    };
  });
}

/** The accounts' and the user's own domains, prepared, read unless kept from a recent read. */
async function knownDomains(
  db: object,
  tx: IDBTransaction,
  writesBeforeTx: number,
  ownDomains: readonly string[],
  now: number,
): Promise<KnownDomains> {
  const own = ownDomains.join(' ');
  const last = kept.get(db);
  if (last && last.writes === writesBeforeTx && last.own === own && now - last.at < KEEP_MS) {
    return last.known;
  }
  const known = prepareKnownDomains([...(await accountDomains(tx)), ...ownDomains]);
  // A slow read from before a write must not replace what a read from after it found.
  if (writesSoFar(db) === writesBeforeTx)
    kept.set(db, { writes: writesBeforeTx, at: now, own, known });
  return known;
}

type Participant = HostContext['participants'][number];

/**
 * The context without the participants whose address, and the CRM web domains that, hold hidden
 * characters or a host character read as another (lookalike.ts isDisguised), and those (a domain
 * as a participant with no name). They are taken out before any match: a zero-width space
 * vanishes and a full-width letter becomes its ASCII one when a host name is read
 * ("north\u200Bwind-traders.com" is northwind-traders.com), so they would find the client.
 */
export function withoutHidden(context: HostContext): {
  context: HostContext;
  hidden: Participant[];
} {
  const hidden = [
    ...context.participants.filter((p) => isDisguised(p.email)),
    ...context.domains.filter(isDisguised).map((email) => ({ email, name: '' })),
  ];
  if (hidden.length === 0) return { context, hidden };
  return {
    context: {
      ...context,
      participants: context.participants.filter((p) => !isDisguised(p.email)),
      domains: context.domains.filter((d) => !isDisguised(d)),
    },
    hidden,
  };
}

/**
 * The look-alikes among `candidates`: addresses (or a CRM record's web domains, name '') whose
 * domain belongs to no account, so the match found nothing for them or found them by a stored
 * email alone. Reads the known domains only when there is a candidate.
 */
export async function lookalikesAmong(
  db: object,
  tx: IDBTransaction,
  writesBeforeTx: number,
  ownDomains: readonly string[],
  now: number,
  candidates: readonly Participant[],
): Promise<LookalikeSender[]> {
  if (candidates.length === 0) return [];
  const known = await knownDomains(db, tx, writesBeforeTx, ownDomains, now);
  const found: LookalikeSender[] = [];
  for (const { email, name } of candidates) {
    const lookalike = findLookalike(email, known);
    if (!lookalike || found.some((l) => l.email === email)) continue;
    found.push({
      email,
      shown: lookalike.shown,
      name: escapeHidden(name),
      domain: lookalike.reason === 'hidden' ? null : registrableDomain(email),
      real: lookalike.real,
      account: lookalike.real ? await accountNamed(tx, lookalike.real) : null,
      reason: lookalike.reason,
    });
  }
  return found;
}

/**
 * A participant found by a stored email whose domain is none of its account's: a colleague at a
 * partner firm, or an impostor's address stored on a person by mistake. Free mail and the user's
 * own domains are neither.
 */
export function foreignToAccount(
  email: string,
  accountDomains: readonly string[],
  ownDomains: readonly string[],
): boolean {
  const domain = companyDomain(email, ownDomains);
  return domain !== null && !accountDomains.includes(domain);
}

/**
 * The addresses of the matches found by a stored email whose domain is not their account's, to
 * check: an impostor's address stored on a client's person must not bring that client up.
 */
export function foreignEmails(
  matches: ContextResult['matches'],
  participants: readonly Participant[],
  ownDomains: readonly string[],
): Participant[] {
  const nameOf = (email: string) =>
    participants.find((p) => normaliseEmail(p.email) === email)?.name ?? '';
  return matches.flatMap((m) =>
    m.threadEmails
      .filter((email) => foreignToAccount(email, m.account.domains, ownDomains))
      .map((email) => ({ email, name: nameOf(email) })),
  );
}

/** The matches without these look-alikes' addresses; one that only they found is dropped. */
export function withoutLookalikes(
  matches: ContextResult['matches'],
  lookalikes: readonly LookalikeSender[],
): ContextResult['matches'] {
  if (lookalikes.length === 0) return matches;
  const flagged = new Set(lookalikes.map((l) => l.email));
  return matches
    .map((m) => ({ ...m, threadEmails: m.threadEmails.filter((e) => !flagged.has(e)) }))
    .filter((m) => m.matchedBy !== 'email' || m.threadEmails.length > 0);
}

/** The name of the account holding `domain`; null when none does (one of the user's own). */
async function accountNamed(tx: IDBTransaction, domain: string): Promise<string | null> {
  const [id] = await accountIdsByDomain(tx, registrableDomain(domain) ?? domain).catch(() => []);
  if (!id) return null;
  const account = (await answer(tx.objectStore('accounts').get(id)).catch(() => null)) as {
    name?: unknown;
  } | null;
  return typeof account?.name === 'string' ? account.name : null;
}
