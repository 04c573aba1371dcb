/**
 * What the sidebar shows, and how it asks for changes. Components take these as props and
 * never call browser APIs themselves: the sidebar frame (entrypoints/sidebar/) injects `send`.
 */
import type { ComponentType } from 'preact';
import type { MessageKey } from '@/utils/shared/i18n';
import type { ContextResult, HostContext } from '@/utils/contract/messages';
import type { ChangeNotice } from '@/utils/contract/events';
import type { CrmRef, NextAction } from '@/utils/contract/model';
import type { HostName, PageThing, Stage } from '@/utils/contract/enums';
import type { send } from '@/utils/contract/send';
import type { RoleCadence } from '@/utils/shared/freshness';

export type SidebarState =
  | { status: 'loading' }
  /** No conversation open: the collapsed tab shows what is due. */
  | { status: 'none'; dueCount: number }
  /** A conversation is open but the host's markup could not be read. */
  | { status: 'unreadable'; reason: string; host?: HostName; thing?: PageThing }
  | { status: 'ready'; context: HostContext; result: ContextResult }
  | { status: 'error'; message: string };

export type Send = typeof send;

/** Days between follow-ups per stage, from the user's settings. */
export type Cadence = Partial<Record<Stage, number>>;

/** A write the user may take back for a few seconds: a toast offers Undo. */
export interface Undo {
  /** What the toast says. */
  message: MessageKey;
  accountId: string;
  /** The activity the write logged. */
  activityId: string;
  /** The next action before the write; absent when the write left it alone. */
  previous?: NextAction | null;
  /** The next action the write left: Undo puts `previous` back only over this one. */
  current?: NextAction | null;
}

/** What the panel gives each account card besides the account itself. */
export interface CardEnv {
  send: Send;
  reload: () => void;
  cadence?: Cadence;
  /** Days between contacts per key player's role (settings). */
  roleCadence?: RoleCadence;
  /** Shows the toast that offers to undo a write. */
  notify: (undo: Undo) => void;
  /** The log-follow-up shortcut asks this card to open its form. */
  logWanted?: boolean;
  /** The card opened the form the shortcut asked for. */
  onLogOpened?: () => void;
}

/** The panel as the frame shows it: the rail or the open panel, and its width now. */
export interface PanelLayout {
  collapsed: boolean;
  width: number;
}

export interface SidebarProps {
  state: SidebarState;
  send: Send;
  side: 'left' | 'right';
  layout: PanelLayout;
  /** The user collapsed, expanded or resized (by keyboard) the panel. */
  onLayout: (layout: PanelLayout) => void;
  /** The page covers, hides or moves the frame: writes are refused, and the panel says why. */
  covered?: boolean;
  /** A notice above the panel's content (unsaved text restored), with a way to dismiss it. */
  banner?: { text: string; onDismiss: () => void } | null;
  /**
   * Identifies what is open on the page (a conversation's key). When it changes the panel starts
   * afresh: open forms close, a manual account pick is forgotten. A refresh keeps it.
   */
  conversation?: string;
  /** Read the page and resolve it again: after a write, and for "retry". */
  onRefresh: () => void;
  /**
   * The latest change notice from the background. The host tracks the accounts it resolved; the
   * panel uses this for accounts it opened itself (a manual search on an unreadable page).
   */
  notice?: ChangeNotice | null;
  /** The user's follow-up rhythm per stage (settings), for due dates "per cadence". */
  cadence?: Cadence;
  roleCadence?: RoleCadence;
  /**
   * Counts presses of the log-follow-up shortcut: each new value expands the panel and opens the
   * follow-up form of the account shown.
   */
  logRequest?: number;
  /**
   * What a CRM record that matches no account offers (components/crm-record.tsx: create or link).
   * Passed in by the CRM hosts' scripts only, so Gmail's script, within its budget, does without.
   */
  recordOffer?: ComponentType<RecordOfferProps>;
}

export interface RecordOfferProps {
  context: HostContext & { crmRef: CrmRef };
  unknown: ContextResult['unknown'];
  send: Send;
  reload: () => void;
}
