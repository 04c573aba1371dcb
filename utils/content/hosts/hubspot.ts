/**
 * HubSpot adapter: the only code that reads HubSpot's CRM pages. It runs in the content script, and
 * shares its reading helpers with the other adapters (read-helpers.ts).
 *
 * It reads an open company, contact or deal record and nothing else. The key is the record identity
 * from the URL (`hubspot:<type>:<id>`); the page gives the record's name, the emails and web domains
 * shown in its left sidebar, and the associated companies and contacts in its right sidebar. The
 * middle pane (activity timeline) is never read: it quotes emails of everyone who ever wrote, the
 * user included. A record preview panel (opened from a list or an activity) is never read either.
 *
 * Markup as public extensions and test suites read HubSpot (the three record columns
 * `data-test-id="left-sidebar"`, `"middle-pane"`, `"records-right-sidebar"`,
 * `data-selenium-test="highlightTitle"`, `data-selenium-test="property-input-<property>"`,
 * `data-crm-location="CRM_OBJECT_PREVIEW"`), checked against the dated fixtures in
 * tests/fixtures/hubspot/ (hubspot-2026-11-28-*.html); the fixture test asserts an exact count for
 * every selector below. HubSpot's class names are styled-components hashes and are never used.
 */
import type { HostContext } from '@/utils/contract/messages';
import {
  addressesInText,
  addressesOfMailto,
  cardAround,
  hostOf,
  MAILTO_LINK,
  pushParticipant,
  readSafely,
  pushUnique,
  squash,
  unreadable,
} from './read-helpers';
import { MAX_DOMAINS, MAX_NAMES } from '@/utils/contract/limits';
import type { HostAdapter, ReadResult } from './types';

// Email links, as every adapter reads them (read-helpers.ts); the fixture tests count them here.
export { MAILTO_LINK };

// ---------------------------------------------------------------------------------------------
// Selectors. HubSpot's test attributes and link targets; never its generated class names.
// ---------------------------------------------------------------------------------------------

/**
 * The page content below the global navigation; a record page and a list page both render in it:
 *   <main id="main-content" class="UIFlex__StyledFlex-sc-..."> ...record columns or index table...
 */
export const PAGE_CONTENT = 'main';

/**
 * The record's left column: highlight card (name) and the "About" card (properties):
 *   <div data-test-id="left-sidebar" class="...">
 */
export const LEFT_SIDEBAR = '[data-test-id="left-sidebar"]';

/**
 * The record's right column: one card per association (companies, contacts, deals):
 *   <div data-test-id="records-right-sidebar" class="...">
 */
export const RIGHT_SIDEBAR = '[data-test-id="records-right-sidebar"]';

/**
 * A record preview panel, opened over a list or a record; it has its own highlight and properties
 * and is never the open record:
 *   <div data-crm-location="CRM_OBJECT_PREVIEW" role="dialog" aria-modal="false"> ...
 */
export const PREVIEW_PANEL = '[data-crm-location="CRM_OBJECT_PREVIEW"]';

/**
 * The record's name in its highlight card (company, contact and deal alike):
 *   <span data-selenium-test="highlightTitle" class="...">Northwind Logistics</span>
 */
export const RECORD_NAME = '[data-selenium-test="highlightTitle"]';

/** A contact's email properties, inline-editable inputs in the "About" card. */
export const EMAIL_PROPERTY = [
  // The primary email:
  //   <input data-selenium-test="property-input-email" value="anna.keller@northwind.co.uk" ...>
  '[data-selenium-test="property-input-email"]',
  // Further emails, separated by semicolons (often empty):
  //   <textarea data-selenium-test="property-input-hs_additional_emails">a@x.com;b@x.com</textarea>
  '[data-selenium-test="property-input-hs_additional_emails"]',
];

/** A company's web domain properties in the "About" card. */
export const DOMAIN_PROPERTY = [
  // The company domain name, as typed: <input data-selenium-test="property-input-domain" value="northwind.co.uk">
  '[data-selenium-test="property-input-domain"]',
  // The website URL: <input data-selenium-test="property-input-website" value="https://www.northwind.co.uk">
  '[data-selenium-test="property-input-website"]',
  // Further domains, separated by semicolons:
  //   <textarea data-selenium-test="property-input-hs_additional_domains">northwind.de</textarea>
  '[data-selenium-test="property-input-hs_additional_domains"]',
];

/**
 * A contact's free-text company name, used only when no associated company card is shown:
 *   <input data-selenium-test="property-input-company" value="Northwind Logistics Ltd">
 */
export const COMPANY_PROPERTY = '[data-selenium-test="property-input-company"]';

/**
 * Association cards link to their records; the card around the link shows the company's domain
 * (an external link) or the contact's email (text beside a copy button):
 *   <a href="/contacts/26491733/record/0-2/18346251907" class="private-link">Northwind Logistics</a>
 *   <a href="/contacts/26491733/record/0-1/75120934811" class="private-link">Anna Keller</a>
 */
export const ASSOCIATED_COMPANY_LINK = 'a[href*="/record/0-2/"]';
export const ASSOCIATED_CONTACT_LINK = 'a[href*="/record/0-1/"]';

/** Any link to a record (companies, contacts, deals, tickets, custom objects). */
const RECORD_LINK = 'a[href*="/record/"]';
/** External links in a company card: the domain (`<a href="https://northwind.co.uk" target="_blank">`). */
const EXTERNAL_LINK = 'a[href^="https://"], a[href^="http://"]';

// ---------------------------------------------------------------------------------------------
// URLs (pure)
// ---------------------------------------------------------------------------------------------

export type HubSpotRecordType = 'company' | 'contact' | 'deal';

export interface HubSpotRecord {
  portalId: string;
  recordType: HubSpotRecordType;
  recordId: string;
  /** The record URL without query or hash. */
  url: string;
}

/**
 * The app hosts: app.hubspot.com (US) and the regional data centres, app-eu1.hubspot.com,
 * app-na2.hubspot.com, app-ap1.hubspot.com and whatever number comes next.
 */
const APP_HOST = /^app(?:-[a-z]{2}\d{1,2})?\.hubspot\.com$/;
/** Object type ids in `/record/<type>/<id>` (HubSpot's CRM object type ids). */
const OBJECT_TYPES: Record<string, HubSpotRecordType> = {
  '0-1': 'contact',
  '0-2': 'company',
  '0-3': 'deal',
};
/** The pre-2023 record paths, still linked from old emails and bookmarks (and redirected). */
const LEGACY_TYPES: Record<string, HubSpotRecordType> = {
  contact: 'contact',
  company: 'company',
  deal: 'deal',
};
const NUMERIC_ID = /^[1-9]\d{0,19}$/;

/** True for HubSpot's web app (https://app.hubspot.com, https://app-eu1.hubspot.com, ...). */
export function isHubSpotUrl(url: URL): boolean {
  return url.protocol === 'https:' && APP_HOST.test(url.hostname) && url.port === '';
}

/**
 * The record a URL shows, or null for lists, boards, settings and other objects:
 *   /contacts/26491733/record/0-2/18346251907       -> company 18346251907
 *   /contacts/26491733/record/0-1/75120934811/      -> contact 75120934811
 *   /contacts/26491733/record/0-3/31986452210       -> deal 31986452210
 *   /contacts/26491733/company/18346252011/         -> company 18346252011 (legacy)
 *   /contacts/26491733/objects/0-1/views/all/list, /contacts/26491733/record/0-5/1 (ticket),
 *   /settings/26491733/users -> null
 */
export function hubSpotRecordFromUrl(url: URL): HubSpotRecord | null {
  if (!isHubSpotUrl(url)) return null;
  const segments = url.pathname.split('/').filter((s) => s !== '');
  const [app, portalId, kind] = segments;
  if (app !== 'contacts' || portalId === undefined || !NUMERIC_ID.test(portalId)) return null;
  let recordType: HubSpotRecordType | undefined;
  let recordId: string | undefined;
  if (kind === 'record') {
    recordType = OBJECT_TYPES[segments[3] ?? ''];
    recordId = segments[4];
  } else if (kind !== undefined && Object.hasOwn(LEGACY_TYPES, kind)) {
    recordType = LEGACY_TYPES[kind];
    recordId = segments[3];
  }
  if (!recordType || recordId === undefined || !NUMERIC_ID.test(recordId)) return null;
  return { portalId, recordType, recordId, url: `${url.origin}${url.pathname}` };
}

/** True when the URL says a company, contact or deal record is open. */
export function isRecordUrl(url: URL): boolean {
  return hubSpotRecordFromUrl(url) !== null;
}

// ---------------------------------------------------------------------------------------------
// Reading (pure functions of a Document)
// ---------------------------------------------------------------------------------------------

/** An input's or textarea's value, or an element's text. */
function valueOf(el: Element): string {
  const value = (el as Partial<HTMLInputElement>).value;
  return typeof value === 'string' ? value : (el.textContent ?? '');
}

/** Inside a preview panel (which shows some other record than the open one). */
function inPreview(el: Element): boolean {
  return el.closest(PREVIEW_PANEL) !== null;
}

/** The record id a record link points at (`.../record/0-1/75120934811?x` -> 75120934811). */
function linkedRecordId(link: Element): string | null {
  return /\/record\/\d+-\d+\/(\d+)/.exec(link.getAttribute('href') ?? '')?.[1] ?? null;
}

/** Associated records of one kind in the right sidebar, each once, in page order. */
function associationCards(sidebar: Element, selector: string): { name: string; card: Element }[] {
  const seen = new Set<string>();
  const cards: { name: string; card: Element }[] = [];
  for (const link of Array.from(sidebar.querySelectorAll(selector))) {
    const id = linkedRecordId(link);
    const name = squash(link.textContent ?? '', 200);
    if (!id || seen.has(id) || name === '') continue;
    seen.add(id);
    cards.push({ name, card: cardAround(link, sidebar, RECORD_LINK, linkedRecordId) });
  }
  return cards;
}

function domainsOfCard(card: Element): string[] {
  return Array.from(card.querySelectorAll(EXTERNAL_LINK))
    .map((a) => hostOf(a.getAttribute('href')))
    .filter((host): host is string => host !== null && !/(^|\.)hubspot\.com$/.test(host));
}

function readHubSpot(doc: Document, url: URL): ReadResult {
  const record = hubSpotRecordFromUrl(url);
  if (!record) return { status: 'none' };

  const left = Array.from(doc.querySelectorAll(LEFT_SIDEBAR)).find((el) => !inPreview(el));
  if (!left)
    return unreadable(`the URL shows a record but there is no ${LEFT_SIDEBAR}`, record.recordType);
  const nameEl = Array.from(left.querySelectorAll(RECORD_NAME)).find(
    (el) => squash(el.textContent ?? '', 200) !== '',
  );
  if (!nameEl) return unreadable(`the record shows no name (${RECORD_NAME})`, record.recordType);
  const name = squash(nameEl.textContent ?? '', 200);
  const right = Array.from(doc.querySelectorAll(RIGHT_SIDEBAR)).find((el) => !inPreview(el));

  const participants: HostContext['participants'] = [];
  const domains: string[] = [];
  const names: string[] = [];

  if (record.recordType === 'company') {
    names.push(name);
    for (const selector of DOMAIN_PROPERTY) {
      for (const el of Array.from(left.querySelectorAll(selector))) {
        for (const part of valueOf(el).split(/[;,\s]+/))
          pushUnique(domains, hostOf(part), MAX_DOMAINS);
      }
    }
  }

  if (record.recordType === 'contact') {
    for (const selector of EMAIL_PROPERTY) {
      for (const el of Array.from(left.querySelectorAll(selector))) {
        for (const email of addressesInText(valueOf(el)))
          pushParticipant(participants, email, name);
      }
    }
    for (const link of Array.from(left.querySelectorAll(MAILTO_LINK))) {
      for (const email of addressesOfMailto(link.getAttribute('href') ?? ''))
        pushParticipant(participants, email, name);
    }
  }

  // The companies a contact or deal is associated with: their names and domains.
  if (record.recordType !== 'company' && right) {
    for (const { name: company, card } of associationCards(right, ASSOCIATED_COMPANY_LINK)) {
      pushUnique(names, company, MAX_NAMES);
      for (const host of domainsOfCard(card)) pushUnique(domains, host, MAX_DOMAINS);
    }
  }
  if (record.recordType === 'contact' && names.length === 0) {
    const typed = left.querySelector(COMPANY_PROPERTY);
    if (typed) pushUnique(names, squash(valueOf(typed), 200) || null, MAX_NAMES);
  }

  // The people a company or deal is associated with: their names and emails.
  if (record.recordType !== 'contact' && right) {
    for (const { name: person, card } of associationCards(right, ASSOCIATED_CONTACT_LINK)) {
      for (const email of addressesInText(card.textContent ?? ''))
        pushParticipant(participants, email, person);
    }
  }

  const context: HostContext = {
    host: 'hubspot',
    url: url.href,
    participants,
    domains,
    names,
    crmRef: {
      system: 'hubspot',
      recordType: record.recordType,
      recordId: record.recordId,
      url: record.url,
    },
  };
  return { status: 'open', key: `hubspot:${record.recordType}:${record.recordId}`, context };
}

export const hubspotAdapter: HostAdapter = {
  host: 'hubspot',
  matches: isHubSpotUrl,
  read: readSafely(readHubSpot),
  /**
   * The page content below the navigation: moving from a list to a record, or from one record to
   * another, replaces what is inside it, while the navigation bar and chat widgets live outside.
   */
  watchRoot(doc) {
    try {
      return doc.querySelector(PAGE_CONTENT);
    } catch {
      return null;
    }
  },
};
