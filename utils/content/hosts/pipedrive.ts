/**
 * Pipedrive adapter: the only code that reads Pipedrive's pages. It runs in the content script, and
 * shares its reading helpers with the other adapters (read-helpers.ts).
 *
 * It reads an open person, organization or deal and nothing else. The key is the record identity
 * from the URL (`pipedrive:<type>:<id>`); the page gives the record's name from the detail view's
 * header, and from its sidebar the emails, the website, and the linked organization and people.
 * The main column (notes, activities, the email history) is never read: it quotes everyone who
 * ever wrote, the user included.
 *
 * Pipedrive publishes no markup contract, and no public extension or test suite we could find
 * reads its detail view, so the `data-testid` anchors below follow the dated fixtures in
 * tests/fixtures/pipedrive/ (pipedrive-2026-11-28-*.html) and must be checked against a live
 * account before release. Everything else rests on what any Pipedrive build must render: `mailto:`
 * links and links to `/person/<id>` and `/organization/<id>`. The fixture test asserts an exact
 * count for every selector below.
 */
import type { HostContext } from '@/utils/contract/messages';
import {
  addressesOfMailto,
  cardAround,
  hostOf,
  isHidden,
  MAILTO_LINK,
  pushParticipant,
  pushUnique,
  readSafely,
  squash,
  unreadable,
} from './read-helpers';
import { MAX_DOMAINS, MAX_NAMES } from '@/utils/contract/limits';
import type { HostAdapter, ReadResult } from './types';

// Email links, as every adapter reads them (read-helpers.ts); the fixture tests count them here.
export { MAILTO_LINK };
import { layersTried, readInLayers, type ReadLayer } from './layers';

// ---------------------------------------------------------------------------------------------
// Selectors. Test ids and link targets; never the hashed CSS-module class names.
// ---------------------------------------------------------------------------------------------

/**
 * The page content right of the navigation rail; lists and detail views render in it:
 *   <main id="mainContent" class="cui5-... _main_1x9yq_12"> ...
 */
export const PAGE_CONTENT = 'main';

/**
 * The detail view of one person, organization or deal:
 *   <div data-testid="detail-view" data-entity="organization" class="_detailView_3k2fa_1"> ...
 */
export const DETAIL_VIEW = '[data-testid="detail-view"]';

/**
 * The record's name in the detail view's header:
 *   <h1 data-testid="header-title" class="_title_8cmz4_5">Northwind Logistics</h1>
 */
export const RECORD_TITLE = '[data-testid="header-title"]';

/**
 * The detail view's left sidebar, with the record's fields and its linked people and organization:
 *   <aside data-testid="detail-view-sidebar" class="_sidebar_1p0e3_9"> ...
 */
export const SIDEBAR = '[data-testid="detail-view-sidebar"]';

/**
 * Landmarks for a record page without the detail view's test ids: its name is the content's first
 * heading, its fields are in the complementary region beside the history:
 *   <main id="mainContent"><div class="detailView"><h1 class="...">Tom Reyes</h1> ...
 *   <aside class="sidebar" aria-label="Details"> ... </aside> <div class="flow"> history </div>
 */
export const LANDMARK_TITLE = 'h1';
export const LANDMARK_SIDEBAR = 'aside, [role="complementary"]';
/**
 * An item of the history (an email, a note), never the record's sidebar even when it holds an
 * `<aside>` of its own (a quoted signature card, an email's own markup):
 *   <div class="_flowItem_8d7f6_1" data-testid="flow-item-email"> ...
 */
export const HISTORY_ITEM = '[data-testid^="flow-item"], article, [role="article"]';

/**
 * The website field (organizations, and deals showing their organization's fields):
 *   <div data-testid="field-website" class="_field_..."><a href="https://northwind.co.uk"
 *        target="_blank" rel="noopener noreferrer">northwind.co.uk</a></div>
 */
export const WEBSITE_FIELD = '[data-testid="field-website"]';

/**
 * Links to a person or an organization (relative, or absolute on the same company host):
 *   <a href="/person/1187" class="_link_...">Tom Reyes</a>
 *   <a href="/organization/412" class="_link_...">Northwind Logistics</a>
 */
export const PERSON_LINK = 'a[href*="/person/"]';
export const ORGANIZATION_LINK = 'a[href*="/organization/"]';
/** Deal links (`<a href="/deal/963">Northwind Q1 renewal</a>`) only bound the cards above. */
const DEAL_LINK = 'a[href*="/deal/"]';
/** Every link to a record: a card around a person's link holds no link to another record. */
const RECORD_LINKS = `${PERSON_LINK}, ${ORGANIZATION_LINK}, ${DEAL_LINK}`;

/**
 * Links to other sites, for the older detail view's website, which has no field test id: a
 * website field shows the site's own address as the link's text.
 *   <div class="_field_2m5n1_4"><span>Website</span><div><a href="https://northwind.co.uk"
 *        target="_blank" rel="noopener noreferrer">northwind.co.uk</a></div></div>
 */
export const SITE_LINK = 'a[href^="https://"], a[href^="http://"]';

// ---------------------------------------------------------------------------------------------
// URLs (pure)
// ---------------------------------------------------------------------------------------------

export type PipedriveRecordType = 'person' | 'organization' | 'deal';

export interface PipedriveRecord {
  recordType: PipedriveRecordType;
  recordId: string;
  /** The record URL without query or hash. */
  url: string;
}

/** A company's own host (brightwave.pipedrive.com) or app.pipedrive.com. */
const COMPANY_HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.pipedrive\.com$/;
/** Pipedrive's own sites on the same domain, which are never a company's account. */
const NOT_APP_HOSTS = new Set([
  'www.pipedrive.com',
  'api.pipedrive.com',
  'developers.pipedrive.com',
  'oauth.pipedrive.com',
  'marketplace.pipedrive.com',
  'support.pipedrive.com',
  'status.pipedrive.com',
]);
const RECORD_TYPES = new Set<string>(['person', 'organization', 'deal']);
const NUMERIC_ID = /^[1-9]\d{0,15}$/;

/** True for a Pipedrive account (https://<company>.pipedrive.com). */
export function isPipedriveUrl(url: URL): boolean {
  return (
    url.protocol === 'https:' &&
    url.port === '' &&
    COMPANY_HOST.test(url.hostname) &&
    !NOT_APP_HOSTS.has(url.hostname)
  );
}

/**
 * The record a URL shows, or null for lists, the pipeline, leads and settings:
 *   /person/1187, /organization/412/, /deal/963?tab=notes -> person 1187, organization 412, deal 963
 *   /persons/list/user/everyone, /pipeline/1, /leads/inbox/<uuid>, /settings/personal -> null
 */
export function pipedriveRecordFromUrl(url: URL): PipedriveRecord | null {
  if (!isPipedriveUrl(url)) return null;
  const segments = url.pathname.split('/').filter((s) => s !== '');
  const [kind, id] = segments;
  if (segments.length !== 2 || kind === undefined || !RECORD_TYPES.has(kind)) return null;
  if (id === undefined || !NUMERIC_ID.test(id)) return null;
  return {
    recordType: kind as PipedriveRecordType,
    recordId: id,
    url: `${url.origin}${url.pathname}`,
  };
}

/** True when the URL says a person, organization or deal is open. */
export function isRecordUrl(url: URL): boolean {
  return pipedriveRecordFromUrl(url) !== null;
}

// ---------------------------------------------------------------------------------------------
// Reading (pure functions of a Document)
// ---------------------------------------------------------------------------------------------

/** The record a person, organization or deal link points at (`/person/1187?x` -> person:1187). */
function linkTarget(link: Element): string | null {
  const match = /\/(person|organization|deal)\/(\d+)(?:[/?#]|$)/.exec(
    link.getAttribute('href') ?? '',
  );
  return match ? `${match[1]}:${match[2]}` : null;
}

/** Where a record page shows the record's name and its fields. */
interface RecordRegions {
  name: string;
  /** The fields and linked records; null when the page shows the name only. */
  sidebar: Element | null;
}

function namedIn(scope: ParentNode, selector: string): string | null {
  for (const el of Array.from(scope.querySelectorAll(selector))) {
    const name = squash(el.textContent ?? '', 200);
    if (name !== '' && !isHidden(el)) return name;
  }
  return null;
}

/**
 * Where the record is, layer by layer (layers.ts): the detail view's test ids first; then the page's
 * landmarks, for a layout without them (the older detail view, or one whose test ids moved): the
 * content's first heading is the record's name, and its complementary region (`<aside>`) holds the
 * fields. Only that region is read for people, never the main column's email history.
 */
export const RECORD_LAYERS: readonly ReadLayer<Document, RecordRegions>[] = [
  {
    name: 'detail-view',
    dated: '2026-11-28',
    looksFor: `${DETAIL_VIEW} ${RECORD_TITLE}`,
    read(doc) {
      // A hidden detail view kept from a previous record does not count.
      const view = Array.from(doc.querySelectorAll(DETAIL_VIEW)).find((v) => !isHidden(v));
      const name = view && namedIn(view, RECORD_TITLE);
      return view && name ? { name, sidebar: view.querySelector(SIDEBAR) } : null;
    },
  },
  {
    name: 'landmarks',
    dated: '2026-12-05',
    looksFor: `${PAGE_CONTENT} ${LANDMARK_TITLE}, ${LANDMARK_SIDEBAR}`,
    read(doc) {
      const main = Array.from(doc.querySelectorAll(PAGE_CONTENT)).find((m) => !isHidden(m));
      const name = main && namedIn(main, LANDMARK_TITLE);
      if (!main || !name) return null;
      // The record's column: not one nested in another, nor one inside an item of the history.
      const sidebar = Array.from(main.querySelectorAll(LANDMARK_SIDEBAR)).find(
        (a) =>
          !isHidden(a) && !a.parentElement?.closest(LANDMARK_SIDEBAR) && !a.closest(HISTORY_ITEM),
      );
      return { name, sidebar: sidebar ?? null };
    },
  },
];

/** The cards of the people linked in a sidebar: nothing in them is the record's own. */
function personCards(sidebar: Element): Element[] {
  return Array.from(sidebar.querySelectorAll(PERSON_LINK)).map((link) =>
    cardAround(link, sidebar, RECORD_LINKS, linkTarget),
  );
}

/** A link to a site's home page whose text shows that site's address ("northwind.co.uk"). */
function showsOwnSite(link: Element): string | null {
  const href = link.getAttribute('href') ?? '';
  const host = hostOf(href);
  let path = '/';
  try {
    path = new URL(href).pathname;
  } catch {
    return null;
  }
  const shown = hostOf(squash(link.textContent ?? '', 300).replace(/\/$/, ''));
  return host && path === '/' && shown?.replace(/^www\./, '') === host.replace(/^www\./, '')
    ? host
    : null;
}

/**
 * The record's web sites, layer by layer: the website field's test id (the current detail view);
 * then, for the older one, links in the sidebar that show their own site's address, outside the
 * linked people's cards (a person's own site or profile is not the organization's).
 */
export const WEBSITE_LAYERS: readonly ReadLayer<Element, string[]>[] = [
  {
    name: 'website-field',
    dated: '2026-11-28',
    looksFor: WEBSITE_FIELD,
    read(sidebar) {
      const hosts: string[] = [];
      for (const field of Array.from(sidebar.querySelectorAll(WEBSITE_FIELD))) {
        const links = Array.from(field.querySelectorAll('a[href]'));
        const values = links.length
          ? links.map((a) => a.getAttribute('href') ?? '')
          : [field.textContent ?? ''];
        for (const value of values) pushUnique(hosts, hostOf(value), MAX_DOMAINS);
      }
      return hosts.length ? hosts : null;
    },
  },
  {
    name: 'site-links',
    dated: '2026-12-05',
    looksFor: `${SITE_LINK} showing its own address`,
    read(sidebar) {
      const cards = personCards(sidebar);
      const hosts: string[] = [];
      for (const link of Array.from(sidebar.querySelectorAll(SITE_LINK))) {
        if (isHidden(link) || cards.some((card) => card.contains(link))) continue;
        pushUnique(hosts, showsOwnSite(link), MAX_DOMAINS);
      }
      return hosts.length ? hosts : null;
    },
  },
];

function readPipedrive(doc: Document, url: URL): ReadResult {
  const record = pipedriveRecordFromUrl(url);
  if (!record) return { status: 'none' };

  const found = readInLayers(RECORD_LAYERS, doc);
  if (!found)
    return unreadable(
      `the URL shows a record but no layer finds its name (${layersTried(RECORD_LAYERS)})`,
      record.recordType,
    );
  const { name, sidebar } = found.value;
  let layer = found.layer;

  const participants: HostContext['participants'] = [];
  const names: string[] = [];
  const domains: string[] = [];

  if (record.recordType === 'organization') names.push(name);
  if (sidebar) {
    if (record.recordType === 'person') {
      // A person's own addresses: the email links in its sidebar (its organization's section
      // shows the organization's name and address, never an email).
      for (const link of Array.from(sidebar.querySelectorAll(MAILTO_LINK))) {
        for (const email of addressesOfMailto(link.getAttribute('href') ?? ''))
          pushParticipant(participants, email, name);
      }
    } else {
      // The people linked to an organization or deal, each with the addresses in its card.
      const seen = new Set<string>();
      for (const link of Array.from(sidebar.querySelectorAll(PERSON_LINK))) {
        const target = linkTarget(link);
        const person = squash(link.textContent ?? '', 200);
        if (!target || seen.has(target) || person === '') continue;
        seen.add(target);
        for (const mail of Array.from(
          cardAround(link, sidebar, RECORD_LINKS, linkTarget).querySelectorAll(MAILTO_LINK),
        )) {
          for (const email of addressesOfMailto(mail.getAttribute('href') ?? ''))
            pushParticipant(participants, email, person);
        }
      }
    }
    if (record.recordType !== 'organization') {
      for (const link of Array.from(sidebar.querySelectorAll(ORGANIZATION_LINK))) {
        if (!linkTarget(link)) continue;
        pushUnique(names, squash(link.textContent ?? '', 200) || null, MAX_NAMES);
      }
    }
    const sites = readInLayers(WEBSITE_LAYERS, sidebar);
    for (const host of sites?.value ?? []) pushUnique(domains, host, MAX_DOMAINS);
    // The health record names a fallback that answered for the website as well.
    if (sites && sites.layer !== 'website-field') layer = `${found.layer}/${sites.layer}`;
  }

  const context: HostContext = {
    host: 'pipedrive',
    url: url.href,
    participants,
    domains,
    names,
    crmRef: {
      system: 'pipedrive',
      recordType: record.recordType,
      recordId: record.recordId,
      url: record.url,
    },
  };
  return {
    status: 'open',
    key: `pipedrive:${record.recordType}:${record.recordId}`,
    context,
    layer,
  };
}

export const pipedriveAdapter: HostAdapter = {
  host: 'pipedrive',
  matches: isPipedriveUrl,
  read: readSafely(readPipedrive),
  /**
   * The page content right of the navigation rail: opening another record or going back to a list
   * replaces what is inside it; the navigation and the top bar are outside.
   */
  watchRoot(doc) {
    try {
      return doc.querySelector(PAGE_CONTENT);
    } catch {
      return null;
    }
  },
};
