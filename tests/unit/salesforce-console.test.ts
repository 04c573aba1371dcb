/**
 * Salesforce's reading layers (utils/content/hosts/layers.ts) against console navigation
 * (tests/fixtures/salesforce/salesforce-2026-12-05-console-tabs.html): three records open as tabs,
 * each keeping its page host marked active. Exact selector counts, exactly the record in front
 * (Anna Keller's contact, a subtab), the layer that read it, never the Globex tab in the background
 * or the Northwind account subtab behind Anna, and the watcher following a switch of tabs.
 */
import { describe, expect, it } from 'vitest';
import {
  ACTIVE_PAGE,
  CONSOLE_TAB,
  CONSOLE_TABSET,
  HIGHLIGHTS,
  MAILTO_LINK,
  PAGE_HOST,
  PAGE_LAYERS,
  PRIMARY_FIELD,
  RECORD_FIELD,
  WATCH_ATTRIBUTES,
  salesforceAdapter,
  salesforceRecordFromUrl,
} from '@/utils/content/hosts/salesforce';
import { deepText } from '@/utils/content/hosts/shadow-dom';
import type { ReadResult } from '@/utils/content/hosts/types';
import { DEFAULT_ATTRIBUTES, identityOf, watchContext } from '@/utils/content/watch';
import { setPageUrl, settle, showPage } from './live-page';
import { loadHostFixture } from './host-fixtures';

const load = () => loadHostFixture('salesforce', 'console-tabs', { date: '2026-12-05' });
const ORG = 'https://brightwave.lightning.force.com';
const ANNA_ID = '003Dp00000NwAnkIAF';
const NORTHWIND_ID = '001Dp00000KxNwdIAF';
const GLOBEX_ID = '001Dp00000KxGlbIAF';
const ANNA = { email: 'anna.keller@northwind.co.uk', name: 'Anna Keller' };

/** Brings a tab to the front as the console does: the tabs' selection, the panels' class, the URL. */
function focusTab(doc: Document, tabId: string, href: string): void {
  const tab = doc.getElementById(tabId);
  const bar = tab?.closest('[role="tablist"]');
  for (const other of Array.from(bar?.querySelectorAll('[role="tab"]') ?? [])) {
    const selected = other === tab;
    other.setAttribute('aria-selected', String(selected));
    const panel = doc.getElementById(other.getAttribute('aria-controls') ?? '');
    panel?.classList.toggle('active', selected);
    panel?.setAttribute('aria-expanded', String(selected));
  }
  setPageUrl(href);
}

describe('the 2026-12-05 Sales Console with three records open as tabs', () => {
  it('has exactly the markup its comment describes', () => {
    const { doc, html } = load();
    const count = (selector: string) => doc.querySelectorAll(selector).length;
    expect(count(CONSOLE_TABSET)).toBe(1);
    // Two workspace tabs (Globex, Northwind), three subtabs (Globex; Northwind, Anna).
    expect(count(CONSOLE_TAB)).toBe(5);
    expect(count(`${CONSOLE_TAB}[aria-selected="true"]`)).toBe(3);
    expect(count('[role="tabpanel"]')).toBe(5);
    // Every tab keeps its page host marked active; none is hidden by an inline style.
    expect(count(PAGE_HOST)).toBe(3);
    expect(count(ACTIVE_PAGE)).toBe(3);
    expect(count('[style*="display"], [hidden]')).toBe(0);
    expect(count(HIGHLIGHTS)).toBe(3);
    expect(count(PRIMARY_FIELD)).toBe(3);
    expect(count(RECORD_FIELD)).toBe(11);
    // Globex: Hank (related list, activity) and the user; Northwind: Anna and Tom;
    // Anna: her Email field, and Hank and Anna in her activity.
    expect(count(MAILTO_LINK)).toBe(8);
    expect(html.length).toBeLessThan(40_000);
    expect(doc.querySelectorAll('script')).toHaveLength(0);
  });

  it('reads exactly Anna and her account, through the record tab in front', () => {
    const { doc, url } = load();
    expect(url.searchParams.get('ws')).toBe(`/lightning/r/Account/${NORTHWIND_ID}/view`);
    expect(salesforceAdapter.read(doc, url)).toEqual({
      status: 'open',
      key: `salesforce:contact:${ANNA_ID}`,
      layer: 'record-tab/email-fields',
      context: {
        host: 'salesforce',
        url: url.href,
        participants: [ANNA],
        domains: [],
        names: ['Northwind Logistics'],
        crmRef: {
          system: 'salesforce',
          recordType: 'contact',
          recordId: ANNA_ID,
          url: `${ORG}/lightning/r/Contact/${ANNA_ID}/view`,
        },
      },
    } satisfies ReadResult);
  });

  it('each layer on its own: the single active page declines, the record tab finds Anna', () => {
    const { doc, url } = load();
    const record = salesforceRecordFromUrl(url);
    if (!record) throw new Error('the fixture URL names no record');
    const names = PAGE_LAYERS.map((layer) => {
      const page = layer.read({ doc, url, record });
      const name = page?.querySelector(`${HIGHLIGHTS} ${PRIMARY_FIELD}`);
      return [layer.name, layer.dated, name ? deepText(name).trim() : null];
    });
    expect(names).toEqual([
      ['active-page', '2026-11-28', null],
      ['record-tab', '2026-12-05', 'Anna Keller'],
    ]);
  });

  it('the account subtab behind Anna: its own record, when the URL names it and its tab is in front', () => {
    const { doc } = load();
    focusTab(doc, 'sub-2-1', `${ORG}/lightning/r/Account/${NORTHWIND_ID}/view`);
    const url = new URL(`${ORG}/lightning/r/Account/${NORTHWIND_ID}/view`);
    const result = salesforceAdapter.read(doc, url);
    expect(result.status === 'open' && result.key).toBe(`salesforce:account:${NORTHWIND_ID}`);
    expect(result.status === 'open' && result.context.names).toEqual(['Northwind Logistics']);
    expect(result.status === 'open' && result.context.domains).toEqual(['northwind.co.uk']);
  });

  it('a URL naming a record whose tab is in the background reads nothing: no guess', () => {
    const { doc } = load();
    // The Globex tab is open but behind; a URL naming it (before the console moves the tabs).
    const result = salesforceAdapter.read(doc, new URL(`${ORG}/lightning/r/${GLOBEX_ID}/view`));
    expect(result.status).toBe('unreadable');
    expect(result.status === 'unreadable' && result.thing).toBe('account');
    // Nor a URL naming a record no tab shows.
    const elsewhere = new URL(`${ORG}/lightning/r/Account/001Dp00000KxIntIAF/view`);
    expect(salesforceAdapter.read(doc, elsewhere).status).toBe('unreadable');
  });

  it("an address in Anna's activity, or on the Globex tab, never changes the record read", () => {
    const { doc, url } = load();
    const before = salesforceAdapter.read(doc, url);
    const annaPanel = doc.getElementById('sub-panel-2-2');
    const timeline = annaPanel?.querySelector('.slds-timeline p');
    const link = doc.createElement('a');
    link.href = 'mailto:wile@acme-corp.example.com';
    link.textContent = 'Wile Coyote <wile@acme-corp.example.com>';
    timeline?.append(link);
    // The Globex page in the background gets Anna's name in its highlights: still not read.
    const globexName = doc.querySelector(`#ws-panel-1 ${PRIMARY_FIELD}`);
    if (globexName) globexName.textContent = 'Anna Keller';
    expect(salesforceAdapter.read(doc, url)).toEqual(before);
  });

  it("a background tab's page alone, while the tab in front has not rendered, is never taken", () => {
    const { doc, url } = load();
    for (const id of ['sub-panel-2-1', 'sub-panel-2-2'])
      doc.getElementById(id)?.querySelector(PAGE_HOST)?.remove();
    expect(doc.querySelectorAll(ACTIVE_PAGE)).toHaveLength(1);
    const result = salesforceAdapter.read(doc, url);
    expect(result.status).toBe('unreadable');
    expect(result.status === 'unreadable' && result.reason).toMatch(/no layer finds its page/);
  });

  it('outside a console, two pages marked active and shown are not told apart either', () => {
    const { doc, url } = loadHostFixture('salesforce', 'account');
    const page = doc.querySelector(ACTIVE_PAGE);
    if (page) page.after(page.cloneNode(true));
    expect(salesforceAdapter.read(doc, url).status).toBe('unreadable');
  });

  it('the Globex tab first in the page is what the 2026-11-28 reading would have taken', () => {
    // Why the console needs its own layer: the first active page is a background tab's.
    const { doc } = load();
    const first = doc.querySelector(ACTIVE_PAGE);
    expect(first?.querySelector(PRIMARY_FIELD)?.textContent).toBe('Globex');
  });
});

describe('the console, driven by watchContext', () => {
  it('watches the tabset, and follows a switch to the Globex workspace tab', async () => {
    const page = load();
    showPage(page);
    expect(salesforceAdapter.watchRoot(document)?.matches(CONSOLE_TABSET)).toBe(true);
    expect(WATCH_ATTRIBUTES).toEqual(['class', 'aria-selected']);
    const controller = new AbortController();
    const seen: string[] = [];
    const report = (r: ReadResult) => seen.push(identityOf(r));
    watchContext(salesforceAdapter, document, window, report, controller.signal, {
      attributes: [...DEFAULT_ATTRIBUTES, ...WATCH_ATTRIBUTES],
      unreadableAfterMs: 0,
    });
    await settle();
    focusTab(document, 'ws-1', `${ORG}/lightning/r/Account/${GLOBEX_ID}/view`);
    await settle();
    controller.abort();
    expect(seen).toEqual([
      `open:salesforce:contact:${ANNA_ID}`,
      `open:salesforce:account:${GLOBEX_ID}`,
    ]);
  });
});
