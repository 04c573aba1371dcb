/**
 * The service worker can be stopped at any moment and is started again by the event that needs
 * it. Chrome delivers that event only to listeners that exist when the worker's first task ends,
 * so every listener must be added during the synchronous main(): one added after an await misses
 * the event that woke the worker. This runs the real background entry against the fake browser
 * and checks what was registered by the time main() returned, before any await.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

/** Events the worker must hear after a restart: each must have its listener from the start. */
const REQUIRED = [
  'runtime.onMessage',
  'runtime.onInstalled',
  'runtime.onStartup',
  'commands.onCommand',
  'alarms.onAlarm',
  'notifications.onClicked',
];

/**
 * Replaces addListener on every event of the fake browser (namespace.event, and one level deeper
 * such as storage.local.onChanged) with a recorder, so that any listener the entry adds, whatever
 * its API, is seen with its name.
 */
function recordListeners(added: string[]) {
  const visit = (object: Record<string, unknown>, path: string[], depth: number) => {
    for (const key of Object.keys(object)) {
      let value: unknown;
      try {
        value = object[key];
      } catch {
        continue;
      }
      if (!value || typeof value !== 'object') continue;
      const name = [...path, key].join('.');
      if (typeof (value as { addListener?: unknown }).addListener === 'function') {
        vi.spyOn(value as { addListener: () => void }, 'addListener').mockImplementation((() =>
          added.push(name)) as never);
      } else if (depth < 2) visit(value as Record<string, unknown>, [...path, key], depth + 1);
    }
  };
  visit(fakeBrowser as unknown as Record<string, unknown>, [], 0);
}

afterEach(() => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
});

describe('background listeners', () => {
  it('adds every listener during the synchronous main(), before any await', async () => {
    // The entry reads a few strings at load; the fake browser has no i18n of its own.
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((key: string) => key) as never);
    const added: string[] = [];
    recordListeners(added);
    // The module's top level runs on import; main() is what WXT calls when the worker starts.
    const { default: background } = await import('@/entrypoints/background/index');
    expect(added, 'nothing may register at import time, outside main()').toEqual([]);

    const returned: unknown = background.main();
    // Checked before this test awaits anything: a listener added after an await in main() (or
    // in a promise it started) is not in the list yet.
    const atReturn = [...added];
    expect(returned instanceof Promise, 'main() must be synchronous').toBe(false);
    for (const name of REQUIRED) {
      expect(
        atReturn.filter((n) => n === name),
        `${name} registered exactly once`,
      ).toHaveLength(1);
    }

    // And nothing more is registered later, once the microtasks main() queued have run.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(added).toEqual(atReturn);
  });
});
