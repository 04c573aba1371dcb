/**
 * A shared account's sync line moves without a store write (the socket, the server's
 * acknowledgements): the worker's line watch names the accounts whose line now reads differently,
 * in one notice per burst, so the views' one read per notice keeps the line fresh.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLineWatch, LINE_SETTLE_MS } from '@/entrypoints/background/sync/line-watch';
import type { AccountSyncState } from '@/entrypoints/background/sync/sync-engine';

const synced: AccountSyncState = { phase: 'synced', waiting: 0, revoked: false, error: null };

function watch(states: Map<string, AccountSyncState | null>) {
  const notices: string[][] = [];
  const errors: unknown[] = [];
  const lines = createLineWatch({
    accounts: () => [...states.keys()],
    state: async (id) => states.get(id) ?? null,
    notify: async (ids) => void notices.push(ids),
    onError: (e) => void errors.push(e),
  });
  return { lines, notices, errors };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the sync line watch', () => {
  it('names, once per burst, only the accounts whose line changed', async () => {
    const states = new Map<string, AccountSyncState | null>([
      ['a', synced],
      ['b', synced],
    ]);
    const { lines, notices, errors } = watch(states);
    lines.poke();
    await vi.advanceTimersByTimeAsync(LINE_SETTLE_MS);
    // First look: every shared account's line is news to the views that read it before.
    expect(notices).toEqual([['a', 'b']]);

    // Nothing moved: a poke costs no notice.
    lines.poke();
    await vi.advanceTimersByTimeAsync(LINE_SETTLE_MS);
    expect(notices).toHaveLength(1);

    // A change is marked, pushed and acknowledged in quick succession: one look, one notice.
    states.set('b', { phase: 'pending', waiting: 1, revoked: false, error: null });
    lines.poke();
    lines.poke();
    await vi.advanceTimersByTimeAsync(LINE_SETTLE_MS - 1);
    expect(notices).toHaveLength(1);
    lines.poke();
    await vi.advanceTimersByTimeAsync(1);
    expect(notices).toEqual([['a', 'b'], ['b']]);

    states.set('b', synced);
    states.set('a', { phase: 'off', waiting: 0, revoked: true, error: null });
    lines.poke();
    await vi.advanceTimersByTimeAsync(LINE_SETTLE_MS);
    expect(notices.at(-1)).toEqual(['a', 'b']);
    expect(errors).toEqual([]);
  });

  it('looks at once on settle, and forgets an account no longer shared', async () => {
    const states = new Map<string, AccountSyncState | null>([['a', synced]]);
    const { lines, notices } = watch(states);
    lines.poke();
    await lines.settle();
    expect(notices).toEqual([['a']]);
    // Shared again later: its line is news again.
    lines.forget('a');
    lines.poke();
    await lines.settle();
    expect(notices).toEqual([['a'], ['a']]);
    // Stopped: a pending look never runs.
    states.set('a', null);
    lines.poke();
    lines.stop();
    await vi.advanceTimersByTimeAsync(LINE_SETTLE_MS * 2);
    expect(notices).toHaveLength(2);
  });
});
