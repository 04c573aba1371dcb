/**
 * What the sidebar shows, and how it asks for changes. Components take these as props and
 * never call browser APIs themselves: the content script injects `send`.
 */
import type { ContextResult, HostContext } from '@/utils/messages';
import type { send } from '@/utils/send';

export type SidebarState =
  | { status: 'loading' }
  /** No conversation open: the collapsed tab shows what is due. */
  | { status: 'none'; dueCount: number }
  /** A conversation is open but the host's markup could not be read. */
  | { status: 'unreadable'; reason: string }
  | { status: 'ready'; context: HostContext; result: ContextResult }
  | { status: 'error'; message: string };

export type Send = typeof send;
