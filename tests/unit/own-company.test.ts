import { describe, expect, it } from 'vitest';
import { freshContext, ok } from './helpers';
import {
  MAX_SEEN_SELF_EMAILS,
  assumedOwnDomain,
  ownDomainsFor,
  readSeenSelfEmails,
  rememberSelfEmail,
  seenCompanyDomains,
} from '@/utils/shared/own-company';

describe('assumedOwnDomain and ownDomainsFor', () => {
  const cases: [string, string[], string | undefined, string | null, string[]][] = [
    ['a company address, nothing set', [], 'sam@brightwave.io', 'brightwave.io', ['brightwave.io']],
    [
      'a subdomain address',
      [],
      'Sam@EU.Brightwave.co.uk',
      'brightwave.co.uk',
      ['brightwave.co.uk'],
    ],
    ["gmail is nobody's company", [], 'sam.carter@gmail.com', null, []],
    ["mail.ru is nobody's company", [], 'ivan@mail.ru', null, []],
    ['a regional free mail', [], 'someone@yahoo.co.uk', null, []],
    ['no address read', [], undefined, null, []],
    ['not an address', [], 'nonsense', null, []],
    ['the user set theirs', ['acme.com'], 'sam@brightwave.io', null, ['acme.com']],
    ['the user set the same', ['brightwave.io'], 'sam@brightwave.io', null, ['brightwave.io']],
  ];
  it.each(cases)('%s', (_why, own, self, assumed, used) => {
    expect(assumedOwnDomain(own, self)).toBe(assumed);
    expect(ownDomainsFor(own, self)).toEqual(used);
  });
});

describe('the signed-in addresses kept, one per mailbox', () => {
  const cases: [string, string[], string, string[]][] = [
    ['the first', [], 'Sam@Brightwave.io', ['sam@brightwave.io']],
    ['the same again', ['sam@brightwave.io'], 'sam@brightwave.io', ['sam@brightwave.io']],
    [
      'a second mailbox',
      ['sam@brightwave.io'],
      'sam@acme.com',
      ['sam@acme.com', 'sam@brightwave.io'],
    ],
    ['back to the first', ['a@x.com', 'b@y.com'], 'b@y.com', ['b@y.com', 'a@x.com']],
  ];
  it.each(cases)('%s', (_why, seen, email, expected) => {
    expect(rememberSelfEmail(seen, email)).toEqual(expected);
  });

  it('keeps at most MAX_SEEN_SELF_EMAILS, newest first', () => {
    let seen: string[] = [];
    for (let i = 0; i < MAX_SEEN_SELF_EMAILS + 3; i++)
      seen = rememberSelfEmail(seen, `u${i}@c${i}.com`);
    expect(seen).toHaveLength(MAX_SEEN_SELF_EMAILS);
    expect(seen[0]).toBe(`u${MAX_SEEN_SELF_EMAILS + 2}@c${MAX_SEEN_SELF_EMAILS + 2}.com`);
  });

  const stored: [string, unknown, string[]][] = [
    ['nothing', undefined, []],
    ['the old single string', 'sam@brightwave.io', []],
    [
      'junk mixed in',
      ['sam@brightwave.io', 42, null, 'nope', 'x'.repeat(400) + '@a.com'],
      ['sam@brightwave.io'],
    ],
  ];
  it.each(stored)('reads %s defensively', (_why, raw, expected) => {
    expect(readSeenSelfEmails(raw)).toEqual(expected);
  });

  it('names each company once, free mail left out', () => {
    expect(
      seenCompanyDomains([
        'sam@gmail.com',
        'sam@brightwave.io',
        'lee@eu.brightwave.io',
        'x@acme.com',
      ]),
    ).toEqual(['brightwave.io', 'acme.com']);
  });
});

describe('resolveContext with no own domains set', () => {
  const thread = (
    selfEmail: string | undefined,
    emails: string[],
    url = 'https://mail.google.com/mail/u/0/#inbox/A',
  ) => ({
    host: 'gmail' as const,
    url,
    participants: emails.map((email) => ({ email, name: '' })),
    domains: [],
    names: [],
    ...(selfEmail ? { selfEmail } : {}),
  });
  const unknownOf = async (req: ReturnType<typeof thread>) => {
    const t = await freshContext({ ownDomains: [] });
    const r = await ok(t.send('resolveContext', req, 'sidebar-frame'));
    return r.unknown.map((u) => u.email);
  };

  const cases: [string, ReturnType<typeof thread>, string[]][] = [
    [
      'a colleague is not a client of ours',
      thread('sam.carter@brightwave.io', ['lee.morgan@brightwave.io', 'sam.carter@brightwave.io']),
      [],
    ],
    [
      'the client in an internal thread still is',
      thread('sam.carter@brightwave.io', ['lee.morgan@brightwave.io', 'h.scorpio@globex.com']),
      ['h.scorpio@globex.com'],
    ],
    [
      'a second mailbox judges by its own address',
      thread(
        'sam@acme.com',
        ['lee.morgan@brightwave.io', 'bo@acme.com'],
        'https://mail.google.com/mail/u/1/#inbox/B',
      ),
      ['lee.morgan@brightwave.io'],
    ],
    [
      'a delegated mailbox too',
      thread(
        'team@acme.com',
        ['lee.morgan@brightwave.io', 'bo@acme.com'],
        'https://mail.google.com/mail/b/3/u/0/#inbox/C',
      ),
      ['lee.morgan@brightwave.io'],
    ],
    [
      'a free-mail mailbox assumes no company',
      thread('sam.carter@gmail.com', ['lee.morgan@brightwave.io', 'friend@gmail.com']),
      ['lee.morgan@brightwave.io', 'friend@gmail.com'],
    ],
    [
      'no address read, nothing assumed',
      thread(undefined, ['lee.morgan@brightwave.io']),
      ['lee.morgan@brightwave.io'],
    ],
  ];
  it.each(cases)('%s', async (_why, req, expected) => {
    expect(await unknownOf(req)).toEqual(expected);
  });

  it('what the user set wins over the assumption', async () => {
    const t = await freshContext({ ownDomains: ['acme.com'] });
    const r = await ok(
      t.send(
        'resolveContext',
        thread('sam.carter@brightwave.io', ['lee.morgan@brightwave.io', 'bo@acme.com']),
        'sidebar-frame',
      ),
    );
    expect(r.unknown.map((u) => u.email)).toEqual(['lee.morgan@brightwave.io']);
  });
});
