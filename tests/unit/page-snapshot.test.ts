/**
 * "Save this page for a report" (utils/content/page-snapshot.ts): nothing of a page's text, names
 * or addresses survives, while what the adapters read does, so that the snapshot reads as the
 * page did, with stand-ins for its people.
 */
import { describe, expect, it } from 'vitest';
import {
  cleanUrl,
  placeholderText,
  snapshotPage,
  tenantStandIn,
} from '@/utils/content/page-snapshot';
import { gmailAdapter } from '@/utils/content/hosts/gmail';
import { outlookAdapter } from '@/utils/content/hosts/outlook';
import { pipedriveAdapter } from '@/utils/content/hosts/pipedrive';
import { hubspotAdapter } from '@/utils/content/hosts/hubspot';
import { salesforceAdapter } from '@/utils/content/hosts/salesforce';
import type { HostAdapter } from '@/utils/content/hosts/types';
import type { HostName } from '@/utils/contract/enums';
import { loadHostFixture } from './host-fixtures';

const ADDRESS = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

/** Every address, and every word of three letters or more, the page shows or carries. */
function originals(doc: Document): { addresses: Set<string>; words: Set<string> } {
  const html = new XMLSerializer().serializeToString(doc.documentElement);
  const addresses = new Set((html.match(ADDRESS) ?? []).map((a) => a.toLowerCase()));
  addresses.delete('person1@example.com');
  const body = doc.body.textContent ?? '';
  const labels = Array.from(doc.querySelectorAll('[aria-label], [title], [name]')).flatMap((el) =>
    ['aria-label', 'title', 'name'].map((n) => el.getAttribute(n) ?? ''),
  );
  const words = new Set(
    [body, doc.title, ...labels]
      .join(' ')
      .split(/[^\p{L}]+/u)
      // Our stand-ins (person1@example.com) are not the page's words.
      .filter((w) => w.length >= 3 && !['person', 'example', 'com'].includes(w.toLowerCase())),
  );
  return { addresses, words };
}

const CASES: { host: HostName; state: string; date?: string; adapter: HostAdapter }[] = [
  { host: 'gmail', state: 'thread', adapter: gmailAdapter },
  { host: 'gmail', state: 'russian', date: '2026-12-05', adapter: gmailAdapter },
  { host: 'gmail', state: 'accessible-names', date: '2026-12-05', adapter: gmailAdapter },
  { host: 'outlook', state: 'anna', adapter: outlookAdapter },
  { host: 'pipedrive', state: 'organization', adapter: pipedriveAdapter },
  { host: 'hubspot', state: 'contact-sidebar-cards', date: '2026-12-05', adapter: hubspotAdapter },
  { host: 'salesforce', state: 'console-tabs', date: '2026-12-05', adapter: salesforceAdapter },
];

describe.each(CASES)('a snapshot of $host $state', ({ host, state, date, adapter }) => {
  const load = () => loadHostFixture(host, state, date ? { date } : {});

  it('keeps no address, no word of its text and no script', () => {
    const { doc, url } = load();
    const { addresses, words } = originals(doc);
    expect(addresses.size).toBeGreaterThan(0);
    expect(words.size).toBeGreaterThan(20);
    const snapshot = snapshotPage(doc, url, new Date('2026-12-05T03:00:00Z'));
    const lower = snapshot.toLowerCase();
    for (const address of addresses) expect(lower).not.toContain(address);
    // What the snapshot shows or names: its text and its text attributes.
    const copy = new DOMParser().parseFromString(snapshot, 'text/html');
    const shown = [
      copy.documentElement.textContent ?? '',
      ...Array.from(copy.querySelectorAll('*')).flatMap((el) =>
        ['aria-label', 'title', 'name', 'alt', 'value', 'placeholder', 'data-tooltip'].map(
          (n) => el.getAttribute(n) ?? '',
        ),
      ),
    ].join(' ');
    const survivors = [...words].filter((word) =>
      new RegExp(`(^|[^\\p{L}])${word}($|[^\\p{L}])`, 'u').test(shown),
    );
    expect(survivors).toEqual([]);
    expect(snapshot).not.toMatch(/<script|<style|\son[a-z]+=/i);
    expect(snapshot).toContain('person1@example.com');
    // The page is left as it was.
    expect(new XMLSerializer().serializeToString(doc.documentElement).toLowerCase()).toContain(
      [...addresses][0],
    );
  });

  it('reads as the page did: the same thread or record, its people stood in for', () => {
    const { doc, url } = load();
    const before = adapter.read(doc, url);
    const snapshot = snapshotPage(doc, url);
    const href = /<!--\s*url:\s*(\S+)\s*-->/.exec(snapshot)?.[1] as string;
    const copy = new DOMParser().parseFromString(snapshot, 'text/html');
    const after = adapter.read(copy, new URL(href));
    expect(after.status).toBe(before.status);
    if (before.status !== 'open' || after.status !== 'open') return;
    expect(after.key).toBe(before.key);
    // Through the same layers: a snapshot of a page read by a fallback layer exercises that layer.
    expect(after.layer).toBe(before.layer);
    expect(after.context.participants).toHaveLength(before.context.participants.length);
    for (const person of after.context.participants)
      expect(person.email).toMatch(/^person\d+@example\.com$/);
  });
});

describe('the pieces', () => {
  it('placeholders keep length and script', () => {
    expect(placeholderText('Anna Keller, 14:00')).toBe('Xxxx Xxxxxx, 00:00');
    expect(placeholderText('Кому: Анна')).toBe('Жжжж: Жжжж');
    expect(placeholderText('Anna Keller').length).toBe('Anna Keller'.length);
  });

  it('URLs keep ids and routes, lose tokens and names', () => {
    const same = (text: string) => text.replace(ADDRESS, 'person1@example.com');
    expect(
      cleanUrl(
        'https://mail.google.com/mail/u/0/#label/Globex/FMfcgzQcqHVtRzBkXkWbNfLqSxPmGjDd',
        same,
      ),
    ).toBe('https://mail.google.com/mail/u/0/#label/Xxxxxx/FMfcgzQcqHVtRzBkXkWbNfLqSxPmGjDd');
    expect(cleanUrl('/person/1187?session_token=abc&tab=notes', same)).toBe(
      '/person/1187?tab=notes',
    );
    expect(cleanUrl('mailto:anna.keller@northwind.co.uk?subject=Hi', same)).toBe(
      'mailto:person1@example.com',
    );
    expect(cleanUrl('javascript:alert(1)', same)).toBe('');
    expect(cleanUrl('tel:+442079460388', same)).toBe('tel:+000000000000');
    expect(cleanUrl('skype:anna.keller?call', same)).toBe('skype:xxxx.xxxxxx?xxxx');
  });

  it("a CRM host's customer name is taken out, everywhere in the page", () => {
    expect(tenantStandIn('brightwave.pipedrive.com')).toBe('company.pipedrive.com');
    expect(tenantStandIn('northwind--uat.sandbox.lightning.force.com')).toBe(
      'company.lightning.force.com',
    );
    expect(tenantStandIn('northwind.my.salesforce.com')).toBe('company.my.salesforce.com');
    expect(tenantStandIn('app.hubspot.com')).toBeNull();
    expect(tenantStandIn('mail.google.com')).toBeNull();
    const { doc, url } = loadHostFixture('pipedrive', 'organization');
    const tenant = url.hostname.split('.')[0] as string;
    expect(tenant).not.toBe('company');
    const snapshot = snapshotPage(doc, url);
    expect(snapshot.toLowerCase()).not.toContain(`${tenant.toLowerCase()}.pipedrive.com`);
    expect(snapshot).toMatch(/^<!-- url: https:\/\/company\.pipedrive\.com\//);
  });
});
