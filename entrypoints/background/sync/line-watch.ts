/**
 * A shared account's sync line moves without any store write: the socket connects or drops, the
 * server acknowledges a change. The views read the line with the account (one read per change
 * notice, no polling), so the worker tells them when a line would now read differently: each
 * poke looks again, shortly after, at every shared account's state, and one notice names those
 * whose state is not the one last seen here.
 */
import type { AccountSyncState } from './sync-types';

/** Long enough to fold the burst of one change (marked, pushed, acknowledged) into one notice. */
export const LINE_SETTLE_MS = 150;

export interface LineWatchDeps {
  /** The accounts shared here (open documents). */
  accounts: () => string[];
  state: (accountId: string) => Promise<AccountSyncState | null>;
  notify: (accountIds: string[]) => Promise<void>;
  onError: (error: unknown) => void;
}

export function createLineWatch(deps: LineWatchDeps) {
  const seen = new Map<string, string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();

  async function look(): Promise<void> {
    const changed: string[] = [];
    for (const accountId of deps.accounts()) {
      const now = JSON.stringify(await deps.state(accountId));
      if (seen.get(accountId) === now) continue;
      seen.set(accountId, now);
      changed.push(accountId);
    }
    if (changed.length > 0) await deps.notify(changed);
  }

  return {
    /** Something a line depends on may have changed: look again soon (once for a burst). */
    poke(): void {
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        running = running.then(look).catch(deps.onError);
      }, LINE_SETTLE_MS);
    },
    /** An account no longer shared here: its next share starts afresh. */
    forget(accountId: string): void {
      seen.delete(accountId);
    },
    /** Waits for a look already due (tests, and a clean stop). */
    async settle(): Promise<void> {
      if (timer !== undefined) {
        clearTimeout(timer);
        timer = undefined;
        running = running.then(look).catch(deps.onError);
      }
      await running;
    },
    stop(): void {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

export type LineWatch = ReturnType<typeof createLineWatch>;
