/**
 * Hostile text and links at the background's door: a `javascript:` (or any non-https) URL is
 * refused wherever a record keeps a link, oversized strings are refused with the field named,
 * and the one helper that turns stored links into hrefs lets through https: and mailto: only.
 * The rendering side (HTML in every field, shown as text in Chromium) is
 * tests/e2e/reliability-xss.test.mjs.
 */
import { describe, expect, it } from 'vitest';
import { safeHref } from '@/utils/shared/links';
import { freshContext, ok, snapshot } from './helpers';

const HOSTILE_URLS = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  '\u0001javascript:alert(1)',
  'javascript://https://mail.google.com/%0aalert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'http://mail.google.com/',
  '//evil.example/',
  'mailto:javascript:alert(1)',
  'mailto:a@b.co?body=javascript:alert(1)',
  'blob:https://mail.google.com/1234',
];

describe('links', () => {
  it('safeHref gives only https: and mailto: hrefs, never a script', () => {
    for (const raw of HOSTILE_URLS) {
      const href = safeHref(raw);
      if (href === undefined) continue;
      const scheme = new URL(href).protocol;
      expect(['https:', 'mailto:'], `${JSON.stringify(raw)} became ${href}`).toContain(scheme);
    }
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('mailto:a@b.co"><img src=x onerror=alert(1)>')).toBeUndefined();
    expect(safeHref('https://mail.google.com/mail/u/0/#inbox/x')).toBe(
      'https://mail.google.com/mail/u/0/#inbox/x',
    );
  });

  it.each(HOSTILE_URLS.filter((u) => !u.startsWith('https:')))(
    'every link a record keeps refuses %j',
    async (url) => {
      const t = await freshContext();
      const nw = await ok(t.send('createAccount', { name: 'Northwind', domains: [] }));
      const accountId = nw.account.id;
      const before = await snapshot(t.db);
      const attempts = [
        t.send('logActivity', {
          activity: {
            accountId,
            personIds: [],
            kind: 'email',
            at: 1,
            summary: 'Hi',
            source: { host: 'gmail', url },
          },
          next: { choice: 'keep' },
        }),
        t.send('addDecision', { accountId, date: '2026-11-01', what: 'x', sourceUrl: url }),
        t.send('setNextAction', {
          accountId,
          nextAction: { text: 'x', due: '2026-12-01', sourceUrl: url },
          base: null,
        }),
        t.send('createAccount', {
          name: 'Globex',
          domains: [],
          crmRef: { system: 'hubspot', recordType: 'company', recordId: '1', url },
        }),
        t.send('resolveContext', {
          host: 'gmail',
          url,
          participants: [],
          domains: [],
          names: [],
        }),
      ];
      for (const answer of await Promise.all(attempts)) {
        expect(answer).toMatchObject({ ok: false, code: 'invalid' });
        expect(!answer.ok && answer.error).toMatch(/must be an https: URL/);
      }
      expect(await snapshot(t.db)).toBe(before);
    },
  );
});

describe('oversized text', () => {
  const KB200 = 'A'.repeat(200 * 1024);

  it('refuses a 200 KB string in any field with the field named, and stores nothing', async () => {
    const t = await freshContext();
    const nw = await ok(
      t.send('createAccount', {
        name: 'Northwind',
        domains: [],
        people: [{ name: 'Anna', email: 'anna@northwind.co.uk' }],
      }),
    );
    const accountId = nw.account.id;
    const anna = nw.people[0]!;
    const before = await snapshot(t.db);
    const cases: [Promise<unknown>, RegExp][] = [
      [t.send('createAccount', { name: KB200, domains: [] }), /^name: Too big/],
      [
        t.send('upsertPerson', { ...anna, notes: KB200, base: anna }),
        /^notes: Too big: expected string to have <=20000 characters/,
      ],
      [
        t.send('logActivity', {
          activity: { accountId, personIds: [], kind: 'call', at: 1, summary: KB200 },
          next: { choice: 'keep' },
        }),
        /^activity\.summary: Too big/,
      ],
      [
        t.send('addDecision', { accountId, date: '2026-11-01', what: 'x', why: KB200 }),
        /^why: Too big/,
      ],
      [
        t.send('setStage', { id: accountId, stage: 'strategic', reason: KB200, base: 'tactical' }),
        /^reason: Too big/,
      ],
    ];
    for (const [answer, reason] of cases) {
      const a = (await answer) as { ok: boolean; code?: string; error?: string };
      expect(a).toMatchObject({ ok: false, code: 'invalid' });
      expect(a.error).toMatch(reason);
      expect(a.error!.length, 'the reason must not echo the 200 KB value').toBeLessThan(300);
    }
    expect(await snapshot(t.db)).toBe(before);
  });

  it('keeps notes of 20,000 characters, the documented limit, whole', async () => {
    const t = await freshContext();
    const nw = await ok(
      t.send('createAccount', {
        name: 'Northwind',
        domains: [],
        people: [{ name: 'Anna', email: 'anna@northwind.co.uk' }],
      }),
    );
    const notes = '<script>alert(1)</script>\u202E'.padEnd(20_000, 'n');
    const saved = await ok(
      t.send('upsertPerson', { ...nw.people[0]!, notes, base: nw.people[0]! }),
    );
    expect(saved.notes).toBe(notes);
  });
});
