/**
 * Outlook's reading layers (utils/content/hosts/layers.ts) against a reading pane without persona
 * chips (tests/fixtures/outlook/outlook-2026-12-05-accessible-names.html): exact selector counts,
 * exactly these participants and the layer that read them, each layer on its own, and message
 * bodies never read, down to the account the sidebar matches.
 */
import { describe, expect, it } from 'vitest';
import {
  LABELLED,
  MAILTO_LINK,
  MESSAGE_BODY,
  PEOPLE_LAYERS,
  PERSONA,
  RECIPIENT_WELL,
  outlookAdapter,
} from '@/utils/content/hosts/outlook';
import { peopleInLabel } from '@/utils/content/hosts/read-helpers';
import { freshContext, ok } from './helpers';
import { loadHostFixture } from './host-fixtures';

const load = () => loadHostFixture('outlook', 'accessible-names', { date: '2026-12-05' });
const ANNA = { email: 'anna.keller@northwind.co.uk', name: 'Anna Keller' };
const TOM = { email: 'tom.reyes@mail.northwind.co.uk', name: 'Tom Reyes' };
const ID = 'AAQkAGM3ZTk0YjQ1LWRmMDgtNDQ0Zi05ZDI2LTc3MWQ0NjNhZmU2OQAQAE1b+0Y8xJNDl9qS6m4kR2Y=';

describe('the 2026-12-05 reading pane without persona chips', () => {
  it('has exactly the markup its comment describes', () => {
    const { doc, html } = load();
    const pane = doc.querySelector('#ConversationReadingPaneContainer');
    const count = (selector: string) => pane?.querySelectorAll(selector).length;
    const inBody = (selector: string) =>
      pane?.querySelectorAll(`${MESSAGE_BODY} ${selector}`).length;
    // Every chip, mailto link and RecipientWell is in the quoted body; none in the header.
    expect([count(PERSONA), inBody(PERSONA)]).toEqual([1, 1]);
    expect([count(MAILTO_LINK), inBody(MAILTO_LINK)]).toEqual([3, 3]);
    expect(count(RECIPIENT_WELL)).toBe(0);
    // Sender, To and Cc in the header; the subject's title; a quoted chip's title and name in the body.
    expect([count(LABELLED), inBody(LABELLED)]).toEqual([5, 2]);
    expect(html.length).toBeLessThan(40_000);
    expect(doc.querySelectorAll('script')).toHaveLength(0);
  });

  it('reads exactly Anna and Tom from the accessible names, the user and the body left out', () => {
    const { doc, url } = load();
    expect(outlookAdapter.read(doc, url)).toEqual({
      status: 'open',
      key: ID,
      layer: 'accessible-names',
      context: {
        host: 'outlook',
        url: url.href,
        participants: [ANNA, TOM],
        domains: [],
        names: [],
        thread: { id: ID, subject: 'Q1 renewal: volumes and pricing' },
        selfEmail: 'sam.carter@brightwave.io',
      },
    });
  });

  it('with the accessible names gone, the last layer still reads the sender the header shows', () => {
    const { doc, url } = load();
    for (const el of Array.from(doc.querySelectorAll('[aria-label*="@"]')))
      el.removeAttribute('aria-label');
    const result = outlookAdapter.read(doc, url);
    expect(result.status === 'open' && result.layer).toBe('header-text');
    expect(result.status === 'open' && result.context.participants).toEqual([ANNA]);
  });

  it('each layer on its own: the chips layer finds nothing in the header, the others find Anna', () => {
    const { doc } = load();
    const item = doc.querySelector('#ConversationReadingPaneContainer') as Element;
    const found = PEOPLE_LAYERS.map((layer) => ({
      layer: layer.name,
      dated: layer.dated,
      people: layer.read(item)?.people.map((p) => p.email) ?? null,
    }));
    expect(found).toEqual([
      { layer: 'persona-chips', dated: '2026-11-28', people: null },
      {
        layer: 'accessible-names',
        dated: '2026-12-05',
        people: [ANNA.email, 'sam.carter@brightwave.io', TOM.email],
      },
      { layer: 'header-text', dated: '2026-12-05', people: [ANNA.email] },
    ]);
  });

  it('an address in the body never becomes a participant, whichever layer answers', () => {
    const { doc, url } = load();
    const body = doc.querySelector(MESSAGE_BODY) as Element;
    const bodyText = [
      body.textContent,
      ...Array.from(body.querySelectorAll('*')).flatMap((el) =>
        ['href', 'title', 'aria-label'].map((name) => el.getAttribute(name) ?? ''),
      ),
    ]
      .join(' ')
      .toLowerCase();
    for (const quoted of [
      'priya.shah@initech-systems.com',
      'h.scorpio@globex.com',
      'office@initech-systems.com',
    ])
      expect(bodyText).toContain(quoted);
    const emails = () => {
      const r = outlookAdapter.read(doc, url);
      return r.status === 'open' ? r.context.participants.map((p) => p.email) : r;
    };
    expect(emails()).toEqual([ANNA.email, TOM.email]);
    for (const el of Array.from(doc.querySelectorAll('[aria-label*="@"]')))
      if (!el.closest(MESSAGE_BODY)) el.removeAttribute('aria-label');
    expect(emails()).toEqual([ANNA.email]);
  });
});

describe('an address in a message body never changes the matched account', () => {
  it('Outlook: the quoted Initech and Globex people leave Northwind the one match', async () => {
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
    const read = outlookAdapter.read(doc, url);
    if (read.status !== 'open') throw new Error(`not read: ${JSON.stringify(read)}`);
    const result = await ok(t.send('resolveContext', read.context, 'sidebar-frame'));
    expect(result.matches.map((m) => m.account.name)).toEqual(['Northwind Logistics']);
    expect(result.unknown).toEqual([]);
    // The control: had the quoted sender been read, Initech would have matched too.
    const leaked = {
      ...read.context,
      participants: [
        ...read.context.participants,
        { email: 'priya.shah@initech-systems.com', name: '' },
      ],
    };
    const wrong = await ok(t.send('resolveContext', leaked, 'sidebar-frame'));
    expect(wrong.matches.map((m) => m.account.name).sort()).toEqual([
      'Initech Systems',
      'Northwind Logistics',
    ]);
  });
});

describe('peopleInLabel', () => {
  it.each([
    ['From: Anna Keller <anna.keller@northwind.co.uk>', [ANNA]],
    [
      'Кому: Sam Carter <Sam.Carter@brightwave.io>; tom@x.io',
      [
        { email: 'sam.carter@brightwave.io', name: 'Sam Carter' },
        { email: 'tom@x.io', name: '' },
      ],
    ],
    ['"Reyes, Tom" <tom.reyes@mail.northwind.co.uk>', [{ email: TOM.email, name: 'Tom' }]],
    ['<anna.keller@northwind.co.uk>', [{ email: ANNA.email, name: '' }]],
    ['Anna Keller', []],
    ['Reply all', []],
    ['anna@localhost', []],
  ] as const)('%s', (label, people) => {
    expect(peopleInLabel(label)).toEqual(people);
  });
});
