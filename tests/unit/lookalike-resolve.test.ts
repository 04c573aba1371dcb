// The look-alike check where it is used: resolveContext takes a look-alike participant out of every
// match (email, domain, a CRM record's name) and out of the senders offered as new accounts, and
// lists it with the real domain it imitates.
import { describe, expect, it } from 'vitest';
import { freshContext, ok } from './helpers';

async function seeded() {
  const t = await freshContext({ ownDomains: ['brightwave.io'] });
  const nw = await ok(
    t.send('createAccount', {
      name: 'Northwind Traders',
      domains: ['northwind-traders.com'],
      stage: 'cooperative',
      potential: 'high',
      people: [{ name: 'Anna Keller', email: 'anna.keller@northwind-traders.com' }],
    }),
  );
  return { ...t, nw };
}

const thread = (people: { email: string; name?: string }[], over: object = {}) => ({
  host: 'gmail' as const,
  url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgz',
  participants: people.map((p) => ({ email: p.email, name: p.name ?? '' })),
  domains: [],
  names: [],
  selfEmail: 'sam@brightwave.io',
  ...over,
});

describe('resolveContext and look-alike senders', () => {
  it('a look-alike sender finds no account and is not offered as one', async () => {
    const { send } = await seeded();
    const r = await ok(
      send(
        'resolveContext',
        thread([{ email: 'anna.keller@northwind-tradres.com', name: 'Northwind Traders' }]),
        'sidebar-frame',
      ),
    );
    expect(r.matches).toEqual([]);
    expect(r.unknown).toEqual([]);
    expect(r.lookalikes).toEqual([
      {
        email: 'anna.keller@northwind-tradres.com',
        shown: 'anna.keller@northwind-tradres.com',
        name: 'Northwind Traders',
        domain: 'northwind-tradres.com',
        real: 'northwind-traders.com',
        account: 'Northwind Traders',
        reason: 'edits',
      },
    ]);
  });

  it('the real client on the same thread still matches; the look-alike is listed apart', async () => {
    const { send, nw } = await seeded();
    const r = await ok(
      send(
        'resolveContext',
        thread([
          { email: 'billing@northwind-traders.co' },
          { email: 'anna.keller@northwind-traders.com' },
          { email: 'tom@mail.northwind-traders.com' },
        ]),
        'sidebar-frame',
      ),
    );
    expect(r.matches.map((m) => [m.account.id, m.threadEmails])).toEqual([
      [nw.account.id, ['anna.keller@northwind-traders.com', 'tom@mail.northwind-traders.com']],
    ]);
    expect(r.unknown).toEqual([]);
    expect(r.lookalikes?.map((l) => [l.email, l.real, l.reason])).toEqual([
      ['billing@northwind-traders.co', 'northwind-traders.com', 'other_tld'],
    ]);
  });

  it('a look-alike address stored on a person does not bring the client in either', async () => {
    const { send, nw } = await seeded();
    await ok(
      send('upsertPerson', {
        accountId: nw.account.id,
        name: 'Anna (new bank)',
        emails: ['anna@n\u043Erthwind-traders.com'],
      }),
    );
    const r = await ok(
      send(
        'resolveContext',
        thread([{ email: 'anna@n\u043Erthwind-traders.com' }]),
        'sidebar-frame',
      ),
    );
    expect(r.matches).toEqual([]);
    expect(r.lookalikes?.[0]).toMatchObject({ real: 'northwind-traders.com', reason: 'homoglyph' });
    expect(r.lookalikes?.[0]?.shown).toMatch(/^anna@xn--/);
  });

  it('a bidi override is listed, escaped, and never matched by its visible domain', async () => {
    const { send } = await seeded();
    const hostile = 'anna@\u202Emoc.sredart-dniwhtron';
    const r = await ok(
      send('resolveContext', thread([{ email: hostile, name: '\u202EAnna' }]), 'sidebar-frame'),
    );
    expect(r.matches).toEqual([]);
    expect(r.unknown).toEqual([]);
    expect(r.lookalikes).toEqual([
      {
        email: hostile,
        shown: 'anna@<U+202E>moc.sredart-dniwhtron',
        name: '<U+202E>Anna',
        domain: null,
        real: 'northwind-traders.com',
        account: 'Northwind Traders',
        reason: 'hidden',
      },
    ]);
  });

  it('a zero-width space would otherwise read as the client domain itself', async () => {
    const { send } = await seeded();
    const r = await ok(
      send(
        'resolveContext',
        thread([{ email: 'anna@north\u200Bwind-traders.com' }]),
        'sidebar-frame',
      ),
    );
    expect(r.matches).toEqual([]);
    expect(r.lookalikes?.[0]).toMatchObject({ reason: 'hidden', real: 'northwind-traders.com' });
  });

  it('a host the URL parser maps to the client domain (full-width letters, 。) is a look-alike', async () => {
    const { send } = await seeded();
    // U+FF4E is a full-width "n", U+3002 an ideographic full stop: both read as the real
    // domain once mapped (UTS #46), but no server of the client's sends from them.
    for (const email of ['anna@\uFF4Eorthwind-traders.com', 'anna@northwind-traders\u3002com']) {
      const r = await ok(send('resolveContext', thread([{ email }]), 'sidebar-frame'));
      expect(r.matches).toEqual([]);
      expect(r.unknown).toEqual([]);
      expect(r.lookalikes?.[0]).toMatchObject({ email, real: 'northwind-traders.com' });
      expect(r.lookalikes?.[0]?.shown).toMatch(/<U\+(FF4E|3002)>/);
    }
  });

  it("a CRM record's company name beside a look-alike domain finds no account by name", async () => {
    const { send } = await seeded();
    const r = await ok(
      send(
        'resolveContext',
        {
          host: 'hubspot',
          url: 'https://app.hubspot.com/contacts/1/record/0-2/2',
          participants: [],
          domains: ['northwind-traders.net'],
          names: ['Northwind Traders'],
          crmRef: {
            system: 'hubspot',
            recordType: 'company',
            recordId: '2',
            url: 'https://app.hubspot.com/contacts/1/record/0-2/2',
          },
        },
        'sidebar-frame',
      ),
    );
    expect(r.matches).toEqual([]);
    expect(r.lookalikes?.map((l) => [l.email, l.real])).toEqual([
      ['northwind-traders.net', 'northwind-traders.com'],
    ]);
  });

  it("a CRM record's own web domain in full-width letters or with another full stop finds no account", async () => {
    const { send } = await seeded();
    const company = (domain: string) => ({
      host: 'hubspot' as const,
      url: 'https://app.hubspot.com/contacts/1/record/0-2/7',
      participants: [],
      domains: [domain],
      names: ['Northwind Traders'],
      crmRef: {
        system: 'hubspot' as const,
        recordType: 'company',
        recordId: '7',
        url: 'https://app.hubspot.com/contacts/1/record/0-2/7',
      },
    });
    for (const domain of [
      '\uFF4Eorthwind-traders.com',
      'northwind-traders\u3002com',
      'north\u200Bwind-traders.com',
    ]) {
      const r = await ok(send('resolveContext', company(domain), 'sidebar-frame'));
      // Neither by the domain nor by the name it borrows.
      expect(r.matches).toEqual([]);
      expect(r.lookalikes).toEqual([
        expect.objectContaining({ email: domain, reason: 'hidden', real: 'northwind-traders.com' }),
      ]);
      expect(r.lookalikes?.[0]?.shown).toMatch(/<U\+(FF4E|3002|200B)>/);
    }
  });

  it("imitations of the user's own domain are listed too; colleagues and free mail are not", async () => {
    const { send } = await seeded();
    const r = await ok(
      send(
        'resolveContext',
        thread([
          { email: 'ceo@brightwave-io.com', name: 'Sam (CEO)' },
          { email: 'lee@brightwave.io' },
          { email: 'northwind.traders@gmail.com', name: 'Northwind Traders' },
        ]),
        'sidebar-frame',
      ),
    );
    expect(r.lookalikes?.map((l) => [l.email, l.real, l.account])).toEqual([
      ['ceo@brightwave-io.com', 'brightwave.io', null],
    ]);
    expect(r.unknown.map((u) => u.email)).toEqual(['northwind.traders@gmail.com']);
  });

  it('a domain given to the account ends the warning', async () => {
    const { send, nw } = await seeded();
    const req = thread([{ email: 'anna@northwind-traders.de' }]);
    expect((await ok(send('resolveContext', req, 'sidebar-frame'))).lookalikes).toHaveLength(1);
    await ok(
      send('updateAccount', {
        id: nw.account.id,
        patch: { domains: ['northwind-traders.com', 'northwind-traders.de'] },
        base: { domains: nw.account.domains },
      }),
    );
    const after = await ok(send('resolveContext', req, 'sidebar-frame'));
    expect(after.lookalikes).toEqual([]);
    expect(after.matches.map((m) => m.account.id)).toEqual([nw.account.id]);
  });
});
