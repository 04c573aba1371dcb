/**
 * Gmail's reading layers (utils/content/hosts/gmail-people.ts) against a conversation whose chips
 * lost their stable attributes (tests/fixtures/gmail/gmail-2026-12-05-accessible-names.html): exact
 * selector counts, exactly these participants and the layer that read them, each layer on its own,
 * and the quoted reply in a body never read, down to the account the sidebar matches.
 */
import { describe, expect, it } from 'vitest';
import { gmailAdapter, MAIN_VIEW } from '@/utils/content/hosts/gmail';
import {
  HOVERCARD,
  LABELLED,
  MAILTO_LINK,
  MESSAGE,
  MESSAGE_BODY,
  PEOPLE_LAYERS,
  PERSON_CHIP,
} from '@/utils/content/hosts/gmail-people';
import { freshContext, ok } from './helpers';
import { loadHostFixture } from './host-fixtures';

const load = () => loadHostFixture('gmail', 'accessible-names', { date: '2026-12-05' });
const SAM = 'sam.carter@brightwave.io';
const ANNA = { email: 'anna.keller@northwind.co.uk', name: 'Anna Keller' };
const TOM = { email: 'tom.reyes@mail.northwind.co.uk', name: 'Tom Reyes' };
const KEY = '1a2c4e6f80b1d3a5';
const QUOTED = [
  'h.scorpio@globex.com',
  'priya.shah@initech-systems.com',
  'office@initech-systems.com',
];

const conversation = (doc: Document) => doc.querySelector(MAIN_VIEW) as Element;
const messages = (doc: Document) => Array.from(conversation(doc).querySelectorAll(MESSAGE));
const participantsOf = (doc: Document, url: URL) => {
  const read = gmailAdapter.read(doc, url);
  return read.status === 'open' ? { layer: read.layer, people: read.context.participants } : read;
};

describe('the 2026-12-05 conversation whose chips carry no address attributes', () => {
  it('has exactly the markup its comment describes', () => {
    const { doc, html } = load();
    const main = conversation(doc);
    const count = (selector: string) => main.querySelectorAll(selector).length;
    const inBody = (selector: string) =>
      Array.from(main.querySelectorAll(selector)).filter((el) => el.closest(MESSAGE_BODY)).length;
    expect(count(MESSAGE)).toBe(2);
    // The only chip with attributes is the one pasted into the quoted reply.
    expect([count(PERSON_CHIP), inBody(PERSON_CHIP)]).toEqual([1, 1]);
    expect([count(HOVERCARD), inBody(HOVERCARD)]).toEqual([1, 1]);
    // Anna as each message's sender, me and Tom in the headers; the pasted chip in the body.
    expect([count(LABELLED), inBody(LABELLED)]).toEqual([5, 1]);
    // Anna's signature and Hank's quoted address: both in the body.
    expect([count(MAILTO_LINK), inBody(MAILTO_LINK)]).toEqual([2, 2]);
    // The hidden inbox list keeps its 12 chips, and is never read.
    expect(doc.querySelectorAll(PERSON_CHIP)).toHaveLength(12 + 1);
    expect(html.length).toBeLessThan(40_000);
    expect(doc.querySelectorAll('script')).toHaveLength(0);
  });

  it('reads exactly Anna and Tom from the accessible names, the user and the body left out', () => {
    const { doc, url } = load();
    expect(gmailAdapter.read(doc, url)).toEqual({
      status: 'open',
      key: KEY,
      layer: 'accessible-names',
      context: {
        host: 'gmail',
        url: url.href,
        participants: [ANNA, TOM],
        domains: [],
        names: [],
        thread: { id: KEY, subject: 'Q1 renewal: volumes and pricing' },
        selfEmail: SAM,
      },
    });
  });

  it('with the accessible names gone, the last layer reads the sender the header shows', () => {
    const { doc, url } = load();
    for (const el of Array.from(doc.querySelectorAll('[aria-label*="@"]')))
      el.removeAttribute('aria-label');
    expect(participantsOf(doc, url)).toEqual({ layer: 'header-text', people: [ANNA] });
  });

  it('with no address left in any header, the page is unreadable and names every layer tried', () => {
    const { doc, url } = load();
    for (const el of Array.from(doc.querySelectorAll('[aria-label*="@"]')))
      el.removeAttribute('aria-label');
    for (const el of Array.from(doc.querySelectorAll('.go'))) el.remove();
    const read = gmailAdapter.read(doc, url);
    expect(read.status).toBe('unreadable');
    const reason = read.status === 'unreadable' ? read.reason : '';
    for (const layer of PEOPLE_LAYERS) expect(reason).toContain(layer.name);
  });

  it('each layer on its own: the chips layer finds nothing in a header, the others find Anna', () => {
    const { doc } = load();
    const found = PEOPLE_LAYERS.map((layer) => ({
      layer: layer.name,
      dated: layer.dated,
      people: layer.read(messages(doc))?.map((p) => p.email) ?? null,
    }));
    expect(found).toEqual([
      { layer: 'person-chips', dated: '2026-11-28', people: null },
      { layer: 'accessible-names', dated: '2026-12-05', people: [ANNA.email, SAM, TOM.email] },
      { layer: 'header-text', dated: '2026-12-05', people: [ANNA.email] },
    ]);
  });

  it('an address in the body never becomes a participant, whichever layer answers', () => {
    const { doc, url } = load();
    const bodies = Array.from(conversation(doc).querySelectorAll(MESSAGE_BODY));
    const bodyText = bodies
      .flatMap((body) => [
        body.textContent ?? '',
        ...Array.from(body.querySelectorAll('*')).flatMap((el) =>
          ['href', 'email', 'aria-label'].map((name) => el.getAttribute(name) ?? ''),
        ),
      ])
      .join(' ');
    for (const quoted of QUOTED) expect(bodyText).toContain(quoted);
    const emails = () => {
      const read = participantsOf(doc, url);
      return 'people' in read ? read.people.map((p) => p.email) : read;
    };
    expect(emails()).toEqual([ANNA.email, TOM.email]);
    for (const el of Array.from(doc.querySelectorAll('[aria-label*="@"]')))
      if (!el.closest(MESSAGE_BODY)) el.removeAttribute('aria-label');
    expect(emails()).toEqual([ANNA.email]);
  });

  it('chips that keep only data-hovercard-id are read by the first layer, named as shown', () => {
    const { doc, url } = loadHostFixture('gmail', 'thread');
    for (const el of Array.from(conversation(doc).querySelectorAll(PERSON_CHIP)))
      el.removeAttribute('email');
    expect(participantsOf(doc, url)).toEqual({ layer: 'person-chips', people: [ANNA, TOM] });
  });
});

describe('an address in a Gmail message body never changes the matched account', () => {
  it('the quoted Globex and Initech people leave Northwind the one match', async () => {
    const t = await freshContext({ ownDomains: ['brightwave.io'] });
    for (const [name, domain, email, person] of [
      ['Northwind Logistics', 'northwind.co.uk', 'anna.keller@northwind.co.uk', 'Anna Keller'],
      ['Initech Systems', 'initech-systems.com', 'priya.shah@initech-systems.com', 'Priya Shah'],
      ['Globex', 'globex.com', 'h.scorpio@globex.com', 'Hank Scorpio'],
    ] as const)
      await ok(
        t.send('createAccount', {
          name,
          domains: [domain],
          stage: 'cooperative',
          potential: 'high',
          people: [{ name: person, email }],
        }),
      );
    const { doc, url } = load();
    const read = gmailAdapter.read(doc, url);
    if (read.status !== 'open') throw new Error(`not read: ${JSON.stringify(read)}`);
    const result = await ok(t.send('resolveContext', read.context, 'sidebar-frame'));
    expect(result.matches.map((m) => m.account.name)).toEqual(['Northwind Logistics']);
    expect(result.unknown).toEqual([]);
    // The control: had the quoted sender been read, Globex would have matched too.
    const leaked = {
      ...read.context,
      participants: [...read.context.participants, { email: QUOTED[0] as string, name: '' }],
    };
    const wrong = await ok(t.send('resolveContext', leaked, 'sidebar-frame'));
    expect(wrong.matches.map((m) => m.account.name).sort()).toEqual([
      'Globex',
      'Northwind Logistics',
    ]);
  });
});
