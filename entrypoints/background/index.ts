import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { openDb, type RapportDb } from './db';
import { whenKeysReady } from './key-rewrite';
import type { Runtime } from 'webextension-polyfill';
import {
  COMMAND_EVENTS,
  LOG_FOLLOW_UP_EVENT,
  REPORT_PORT,
  REPORTED_EVENT,
  type ChangeNotice,
  type ReportAck,
} from '@/utils/contract/events';
import { CHANGED_KEY, SETTINGS_KEY } from '@/utils/contract/storage-keys';
import { loadSettings, saveSettings, type Settings } from '@/utils/contract/settings';
import { classifySender, route } from './router';
import { sessionTabStates } from './tab-state';
import { activeHosts, injectIntoOpenTabs, syncContentScripts } from './registration';
import type { HandlerContext } from './handlers/common';
import { purgeTrash } from './handlers/accounts';
import { workerSync } from './sync/worker-sync';
import {
  countOverdue,
  NOTIFICATION_PREFIX,
  REMINDER_ALARM,
  REMINDER_PERIOD_MINUTES,
  reminderTarget,
  runReminders,
  setBadge,
  type ReminderText,
} from './reminders';

const reminderText: ReminderText = {
  dueTitle: (name) => browser.i18n.getMessage('reminderDueTitle', [name]),
  overdueTitle: (name) => browser.i18n.getMessage('reminderOverdueTitle', [name]),
  moreTitle: (count) => browser.i18n.getMessage('reminderMoreTitle', [String(count)]),
  moreMessage: browser.i18n.getMessage('reminderMoreMessage'),
};

export default defineBackground(() => {
  // The worker may be stopped at any moment: nothing lives only in memory. The open database is
  // a cache of a handle, reopened on demand after a restart.
  let db: Promise<RapportDb> | null = null;
  // Once open, the store finishes any key rewrite an upgrade started, a batch at a time.
  const getDb = () =>
    (db ??= openDb()
      .then((opened) => (void whenKeysReady(opened).catch(() => undefined), opened))
      .catch((e) => ((db = null), Promise.reject(e))));

  const origin = browser.runtime.getURL('/');
  // Shared accounts follow every write; a teammate's change is announced like any other.
  const sync = workerSync({ getDb, notify: announce });
  const tabs = sessionTabStates();

  // Settings are read on every resolve; reading storage costs about a millisecond, so the worker
  // keeps the last read until the stored value changes (a cache: storage stays the truth).
  let settings: Promise<Settings> | null = null;
  const currentSettings = () =>
    (settings ??= loadSettings().catch((e) => ((settings = null), Promise.reject(e))));
  browser.storage.onChanged.addListener((changes) => {
    if (SETTINGS_KEY in changes) settings = null;
  });
  const checkReminders = async (now: number) => {
    const store = await getDb();
    await purgeTrash(store, now);
    return runReminders(store, now, await currentSettings(), reminderText);
  };

  // Every listener is registered synchronously at top level, so an event that wakes the worker
  // (a message, the alarm, a click on a notification) finds its listener in place.
  /** Every message, however it came (one-off or on the report port), takes this one way. */
  const handle = async (message: unknown, sender: Runtime.MessageSender) => {
    const started = performance.now();
    const kind = classifySender(sender, browser.runtime.id, origin);
    // A content script speaks for its tab's top frame only (none runs in subframes); the sidebar
    // frame for the tab it is framed into.
    const tabId = kind === 'content-script' && sender.frameId !== 0 ? undefined : sender.tab?.id;
    const ctx: HandlerContext = {
      db: await getDb(),
      tabs,
      tabId,
      frame:
        kind === 'sidebar-frame' && sender.frameId !== undefined
          ? { frameId: sender.frameId, documentId: sender.documentId }
          : undefined,
      now: Date.now,
      newId: () => crypto.randomUUID(),
      settings: currentSettings,
      saveSettings,
      checkReminders,
      sync,
    };
    const { result, changed } = await route(message, kind, ctx);
    if (changed.length > 0) {
      await announce(changed);
      void sync.localChanged(changed).catch(() => undefined);
      // Off the reply's path: the writer waits for its answer, not for the count.
      void countOverdue(ctx.db, Date.now()).then(setBadge, () => undefined);
    }
    measureHandling(message, started);
    return result;
  };

  // Every listener is registered synchronously at top level, so an event that wakes the worker
  // (a message, the alarm, a click on a notification) finds its listener in place.
  browser.runtime.onMessage.addListener((message, sender) => handle(message, sender));

  // A content script's reports come on one long-lived port: a message on an open port reaches the
  // worker in about two thirds of the time a one-off message takes (bench: the report's hop).
  // Each report is acknowledged; a port that closes with its report unacknowledged (the worker
  // stopped) makes the content script send that report again the one-off way.
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== REPORT_PORT || !port.sender) return port.disconnect();
    const sender = port.sender;
    port.onMessage.addListener(async (message: unknown) => {
      const result = await handle(message, sender);
      const opId = (message as { opId?: unknown })?.opId;
      const ack: ReportAck = {
        rapport: 1,
        event: REPORTED_EVENT,
        opId: String(opId),
        ok: result.ok,
      };
      try {
        port.postMessage(ack);
      } catch {
        // The tab went away meanwhile.
      }
    });
  });

  // Shortcuts reach the background; the sidebar lives in the active tab. Its content script
  // opens the dock and moves focus into the frame; the frame learns of a log request from the
  // tab's state, which the page cannot reach.
  browser.commands.onCommand.addListener(async (command) => {
    const event = COMMAND_EVENTS[command];
    if (!event) return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    if (event === LOG_FOLLOW_UP_EVENT) await tabs.requestLog(tab.id);
    await browser.tabs
      .sendMessage(tab.id, { rapport: 1, event }, { frameId: 0 })
      .catch(() => undefined);
  });
  browser.tabs.onRemoved.addListener((tabId) => void tabs.forget(tabId));

  // One periodic alarm for everything timed; alarms outlive the worker, timers do not.
  const ensureAlarm = async () => {
    if (!(await browser.alarms.get(REMINDER_ALARM))) {
      await browser.alarms.create(REMINDER_ALARM, {
        periodInMinutes: REMINDER_PERIOD_MINUTES,
        delayInMinutes: 1,
      });
    }
  };
  // After an install, update or reload the browser leaves open tabs with no script (or a stale
  // one, cut off from the extension): give them a fresh sidebar.
  browser.runtime.onInstalled.addListener(
    () => void ensureAlarm().then(syncContentScripts).then(activeHosts).then(injectIntoOpenTabs),
  );
  browser.runtime.onStartup.addListener(() => void ensureAlarm().then(syncContentScripts));

  // A host granted or withdrawn from the popup takes effect at once, without a restart.
  browser.permissions.onAdded.addListener(() => void syncContentScripts().then(injectIntoOpenTabs));
  browser.permissions.onRemoved.addListener(() => void syncContentScripts());
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REMINDER_ALARM) void checkReminders(Date.now());
  });

  browser.notifications.onClicked.addListener(async (id) => {
    if (!id.startsWith(NOTIFICATION_PREFIX)) return;
    const accountId = id.slice(NOTIFICATION_PREFIX.length);
    const account =
      accountId === '*' ? undefined : await (await getDb()).get('accounts', accountId);
    await browser.tabs.create({
      url: reminderTarget(account, origin + 'accounts.html'),
    });
    await browser.notifications.clear(id);
  });
});

/**
 * Each message the worker answers becomes a User Timing measure, "rapport <name>": DevTools'
 * Performance panel on the worker shows it as a span, and a PerformanceObserver (the bench) gets
 * the background's own time without the messaging around it. The timeline buffer is emptied at
 * once, so a long-lived worker keeps nothing.
 */
function measureHandling(message: unknown, start: number): void {
  const name = (message as { name?: unknown } | null)?.name;
  const label = `rapport ${typeof name === 'string' ? name.slice(0, 40) : '?'}`;
  performance.measure(label, { start });
  performance.clearMeasures(label);
}

/** Every open view listens to this key: one write tells all tabs and pages what changed. */
async function announce(accountIds: string[]): Promise<void> {
  const notice: ChangeNotice = { accountIds, nonce: crypto.randomUUID() };
  await browser.storage.local.set({ [CHANGED_KEY]: notice });
}
