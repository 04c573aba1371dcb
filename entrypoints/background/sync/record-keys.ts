/**
 * Which accounts have anything in the sync database: a shared document or a rejoin offer. Every
 * resolve asks for each matched account's sync line (sync-engine.ts accountState), and nearly
 * every account was never shared: learning that by reading both stores took two transactions on
 * a second database, one after the other, for every account of every resolve.
 *
 * So the two stores' keys are read once and kept. Every write through the handle this module
 * hands out (put, add, delete, clear, a read-write transaction) forgets them as it starts, and the
 * next question reads them again: a read that began before a write answers for that moment, one
 * that begins after it sees it (IndexedDB runs transactions in the order they were created). It is
 * a cache: the database stays the truth, and a restarted worker reads the keys again.
 */
import { accountDocName, type SyncDb } from './sync-state';

const WRITES: ReadonlySet<PropertyKey> = new Set(['put', 'add', 'delete', 'clear']);

interface Keys {
  docs: Set<string>;
  offers: Set<string>;
}

export interface SyncRecordKeys {
  /** The handle for everything, writes included: writing through it keeps the keys honest. */
  db: SyncDb;
  /** False only when the account has neither a document nor an offer in the sync database. */
  mayHaveRecord(accountId: string): Promise<boolean>;
}

export function syncRecordKeys(db: SyncDb): SyncRecordKeys {
  let kept: Promise<Keys> | null = null;
  const forget = () => void (kept = null);

  const read = async (): Promise<Keys> => {
    const tx = db.transaction(['docs', 'offers'], 'readonly');
    const [docs, offers] = await Promise.all([
      tx.objectStore('docs').getAllKeys(),
      tx.objectStore('offers').getAllKeys(),
    ]);
    return { docs: new Set(docs), offers: new Set(offers) };
  };

  const watched = new Proxy(db, {
    get(target, name) {
      const value: unknown = Reflect.get(target, name, target);
      if (typeof value !== 'function') return value;
      if (name === 'transaction') {
        return (...args: Parameters<SyncDb['transaction']>) => {
          if (args[1] !== undefined && args[1] !== 'readonly') forget();
          return target.transaction(...args);
        };
      }
      if (WRITES.has(name)) {
        return (...args: unknown[]) => {
          forget();
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });

  return {
    db: watched,
    async mayHaveRecord(accountId) {
      if (!kept) {
        const reading = read();
        kept = reading;
        // A failed read is not kept: the next question tries again.
        reading.catch(() => {
          if (kept === reading) kept = null;
        });
      }
      const { docs, offers } = await kept;
      return docs.has(accountDocName(accountId)) || offers.has(accountId);
    },
  };
}
