// Who owns which client domain on this server, for someone with no access to the account: the
// extension shows "Alice owns Acme on your team" instead of nothing, and never the notes.
//
// The directory is derived from what the server already keeps: each account document's own
// `account` map (its name and domains, read when Hocuspocus loads or stores the document) and
// its access list (the owner). A document is listed only while it has a teammate on it besides
// the owner: "Stop sharing" takes them all off, and the account is no longer listed.
//
// What a lookup answers is the owner's address and the account's name, never anything else of
// the document. Every account claiming the domain is listed: a teammate who puts a rival's
// domain on an account of their own adds a line, and cannot hide the real owner's.
// RAPPORT_SYNC_OWNER_DIRECTORY=off turns it all off (no indexing; the lookup answers 404).
import { parseDocumentName } from './access.mjs';

/** The most domains of one account that are listed (the extension allows 50 per account). */
export const MAX_LISTED_DOMAINS = 50;
/** An account's name as listed: longer names are cut, so a hostile one cannot fill a sidebar. */
export const MAX_LISTED_NAME = 120;
/** The most values of an account's `domains` read: the extension keeps 50, all valid. */
const MAX_READ_DOMAINS = 4 * MAX_LISTED_DOMAINS;
/** Lookups one person may make per minute (per instance): enough for reading mail, not for a list. */
export const LOOKUPS_PER_MINUTE = 30;

/** Characters a URL parser reads as something other than a host. */
const NOT_HOST = /[\s/\\?#@:[\]%]/;
const ASCII_DOMAIN = /^(?=.{1,253}$)[a-z0-9-]+(\.[a-z0-9-]+)+$/;
const IPV4_LIKE = /^[\d.]+$|^0x/i;
/** Bidi controls: one in a name would reorder the line around it (whose account it reads as). */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const CONTROL = /[\p{Cc}\s]+/gu;

/** A name a teammate wrote, as one plain line of at most MAX_LISTED_NAME characters. */
function plainName(value) {
  if (typeof value !== 'string') return '';
  const line = value.replace(BIDI, '').replace(CONTROL, ' ').trim();
  return [...line].slice(0, MAX_LISTED_NAME).join('');
}

/**
 * A domain in the form the extension keeps it (utils/shared/idn.ts): ASCII (punycode), lower
 * case, by the platform's URL parser (UTS #46: case, full-width dots). Null for anything else.
 */
export function normaliseDomain(value) {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > 253 || NOT_HOST.test(trimmed)) return null;
  let host;
  try {
    host = new URL(`http://${trimmed}`).hostname;
  } catch {
    return null;
  }
  return ASCII_DOMAIN.test(host) && !IPV4_LIKE.test(host) ? host : null;
}

/** The name and domains an account document claims; a document written by anyone, so checked. */
export function listingOf(document) {
  const account = document.getMap('account');
  const name = plainName(account.get('name'));
  const rawDomains = account.get('domains');
  const domains = new Set();
  for (const value of Array.isArray(rawDomains) ? rawDomains.slice(0, MAX_READ_DOMAINS) : []) {
    const domain = normaliseDomain(value);
    if (domain) domains.add(domain);
    if (domains.size >= MAX_LISTED_DOMAINS) break;
  }
  return { name, domains: [...domains] };
}

/** The Hocuspocus extension that keeps the directory as documents are loaded and stored. */
export function createOwnerDirectory({ store, log = () => {} }) {
  async function index(documentName, document) {
    if (parseDocumentName(documentName)?.kind !== 'account') return;
    const { name, domains } = listingOf(document);
    await store.setListing(documentName, name, domains);
  }
  return {
    extensionName: 'rapport-owner-directory',
    async afterLoadDocument({ documentName, document }) {
      await index(documentName, document).catch((e) => log(`directory: ${e.message}`));
    },
    async onStoreDocument({ documentName, document }) {
      await index(documentName, document).catch((e) => log(`directory: ${e.message}`));
    },
  };
}

/**
 * A per-person budget of lookups: LOOKUPS_PER_MINUTE, refilled continuously. One domain per
 * request and this budget make walking a list of domains slow (30 a minute), not impossible for
 * someone with time; what it yields is owners' addresses and account names, nothing more.
 */
export function createLookupBudget({
  perMinute = LOOKUPS_PER_MINUTE,
  now = () => Date.now(),
} = {}) {
  const buckets = new Map();
  return {
    take(email) {
      const at = now();
      const bucket = buckets.get(email) ?? { tokens: perMinute, at };
      bucket.tokens = Math.min(perMinute, bucket.tokens + ((at - bucket.at) * perMinute) / 60_000);
      bucket.at = at;
      buckets.set(email, bucket);
      if (buckets.size > 10_000) buckets.delete(buckets.keys().next().value);
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
  };
}
