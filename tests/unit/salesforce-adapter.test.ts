/**
 * The Salesforce Lightning adapter against saved Lightning pages (tests/fixtures/salesforce/): an
 * exact count for every selector in every fixture, plain and through shadow roots, then what read()
 * makes of each page. One fixture is a native-shadow org serialized with declarative shadow roots
 * (`<template shadowrootmode="open">`); DOMParser leaves those inert, as browsers do, so the test
 * attaches them the way the browser's HTML parser would.
 */
import { describe, expect, it } from 'vitest';
import {
  ACTIVE_PAGE,
  FIELD_LINK,
  FIELD_VALUE,
  HIGHLIGHTS,
  MAILTO_LINK,
  OBJECT_PREFIXES,
  PAGE_HOST,
  PAGE_LAYERS,
  PRIMARY_FIELD,
  RECORD_FIELD,
  WATCH_ATTRIBUTES,
  isRecordUrl,
  isSalesforceUrl,
  objectOfId,
  salesforceAdapter,
  salesforceRecordFromUrl,
  toId18,
} from '@/utils/content/hosts/salesforce';
import { deepContains, deepQuerySelectorAll, deepText } from '@/utils/content/hosts/shadow-dom';
import type { ReadResult } from '@/utils/content/hosts/types';
import { layersTried } from '@/utils/content/hosts/layers';
import { DEFAULT_ATTRIBUTES, identityOf, watchContext } from '@/utils/content/watch';
import { setPageUrl, settle, showPage } from './live-page';
import { attachDeclarativeShadowRoots, hostFixture } from './host-fixtures';

const STATES = [
  'account',
  'contact',
  'opportunity',
  'lead',
  'list',
  'account-native-shadow',
] as const;
type State = (typeof STATES)[number];

const fixture = (state: State) => hostFixture('salesforce', state);
function load(state: State, { attach = true } = {}): { doc: Document; url: URL } {
  const { html, url } = fixture(state);
  const doc = new DOMParser().parseFromString(html, 'text/html');
  if (attach) attachDeclarativeShadowRoots(doc);
  return { doc, url };
}

const ORG = 'https://brightwave.lightning.force.com';
const GLOBEX_ID = '001Dp00000KxGlbIAF';
const HANK = { email: 'h.scorpio@globex.com', name: 'Hank Scorpio' };
const PRIYA = { email: 'priya.shah@initech-systems.com', name: 'Priya Shah' };

describe('fixtures', () => {
  it.each(STATES)('%s is a whole page under 40 KB with a Lightning URL comment on top', (state) => {
    const { html, url } = fixture(state);
    expect(html).toMatch(
      /^<!-- url: https:\/\/brightwave(--uat\.sandbox)?\.lightning\.force\.com\//,
    );
    expect(html.length).toBeLessThan(40_000);
    expect(isSalesforceUrl(url)).toBe(true);
    const { doc } = load(state);
    expect(doc.querySelectorAll('header#oneHeader')).toHaveLength(1);
    expect(doc.querySelectorAll('one-appnav nav[role="navigation"]')).toHaveLength(1);
    expect(doc.querySelectorAll('script')).toHaveLength(0);
  });

  it('the native-shadow fixture holds its record in shadow roots only', () => {
    const { doc } = load('account-native-shadow', { attach: false });
    expect(doc.querySelectorAll('template[shadowrootmode="open"]').length).toBeGreaterThan(0);
    expect(attachDeclarativeShadowRoots(doc)).toBe(27);
    expect(doc.querySelectorAll('template')).toHaveLength(0);
  });
});

/** Every selector constant (each variant of an array on its own). */
const SELECTORS: Record<string, string> = {
  ACTIVE_PAGE,
  PAGE_HOST,
  HIGHLIGHTS,
  PRIMARY_FIELD,
  RECORD_FIELD,
  ...Object.fromEntries(FIELD_VALUE.map((s, i) => [`FIELD_VALUE[${i}]`, s])),
  MAILTO_LINK,
  FIELD_LINK,
};

// Whole-page counts through shadow roots (deepQuerySelectorAll). The synthetic-shadow fixtures are
// light DOM, so a plain query gives the same; the native one hides all but the page hosts and the
// chrome's 8 links from a plain query (PLAIN below). Pages kept from earlier (contact: Northwind;
// list: Globex) and related lists and activities are counted too, which is why the adapter reads
// only the active page's highlights and the record's own fields.
const COUNTS: Record<State, Record<string, number>> = {
  // related list (Hank) + activity (Hank, the user) = 3 mailto links
  account: {
    ACTIVE_PAGE: 1,
    PAGE_HOST: 1,
    HIGHLIGHTS: 1,
    PRIMARY_FIELD: 1,
    RECORD_FIELD: 7,
    'FIELD_VALUE[0]': 7,
    'FIELD_VALUE[1]': 7,
    MAILTO_LINK: 3,
    FIELD_LINK: 27,
  },
  // Hank's page (5 fields) + the Northwind account kept from earlier (7 fields, its own highlights);
  // mailto: highlights + Email field + activity (Hank, the user)
  contact: {
    ACTIVE_PAGE: 1,
    PAGE_HOST: 2,
    HIGHLIGHTS: 2,
    PRIMARY_FIELD: 2,
    RECORD_FIELD: 12,
    'FIELD_VALUE[0]': 12,
    'FIELD_VALUE[1]': 12,
    MAILTO_LINK: 4,
    FIELD_LINK: 32,
  },
  // the only mailto link is Hank's, in the Contact Roles related list
  opportunity: {
    ACTIVE_PAGE: 1,
    PAGE_HOST: 1,
    HIGHLIGHTS: 1,
    PRIMARY_FIELD: 1,
    RECORD_FIELD: 8,
    'FIELD_VALUE[0]': 8,
    'FIELD_VALUE[1]': 8,
    MAILTO_LINK: 1,
    FIELD_LINK: 24,
  },
  // highlights + Email field + activity (Priya, the user)
  lead: {
    ACTIVE_PAGE: 1,
    PAGE_HOST: 1,
    HIGHLIGHTS: 1,
    PRIMARY_FIELD: 1,
    RECORD_FIELD: 9,
    'FIELD_VALUE[0]': 9,
    'FIELD_VALUE[1]': 9,
    MAILTO_LINK: 4,
    FIELD_LINK: 20,
  },
  // the list is active; everything record-like belongs to the Globex page kept from earlier
  list: {
    ACTIVE_PAGE: 1,
    PAGE_HOST: 2,
    HIGHLIGHTS: 1,
    PRIMARY_FIELD: 1,
    RECORD_FIELD: 7,
    'FIELD_VALUE[0]': 7,
    'FIELD_VALUE[1]': 7,
    MAILTO_LINK: 3,
    FIELD_LINK: 35,
  },
  // 8 chrome links + phone and website in the highlights and in the fields + Hank's row (2)
  'account-native-shadow': {
    ACTIVE_PAGE: 1,
    PAGE_HOST: 1,
    HIGHLIGHTS: 1,
    PRIMARY_FIELD: 1,
    RECORD_FIELD: 4,
    'FIELD_VALUE[0]': 4,
    'FIELD_VALUE[1]': 4,
    MAILTO_LINK: 1,
    FIELD_LINK: 14,
  },
};

/** What a plain `querySelectorAll` sees of the native-shadow page. */
const PLAIN_NATIVE: Record<string, number> = {
  ACTIVE_PAGE: 1,
  PAGE_HOST: 1,
  HIGHLIGHTS: 0,
  PRIMARY_FIELD: 0,
  RECORD_FIELD: 0,
  'FIELD_VALUE[0]': 0,
  'FIELD_VALUE[1]': 0,
  MAILTO_LINK: 0,
  FIELD_LINK: 8,
};

describe('selector counts per fixture', () => {
  it('covers every selector constant in every fixture', () => {
    for (const state of STATES)
      expect(Object.keys(COUNTS[state]).sort()).toEqual(Object.keys(SELECTORS).sort());
    expect(Object.keys(PLAIN_NATIVE).sort()).toEqual(Object.keys(SELECTORS).sort());
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
    const doc = page(state);
    expect(deepQuerySelectorAll(doc, selector).length).toBe(COUNTS[state][name]);
    const plain = state === 'account-native-shadow' ? PLAIN_NATIVE[name] : COUNTS[state][name];
    expect(doc.querySelectorAll(selector).length).toBe(plain);
  });
});

interface Expected {
  object: 'account' | 'contact' | 'opportunity' | 'lead';
  recordId: string;
  participants: { email: string; name: string }[];
  domains: string[];
  names: string[];
  /** The page's layer, then the people's (salesforce-people.ts). */
  layer: string;
}

const OPEN: Partial<Record<State, Expected>> = {
  // Hank from the Contacts related list, whose email column is a bare mailto link.
  account: {
    object: 'account',
    recordId: GLOBEX_ID,
    participants: [HANK],
    domains: ['www.globex.com'],
    names: ['Globex'],
    layer: 'active-page/mailto-text',
  },
  contact: {
    object: 'contact',
    recordId: '003Dp00000MhScoIAF',
    participants: [HANK],
    domains: [],
    names: ['Globex'],
    layer: 'active-page/email-fields',
  },
  opportunity: {
    object: 'opportunity',
    recordId: '006Dp00000BqRwlIAF',
    // Hank from the Contact Roles related list (a bare mailto link).
    participants: [HANK],
    domains: [],
    names: ['Globex'],
    layer: 'active-page/mailto-text',
  },
  lead: {
    object: 'lead',
    recordId: '00QDp00000FzPshMAF',
    participants: [PRIYA],
    domains: ['initech-systems.com'],
    names: ['Initech Systems'],
    layer: 'active-page/email-fields',
  },
  // Hank's row, in shadow roots, with his email in the email component.
  'account-native-shadow': {
    object: 'account',
    recordId: GLOBEX_ID,
    participants: [HANK],
    domains: ['www.globex.com'],
    names: ['Globex'],
    layer: 'active-page/email-fields',
  },
};

describe('read()', () => {
  it.each(STATES)('%s', (state) => {
    const { doc, url } = load(state);
    const result = salesforceAdapter.read(doc, url);
    const expected = OPEN[state];
    if (!expected) {
      expect(result).toEqual({ status: 'none' });
      return;
    }
    expect(result).toEqual({
      status: 'open',
      key: `salesforce:${expected.object}:${expected.recordId}`,
      // Standard navigation: the one active page (salesforce.ts PAGE_LAYERS), then its people.
      layer: expected.layer,
      context: {
        host: 'salesforce',
        url: url.href,
        participants: expected.participants,
        domains: expected.domains,
        names: expected.names,
        crmRef: {
          system: 'salesforce',
          recordType: expected.object,
          recordId: expected.recordId,
          url: `${url.origin}${url.pathname}`,
        },
      },
    } satisfies ReadResult);
  });

  it('cannot read the native-shadow page without piercing its shadow roots', () => {
    const { doc, url } = load('account-native-shadow', { attach: false });
    expect(salesforceAdapter.read(doc, url)).toEqual({
      status: 'unreadable',
      reason: `the record shows no name (${HIGHLIGHTS} ${PRIMARY_FIELD})`,
      thing: 'account',
    });
  });

  it('never reads a page kept from earlier: the Northwind account beside Hank', () => {
    const { doc, url } = load('contact');
    const kept = deepQuerySelectorAll(doc, PAGE_HOST).filter((el) => !el.matches(ACTIVE_PAGE));
    expect(kept).toHaveLength(1);
    expect(deepText(kept[0]?.querySelector(PRIMARY_FIELD) as Element)).toBe('Northwind Logistics');
    const result = salesforceAdapter.read(doc, url);
    expect(result.status === 'open' && result.context.names).toEqual(['Globex']);
    expect(result.status === 'open' && result.context.domains).toEqual([]);
  });

  it('follows the active class when Lightning switches back to a kept page', () => {
    const { doc } = load('contact');
    const [hank, northwind] = deepQuerySelectorAll(doc, PAGE_HOST);
    hank?.classList.remove('active');
    northwind?.classList.add('active');
    const url = new URL(`${ORG}/lightning/r/Account/001Dp00000KxNwdIAF/view`);
    const result = salesforceAdapter.read(doc, url);
    expect(result.status === 'open' && result.context.names).toEqual(['Northwind Logistics']);
    expect(result.status === 'open' && result.context.domains).toEqual(['northwind.co.uk']);
  });

  it('reads a contact role as a person of the deal, never the activity quoting the user', () => {
    const { doc, url } = load('opportunity');
    expect(deepQuerySelectorAll(doc, MAILTO_LINK).map((a) => a.getAttribute('href'))).toEqual([
      'mailto:h.scorpio@globex.com',
    ]);
    const result = salesforceAdapter.read(doc, url);
    expect(result.status === 'open' && result.context.participants).toEqual([HANK]);
    const account = salesforceAdapter.read(load('account').doc, load('account').url);
    // The account's activity quotes the user (sam.carter@brightwave.io): never a participant.
    expect(account.status === 'open' && account.context.participants).toEqual([HANK]);
  });

  it('reads the object-less URL Lightning shows right after a save', () => {
    const { doc } = load('lead');
    const url = new URL(`${ORG}/lightning/r/00QDp00000FzPsh/view`);
    const result = salesforceAdapter.read(doc, url);
    expect(result.status === 'open' && result.key).toBe('salesforce:lead:00QDp00000FzPshMAF');
    expect(result.status === 'open' && result.context.participants).toEqual([PRIYA]);
  });

  it('names an email on an account or opportunity without a person', () => {
    const { doc, url } = load('account');
    const phone = deepQuerySelectorAll(doc, RECORD_FIELD).find(
      (el) => el.getAttribute('data-target-selection-name') === 'sfdc:RecordField.Account.Phone',
    );
    const link = phone?.querySelector('a');
    link?.setAttribute('href', 'mailto:Info@Globex.com?subject=Hello');
    const result = salesforceAdapter.read(doc, url);
    expect(result.status === 'open' && result.context.participants).toEqual([
      { email: 'info@globex.com', name: '' },
      HANK,
    ]);
  });
});

describe('mangled pages give unreadable, never an exception', () => {
  it('no active page', () => {
    const { doc, url } = load('account');
    for (const el of deepQuerySelectorAll(doc, ACTIVE_PAGE)) el.classList.remove('active');
    expect(salesforceAdapter.read(doc, url)).toEqual({
      status: 'unreadable',
      reason: `the URL shows a record but no layer finds its page (${layersTried(PAGE_LAYERS)})`,
      thing: 'account',
    });
  });

  it('a primary field outside the highlights panel does not count', () => {
    const { doc, url } = load('account');
    const highlights = doc.querySelector(HIGHLIGHTS);
    const name = doc.querySelector(PRIMARY_FIELD);
    if (highlights && name) highlights.replaceWith(name);
    expect(salesforceAdapter.read(doc, url).status).toBe('unreadable');
  });

  it('an empty primary field', () => {
    const { doc, url } = load('contact');
    const name = doc.querySelector(`${ACTIVE_PAGE} ${PRIMARY_FIELD}`);
    if (name) name.textContent = ' ';
    expect(salesforceAdapter.read(doc, url)).toEqual({
      status: 'unreadable',
      reason: `the record shows no name (${HIGHLIGHTS} ${PRIMARY_FIELD})`,
      thing: 'contact',
    });
  });

  it('an unreadable opportunity and lead are named as such, never as an email', () => {
    for (const state of ['opportunity', 'lead'] as const) {
      const { doc, url } = load(state);
      for (const el of deepQuerySelectorAll(doc, PRIMARY_FIELD)) el.removeAttribute('slot');
      const result = salesforceAdapter.read(doc, url);
      expect(result.status === 'unreadable' && result.thing).toBe(state);
    }
  });

  it('fields without their API names: the record still reads, with less', () => {
    const { doc, url } = load('lead');
    for (const el of deepQuerySelectorAll(doc, RECORD_FIELD))
      el.removeAttribute('data-target-selection-name');
    const result = salesforceAdapter.read(doc, url);
    expect(result.status).toBe('open');
    // Priya's email still shows in the highlights panel, which has no API names.
    expect(result.status === 'open' && result.context.participants).toEqual([PRIYA]);
    expect(result.status === 'open' && result.context.names).toEqual([]);
  });

  it('the same page at a list URL is simply no record', () => {
    const { doc } = load('account');
    doc.querySelector(PRIMARY_FIELD)?.remove();
    const url = new URL(`${ORG}/lightning/o/Account/list?filterName=Recent`);
    expect(salesforceAdapter.read(doc, url)).toEqual({ status: 'none' });
  });

  it('a document that throws on every query', () => {
    const { doc, url } = load('account');
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
    expect(() => salesforceAdapter.read(hostile, url)).not.toThrow();
    expect(salesforceAdapter.read(hostile, url)).toEqual({
      status: 'unreadable',
      reason: 'reading the page failed: boom',
    });
    expect(salesforceAdapter.watchRoot(hostile)).toBeNull();
  });

  it('an empty document', () => {
    const doc = new DOMParser().parseFromString('', 'text/html');
    const record = new URL(`${ORG}/lightning/r/Account/${GLOBEX_ID}/view`);
    expect(salesforceAdapter.read(doc, record).status).toBe('unreadable');
    const home = new URL(`${ORG}/lightning/page/home`);
    expect(salesforceAdapter.read(doc, home)).toEqual({ status: 'none' });
  });
});

describe('watchRoot()', () => {
  it.each(STATES)('%s: the window manager around the page hosts', (state) => {
    const { doc } = load(state);
    const root = salesforceAdapter.watchRoot(doc);
    expect(root?.classList.contains('oneCenterStage')).toBe(true);
    for (const host of deepQuerySelectorAll(doc, PAGE_HOST))
      expect(root?.contains(host)).toBe(true);
    expect(root?.contains(doc.querySelector('#oneHeader'))).toBe(false);
    expect(root?.contains(doc.querySelector('one-appnav'))).toBe(false);
  });

  it('is null before Lightning has rendered', () => {
    const doc = new DOMParser().parseFromString('<div class="auraLoadingBox"></div>', 'text/html');
    expect(salesforceAdapter.watchRoot(doc)).toBeNull();
  });

  it('asks the watcher to observe class and selection changes (switching pages moves "active", console tabs "aria-selected")', () => {
    expect(WATCH_ATTRIBUTES).toEqual(['class', 'aria-selected']);
  });
});

describe('shadow DOM helpers', () => {
  /** host > #shadow(span.a, inner > #shadow(span.a, slot)) with light children. */
  function tree() {
    const doc = new DOMParser().parseFromString(
      '<div id="host"><b class="light">Light</b></div><span class="a">outside</span>',
      'text/html',
    );
    const host = doc.getElementById('host') as HTMLElement;
    const outer = host.attachShadow({ mode: 'open' });
    const a = doc.createElement('span');
    a.className = 'a';
    a.textContent = 'one';
    const inner = doc.createElement('x-inner');
    outer.append(a, inner);
    const innerRoot = inner.attachShadow({ mode: 'open' });
    const a2 = doc.createElement('span');
    a2.className = 'a';
    a2.textContent = 'two';
    innerRoot.append(a2);
    const closedHost = doc.createElement('x-closed');
    outer.append(closedHost);
    const closed = closedHost.attachShadow({ mode: 'closed' });
    const hidden = doc.createElement('span');
    hidden.className = 'a';
    closed.append(hidden);
    return { doc, host, a, a2, inner };
  }

  it('deepQuerySelectorAll finds matches in every open shadow root, each once', () => {
    const { doc, a, a2 } = tree();
    const found = deepQuerySelectorAll(doc, 'span.a');
    expect(found).toHaveLength(3);
    expect(found).toContain(a);
    expect(found).toContain(a2);
    expect(doc.querySelectorAll('span.a')).toHaveLength(1);
  });

  it('deepQuerySelectorAll starts inside a host it is given', () => {
    const { host, a, a2 } = tree();
    expect(deepQuerySelectorAll(host, 'span.a')).toEqual([a, a2]);
    expect(deepQuerySelectorAll(host, '.light')).toHaveLength(1);
  });

  it('deepContains crosses shadow boundaries', () => {
    const { doc, host, a2, inner } = tree();
    expect(deepContains(host, a2)).toBe(true);
    expect(deepContains(inner, a2)).toBe(true);
    expect(host.contains(a2)).toBe(false);
    expect(deepContains(doc.querySelector('span.a') as Element, a2)).toBe(false);
  });

  it('deepText reads shadow trees and puts slotted children where their slot is', () => {
    const doc = new DOMParser().parseFromString(
      '<x-card id="c"><i slot="title">Globex</i><span>Customer</span><i slot="missing">x</i></x-card>',
      'text/html',
    );
    const card = doc.getElementById('c') as HTMLElement;
    const root = card.attachShadow({ mode: 'open' });
    const h = doc.createElement('h1');
    const title = doc.createElement('slot');
    title.setAttribute('name', 'title');
    title.textContent = 'fallback title';
    h.append('Account: ', title);
    const body = doc.createElement('p');
    const rest = doc.createElement('slot');
    body.append(rest);
    const empty = doc.createElement('slot');
    empty.setAttribute('name', 'footer');
    empty.textContent = ' (no footer)';
    const style = doc.createElement('style');
    style.textContent = 'h1 { color: red }';
    root.append(style, h, ' / ', body, empty);
    expect(deepText(card)).toBe('Account: Globex / Customer (no footer)');
    expect(card.textContent).toBe('GlobexCustomerx');
  });

  it('deepText reads synthetic-shadow markup (slotted content inside the slot) the same way', () => {
    const { doc } = load('account');
    expect(deepText(doc.querySelector(PRIMARY_FIELD) as Element)).toBe('Globex');
    const native = load('account-native-shadow').doc;
    expect(deepText(deepQuerySelectorAll(native, PRIMARY_FIELD)[0] as Element)).toBe('Globex');
  });
});

describe('record ids', () => {
  const IDS: [string, string | null][] = [
    ['001Dp00000KxGlb', '001Dp00000KxGlbIAF'],
    ['001Dp00000KxGlbIAF', '001Dp00000KxGlbIAF'],
    ['001Dp00000KxGlbiaf', '001Dp00000KxGlbIAF'],
    ['003Dp00000MhTrY', '003Dp00000MhTrYIAV'],
    ['00QDp00000FzPsh', '00QDp00000FzPshMAF'],
    ['001Dp00000KxGlbAAA', null],
    ['001Dp00000KxGl', null],
    ['001Dp00000KxGlbIA', null],
    ['001Dp00000KxGlbIAF0', null],
    ['001Dp00000KxG-b', null],
    ['', null],
  ];
  it.each(IDS)('toId18(%j) is %j', (id, expected) => {
    expect(toId18(id)).toBe(expected);
  });

  it('knows the four objects by their key prefixes', () => {
    expect(OBJECT_PREFIXES).toEqual({
      Account: '001',
      Contact: '003',
      Opportunity: '006',
      Lead: '00Q',
    });
    expect(objectOfId('001Dp00000KxGlbIAF')).toBe('Account');
    expect(objectOfId('00QDp00000FzPshMAF')).toBe('Lead');
    expect(objectOfId('00qDp00000FzPshMAF')).toBeNull();
    expect(objectOfId('500Dp00000AbCdEIAF')).toBeNull(); // a Case
  });
});

describe('URLs', () => {
  const RECORDS: [string, string, string][] = [
    [`${ORG}/lightning/r/Account/001Dp00000KxGlbIAF/view`, 'Account', '001Dp00000KxGlbIAF'],
    [`${ORG}/lightning/r/Contact/003Dp00000MhScoIAF/view`, 'Contact', '003Dp00000MhScoIAF'],
    [
      `${ORG}/lightning/r/Opportunity/006Dp00000BqRwlIAF/view/`,
      'Opportunity',
      '006Dp00000BqRwlIAF',
    ],
    [`${ORG}/lightning/r/Lead/00QDp00000FzPsh/view`, 'Lead', '00QDp00000FzPshMAF'],
    [`${ORG}/lightning/r/account/001Dp00000KxGlbIAF/view?ws=x`, 'Account', '001Dp00000KxGlbIAF'],
    [`${ORG}/lightning/r/001Dp00000KxGlbIAF/view`, 'Account', '001Dp00000KxGlbIAF'],
    [`${ORG}/lightning/r/003Dp00000MhSco/view#x`, 'Contact', '003Dp00000MhScoIAF'],
    [
      'https://brightwave--uat.sandbox.lightning.force.com/lightning/r/Lead/00QDp00000FzPshMAF/view',
      'Lead',
      '00QDp00000FzPshMAF',
    ],
    [
      'https://brightwave.my.salesforce.com/lightning/r/Account/001Dp00000KxGlbIAF/view',
      'Account',
      '001Dp00000KxGlbIAF',
    ],
  ];
  const NOT_RECORDS = [
    `${ORG}/lightning/o/Account/list?filterName=Recent`,
    `${ORG}/lightning/o/Lead/home`,
    `${ORG}/lightning/page/home`,
    `${ORG}/lightning/setup/SetupOneHome/home`,
    `${ORG}/lightning/setup/ObjectManager/Account/Details/view`,
    `${ORG}/lightning/r/Account/001Dp00000KxGlbIAF/related/Contacts/view`,
    `${ORG}/lightning/r/Account/001Dp00000KxGlbIAF/edit`,
    `${ORG}/lightning/r/Contact/001Dp00000KxGlbIAF/view`, // an Account id under Contact
    `${ORG}/lightning/r/Case/500Dp00000AbCdEIAF/view`,
    `${ORG}/lightning/r/Account/001Dp00000KxGlbAAA/view`, // wrong checksum
    `${ORG}/lightning/r/Account/001Dp00000KxG/view`,
    `${ORG}/lightning/r/Lead/00qDp00000FzPsh/view`, // the prefix is case-sensitive
    'https://brightwave.my.salesforce.com/001Dp00000KxGlb', // Salesforce Classic
    'https://brightwave.lightning.force.com.evil.example/lightning/r/Account/001Dp00000KxGlbIAF/view',
    'https://lightning.force.com/lightning/r/Account/001Dp00000KxGlbIAF/view',
  ];

  it.each(RECORDS)('%s is a %s (%s)', (href, object, recordId) => {
    const url = new URL(href);
    expect(isRecordUrl(url)).toBe(true);
    expect(salesforceRecordFromUrl(url)).toEqual({
      object,
      recordId,
      url: `${url.origin}${url.pathname}`,
    });
  });

  it.each(NOT_RECORDS)('%s is not a record', (href) => {
    const url = new URL(href);
    expect(isRecordUrl(url)).toBe(false);
    expect(salesforceRecordFromUrl(url)).toBeNull();
  });

  it.each(STATES)('the %s fixture URL agrees with its page', (state) => {
    expect(isRecordUrl(fixture(state).url)).toBe(OPEN[state] !== undefined);
  });

  const MATCHES: [string, boolean][] = [
    [`${ORG}/lightning/page/home`, true],
    [`${ORG}/lightning/setup/SetupOneHome/home`, true],
    ['https://brightwave--uat.sandbox.lightning.force.com/lightning/o/Lead/home', true],
    ['https://brightwave.my.salesforce.com/001Dp00000KxGlb', true],
    ['https://acme-corp.lightning.force.com/lightning/page/home', true],
    ['http://brightwave.lightning.force.com/lightning/page/home', false],
    ['https://brightwave.lightning.force.com:444/lightning/page/home', false],
    ['https://lightning.force.com/lightning/page/home', false],
    ['https://brightwave.lightning.force.com.evil.example/lightning/page/home', false],
    ['https://brightwave.force.com/s/', false],
    ['https://login.salesforce.com/', false],
    ['https://www.salesforce.com/', false],
    ['https://brightwave.my.site.com/s/', false],
    ['https://app.hubspot.com/contacts/1/record/0-2/1', false],
  ];
  it.each(MATCHES)('matches(%s) is %s', (href, expected) => {
    expect(salesforceAdapter.matches(new URL(href))).toBe(expected);
  });
});

// ---------------------------------------------------------------------------------------------
// Driven by the shared watcher, in the test's own document (as the content script runs it).
// ---------------------------------------------------------------------------------------------

const show = (state: State) => showPage(load(state));

describe('driven by watchContext', () => {
  /** Lightning switches back to the Northwind page it kept: a new URL, and `active` moves. */
  async function switchBack(attributes: string[]): Promise<string[]> {
    show('contact');
    const controller = new AbortController();
    const seen: string[] = [];
    const report = (r: ReadResult) => seen.push(identityOf(r));
    watchContext(salesforceAdapter, document, window, report, controller.signal, { attributes });
    setPageUrl(`${ORG}/lightning/r/Account/001Dp00000KxNwdIAF/view`);
    const [hank, northwind] = deepQuerySelectorAll(document, PAGE_HOST);
    hank?.classList.remove('active');
    northwind?.classList.add('active');
    await settle();
    controller.abort();
    return seen;
  }

  it('notices a kept page coming back when it also observes class changes', async () => {
    expect(await switchBack([...DEFAULT_ATTRIBUTES, ...WATCH_ATTRIBUTES])).toEqual([
      'open:salesforce:contact:003Dp00000MhScoIAF',
      'open:salesforce:account:001Dp00000KxNwdIAF',
    ]);
  });

  it('misses it with the default attributes alone (why WATCH_ATTRIBUTES exists)', async () => {
    expect(await switchBack(DEFAULT_ATTRIBUTES)).toEqual([
      'open:salesforce:contact:003Dp00000MhScoIAF',
    ]);
  });
});
