/**
 * What a content script may tell the background of its page: what the host adapter read (the
 * context and its participants), and a page snapshot. Checked by the background before anything
 * else happens; nothing here trusts the page.
 */
import * as z from 'zod/mini';
import { CrmRef, HostName, HttpsUrl, PageTheme, PageThing, text } from './model';

import { MAX_DOMAINS, MAX_NAMES, MAX_PARTICIPANTS } from '@/utils/contract/limits';

export const Participant = z.object({ email: text(320), name: text(200) });

/** What a host adapter read from the page: the only thing a content script tells the background. */
export const HostContext = z.object({
  host: HostName,
  url: HttpsUrl,
  participants: z.array(Participant).check(z.maxLength(MAX_PARTICIPANTS)),
  /** Web domains shown on a CRM record. */
  domains: z.array(text(253)).check(z.maxLength(MAX_DOMAINS)),
  /** Company names shown on a CRM record. */
  names: z.array(text(200)).check(z.maxLength(MAX_NAMES)),
  crmRef: z.optional(CrmRef),
  thread: z.optional(z.object({ id: text(200), subject: text(1000) })),
  /** The signed-in user's own address, when the page shows it. */
  selfEmail: z.optional(text(320)),
});
export type HostContext = z.infer<typeof HostContext>;

/**
 * What a host adapter read, as the content script reports it: what is open (`key` stays the same
 * while it stays open), nothing, or a page whose markup could not be read.
 */
export const PageRead = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('open'),
    key: text(600),
    context: HostContext,
    /** Which of the adapter's reading layers answered, for the selector health record. */
    layer: z.optional(text(60)),
    theme: z.optional(PageTheme),
  }),
  z.object({
    status: z.literal('none'),
    host: HostName,
    url: HttpsUrl,
    theme: z.optional(PageTheme),
  }),
  z.object({
    status: z.literal('unreadable'),
    host: HostName,
    reason: text(500),
    thing: z.optional(PageThing),
    /** The page's own colour scheme as painted (utils/content/page-theme.ts), for the sidebar's. */
    theme: z.optional(PageTheme),
  }),
]);
export type PageRead = z.infer<typeof PageRead>;

/** The most a page snapshot may weigh (characters of HTML); a bigger page is refused. */
export const MAX_SNAPSHOT_CHARS = 8_000_000;

/** A content script's answer to SNAPSHOT_PAGE_EVENT, checked by the worker before it is relayed. */
export const PageSnapshot = z.object({
  html: z.string().check(z.minLength(1), z.maxLength(MAX_SNAPSHOT_CHARS)),
});
export type PageSnapshot = z.infer<typeof PageSnapshot>;
