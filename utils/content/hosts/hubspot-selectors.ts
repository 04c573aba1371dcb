/**
 * HubSpot's markup as the adapter (hubspot.ts) reads it: its test attributes and link targets,
 * never its generated class names. The fixture tests count every selector here against the dated
 * fixtures in tests/fixtures/hubspot/.
 */
import { MAILTO_LINK } from './read-helpers';

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
export const RECORD_LINK = 'a[href*="/record/"]';
/** External links in a company card: the domain (`<a href="https://northwind.co.uk" target="_blank">`). */
export const EXTERNAL_LINK = 'a[href^="https://"], a[href^="http://"]';

/**
 * Landmarks for a record page without the column test ids (the newer record page, its left column
 * a stack of cards under the record header; tests/fixtures/hubspot/hubspot-2026-12-05-*.html): the
 * record's columns are complementary regions beside the activity tabs, the left one holding the
 * record's name as the page's heading, the right one the association cards:
 *   <main id="main-content"> <aside aria-labelledby="record-title"> <header> <h1 id="record-title">
 *     Anna Keller</h1> ... </header> <section> About this contact ... </section> </aside>
 *   <div role="tabpanel"> ...timeline... </div> <aside aria-label="Associations"> ... </aside>
 * Only columns that are not inside a timeline item count: a note cannot make itself a column.
 */
export const LANDMARK_COLUMN = 'aside, [role="complementary"]';
export const LANDMARK_TITLE = 'h1';
/** A timeline item (an email, a note, a call): never a column, never read. */
export const TIMELINE_ITEM = 'article, [role="article"]';

/**
 * Elements whose accessible name or title carries an address: where a record page without the
 * property inputs shows a contact's email (its copy button, or its read-only value's title):
 *   <button aria-label="Copy anna.keller@northwind.co.uk" ...>
 *   <span title="anna.keller@northwind.co.uk">anna.keller@northwind.co.uk</span>
 */
export const LABELLED = '[aria-label*="@"], [title*="@"]';
