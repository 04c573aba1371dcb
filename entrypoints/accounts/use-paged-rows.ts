/**
 * The table's rows from the background, one page of PAGE_ROWS at a time as the table scrolls to
 * them (listAccountsPage): at 100,000 accounts the page holds a few hundred rows, never all. A new
 * query starts again from its first page; `version` (bumped on every write anywhere) reloads the
 * pages held, keeping them on screen until the new ones come.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AccountRow } from '@/utils/contract/messages';
import type { ListQuery } from '@/utils/page/account-list';
import { PAGE_ROWS, pageOf, queryKey as keyOf, takeFirstPage } from './first-page';
import type { RowSource } from './row-source';

interface Held {
  /** The query these pages answer, as a string. */
  key: string;
  pages: Map<number, AccountRow[]>;
  total: number | null;
  all: number | null;
  error: string | null;
}

export function usePagedRows(query: ListQuery, version: number, enabled = true): RowSource {
  const key = keyOf(query);
  const [held, setHeld] = useState<Held>(() => ({
    key,
    pages: new Map(),
    total: null,
    all: null,
    error: null,
  }));
  /** Pages asked for and not answered yet, for the current key and version. */
  const inFlight = useRef(new Set<string>());
  const current = useRef({ key, version });
  current.current = { key, version };
  /** Pages the table showed last: reloaded after a write. */
  const shown = useRef<number[]>([0]);

  const load = (page: number) => {
    const tag = `${key}|${version}|${page}`;
    if (!enabled || inFlight.current.has(tag)) return;
    inFlight.current.add(tag);
    const first = page === 0 && version === 0 ? takeFirstPage(key) : null;
    void (first ?? pageOf(query, page)).then((r) => {
      inFlight.current.delete(tag);
      // An answer to an older query or an older version of the store is dropped.
      if (current.current.key !== key || current.current.version !== version) return;
      setHeld((h) => {
        const base = h.key === key ? h : { key, pages: new Map(), total: null, all: null };
        if (!r.ok) return { ...base, error: r.error };
        const pages = new Map(base.pages);
        pages.set(page, r.data.rows);
        return { key, pages, total: r.data.total, all: r.data.all, error: null };
      });
    });
  };

  // A new query or a write: its first page, and the pages on screen.
  useEffect(() => {
    inFlight.current.clear();
    for (const page of new Set([0, ...shown.current])) load(page);
  }, [key, version, enabled]);

  return useMemo<RowSource>(() => {
    const same = held.key === key;
    return {
      total: same ? held.total : null,
      all: held.all,
      error: held.error,
      rowAt: (i) => (same ? held.pages.get(Math.floor(i / PAGE_ROWS))?.[i % PAGE_ROWS] : undefined),
      want: (from, to) => {
        const first = Math.floor(from / PAGE_ROWS);
        const last = Math.floor(Math.max(from, to - 1) / PAGE_ROWS);
        const pages: number[] = [];
        for (let p = first; p <= last; p++) pages.push(p);
        shown.current = pages;
        for (const p of pages) if (!same || !held.pages.has(p)) load(p);
      },
    };
  }, [held, key, version, enabled]);
}
