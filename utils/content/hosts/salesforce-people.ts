/**
 * The people a Salesforce record page shows, read in layers (layers.ts): the record's own email
 * fields (a Contact's or a Lead's addresses, an Account's or an Opportunity's general address) and
 * the contacts listed on the record, one table row each (an Account's Contacts related list, an
 * Opportunity's Contact Roles). Read by the adapter (salesforce.ts) on the page it found.
 *
 * Every place is read through the same three layers, from what Lightning changes least to what it
 * changes most:
 *   1. `email-fields`: the email component Lightning renders for every Email-type field and column
 *      (`lightning-formatted-email`), its link or its text;
 *   2. `accessible-names`: titles and accessible names that carry an address
 *      (`<span title="h.scorpio@globex.com">`, `<button aria-label="Email Hank Scorpio <h...>">`);
 *   3. `mailto-text`: `mailto:` links, and a value or cell whose whole text is one address.
 * Each place answers from the first layer that finds anyone there; the read names the last layer
 * any place needed, so the health record says how old the knowledge behind the read was.
 *
 * Free text is never read: the activity timeline, Chatter posts and rich-text fields quote whoever
 * wrote, and an address in a post or in an activity's description is not a person of the record
 * (FREE_TEXT). Nor is a row that names several contacts, or none.
 *
 * Markup as Lightning renders it, written from public descriptions (SLDS, the LWC base components,
 * public test suites) on 2026-12-05 and checked against tests/fixtures/salesforce/
 * salesforce-2026-12-05-people-*.html only, not against a live org.
 */
import type { HostContext } from '@/utils/contract/messages';
import {
  addressesOfMailto,
  isHiddenAcrossShadow,
  MAILTO_LINK,
  normaliseAddress,
  peopleInLabel,
  pushParticipant,
  squash,
} from './read-helpers';
import { MAX_PARTICIPANTS } from '@/utils/contract/limits';
import { deepClosest, deepQuerySelectorAll, deepText } from './shadow-dom';
import type { ReadLayer } from './layers';
import { salesforceRecordFromUrl } from './salesforce-urls';

/**
 * The email component of an Email-type field or related-list column (layer 1):
 *   <lightning-formatted-email><a href="mailto:h.scorpio@globex.com">h.scorpio@globex.com</a>
 */
export const EMAIL_COMPONENT = 'lightning-formatted-email';

/** Elements whose title or accessible name carries an address (layer 2). */
export const LABELLED = '[title*="@"], [aria-label*="@"]';

/**
 * Where a value or a cell shows its text (layer 3: read only when the whole text is one address):
 * a field's value (`.test-id__field-value`, as salesforce.ts FIELD_VALUE) or a table cell.
 */
export const VALUE_TEXT = '.test-id__field-value, td';

/**
 * A row of a related list (an Account's Contacts, an Opportunity's Contact Roles), in the
 * desktop table Lightning renders for related lists:
 *   <tr><th scope="row"><a href="/lightning/r/003Dp00000MhScoIAF/view">Hank Scorpio</a></th>
 *       <td><lightning-formatted-email><a href="mailto:h.scorpio@globex.com">...</a></td></tr>
 */
export const ROW = 'tr';

/** A link to a record; a row's contact is the one Contact (`003...`) its links name. */
export const RECORD_LINK = 'a[href*="/lightning/r/"]';

/**
 * Free text, never read, whatever it quotes: the activity timeline, Chatter's feed and its posts,
 * rich-text fields (a Description written in the rich-text editor).
 *   <div class="slds-timeline__item_expandable">, <div class="forceChatterFeed">,
 *   <article class="cuf-feedItem">, <lightning-formatted-rich-text>
 */
export const FREE_TEXT = [
  '.slds-timeline',
  '.forceActivityTimeline',
  '.forceChatterFeed',
  '.slds-feed',
  '.cuf-feedItem',
  'lightning-formatted-rich-text',
].join(', ');

/** One place people show on the page, and whose name an address found there gets. */
export interface PeoplePlace {
  /** The elements read, each with its descendants (a record's fields; one row). */
  parts: Element[];
  /** The person's name: the record's own for a Contact or Lead, the row's contact, or ''. */
  name: string;
}

/** True when `el` is free text or inside some, or hidden (an inline style, across shadows). */
function unread(el: Element): boolean {
  return deepClosest(el, FREE_TEXT) !== null || isHiddenAcrossShadow(el);
}

/** The elements matching `selector` in a place's parts that are read. */
function within(place: PeoplePlace, selector: string): Element[] {
  return place.parts.flatMap((part) =>
    [...(part.matches(selector) ? [part] : []), ...deepQuerySelectorAll(part, selector)].filter(
      (el) => !unread(el),
    ),
  );
}

const hrefAddresses = (el: Element) => addressesOfMailto(el.getAttribute('href') ?? '');
const orNull = (emails: string[]) => (emails.length ? emails : null);

/** The reading layers, per place; each gives the addresses found there, in page order. */
export const PEOPLE_LAYERS: readonly ReadLayer<PeoplePlace, string[]>[] = [
  {
    name: 'email-fields',
    dated: '2026-12-05',
    looksFor: EMAIL_COMPONENT,
    read(place) {
      return orNull(
        within(place, EMAIL_COMPONENT).flatMap((el) => {
          const links = deepQuerySelectorAll(el, MAILTO_LINK);
          if (links.length) return links.flatMap(hrefAddresses);
          const email = normaliseAddress(squash(deepText(el), 320));
          return email ? [email] : [];
        }),
      );
    },
  },
  {
    name: 'accessible-names',
    dated: '2026-12-05',
    looksFor: `${LABELLED} carrying an address`,
    read(place) {
      return orNull(
        within(place, LABELLED).flatMap((el) =>
          peopleInLabel(el.getAttribute('aria-label') || el.getAttribute('title') || '').map(
            (p) => p.email,
          ),
        ),
      );
    },
  },
  {
    name: 'mailto-text',
    dated: '2026-12-05',
    looksFor: `${MAILTO_LINK}, ${VALUE_TEXT} holding one address`,
    read(place) {
      const linked = within(place, MAILTO_LINK).flatMap(hrefAddresses);
      const shown = within(place, VALUE_TEXT).flatMap(
        (el) => normaliseAddress(squash(deepText(el), 320)) ?? [],
      );
      return orNull([...linked, ...shown]);
    },
  },
];

/**
 * The contact a row names: the text of its one link to a Contact record (several links to the
 * same contact count once), or null for a row naming no contact, or several. A link in free text
 * inside the row (a post pasted into a cell) names nobody.
 */
function rowContact(row: Element, base: URL): string | null {
  let id: string | null = null;
  let name = '';
  for (const link of deepQuerySelectorAll(row, RECORD_LINK)) {
    if (deepClosest(link, FREE_TEXT)) continue;
    let record;
    try {
      record = salesforceRecordFromUrl(new URL(link.getAttribute('href') ?? '', base));
    } catch {
      continue;
    }
    if (record?.object !== 'Contact') continue;
    if (id !== null && id !== record.recordId) return null;
    id = record.recordId;
    name ||= squash(deepText(link), 200);
  }
  return id ? name : null;
}

/**
 * The related-list rows of `page` that name one contact, outside free text, as places: an
 * Account's Contacts, an Opportunity's Contact Roles. At most MAX_PARTICIPANTS of them: a page
 * flooding rows cannot make the read slower than the list it would fill.
 */
export function contactRows(page: Element, base: URL): PeoplePlace[] {
  const places: PeoplePlace[] = [];
  for (const row of deepQuerySelectorAll(page, ROW)) {
    if (places.length >= MAX_PARTICIPANTS) break;
    if (unread(row)) continue;
    const name = rowContact(row, base);
    if (name !== null) places.push({ parts: [row], name });
  }
  return places;
}

/**
 * The people in `places`, each place through the layers in order; with the last layer any place
 * needed (null when nobody was found).
 */
export function readPeople(places: readonly PeoplePlace[]): {
  participants: HostContext['participants'];
  layer: string | null;
} {
  const participants: HostContext['participants'] = [];
  let deepest = -1;
  for (const place of places) {
    for (const [index, layer] of PEOPLE_LAYERS.entries()) {
      const emails = layer.read(place);
      if (!emails) continue;
      deepest = Math.max(deepest, index);
      for (const email of emails) pushParticipant(participants, email, place.name);
      break;
    }
  }
  return { participants, layer: PEOPLE_LAYERS[deepest]?.name ?? null };
}
