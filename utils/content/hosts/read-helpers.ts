/**
 * What every host adapter needs to turn what a page shows into a HostContext: addresses, web
 * hosts, text, lists within the message contract's limits, hidden elements, the unreadable
 * result. One copy here instead of one per adapter, so a fix to what counts as an address (or as
 * hidden) reaches every host at once.
 *
 * It runs in the content scripts: nothing beyond the DOM, no layout reads. A content script bundles
 * only the helpers its adapter imports (tests/build/size.test.mjs keeps the Gmail one in budget).
 */
import type { HostContext } from '@/utils/contract/messages';
import type { ReadResult } from './types';
import type { PageThing } from '@/utils/contract/enums';
import { MAX_PARTICIPANTS } from '@/utils/contract/limits';
import { isDisguised } from '@/utils/shared/disguise';

// ---------------------------------------------------------------------------------------------
// Addresses
// ---------------------------------------------------------------------------------------------

/**
 * One address and nothing else: no white space, no brackets, quotes or list separators (so
 * "Anna Keller <anna@x.io>" and "a@x.io, b@x.io" are not one), and a dot in the domain (so
 * "anna@localhost" and a user name such as "me" are not one either), and no control characters.
 * Format characters (a bidi override, a zero-width space) are kept and reported: no real address
 * needs one, so the worker takes such an address out of every match and the sidebar warns about
 * it, showing each one as <U+XXXX> (entrypoints/background/lookalike.ts). Dropped here, the
 * sender would simply be missing from the sidebar, with no warning at all.
 */
const EMAIL = /^[^\s@<>()",;\p{Cc}]+@[^\s@<>()",;\p{Cc}]+\.[^\s@<>()",;\p{Cc}]+$/u;

/**
 * Addresses inside free text, such as a card's text or a semicolon-separated property: the
 * characters an address is made of, so the text around it (brackets, separators, words) falls away.
 */
const EMAIL_IN_TEXT = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

/**
 * Lower-cased address, or null when it is not one. 320 characters at most: the longest address
 * there can be (64 + @ + 255), and the message contract's limit.
 */
export function normaliseAddress(value: string | null | undefined): string | null {
  const email = (value ?? '').trim().toLowerCase();
  return email.length <= 320 && EMAIL.test(email) ? email : null;
}

/** The addresses in free text, in order, each normalised (repeats kept: callers keep them once). */
export function addressesInText(text: string): string[] {
  return (text.match(EMAIL_IN_TEXT) ?? []).flatMap((part) => normaliseAddress(part) ?? []);
}

/**
 * Addresses in a mailto: link, in order; the query (`?subject=...`, `?cc=...`) is not read:
 *   "mailto:a@x.io,b@x.io?subject=Hi" -> a@x.io, b@x.io; "mailto:Anna%20Keller" -> none
 */
export function addressesOfMailto(href: string): string[] {
  let list = href.replace(/^mailto:/i, '').split('?')[0] ?? '';
  try {
    list = decodeURIComponent(list);
  } catch {
    // Keep the raw text: a stray % is not an address anyway.
  }
  return list.split(/[,;]/).flatMap((part) => normaliseAddress(part) ?? []);
}

/**
 * The people an accessible name, a title or a header line shows, in order: a leading label (which
 * the host translates, so it is dropped unread) and then names with addresses in angle brackets, or
 * bare addresses, separated by commas or semicolons:
 *   "From: Anna Keller <anna.keller@northwind.co.uk>" -> Anna Keller, anna.keller@northwind.co.uk
 *   "Кому: Sam Carter <sam@brightwave.io>; tom@x.io" -> Sam Carter, sam@brightwave.io; '', tom@x.io
 *   "Anna Keller", "Reply all" -> none
 */
export function peopleInLabel(label: string): { email: string; name: string }[] {
  const text = squash(label, 2000).replace(/^[^<>@:,;]{1,40}:\s*/, '');
  const people: { email: string; name: string }[] = [];
  for (const match of text.matchAll(PERSON_IN_LABEL)) {
    const email = normaliseAddress(match[2] ?? match[3]);
    if (!email) continue;
    const name = match[2] ? squash((match[1] ?? '').replace(/^\s*["']|["']\s*$/g, ''), 200) : '';
    people.push({ email, name: normaliseAddress(name) ? '' : name });
  }
  return people;
}

/** `Name <address>` (the name may be empty or quoted), or a bare address. */
const PERSON_IN_LABEL = /([^<>,;]*)<\s*([^<>\s]+)\s*>|([^\s<>,;:()"]+@[^\s<>,;:()"]+)/g;

// ---------------------------------------------------------------------------------------------
// Web hosts
// ---------------------------------------------------------------------------------------------

/** Lower-case DNS labels, at least two, the first not starting with a hyphen. */
const HOST_NAME = /^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/;

/**
 * The web host a domain or website value shows, lower-cased, or null. A CRM field holds either a
 * bare domain as typed or a full URL; only http(s) counts, so a `javascript:` or `mailto:` value
 * never becomes a domain. 253 characters at most, as in DNS and the message contract:
 *   "northwind.co.uk" -> northwind.co.uk; "https://www.northwind.co.uk/en" -> www.northwind.co.uk
 *   "www.globex.com." -> www.globex.com (the root's trailing dot dropped)
 *   "anna@northwind.co.uk", "javascript:alert(1)", "ftp://files.globex.com", "not a domain" -> null
 */
export function hostOf(value: string | null | undefined): string | null {
  const text = (value ?? '').trim();
  if (text === '' || /[\s@]/.test(text)) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  if (!withScheme && text.includes(':')) return null;
  let url: URL;
  try {
    url = new URL(withScheme ? text : `https://${text}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (host.length > 253 || !HOST_NAME.test(host)) return null;
  // The parser reads "\uFF4Eorthwind.co.uk" (full-width n) as northwind.co.uk and drops a
  // zero-width space: the host is given as written, for the background to warn about it.
  const written = hostAsWritten(withScheme ? text.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '') : text);
  return isDisguised(written) ? written.toLowerCase() : host;
}

/** The host as the value writes it: up to a path, query, fragment or port, without a root dot. */
const hostAsWritten = (rest: string): string => rest.split(/[/\\?#:]/, 1)[0]!.replace(/\.$/, '');

// ---------------------------------------------------------------------------------------------
// Hidden elements
// ---------------------------------------------------------------------------------------------

/**
 * Hidden by the host app, which keeps what it is not showing in the DOM with an inline
 * `display: none` (or `hidden`) on it or an ancestor: Gmail's inactive views and cached
 * conversations, Outlook's panes kept while another shows, Pipedrive's detail view of a previous
 * record. Inline styles only: no layout is forced, and it works in tests. The walk stays in the
 * element's own tree; hosts that render in shadow trees use `isHiddenAcrossShadow`.
 */
export function isHidden(el: Element): boolean {
  for (let node: Element | null = el; node; node = node.parentElement) {
    if (node.hasAttribute('hidden')) return true;
    const style = node.getAttribute('style');
    if (style && /(^|;)\s*display\s*:\s*none/i.test(style)) return true;
  }
  return false;
}

/**
 * `isHidden` across shadow boundaries, for hosts that render in shadow trees (Salesforce
 * Lightning: a field inside a component's shadow root is hidden when the page around the
 * component is). Each tree is checked with `isHidden`, then the walk goes on from its host.
 * A separate name rather than a parameter keeps the Gmail content script from carrying it.
 */
export function isHiddenAcrossShadow(el: Element): boolean {
  for (let node: Element | null = el; node;) {
    if (isHidden(node)) return true;
    const root = node.getRootNode();
    node = root.nodeType === 11 ? ((root as ShadowRoot).host ?? null) : null;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Text and lists
// ---------------------------------------------------------------------------------------------

/**
 * Text as a person reads it, on one line, cut to `max` characters (the message contract's limit
 * for the field: 200 for names, 1000 for subjects): pages indent and wrap their text freely.
 */
export const squash = (text: string, max: number): string =>
  text.replace(/\s+/g, ' ').trim().slice(0, max);

/** Adds `value` to `list` unless it is empty, already there, or the list holds `max` already. */
export function pushUnique(list: string[], value: string | null, max: number): void {
  if (value && !list.includes(value) && list.length < max) list.push(value);
}

/** Adds a person unless the address is there (the first name seen wins) or the list is full. */
export function pushParticipant(
  participants: HostContext['participants'],
  email: string,
  name: string,
): void {
  if (participants.length >= MAX_PARTICIPANTS || participants.some((p) => p.email === email))
    return;
  participants.push({ email, name });
}

// ---------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------

/** Something is open but the markup is not what the adapter expects; `reason` says what is off. */
export function unreadable(reason: string, thing?: PageThing): ReadResult {
  return thing ? { status: 'unreadable', reason, thing } : { status: 'unreadable', reason };
}

/**
 * An adapter's `read` that never throws: a markup surprise deep in a reader (a host's own
 * prototype patched, a detached node) becomes an unreadable page with the error's message.
 */
export function readSafely(
  read: (doc: Document, url: URL) => ReadResult,
): (doc: Document, url: URL) => ReadResult {
  return (doc, url) => {
    try {
      return read(doc, url);
    } catch (error) {
      return unreadable(
        `reading the page failed: ${error instanceof Error ? error.message : 'unknown error'}`,
      );
    }
  };
}

// ---------------------------------------------------------------------------------------------
// Links and cards
// ---------------------------------------------------------------------------------------------

/** Email links: `<a href="mailto:anna.keller@northwind.co.uk">anna.keller@northwind.co.uk</a>`. */
export const MAILTO_LINK = 'a[href^="mailto:"]';

/**
 * The card around a link to a record in a CRM's sidebar: the largest ancestor inside `boundary`
 * whose `links` all point where this one does (`targetOf` names where a link points). In a list of
 * people that is the list item; a section with a single record is the whole section, whose only
 * other text is its heading.
 */
export function cardAround(
  link: Element,
  boundary: Element,
  links: string,
  targetOf: (link: Element) => string | null,
): Element {
  const own = targetOf(link);
  let card = link;
  for (let node = link.parentElement; node && node !== boundary; node = node.parentElement) {
    if (Array.from(node.querySelectorAll(links)).some((a) => targetOf(a) !== own)) break;
    card = node;
  }
  return card;
}
