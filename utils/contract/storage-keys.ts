/**
 * Every key Rapport keeps in extension storage, each defined once. They are on the user's disk:
 * renaming one loses what was stored under it.
 */

/** The settings, one versioned object: storage.sync, or storage.local where sync is missing. */
export const SETTINGS_KEY = 'rapport:settings';
/**
 * storage.local: the addresses the user's mailboxes are signed in with, newest first (one per
 * mailbox): the popup shows which own company it assumed from each.
 */
export const SEEN_SELF_EMAILS_KEY = 'rapport:seenSelfEmails';
/** The single last-seen address an earlier version kept; removed when the list is first written. */
export const OLD_SEEN_SELF_EMAIL_KEY = 'rapport:seenSelfEmail';
/** storage.local: the sidebar's `{ collapsed, width }`; every tab of the profile follows a change. */
export const LAYOUT_KEY = 'rapport:sidebar';
/** The key in storage.local whose change tells every context which accounts changed. */
export const CHANGED_KEY = 'rapport:changed';
/**
 * The optional hosts the user has granted, as the background last registered their scripts. A
 * content script already running in a tab reads it to learn that its site was withdrawn: the
 * browser removes a registered script from new pages only.
 */
export const GRANTED_HOSTS_KEY = 'rapport:grantedHosts';
/** Where the options page keeps the backup that the last "wipe all data" returned. */
export const WIPE_BACKUP_KEY = 'rapport:lastWipeBackup';
/** storage.local: the day the background last notified of due next actions. */
export const LAST_NOTIFIED_KEY = 'rapport:lastReminderDay';
/** storage.session: what the background keeps for one tab's sidebar frame (TabState). */
export const tabStateKey = (tabId: number) => `rapport:tab:${tabId}`;
/**
 * storage.local: per host, when a page was last read, which reading layer answered, and the last
 * page that could not be read (utils/shared/selector-health.ts); the popup shows it.
 */
export const SELECTOR_HEALTH_KEY = 'rapport:selectorHealth';
