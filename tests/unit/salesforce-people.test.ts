/**
 * The people of a Salesforce record, read in layers (utils/content/hosts/salesforce-people.ts),
 * against the 2026-12-05 record pages written from public descriptions
 * (tests/fixtures/salesforce/salesforce-2026-12-05-people-*.html): a Contact, an Account with its
 * Contacts related list, an Opportunity with its Contact Roles. Exact selector counts, exactly the
 * record's people, the layer that read them, and the free text beside them (an activity and a
 * Chatter post quoting Globex's Hank and Initech's Priya, a rich-text Description) never read.
 */
import { describe, expect, it } from 'vitest';
import {
  HIGHLIGHTS_FIELD,
  MAILTO_LINK,
  RECORD_FIELD,
  salesforceAdapter,
} from '@/utils/content/hosts/salesforce';
import {
  EMAIL_COMPONENT,
  FREE_TEXT,
  LABELLED,
  PEOPLE_LAYERS,
  RECORD_LINK,
  ROW,
  VALUE_TEXT,
  contactRows,
  readPeople,
} from '@/utils/content/hosts/salesforce-people';
import { MAX_PARTICIPANTS } from '@/utils/contract/limits';
import type { ReadResult } from '@/utils/content/hosts/types';
import { loadHostFixture } from './host-fixtures';

const STATES = ['people-contact', 'people-account', 'people-opportunity'] as const;
type State = (typeof STATES)[number];
const load = (state: State) => loadHostFixture('salesforce', state, { date: '2026-12-05' });

const ANNA = { email: 'anna.keller@northwind.co.uk', name: 'Anna Keller' };
const TOM = { email: 'tom.reyes@mail.northwind.co.uk', name: 'Tom Reyes' };
/** The addresses of other accounts that the free text on every page quotes. */
const INTRUDERS = ['h.scorpio@globex.com', 'priya.shah@initech-systems.com'];

const SELECTORS: Record<string, string> = {
  EMAIL_COMPONENT,
  LABELLED,
  VALUE_TEXT,
  ROW,
  RECORD_LINK,
  FREE_TEXT,
  MAILTO_LINK,
  HIGHLIGHTS_FIELD,
  RECORD_FIELD,
};

// Every page: the activity (a span titled with Hank's address, his mailto link, a fake row with
// his contact link and mailto) and the Chatter post (Priya's titled mailto link, the same fake
// row): 2 rows, 2 contact links, 4 mailto links, 2 titles, 4 cells, 7 free-text containers.
const COUNTS: Record<State, Record<string, number>> = {
  // + Anna's email in the highlights and in her Email field (2 components, 2 mailto); the
  // Opportunities list (header row + 1 row, 2 cells... 1 td); lookups: account x2, Tom, the
  // opportunity, the user in the post header; the rich-text Description's mailto to Hank.
  'people-contact': {
    EMAIL_COMPONENT: 2,
    LABELLED: 2,
    VALUE_TEXT: 10,
    ROW: 4,
    RECORD_LINK: 8,
    FREE_TEXT: 7,
    MAILTO_LINK: 7,
    HIGHLIGHTS_FIELD: 3,
    RECORD_FIELD: 5,
  },
  // + the Contacts list: header row, Anna, Tom, Mara (no email); 2 email components.
  'people-account': {
    EMAIL_COMPONENT: 2,
    LABELLED: 2,
    VALUE_TEXT: 13,
    ROW: 6,
    RECORD_LINK: 7,
    FREE_TEXT: 7,
    MAILTO_LINK: 7,
    HIGHLIGHTS_FIELD: 2,
    RECORD_FIELD: 3,
  },
  // + Contact Roles (header, Anna, Tom: emails as titled text, no component) and Partners
  // (header, Globex, an account, with Hank's titled mailto link).
  'people-opportunity': {
    EMAIL_COMPONENT: 0,
    LABELLED: 5,
    VALUE_TEXT: 13,
    ROW: 7,
    RECORD_LINK: 9,
    FREE_TEXT: 7,
    MAILTO_LINK: 6,
    HIGHLIGHTS_FIELD: 2,
    RECORD_FIELD: 3,
  },
};

describe('the 2026-12-05 people fixtures', () => {
  it.each(STATES)('%s: a whole Lightning page under 40 KB, dated, with no script', (state) => {
    const { html, doc } = load(state);
    expect(html).toMatch(/^<!-- url: https:\/\/brightwave\.lightning\.force\.com\/lightning\/r\//);
    expect(html).toMatch(/dated 2026-12-05/);
    expect(html).toMatch(/not saved from a live org/);
    expect(html.length).toBeLessThan(40_000);
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    expect(doc.querySelectorAll('.oneContent.active')).toHaveLength(1);
  });

  const cases = STATES.flatMap((state) =>
    Object.entries(SELECTORS).map(([name, selector]) => ({ state, name, selector })),
  );
  it.each(cases)('$state: $name', ({ state, name, selector }) => {
    expect(load(state).doc.querySelectorAll(selector).length).toBe(COUNTS[state][name]);
  });
});

const EXPECTED: Record<
  State,
  {
    key: string;
    layer: string;
    participants: { email: string; name: string }[];
    names: string[];
    domains: string[];
  }
> = {
  'people-contact': {
    key: 'salesforce:contact:003Dp00000NwAnkIAF',
    layer: 'active-page/email-fields',
    participants: [ANNA],
    names: ['Northwind Logistics'],
    domains: [],
  },
  'people-account': {
    key: 'salesforce:account:001Dp00000KxNwdIAF',
    layer: 'active-page/email-fields',
    participants: [ANNA, TOM],
    names: ['Northwind Logistics'],
    domains: ['northwind.co.uk'],
  },
  'people-opportunity': {
    key: 'salesforce:opportunity:006Dp00000NwRnwIAF',
    layer: 'active-page/accessible-names',
    participants: [ANNA, TOM],
    names: ['Northwind Logistics'],
    domains: [],
  },
};

function people(result: ReadResult) {
  return result.status === 'open' ? result.context.participants : null;
}

describe('read()', () => {
  it.each(STATES)('%s: exactly its people, named by the layer that read them', (state) => {
    const { doc, url } = load(state);
    const expected = EXPECTED[state];
    const result = salesforceAdapter.read(doc, url);
    expect(result.status === 'open' && result.key).toBe(expected.key);
    expect(result.status === 'open' && result.layer).toBe(expected.layer);
    expect(people(result)).toEqual(expected.participants);
    expect(result.status === 'open' && result.context.names).toEqual(expected.names);
    expect(result.status === 'open' && result.context.domains).toEqual(expected.domains);
  });

  it('the contact rows: an account lists three contacts (Mara has no email), a contact none', () => {
    const rows = (state: State) => {
      const { doc, url } = load(state);
      return contactRows(doc.body, url).map((place) => place.name);
    };
    expect(rows('people-account')).toEqual(['Anna Keller', 'Tom Reyes', 'Mara Quint']);
    // The Partners row names an account, not a contact; the fake rows are in free text.
    expect(rows('people-opportunity')).toEqual(['Anna Keller', 'Tom Reyes']);
    expect(rows('people-contact')).toEqual([]);
  });

  it('each layer on its own, on an Account row and an Opportunity contact role', () => {
    const account = load('people-account');
    const anna = contactRows(account.doc.body, account.url)[0];
    const opportunity = load('people-opportunity');
    const role = contactRows(opportunity.doc.body, opportunity.url)[0];
    if (!anna || !role) throw new Error('no rows');
    expect(PEOPLE_LAYERS.map((l) => [l.name, l.dated, l.read(anna)])).toEqual([
      ['email-fields', '2026-12-05', [ANNA.email]],
      ['accessible-names', '2026-12-05', null],
      ['mailto-text', '2026-12-05', [ANNA.email, ANNA.email]],
    ]);
    expect(PEOPLE_LAYERS.map((l) => [l.name, l.read(role)])).toEqual([
      ['email-fields', null],
      ['accessible-names', [ANNA.email]],
      ['mailto-text', [ANNA.email]],
    ]);
  });
});

describe('falling back, layer by layer', () => {
  it('email components gone: the mailto links answer (layer 3)', () => {
    const { doc, url } = load('people-account');
    for (const el of Array.from(doc.querySelectorAll(EMAIL_COMPONENT)))
      el.replaceWith(...el.childNodes);
    const result = salesforceAdapter.read(doc, url);
    expect(result.status === 'open' && result.layer).toBe('active-page/mailto-text');
    expect(people(result)).toEqual([ANNA, TOM]);
  });

  it('only the address text left in the cells: still Anna and Tom (layer 3)', () => {
    const { doc, url } = load('people-account');
    for (const el of Array.from(doc.querySelectorAll(`tbody ${EMAIL_COMPONENT}`)))
      el.replaceWith(doc.createTextNode(` ${el.textContent ?? ''} `));
    const result = salesforceAdapter.read(doc, url);
    expect(result.status === 'open' && result.layer).toBe('active-page/mailto-text');
    expect(people(result)).toEqual([ANNA, TOM]);
  });

  it('the health record names the last layer any place needed', () => {
    const { doc, url } = load('people-account');
    // Tom's email as text only; Anna's still in the email component.
    const tom = doc.querySelectorAll(`tbody ${EMAIL_COMPONENT}`)[1];
    tom?.replaceWith(doc.createTextNode(tom.textContent ?? ''));
    const result = salesforceAdapter.read(doc, url);
    expect(result.status === 'open' && result.layer).toBe('active-page/mailto-text');
    expect(people(result)).toEqual([ANNA, TOM]);
  });

  it('a Contact whose Email field shows the address as text in a titled span (layer 2)', () => {
    const { doc, url } = load('people-contact');
    for (const el of Array.from(doc.querySelectorAll(EMAIL_COMPONENT))) {
      const span = doc.createElement('span');
      span.title = el.textContent ?? '';
      span.textContent = el.textContent;
      el.replaceWith(span);
    }
    const result = salesforceAdapter.read(doc, url);
    expect(result.status === 'open' && result.layer).toBe('active-page/accessible-names');
    expect(people(result)).toEqual([ANNA]);
  });
});

describe('free text is never read', () => {
  it.each(STATES)('%s: no address of the activity, the post or the Description', (state) => {
    const { doc, url } = load(state);
    const emails = (people(salesforceAdapter.read(doc, url)) ?? []).map((p) => p.email);
    for (const intruder of INTRUDERS) expect(emails).not.toContain(intruder);
  });

  it.each(STATES)(
    '%s: with the record showing nobody, the free text still adds no one',
    (state) => {
      const { doc, url } = load(state);
      for (const el of Array.from(doc.querySelectorAll(`${EMAIL_COMPONENT}, table[role="grid"]`)))
        el.remove();
      const result = salesforceAdapter.read(doc, url);
      expect(result.status).toBe('open');
      expect(people(result)).toEqual([]);
      expect(result.status === 'open' && result.layer).toBe('active-page');
    },
  );

  it('a Chatter post can not make a row of the Contacts list', () => {
    const { doc, url } = load('people-account');
    const post = doc.querySelector('.cuf-feedItem table') as Element;
    doc.querySelector('tbody')?.append(
      ...Array.from(post.querySelectorAll('tr')).map((tr) => {
        // The same row moved into a post inside the list's table stays free text.
        const wrap = doc.createElement('tr');
        const cell = doc.createElement('td');
        const rich = doc.createElement('lightning-formatted-rich-text');
        rich.append(tr.cloneNode(true));
        cell.append(rich);
        wrap.append(cell);
        return wrap;
      }),
    );
    expect(people(salesforceAdapter.read(doc, url))).toEqual([ANNA, TOM]);
  });
});

describe('hostile rows', () => {
  it('a row naming two different contacts is nobody', () => {
    const { doc, url } = load('people-account');
    const annaRow = doc.querySelectorAll('tbody tr')[0] as Element;
    const other = doc.createElement('a');
    other.href = '/lightning/r/003Dp00000MhScoIAF/view';
    other.textContent = 'Hank Scorpio';
    annaRow.querySelector('td')?.append(other);
    expect(people(salesforceAdapter.read(doc, url))).toEqual([TOM]);
  });

  it('a row hidden by an inline style is not read', () => {
    const { doc, url } = load('people-account');
    (doc.querySelectorAll('tbody tr')[1] as HTMLElement).style.display = 'none';
    expect(people(salesforceAdapter.read(doc, url))).toEqual([ANNA]);
  });

  it('a flood of 1,000 contact rows gives the contract limit, reading no row past it', () => {
    const { doc, url } = load('people-account');
    const body = doc.querySelector('tbody') as Element;
    const rows: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const id = `003Dp00000${String(i).padStart(5, '0')}`;
      rows.push(
        `<tr><th scope="row"><a href="/lightning/r/${id}/view">P ${i}</a></th>` +
          `<td><lightning-formatted-email><a href="mailto:p${i}@flood.example">p${i}</a>` +
          '</lightning-formatted-email></td></tr>',
      );
    }
    body.append(
      ...Array.from(
        new DOMParser()
          .parseFromString(`<table><tbody>${rows.join('')}</tbody></table>`, 'text/html')
          .querySelectorAll('tr'),
      ),
    );
    // The rows are read up to the limit and no further (the rest are never looked into).
    expect(contactRows(doc.body, url)).toHaveLength(MAX_PARTICIPANTS);
    const found = people(salesforceAdapter.read(doc, url)) ?? [];
    // Mara's row, without an email, is one of the rows read.
    expect(found).toHaveLength(MAX_PARTICIPANTS - 1);
    expect(found.at(-1)?.email).toBe(`p${MAX_PARTICIPANTS - 4}@flood.example`);
    expect(found.slice(0, 2)).toEqual([ANNA, TOM]);
  });

  it('readPeople of no places is nobody, with no layer', () => {
    expect(readPeople([])).toEqual({ participants: [], layer: null });
  });
});
