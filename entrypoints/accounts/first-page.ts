/**
 * The table's first rows, asked for as the page's first act: main.tsx imports this before
 * anything else, so the question is on its way to the background while the rest of the page's
 * script is evaluated and rendered. use-paged-rows.ts takes the answer for its first page.
 */
import { send } from '@/utils/contract/send';
import type { ListQuery } from '@/utils/page/account-list';
import { parsePageHash } from './page-hash';

/** About four screens of rows: each row read costs the background a follow-up lookup. */
export const PAGE_ROWS = 50;

/** The query's identity: a page of one key answers no other. */
export const queryKey = (q: ListQuery) =>
  JSON.stringify([
    q.sort,
    q.dir,
    q.stage,
    q.potential,
    q.coverage,
    q.objectives,
    q.due,
    q.text.trim(),
  ]);

export const pageOf = (q: ListQuery, page: number) =>
  send('listAccountsPage', {
    sort: q.sort,
    dir: q.dir,
    stage: q.stage || undefined,
    potential: q.potential || undefined,
    coverage: q.coverage || undefined,
    objectives: q.objectives || undefined,
    due: q.due,
    text: q.text.trim(),
    offset: page * PAGE_ROWS,
    limit: PAGE_ROWS,
  });

const opened = parsePageHash(location.hash);
let prefetched: { key: string; answer: ReturnType<typeof pageOf> } | null =
  opened.route.kind === 'list' && opened.route.view === 'table'
    ? { key: queryKey(opened.query), answer: pageOf(opened.query, 0) }
    : null;

/** The first page asked for at load, once, if it answers `key`. */
export function takeFirstPage(key: string): ReturnType<typeof pageOf> | null {
  if (prefetched?.key !== key) return null;
  const { answer } = prefetched;
  prefetched = null;
  return answer;
}
