import { browser } from 'wxt/browser';
import { openDb, type RapportDb } from '@/utils/db';
import { CHANGED_KEY, type ChangeNotice } from '@/utils/messages';
import { loadSettings, saveSettings } from '@/utils/settings';
import { classifySender, route } from './router';
import { TRASH_KEEP_MS, type HandlerContext } from './handlers';

/** The message a tab's content script receives when the user presses the toggle shortcut. */
export const TOGGLE_SIDEBAR = { rapport: 1, event: 'toggleSidebar' } as const;
const HOUSEKEEPING_ALARM = 'housekeeping';

export default defineBackground(() => {
  // The worker may be stopped at any moment: nothing lives only in memory. The open database is
  // a cache of a handle, reopened on demand after a restart.
  let db: Promise<RapportDb> | null = null;
  const getDb = () => (db ??= openDb().catch((e) => ((db = null), Promise.reject(e))));

  const origin = browser.runtime.getURL('/');

  // Registered synchronously at top level, so a message that wakes the worker is not missed.
  browser.runtime.onMessage.addListener((message, sender) => {
    const kind = classifySender(sender, browser.runtime.id, origin);
    return (async () => {
      const ctx: HandlerContext = {
        db: await getDb(),
        now: Date.now,
        newId: () => crypto.randomUUID(),
        settings: loadSettings,
        saveSettings,
      };
      const { result, changed } = await route(message, kind, ctx);
      if (changed.length > 0) await announce(changed);
      return result;
    })();
  });

  // The shortcut is delivered to the background; the sidebar lives in the active tab.
  browser.commands.onCommand.addListener(async (command) => {
    if (command !== 'toggle-sidebar') return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id !== undefined)
      await browser.tabs.sendMessage(tab.id, TOGGLE_SIDEBAR).catch(() => undefined);
  });

  // One periodic alarm; alarms survive the worker being stopped, timers do not.
  browser.runtime.onInstalled.addListener(() => {
    void browser.alarms.create(HOUSEKEEPING_ALARM, { periodInMinutes: 60 });
  });
  browser.alarms.onAlarm.addListener(async (alarm) => {
    if (alarm.name !== HOUSEKEEPING_ALARM) return;
    const store = await getDb();
    // Deleted accounts wait in the trash for a week, then go for good.
    const expired = await store.getAllKeysFromIndex(
      'trash',
      'byDeletedAt',
      IDBKeyRange.upperBound(Date.now() - TRASH_KEEP_MS),
    );
    const tx = store.transaction('trash', 'readwrite');
    await Promise.all([...expired.map((k) => tx.store.delete(k)), tx.done]);
  });
});

/** Every open view listens to this key: one write tells all tabs and pages what changed. */
async function announce(accountIds: string[]): Promise<void> {
  const notice: ChangeNotice = { accountIds, nonce: crypto.randomUUID() };
  await browser.storage.local.set({ [CHANGED_KEY]: notice });
}
