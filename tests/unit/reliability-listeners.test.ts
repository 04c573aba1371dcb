/**
 * The service worker can be stopped at any moment and is started again by the event that needs
 * it. Chrome delivers that event only to listeners that exist when the worker's first task ends,
 * so every listener must be added during the synchronous main(): one added after an await misses
 * the event that woke the worker. This runs the real background entry against the fake browser
 * and checks what was registered by the time main() returned, before any await.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

/** Every event the worker must hear after a restart, by the API that fires it. */
const EVENTS = {
  'runtime.onMessage': () => fakeBrowser.runtime.onMessage,
  'runtime.onInstalled': () => fakeBrowser.runtime.onInstalled,
  'runtime.onStartup': () => fakeBrowser.runtime.onStartup,
  'commands.onCommand': () => fakeBrowser.commands.onCommand,
  'alarms.onAlarm': () => fakeBrowser.alarms.onAlarm,
  'notifications.onClicked': () => fakeBrowser.notifications.onClicked,
} as const;

type EventName = keyof typeof EVENTS;

afterEach(() => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
});

describe('background listeners', () => {
  it('adds every listener during the synchronous main(), before any await', async () => {
    // The entry reads a few strings at load; the fake browser has no i18n of its own.
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((key: string) => key) as never);
    const added: EventName[] = [];
    for (const name of Object.keys(EVENTS) as EventName[]) {
      // Recorded, not forwarded: the fake browser does not implement every event.
      vi.spyOn(EVENTS[name](), 'addListener').mockImplementation((() => {
        added.push(name);
      }) as never);
    }
    // The module's top level runs on import; main() is what WXT calls when the worker starts.
    const { default: background } = await import('@/entrypoints/background/index');
    expect(added, 'nothing may register at import time, outside main()').toEqual([]);

    const returned: unknown = background.main();
    // Checked before this test awaits anything: a listener added after an await in main() (or
    // in a promise it started) is not in the list yet.
    const atReturn = [...added];
    expect(returned instanceof Promise, 'main() must be synchronous').toBe(false);
    expect([...atReturn].sort()).toEqual(Object.keys(EVENTS).sort());
    for (const name of Object.keys(EVENTS) as EventName[]) {
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
