/**
 * For the sync layer's tests in Node: a real Hocuspocus server started from `npm run server` on
 * 127.0.0.1 (port 0), and "browsers": a fake-IndexedDB store with its own sync engine.
 */
import { afterAll, beforeAll } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { openDb, type RapportDb } from '@/entrypoints/background/db';
import { openSyncDb } from '@/entrypoints/background/sync/sync-state';
import { syncRecordKeys } from '@/entrypoints/background/sync/record-keys';
import { createSyncEngine, type SyncEngine } from '@/entrypoints/background/sync/sync-engine';
import { readSnapshot, writeSnapshot } from '@/entrypoints/background/sync/account-store';
import type { AccountSnapshot } from '@/entrypoints/background/sync/account-doc';

/** Starts the server before the file's tests and stops it after; `env` adds its switches. */
export function useSyncServer(env: Record<string, string> = {}) {
  let server: ChildProcess;
  const state = { url: '' };
  const dataDir = mkdtempSync(join(tmpdir(), 'rapport-engine-'));
  const fullEnv = {
    ...process.env,
    RAPPORT_SYNC_DATA_DIR: dataDir,
    RAPPORT_SYNC_PORT: '0',
    ...env,
  };

  beforeAll(async () => {
    server = spawn('node', ['server/main.mjs'], {
      env: fullEnv,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    state.url = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /Rapport sync: (ws:\/\/[\d.]+:\d+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
  });

  afterAll(() => {
    server.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const invite = (email: string) =>
    spawnSync('node', ['server/main.mjs', 'invite', email], {
      env: fullEnv,
      encoding: 'utf8',
    }).stdout.trim();

  /**
   * One browser signed in as `email`: its store, its sync database and its engine. `before`
   * fills the store before the engine connects (a backup restored, say).
   */
  async function browser(
    email: string,
    {
      own = false,
      token = invite(email),
      before,
    }: { own?: boolean; token?: string; before?: (db: RapportDb) => Promise<unknown> } = {},
  ) {
    let counter = 0;
    const db = await openDb(`engine-${email}-${Math.random()}`);
    // As the worker holds it (worker-sync.ts): every engine test runs through the kept keys.
    const keys = syncRecordKeys(await openSyncDb(`engine-sync-${email}-${Math.random()}`));
    const syncDb = keys.db;
    const notified: string[][] = [];
    const newEngine = () =>
      createSyncEngine({
        getDb: async () => db,
        getSyncDb: async () => syncDb,
        mayHaveRecord: keys.mayHaveRecord,
        notify: async (ids) => void notified.push(ids),
        now: () => Date.UTC(2026, 11, 5, 3, 0, 0) + ++counter,
        WebSocketPolyfill: WebSocket,
      });
    await before?.(db);
    const it = { db, engine: newEngine(), notified, syncDb, restart };
    /**
     * The worker stops and starts again: a new engine resumes from what the databases hold
     * (`resume: false`: a message reaches the new engine before it has resumed).
     */
    async function restart({ resume = true } = {}) {
      it.engine.stop();
      it.engine = newEngine();
      if (resume) await it.engine.resume();
    }
    await it.engine.configure({ url: state.url, email, token, own });
    return it;
  }

  return { invite, browser, url: () => state.url };
}

export async function until(what: string, check: () => Promise<boolean>, timeout = 5000) {
  const start = Date.now();
  while (Date.now() - start < timeout) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A write in the UI: the store changes, then the router names the account to the engine. */
export async function userEdits(
  who: { db: RapportDb; engine: SyncEngine },
  accountId: string,
  change: (s: AccountSnapshot) => void,
) {
  // Read, change and write as one step, as a handler's transaction does: a teammate's update
  // landing in between makes the write stale, and the edit is made again on the new state.
  for (;;) {
    const seen = (await readSnapshot(who.db, accountId))!;
    const next = structuredClone(seen);
    change(next);
    if (!(await writeSnapshot(who.db, next, Date.now(), seen)).stale) break;
  }
  await who.engine.localChanged([accountId]);
}

type SyncBrowser = { db: RapportDb; engine: SyncEngine };

/**
 * `owner` shares a new account (`start`, as it is written first) with `teammate` as an editor,
 * and waits until the teammate's browser has it.
 */
export async function shareWithTeammate(
  owner: SyncBrowser,
  teammate: SyncBrowser,
  teammateEmail: string,
  start: AccountSnapshot,
) {
  const id = start.account.id;
  await writeSnapshot(owner.db, start, 1);
  await owner.engine.share(id);
  await owner.engine.setMember(id, teammateEmail, 'editor');
  await teammate.engine.discover();
  await until('the teammate has the account', async () => !!(await readSnapshot(teammate.db, id)));
}
