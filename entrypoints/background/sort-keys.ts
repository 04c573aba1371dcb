/**
 * The keys the accounts page's indexes sort, filter and search by, derived from an account on
 * every put (db.ts withKeys). An index cannot rank a stage, put accounts without a next action
 * last, or find a word inside a name, so each account carries what its indexes read.
 */
import type { Account } from '@/utils/contract/model';
import { POTENTIAL_ORDER, STAGE_ORDER } from '@/utils/shared/stages';
import { unicodeHost } from '@/utils/shared/idn';

/** The due key of an account with no next action: after every date, ascending. */
export const NO_DUE = '~';

/** Words shorter than a query can use are still kept: a one-letter prefix finds them. */
const MAX_WORDS = 64;
const MAX_WORD_LENGTH = 60;

export interface SortKeys {
  /** [stage rank, name key]: by stage, then by name. */
  stageSort: [number, string];
  /** [potential rank, name key]. */
  potentialSort: [number, string];
  /** [due day or NO_DUE, name key]. */
  dueSort: [string, string];
  /**
   * Every word of the name and next action, each domain whole and its first label's words, lower
   * case, less those the name key and domains' indexes find (indexedWords).
   */
  searchWords: string[];
}

/** The names of the derived keys, which exports and backups leave out. */
export const SORT_KEY_NAMES = ['stageSort', 'potentialSort', 'dueSort', 'searchWords'] as const;

/** Letters and digits in any script; everything else separates words. */
const SEPARATOR = /[^\p{L}\p{N}]+/u;

function wordsOf(text: string): string[] {
  return text.toLowerCase().split(SEPARATOR).filter(Boolean);
}

/** The words a search looks for: each must begin one of the account's words. */
export function queryWords(text: string): string[] {
  // A domain typed whole ("globex.com") is one word: the domain is kept whole too.
  const words = text
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter(Boolean);
  return [...new Set(words)].slice(0, 8);
}

export function searchWordsOf(account: Pick<Account, 'name' | 'domains' | 'nextAction'>): string[] {
  const words = new Set<string>(wordsOf(account.name));
  for (const domain of account.domains) {
    for (const form of new Set([domain, unicodeHost(domain)])) {
      words.add(form.toLowerCase());
      // A stored domain is registrable (handlers/common.ts cleanDomains): its first label names
      // the company and the rest is the public suffix. "com" or "uk" would find a third of all
      // accounts and cost each an index entry, so only the first label's words are kept.
      for (const w of wordsOf(form.split('.')[0]!)) words.add(w);
    }
  }
  if (account.nextAction) for (const w of wordsOf(account.nextAction.text)) words.add(w);
  return [...words].map((w) => w.slice(0, MAX_WORD_LENGTH)).slice(0, MAX_WORDS);
}

/**
 * The words the bySearchWord index needs: `words` less each one a prefix search finds anyway,
 * because it begins another word or one of `elsewhere` (the name key and the domains, whose own
 * indexes a search reads too: account-pages.ts). Every query word that begins a dropped word
 * begins the longer key as well, so a search finds what it found with every word, while an
 * import writes fewer index entries: 5.8 words an account instead of 8.0 for the bench's CSV,
 * where each entry costs the write about 15 microseconds.
 */
export function indexedWords(words: readonly string[], elsewhere: readonly string[]): string[] {
  const all = [...new Set([...words, ...elsewhere])].sort();
  const own = new Set(words);
  const extra = new Set(elsewhere);
  // In code-unit order, a key's nearest successor begins with it if any key does.
  return all.filter((w, i) => own.has(w) && !extra.has(w) && !(all[i + 1]?.startsWith(w) ?? false));
}

export function sortKeysOf(account: Account, nameKey: string): SortKeys {
  return {
    stageSort: [STAGE_ORDER.indexOf(account.stage), nameKey],
    potentialSort: [POTENTIAL_ORDER.indexOf(account.potential), nameKey],
    dueSort: [account.nextAction?.due ?? NO_DUE, nameKey],
    searchWords: indexedWords(searchWordsOf(account), [nameKey, ...account.domains]),
  };
}
