/**
 * The accounts page's search index (entrypoints/background/sort-keys.ts indexedWords): the word
 * index leaves out each word that another word, the name key or a domain begins with, and the
 * search (account-pages.ts) still finds, for every beginning of every word, exactly the accounts
 * whose words begin with it.
 */
import { describe, expect, it } from 'vitest';
import { nameKey, withKeys } from '@/entrypoints/background/db';
import { indexedWords, queryWords, searchWordsOf } from '@/entrypoints/background/sort-keys';
import type { Account } from '@/utils/contract/model';
import { freshContext, ok } from './helpers';
import { sampleBackup } from '../fixtures/sample-data.mjs';

const base = sampleBackup(Date.UTC(2026, 10, 1)).accounts[0] as Account;

const ACCOUNTS: Account[] = [
  ['Globex Corporation', ['globex.com'], 'Send the forecast'],
  ['Globe Trotters', ['globetrotters.co.uk'], 'For the renewal'],
  ['(Initech) Labs', ['initech-labs.de'], null],
  ['Пример Логистика', ['xn--e1afmkfd.xn--p1ai'], 'Позвонить Ивану'],
  ['Acme-Fresh 2', ['acme.com', 'acme-group.com'], 'Call after Q1'],
  ['Umbrella', ['umbrella.io'], 'Umbrella review'],
].map(([name, domains, action], i) => ({
  ...base,
  id: `acc-${i}`,
  name: name as string,
  domains: domains as string[],
  nextAction: action ? { text: action as string, due: '2026-12-01' } : null,
  crmRefs: [],
}));

describe('indexedWords', () => {
  it('leaves out words that begin another word, the name key or a domain', () => {
    expect(
      indexedWords(
        ['globex', 'corporation', 'globex.com', 'com', 'send', 'the', 'forecast', 'for'],
        ['globex corporation', 'globex.com'],
      ).sort(),
    ).toEqual(['com', 'corporation', 'forecast', 'send', 'the']);
  });

  it('keeps every word when none begins another', () => {
    expect(indexedWords(['b', 'a', 'c'], ['x']).sort()).toEqual(['a', 'b', 'c']);
  });

  it('writes fewer index entries than there are words', () => {
    const full = ACCOUNTS.reduce((n, a) => n + searchWordsOf(a).length, 0);
    const kept = ACCOUNTS.reduce((n, a) => n + withKeys(a).searchWords.length, 0);
    expect(kept).toBeLessThan(full * 0.8);
  });
});

describe('domains in the search words', () => {
  it('keeps the words of the company label and leaves the public suffix out', () => {
    const [globex, trotters, initech, primer] = ACCOUNTS;
    expect(searchWordsOf(globex!)).not.toContain('com');
    expect(searchWordsOf(trotters!)).toEqual(expect.arrayContaining(['globetrotters.co.uk']));
    expect(searchWordsOf(trotters!)).not.toEqual(expect.arrayContaining(['co']));
    expect(searchWordsOf(trotters!)).not.toContain('uk');
    expect(searchWordsOf(initech!)).toEqual(expect.arrayContaining(['initech', 'labs']));
    expect(searchWordsOf(initech!)).not.toContain('de');
    expect(searchWordsOf(primer!)).toEqual(expect.arrayContaining(['пример.рф', 'пример']));
    expect(searchWordsOf(primer!)).not.toContain('рф');
  });
});

describe('search through the narrower index', () => {
  it('finds, for every beginning of every word, the accounts with a word that begins so', async () => {
    const t = await freshContext();
    const tx = t.db.transaction('accounts', 'readwrite');
    for (const a of ACCOUNTS) await tx.store.put(withKeys(a));
    await tx.done;
    const words = new Map(ACCOUNTS.map((a) => [a.id, searchWordsOf(a)]));
    const queries = new Set<string>();
    for (const list of words.values())
      for (const w of list) for (let n = 1; n <= w.length; n++) queries.add(w.slice(0, n));
    expect(queries.size).toBeGreaterThan(150);
    for (const text of queries) {
      const expected = ACCOUNTS.filter((a) =>
        queryWords(text).every(
          (q) =>
            words.get(a.id)!.some((w) => w.startsWith(q)) ||
            // The name and domains are searched whole too: a beginning with punctuation inside.
            nameKey(a.name).startsWith(q) ||
            a.domains.some((d) => d.startsWith(q)),
        ),
      ).map((a) => a.id);
      const page = await ok(
        t.send('listAccountsPage', {
          sort: 'name',
          dir: 'asc',
          due: 'all',
          text,
          offset: 0,
          limit: 50,
        }),
      );
      expect(page.rows.map((r) => r.id).sort(), text).toEqual(expected.sort());
    }
  });
});
