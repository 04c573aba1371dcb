/**
 * A company name guessed from an email domain: "initech-systems.com" -> "Initech Systems",
 * "northwind.co.uk" -> "Northwind".
 *
 * utils/shared/match.ts does this with the full public-suffix list (tldts), which is far too big
 * for a content script. The background already reduces a sender's domain to its registrable domain,
 * so a small heuristic for the common two-label suffixes (co.uk, com.au, ...) is enough here.
 */
import { unicodeHost } from '@/utils/shared/idn';

const SECOND_LEVEL = new Set([
  'co',
  'com',
  'net',
  'org',
  'gov',
  'ac',
  'edu',
  'ne',
  'or',
  'go',
  'ltd',
  'plc',
]);

export function guessName(domain: string): string {
  // An international domain is named as written: "xn--e1afmkfd.xn--p1ai" -> "Пример".
  const labels = unicodeHost(domain.trim().toLowerCase())
    .replace(/\.$/, '')
    .split('.')
    .filter(Boolean);
  let suffix = labels.length > 1 ? 1 : 0;
  const tld = labels[labels.length - 1] ?? '';
  const second = labels[labels.length - 2] ?? '';
  if (labels.length > 2 && tld.length === 2 && SECOND_LEVEL.has(second)) suffix = 2;
  const label = labels[labels.length - suffix - 1] ?? labels[0] ?? domain;
  return label
    .split(/[-_]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

/** A person needs a name; when the page showed none, the address's local part stands in. */
export function nameFromEmail(email: string, name: string): string {
  const given = name.trim();
  if (given) return given;
  return email.split('@')[0] || email;
}
