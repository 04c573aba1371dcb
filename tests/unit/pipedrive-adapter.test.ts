/**
 * The Pipedrive adapter against saved Pipedrive pages (tests/fixtures/pipedrive/): an exact count
 * for every selector in every fixture, then what read() makes of each page. Counts are exact on
 * purpose: an "at least one" check keeps passing when a selector starts matching the email history.
 */
import { describe, expect, it } from 'vitest';
import {
  DETAIL_VIEW,
  MAILTO_LINK,
  ORGANIZATION_LINK,
  PAGE_CONTENT,
  PERSON_LINK,
  RECORD_TITLE,
  SIDEBAR,
  WEBSITE_FIELD,
  isPipedriveUrl,
  isRecordUrl,
  pipedriveAdapter,
  pipedriveRecordFromUrl,
} from '@/utils/content/hosts/pipedrive';
import type { ReadResult } from '@/utils/content/hosts/types';
import { identityOf, watchContext } from '@/utils/content/watch';
import { settle, showPage, swapContent } from './live-page';
import { hostFixture, loadHostFixture } from './host-fixtures';

const STATES = ['organization', 'person', 'deal', 'list'] as const;
type State = (typeof STATES)[number];

const fixture = (state: State) => hostFixture('pipedrive', state);
const load = (state: State) => loadHostFixture('pipedrive', state);

const BASE = 'https://brightwave.pipedrive.com';
const ANNA = { email: 'anna.keller@northwind.co.uk', name: 'Anna Keller' };
const TOM = { email: 'tom.reyes@mail.northwind.co.uk', name: 'Tom Reyes' };

describe('fixtures', () => {
  it.each(STATES)('%s is a whole page under 40 KB with a Pipedrive URL comment on top', (state) => {
    const { html, url } = fixture(state);
    expect(html.startsWith(`<!-- url: ${BASE}/`)).toBe(true);
    expect(html.length).toBeLessThan(40_000);
    expect(isPipedriveUrl(url)).toBe(true);
    const { doc } = load(state);
    expect(doc.querySelectorAll('nav[aria-label="Main navigation"]')).toHaveLength(1);
    expect(doc.querySelectorAll('header[data-testid="top-bar"]')).toHaveLength(1);
    expect(doc.querySelectorAll('script')).toHaveLength(0);
  });
});

/** Every selector constant, counted over the whole page. */
const SELECTORS: Record<string, string> = {
  PAGE_CONTENT,
  DETAIL_VIEW,
  RECORD_TITLE,
  SIDEBAR,
  WEBSITE_FIELD,
  MAILTO_LINK,
  PERSON_LINK,
  ORGANIZATION_LINK,
};

// Whole-page counts: the email history in the main column quotes the user and everyone on the
// thread, which is why the adapter reads only the detail view's sidebar.
const COUNTS: Record<State, Record<string, number>> = {
  // People section (Anna, Tom) + history: Anna's email (Anna, the user, Tom) + Tom's (Tom, the user)
  organization: {
    PAGE_CONTENT: 1,
    DETAIL_VIEW: 1,
    RECORD_TITLE: 1,
    SIDEBAR: 1,
    WEBSITE_FIELD: 1,
    MAILTO_LINK: 7,
    PERSON_LINK: 2,
    ORGANIZATION_LINK: 0,
  },
  // Email field (Tom) + history: Tom's email (Tom, the user) + Anna's (Anna, the user, Tom)
  person: {
    PAGE_CONTENT: 1,
    DETAIL_VIEW: 1,
    RECORD_TITLE: 1,
    SIDEBAR: 1,
    WEBSITE_FIELD: 0,
    MAILTO_LINK: 6,
    PERSON_LINK: 0,
    ORGANIZATION_LINK: 1,
  },
  // Person section (Anna) + history: Anna's email (Anna, the user, Tom)
  deal: {
    PAGE_CONTENT: 1,
    DETAIL_VIEW: 1,
    RECORD_TITLE: 1,
    SIDEBAR: 1,
    WEBSITE_FIELD: 0,
    MAILTO_LINK: 4,
    PERSON_LINK: 1,
    ORGANIZATION_LINK: 1,
  },
  // four rows, each with a person link and an email; two with the organization
  list: {
    PAGE_CONTENT: 1,
    DETAIL_VIEW: 0,
    RECORD_TITLE: 0,
    SIDEBAR: 0,
    WEBSITE_FIELD: 0,
    MAILTO_LINK: 4,
    PERSON_LINK: 4,
    ORGANIZATION_LINK: 2,
  },
};

describe('selector counts per fixture', () => {
  it('covers every selector constant in every fixture', () => {
    for (const state of STATES)
      expect(Object.keys(COUNTS[state]).sort()).toEqual(Object.keys(SELECTORS).sort());
  });

  const cases = STATES.flatMap((state) =>
    Object.entries(SELECTORS).map(([name, selector]) => ({ state, name, selector })),
  );
  const pages = new Map<State, Document>();
  const page = (state: State) => {
    if (!pages.has(state)) pages.set(state, load(state).doc);
    return pages.get(state) as Document;
  };
  it.each(cases)('$state: $name', ({ state, name, selector }) => {
    expect(page(state).querySelectorAll(selector).length).toBe(COUNTS[state][name]);
  });
});

interface Expected {
  recordType: 'person' | 'organization' | 'deal';
  recordId: string;
  participants: { email: string; name: string }[];
  domains: string[];
  names: string[];
}

const OPEN: Partial<Record<State, Expected>> = {
  organization: {
    recordType: 'organization',
    recordId: '412',
    participants: [ANNA, TOM],
    domains: ['northwind.co.uk'],
    names: ['Northwind Logistics'],
  },
  person: {
    recordType: 'person',
    recordId: '1187',
    participants: [TOM],
    domains: [],
    names: ['Northwind Logistics'],
  },
  deal: {
    recordType: 'deal',
    recordId: '963',
    participants: [ANNA],
    domains: [],
    names: ['Northwind Logistics'],
  },
};

describe('read()', () => {
  it.each(STATES)('%s', (state) => {
    const { doc, url } = load(state);
    const result = pipedriveAdapter.read(doc, url);
    const expected = OPEN[state];
    if (!expected) {
      expect(result).toEqual({ status: 'none' });
      return;
    }
    expect(result).toEqual({
      status: 'open',
      key: `pipedrive:${expected.recordType}:${expected.recordId}`,
      context: {
        host: 'pipedrive',
        url: url.href,
        participants: expected.participants,
        domains: expected.domains,
        names: expected.names,
        crmRef: {
          system: 'pipedrive',
          recordType: expected.recordType,
          recordId: expected.recordId,
          url: `${BASE}/${expected.recordType}/${expected.recordId}`,
        },
      },
      layer: 'detail-view',
    } satisfies ReadResult);
  });

  it('never reads the email history: on Tom, Anna and the user are quoted but not read', () => {
    const { doc, url } = load('person');
    const quoted = Array.from(
      doc.querySelectorAll(`[data-testid="flow-item-email"] ${MAILTO_LINK}`),
    );
    expect(quoted.map((a) => a.getAttribute('href'))).toContain(
      'mailto:anna.keller@northwind.co.uk',
    );
    expect(quoted.map((a) => a.getAttribute('href'))).toContain('mailto:sam.carter@brightwave.io');
    const result = pipedriveAdapter.read(doc, url);
    expect(result.status === 'open' && result.context.participants).toEqual([TOM]);
  });

  it("reads each linked person's card when a section lists several", () => {
    const { doc, url } = load('deal');
    const section = doc.querySelector('section[aria-label="Person"] ul');
    const second = doc.createElement('li');
    const link = doc.createElement('a');
    link.setAttribute('href', '/person/1187');
    link.textContent = 'Tom Reyes';
    const mail = doc.createElement('a');
    mail.setAttribute('href', 'mailto:Tom.Reyes@mail.northwind.co.uk');
    mail.textContent = 'tom.reyes@mail.northwind.co.uk';
    second.append(link, mail);
    section?.append(second);
    const result = pipedriveAdapter.read(doc, url);
    expect(result.status === 'open' && result.context.participants).toEqual([ANNA, TOM]);
  });

  it("reads a deal's website when its organization's fields show one", () => {
    const { doc, url } = load('deal');
    const field = doc.createElement('div');
    field.setAttribute('data-testid', 'field-website');
    field.textContent = 'www.northwind.co.uk';
    doc.querySelector('section[aria-label="Organization"] ._sectionBody_6p0o9_15')?.append(field);
    const result = pipedriveAdapter.read(doc, url);
    expect(result.status === 'open' && result.context.domains).toEqual(['www.northwind.co.uk']);
  });

  it('ignores a detail view kept hidden from the previous record', () => {
    const { doc, url } = load('person');
    const stale = doc.querySelector(DETAIL_VIEW)?.cloneNode(true) as Element;
    stale.querySelector(RECORD_TITLE)?.replaceChildren('Somebody Else');
    stale.setAttribute('style', 'display: none;');
    doc.querySelector(PAGE_CONTENT)?.prepend(stale);
    const result = pipedriveAdapter.read(doc, url);
    expect(result.status === 'open' && result.context.participants).toEqual([TOM]);
  });
});

describe('mangled pages give unreadable, never an exception', () => {
  it('no record title test id: the landmarks layer reads the same record', () => {
    const { doc, url } = load('organization');
    const before = pipedriveAdapter.read(doc, url);
    doc.querySelector(RECORD_TITLE)?.removeAttribute('data-testid');
    const after = pipedriveAdapter.read(doc, url);
    expect(after.status === 'open' && after.layer).toBe('landmarks');
    expect(after.status === 'open' && after.context).toEqual(
      before.status === 'open' && before.context,
    );
  });

  it('no name anywhere: unreadable, naming the record as Pipedrive does', () => {
    const { doc, url } = load('organization');
    for (const h1 of Array.from(doc.querySelectorAll('h1'))) h1.textContent = ' ';
    expect(pipedriveAdapter.read(doc, url)).toEqual({
      status: 'unreadable',
      reason:
        'the URL shows a record but no layer finds its name (' +
        `detail-view: ${DETAIL_VIEW} ${RECORD_TITLE}; landmarks: main h1, aside, [role="complementary"])`,
      thing: 'organization',
    });
  });

  it('no detail view: the landmarks layer reads the same deal', () => {
    const { doc, url } = load('deal');
    const before = pipedriveAdapter.read(doc, url);
    doc.querySelector(DETAIL_VIEW)?.removeAttribute('data-testid');
    const after = pipedriveAdapter.read(doc, url);
    expect(after.status === 'open' && after.layer).toBe('landmarks');
    expect(after.status === 'open' && after.context).toEqual(
      before.status === 'open' && before.context,
    );
  });

  it('no sidebar: the record still reads, with its name only', () => {
    const { doc, url } = load('organization');
    doc.querySelector(SIDEBAR)?.remove();
    const result = pipedriveAdapter.read(doc, url);
    expect(result.status === 'open' && result.context).toMatchObject({
      participants: [],
      domains: [],
      names: ['Northwind Logistics'],
    });
  });

  it('the same page at a list URL is simply no record', () => {
    const { doc } = load('person');
    doc.querySelector(RECORD_TITLE)?.remove();
    expect(pipedriveAdapter.read(doc, new URL(`${BASE}/persons/list/user/everyone`))).toEqual({
      status: 'none',
    });
  });

  it('a document that throws on every query', () => {
    const { doc, url } = load('organization');
    const hostile = new Proxy(doc, {
      get(target, prop) {
        if (prop === 'querySelectorAll' || prop === 'querySelector') {
          return () => {
            throw new Error('boom');
          };
        }
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    expect(() => pipedriveAdapter.read(hostile, url)).not.toThrow();
    expect(pipedriveAdapter.read(hostile, url)).toEqual({
      status: 'unreadable',
      reason: 'reading the page failed: boom',
    });
    expect(pipedriveAdapter.watchRoot(hostile)).toBeNull();
  });

  it('an empty document', () => {
    const doc = new DOMParser().parseFromString('', 'text/html');
    expect(pipedriveAdapter.read(doc, new URL(`${BASE}/deal/963`)).status).toBe('unreadable');
    expect(pipedriveAdapter.read(doc, new URL(`${BASE}/pipeline/1`))).toEqual({ status: 'none' });
  });
});

describe('watchRoot()', () => {
  it.each(STATES)('%s: the page content right of the navigation', (state) => {
    const { doc } = load(state);
    const root = pipedriveAdapter.watchRoot(doc);
    expect(root?.id).toBe('mainContent');
    expect(root?.contains(doc.querySelector('nav[aria-label="Main navigation"]'))).toBe(false);
    expect(root?.contains(doc.querySelector('header[data-testid="top-bar"]'))).toBe(false);
    const view = doc.querySelector(DETAIL_VIEW);
    if (view) expect(root?.contains(view)).toBe(true);
  });

  it('is null before Pipedrive has rendered', () => {
    const doc = new DOMParser().parseFromString('<div class="loader"></div>', 'text/html');
    expect(pipedriveAdapter.watchRoot(doc)).toBeNull();
  });
});

describe('URLs', () => {
  const RECORDS: [string, string, string][] = [
    [`${BASE}/organization/412`, 'organization', '412'],
    [`${BASE}/person/1187?tab=notes`, 'person', '1187'],
    [`${BASE}/deal/963/`, 'deal', '963'],
    [`${BASE}/deal/963#activity`, 'deal', '963'],
    ['https://app.pipedrive.com/person/7', 'person', '7'],
    ['https://northwind-logistics.pipedrive.com/organization/3', 'organization', '3'],
  ];
  const NOT_RECORDS = [
    `${BASE}/`,
    `${BASE}/persons/list/user/everyone`,
    `${BASE}/organizations/list/user/everyone`,
    `${BASE}/pipeline/1/user/everyone`,
    `${BASE}/deals/list/filter/12`,
    `${BASE}/leads/inbox/8c5a3f5e-0d3b-11ef-9a2f-2bd1e1b7a9c4`,
    `${BASE}/activities/list/user/everyone`,
    `${BASE}/settings/personal`,
    `${BASE}/person/`,
    `${BASE}/person/abc`,
    `${BASE}/person/0`,
    `${BASE}/person/1187/edit`,
    `${BASE}/users/details/12`,
    'https://www.pipedrive.com/person/1187',
    'https://brightwave.pipedrive.com.evil.example/person/1187',
    'http://brightwave.pipedrive.com/person/1187',
  ];

  it.each(RECORDS)('%s is a %s (%s)', (href, recordType, recordId) => {
    const url = new URL(href);
    expect(isRecordUrl(url)).toBe(true);
    expect(pipedriveRecordFromUrl(url)).toEqual({
      recordType,
      recordId,
      url: `${url.origin}${url.pathname}`,
    });
  });

  it.each(NOT_RECORDS)('%s is not a record', (href) => {
    const url = new URL(href);
    expect(isRecordUrl(url)).toBe(false);
    expect(pipedriveRecordFromUrl(url)).toBeNull();
  });

  it.each(STATES)('the %s fixture URL agrees with its page', (state) => {
    expect(isRecordUrl(fixture(state).url)).toBe(OPEN[state] !== undefined);
  });

  const MATCHES: [string, boolean][] = [
    [`${BASE}/person/1187`, true],
    [`${BASE}/pipeline/1/user/everyone`, true],
    ['https://app.pipedrive.com/settings/personal', true],
    ['http://brightwave.pipedrive.com/person/1187', false],
    ['https://brightwave.pipedrive.com:8443/person/1187', false],
    ['https://www.pipedrive.com/en/pricing', false],
    ['https://api.pipedrive.com/v1/persons', false],
    ['https://developers.pipedrive.com/docs/api/v1', false],
    ['https://pipedrive.com/person/1187', false],
    ['https://a.b.pipedrive.com/person/1187', false],
    ['https://brightwave.pipedrive.com.evil.example/person/1187', false],
    ['https://brightwave-pipedrive.com/person/1187', false],
  ];
  it.each(MATCHES)('matches(%s) is %s', (href, expected) => {
    expect(pipedriveAdapter.matches(new URL(href))).toBe(expected);
  });
});

// ---------------------------------------------------------------------------------------------
// Driven by the shared watcher, in the test's own document (as the content script runs it).
// ---------------------------------------------------------------------------------------------

const show = (state: State) => showPage(load(state));

describe('driven by watchContext', () => {
  it('reports the record when the app moves from the list to it, with no navigation event', async () => {
    show('list');
    const controller = new AbortController();
    const seen: string[] = [];
    watchContext(
      pipedriveAdapter,
      document,
      window,
      (r) => seen.push(identityOf(r)),
      controller.signal,
    );
    swapContent(PAGE_CONTENT, load('organization'));
    await settle();
    controller.abort();
    expect(seen).toEqual(['none', 'open:pipedrive:organization:412']);
  });
});
