/**
 * HubSpot's reading layers (utils/content/hosts/layers.ts) against a contact in the newer record
 * page, without the column test ids, the highlight title or the property inputs
 * (tests/fixtures/hubspot/hubspot-2026-12-05-contact-sidebar-cards.html): exact selector counts,
 * exactly this contact, the layers that read it, and neither the preview panel nor the timeline
 * (a note and a logged email naming Hank of Globex, one quoting a signature with its own aside and
 * heading) ever read.
 */
import { describe, expect, it } from 'vitest';
import { COLUMN_LAYERS, EMAIL_LAYERS, hubspotAdapter } from '@/utils/content/hosts/hubspot';
import {
  EMAIL_PROPERTY,
  LABELLED,
  LANDMARK_COLUMN,
  LANDMARK_TITLE,
  LEFT_SIDEBAR,
  MAILTO_LINK,
  PAGE_CONTENT,
  PREVIEW_PANEL,
  RECORD_NAME,
  RIGHT_SIDEBAR,
  TIMELINE_ITEM,
} from '@/utils/content/hosts/hubspot-selectors';
import { loadHostFixture } from './host-fixtures';

const load = () => loadHostFixture('hubspot', 'contact-sidebar-cards', { date: '2026-12-05' });
const ANNA = { email: 'anna.keller@northwind.co.uk', name: 'Anna Keller' };
/** The record's own column and its header card. */
const LEFT = 'aside[aria-labelledby="record-title"]';
const HEADER = `${LEFT} > header`;

describe('the 2026-12-05 contact in the newer record page', () => {
  it('has exactly the markup its comment describes', () => {
    const { doc, html } = load();
    const count = (selector: string) => doc.querySelectorAll(selector).length;
    // None of the 2026-11-28 anchors.
    expect(count(LEFT_SIDEBAR)).toBe(0);
    expect(count(RIGHT_SIDEBAR)).toBe(0);
    expect(count(RECORD_NAME)).toBe(0);
    for (const selector of EMAIL_PROPERTY) expect(count(selector)).toBe(0);
    expect(count(PAGE_CONTENT)).toBe(1);
    // The record's column, the associations, the preview's column and the quoted signature.
    expect(count(`${PAGE_CONTENT} :is(${LANDMARK_COLUMN})`)).toBe(4);
    expect(count(`${PREVIEW_PANEL} :is(${LANDMARK_COLUMN})`)).toBe(1);
    expect(count(`:is(${TIMELINE_ITEM}) :is(${LANDMARK_COLUMN})`)).toBe(1);
    // Anna, the preview's Hank, the signature's "Globex Corporation".
    expect(count(`${PAGE_CONTENT} ${LANDMARK_TITLE}`)).toBe(3);
    expect(count(`${LEFT} ${LANDMARK_TITLE}`)).toBe(1);
    // Anna's title and copy button in the header; Hank's title and copy button in the preview;
    // in the timeline the note's and the email's names, the user's and Hank's titles.
    expect(count(`${HEADER} :is(${LABELLED})`)).toBe(2);
    expect(count(`${LEFT} :is(${LABELLED})`)).toBe(2);
    expect(count(`${PREVIEW_PANEL} :is(${LABELLED})`)).toBe(2);
    expect(count(`:is(${TIMELINE_ITEM}):is(${LABELLED})`)).toBe(2);
    expect(count(`:is(${TIMELINE_ITEM}) :is(${LABELLED})`)).toBe(2);
    expect(count(LABELLED)).toBe(8);
    // No email link in the record's column; Hank in the note, Anna, the user, Hank in the email.
    expect(count(`${LEFT} ${MAILTO_LINK}`)).toBe(0);
    expect(count(MAILTO_LINK)).toBe(4);
    expect(html.length).toBeLessThan(40_000);
    expect(doc.querySelectorAll('script')).toHaveLength(0);
  });

  it('reads exactly Anna and Northwind, through the landmarks and the accessible names', () => {
    const { doc, url } = load();
    expect(hubspotAdapter.read(doc, url)).toEqual({
      status: 'open',
      key: 'hubspot:contact:75120934811',
      layer: 'landmarks/accessible-names',
      context: {
        host: 'hubspot',
        url: url.href,
        participants: [ANNA],
        domains: ['northwind.co.uk'],
        names: ['Northwind Logistics'],
        crmRef: {
          system: 'hubspot',
          recordType: 'contact',
          recordId: '75120934811',
          url: 'https://app-eu1.hubspot.com/contacts/26491733/record/0-1/75120934811',
        },
      },
    });
  });

  it('each layer on its own: the test ids find nothing, the landmarks find Anna', () => {
    const { doc } = load();
    expect(
      COLUMN_LAYERS.map((layer) => [layer.name, layer.dated, layer.read(doc)?.name ?? null]),
    ).toEqual([
      ['test-ids', '2026-11-28', null],
      ['landmarks', '2026-12-05', 'Anna Keller'],
    ]);
    const columns = COLUMN_LAYERS[1]?.read(doc);
    if (!columns) throw new Error('the landmarks found no record');
    expect(columns.header.matches(HEADER)).toBe(true);
    expect(columns.right?.getAttribute('aria-label')).toBe('Associations');
    expect(EMAIL_LAYERS.map((layer) => [layer.name, layer.dated, layer.read(columns)])).toEqual([
      ['properties', '2026-11-28', null],
      ['accessible-names', '2026-12-05', [ANNA.email, ANNA.email]],
      ['header-text', '2026-12-05', [ANNA.email]],
    ]);
  });

  it("without the header's accessible names, its text still gives Anna", () => {
    const { doc, url } = load();
    for (const el of Array.from(doc.querySelectorAll(`${HEADER} :is(${LABELLED})`))) {
      el.removeAttribute('title');
      el.removeAttribute('aria-label');
    }
    const result = hubspotAdapter.read(doc, url);
    expect(result.status === 'open' && result.layer).toBe('landmarks/header-text');
    expect(result.status === 'open' && result.context.participants).toEqual([ANNA]);
  });

  it('a header without an address gives nobody: the About card, the timeline and the preview are never read', () => {
    const { doc, url } = load();
    const header = doc.querySelector(HEADER);
    header?.querySelector('[title]')?.parentElement?.remove();
    // The About card still shows Anna's address as a plain value: not a named email property.
    expect(doc.querySelector(LEFT)?.textContent).toContain(ANNA.email);
    const result = hubspotAdapter.read(doc, url);
    expect(result.status === 'open' && result.layer).toBe('landmarks');
    expect(result.status === 'open' && result.context.participants).toEqual([]);
    expect(result.status === 'open' && result.context.names).toEqual(['Northwind Logistics']);
  });

  it('an address in a note and in a logged email never changes the record read', () => {
    const { doc, url } = load();
    const before = hubspotAdapter.read(doc, url);
    // The note names another person yet; the logged email gets a mailto link in its body.
    const note = doc.querySelector(`${TIMELINE_ITEM} p`);
    note?.append(' Also: <Wile Coyote> wile@acme-corp.example.com');
    const link = doc.createElement('a');
    link.href = 'mailto:wile@acme-corp.example.com';
    link.textContent = 'wile@acme-corp.example.com';
    note?.append(link);
    expect(hubspotAdapter.read(doc, url)).toEqual(before);
  });

  it("no name in the record's column: unreadable, never the preview's or the signature's heading", () => {
    const { doc, url } = load();
    doc.querySelector(`${LEFT} ${LANDMARK_TITLE}`)?.remove();
    const result = hubspotAdapter.read(doc, url);
    expect(result.status).toBe('unreadable');
    expect(result.status === 'unreadable' && result.thing).toBe('contact');
  });
});
