import { describe, expect, it } from 'vitest';
import {
  companyDomain,
  isFreeMail,
  matchParticipants,
  nameFromDomain,
  ownDomainSuggestion,
  registrableDomain,
  type MatchLookups,
} from '@/utils/shared/match';

describe('registrableDomain', () => {
  const cases: [string, string | null][] = [
    ['acme.com', 'acme.com'],
    ['mail.acme.co.uk', 'acme.co.uk'],
    ['anna@mail.northwind.co.uk', 'northwind.co.uk'],
    ['EU.Sales.Globex.COM', 'globex.com'],
    ['shop.example.com.au', 'example.com.au'],
    ['a.b.c.acme.de', 'acme.de'],
    ['co.uk', null],
    ['localhost', null],
  ];
  it.each(cases)('%s -> %s', (input, expected) => expect(registrableDomain(input)).toBe(expected));
});

describe('free mail', () => {
  it.each([
    'gmail.com',
    'googlemail.com',
    'outlook.com',
    'hotmail.co.uk',
    'yahoo.fr',
    'icloud.com',
    'proton.me',
    'gmx.de',
    'yandex.ru',
    'mail.ru',
  ])('%s is free mail', (d) => expect(isFreeMail(d)).toBe(true));
  it.each(['acme.com', 'northwind.co.uk', 'mailchimp.com', 'livenation.com'])(
    '%s is a company',
    (d) => expect(isFreeMail(d)).toBe(false),
  );
  it('never makes a company domain of free mail or an own domain', () => {
    expect(companyDomain('jo@gmail.com', [])).toBeNull();
    expect(companyDomain('me@eu.brightwave.io', ['brightwave.io'])).toBeNull();
    expect(companyDomain('anna@mail.northwind.co.uk', ['brightwave.io'])).toBe('northwind.co.uk');
  });
});

describe('nameFromDomain', () => {
  it.each([
    ['initech-systems.com', 'Initech Systems'],
    ['northwind.co.uk', 'Northwind'],
    ['mail.acme_corp.io', 'Acme Corp'],
  ])('%s -> %s', (d, name) => expect(nameFromDomain(d)).toBe(name));
});

function lookups(
  byEmail: Record<string, string[]>,
  byDomain: Record<string, string[]>,
): MatchLookups {
  return {
    accountIdsByEmail: async (e) => byEmail[e] ?? [],
    accountIdsByDomain: async (d) => byDomain[d] ?? [],
  };
}

describe('matchParticipants', () => {
  const p = (email: string, name = '') => ({ email, name });

  it('matches by the registrable domain of a subdomain address', async () => {
    const r = await matchParticipants(
      [p('tom@mail.northwind.co.uk')],
      [],
      [],
      lookups({}, { 'northwind.co.uk': ['nw'] }),
    );
    expect(r.matches).toEqual([
      { accountId: 'nw', matchedBy: 'domain', emails: ['tom@mail.northwind.co.uk'] },
    ]);
  });

  it('starts every lookup at once, one per email and one per company domain', async () => {
    const asked: string[] = [];
    let inFlight = 0;
    let most = 0;
    const track = async (key: string, ids: string[]) => {
      asked.push(key);
      most = Math.max(most, ++inFlight);
      await Promise.resolve();
      inFlight--;
      return ids;
    };
    const r = await matchParticipants(
      [p('anna@northwind.co.uk'), p('tom@mail.northwind.co.uk'), p('h@globex.com')],
      [],
      [],
      {
        accountIdsByEmail: (e) => track(e, e === 'anna@northwind.co.uk' ? ['nw'] : []),
        accountIdsByDomain: (d) => track(d, d === 'northwind.co.uk' ? ['nw'] : []),
      },
    );
    expect(asked.filter((k) => !k.includes('@')).sort()).toEqual(['globex.com', 'northwind.co.uk']);
    expect(asked.filter((k) => k.includes('@'))).toHaveLength(3);
    expect(most).toBe(asked.length);
    expect(r.matches).toEqual([
      {
        accountId: 'nw',
        matchedBy: 'email',
        emails: ['anna@northwind.co.uk', 'tom@mail.northwind.co.uk'],
      },
    ]);
    expect(r.unknown.map((u) => u.email)).toEqual(['h@globex.com']);
  });

  it('lets an exact email beat the domain', async () => {
    // A consultant on a globex.com address who is filed under Northwind.
    const r = await matchParticipants(
      [p('ext@globex.com')],
      [],
      [],
      lookups({ 'ext@globex.com': ['nw'] }, { 'globex.com': ['gx'] }),
    );
    expect(r.matches.map((m) => m.accountId)).toEqual(['nw']);
    expect(r.matches[0]?.matchedBy).toBe('email');
  });

  it('ranks email matches before domain matches, then by order of appearance', async () => {
    const r = await matchParticipants(
      [p('a@globex.com'), p('b@umbrella.com'), p('anna@northwind.co.uk')],
      [],
      [],
      lookups({ 'anna@northwind.co.uk': ['nw'] }, { 'globex.com': ['gx'], 'umbrella.com': ['um'] }),
    );
    expect(r.matches.map((m) => m.accountId)).toEqual(['nw', 'gx', 'um']);
  });

  it('ignores the user and their own domains: an internal thread shows the external account', async () => {
    const r = await matchParticipants(
      [p('lee.morgan@brightwave.io'), p('sam@brightwave.io'), p('h.scorpio@globex.com')],
      ['brightwave.io'],
      ['sam@brightwave.io'],
      lookups({}, { 'brightwave.io': ['ours'], 'globex.com': ['gx'] }),
    );
    expect(r.matches.map((m) => m.accountId)).toEqual(['gx']);
    expect(r.unknown).toEqual([]);
  });

  it('never matches free mail by domain, and reports the sender as unknown free mail', async () => {
    const r = await matchParticipants(
      [p('jordan@gmail.com', 'Jordan')],
      [],
      [],
      lookups({}, { 'gmail.com': ['bad'] }),
    );
    expect(r.matches).toEqual([]);
    expect(r.unknown).toEqual([
      { email: 'jordan@gmail.com', name: 'Jordan', domain: null, freeMail: true },
    ]);
  });

  it('still matches a free-mail address stored on a person', async () => {
    const r = await matchParticipants(
      [p('jordan@gmail.com')],
      [],
      [],
      lookups({ 'jordan@gmail.com': ['nw'] }, {}),
    );
    expect(r.matches.map((m) => m.accountId)).toEqual(['nw']);
  });

  it('returns several accounts in one thread, each once, with the emails that matched', async () => {
    const r = await matchParticipants(
      [
        p('anna@northwind.co.uk'),
        p('tom@northwind.co.uk'),
        p('Anna@Northwind.co.uk'),
        p('hank@globex.com'),
        p('priya@initech.com', 'Priya'),
      ],
      [],
      [],
      lookups({}, { 'northwind.co.uk': ['nw'], 'globex.com': ['gx'] }),
    );
    expect(r.matches).toEqual([
      {
        accountId: 'nw',
        matchedBy: 'domain',
        emails: ['anna@northwind.co.uk', 'tom@northwind.co.uk'],
      },
      { accountId: 'gx', matchedBy: 'domain', emails: ['hank@globex.com'] },
    ]);
    expect(r.unknown).toEqual([
      { email: 'priya@initech.com', name: 'Priya', domain: 'initech.com', freeMail: false },
    ]);
  });
});

describe('ownDomainSuggestion', () => {
  it.each([
    ['sam.carter@brightwave.io', [], 'brightwave.io'],
    ['sam@eu.brightwave.co.uk', [], 'brightwave.co.uk'],
    ['sam.carter@brightwave.io', ['brightwave.io'], null],
    ['sam@gmail.com', [], null],
    ['not an email', [], null],
  ] as const)('%s with %j -> %s', (email, own, expected) =>
    expect(ownDomainSuggestion(email, own)).toBe(expected),
  );
});
