/** Shared set-up for tests of the background: a fresh store and a handler context around it. */
import { openDb, type RapportDb } from '@/entrypoints/background/db';
import { RECORD_KINDS } from '@/utils/contract/records';
import type { HandlerContext } from '@/entrypoints/background/handlers/common';
import { route, type SenderKind } from '@/entrypoints/background/router';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/contract/settings';
import type {
  MessageName,
  RequestOf,
  Result,
  ResponseOf,
  TabState,
} from '@/utils/contract/messages';
import type { TabStates } from '@/entrypoints/background/tab-state';

let counter = 0;

/** The per-tab state in memory (the background keeps it in storage.session). */
export function memoryTabStates(): TabStates & {
  focusReturned: number[];
  snapshotsAsked: number[];
} {
  const states = new Map<number, TabState>();
  const focusReturned: number[] = [];
  const snapshotsAsked: number[] = [];
  const get = async (tabId: number) =>
    states.get(tabId) ?? { tabId, read: null, seq: 0, logRequest: 0 };
  return {
    focusReturned,
    snapshotsAsked,
    get,
    async report(tabId, read) {
      const state = await get(tabId);
      states.set(tabId, { ...state, read, seq: state.seq + 1 });
    },
    async attach(tabId, frame) {
      const state = { ...(await get(tabId)), frame };
      states.set(tabId, state);
      return state;
    },
    async requestLog(tabId) {
      const state = await get(tabId);
      states.set(tabId, { ...state, logRequest: state.logRequest + 1 });
    },
    async forget(tabId) {
      states.delete(tabId);
    },
    async returnFocus(tabId) {
      focusReturned.push(tabId);
    },
    async snapshot(tabId) {
      snapshotsAsked.push(tabId);
      return { html: `<!-- url: https://example.com/ -->\n<html><body>tab ${tabId}</body></html>` };
    },
  };
}

export async function freshContext(overrides: Partial<Settings> = {}) {
  const db = await openDb(`test-${++counter}-${Math.random()}`);
  let settings: Settings = { ...DEFAULT_SETTINGS, ...overrides };
  let clock = Date.UTC(2026, 10, 28, 12, 0, 0);
  let ids = 0;
  const tabs = memoryTabStates();
  const ctx: HandlerContext = {
    db,
    tabs,
    tabId: 7,
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
    tabs,
    advance: (ms: number) => (clock += ms),
    getSettings: () => settings,
    /** Sends as an extension page unless told otherwise. */
    send: async <K extends MessageName>(
      name: K,
      request: RequestOf<K>,
      sender: SenderKind = 'extension-page',
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
  for (const s of [...RECORD_KINDS, 'trash', 'drafts', 'backups', 'backupRecords'] as const)
    out[s] = await db.getAll(s);
  return JSON.stringify(out);
}
