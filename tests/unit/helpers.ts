/** Shared set-up for tests of the background: a fresh store and a handler context around it. */
import { openDb, ACCOUNT_STORES, type RapportDb } from '@/utils/db';
import type { HandlerContext } from '@/entrypoints/background/handlers';
import { route } from '@/entrypoints/background/router';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/settings';
import type { MessageName, RequestOf, Result, ResponseOf } from '@/utils/messages';

let counter = 0;

export async function freshContext(overrides: Partial<Settings> = {}) {
  const db = await openDb(`test-${++counter}-${Math.random()}`);
  let settings: Settings = { ...DEFAULT_SETTINGS, ...overrides };
  let clock = Date.UTC(2026, 10, 28, 12, 0, 0);
  let ids = 0;
  const ctx: HandlerContext = {
    db,
    now: () => clock,
    newId: () => `id-${++ids}`,
    settings: async () => settings,
    saveSettings: async (s) => {
      settings = s;
    },
    checkReminders: async () => ({ overdue: 0, notified: 0 }),
  };
  return {
    db,
    ctx,
    advance: (ms: number) => (clock += ms),
    getSettings: () => settings,
    /** Sends as an extension page unless told otherwise. */
    send: async <K extends MessageName>(
      name: K,
      request: RequestOf<K>,
      sender: 'extension-page' | 'content-script' | 'foreign' = 'extension-page',
    ) => (await route({ rapport: 1, name, request }, sender, ctx)).result as Result<ResponseOf<K>>,
  };
}

export async function ok<T>(result: Promise<Result<T>> | Result<T>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.error}`);
  return r.data;
}

/** Every record in every store, for "nothing changed" assertions. */
export async function snapshot(db: RapportDb) {
  const out: Record<string, unknown[]> = {};
  for (const s of [...ACCOUNT_STORES, 'trash'] as const) out[s] = await db.getAll(s);
  return JSON.stringify(out);
}
