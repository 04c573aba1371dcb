/**
 * Pipedrive's reading layers (utils/content/hosts/layers.ts) against a person page in the older
 * detail view, without the current layout's test ids
 * (tests/fixtures/pipedrive/pipedrive-2026-12-05-person-legacy.html): exact selector counts, exactly
 * this person, the layer that read it, and the email history never read.
 */
import { describe, expect, it } from 'vitest';
import {
  DETAIL_VIEW,
  LANDMARK_SIDEBAR,
  LANDMARK_TITLE,
  MAILTO_LINK,
  PAGE_CONTENT,
  RECORD_LAYERS,
  RECORD_TITLE,
  SIDEBAR,
  pipedriveAdapter,
} from '@/utils/content/hosts/pipedrive';
import { loadHostFixture } from './host-fixtures';

const load = () => loadHostFixture('pipedrive', 'person-legacy', { date: '2026-12-05' });
const TOM = { email: 'tom.reyes@mail.northwind.co.uk', name: 'Tom Reyes' };

describe('the 2026-12-05 person page in the older detail view', () => {
  it('has exactly the markup its comment describes', () => {
    const { doc, html } = load();
    const count = (selector: string) => doc.querySelectorAll(selector).length;
    expect(count(DETAIL_VIEW)).toBe(0);
    expect(count(RECORD_TITLE)).toBe(0);
    expect(count(SIDEBAR)).toBe(0);
    expect(count(PAGE_CONTENT)).toBe(1);
    expect(count(`${PAGE_CONTENT} ${LANDMARK_TITLE}`)).toBe(1);
    expect(count(`${PAGE_CONTENT} :is(${LANDMARK_SIDEBAR})`)).toBe(1);
    // Tom's own address in the aside; Tom, the user, Anna, the user and Tom in the history.
    expect(count(`aside ${MAILTO_LINK}`)).toBe(1);
    expect(count(MAILTO_LINK)).toBe(6);
    expect(html.length).toBeLessThan(40_000);
    expect(doc.querySelectorAll('script')).toHaveLength(0);
  });

  it('reads exactly Tom and his organization, through the landmarks layer', () => {
    const { doc, url } = load();
    expect(pipedriveAdapter.read(doc, url)).toEqual({
      status: 'open',
      key: 'pipedrive:person:1187',
      layer: 'landmarks',
      context: {
        host: 'pipedrive',
        url: url.href,
        participants: [TOM],
        domains: [],
        names: ['Northwind Logistics'],
        crmRef: {
          system: 'pipedrive',
          recordType: 'person',
          recordId: '1187',
          url: 'https://brightwave.pipedrive.com/person/1187',
        },
      },
    });
  });

  it('each layer on its own: the test-id layer finds nothing, the landmarks find Tom', () => {
    const { doc } = load();
    expect(
      RECORD_LAYERS.map((layer) => [layer.name, layer.dated, layer.read(doc)?.name ?? null]),
    ).toEqual([
      ['detail-view', '2026-11-28', null],
      ['landmarks', '2026-12-05', 'Tom Reyes'],
    ]);
  });

  it('the email history never adds a person, even with the aside gone', () => {
    const { doc, url } = load();
    doc.querySelector('aside')?.remove();
    const result = pipedriveAdapter.read(doc, url);
    expect(result.status === 'open' && result.context.participants).toEqual([]);
    expect(result.status === 'open' && result.context.names).toEqual([]);
  });

  it('no name at all: unreadable, naming the Pipedrive person', () => {
    const { doc, url } = load();
    doc.querySelector('h1')?.remove();
    const result = pipedriveAdapter.read(doc, url);
    expect(result.status === 'unreadable' && result.thing).toBe('person');
  });
});
