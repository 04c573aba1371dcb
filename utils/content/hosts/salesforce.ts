/**
 * Salesforce Lightning adapter: the only code that reads Salesforce's record pages. It runs in the
 * content script, and shares its reading helpers with the other adapters (read-helpers.ts).
 *
 * It reads an open Account, Contact, Opportunity or Lead record page and nothing else. The key is
 * the record identity from the URL (`salesforce:<type>:<18-character id>`); the page gives the
 * record's name (highlights panel), its own email fields, its website and the account (or lead
 * company) it belongs to, and the people it shows: its own email fields and the contacts listed on
 * an Account or an Opportunity (salesforce-people.ts, in layers). The activity timeline, Chatter
 * and other free text are never read.
 *
 * Lightning renders with LWC, which uses a synthetic shadow DOM in most orgs and the browser's own
 * (native) shadow DOM in some. Under synthetic shadow, `document.querySelectorAll` leaves out
 * elements that belong to a component's shadow tree; under native shadow, a plain query cannot
 * reach them at all. So every lookup goes through `deepQuerySelectorAll`, which queries each open
 * shadow root as well, and text is read with `deepText`, which follows shadow roots and slots
 * (both in shadow-dom.ts).
 * Lightning also keeps previously opened pages in the DOM (without the `active` class), so every
 * lookup starts from the active page; in a console app every open tab keeps its own active page,
 * and the one read is the page of the tab in front that names the URL's record (PAGE_LAYERS).
 *
 * Markup as Lightning renders it and as public test suites and extensions address it
 * (`.oneContent.active`, `records-highlights2`, `[slot="primaryField"]`,
 * `data-target-selection-name="sfdc:RecordField.<Object>.<Field>"`), checked against the dated
 * fixtures in tests/fixtures/salesforce/ (salesforce-2026-11-28-*.html); the fixture test asserts an
 * exact count for every selector below. Console navigation follows salesforce-2026-12-05-*.html,
 * written from public descriptions and not yet checked against a live org.
 */
import type { HostContext } from '@/utils/contract/messages';
import {
  hostOf,
  isHiddenAcrossShadow,
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
import { layersTried, readInLayers, type ReadLayer } from './layers';
import { contactRows, readPeople } from './salesforce-people';
import {
  isSalesforceUrl,
  salesforceRecordFromUrl,
  type SalesforceObject,
  type SalesforceRecord,
} from './salesforce-urls';

export {
  isRecordUrl,
  isSalesforceUrl,
  objectOfId,
  OBJECT_PREFIXES,
  salesforceRecordFromUrl,
  toId18,
  type SalesforceObject,
  type SalesforceRecord,
} from './salesforce-urls';

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
 * A field of the record's compact layout, shown in the highlights panel (without an API name):
 *   <records-highlights-details-item class="slds-page-header__detail-block"> Email ... </...>
 */
export const HIGHLIGHTS_FIELD = 'records-highlights-details-item';

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
 * Console navigation (the Sales and Service Console apps): every record opens as a workspace tab,
 * or as a subtab inside one, and each tab keeps its own page host marked `active`, so several
 * `.oneContent.active` pages are in the DOM at once, none of them hidden by an inline style. The
 * tab bars say which is in front:
 *   <div class="oneConsoleTabset navexConsoleTabset"> <ul class="tabBarItems" role="tablist">
 *     <li class="oneConsoleTabItem ..."><a role="tab" aria-selected="true" aria-controls="ws-2"
 *        href="/lightning/r/Account/001Dp00000KxNwdIAF/view" title="Northwind Logistics"> ...
 *   <section id="ws-2" role="tabpanel" class="tabContent oneConsoleTab active"> ...subtabs, each a
 *     tab and a section like these, around its page host (`.windowViewMode-maximized.oneContent`)
 */
export const CONSOLE_TABSET = '.oneConsoleTabset';
/** A tab of the console, workspace tab or subtab: a link to its record, naming its panel. */
export const CONSOLE_TAB = '[role="tab"][aria-controls][href]';

/**
 * Extra attributes the shared watcher should observe on Salesforce (besides its defaults):
 * switching to a page opened earlier, or to another console tab, only moves the `active` class
 * and the tabs' `aria-selected`.
 */
export const WATCH_ATTRIBUTES = ['class', 'aria-selected'];

// ---------------------------------------------------------------------------------------------
// Objects
// ---------------------------------------------------------------------------------------------

/** Which fields of each object give what (API names, so labels and languages do not matter). */
const FIELDS: Record<
  SalesforceObject,
  {
    website?: string;
    company?: string;
    isPerson: boolean;
    nameIsCompany: boolean;
    /** Lists its contacts (an Account's Contacts, an Opportunity's Contact Roles). */
    listsContacts: boolean;
  }
> = {
  Account: { website: 'Website', isPerson: false, nameIsCompany: true, listsContacts: true },
  Contact: { company: 'AccountId', isPerson: true, nameIsCompany: false, listsContacts: false },
  Opportunity: { company: 'AccountId', isPerson: false, nameIsCompany: false, listsContacts: true },
  Lead: {
    website: 'Website',
    company: 'Company',
    isPerson: true,
    nameIsCompany: false,
    listsContacts: false,
  },
};

/** Each object as the unreadable notice names it ("this Salesforce opportunity"). */
const THINGS: Record<SalesforceObject, PageThing> = {
  Account: 'account',
  Contact: 'contact',
  Opportunity: 'opportunity',
  Lead: 'lead',
};

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

/** What the page layers look at: the page, and the record its URL names. */
interface PageQuery {
  doc: Document;
  url: URL;
  record: SalesforceRecord;
}

/** The page hosts marked active that the page shows (an inline style or `hidden` hides none). */
function activePages(root: Document | Element): Element[] {
  return deepQuerySelectorAll(root, ACTIVE_PAGE).filter((el) => !isHiddenAcrossShadow(el));
}

/** The record id a console tab's link names, in its 18-character form, or null. */
function tabRecordId(tab: Element, base: URL): string | null {
  try {
    return salesforceRecordFromUrl(new URL(tab.getAttribute('href') ?? '', base))?.recordId ?? null;
  } catch {
    return null;
  }
}

/**
 * True when `el` sits inside the panel of a console tab that is not in front. The console's tabs
 * and panels are Aura markup, in the light DOM, so `contains` sees them.
 */
function behindUnselectedTab(el: Element, unselected: readonly Element[]): boolean {
  return unselected.some((panel) => panel !== el && panel.contains(el));
}

/**
 * The record's page, layer by layer (layers.ts). Standard navigation first: the one page host
 * marked active, outside any console. Then console navigation: the tab in front whose link names
 * the URL's record (workspace tab or subtab), and the one active page inside its panel that no
 * tab in the background holds. A page with several candidates and nothing to tell them apart
 * answers nothing rather than a guess: a record shown under another record's key would match the
 * wrong account.
 */
export const PAGE_LAYERS: readonly ReadLayer<PageQuery, Element>[] = [
  {
    name: 'active-page',
    dated: '2026-11-28',
    looksFor: `one ${ACTIVE_PAGE} outside ${CONSOLE_TABSET}`,
    read({ doc }) {
      const pages = activePages(doc);
      if (pages.length !== 1 || pages.some((p) => deepClosest(p, CONSOLE_TABSET))) return null;
      return pages[0] ?? null;
    },
  },
  {
    name: 'record-tab',
    dated: '2026-12-05',
    looksFor: `${CONSOLE_TAB} in front naming the record, its panel's ${ACTIVE_PAGE}`,
    read({ doc, url, record }) {
      const tabs = deepQuerySelectorAll(doc, CONSOLE_TAB);
      const panelOf = (tab: Element) => doc.getElementById(tab.getAttribute('aria-controls') ?? '');
      const inFront = (tab: Element) => tab.getAttribute('aria-selected') === 'true';
      const unselected = tabs.filter((tab) => !inFront(tab)).flatMap((tab) => panelOf(tab) ?? []);
      const panels = tabs
        .filter((tab) => inFront(tab) && tabRecordId(tab, url) === record.recordId)
        .flatMap((tab) => panelOf(tab) ?? [])
        .filter((panel) => !isHiddenAcrossShadow(panel));
      // A workspace tab and its first subtab name the same record: the innermost panel is the page.
      const innermost = panels.filter((p) => !panels.some((q) => q !== p && p.contains(q)));
      if (innermost.length !== 1 || behindUnselectedTab(innermost[0] as Element, unselected))
        return null;
      const pages = activePages(innermost[0] as Element).filter(
        (page) => !behindUnselectedTab(page, unselected),
      );
      return pages.length === 1 ? (pages[0] ?? null) : null;
    },
  },
];

function readSalesforce(doc: Document, url: URL): ReadResult {
  const record = salesforceRecordFromUrl(url);
  if (!record) return { status: 'none' };
  const { object, recordId } = record;
  const fields = FIELDS[object];
  // What the user is looking at, in Salesforce's words, for a page that cannot be read.
  const thing = THINGS[object];

  const found = readInLayers(PAGE_LAYERS, { doc, url, record });
  if (!found)
    return unreadable(
      `the URL shows a record but no layer finds its page (${layersTried(PAGE_LAYERS)})`,
      thing,
    );
  const page = found.value;
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

  // Its people, in layers: its own fields and highlights (a Contact's or Lead's own addresses, an
  // Account's general one), then the contacts an Account or Opportunity lists.
  const highlights = deepQuerySelectorAll(page, HIGHLIGHTS_FIELD).filter(
    (el) => deepClosest(el, HIGHLIGHTS) !== null,
  );
  const people = readPeople([
    { parts: [...own, ...highlights], name: fields.isPerson ? name : '' },
    ...(fields.listsContacts ? contactRows(page, url) : []),
  ]);
  const participants: HostContext['participants'] = people.participants;

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
  return {
    status: 'open',
    key: `salesforce:${recordType}:${recordId}`,
    context,
    // Both layers, for the health record: where the page was found, and what gave its people.
    layer: people.layer ? `${found.layer}/${people.layer}` : found.layer,
  };
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
      // In a console, the tabset: switching tabs happens around the page hosts, not inside them.
      const tabset = deepQuerySelectorAll(doc, CONSOLE_TABSET)[0];
      return tabset ?? deepQuerySelectorAll(doc, PAGE_HOST)[0]?.parentElement ?? null;
    } catch {
      return null;
    }
  },
};
