/**
 * The request schemas of the message contract (utils/contract/messages.ts has its types).
 *
 * Each message is a verb-noun name with a request schema (zod, checked by the background before
 * anything else happens), a response type, the least trusted sender it accepts, and whether it
 * only reads.
 */
import * as z from 'zod/mini';
import { COVERAGE_LEVELS } from '@/utils/contract/enums';
import {
  Account,
  Activity,
  ActivityKind,
  Attitude,
  CrmRef,
  Decision,
  Domain,
  Email,
  HostName,
  HttpsUrl,
  Id,
  IsoDate,
  Line,
  LineKind,
  NextAction,
  PageThing,
  Person,
  Potential,
  Profile,
  Role,
  Stage,
  StageChange,
  Timestamp,
} from './model';
import type {
  AccountPage,
  AccountRow,
  AccountSummary,
  AccountView,
  Access,
  ContextResult,
  DomainProblem,
  DraftEntry,
  DueItem,
  KeyPlayerDue,
  ImportSummary,
  TabState,
} from '@/utils/contract/messages';

import type {
  BackupInfo,
  BackupPage,
  RestoreSummary,
  StagedImport,
} from '@/utils/contract/backups';
import type { AccountSync, ChangeEntry, TeamStatus } from '@/utils/contract/team';
import { ByBackup, FinishImport, ReadPage, RestoreBackup, StagePage } from './backup-pages';
import {
  BACKUP_MAX_RECORDS,
  CADENCE_MAX,
  CADENCE_MIN,
  MAX_DOMAINS,
  MAX_NAMES,
  MAX_NEW_ACCOUNT_PEOPLE,
  MAX_OWN_DOMAINS,
  MAX_PARTICIPANTS,
  TIME_OF_DAY,
} from '@/utils/contract/limits';

const str = (max: number) => z.string().check(z.maxLength(max));

export const Participant = z.object({ email: str(320), name: str(200) });

/** What a host adapter read from the page: the only thing a content script tells the background. */
export const HostContext = z.object({
  host: HostName,
  url: HttpsUrl,
  participants: z.array(Participant).check(z.maxLength(MAX_PARTICIPANTS)),
  /** Web domains shown on a CRM record. */
  domains: z.array(str(253)).check(z.maxLength(MAX_DOMAINS)),
  /** Company names shown on a CRM record. */
  names: z.array(str(200)).check(z.maxLength(MAX_NAMES)),
  crmRef: z.optional(CrmRef),
  thread: z.optional(z.object({ id: str(200), subject: str(1000) })),
  /** The signed-in user's own address, when the page shows it. */
  selfEmail: z.optional(str(320)),
});
export type HostContext = z.infer<typeof HostContext>;

const NewPerson = z.object({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  email: Email,
});

const AccountFields = z.object({
  name: Account.shape.name,
  domains: Account.shape.domains,
  potential: Potential,
  profile: z.partial(Profile),
  cadenceDays: Account.shape.cadenceDays,
  crmRefs: Account.shape.crmRefs,
});
/** Only the fields a write changes; each part of the profile is a field of its own. */
const AccountPatch = z.partial(AccountFields);
/**
 * The value each changed field had when the writer read it: the background merges changes to
 * different fields and refuses, naming both values, a field someone else changed since
 * (utils/shared/field-merge.ts). A field missing here was read as absent.
 */
const AccountBase = z.partial(AccountFields);

const PersonFields = {
  name: z.optional(Person.shape.name),
  emails: z.optional(Person.shape.emails),
  title: z.optional(Person.shape.title),
  role: z.optional(Role),
  influence: z.optional(Person.shape.influence),
  attitude: z.optional(Attitude),
  notes: z.optional(Person.shape.notes),
};

/**
 * A new person (no id) needs a name; an update carries only the fields that changed, each with
 * the value it was read at (`base`), so two tabs editing different fields of one person merge,
 * and the same field changed in both is a conflict the user settles, never a silent overwrite.
 */
const PersonInput = z
  .object({
    id: z.optional(Id),
    accountId: Id,
    ...PersonFields,
    base: z.optional(z.object(PersonFields)),
  })
  .check(
    z.refine((r) => !r.id || r.base !== undefined, {
      message: 'base: an update says what each changed field was when read',
      path: ['base'],
    }),
  );

const ActivityInput = z.object({
  accountId: Id,
  personIds: Activity.shape.personIds,
  kind: ActivityKind,
  at: Timestamp,
  summary: Activity.shape.summary,
  outcome: z.optional(Activity.shape.outcome),
  source: Activity.shape.source,
});

/**
 * What a follow-up does to the open next action. `seen` is the next action's text as the form
 * showed it: Done and Replace act on that one only, so a next action changed meanwhile (in
 * another tab) is never completed or dropped by mistake.
 * - keep: it stays as it is, due day included.
 * - done: it was done; the follow-up records it, and `then` (if any) becomes the next action.
 * - replace: `nextAction` takes its place (or is set, when there was none: seen is null).
 */
export const NextChoice = z.discriminatedUnion('choice', [
  z.object({ choice: z.literal('keep') }),
  // `seen` is the whole next action as the form read it: a snoozed one (same words, another
  // day) has changed too, and is not finished or replaced without the user seeing it.
  z.object({
    choice: z.literal('done'),
    seen: NextAction,
    then: z.optional(NextAction),
  }),
  z.object({
    choice: z.literal('replace'),
    seen: z.nullable(NextAction),
    nextAction: NextAction,
  }),
]);
export type NextChoice = z.infer<typeof NextChoice>;

export const SettingsPatch = z.partial(
  z.object({
    sidebarSide: z.enum(['left', 'right']),
    startCollapsed: z.boolean(),
    railWhenNothingOpen: z.boolean(),
    disabledHosts: z.array(HostName),
    cadenceDays: z.partialRecord(Stage, z.int().check(z.gte(CADENCE_MIN), z.lte(CADENCE_MAX))),
    /** Per role; null stops following that role. */
    roleCadenceDays: z.partialRecord(
      Role,
      z.nullable(z.int().check(z.gte(CADENCE_MIN), z.lte(CADENCE_MAX))),
    ),
    reminders: z.object({
      enabled: z.boolean(),
      time: z.string().check(z.regex(TIME_OF_DAY)),
    }),
    ownDomains: z.array(Domain).check(z.maxLength(MAX_OWN_DOMAINS)),
  }),
);

const records = <T extends z.ZodMiniType>(schema: T) =>
  z.array(schema).check(z.maxLength(BACKUP_MAX_RECORDS));

/** A whole-store backup: lossless (every record as stored) and versioned by the store's schema. */
export const Backup = z.object({
  format: z.literal('rapport-backup'),
  schemaVersion: z.int().check(z.gte(1)),
  exportedAt: Timestamp,
  accounts: records(Account),
  people: records(Person),
  activities: records(Activity),
  decisions: records(Decision),
  stageChanges: records(StageChange),
});
export type Backup = z.infer<typeof Backup>;

const DecisionInput = z.object({
  accountId: Id,
  date: IsoDate,
  what: Decision.shape.what,
  why: z.optional(Decision.shape.why),
  decidedBy: z.optional(Decision.shape.decidedBy),
  alternatives: z.optional(Decision.shape.alternatives),
  sourceUrl: z.optional(HttpsUrl),
});

const ById = z.object({ id: Id });
const Nothing = z.object({});

/** The most rows one page of the accounts table may ask for. */
export const ACCOUNT_PAGE_MAX = 500;

/** One page of the accounts table: the page's query, and which rows of its result. */
export const AccountPageQuery = z.object({
  sort: z.enum(['name', 'stage', 'potential', 'coverage', 'due', 'lastTouch']),
  dir: z.enum(['asc', 'desc']),
  stage: z.optional(Stage),
  potential: z.optional(Potential),
  coverage: z.optional(z.enum(COVERAGE_LEVELS)),
  due: z.enum(['all', 'overdue', 'today', 'week', 'none']),
  text: str(200),
  offset: z.int().check(z.gte(0), z.lte(10_000_000)),
  limit: z.int().check(z.gte(1), z.lte(ACCOUNT_PAGE_MAX)),
});
export type AccountPageQuery = z.infer<typeof AccountPageQuery>;

/**
 * `message(schema, access, effect).returns<Response>()`: the response type rides along without
 * runtime cost. `effect` says whether the message only reads: the sidebar frame refuses anything
 * else while the page covers it (utils/frame-guard.ts).
 */
function message<Req extends z.ZodMiniType>(
  request: Req,
  access: Access = 'frame',
  effect: 'read' | 'write' = 'write',
) {
  return {
    returns: <Res>() => ({ request, access, effect, response: undefined as unknown as Res }),
  };
}

/**
 * What a host adapter read, as the content script reports it: what is open (`key` stays the same
 * while it stays open), nothing, or a page whose markup could not be read.
 */
export const PageRead = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('open'),
    key: str(600),
    context: HostContext,
    /** Which of the adapter's reading layers answered, for the selector health record. */
    layer: z.optional(str(60)),
  }),
  z.object({ status: z.literal('none'), host: HostName, url: HttpsUrl }),
  z.object({
    status: z.literal('unreadable'),
    host: HostName,
    reason: str(500),
    thing: z.optional(PageThing),
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

/** A teammate's address and role on a shared account (the owner is whoever shares it). */
const TeamMember = z.object({ email: Email, role: z.enum(['editor', 'viewer']) });

export const MESSAGES = {
  /** The content script's report of what its page shows; the tab's sidebar frame learns it. */
  reportContext: message(PageRead, 'content').returns<true>(),
  /** The sidebar frame asks what its own tab shows (the tab comes from the sender, not the page). */
  getTabState: message(Nothing, 'frame', 'read').returns<TabState>(),
  /**
   * Keeps (or, with null, drops) the sidebar's draft of one unsaved field. 'read' for the frame's
   * covered-click guard: it changes no account, only keeps the user's own typing.
   */
  keepDraft: message(
    z.object({ key: str(400), value: z.nullable(str(20_000)) }),
    'frame',
    'read',
  ).returns<true>(),
  /** The sidebar's drafts, newest first (at most MAX_DRAFTS). */
  listDrafts: message(Nothing, 'frame', 'read').returns<DraftEntry[]>(),
  /** Escape in the sidebar frame: the tab's content script gives keyboard focus back to the page. */
  returnFocus: message(Nothing, 'frame', 'read').returns<true>(),
  /**
   * "Save this page for a report": the sidebar frame asks for its own tab's page, sanitised by that
   * tab's content script (the worker relays it and checks the answer with PageSnapshot). Only a
   * sidebar frame, only on the user's click; nothing is stored or sent anywhere else.
   */
  snapshotPage: message(Nothing, 'frame', 'read').returns<PageSnapshot>(),
  resolveContext: message(HostContext, 'frame', 'read').returns<ContextResult>(),
  getAccount: message(ById, 'frame', 'read').returns<AccountView>(),
  createAccount: message(
    z.object({
      name: Account.shape.name,
      domains: Account.shape.domains,
      stage: z.optional(Stage),
      potential: z.optional(Potential),
      people: z.optional(z.array(NewPerson).check(z.maxLength(MAX_NEW_ACCOUNT_PEOPLE))),
      crmRef: z.optional(CrmRef),
    }),
  ).returns<AccountView>(),
  updateAccount: message(
    z.object({ id: Id, patch: AccountPatch, base: AccountBase }),
  ).returns<Account>(),
  /**
   * Checks domains as typed before an account is given them (null: a new account): the domains
   * that would be stored, and why any of them cannot be (free mail, another account's).
   */
  checkDomains: message(
    z.object({
      accountId: z.nullable(Id),
      domains: z.array(str(253)).check(z.maxLength(50)),
    }),
    'frame',
    'read',
  ).returns<{ domains: string[]; problems: DomainProblem[] }>(),
  /** Links a CRM record to an account and keeps what the record shows (its URL, its domains). */
  linkCrmRecord: message(
    z.object({
      accountId: Id,
      crmRef: CrmRef,
      domains: z.array(str(253)).check(z.maxLength(MAX_DOMAINS)),
    }),
  ).returns<Account>(),
  /** `base` is the stage as read: another tab's move since is a conflict, not overwritten. */
  setStage: message(
    z.object({ id: Id, stage: Stage, reason: StageChange.shape.reason, base: Stage }),
  ).returns<Account>(),
  upsertPerson: message(PersonInput).returns<Person>(),
  /** Removes a person; the answer is the removed record, for Undo through restorePerson. */
  deletePerson: message(ById).returns<Person>(),
  restorePerson: message(z.object({ person: Person })).returns<Person>(),
  /**
   * Draws a line from one person to another of the same account (utils/shared/relationships.ts);
   * a line to oneself, across accounts or already drawn is refused. The answer is the person the
   * line starts from.
   */
  addLine: message(
    z.object({ fromId: Id, toId: Line.shape.to, kind: LineKind, note: Line.shape.note }),
  ).returns<Person>(),
  removeLine: message(z.object({ fromId: Id, toId: Id, kind: LineKind })).returns<Person>(),
  /**
   * Logs a follow-up and says, explicitly, what becomes of the open next action. There is no
   * default: a request without `next` (the old shape, which carried a bare nextAction) is
   * refused, so nothing can move the next action without the user having chosen to.
   */
  logActivity: message(z.object({ activity: ActivityInput, next: NextChoice })).returns<{
    activity: Activity;
    account: Account;
  }>(),
  deleteActivity: message(ById).returns<{ accountId: string }>(),
  /** `base` is the next action as read (null: none); changed since, the answer is a conflict. */
  setNextAction: message(
    z.object({
      accountId: Id,
      nextAction: z.nullable(NextAction),
      base: z.nullable(NextAction),
    }),
  ).returns<Account>(),
  completeNextAction: message(
    z.object({
      accountId: Id,
      at: Timestamp,
      /** What was done (a call, an email...); when absent, read from the next action's words. */
      kind: z.optional(ActivityKind),
      outcome: z.optional(Activity.shape.outcome),
      next: z.optional(z.nullable(NextAction)),
    }),
  ).returns<{ activity: Activity; account: Account }>(),
  addDecision: message(DecisionInput).returns<Decision>(),
  deleteDecision: message(ById).returns<Decision>(),
  restoreDecision: message(z.object({ decision: Decision })).returns<Decision>(),
  /** An account's follow-ups, newest first, a page at a time (getAccount has only the latest). */
  listActivities: message(
    z.object({
      accountId: Id,
      before: z.optional(Timestamp),
      limit: z.optional(z.int().check(z.gte(1), z.lte(200))),
    }),
    'frame',
    'read',
  ).returns<Activity[]>(),
  searchAccounts: message(
    z.object({ query: str(200), limit: z.optional(z.int().check(z.gte(1), z.lte(200))) }),
    'frame',
    'read',
  ).returns<AccountSummary[]>(),
  listAccounts: message(Nothing, 'page', 'read').returns<AccountRow[]>(),
  /** One page of the accounts table, sorted, filtered and searched through the store's indexes. */
  listAccountsPage: message(AccountPageQuery, 'page', 'read').returns<AccountPage>(),
  /** How many accounts there are: a count, where listing them all takes seconds at 10,000. */
  countAccounts: message(Nothing, 'page', 'read').returns<number>(),
  /** Earliest first; `limit` keeps a long overdue list from slowing the popup's first paint. */
  listDue: message(
    z.object({ until: IsoDate, limit: z.optional(z.int().check(z.gte(1), z.lte(10_000))) }),
    'page',
    'read',
  ).returns<DueItem[]>(),
  /** Key players whose contact cadence runs out by `until`, earliest first. */
  listKeyPlayersDue: message(
    z.object({ until: IsoDate, limit: z.optional(z.int().check(z.gte(1), z.lte(10_000))) }),
    'page',
    'read',
  ).returns<KeyPlayerDue[]>(),
  // Deleting a whole account is done from Rapport's own pages only, never from a host page.
  deleteAccount: message(ById, 'page').returns<{ undoUntil: number }>(),
  restoreAccount: message(ById, 'page').returns<AccountView>(),
  // Only Rapport's own pages may read everything, erase everything or change settings.
  exportData: message(Nothing, 'page', 'read').returns<Backup>(),
  /**
   * Erases every record, the trash, the drafts and the operation-id log, in the one transaction
   * that first copies every record into a backup kept in the store: no erase without a complete
   * backup. Answers that backup's description; the page reads it out with readBackupPage.
   */
  wipeData: message(Nothing, 'page').returns<BackupInfo>(),
  // A store of any size, in pages well below the message cap (utils/contract/backups.ts).
  /** Copies the store into a snapshot, read out with readBackupPage, then deleteBackup. */
  snapshotBackup: message(Nothing, 'page').returns<BackupInfo>(),
  readBackupPage: message(ReadPage, 'page', 'read').returns<BackupPage>(),
  /** The backups the user keeps (an erase's, a replace's), newest first. */
  listBackups: message(Nothing, 'page', 'read').returns<BackupInfo[]>(),
  deleteBackup: message(ByBackup, 'page').returns<true>(),
  /** An import: begin, a page at a time, finish (checked and previewed), then restoreBackup. */
  beginImport: message(Nothing, 'page').returns<BackupInfo>(),
  stageBackupPage: message(StagePage, 'page').returns<number>(),
  finishImport: message(FinishImport, 'page').returns<StagedImport>(),
  /** Swaps a complete backup into the store in one transaction, and drops it. */
  restoreBackup: message(RestoreBackup, 'page').returns<RestoreSummary>(),
  importData: message(
    z.object({ backup: Backup, mode: z.enum(['merge', 'replace']) }),
    'page',
  ).returns<ImportSummary>(),
  updateSettings: message(SettingsPatch, 'page').returns<true>(),
  /** Runs the reminder check now; `now` lets a test drive the clock instead of waiting. */
  checkReminders: message(z.object({ now: z.optional(Timestamp) }), 'page').returns<{
    overdue: number;
    notified: number;
  }>(),
  // Team sync. The token goes in and never comes out: no answer carries it.
  teamStatus: message(Nothing, 'page', 'read').returns<TeamStatus>(),
  /** Checked again by the engine: wss:// except on loopback (sync/server-url.ts). */
  teamConnect: message(
    z.object({ server: str(2000), token: str(8000).check(z.minLength(1)) }),
    'page',
  ).returns<TeamStatus>(),
  teamDisconnect: message(Nothing, 'page').returns<TeamStatus>(),
  /** Whether this person's unshared accounts go to their own document, for their own browsers. */
  teamSyncOwn: message(z.object({ on: z.boolean() }), 'page').returns<TeamStatus>(),
  shareAccount: message(
    z.object({ accountId: Id, members: z.array(TeamMember).check(z.maxLength(50)) }),
    'page',
  ).returns<AccountSync>(),
  unshareAccount: message(z.object({ accountId: Id }), 'page').returns<true>(),
  /** One account's sync line for its views, the sidebar's card included: no address, no token. */
  getAccountSync: message(
    z.object({ accountId: Id }),
    'frame',
    'read',
  ).returns<AccountSync | null>(),
  /** Who changed what, and when, in a shared account (newest first); null when not shared. */
  getAccountHistory: message(z.object({ accountId: Id }), 'page', 'read').returns<
    ChangeEntry[] | null
  >(),
};

export type MessageName = keyof typeof MESSAGES;
export type RequestOf<K extends MessageName> = z.input<(typeof MESSAGES)[K]['request']>;
export type ParsedRequestOf<K extends MessageName> = z.output<(typeof MESSAGES)[K]['request']>;
export type ResponseOf<K extends MessageName> = (typeof MESSAGES)[K]['response'];
