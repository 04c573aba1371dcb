/**
 * Whether an address or a host disguises itself as another: the test that both the content
 * scripts (before a CRM record's web site is read through the URL parser, which would undo the
 * disguise) and the background's look-alike check (lookalike.ts) apply. Small and table-free, so
 * it fits the content scripts' budget.
 */

/**
 * Characters that change how an address reads without being seen: controls, format characters
 * (bidi overrides and isolates, zero-width space and joiners, the soft hyphen, the BOM), invisible
 * fillers and variation selectors, and every space but the plain one (a name has those).
 */
export const HIDDEN_CLASS =
  '[\\p{Cc}\\p{Cf}\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\u034F\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180F\\u3164\\uFE00-\\uFE0F\\uFFA0\\u{E0100}-\\u{E01EF}]';
const HIDDEN = new RegExp(HIDDEN_CLASS, 'u');

/**
 * Characters of a host that the URL parser (UTS #46) maps to others beyond case: full-width and
 * other compatibility forms ("\uFF4E" reads as "n", "\uFB01" as "fi") and the other full stops
 * ("\u3002" reads as "."). They look like the real domain and are read as it, yet no mail system
 * of the client's sends from them, no web site of the client's is served under them as typed,
 * and the client's DMARC policy is not looked up for them.
 */
const FULL_STOPS = /[\u3002\uFF0E\uFF61]/u;
export const mapped = (c: string): boolean =>
  c > '\x7f' && (FULL_STOPS.test(c) || c.normalize('NFKC') !== c.normalize('NFC'));

/** Whether the text holds a hidden character. */
export const hasHidden = (text: string): boolean => HIDDEN.test(text);

/** The host part of an address (all of it when there is no "@"). */
const hostOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);

/** Whether an address's host holds a character the URL parser maps to another (`mapped`). */
const hasMappedHost = (address: string): boolean => [...hostOf(address)].some(mapped);

/**
 * Whether an address (or a bare host) disguises itself: a hidden character anywhere, or a host
 * character that is read as another ("anna@\uFF4Eorthwind-traders.com" is read as the client's
 * own domain).
 */
export const isDisguised = (address: string): boolean =>
  hasHidden(address) || hasMappedHost(address);
