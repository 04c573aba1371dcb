/**
 * The adapter registry: one adapter per host, the right one for every URL form the adapters know,
 * none for anything else, and never two for one URL. Every page saved in tests/fixtures/<host>/ is
 * also read by its adapter and checked against the message contract the background enforces.
 */
import { describe, expect, it } from 'vitest';
import { ADAPTERS, adapterFor, adapterForHost } from '@/utils/content/hosts/index';
import { HostContext } from '@/utils/schemas/page-read';
import { HOSTS, type HostName } from '@/utils/contract/enums';
import { allHostFixtures, attachDeclarativeShadowRoots } from './host-fixtures';

/** Every saved page of every host, with the URL from its top comment. */
const PAGES = HOSTS.flatMap((host) =>
  allHostFixtures(host).map(({ file, html, url }) => ({ host, file, html, href: url.href })),
);

describe('ADAPTERS', () => {
  it('has exactly one adapter per host', () => {
    expect(ADAPTERS.map((a) => a.host).sort()).toEqual([...HOSTS].sort());
  });

  it.each([...HOSTS])('adapterForHost(%s) is that host’s adapter', (host) => {
    expect(adapterForHost(host).host).toBe(host);
  });

  it('adapterForHost refuses a host it does not know', () => {
    expect(() => adapterForHost('yahoo' as HostName)).toThrow('no adapter for yahoo');
  });
});

describe('adapterFor()', () => {
  it('has saved pages for every host', () => {
    expect(new Set(PAGES.map((p) => p.host))).toEqual(new Set(HOSTS));
  });

  it.each(PAGES.map((p) => [`${p.host}/${p.file}`, p.href, p.host] as const))(
    '%s picks the %s adapter',
    (_name, href, host) => {
      expect(adapterFor(new URL(href))?.host).toBe(host);
    },
  );

  const URLS: [string, HostName | null][] = [
    ['https://mail.google.com/mail/u/0/#inbox', 'gmail'],
    ['https://mail.google.com/mail/u/1/#label/Globex/FMfcgzQcqHVtRzBkXkWbNfLqSxPmGjDd', 'gmail'],
    ['https://outlook.office.com/mail/inbox', 'outlook'],
    ['https://outlook.office365.com/mail/id/AAQkAGM3ZTk0YjQ1LWRmMDgtNDQ0Zi05ZDI2', 'outlook'],
    ['https://outlook.live.com/mail/0/', 'outlook'],
    ['https://outlook.cloud.microsoft/mail/', 'outlook'],
    ['https://app.hubspot.com/contacts/4417290/record/0-2/9981', 'hubspot'],
    ['https://app-eu1.hubspot.com/contacts/26491733/objects/0-1/views/all/list', 'hubspot'],
    ['https://app-na2.hubspot.com/settings/243381751/users', 'hubspot'],
    [
      'https://brightwave.lightning.force.com/lightning/r/Account/001Dp00000KxGlbIAF/view',
      'salesforce',
    ],
    ['https://brightwave--uat.sandbox.lightning.force.com/lightning/page/home', 'salesforce'],
    ['https://brightwave.my.salesforce.com/001Dp00000KxGlb', 'salesforce'],
    ['https://brightwave.pipedrive.com/person/1187', 'pipedrive'],
    ['https://app.pipedrive.com/pipeline/1/user/everyone', 'pipedrive'],
    // Neither: other apps of the same companies, lookalikes, plain http, non-web schemes.
    ['https://calendar.google.com/calendar/u/0/r', null],
    ['https://mail.google.com/chat/u/0/', null],
    ['https://outlook.office.com/calendar/view/week', null],
    ['https://outlook.live.com/owa/', null],
    ['https://www.hubspot.com/products/crm', null],
    ['https://api.hubspot.com/crm/v3/objects/contacts', null],
    ['https://login.salesforce.com/', null],
    ['https://brightwave.my.site.com/s/', null],
    ['https://www.pipedrive.com/en/pricing', null],
    ['https://app.hubspot.com.evil.example/contacts/1/record/0-2/1', null],
    ['https://mail.google.com.evil.example/mail/u/0/#inbox', null],
    ['https://outlook.office.com.evil.example/mail/inbox', null],
    ['https://brightwave.lightning.force.com.evil.example/lightning/page/home', null],
    ['https://brightwave.pipedrive.com.evil.example/person/1187', null],
    ['https://evil.example/?next=https://app.hubspot.com/contacts/1/record/0-2/1', null],
    ['http://app.hubspot.com/contacts/1/record/0-2/1', null],
    ['http://mail.google.com/mail/u/0/#inbox', null],
    ['file:///home/sam/inbox.html', null],
    ['chrome-extension://abcdefghijklmnopabcdefghijklmnop/popup.html', null],
    ['about:blank', null],
  ];

  it.each(URLS)('%s -> %s', (href, host) => {
    expect(adapterFor(new URL(href))?.host ?? null).toBe(host);
  });

  it('never finds two adapters for one URL', () => {
    const hrefs = [...URLS.map(([href]) => href), ...PAGES.map((p) => p.href)];
    for (const href of hrefs) {
      const url = new URL(href);
      expect(ADAPTERS.filter((a) => a.matches(url)).length).toBeLessThanOrEqual(1);
    }
  });
});

describe('every saved page, read by its adapter', () => {
  const cases = PAGES.map((p) => [`${p.host}/${p.file}`, p] as const);

  it.each(cases)('%s reads open or none, and an open context passes the contract', (_name, p) => {
    const url = new URL(p.href);
    const doc = new DOMParser().parseFromString(p.html, 'text/html');
    attachDeclarativeShadowRoots(doc);
    const result = adapterForHost(p.host).read(doc, url);
    expect(['open', 'none']).toContain(result.status);
    if (result.status !== 'open') return;
    const parsed = HostContext.safeParse(result.context);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(result.context.host).toBe(p.host);
    expect(result.context.url).toBe(url.href);
    expect(result.key.length).toBeGreaterThan(0);
  });

  it.each(cases)('%s reads as nothing to the other adapters', (_name, p) => {
    const url = new URL(p.href);
    const doc = new DOMParser().parseFromString(p.html, 'text/html');
    for (const adapter of ADAPTERS) {
      if (adapter.host === p.host) continue;
      expect(adapter.matches(url)).toBe(false);
      expect(adapter.read(doc, url)).toEqual({ status: 'none' });
    }
  });
});
