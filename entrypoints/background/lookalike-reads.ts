/**
 * Sorts a page's participants into those that may be matched to accounts and those whose address
 * only looks like a known company's (lookalike.ts), before any matching: a look-alike never finds
 * an account, by email, domain or name, so the sidebar never shows the real client's notes for it
 * and never offers to make it an account.
 *
 * Checking an address needs every account's domain. Reading them walks the byDomain index, so the
 * worker keeps them per database until a write begins (as due-count.ts does), and for at most a
 * minute: writes that do not pass through the handlers' write() (team sync) are seen by then. And
 * it reads them only when a participant's domain belongs to no account, the one case the check is
 * for: a thread with a known client costs one indexed lookup per domain, already made for the match.
 */
import type { HostContext, LookalikeSender } from '@/utils/contract/messages';
import { companyDomain, normaliseEmail, registrableDomain } from '@/utils/shared/match';
import { accountIdsByDomain, answer } from './account-reads';
import { writesSoFar } from './due-count';
import { escapeHidden, findLookalike, type KnownDomains, prepareKnownDomains } from './lookalike';

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

/** Whether an address must be checked: hidden characters, or a company domain no account has. */
async function needsCheck(
  tx: IDBTransaction,
  email: string,
  ownDomains: readonly string[],
): Promise<boolean> {
  if (escapeHidden(email) !== email) return true;
  const domain = companyDomain(email, ownDomains);
  return domain !== null && (await accountIdsByDomain(tx, domain)).length === 0;
}

export interface Screened {
  /** The context without the look-alike participants and domains. */
  context: HostContext;
  lookalikes: LookalikeSender[];
}

/**
 * The context with every look-alike participant (and CRM domain) taken out, and those found.
 * Never throws for what a page reported: an address that cannot be read is left to the match,
 * which finds nothing for it either.
 */
export async function screenLookalikes(
  db: object,
  tx: IDBTransaction,
  writesBeforeTx: number,
  context: HostContext,
  ownDomains: readonly string[],
  now: number,
): Promise<Screened> {
  const self = context.selfEmail ? normaliseEmail(context.selfEmail) : null;
  const participants = context.participants.filter((p) => normaliseEmail(p.email) !== self);
  const addresses = [...participants.map((p) => p.email), ...context.domains];
  const checks = await Promise.all(
    addresses.map((a) => needsCheck(tx, a, ownDomains).catch(() => false)),
  );
  if (!checks.includes(true)) return { context, lookalikes: [] };

  const known = await knownDomains(db, tx, writesBeforeTx, ownDomains, now);
  const lookalikes: LookalikeSender[] = [];
  const flagged = new Set<string>();
  for (const [i, address] of addresses.entries()) {
    const found = checks[i] ? findLookalike(address, known) : null;
    if (!found) continue;
    flagged.add(address);
    const person = participants.find((p) => p.email === address);
    // A CRM record's web domain is listed too, once, unless a participant already shows it.
    if (!person && lookalikes.some((l) => l.real === found.real)) continue;
    lookalikes.push({
      email: address,
      shown: found.shown,
      name: escapeHidden(person?.name ?? ''),
      domain: found.reason === 'hidden' ? null : registrableDomain(address),
      real: found.real,
      account: found.real ? await accountNamed(tx, found.real) : null,
      reason: found.reason,
    });
  }
  if (lookalikes.length === 0) return { context, lookalikes };
  return {
    context: {
      ...context,
      participants: context.participants.filter((p) => !flagged.has(p.email)),
      domains: context.domains.filter((d) => !flagged.has(d)),
    },
    lookalikes,
  };
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
