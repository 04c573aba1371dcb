/**
 * Pipedrive's older detail view for organizations and deals, read as the dated fallback layers
 * (utils/content/hosts/pipedrive.ts RECORD_LAYERS "landmarks", WEBSITE_LAYERS "site-links"), against
 * tests/fixtures/pipedrive/pipedrive-2026-12-05-{organization,deal}-legacy.html, written from a
 * description and not saved from a live account: exact selector counts, exactly the record's
 * people, organization and website, the layers that read them, and the history beside them (Hank
 * of Globex in an email carrying its own <aside>, Priya of Initech in a note) never read.
 */
import { describe, expect, it } from 'vitest';
import {
  DETAIL_VIEW,
  HISTORY_ITEM,
  LANDMARK_SIDEBAR,
  LANDMARK_TITLE,
  MAILTO_LINK,
  ORGANIZATION_LINK,
  PAGE_CONTENT,
  PERSON_LINK,
  RECORD_LAYERS,
  RECORD_TITLE,
  SIDEBAR,
  SITE_LINK,
  WEBSITE_FIELD,
  WEBSITE_LAYERS,
  pipedriveAdapter,
} from '@/utils/content/hosts/pipedrive';
import type { ReadResult } from '@/utils/content/hosts/types';
import { loadHostFixture } from './host-fixtures';

const STATES = ['organization-legacy', 'deal-legacy'] as const;
type State = (typeof STATES)[number];
const load = (state: State) => loadHostFixture('pipedrive', state, { date: '2026-12-05' });

const ANNA = { email: 'anna.keller@northwind.co.uk', name: 'Anna Keller' };
const TOM = { email: 'tom.reyes@mail.northwind.co.uk', name: 'Tom Reyes' };
const INTRUDERS = [
  'h.scorpio@globex.com',
  'priya.shah@initech-systems.com',
  'sam.carter@brightwave.io',
];

const SELECTORS: Record<string, string> = {
  DETAIL_VIEW,
  RECORD_TITLE,
  SIDEBAR,
  WEBSITE_FIELD,
  PAGE_CONTENT,
  LANDMARK_TITLE: `${PAGE_CONTENT} ${LANDMARK_TITLE}`,
  LANDMARK_SIDEBAR: `${PAGE_CONTENT} :is(${LANDMARK_SIDEBAR})`,
  HISTORY_ITEM,
  SITE_LINK,
  MAILTO_LINK,
  PERSON_LINK,
  ORGANIZATION_LINK,
};

// Both pages: none of the current layout's test ids; the record's aside and the one inside the
// Globex email; the email and the note; in the history, Hank's person link, Globex's and
// Initech's organization links, www.globex.com, and 3 mailto links (Hank twice, the user, Priya:
// 4). The organization adds its website and LinkedIn links and Anna's and Tom's addresses (Mara
// has none); the deal adds Anna's address, Northwind's link and its website.
const COUNTS: Record<State, Record<string, number>> = {
  'organization-legacy': {
    DETAIL_VIEW: 0,
    RECORD_TITLE: 0,
    SIDEBAR: 0,
    WEBSITE_FIELD: 0,
    PAGE_CONTENT: 1,
    LANDMARK_TITLE: 1,
    LANDMARK_SIDEBAR: 2,
    HISTORY_ITEM: 2,
    SITE_LINK: 3,
    MAILTO_LINK: 6,
    PERSON_LINK: 4,
    ORGANIZATION_LINK: 2,
  },
  'deal-legacy': {
    DETAIL_VIEW: 0,
    RECORD_TITLE: 0,
    SIDEBAR: 0,
    WEBSITE_FIELD: 0,
    PAGE_CONTENT: 1,
    LANDMARK_TITLE: 1,
    LANDMARK_SIDEBAR: 2,
    HISTORY_ITEM: 2,
    SITE_LINK: 2,
    MAILTO_LINK: 5,
    PERSON_LINK: 2,
    ORGANIZATION_LINK: 3,
  },
};

describe('the 2026-12-05 older-layout fixtures', () => {
  it.each(STATES)('%s: a whole page under 40 KB, dated, with no script', (state) => {
    const { html, doc } = load(state);
    expect(html).toMatch(/^<!-- url: https:\/\/brightwave\.pipedrive\.com\/(organization|deal)\//);
    expect(html).toMatch(/layout dated 2026-12-05/);
    expect(html).toMatch(/not saved from a live account/);
    expect(html.length).toBeLessThan(40_000);
    expect(doc.querySelectorAll('script')).toHaveLength(0);
  });

  const cases = STATES.flatMap((state) =>
    Object.entries(SELECTORS).map(([name, selector]) => ({ state, name, selector })),
  );
  it.each(cases)('$state: $name', ({ state, name, selector }) => {
    expect(load(state).doc.querySelectorAll(selector).length).toBe(COUNTS[state][name]);
  });
});

describe('read()', () => {
  it('the organization: Northwind, Anna and Tom, its website, by the fallback layers', () => {
    const { doc, url } = load('organization-legacy');
    expect(pipedriveAdapter.read(doc, url)).toEqual({
      status: 'open',
      key: 'pipedrive:organization:412',
      layer: 'landmarks/site-links',
      context: {
        host: 'pipedrive',
        url: url.href,
        participants: [ANNA, TOM],
        domains: ['northwind.co.uk'],
        names: ['Northwind Logistics'],
        crmRef: {
          system: 'pipedrive',
          recordType: 'organization',
          recordId: '412',
          url: 'https://brightwave.pipedrive.com/organization/412',
        },
      },
    } satisfies ReadResult);
  });

  it("the deal: Anna, Northwind and its website, never the deal's title as a company", () => {
    const { doc, url } = load('deal-legacy');
    expect(pipedriveAdapter.read(doc, url)).toEqual({
      status: 'open',
      key: 'pipedrive:deal:963',
      layer: 'landmarks/site-links',
      context: {
        host: 'pipedrive',
        url: url.href,
        participants: [ANNA],
        domains: ['northwind.co.uk'],
        names: ['Northwind Logistics'],
        crmRef: {
          system: 'pipedrive',
          recordType: 'deal',
          recordId: '963',
          url: 'https://brightwave.pipedrive.com/deal/963',
        },
      },
    } satisfies ReadResult);
  });

  it.each(STATES)('%s: each layer on its own', (state) => {
    const { doc } = load(state);
    const names = state === 'deal-legacy' ? 'Northwind Q1 renewal' : 'Northwind Logistics';
    expect(RECORD_LAYERS.map((l) => [l.name, l.dated, l.read(doc)?.name ?? null])).toEqual([
      ['detail-view', '2026-11-28', null],
      ['landmarks', '2026-12-05', names],
    ]);
    const sidebar = doc.querySelector('aside.detailView__sidebar') as Element;
    expect(WEBSITE_LAYERS.map((l) => [l.name, l.dated, l.read(sidebar)])).toEqual([
      ['website-field', '2026-11-28', null],
      ['site-links', '2026-12-05', ['northwind.co.uk']],
    ]);
  });

  it('the current layout keeps answering from its own layers', () => {
    const { doc, url } = loadHostFixture('pipedrive', 'organization');
    const result = pipedriveAdapter.read(doc, url);
    expect(result.status === 'open' && result.layer).toBe('detail-view');
    expect(result.status === 'open' && result.context.domains).toEqual(['northwind.co.uk']);
  });
});

describe('the history is never read', () => {
  it.each(STATES)('%s: no address of the email, the note or the user', (state) => {
    const { doc, url } = load(state);
    const result = pipedriveAdapter.read(doc, url);
    const emails = result.status === 'open' ? result.context.participants.map((p) => p.email) : [];
    for (const intruder of INTRUDERS) expect(emails).not.toContain(intruder);
    expect(result.status === 'open' && result.context.domains).not.toContain('www.globex.com');
    expect(result.status === 'open' && result.context.names).not.toContain('Globex');
  });

  it.each(STATES)(
    '%s: without the record aside, the email’s own aside is not taken for it',
    (state) => {
      const { doc, url } = load(state);
      doc.querySelector('aside.detailView__sidebar')?.remove();
      const result = pipedriveAdapter.read(doc, url);
      expect(result.status).toBe('open');
      expect(result.status === 'open' && result.context.participants).toEqual([]);
      expect(result.status === 'open' && result.context.domains).toEqual([]);
      expect(result.status === 'open' && result.context.names).toEqual(
        state === 'organization-legacy' ? ['Northwind Logistics'] : [],
      );
      expect(result.status === 'open' && result.layer).toBe('landmarks');
    },
  );
});

describe('hostile and mangled pages', () => {
  it("a person's own site in the People section is not the organization's", () => {
    const { doc, url } = load('organization-legacy');
    const tom = doc.querySelector('a[href="/person/1187"]')?.parentElement;
    const site = doc.createElement('a');
    site.href = 'https://tomreyes.dev';
    site.textContent = 'tomreyes.dev';
    tom?.append(site);
    const result = pipedriveAdapter.read(doc, url);
    expect(result.status === 'open' && result.context.domains).toEqual(['northwind.co.uk']);
  });

  it('a link whose text names another site than it points at is no website', () => {
    const { doc, url } = load('organization-legacy');
    const website = doc.querySelector('a[href="https://northwind.co.uk"]') as Element;
    website.setAttribute('href', 'https://evil.example/');
    const result = pipedriveAdapter.read(doc, url);
    expect(result.status === 'open' && result.context.domains).toEqual([]);
  });

  it.each([
    ['organization-legacy', 'organization'],
    ['deal-legacy', 'deal'],
  ] as const)('%s without a name: unreadable, naming the Pipedrive %s', (state, thing) => {
    const { doc, url } = load(state);
    doc.querySelector('main h1')?.remove();
    const result = pipedriveAdapter.read(doc, url);
    expect(result.status).toBe('unreadable');
    expect(result.status === 'unreadable' && result.thing).toBe(thing);
  });
});
