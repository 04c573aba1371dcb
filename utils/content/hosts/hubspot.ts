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
 * every selector (hubspot-selectors.ts). HubSpot's class names are styled-components hashes and
 * are never used.
 * A page without those test ids (the newer record page, hubspot-2026-12-05-*.html, written from
 * public descriptions and not yet checked against a live account) is read in layers (layers.ts):
 * its landmarks, then the accessible names and text of its record header.
 */
import type { HostContext } from '@/utils/contract/messages';
import {
  addressesInText,
  addressesOfMailto,
  cardAround,
  hostOf,
  isHidden,
  MAILTO_LINK,
  peopleInLabel,
  pushParticipant,
  readSafely,
  pushUnique,
  squash,
  unreadable,
} from './read-helpers';
import {
  PAGE_CONTENT,
  LEFT_SIDEBAR,
  RIGHT_SIDEBAR,
  PREVIEW_PANEL,
  RECORD_NAME,
  EMAIL_PROPERTY,
  DOMAIN_PROPERTY,
  COMPANY_PROPERTY,
  ASSOCIATED_COMPANY_LINK,
  ASSOCIATED_CONTACT_LINK,
  RECORD_LINK,
  EXTERNAL_LINK,
  LANDMARK_COLUMN,
  LANDMARK_TITLE,
  TIMELINE_ITEM,
  LABELLED,
} from './hubspot-selectors';
import { MAX_DOMAINS, MAX_NAMES } from '@/utils/contract/limits';
import type { HostAdapter, ReadResult } from './types';
import { layersTried, readInLayers, type ReadLayer } from './layers';
import { hubSpotRecordFromUrl, isHubSpotUrl } from './hubspot-urls';

export {
  hubSpotRecordFromUrl,
  isHubSpotUrl,
  isRecordUrl,
  type HubSpotRecord,
  type HubSpotRecordType,
} from './hubspot-urls';

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

/** Where a record page shows the record: its name, its own column and its associations. */
interface RecordColumns {
  name: string;
  /** The record's own column (highlight card and properties); the only place its emails are read. */
  left: Element;
  /** The record header inside it: the card holding the name (the last layer reads only there). */
  header: Element;
  /** The association cards' column; null when the page shows none. */
  right: Element | null;
}

/** The card of `column` that holds `el`: the child of the column on the way up from it. */
function cardOf(el: Element, column: Element): Element {
  let card = el;
  while (card.parentElement && card.parentElement !== column) card = card.parentElement;
  return card;
}

function shownName(el: Element): string {
  return isHidden(el) ? '' : squash(el.textContent ?? '', 200);
}

/**
 * Where the record is, layer by layer (layers.ts): the column test ids first; then the page's
 * landmarks, for a layout without them. Neither reads the middle pane (the timeline) or a
 * preview panel.
 */
export const COLUMN_LAYERS: readonly ReadLayer<Document, RecordColumns>[] = [
  {
    name: 'test-ids',
    dated: '2026-11-28',
    looksFor: `${LEFT_SIDEBAR} ${RECORD_NAME}`,
    read(doc) {
      const left = Array.from(doc.querySelectorAll(LEFT_SIDEBAR)).find((el) => !inPreview(el));
      const nameEl = left && Array.from(left.querySelectorAll(RECORD_NAME)).find(shownName);
      if (!left || !nameEl) return null;
      const right = Array.from(doc.querySelectorAll(RIGHT_SIDEBAR)).find((el) => !inPreview(el));
      return { name: shownName(nameEl), left, header: cardOf(nameEl, left), right: right ?? null };
    },
  },
  {
    name: 'landmarks',
    dated: '2026-12-05',
    looksFor: `${PAGE_CONTENT} :is(${LANDMARK_COLUMN}) ${LANDMARK_TITLE}`,
    read(doc) {
      const main = Array.from(doc.querySelectorAll(PAGE_CONTENT)).find((m) => !isHidden(m));
      if (!main) return null;
      const columns = Array.from(main.querySelectorAll(LANDMARK_COLUMN)).filter(
        (el) =>
          !isHidden(el) &&
          !inPreview(el) &&
          !el.closest(TIMELINE_ITEM) &&
          !el.parentElement?.closest(LANDMARK_COLUMN),
      );
      for (const left of columns) {
        const nameEl = Array.from(left.querySelectorAll(LANDMARK_TITLE)).find(shownName);
        if (!nameEl) continue;
        const right = columns.find((c) => c !== left && c.querySelector(RECORD_LINK));
        return {
          name: shownName(nameEl),
          left,
          header: cardOf(nameEl, left),
          right: right ?? null,
        };
      }
      return null;
    },
  },
];

/** The elements under `root` matching `selector` that the page shows. */
function shownIn(root: Element, selector: string): Element[] {
  return Array.from(root.querySelectorAll(selector)).filter((el) => !isHidden(el));
}

/**
 * A contact's addresses, layer by layer: the email properties (inputs) and email links of its
 * column; then the accessible names and titles that carry an address in the record header (the
 * card with its name); then address-shaped text in that header. The later layers read the header
 * alone, since without the property names another person's address (an owner's, an assistant's)
 * could sit in the column's cards; none reads the timeline beside the column.
 */
export const EMAIL_LAYERS: readonly ReadLayer<RecordColumns, string[]>[] = [
  {
    name: 'properties',
    dated: '2026-11-28',
    looksFor: `${EMAIL_PROPERTY.join(', ')}, ${MAILTO_LINK}`,
    read({ left }) {
      const emails: string[] = [];
      for (const selector of EMAIL_PROPERTY)
        for (const el of shownIn(left, selector)) emails.push(...addressesInText(valueOf(el)));
      for (const link of shownIn(left, MAILTO_LINK))
        emails.push(...addressesOfMailto(link.getAttribute('href') ?? ''));
      return emails.length ? emails : null;
    },
  },
  {
    name: 'accessible-names',
    dated: '2026-12-05',
    looksFor: `${LABELLED} carrying an address`,
    read({ header }) {
      const emails = shownIn(header, LABELLED).flatMap((el) =>
        peopleInLabel(el.getAttribute('aria-label') || el.getAttribute('title') || '').map(
          (p) => p.email,
        ),
      );
      return emails.length ? emails : null;
    },
  },
  {
    name: 'header-text',
    dated: '2026-12-05',
    looksFor: 'addresses in the text of the record header',
    read({ header }) {
      const emails = isHidden(header) ? [] : addressesInText(header.textContent ?? '');
      return emails.length ? emails : null;
    },
  },
];

function readHubSpot(doc: Document, url: URL): ReadResult {
  const record = hubSpotRecordFromUrl(url);
  if (!record) return { status: 'none' };

  const found = readInLayers(COLUMN_LAYERS, doc);
  if (!found)
    return unreadable(
      `the URL shows a record but no layer finds its name (${layersTried(COLUMN_LAYERS)})`,
      record.recordType,
    );
  const columns = found.value;
  const { name, left, right } = columns;
  let layer = found.layer;

  const participants: HostContext['participants'] = [];
  const domains: string[] = [];
  const names: string[] = [];

  if (record.recordType === 'company') {
    names.push(name);
    for (const selector of DOMAIN_PROPERTY) {
      for (const el of shownIn(left, selector)) {
        for (const part of valueOf(el).split(/[;,\s]+/))
          pushUnique(domains, hostOf(part), MAX_DOMAINS);
      }
    }
  }

  if (record.recordType === 'contact') {
    const emails = readInLayers(EMAIL_LAYERS, columns);
    for (const email of emails?.value ?? []) pushParticipant(participants, email, name);
    // Both layers, for the health record: where the record was found, and what gave its emails.
    if (emails) layer = `${found.layer}/${emails.layer}`;
  }

  // The companies a contact or deal is associated with: their names and domains.
  if (record.recordType !== 'company' && right) {
    for (const { name: company, card } of associationCards(right, ASSOCIATED_COMPANY_LINK)) {
      pushUnique(names, company, MAX_NAMES);
      for (const host of domainsOfCard(card)) pushUnique(domains, host, MAX_DOMAINS);
    }
  }
  if (record.recordType === 'contact' && names.length === 0) {
    const typed = shownIn(left, COMPANY_PROPERTY)[0];
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
  return {
    status: 'open',
    key: `hubspot:${record.recordType}:${record.recordId}`,
    context,
    layer,
  };
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
