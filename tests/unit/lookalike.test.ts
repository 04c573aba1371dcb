// The look-alike sender check (entrypoints/background/lookalike.ts): a table of addresses that only
// look like a known company's, and a longer one of near misses that must stay quiet.
import { describe, expect, it } from 'vitest';
import {
  escapeHidden,
  findLookalike,
  prepareKnownDomains,
  withinEdits,
} from '@/entrypoints/background/lookalike';
import { skeleton } from '@/entrypoints/background/confusable-skeleton';

/** The accounts' domains, and the user's own (brightwave.io). */
const KNOWN = prepareKnownDomains([
  'northwind-traders.com',
  'northwind-traders.de', // the same client's extra domain
  'northwind.co.uk',
  'globex.com',
  'ibm.com',
  'acme.io',
  'umbrella-pharma.com',
  'пример.рф',
  'Initech-Systems.COM', // any form the store may hold
  'brightwave.io',
]);

const TRUE_POSITIVES: [string, string, string][] = [
  // [address, the real domain named, reason]
  ['anna@northwind-tradres.com', 'northwind-traders.com', 'edits'], // swapped letters
  ['anna@northwindtraders.com', 'northwind-traders.com', 'edits'], // dropped hyphen
  ['anna@north-wind-traders.com', 'northwind-traders.com', 'edits'], // inserted hyphen
  ['anna@northwind-traaders.com', 'northwind-traders.com', 'edits'], // doubled letter
  ['anna@northwind-tradcrs.com', 'northwind-traders.com', 'edits'], // one substitution
  ['anna@north-wind-tradres.com', 'northwind-traders.com', 'edits'], // a hyphen and a swap
  ['anna@northwind-traders.co', 'northwind-traders.com', 'other_tld'],
  ['anna@northwind-traders.net', 'northwind-traders.com', 'other_tld'],
  ['anna@northwind-traders.co.uk', 'northwind-traders.com', 'other_tld'],
  ['billing@northwind.com', 'northwind.co.uk', 'other_tld'],
  ['hank@globex.co', 'globex.com', 'other_tld'],
  ['it@ibm.co', 'ibm.com', 'other_tld'], // a short name still counts under another suffix
  // IDN homographs: a Cyrillic "о", "а", "е"; the punycode form of the same; Greek "ο".
  ['anna@n\u043Erthwind-traders.com', 'northwind-traders.com', 'homoglyph'],
  ['anna@northwind-tr\u0430ders.com', 'northwind-traders.com', 'homoglyph'],
  ['anna@globex.com'.replace('e', '\u0435'), 'globex.com', 'homoglyph'],
  ['anna@xn--nrthwind-traders-mkn.com', 'northwind-traders.com', 'homoglyph'],
  ['anna@n\u03BFrthwind-traders.com', 'northwind-traders.com', 'homoglyph'],
  ['x@\u0430\u0441m\u0435.io', 'acme.io', 'homoglyph'], // whole-script Cyrillic "асmе"
  ['ceo@brightwave-io.com', 'brightwave.io', 'other_tld'], // the suffix glued on
  ['x@northwind-co-uk.com', 'northwind.co.uk', 'other_tld'],
  ['ceo@brlghtwave.io', 'brightwave.io', 'edits'], // the user's own company, imitated
  ['x@umbre11a-pharma.com', 'umbrella-pharma.com', 'homoglyph'], // "1" for "l"
  ['x@gl0bex.com', 'globex.com', 'homoglyph'], // "0" for "o"
  // The real domain put in front of another one.
  ['anna@northwind-traders.com.pay-portal.io', 'northwind-traders.com', 'prefix'],
  ['anna@mail.northwind.co.uk.secure-docs.net', 'northwind.co.uk', 'prefix'],
  // ... with a homoglyph in it (a Cyrillic "о" in a subdomain), or run into the next label.
  ['anna@n\u043Erthwind-traders.com.pay-portal.io', 'northwind-traders.com', 'prefix'],
  ['anna@xn--nrthwind-traders-mkn.com.pay-portal.io', 'northwind-traders.com', 'prefix'],
  ['anna@northwind-traders.com-secure.io', 'northwind-traders.com', 'prefix'],
  ['anna@mail.northwind.co.uk-docs.net', 'northwind.co.uk', 'prefix'],
  // Hidden characters: a right-to-left override that makes the address read as the client's,
  // a zero-width space, a bidi isolate in the name part.
  ['anna.keller@\u202Eku.oc.dniwhtron', 'northwind.co.uk', 'hidden'],
  ['anna@north\u200Bwind-traders.com', 'northwind-traders.com', 'hidden'],
  ['\u2067anna\u2069@northwind-traders.com', 'northwind-traders.com', 'hidden'],
  ['anna@northwind-tr\u00ADaders.com', 'northwind-traders.com', 'hidden'], // soft hyphen
  ['anna@northwind-traders.com\uFEFF', 'northwind-traders.com', 'hidden'],
  // Read as the real domain (UTS #46 maps them), yet no mail system of the client's sends from them.
  ['pay@\uFF4Eorthwind-traders.com', 'northwind-traders.com', 'hidden'], // full-width "n"
  ['pay@northwind-traders\u3002com', 'northwind-traders.com', 'hidden'], // ideographic full stop
  ['pay@northwind-traders\uFF0Ecom', 'northwind-traders.com', 'hidden'], // full-width full stop
];

describe('findLookalike: true positives', () => {
  it.each(TRUE_POSITIVES)('%s looks like %s (%s)', (address, real, reason) => {
    const found = findLookalike(address, KNOWN);
    expect(found).not.toBeNull();
    expect(found!.real).toBe(real);
    expect(found!.reason).toBe(reason);
  });

  it('names no real domain for hidden characters that imitate nobody, and still warns', () => {
    expect(findLookalike('bob@exa\u200Bmple.org', KNOWN)).toEqual({
      shown: 'bob@exa<U+200B>mple.org',
      real: null,
      reason: 'hidden',
    });
  });

  it('shows hidden characters as code points and a homoglyph in its ASCII form', () => {
    expect(findLookalike('anna.keller@\u202Eku.oc.dniwhtron', KNOWN)?.shown).toBe(
      'anna.keller@<U+202E>ku.oc.dniwhtron',
    );
    const homoglyph = findLookalike('anna@n\u043Erthwind-traders.com', KNOWN)!;
    expect(homoglyph.shown).toMatch(/^anna@xn--[a-z0-9-]+\.com$/);
    expect(homoglyph.shown).not.toContain('\u043E');
  });
});

const NEAR_MISSES: string[] = [
  // The known domains themselves, in any form a page may show them.
  'anna@northwind-traders.com',
  'ANNA@NORTHWIND-TRADERS.COM',
  'anna@Northwind-Traders.com',
  'anna@northwind-traders.com.', // a trailing dot is the same domain
  'anna@northwind-traders.de', // the client's own extra domain
  // Real subdomains.
  'anna@mail.northwind-traders.com',
  'tom.reyes@mail.northwind.co.uk',
  'x@eu.corp.globex.com',
  'x@пример.рф',
  'x@почта.пример.рф',
  'x@xn--e1afmkfd.xn--p1ai',
  // Other companies whose names share a word or are long way apart.
  'x@northwind-logistics.com',
  'x@northwind-trading-group.com',
  'x@southwind-traders-inc.com',
  'x@globalex.com',
  'x@umbrella-insurance.com',
  'x@initech.com',
  'x@initrode-systems.com',
  // A known name inside a longer label, not the known domain in front.
  'x@northwind-traders.comfort.io',
  'x@traders.com-secure.io',
  'x@com-secure.io',
  // Short labels: one letter apart is an unrelated company, not an imitation.
  'x@ibx.com',
  'x@ibmx.com',
  'x@hbm.com',
  'x@acne.io',
  'x@acre.io',
  // Two substitutions: two different words.
  'x@brightwire.io',
  'x@northwind-tankers.com',
  'x@umbrella-phones.com',
  // Free mail, whatever the display name.
  'northwind.traders@gmail.com',
  'anna.keller.northwind@outlook.com',
  'x@yahoo.co.uk',
  'x@mail.ru',
  // The user's own domain and its subdomain.
  'sam@brightwave.io',
  'sam@eu.brightwave.io',
  // Nothing to check.
  '',
  'anna',
  'anna@',
  '@',
  'anna@localhost',
  'anna@192.168.0.1',
  'anna@[::1]',
  'anna@northwind-traders',
  'x@com',
  'x@co.uk',
  'x@-.com',
  `${'a'.repeat(400)}@${'b'.repeat(700)}.com`,
];

describe('findLookalike: near misses stay quiet', () => {
  it('has at least 30 near misses', () => expect(NEAR_MISSES.length).toBeGreaterThanOrEqual(30));
  it.each(NEAR_MISSES)('%s', (address) => {
    expect(findLookalike(address, KNOWN)).toBeNull();
  });
});

describe('hostile input never throws', () => {
  const odd = [
    '\u0000@\u0000',
    'a@' + '.'.repeat(300),
    'a@xn--.com',
    'a@xn--zzzzzzzzzzzzzzzz.com',
    'a@xn--a-ecp.xn--b-ecp',
    '@@@@',
    'a@\uD800.com', // a lone surrogate
    'a@%00.com',
    'a@exa mple.com',
    'a@http://northwind-traders.com',
    'a@northwind-traders.com/evil',
    'a@\u202E'.repeat(50),
  ];
  it.each(odd)('%j', (address) => {
    expect(() => findLookalike(address, KNOWN)).not.toThrow();
  });
  it('a value that is no string at all', () => {
    expect(findLookalike(undefined as unknown as string, KNOWN)).toBeNull();
    expect(findLookalike({} as unknown as string, KNOWN)).toBeNull();
    expect(() =>
      prepareKnownDomains([null, 42, '', 'x', '..'] as unknown as string[]),
    ).not.toThrow();
  });
});

describe('the pieces', () => {
  it('skeleton: Cyrillic and Greek stand-ins, "rn" for "m", "0" for "o"', () => {
    expect(skeleton('n\u043Erthwind')).toBe(skeleton('northwind'));
    expect(skeleton('\u03BFk')).toBe(skeleton('ok'));
    expect(skeleton('rnicrosoft')).toBe(skeleton('microsoft'));
    expect(skeleton('g00gle')).toBe(skeleton('google'));
    expect(skeleton('northwind')).not.toBe(skeleton('southwind'));
  });

  it('withinEdits: one substitution at most, swaps and hyphens count one each', () => {
    expect(withinEdits('northwind-traders', 'northwind-tradres', 1)).toBe(true);
    expect(withinEdits('northwind-traders', 'northwindtraders', 1)).toBe(true);
    expect(withinEdits('northwind-traders', 'north-wind-tradres', 2)).toBe(true);
    expect(withinEdits('brightwave', 'brightwire', 2)).toBe(false);
    expect(withinEdits('brightwave', 'brightwive', 2)).toBe(true);
    expect(withinEdits('northwind', 'northwind-logistics', 2)).toBe(false);
  });

  it('escapeHidden shows each hidden character as a code point', () => {
    expect(escapeHidden('a\u202Eb\u200Bc\u{E0101}d')).toBe('a<U+202E>b<U+200B>c<U+E0101>d');
    expect(escapeHidden('anna@northwind.co.uk')).toBe('anna@northwind.co.uk');
  });
});
