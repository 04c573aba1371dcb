import { browser } from 'wxt/browser';
import { openDb, type RapportDb } from '@/utils/db';
import { CHANGED_KEY, type ChangeNotice } from '@/utils/messages';
import { loadSettings, saveSettings } from '@/utils/settings';
import { classifySender, route } from './router';
import type { HandlerContext } from './handlers';

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
});

/** Every open view listens to this key: one write tells all tabs and pages what changed. */
async function announce(accountIds: string[]): Promise<void> {
  const notice: ChangeNotice = { accountIds, nonce: crypto.randomUUID() };
  await browser.storage.local.set({ [CHANGED_KEY]: notice });
}
