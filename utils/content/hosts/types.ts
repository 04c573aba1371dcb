/**
 * A host adapter is the only code that reads a host page's DOM (Gmail, Outlook, a CRM).
 * It turns what the page shows into a HostContext for the background to resolve.
 */
import type { HostContext } from '@/utils/contract/messages';
import type { HostName, PageThing } from '@/utils/contract/enums';

export type ReadResult =
  /** A conversation (or CRM record) is open and was read. `key` is stable while it stays open. */
  | {
      status: 'open';
      key: string;
      context: HostContext;
      /** Which of the adapter's reading layers answered (layers.ts), for the health record. */
      layer?: string;
    }
  /** Nothing to show an account for: inbox list, settings, compose only. */
  | { status: 'none' }
  /** Something is open, but the markup is not what the adapter expects. */
  | {
      status: 'unreadable';
      reason: string;
      /** What the user is looking at, in the host's words; absent for an email. */
      thing?: PageThing;
    };

export interface HostAdapter {
  host: HostName;
  /** Pure: does this URL belong to the host at all. */
  matches(url: URL): boolean;
  /** Reads the page as it is now. Never throws: markup surprises become `unreadable`. */
  read(doc: Document, url: URL): ReadResult;
  /**
   * The narrowest element whose changes can mean another conversation opened; observed with a
   * MutationObserver instead of document.body. Null while the app has not rendered it yet.
   */
  watchRoot(doc: Document): Element | null;
  /**
   * The host's own slot for a side panel, when it has one (Gmail's, where Calendar, Keep and Tasks
   * open): the sidebar docks inside it and the host lays itself out around it. Without one, the
   * dock narrows the host's whole layout instead.
   */
  dockSlot?(doc: Document): Element | null;
}
