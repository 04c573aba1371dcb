/**
 * International domains are real domains: stored in one ASCII form, found from either form,
 * shown as people write them.
 */
import { describe, expect, it } from 'vitest';
import { asciiHost, showDomains, unicodeHost } from '@/utils/shared/idn';
import { companyDomain, nameFromDomain, registrableDomain } from '@/utils/shared/match';
import { Domain } from '@/utils/schemas/model';
import { guessName } from '@/components/guess-name';
import { freshContext, ok } from './helpers';

const thread = (emails: string[]) => ({
  host: 'gmail' as const,
  url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgz',
  participants: emails.map((email) => ({ email, name: '' })),
  domains: [],
  names: [],
});

describe('asciiHost and unicodeHost', () => {
  it.each([
    ['почта.рф', 'xn--80a1acny.xn--p1ai'],
    ['ПРИМЕР.РФ', 'xn--e1afmkfd.xn--p1ai'],
    ['xn--e1afmkfd.xn--p1ai', 'xn--e1afmkfd.xn--p1ai'],
    ['XN--E1AFMKFD.XN--P1AI', 'xn--e1afmkfd.xn--p1ai'],
    ['münchen.de', 'xn--mnchen-3ya.de'],
    ['中国.cn', 'xn--fiqs8s.cn'],
    ['пример。рф', 'xn--e1afmkfd.xn--p1ai'],
    ['Acme.COM', 'acme.com'],
  ])('%s -> %s and back', (typed, ascii) => {
    expect(asciiHost(typed)).toBe(ascii);
    expect(asciiHost(unicodeHost(ascii))).toBe(ascii);
  });

  it.each(['', 'a b.com', 'a/b.com', 'x@y.com', 'host:80', '1.2.3.4', '[::1]', 'a%2fb.com'])(
    'refuses %j',
    (typed) => expect(asciiHost(typed)).toBeNull(),
  );

  it.each([
    ['xn--80a1acny.xn--p1ai', 'почта.рф'],
    ['mail.xn--mnchen-3ya.de', 'mail.münchen.de'],
    ['acme.com', 'acme.com'],
    // Not valid punycode: shown as stored rather than as something it is not.
    ['xn--!!!.com', 'xn--!!!.com'],
  ])('shows %s as %s', (ascii, shown) => expect(unicodeHost(ascii)).toBe(shown));

  it('shows a list of domains', () => {
    expect(showDomains(['xn--e1afmkfd.xn--p1ai', 'acme.com'])).toBe('пример.рф, acme.com');
  });
});

describe('the Domain schema', () => {
  it.each([
    ['пример.рф', 'xn--e1afmkfd.xn--p1ai'],
    [' Почта.РФ ', 'xn--80a1acny.xn--p1ai'],
    ['xn--e1afmkfd.xn--p1ai', 'xn--e1afmkfd.xn--p1ai'],
    ['münchen.de', 'xn--mnchen-3ya.de'],
    ['acme.co.uk', 'acme.co.uk'],
  ])('accepts %j as %j', (typed, stored) => {
    expect(Domain.parse(typed)).toBe(stored);
  });

  it.each(['not a domain', 'acme', '-acme.com', 'a/b.com', 'иван@пример.рф'])(
    'refuses %j',
    (typed) => expect(Domain.safeParse(typed).success).toBe(false),
  );
});

describe('matching', () => {
  it.each([
    'иван@пример.рф',
    'ivan@xn--e1afmkfd.xn--p1ai',
    'Иван@ПОЧТА.пример.рф',
    'https://пример.рф/contacts',
    'пример.рф',
  ])('%s has the registrable domain xn--e1afmkfd.xn--p1ai', (value) => {
    expect(registrableDomain(value)).toBe('xn--e1afmkfd.xn--p1ai');
    expect(companyDomain(value, [])).toBe('xn--e1afmkfd.xn--p1ai');
  });

  it('treats the user’s own international domain in either form as their own', () => {
    expect(companyDomain('me@пример.рф', ['xn--e1afmkfd.xn--p1ai'])).toBeNull();
    expect(companyDomain('me@xn--e1afmkfd.xn--p1ai', ['пример.рф'])).toBeNull();
  });

  it.each([
    ['xn--e1afmkfd.xn--p1ai', 'Пример'],
    ['пример.рф', 'Пример'],
    ['xn--mnchen-3ya.de', 'München'],
  ])('names %s "%s"', (domain, name) => {
    expect(nameFromDomain(domain)).toBe(name);
    expect(guessName(domain)).toBe(name);
  });

  it('creates an account from a Cyrillic domain, and finds it whichever form an email uses', async () => {
    const { send } = await freshContext({ ownDomains: ['brightwave.io'] });
    const created = await ok(
      send('createAccount', {
        name: 'Пример',
        domains: ['пример.рф'],
        people: [{ name: 'Иван', email: 'иван@пример.рф' }],
      }),
    );
    expect(created.account.domains).toEqual(['xn--e1afmkfd.xn--p1ai']);
    for (const email of ['anna@пример.рф', 'anna@xn--e1afmkfd.xn--p1ai', 'anna@mail.ПРИМЕР.рф']) {
      const found = await ok(send('resolveContext', thread([email]), 'sidebar-frame'));
      expect(
        found.matches.map((m) => m.account.id),
        email,
      ).toEqual([created.account.id]);
      expect(found.matches[0]?.matchedBy).toBe('domain');
    }
    // Another form of the same domain is the same domain: a second account cannot claim it.
    const checked = await ok(
      send('checkDomains', { accountId: null, domains: ['xn--e1afmkfd.xn--p1ai'] }),
    );
    expect(checked.problems).toMatchObject([{ problem: 'taken' }]);
  });
});

describe('the plain-ASCII shortcut gives what the URL parser gives', () => {
  it.each([
    'Example.COM',
    'mail.example.co.uk',
    'a-b.c-d.example',
    'example.com.',
    '1.2.3.4',
    '0x7f.1',
  ])('%s', (host) => {
    const parsed = new URL(`http://${host}`).hostname;
    const expected = /^[\d.]+$|^0x/i.test(parsed) ? null : parsed;
    expect(asciiHost(host)).toBe(expected);
  });
});
