/**
 * The message contract between the views (sidebar, popup, pages), the content scripts and the
 * background, as types: zod-free, so every runtime may import it. The request schemas, checked by
 * the background before anything else happens, are in utils/schemas/messages.ts; the types of
 * requests derive from them. Responses are typed rather than parsed: they come from the
 * background's own code.
 */
import type { FieldConflict } from '@/utils/shared/field-merge';
import type { MessageName, RequestOf } from '@/utils/schemas/messages';
import type { PageRead } from '@/utils/schemas/page-read';
import type { Potential, Role, Stage } from './enums';
import type { RecordKind } from './records';
import type { AccountSync } from './team';
import type { OpportunitySummary } from './whitespace';
import type {
  Account,
  Activity,
  Decision,
  NextAction,
  Objective,
  Person,
  StageChange,
} from './model';
import type { MatchedBy } from '@/utils/shared/match';
import type { Coverage } from '@/utils/shared/coverage';

export type { MessageName, RequestOf, ParsedRequestOf, ResponseOf } from '@/utils/schemas/messages';
export type { Backup, NextChoice } from '@/utils/schemas/requests';
export type { HostContext, PageRead } from '@/utils/schemas/page-read';

/** An account with everything a sidebar or the account page shows of it. */
export interface AccountView {
  account: Account;
  people: Person[];
  /** Newest first, at most RECENT_ACTIVITIES. */
  activities: Activity[];
  decisions: Decision[];
  stageChanges: StageChange[];
  /** The account plan's objectives, oldest first (dropped ones included). */
  objectives: Objective[];
  lastTouchedAt: number | null;
  /**
   * The card's two lines, read with the rest so that a change notice costs a view one read: its
   * sync line (null when it was never shared here) and its open opportunities.
   */
  sync: AccountSync | null;
  opportunities: OpportunitySummary;
}

/** Why a domain cannot be given to an account (checkDomains; updateAccount refuses the same). */
export interface DomainProblem {
  /** As typed. */
  input: string;
  /** The registrable domain it stands for; absent when it is none. */
  domain?: string;
  problem: 'invalid' | 'free_mail' | 'taken';
  /** For 'taken': the name of the account that has it. */
  account?: string;
}

export interface ContextResult {
  matches: (AccountView & { matchedBy: MatchedBy; threadEmails: string[] })[];
  unknown: { email: string; name: string; domain: string | null; freeMail: boolean }[];
  /**
   * Participants whose address only looks like a known company's: matched to nothing. The worker
   * always sends it; absent reads as none.
   */
  lookalikes?: LookalikeSender[];
  dueCount: number;
}

/**
 * Why an address only looks like a known company's (entrypoints/background/lookalike.ts): hidden
 * characters, letters of another script, the same name under another suffix, the real domain in
 * front of another, or a small edit of the real name.
 */
export type LookalikeReason = 'hidden' | 'homoglyph' | 'other_tld' | 'prefix' | 'edits';

/** A participant whose address only looks like a known company's. */
export interface LookalikeSender {
  /** The address as the page gave it. */
  email: string;
  /** The address safe to show: hidden characters as <U+XXXX>, a homoglyph domain in ASCII. */
  shown: string;
  /** The display name, with hidden characters shown the same way. */
  name: string;
  /** Its own registrable domain (ASCII); null for an address with hidden characters. */
  domain: string | null;
  /** The real domain it resembles (an account's or the user's own, ASCII); null: none found. */
  real: string | null;
  /** The account holding the real domain, when it is an account's. */
  account: string | null;
  reason: LookalikeReason;
}

export interface AccountSummary {
  id: string;
  name: string;
  domains: string[];
  stage: Stage;
  potential: Potential;
  nextAction: NextAction | null;
}

export interface AccountRow extends AccountSummary {
  cadenceDays: number | null;
  /** How well its buying group is covered (utils/shared/coverage.ts). */
  coverage: Coverage;
  /** How many of its objectives are at risk (the account plan). */
  objectivesAtRisk: number;
  lastTouchedAt: number | null;
  updatedAt: number;
}

/** One page of the accounts table and where it sits in the whole result. */
export interface AccountPage {
  rows: AccountRow[];
  /** Position of rows[0] in the result. */
  offset: number;
  /** Accounts matching the query. */
  total: number;
  /** Accounts in the store (0: none yet; total 0 with all > 0: nothing matches). */
  all: number;
}

/** A key player due for contact (listKeyPlayersDue). */
export interface KeyPlayerDue {
  personId: string;
  name: string;
  role: Role;
  accountId: string;
  accountName: string;
  /** Last seen on a thread or contacted; null when never. */
  lastAt: number | null;
  /** Days between contacts expected for the role. */
  cadence: number;
  /** The day the cadence ran (or runs) out. */
  dueDay: string;
}

/** The first key players due (as many as asked for) and how many are due in all. */
export interface KeyPlayersDue {
  items: KeyPlayerDue[];
  total: number;
}

export interface DueItem extends AccountSummary {
  nextAction: NextAction;
  overdue: boolean;
}

/**
 * The most records of one kind a backup may hold: a bound, so a hostile file cannot exhaust memory.
 */

export interface ImportSummary {
  mode: 'merge' | 'replace';
  counts: Record<RecordKind, number>;
}

/**
 * Who may send a message, lowest trust first. Each message names the least trusted sender it
 * accepts; every more trusted one may send it too, except that a report of what a host page shows
 * comes from that page's content script alone.
 * - `content`: a content script. It speaks for a host page the user does not control, so it may
 *   only report what the page shows (reportContext).
 * - `frame`: the sidebar frame (sidebar.html, framed into a host page; the page cannot script it):
 *   reads and writes of accounts, one at a time.
 * - `page`: Rapport's own pages (popup, options, accounts): everything, including what reads or
 *   changes the whole store and the settings.
 */
export type Access = 'content' | 'frame' | 'page';

/** One unsaved field of the sidebar, as the background keeps it. */
export interface DraftEntry {
  key: string;
  value: string;
  at: number;
}

/** What the background keeps per tab for that tab's sidebar frame (storage.session). */
export interface TabState {
  tabId: number;
  /** The latest report of the tab's content script; null before the first. */
  read: PageRead | null;
  /**
   * How many different reads the tab has had: news of the tab arrives by more than one way, and
   * a later number is the newer read (an older one arriving late is not shown).
   */
  seq: number;
  /** Presses of the log-follow-up shortcut in this tab: each new value opens the form. */
  logRequest: number;
  /**
   * The tab's sidebar frames that introduced themselves (getTabState), newest last: where the
   * resolved news is sent. A page can add frames of its own; they are ours too (sidebar.html).
   */
  frames?: FrameTarget[];
}

/** One document in a tab: Chromium names it by documentId, Firefox by frameId. */
export interface FrameTarget {
  frameId: number;
  documentId?: string;
}

export type ErrorCode =
  'invalid' | 'not_found' | 'conflict' | 'forbidden' | 'storage' | 'disconnected';
/**
 * A write refused with code 'conflict' names the fields someone else changed since they were
 * read, with both values (utils/shared/field-merge.ts), so the UI can offer the choice.
 */
export type Result<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; code: ErrorCode; conflicts?: FieldConflict[] };

/** The envelope on the wire. */
export interface Envelope<K extends MessageName = MessageName> {
  rapport: 1;
  name: K;
  request: RequestOf<K>;
  /** One id per operation; a retry of the same operation carries the same id. */
  opId?: string;
}
