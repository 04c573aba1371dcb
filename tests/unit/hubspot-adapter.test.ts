/**
 * The HubSpot adapter against saved HubSpot pages (tests/fixtures/hubspot/): an exact count for
 * every selector in every fixture, then what read() makes of each page. Counts are exact on purpose:
 * an "at least one" check keeps passing when a selector starts matching the timeline or a preview.
 */
import { describe, expect, it } from 'vitest';
import {
  COLUMN_LAYERS,
  hubSpotRecordFromUrl,
  hubspotAdapter,
  isHubSpotUrl,
  isRecordUrl,
} from '@/utils/content/hosts/hubspot';
import {
  ASSOCIATED_COMPANY_LINK,
  ASSOCIATED_CONTACT_LINK,
  COMPANY_PROPERTY,
  DOMAIN_PROPERTY,
  EMAIL_PROPERTY,
  LEFT_SIDEBAR,
  MAILTO_LINK,
  PAGE_CONTENT,
  PREVIEW_PANEL,
  RECORD_NAME,
  RIGHT_SIDEBAR,
} from '@/utils/content/hosts/hubspot-selectors';
import type { ReadResult } from '@/utils/content/hosts/types';
import { layersTried } from '@/utils/content/hosts/layers';
import { identityOf, watchContext } from '@/utils/content/watch';
import { settle, showPage, swapContent } from './live-page';
import { hostFixture, loadHostFixture } from './host-fixtures';

const STATES = ['company', 'contact', 'deal', 'legacy-company', 'list'] as const;
type State = (typeof STATES)[number];

const fixture = (state: State) => hostFixture('hubspot', state);
const load = (state: State) => loadHostFixture('hubspot', state);

const PORTAL = 'https://app-eu1.hubspot.com/contacts/26491733';
const ANNA = { email: 'anna.keller@northwind.co.uk', name: 'Anna Keller' };
const TOM = { email: 'tom.reyes@mail.northwind.co.uk', name: 'Tom Reyes' };
const HANK = { email: 'h.scorpio@globex.com', name: 'Hank Scorpio' };
/** Why a record page nobody can place is unreadable: every layer and what it looked for. */
const NO_LAYER = `the URL shows a record but no layer finds its name (${layersTried(COLUMN_LAYERS)})`;

describe('fixtures', () => {
  it.each(STATES)('%s is a whole page under 40 KB with a HubSpot URL comment on top', (state) => {
    const { html, url } = fixture(state);
    expect(html.startsWith('<!-- url: https://app-eu1.hubspot.com/contacts/26491733/')).toBe(true);
    expect(html.length).toBeLessThan(40_000);
    expect(isHubSpotUrl(url)).toBe(true);
    const { doc } = load(state);
    expect(doc.querySelectorAll('#hs-nav-v4[role="banner"]')).toHaveLength(1);
    expect(doc.querySelectorAll('nav[aria-label="Main navigation"]')).toHaveLength(1);
    expect(doc.querySelectorAll('script')).toHaveLength(0);
  });
});

/** Every selector constant (each variant of an array on its own), counted over the whole page. */
const SELECTORS: Record<string, string> = {
  PAGE_CONTENT,
  LEFT_SIDEBAR,
  RIGHT_SIDEBAR,
  PREVIEW_PANEL,
  RECORD_NAME,
  ...Object.fromEntries(EMAIL_PROPERTY.map((s, i) => [`EMAIL_PROPERTY[${i}]`, s])),
  ...Object.fromEntries(DOMAIN_PROPERTY.map((s, i) => [`DOMAIN_PROPERTY[${i}]`, s])),
  COMPANY_PROPERTY,
  MAILTO_LINK,
  ASSOCIATED_COMPANY_LINK,
  ASSOCIATED_CONTACT_LINK,
};

// Whole-page counts: the activity timeline's mailto links and a preview panel's name and
// properties are counted too, which is why the adapter reads only the record's own sidebars.
const COUNTS: Record<State, Record<string, number>> = {
  // timeline: Anna's email (Anna, the user, Tom) + Tom's email (Tom, the user) = 5 mailto links
  company: {
    PAGE_CONTENT: 1,
    LEFT_SIDEBAR: 1,
    RIGHT_SIDEBAR: 1,
    PREVIEW_PANEL: 0,
    RECORD_NAME: 1,
    'EMAIL_PROPERTY[0]': 0,
    'EMAIL_PROPERTY[1]': 0,
    'DOMAIN_PROPERTY[0]': 1,
    'DOMAIN_PROPERTY[1]': 1,
    'DOMAIN_PROPERTY[2]': 1,
    COMPANY_PROPERTY: 0,
    MAILTO_LINK: 5,
    ASSOCIATED_COMPANY_LINK: 0,
    ASSOCIATED_CONTACT_LINK: 2,
  },
  // highlight (Anna) + timeline (Anna, the user, Tom) = 4 mailto links
  contact: {
    PAGE_CONTENT: 1,
    LEFT_SIDEBAR: 1,
    RIGHT_SIDEBAR: 1,
    PREVIEW_PANEL: 0,
    RECORD_NAME: 1,
    'EMAIL_PROPERTY[0]': 1,
    'EMAIL_PROPERTY[1]': 1,
    'DOMAIN_PROPERTY[0]': 0,
    'DOMAIN_PROPERTY[1]': 0,
    'DOMAIN_PROPERTY[2]': 0,
    COMPANY_PROPERTY: 1,
    MAILTO_LINK: 4,
    ASSOCIATED_COMPANY_LINK: 1,
    ASSOCIATED_CONTACT_LINK: 0,
  },
  // Tom's preview: a second name, an email and a company property, a mailto link and a
  // "View record" contact link beside Anna's card
  deal: {
    PAGE_CONTENT: 1,
    LEFT_SIDEBAR: 1,
    RIGHT_SIDEBAR: 1,
    PREVIEW_PANEL: 1,
    RECORD_NAME: 2,
    'EMAIL_PROPERTY[0]': 1,
    'EMAIL_PROPERTY[1]': 0,
    'DOMAIN_PROPERTY[0]': 0,
    'DOMAIN_PROPERTY[1]': 0,
    'DOMAIN_PROPERTY[2]': 0,
    COMPANY_PROPERTY: 1,
    MAILTO_LINK: 4,
    ASSOCIATED_COMPANY_LINK: 1,
    ASSOCIATED_CONTACT_LINK: 2,
  },
  'legacy-company': {
    PAGE_CONTENT: 1,
    LEFT_SIDEBAR: 1,
    RIGHT_SIDEBAR: 1,
    PREVIEW_PANEL: 0,
    RECORD_NAME: 1,
    'EMAIL_PROPERTY[0]': 0,
    'EMAIL_PROPERTY[1]': 0,
    'DOMAIN_PROPERTY[0]': 1,
    'DOMAIN_PROPERTY[1]': 1,
    'DOMAIN_PROPERTY[2]': 0,
    COMPANY_PROPERTY: 0,
    MAILTO_LINK: 2,
    ASSOCIATED_COMPANY_LINK: 0,
    ASSOCIATED_CONTACT_LINK: 1,
  },
  // four index rows + the preview's "View record" link; the preview holds the name and email
  list: {
    PAGE_CONTENT: 1,
    LEFT_SIDEBAR: 0,
    RIGHT_SIDEBAR: 0,
    PREVIEW_PANEL: 1,
    RECORD_NAME: 1,
    'EMAIL_PROPERTY[0]': 1,
    'EMAIL_PROPERTY[1]': 0,
    'DOMAIN_PROPERTY[0]': 0,
    'DOMAIN_PROPERTY[1]': 0,
    'DOMAIN_PROPERTY[2]': 0,
    COMPANY_PROPERTY: 1,
    MAILTO_LINK: 1,
    ASSOCIATED_COMPANY_LINK: 0,
    ASSOCIATED_CONTACT_LINK: 5,
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
  recordType: 'company' | 'contact' | 'deal';
  recordId: string;
  recordUrl: string;
  participants: { email: string; name: string }[];
  domains: string[];
  names: string[];
  /** The reading layers that answered (hubspot.ts COLUMN_LAYERS, EMAIL_LAYERS). */
  layer: string;
}

const OPEN: Partial<Record<State, Expected>> = {
  company: {
    recordType: 'company',
    recordId: '18346251907',
    recordUrl: `${PORTAL}/record/0-2/18346251907`,
    participants: [ANNA, TOM],
    domains: ['northwind.co.uk', 'www.northwind.co.uk'],
    names: ['Northwind Logistics'],
    layer: 'test-ids',
  },
  contact: {
    recordType: 'contact',
    recordId: '75120934811',
    recordUrl: `${PORTAL}/record/0-1/75120934811/`,
    participants: [ANNA],
    domains: ['northwind.co.uk'],
    names: ['Northwind Logistics'],
    layer: 'test-ids/properties',
  },
  deal: {
    recordType: 'deal',
    recordId: '31986452210',
    recordUrl: `${PORTAL}/record/0-3/31986452210`,
    participants: [ANNA],
    domains: ['northwind.co.uk'],
    names: ['Northwind Logistics'],
    layer: 'test-ids',
  },
  'legacy-company': {
    recordType: 'company',
    recordId: '18346252011',
    recordUrl: `${PORTAL}/company/18346252011/`,
    participants: [HANK],
    domains: ['globex.com', 'www.globex.com'],
    names: ['Globex'],
    layer: 'test-ids',
  },
};

describe('read()', () => {
  it.each(STATES)('%s', (state) => {
    const { doc, url } = load(state);
    const result = hubspotAdapter.read(doc, url);
    const expected = OPEN[state];
    if (!expected) {
      expect(result).toEqual({ status: 'none' });
      return;
    }
    expect(result).toEqual({
      status: 'open',
      key: `hubspot:${expected.recordType}:${expected.recordId}`,
      layer: expected.layer,
      context: {
        host: 'hubspot',
        url: url.href,
        participants: expected.participants,
        domains: expected.domains,
        names: expected.names,
        crmRef: {
          system: 'hubspot',
          recordType: expected.recordType,
          recordId: expected.recordId,
          url: expected.recordUrl,
        },
      },
    } satisfies ReadResult);
  });

  it('drops the query from the record URL but keeps it in the page URL', () => {
    const { doc, url } = load('deal');
    expect(url.search).toMatch(/^\?eschref=/);
    const result = hubspotAdapter.read(doc, url);
    expect(result.status === 'open' && result.context.url).toBe(url.href);
    expect(result.status === 'open' && result.context.crmRef?.url).toBe(
      `${PORTAL}/record/0-3/31986452210`,
    );
  });

  it('never reads the activity timeline: the user and Tom are quoted there, not on the contact', () => {
    const { doc, url } = load('contact');
    const quoted = Array.from(doc.querySelectorAll(`[data-test-id="middle-pane"] ${MAILTO_LINK}`));
    expect(quoted.map((a) => a.getAttribute('href'))).toEqual([
      'mailto:anna.keller@northwind.co.uk',
      'mailto:sam.carter@brightwave.io',
      'mailto:tom.reyes@mail.northwind.co.uk',
    ]);
    const result = hubspotAdapter.read(doc, url);
    expect(result.status === 'open' && result.context.participants).toEqual([ANNA]);
  });

  it('never reads a preview panel: on the deal, Tom previewed beside it is not a participant', () => {
    const { doc, url } = load('deal');
    expect(doc.querySelector(`${PREVIEW_PANEL} ${RECORD_NAME}`)?.textContent).toBe('Tom Reyes');
    const result = hubspotAdapter.read(doc, url);
    expect(result.status === 'open' && result.context.participants).toEqual([ANNA]);
  });

  it('reads a preview panel as nothing when it stands over a list', () => {
    const { doc, url } = load('list');
    expect(doc.querySelector(`${PREVIEW_PANEL} ${EMAIL_PROPERTY[0]}`)).not.toBeNull();
    expect(hubspotAdapter.read(doc, url)).toEqual({ status: 'none' });
    // Even at a record URL, the preview is not taken for the record.
    const atRecord = new URL(`${PORTAL}/record/0-1/75120934811`);
    expect(hubspotAdapter.read(doc, atRecord)).toEqual({
      status: 'unreadable',
      reason: NO_LAYER,
      thing: 'contact',
    });
  });

  it("takes a contact's company from the association card before the free-text property", () => {
    const { doc, url } = load('contact');
    doc.querySelector('[data-test-id="card-wrapper-ASSOCIATION_V3/0-2"]')?.remove();
    const result = hubspotAdapter.read(doc, url);
    expect(result.status === 'open' && result.context.names).toEqual(['Northwind Logistics Ltd']);
    expect(result.status === 'open' && result.context.domains).toEqual([]);
  });

  it("reads a contact's additional emails, separated by semicolons", () => {
    const { doc, url } = load('contact');
    const extra = doc.querySelector(EMAIL_PROPERTY[1] as string) as HTMLTextAreaElement;
    extra.value = 'a.keller@northwind.co.uk; not-an-address;ANNA.KELLER@northwind.co.uk';
    const result = hubspotAdapter.read(doc, url);
    expect(result.status === 'open' && result.context.participants).toEqual([
      ANNA,
      { email: 'a.keller@northwind.co.uk', name: 'Anna Keller' },
    ]);
  });

  it("reads a company's additional domains, and ignores values that are not domains", () => {
    const { doc, url } = load('company');
    const extra = doc.querySelector(DOMAIN_PROPERTY[2] as string) as HTMLTextAreaElement;
    extra.value = 'northwind.de;Northwind.CO.UK; javascript:alert(1)';
    const result = hubspotAdapter.read(doc, url);
    expect(result.status === 'open' && result.context.domains).toEqual([
      'northwind.co.uk',
      'www.northwind.co.uk',
      'northwind.de',
    ]);
  });

  it('gives the record identity from the URL, not from the page', () => {
    const { doc } = load('company');
    const elsewhere = new URL('https://app.hubspot.com/contacts/26491733/record/0-2/999');
    const result = hubspotAdapter.read(doc, elsewhere);
    expect(result.status === 'open' && result.key).toBe('hubspot:company:999');
  });
});

describe('mangled pages give unreadable, never an exception', () => {
  it('no record name', () => {
    const { doc, url } = load('company');
    doc.querySelector(RECORD_NAME)?.removeAttribute('data-selenium-test');
    expect(hubspotAdapter.read(doc, url)).toEqual({
      status: 'unreadable',
      reason: NO_LAYER,
      thing: 'company',
    });
  });

  it('an empty record name', () => {
    const { doc, url } = load('contact');
    const name = doc.querySelector(RECORD_NAME);
    if (name) name.textContent = '   ';
    expect(hubspotAdapter.read(doc, url).status).toBe('unreadable');
  });

  it('no left sidebar', () => {
    const { doc, url } = load('deal');
    doc.querySelector(LEFT_SIDEBAR)?.removeAttribute('data-test-id');
    const result = hubspotAdapter.read(doc, url);
    expect(result.status === 'unreadable' && result.reason).toBe(NO_LAYER);
    // The notice names what the user is looking at: this HubSpot deal, never this email.
    expect(result.status === 'unreadable' && result.thing).toBe('deal');
  });

  it('the same page at a list URL is simply no record', () => {
    const { doc } = load('company');
    doc.querySelector(RECORD_NAME)?.remove();
    expect(hubspotAdapter.read(doc, new URL(`${PORTAL}/objects/0-2/views/all/list`))).toEqual({
      status: 'none',
    });
  });

  it('no right sidebar: the record still reads, without its associations', () => {
    const { doc, url } = load('company');
    doc.querySelector(RIGHT_SIDEBAR)?.remove();
    const result = hubspotAdapter.read(doc, url);
    expect(result.status === 'open' && result.context.participants).toEqual([]);
    expect(result.status === 'open' && result.context.names).toEqual(['Northwind Logistics']);
  });

  it('a document that throws on every query', () => {
    const { doc, url } = load('company');
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
    expect(() => hubspotAdapter.read(hostile, url)).not.toThrow();
    expect(hubspotAdapter.read(hostile, url)).toEqual({
      status: 'unreadable',
      reason: 'reading the page failed: boom',
    });
    expect(hubspotAdapter.watchRoot(hostile)).toBeNull();
  });

  it('an empty document', () => {
    const doc = new DOMParser().parseFromString('', 'text/html');
    expect(hubspotAdapter.read(doc, new URL(`${PORTAL}/record/0-2/18346251907`)).status).toBe(
      'unreadable',
    );
    expect(hubspotAdapter.read(doc, new URL(`${PORTAL}/objects/0-1/views/all/list`))).toEqual({
      status: 'none',
    });
  });
});

describe('watchRoot()', () => {
  it.each(STATES)('%s: the page content below the navigation', (state) => {
    const { doc } = load(state);
    const root = hubspotAdapter.watchRoot(doc);
    expect(root?.id).toBe('main-content');
    expect(root?.contains(doc.querySelector('#hs-nav-v4'))).toBe(false);
    const left = doc.querySelector(LEFT_SIDEBAR);
    if (left) expect(root?.contains(left)).toBe(true);
  });

  it('is null before HubSpot has rendered', () => {
    const doc = new DOMParser().parseFromString('<div id="hs-loading">Loading</div>', 'text/html');
    expect(hubspotAdapter.watchRoot(doc)).toBeNull();
  });
});

describe('URLs', () => {
  const RECORDS: [string, string, string][] = [
    [`${PORTAL}/record/0-2/18346251907`, 'company', '18346251907'],
    [`${PORTAL}/record/0-1/75120934811/`, 'contact', '75120934811'],
    [`${PORTAL}/record/0-3/31986452210?eschref=%2Fcontacts`, 'deal', '31986452210'],
    [`${PORTAL}/record/0-1/75120934811/view/1`, 'contact', '75120934811'],
    [`${PORTAL}/record/0-2/18346251907#activities`, 'company', '18346251907'],
    [`${PORTAL}/company/18346252011/`, 'company', '18346252011'],
    [`${PORTAL}/contact/75120934811`, 'contact', '75120934811'],
    [`${PORTAL}/deal/31986452210/`, 'deal', '31986452210'],
    ['https://app.hubspot.com/contacts/4417290/record/0-2/9981', 'company', '9981'],
    ['https://app-na2.hubspot.com/contacts/243381751/record/0-1/51', 'contact', '51'],
    ['https://app-ap1.hubspot.com/contacts/8800/record/0-3/77', 'deal', '77'],
  ];
  const NOT_RECORDS = [
    `${PORTAL}/objects/0-1/views/all/list`,
    `${PORTAL}/objects/0-3/views/all/board`,
    `${PORTAL}/companies/list/view/all/`,
    `${PORTAL}/record/0-5/7712`, // a ticket
    `${PORTAL}/record/2-1847/12`, // a custom object
    `${PORTAL}/record/0-2/`,
    `${PORTAL}/record/0-2/abc`,
    `${PORTAL}/record/0-2/0123`,
    `${PORTAL}/company/`,
    'https://app-eu1.hubspot.com/contacts/portal/record/0-2/18346251907',
    'https://app-eu1.hubspot.com/settings/26491733/users',
    'https://app-eu1.hubspot.com/reports-dashboard/26491733/view/1',
    'https://app-eu1.hubspot.com/sales/26491733/record/0-2/18346251907',
    'https://app-eu1.hubspot.com.evil.example/contacts/26491733/record/0-2/18346251907',
    'https://www.hubspot.com/contacts/26491733/record/0-2/18346251907',
    'http://app.hubspot.com/contacts/26491733/record/0-2/18346251907',
  ];

  it.each(RECORDS)('%s is a %s (%s)', (href, recordType, recordId) => {
    const url = new URL(href);
    expect(isRecordUrl(url)).toBe(true);
    expect(hubSpotRecordFromUrl(url)).toEqual({
      portalId: url.pathname.split('/')[2],
      recordType,
      recordId,
      url: `${url.origin}${url.pathname}`,
    });
  });

  it.each(NOT_RECORDS)('%s is not a record', (href) => {
    const url = new URL(href);
    expect(isRecordUrl(url)).toBe(false);
    expect(hubSpotRecordFromUrl(url)).toBeNull();
  });

  it.each(STATES)('the %s fixture URL agrees with its page', (state) => {
    expect(isRecordUrl(fixture(state).url)).toBe(OPEN[state] !== undefined);
  });

  const MATCHES: [string, boolean][] = [
    [`${PORTAL}/record/0-2/18346251907`, true],
    ['https://app.hubspot.com/contacts/4417290/objects/0-1/views/all/list', true],
    ['https://app-eu1.hubspot.com/settings/26491733/users', true],
    ['https://app-na2.hubspot.com/user-guide/243381751', true],
    ['https://app-ap1.hubspot.com/', true],
    ['http://app.hubspot.com/contacts/4417290/', false],
    ['https://app.hubspot.com:8443/contacts/4417290/', false],
    ['https://app.hubspot.com.evil.example/contacts/4417290/', false],
    ['https://evilapp.hubspot.com/contacts/4417290/', false],
    ['https://app-eu1.hubspot.co/contacts/4417290/', false],
    ['https://api.hubspot.com/crm/v3/objects/contacts', false],
    ['https://www.hubspot.com/products/crm', false],
    ['https://knowledge.hubspot.com/records/view-records', false],
    ['https://mail.google.com/mail/u/0/#inbox', false],
  ];
  it.each(MATCHES)('matches(%s) is %s', (href, expected) => {
    expect(hubspotAdapter.matches(new URL(href))).toBe(expected);
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
      hubspotAdapter,
      document,
      window,
      (r) => seen.push(identityOf(r)),
      controller.signal,
    );
    // The app pushes the new URL (no popstate) and renders the record inside the same <main>.
    swapContent(PAGE_CONTENT, load('company'));
    await settle();
    controller.abort();
    expect(seen).toEqual(['none', 'open:hubspot:company:18346251907']);
  });
});
