/**
 * Whether a sender's address only looks like one of a known company's: the first step of
 * business-email compromise ("new bank details for the Q4 invoice" from northwind-tradres.com).
 *
 * The known domains are the stored accounts' and the user's own. A domain among them is never a
 * look-alike (a real subdomain, mail.northwind-traders.com, is its registrable domain), and
 * neither is free mail. Anything else is a look-alike of a known domain when:
 * - the address holds a bidi control or an invisible character (`hidden`): no real address needs
 *   one, and an override can make "anna@\u202Emoc.sredart-dniwhtron" read as a client's address;
 * - its label has the same skeleton under Unicode's confusables, with the punycode ("xn--") form
 *   decoded first (`homoglyph`: "nоrthwind-traders" with a Cyrillic "о", "rnicrosoft");
 * - it has the same name under another public suffix (`other_tld`: northwind-traders.co), or
 *   the whole domain glued into its name (brightwave-io.com);
 * - the known domain stands at its front (`prefix`: northwind-traders.com.pay-portal.io);
 * - its label is one or two small edits from the known label (`edits`: an inserted or dropped
 *   hyphen, a swapped, doubled or dropped letter, one substituted letter).
 * It is a heuristic: it says which real domain the address resembles, never that a sender is
 * honest. It runs in the background only (the confusables table is 100 KB), and any input, however
 * odd, gives an answer rather than an exception.
 */
import { getPublicSuffix } from 'tldts';
import type { LookalikeReason } from '@/utils/contract/messages';
import { asciiHost, unicodeHost } from '@/utils/shared/idn';
import { isFreeMail, registrableDomain } from '@/utils/shared/match';
import { HIDDEN_CLASS, hasHidden, isDisguised, mapped } from '@/utils/shared/disguise';
import { skeleton } from './confusable-skeleton';

export { hasHidden, isDisguised };

const ALL_HIDDEN = new RegExp(HIDDEN_CLASS, 'gu');

/** The right-to-left override and embedding marks: what follows them is painted reversed. */
const REVERSING = /[\u202E\u202B\u2067\u200F\u061C]/;

/**
 * The shortest known label that edits are counted against. Short labels are dense: ibm, ibx and
 * icm, or abc-1 and abc-2, are unrelated companies one letter apart, so a one-edit rule there
 * would warn about ordinary mail; a short label's imitations are still caught as homoglyphs and
 * under another suffix.
 */
export const MIN_EDIT_LABEL = 5;
/** From this length on, two edits count (at most one of them a substituted letter). */
export const TWO_EDIT_LABEL = 9;

export interface Lookalike {
  /** The address as it is safe to show: hidden characters as <U+XXXX>, a homoglyph in ASCII. */
  shown: string;
  /** The known domain it resembles (registrable, ASCII); null: hidden characters, no match. */
  real: string | null;
  reason: LookalikeReason;
}

interface KnownLabel {
  domain: string;
  /** The label without its public suffix, as people read it (punycode decoded). */
  label: string;
  skeleton: string;
}

/** The known domains, prepared once for many checks. */
export interface KnownDomains {
  domains: ReadonlySet<string>;
  /**
   * By label: the same name under another suffix, and a whole domain glued into one label
   * ("brightwave-io", "northwindcouk").
   */
  byLabel: ReadonlyMap<string, string>;
  bySkeleton: ReadonlyMap<string, string>;
  /** By the whole domain's skeleton, for one standing in front of another with a homoglyph. */
  byDomainSkeleton: ReadonlyMap<string, string>;
  /** By label length, for the edit check. */
  byLength: ReadonlyMap<number, readonly KnownLabel[]>;
}

/** "northwind-traders.co.uk" -> "northwind-traders"; null for a bare suffix or no domain. */
function labelOf(domain: string): string | null {
  const suffix = getPublicSuffix(domain, { allowPrivateDomains: false });
  if (!suffix || suffix.length + 1 >= domain.length) return null;
  return domain.slice(0, domain.length - suffix.length - 1);
}

/** Prepares the known domains (any form: "Mail.Acme.com", "пример.рф"); bad entries are skipped. */
export function prepareKnownDomains(list: Iterable<string>): KnownDomains {
  const domains = new Set<string>();
  const byLabel = new Map<string, string>();
  const bySkeleton = new Map<string, string>();
  const byDomainSkeleton = new Map<string, string>();
  const byLength = new Map<number, KnownLabel[]>();
  for (const raw of list) {
    const domain = typeof raw === 'string' ? safe(() => registrableDomain(raw)) : null;
    if (!domain || domains.has(domain)) continue;
    domains.add(domain);
    const whole = unicodeHost(domain);
    if (!byDomainSkeleton.has(skeleton(whole))) byDomainSkeleton.set(skeleton(whole), domain);
    const ascii = labelOf(domain);
    if (!ascii) continue;
    const label = unicodeHost(ascii);
    const known: KnownLabel = { domain, label, skeleton: skeleton(label) };
    for (const name of [label, whole.replaceAll('.', '-'), whole.replaceAll('.', '')]) {
      if (!byLabel.has(name)) byLabel.set(name, domain);
    }
    if (!bySkeleton.has(known.skeleton)) bySkeleton.set(known.skeleton, domain);
    const length = [...label].length;
    byLength.set(length, [...(byLength.get(length) ?? []), known]);
  }
  return { domains, byLabel, bySkeleton, byDomainSkeleton, byLength };
}

function safe<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}

const codePoint = (c: string) =>
  `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`;

/** Every hidden character as <U+XXXX>: "anna@\u202Emoc" -> "anna@<U+202E>moc". */
export function escapeHidden(text: string): string {
  return text.replace(ALL_HIDDEN, codePoint);
}

/** The address with its hidden characters, and its host's mapped ones, as <U+XXXX>. */
function escapeDisguised(address: string): string {
  const at = address.lastIndexOf('@');
  const host = [...address.slice(at + 1)].map((c) => (mapped(c) ? codePoint(c) : c)).join('');
  return escapeHidden(at >= 0 ? `${address.slice(0, at)}@${host}` : host);
}

/**
 * The known domain `address` (an email address or a domain) only looks like, with why; null when
 * it is a known domain, free mail, no domain at all, or resembles none.
 */
export function findLookalike(address: string, known: KnownDomains): Lookalike | null {
  if (typeof address !== 'string' || address.length > 1000) return null;
  return safe(() => check(address, known));
}

function check(address: string, known: KnownDomains): Lookalike | null {
  const at = address.lastIndexOf('@');
  const host = at >= 0 ? address.slice(at + 1) : address;
  if (isDisguised(address)) {
    return { shown: escapeDisguised(address), real: hiddenTarget(host, known), reason: 'hidden' };
  }
  const ascii = asciiHost(host.replace(/\.$/, ''));
  const domain = ascii ? registrableDomain(ascii) : null;
  if (!ascii || !domain || known.domains.has(domain) || isFreeMail(domain)) return null;
  const found = resemble(ascii, domain, known);
  if (!found) return null;
  // A homoglyph is shown in its ASCII form: decoded, it would read exactly like the real one.
  const shown = at >= 0 ? `${address.slice(0, at)}@${ascii}` : ascii;
  return { shown: escapeHidden(shown), ...found };
}

/** The known domain a host with hidden characters reads as, if any: without them, or reversed. */
function hiddenTarget(host: string, known: KnownDomains): string | null {
  const visible = host.replace(ALL_HIDDEN, '');
  const candidates = [visible];
  const reversed = host.search(REVERSING);
  if (reversed >= 0) {
    const tail = [...host.slice(reversed).replace(ALL_HIDDEN, '')].reverse().join('');
    candidates.push(host.slice(0, reversed).replace(ALL_HIDDEN, '') + tail, tail);
  }
  for (const candidate of candidates) {
    const ascii = asciiHost(candidate);
    const domain = ascii ? registrableDomain(ascii) : null;
    if (!ascii || !domain) continue;
    if (known.domains.has(domain)) return domain;
    const found = resemble(ascii, domain, known);
    if (found?.real) return found.real;
  }
  return null;
}

function resemble(
  ascii: string,
  domain: string,
  known: KnownDomains,
): { real: string; reason: LookalikeReason } | null {
  const prefix = knownInFront(ascii, domain, known);
  if (prefix) return { real: prefix, reason: 'prefix' };
  const asciiLabel = labelOf(domain);
  if (!asciiLabel) return null;
  const label = unicodeHost(asciiLabel);
  const sameName = known.byLabel.get(label);
  if (sameName) return { real: sameName, reason: 'other_tld' };
  const skel = skeleton(label);
  const homoglyph = known.bySkeleton.get(skel);
  if (homoglyph) return { real: homoglyph, reason: 'homoglyph' };
  const near = nearLabel(label, skel, known);
  return near ? { real: near, reason: 'edits' } : null;
}

/**
 * A known domain standing whole at the front of the host: "northwind-traders.com.pay.io"; also
 * with a homoglyph in it ("n\u043Erthwind-traders.com.pay.io", a Cyrillic "о": the skeletons
 * agree), and run into the registrable label with a hyphen ("northwind-traders.com-secure.io").
 */
function knownInFront(ascii: string, domain: string, known: KnownDomains): string | null {
  const front = ascii.slice(0, Math.max(0, ascii.length - domain.length - 1)).split('.');
  const label = domain.split('.')[0] ?? '';
  const heads = [...label.matchAll(/-/g)].map((m) => [...front, label.slice(0, m.index)]);
  for (const labels of [front, ...heads]) {
    for (let end = labels.length; end >= 2; end--) {
      for (let start = 0; start <= end - 2; start++) {
        const candidate = labels.slice(start, end).join('.');
        if (known.domains.has(candidate)) return candidate;
        const imitated = known.byDomainSkeleton.get(skeleton(unicodeHost(candidate)));
        if (imitated) return imitated;
      }
    }
  }
  return null;
}

/** The known domain whose label is within the allowed edits of this one, if any. */
function nearLabel(label: string, skel: string, known: KnownDomains): string | null {
  const length = [...label].length;
  for (let d = -2; d <= 2; d++) {
    for (const k of known.byLength.get(length + d) ?? []) {
      const knownLength = length + d;
      if (knownLength < MIN_EDIT_LABEL) continue;
      const allowed = knownLength >= TWO_EDIT_LABEL ? 2 : 1;
      if (Math.abs(d) > allowed) continue;
      if (withinEdits(skel, k.skeleton, allowed) || withinEdits(label, k.label, allowed)) {
        return k.domain;
      }
    }
  }
  return null;
}

/**
 * Whether `a` becomes `b` in at most `max` edits (insert, delete, substitute, swap two neighbours:
 * the optimal string alignment distance), with at most one substitution: "brightwave" and
 * "brightwire" are two different words, "northwnid-trader" is a typo of a known one.
 */
export function withinEdits(a: string, b: string, max: number): boolean {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > max) return false;
  const INF = max + 1;
  const width = y.length + 1;
  // cost[s][i * width + j]: edits turning x[0..i) into y[0..j) with s substitutions (0 or 1).
  const cost = [new Uint8Array((x.length + 1) * width), new Uint8Array((x.length + 1) * width)];
  const [none, one] = cost as [Uint8Array, Uint8Array];
  one.fill(INF);
  none.fill(INF);
  for (let i = 0; i <= x.length; i++) none[i * width] = Math.min(i, INF);
  for (let j = 0; j <= y.length; j++) none[j] = Math.min(j, INF);
  const at = (grid: Uint8Array, i: number, j: number) => grid[i * width + j]!;
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const same = x[i - 1] === y[j - 1];
      const swapped = i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1];
      for (const grid of [none, one]) {
        let best = Math.min(at(grid, i - 1, j), at(grid, i, j - 1)) + 1;
        if (same) best = Math.min(best, at(grid, i - 1, j - 1));
        else if (grid === one) best = Math.min(best, at(none, i - 1, j - 1) + 1);
        if (swapped) best = Math.min(best, at(grid, i - 2, j - 2) + 1);
        grid[i * width + j] = Math.min(best, INF);
      }
    }
  }
  return Math.min(at(none, x.length, y.length), at(one, x.length, y.length)) <= max;
}
