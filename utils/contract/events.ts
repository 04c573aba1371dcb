/** Events the background pushes to views. */
import { ext as browser } from '@/utils/shared/ext';
import { CHANGED_KEY } from './storage-keys';

export interface ChangeNotice {
  accountIds: string[];
  nonce: string;
}

/**
 * The long-lived port a content script sends its reports on (runtime.connect's name). The worker
 * answers each with a ReportAck.
 */
export const REPORT_PORT = 'rapport:report';
export const REPORTED_EVENT = 'reported';
export interface ReportAck {
  rapport: 1;
  event: typeof REPORTED_EVENT;
  /** The report's operation id. */
  opId: string;
  ok: boolean;
}

/** Sent to the active tab's content script when the user presses a shortcut (manifest commands). */
export const TOGGLE_SIDEBAR_EVENT = 'toggleSidebar';
export const LOG_FOLLOW_UP_EVENT = 'logFollowUp';

/** Which manifest command sends which event to the tab. */
export const COMMAND_EVENTS: Readonly<Record<string, string>> = {
  'toggle-sidebar': TOGGLE_SIDEBAR_EVENT,
  'log-follow-up': LOG_FOLLOW_UP_EVENT,
};

function isEvent(message: unknown, event: string): boolean {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { rapport?: unknown }).rapport === 1 &&
    (message as { event?: unknown }).event === event
  );
}

/** Sent by the background to a tab's content script: Escape in the sidebar frame, give focus back. */
export const RETURN_FOCUS_EVENT = 'returnFocus';

/**
 * Sent by the background to a tab's top frame (its content script), only when that tab's own
 * sidebar frame asked (snapshotPage): answer with the page's sanitised snapshot
 * (utils/content/page-snapshot.ts). Never sent on the content script's or the page's initiative.
 */
export const SNAPSHOT_PAGE_EVENT = 'snapshotPage';

/**
 * Sent by the background to a tab's sidebar frame, and to no other document: the tab's new state
 * (`{ ..., state, resolved? }`), with the read already resolved to accounts when it could be. It is
 * how the frame paints a navigation without a request of its own, and the only news a Firefox frame
 * gets (an extension page framed into a web page there has no storage.session).
 */
export const TAB_STATE_EVENT = 'tabState';

export const isToggleSidebar = (message: unknown) => isEvent(message, TOGGLE_SIDEBAR_EVENT);
export const isLogFollowUp = (message: unknown) => isEvent(message, LOG_FOLLOW_UP_EVENT);
export const isReturnFocus = (message: unknown) => isEvent(message, RETURN_FOCUS_EVENT);
export const isSnapshotPage = (message: unknown) => isEvent(message, SNAPSHOT_PAGE_EVENT);
export const isTabStateEvent = (message: unknown) => isEvent(message, TAB_STATE_EVENT);
export const isReportAck = (message: unknown): message is ReportAck =>
  isEvent(message, REPORTED_EVENT);

/** Calls `listener` with each new value of `key` in storage.local until `signal` aborts. */
export function watchLocal(
  key: string,
  listener: (value: unknown) => void,
  signal: AbortSignal,
): void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && key in changes) listener(changes[key]?.newValue);
  };
  browser.storage.onChanged.addListener(onChanged);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onChanged));
}

/** Calls `listener` with each change notice until `signal` aborts. */
export function watchChanges(listener: (notice: ChangeNotice) => void, signal: AbortSignal): void {
  watchLocal(
    CHANGED_KEY,
    (value) => {
      const notice = value as ChangeNotice | undefined;
      if (notice && Array.isArray(notice.accountIds)) listener(notice);
    },
    signal,
  );
}
