/**
 * Salesforce's addresses (pure): which URLs are an org's Lightning Experience, record ids in both
 * their forms, and the record a URL shows. Read by the adapter (salesforce.ts), which also matches
 * a console tab's link to the URL's record with them.
 */

export type SalesforceObject = 'Account' | 'Contact' | 'Opportunity' | 'Lead';

/** The objects read, with their record id key prefixes. */
export const OBJECT_PREFIXES: Record<SalesforceObject, string> = {
  Account: '001',
  Contact: '003',
  Opportunity: '006',
  Lead: '00Q',
};

export interface SalesforceRecord {
  object: SalesforceObject;
  /** Always the 18-character, case-safe id. */
  recordId: string;
  /** The record URL without query or hash. */
  url: string;
}

/** Org hosts: <org>.lightning.force.com and <org>.my.salesforce.com, sandboxes included. */
const ORG_HOST =
  /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)*\.(?:lightning\.force|my\.salesforce)\.com$/;
const ID_15 = /^[a-zA-Z0-9]{15}$/;
const ID_18 = /^[a-zA-Z0-9]{18}$/;
const CHECKSUM_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** True for a Salesforce org (Lightning Experience and the my.salesforce.com domain). */
export function isSalesforceUrl(url: URL): boolean {
  return url.protocol === 'https:' && ORG_HOST.test(url.hostname) && url.port === '';
}

/**
 * The 18-character form of a record id, or null when it is not one: a 15-character id gets its
 * 3-character checksum (one character per 5, encoding which are upper case); an 18-character id is
 * kept only when its checksum is right.
 *   001Dp00000KxGlb -> 001Dp00000KxGlbIAF; 001Dp00000KxGlbIAF -> itself; 001Dp00000KxGlbAAA -> null
 */
export function toId18(id: string): string | null {
  if (!ID_15.test(id) && !ID_18.test(id)) return null;
  const base = id.slice(0, 15);
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = base.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += CHECKSUM_CHARS.charAt(bits);
  }
  if (id.length === 18 && id.slice(15).toUpperCase() !== suffix) return null;
  return base + suffix;
}

/** The object a record id belongs to, by its key prefix, among the four read. */
export function objectOfId(id: string): SalesforceObject | null {
  for (const [object, prefix] of Object.entries(OBJECT_PREFIXES)) {
    if (id.startsWith(prefix)) return object as SalesforceObject;
  }
  return null;
}

/**
 * The record a URL shows, or null for lists, setup, other objects and other record views:
 *   /lightning/r/Account/001Dp00000KxGlbIAF/view   -> Account 001Dp00000KxGlbIAF
 *   /lightning/r/Lead/00QDp00000FzPsh/view         -> Lead 00QDp00000FzPshMAF (15 -> 18)
 *   /lightning/r/001Dp00000KxGlbIAF/view           -> Account (the object from the id prefix;
 *                                                     Lightning's form right after a save)
 *   /lightning/r/Contact/001Dp00000KxGlbIAF/view   -> null (an Account id under Contact)
 *   /lightning/o/Account/list, /lightning/r/Account/001.../related/Contacts/view,
 *   /lightning/setup/SetupOneHome/home -> null
 */
export function salesforceRecordFromUrl(url: URL): SalesforceRecord | null {
  if (!isSalesforceUrl(url)) return null;
  const segments = url.pathname.split('/').filter((s) => s !== '');
  if (segments[0] !== 'lightning' || segments[1] !== 'r') return null;
  const rest = segments.slice(2);
  let named: string | undefined;
  let rawId: string | undefined;
  if (rest.length === 3 && rest[2] === 'view') [named, rawId] = rest;
  else if (rest.length === 2 && rest[1] === 'view') rawId = rest[0];
  else return null;
  const recordId = toId18(rawId ?? '');
  if (!recordId) return null;
  const object = objectOfId(recordId);
  if (!object) return null;
  if (named !== undefined && named.toLowerCase() !== object.toLowerCase()) return null;
  return { object, recordId, url: `${url.origin}${url.pathname}` };
}

/** True when the URL says an Account, Contact, Opportunity or Lead record is open. */
export function isRecordUrl(url: URL): boolean {
  return salesforceRecordFromUrl(url) !== null;
}
