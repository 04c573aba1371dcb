/**
 * "Alice owns Acme on your team": who owns a client domain on the team's server, for a sender
 * this person has no account for (server/owner-directory.mjs). Asked by the worker only, with the
 * token it alone holds; the sidebar gets the owners' addresses and account names, nothing else.
 *
 * Answers are kept for a while, found or not, so reading mail does not ask the server for each
 * thread, and a domain is asked once at a time however many views want it. The server paces
 * lookups too (30 a minute a person); a refusal or an unreachable server is kept as "nobody",
 * briefly, and never stated: this note is a courtesy, the sidebar works without it.
 */
import * as z from 'zod/mini';
import type { TeamOwner } from '@/utils/contract/team';
import type { SyncConnection } from './sync-state';

/** How long an answer is trusted: an owner found, and no owner found. */
export const FOUND_TTL_MS = 30 * 60_000;
export const NOBODY_TTL_MS = 10 * 60_000;
/** After a failure (offline, paced, refused): asked again after this long. */
export const FAILED_TTL_MS = 2 * 60_000;
/**
 * Requests a minute, at most, and the pause after the server says "too many": what a page shows
 * is what the sidebar asks about, and a page that shows a new domain every moment must not turn
 * this browser into a stream of requests (nor spend the person's budget on the server for them).
 */
export const ASKS_PER_MINUTE = 30;
export const PACED_MS = 60_000;
/** Domains remembered; the oldest answer goes first. */
const MAX_CACHED = 500;
/** Owners shown for one domain, and the most of a name or address kept (they come from others). */
const MAX_OWNERS = 5;
const MAX_TEXT = 120;

const Answer = z.object({
  owners: z.array(z.object({ owner: z.string(), account: z.string() })),
});

/** An address with no spaces, control or format characters (as a history entry's author). */
const ADDRESS = /^[^\s\p{Cc}\p{Cf}@]+@[^\s\p{Cc}\p{Cf}@]+$/u;
/** Bidi controls: one in a name would reorder the line around it (whose account it reads as). */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const CONTROL = /[\p{Cc}\s]+/gu;

/** The first `max` characters (code points, so no pair is split). */
const cut = (text: string, max = MAX_TEXT) => Array.from(text).slice(0, max).join('');

/** A name a teammate wrote, as one plain line: no bidi controls, controls read as a space. */
const plainLine = (text: string) => text.replace(BIDI, '').replace(CONTROL, ' ').trim();

/** Reads the server's answer: at most MAX_OWNERS real addresses, each name one plain line, cut. */
export function readOwners(raw: unknown): TeamOwner[] | null {
  const parsed = Answer.safeParse(raw);
  if (!parsed.success) return null;
  return parsed.data.owners
    .filter((o) => o.owner.length <= 254 && ADDRESS.test(o.owner))
    .slice(0, MAX_OWNERS)
    .map((o) => ({ owner: o.owner, account: cut(plainLine(o.account)) }));
}

export interface OwnerLookupDeps {
  connection: () => SyncConnection | null;
  now: () => number;
  fetch?: typeof fetch;
}

interface Cached {
  owners: TeamOwner[];
  until: number;
}

export function createOwnerLookup(deps: OwnerLookupDeps) {
  const cache = new Map<string, Cached>();
  const asking = new Map<string, Promise<TeamOwner[]>>();
  let cachedFor = '';
  /** When the last requests were made (within the minute), and no request before `quietUntil`. */
  let recent: number[] = [];
  let quietUntil = 0;

  /** Whether a request may go now; counts it when it may. */
  function mayAsk(): boolean {
    const now = deps.now();
    if (now < quietUntil) return false;
    recent = recent.filter((at) => at > now - 60_000);
    if (recent.length >= ASKS_PER_MINUTE) return false;
    recent.push(now);
    return true;
  }

  function remember(domain: string, owners: TeamOwner[], ttl: number): TeamOwner[] {
    cache.delete(domain);
    cache.set(domain, { owners, until: deps.now() + ttl });
    if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
    return owners;
  }

  /** The answer, kept only while the person who asked is still the one signed in. */
  function keep(who: string, domain: string, owners: TeamOwner[], ttl: number): TeamOwner[] {
    return who === cachedFor ? remember(domain, owners, ttl) : owners;
  }

  async function ask(connection: SyncConnection, who: string, domain: string) {
    const url = new URL('/api/owners', connection.url.replace(/^ws/, 'http'));
    url.searchParams.set('domain', domain);
    try {
      const response = await (deps.fetch ?? fetch)(url, {
        headers: { Authorization: `Bearer ${connection.token}` },
      });
      // 404: the server does not keep a directory (switched off, or an older server); 429:
      // this person asked too often. Either way no domain is asked for a while.
      if (response.status === 404 || response.status === 429) {
        const pause = response.status === 404 ? FOUND_TTL_MS : PACED_MS;
        if (who === cachedFor) quietUntil = deps.now() + pause;
        return keep(who, domain, [], pause);
      }
      const owners = response.ok ? readOwners(await response.json().catch(() => null)) : null;
      if (owners === null) return keep(who, domain, [], FAILED_TTL_MS);
      return keep(who, domain, owners, owners.length > 0 ? FOUND_TTL_MS : NOBODY_TTL_MS);
    } catch {
      return keep(who, domain, [], FAILED_TTL_MS);
    }
  }

  return {
    /**
     * Who owns `domain` (a company domain in its stored form, which the caller checked is not
     * this person's own, nor free mail, nor an account here); [] when not signed in to a server.
     */
    async owners(domain: string): Promise<TeamOwner[]> {
      const connection = deps.connection();
      if (!connection) return [];
      // Another server or person: what the one before said means nothing now.
      const who = `${connection.url} ${connection.email}`;
      if (who !== cachedFor) {
        cache.clear();
        cachedFor = who;
        quietUntil = 0;
      }
      const known = cache.get(domain);
      if (known && known.until > deps.now()) return known.owners;
      // Shared by the views asking at once, and only by those asking for the same person.
      const key = `${who} ${domain}`;
      const pending = asking.get(key);
      if (pending) return pending;
      // Paced: not remembered, so the domain is asked once the pace allows.
      if (!mayAsk()) return [];
      const asked = ask(connection, who, domain).finally(() => asking.delete(key));
      asking.set(key, asked);
      return asked;
    },
  };
}

export type OwnerLookup = ReturnType<typeof createOwnerLookup>;
