/**
 * Salesforce Lightning adapter: the only code that reads Salesforce's record pages. It runs in the
 * content script, and shares its reading helpers with the other adapters (read-helpers.ts).
 *
 * It reads an open Account, Contact, Opportunity or Lead record page and nothing else. The key is
 * the record identity from the URL (`salesforce:<type>:<18-character id>`); the page gives the
 * record's name (highlights panel), its own email fields, its website and the account (or lead
 * company) it belongs to. Related lists and the activity timeline are never read.
 *
 * Lightning renders with LWC, which uses a synthetic shadow DOM in most orgs and the browser's own
 * (native) shadow DOM in some. Under synthetic shadow, `document.querySelectorAll` leaves out
 * elements that belong to a component's shadow tree; under native shadow, a plain query cannot
 * reach them at all. So every lookup goes through `deepQuerySelectorAll`, which queries each open
 * shadow root as well, and text is read with `deepText`, which follows shadow roots and slots
 * (both in shadow-dom.ts).
 * Lightning also keeps previously opened pages in the DOM (without the `active` class), so every
 * lookup starts from the active page.
 *
 * Markup as Lightning renders it and as public test suites and extensions address it
 * (`.oneContent.active`, `records-highlights2`, `[slot="primaryField"]`,
 * `data-target-selection-name="sfdc:RecordField.<Object>.<Field>"`), checked against the dated
 * fixtures in tests/fixtures/salesforce/ (salesforce-2026-11-28-*.html); the fixture test asserts an
 * exact count for every selector below.
 */
import type { HostContext } from '@/utils/contract/messages';
import {
  addressesOfMailto,
  hostOf,
  isHiddenAcrossShadow,
  pushParticipant,
  pushUnique,
  squash,
  unreadable,
  MAILTO_LINK,
  readSafely,
} from './read-helpers';
import { MAX_DOMAINS, MAX_NAMES } from '@/utils/contract/limits';
import type { HostAdapter, ReadResult } from './types';
import type { PageThing } from '@/utils/contract/enums';
import { deepClosest, deepQuerySelectorAll, deepText } from './shadow-dom';

// ---------------------------------------------------------------------------------------------
// Selectors. Lightning's component tags, slots and field API names; never generated ids.
// ---------------------------------------------------------------------------------------------

/**
 * The page that is showing. Lightning keeps earlier pages as siblings without `active`:
 *   <div class="center oneCenterStage lafSinglePaneWindowManager">
 *     <div class="windowViewMode-normal oneContent active lafPageHost"> ...this record...
 *     <div class="windowViewMode-normal oneContent lafPageHost"> ...a page opened earlier...
 */
export const ACTIVE_PAGE = '.oneContent.active';

/** Any page host, active or kept from earlier; their parent is the watch root. */
export const PAGE_HOST = '.oneContent';

/**
 * The highlights panel at the top of a record page:
 *   <records-lwc-highlights-panel><records-highlights2>
 *     <div class="highlights slds-clearfix slds-page-header slds-page-header_record-home"> ...
 */
export const HIGHLIGHTS = 'records-highlights2';

/**
 * The record name in the highlights panel, slotted into its `primaryField` slot:
 *   <slot name="primaryField" class="slds-page-header__title ...">
 *     <lightning-formatted-text slot="primaryField">Globex</lightning-formatted-text>   (Account, Opportunity)
 *     <lightning-formatted-name slot="primaryField">Hank Scorpio</lightning-formatted-name> (Contact, Lead)
 */
export const PRIMARY_FIELD = '[slot="primaryField"]';

/**
 * A field of the record, named by its API name whatever its label or language:
 *   <records-record-layout-item field-label="Website"
 *       data-target-selection-name="sfdc:RecordField.Account.Website" class="slds-form__item ...">
 * The fields read, per object, are in FIELDS below.
 */
export const RECORD_FIELD = '[data-target-selection-name^="sfdc:RecordField."]';

/** The value part of a field, beside its label (the label's text is never a value). */
export const FIELD_VALUE = [
  // Lightning's test hook on the value, stable since Lightning Experience shipped:
  //   <span class="test-id__field-value slds-form-element__static slds-grow ..."><slot>...value...</slot></span>
  '.test-id__field-value',
  // The SLDS form control around it, for layouts that render the value without the test hook:
  //   <div class="slds-form-element__control"> ...value... </div>
  '.slds-form-element__control',
];

/** Email links (read-helpers.ts); the fixture tests count them here. */
export { MAILTO_LINK };

/**
 * Links inside a field: a website (`lightning-formatted-url`) or a lookup to a record
 * (`force-lookup` / `records-hoverable-link`):
 *   <a href="https://www.globex.com" target="_blank" rel="noopener">https://www.globex.com</a>
 *   <a href="/lightning/r/001Dp00000KxGlbIAF/view" data-refid="recordId">Globex</a>
 */
export const FIELD_LINK = 'a[href]';

/**
 * Extra attributes the shared watcher should observe on Salesforce (besides its defaults):
 * switching to a page opened earlier only moves the `active` class.
 */
export const WATCH_ATTRIBUTES = ['class'];

// ---------------------------------------------------------------------------------------------
// URLs and record ids (pure)
// ---------------------------------------------------------------------------------------------

export type SalesforceObject = 'Account' | 'Contact' | 'Opportunity' | 'Lead';

/** The objects read, with their record id key prefixes. */
export const OBJECT_PREFIXES: Record<SalesforceObject, string> = {
  Account: '001',
  Contact: '003',
  Opportunity: '006',
  Lead: '00Q',
};

/** Which fields of each object give what (API names, so labels and languages do not matter). */
const FIELDS: Record<
  SalesforceObject,
  { website?: string; company?: string; isPerson: boolean; nameIsCompany: boolean }
> = {
  Account: { website: 'Website', isPerson: false, nameIsCompany: true },
  Contact: { company: 'AccountId', isPerson: true, nameIsCompany: false },
  Opportunity: { company: 'AccountId', isPerson: false, nameIsCompany: false },
  Lead: { website: 'Website', company: 'Company', isPerson: true, nameIsCompany: false },
};

/** Each object as the unreadable notice names it ("this Salesforce opportunity"). */
const THINGS: Record<SalesforceObject, PageThing> = {
  Account: 'account',
  Contact: 'contact',
  Opportunity: 'opportunity',
  Lead: 'lead',
};

export interface SalesforceRecord {
  object: SalesforceObject;
  /** Always the 18-character, case-safe id. */
  recordId: string;
  /** The record URL without query or hash. */
  url: string;
}

/** Org hosts: <org>.lightning.force.com and <org>.my.salesforce.com, sandboxes included. */
const ORG_HOST =
  /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)*\.(?:lightning\.force|my\.salesforce)\.com$/;
const ID_15 = /^[a-zA-Z0-9]{15}$/;
const ID_18 = /^[a-zA-Z0-9]{18}$/;
const CHECKSUM_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** True for a Salesforce org (Lightning Experience and the my.salesforce.com domain). */
export function isSalesforceUrl(url: URL): boolean {
  return url.protocol === 'https:' && ORG_HOST.test(url.hostname) && url.port === '';
}

/**
 * The 18-character form of a record id, or null when it is not one: a 15-character id gets its
 * 3-character checksum (one character per 5, encoding which are upper case); an 18-character id is
 * kept only when its checksum is right.
 *   001Dp00000KxGlb -> 001Dp00000KxGlbIAF; 001Dp00000KxGlbIAF -> itself; 001Dp00000KxGlbAAA -> null
 */
export function toId18(id: string): string | null {
  if (!ID_15.test(id) && !ID_18.test(id)) return null;
  const base = id.slice(0, 15);
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = base.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += CHECKSUM_CHARS.charAt(bits);
  }
  if (id.length === 18 && id.slice(15).toUpperCase() !== suffix) return null;
  return base + suffix;
}

/** The object a record id belongs to, by its key prefix, among the four read. */
export function objectOfId(id: string): SalesforceObject | null {
  for (const [object, prefix] of Object.entries(OBJECT_PREFIXES)) {
    if (id.startsWith(prefix)) return object as SalesforceObject;
  }
  return null;
}

/**
 * The record a URL shows, or null for lists, setup, other objects and other record views:
 *   /lightning/r/Account/001Dp00000KxGlbIAF/view   -> Account 001Dp00000KxGlbIAF
 *   /lightning/r/Lead/00QDp00000FzPsh/view         -> Lead 00QDp00000FzPshMAF (15 -> 18)
 *   /lightning/r/001Dp00000KxGlbIAF/view           -> Account (the object from the id prefix;
 *                                                     Lightning's form right after a save)
 *   /lightning/r/Contact/001Dp00000KxGlbIAF/view   -> null (an Account id under Contact)
 *   /lightning/o/Account/list, /lightning/r/Account/001.../related/Contacts/view,
 *   /lightning/setup/SetupOneHome/home -> null
 */
export function salesforceRecordFromUrl(url: URL): SalesforceRecord | null {
  if (!isSalesforceUrl(url)) return null;
  const segments = url.pathname.split('/').filter((s) => s !== '');
  if (segments[0] !== 'lightning' || segments[1] !== 'r') return null;
  const rest = segments.slice(2);
  let named: string | undefined;
  let rawId: string | undefined;
  if (rest.length === 3 && rest[2] === 'view') [named, rawId] = rest;
  else if (rest.length === 2 && rest[1] === 'view') rawId = rest[0];
  else return null;
  const recordId = toId18(rawId ?? '');
  if (!recordId) return null;
  const object = objectOfId(recordId);
  if (!object) return null;
  if (named !== undefined && named.toLowerCase() !== object.toLowerCase()) return null;
  return { object, recordId, url: `${url.origin}${url.pathname}` };
}

/** True when the URL says an Account, Contact, Opportunity or Lead record is open. */
export function isRecordUrl(url: URL): boolean {
  return salesforceRecordFromUrl(url) !== null;
}

// ---------------------------------------------------------------------------------------------
// Reading (pure functions of a Document)
// ---------------------------------------------------------------------------------------------

/** A field's value part, or null when the field renders none of the known value wrappers. */
function valueOf(field: Element): Element | null {
  for (const selector of FIELD_VALUE) {
    const value = deepQuerySelectorAll(field, selector)[0];
    if (value) return value;
  }
  return null;
}

/**
 * A field's value as shown: the text of its link when it has one, else the value's text. Links are
 * looked up in the whole field: under native shadow the value is slotted from the field's light
 * children, outside the value wrapper, and the label never holds a link.
 */
function fieldText(field: Element): string {
  const link = deepQuerySelectorAll(field, FIELD_LINK)[0];
  if (link) return squash(deepText(link), 200);
  const value = valueOf(field);
  return value ? squash(deepText(value), 200) : '';
}

function readSalesforce(doc: Document, url: URL): ReadResult {
  const record = salesforceRecordFromUrl(url);
  if (!record) return { status: 'none' };
  const { object, recordId } = record;
  const fields = FIELDS[object];
  // What the user is looking at, in Salesforce's words, for a page that cannot be read.
  const thing = THINGS[object];

  const page = deepQuerySelectorAll(doc, ACTIVE_PAGE).find((el) => !isHiddenAcrossShadow(el));
  if (!page) return unreadable(`the URL shows a record but there is no ${ACTIVE_PAGE} page`, thing);
  const nameEl = deepQuerySelectorAll(page, PRIMARY_FIELD).find(
    (el) =>
      deepClosest(el, HIGHLIGHTS) !== null &&
      !isHiddenAcrossShadow(el) &&
      squash(deepText(el), 200) !== '',
  );
  if (!nameEl)
    return unreadable(`the record shows no name (${HIGHLIGHTS} ${PRIMARY_FIELD})`, thing);
  const name = squash(deepText(nameEl), 200);

  // The record's own fields (API names of its object), visible ones only, found once: the
  // highlights panel and the details section alike.
  const prefix = `sfdc:RecordField.${object}.`;
  const own = deepQuerySelectorAll(page, RECORD_FIELD).filter(
    (el) =>
      (el.getAttribute('data-target-selection-name') ?? '').startsWith(prefix) &&
      !isHiddenAcrossShadow(el),
  );
  const named = (field: string) =>
    own.filter((el) => el.getAttribute('data-target-selection-name') === prefix + field);

  // Its email fields, whatever they are called: mailto links inside its fields.
  const participants: HostContext['participants'] = [];
  for (const field of own) {
    for (const link of deepQuerySelectorAll(field, MAILTO_LINK)) {
      for (const email of addressesOfMailto(link.getAttribute('href') ?? ''))
        pushParticipant(participants, email, fields.isPerson ? name : '');
    }
  }

  const names: string[] = [];
  if (fields.nameIsCompany) names.push(name);
  if (fields.company) {
    for (const field of named(fields.company))
      pushUnique(names, fieldText(field) || null, MAX_NAMES);
  }

  const domains: string[] = [];
  if (fields.website) {
    for (const field of named(fields.website)) {
      const links = deepQuerySelectorAll(field, FIELD_LINK);
      const shown = valueOf(field);
      const values = links.length
        ? links.map((a) => a.getAttribute('href') ?? '')
        : [shown ? deepText(shown) : ''];
      for (const value of values) pushUnique(domains, hostOf(value), MAX_DOMAINS);
    }
  }

  const recordType = object.toLowerCase();
  const context: HostContext = {
    host: 'salesforce',
    url: url.href,
    participants,
    domains,
    names,
    crmRef: { system: 'salesforce', recordType, recordId, url: record.url },
  };
  return { status: 'open', key: `salesforce:${recordType}:${recordId}`, context };
}

export const salesforceAdapter: HostAdapter = {
  host: 'salesforce',
  matches: isSalesforceUrl,
  read: readSafely(readSalesforce),
  /**
   * The window manager around the page hosts (`div.oneCenterStage`): opening a record adds a page
   * host or moves `active` between them inside it; the global header and navigation are outside.
   */
  watchRoot(doc) {
    try {
      return deepQuerySelectorAll(doc, PAGE_HOST)[0]?.parentElement ?? null;
    } catch {
      return null;
    }
  },
};
