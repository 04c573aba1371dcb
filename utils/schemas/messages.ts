/**
 * The message table: every message the background answers (utils/contract/messages.ts has its
 * types). Each is a verb-noun name with a request schema (zod, checked by the background before
 * anything else happens; the schemas are in ./requests.ts, ./page-read.ts and ./backup-pages.ts),
 * a response type, the least trusted sender it accepts, and whether it only reads.
 */
import * as z from 'zod/mini';
import {
  Account,
  BuyingUnit,
  Activity,
  ActivityKind,
  CrmRef,
  Decision,
  Domain,
  Id,
  IsoDate,
  Line,
  LineKind,
  NextAction,
  Objective,
  Person,
  Potential,
  Stage,
  StageChange,
  Timestamp,
  WhitespaceCell,
  text,
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
  KeyPlayersDue,
  ImportSummary,
  TabState,
} from '@/utils/contract/messages';
import type {
  BackupInfo,
  BackupPage,
  RestoreSummary,
  StagedImport,
} from '@/utils/contract/backups';
import type { AccountSync, ChangeEntry, TeamOwner, TeamStatus } from '@/utils/contract/team';
import type { KpiReport } from '@/utils/shared/kpis';
import { ReadKpis } from './kpi-requests';
import type {
  ContractEnding,
  ImportedCells,
  OpportunitySummary,
  RemovedUnit,
  WhitespaceGrid,
} from '@/utils/contract/whitespace';
import {
  AddUnit,
  ContractsEnding,
  ImportCells,
  RenameUnit,
  ReorderUnits,
  RestoreWhitespace,
  SetCell,
} from './whitespace-requests';
import {
  ByBackup,
  FinishImport,
  ReadPage,
  ReadRecordsPage,
  RestoreBackup,
  StagePage,
} from './backup-pages';
import { MAX_DOMAINS, MAX_NEW_ACCOUNT_PEOPLE } from '@/utils/contract/limits';
import {
  AccountBase,
  AccountPageQuery,
  AccountPatch,
  ActivityInput,
  Backup,
  ById,
  DecisionInput,
  NewPerson,
  NextChoice,
  Nothing,
  PersonInput,
  SettingsPatch,
  TeamMember,
} from './requests';
import { HostContext, PageRead, type PageSnapshot } from './page-read';
import { GetBrief } from './brief-requests';
import type { MeetingBrief } from '@/utils/shared/meeting-brief';
import {
  CreateObjective,
  RestoreObjective,
  SetObjectiveStatus,
  UpdateObjective,
  type ObjectiveUnlinked,
} from './objective-requests';

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
    z.object({ key: text(400), value: z.nullable(text(20_000)) }),
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
      domains: z.array(text(253)).check(z.maxLength(50)),
    }),
    'frame',
    'read',
  ).returns<{ domains: string[]; problems: DomainProblem[] }>(),
  /** Links a CRM record to an account and keeps what the record shows (its URL, its domains). */
  linkCrmRecord: message(
    z.object({
      accountId: Id,
      crmRef: CrmRef,
      domains: z.array(text(253)).check(z.maxLength(MAX_DOMAINS)),
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
    z.object({ query: text(200), limit: z.optional(z.int().check(z.gte(1), z.lte(200))) }),
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
  /**
   * Key players whose contact cadence runs out by `until`, earliest first: the first `limit` of
   * them, and how many there are (the popup shows ten of thousands).
   */
  listKeyPlayersDue: message(
    z.object({ until: IsoDate, limit: z.optional(z.int().check(z.gte(1), z.lte(10_000))) }),
    'page',
    'read',
  ).returns<KeyPlayersDue>(),
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
  /** The store's own records of one kind, a page at a time by id (the CSV export and import). */
  readRecordsPage: message(ReadRecordsPage, 'page', 'read').returns<BackupPage>(),
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
  /**
   * `base`: each changed setting as the page read it (utils/shared/settings-merge.ts). A setting
   * changed elsewhere since is a conflict; nothing is written then.
   */
  updateSettings: message(
    z.extend(SettingsPatch, { base: z.optional(SettingsPatch) }),
    'page',
  ).returns<true>(),
  /** Runs the reminder check now; `now` lets a test drive the clock instead of waiting. */
  checkReminders: message(z.object({ now: z.optional(Timestamp) }), 'page').returns<{
    overdue: number;
    notified: number;
  }>(),
  // Team sync. The token goes in and never comes out: no answer carries it.
  teamStatus: message(Nothing, 'page', 'read').returns<TeamStatus>(),
  /** Checked again by the engine: wss:// except on loopback (sync/server-url.ts). */
  teamConnect: message(
    z.object({ server: text(2000), token: text(8000).check(z.minLength(1)) }),
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
  /**
   * Joins an account a teammate shares with this person whose id this store already holds (a
   * restored backup): this browser's records go to that server only now. From Rapport's own
   * pages only, never the sidebar's frame, which sits inside other sites' pages.
   */
  rejoinAccount: message(z.object({ accountId: Id }), 'page').returns<AccountSync>(),
  /** "Not now" on that offer: nothing is joined or sent; the card stops asking. */
  dismissRejoin: message(z.object({ accountId: Id }), 'frame').returns<true>(),
  /** One account's sync line for its views, the sidebar's card included: no address, no token. */
  getAccountSync: message(
    z.object({ accountId: Id }),
    'frame',
    'read',
  ).returns<AccountSync | null>(),
  /**
   * Who on the team owns a shared account for this client domain, when this person has none for
   * it: "Alice owns Acme on your team" beside the sidebar's "Create account". The worker asks
   * the server (with the token only it holds), at most once per domain in a while; free mail,
   * this person's own domains and domains of their own accounts are never asked about.
   */
  getTeamOwners: message(z.object({ domain: Domain }), 'frame', 'read').returns<TeamOwner[]>(),
  /** Who changed what, and when, in a shared account (newest first); null when not shared. */
  getAccountHistory: message(z.object({ accountId: Id }), 'page', 'read').returns<
    ChangeEntry[] | null
  >(),
  // The KPIs (account plan): every account's figures for a period, and the portfolio's.
  readKpis: message(ReadKpis, 'page', 'read').returns<KpiReport>(),
  // The whitespace grid (utils/schemas/whitespace-requests.ts): buying units, cells, contracts.
  listWhitespace: message(z.object({ accountId: Id }), 'frame', 'read').returns<WhitespaceGrid>(),
  getOpportunities: message(
    z.object({ accountId: Id }),
    'frame',
    'read',
  ).returns<OpportunitySummary>(),
  listContractsEnding: message(ContractsEnding, 'page', 'read').returns<ContractEnding[]>(),
  /** How many cells name each offering: the options page asks before removing one. */
  countOfferingUse: message(Nothing, 'page', 'read').returns<Record<string, number>>(),
  addBuyingUnit: message(AddUnit).returns<BuyingUnit>(),
  renameBuyingUnit: message(RenameUnit).returns<BuyingUnit>(),
  reorderBuyingUnits: message(ReorderUnits).returns<BuyingUnit[]>(),
  /** Removes a unit and its cells; the answer is both, for Undo through restoreWhitespace. */
  deleteBuyingUnit: message(ById).returns<RemovedUnit>(),
  setWhitespaceCell: message(SetCell).returns<WhitespaceCell>(),
  /** A CSV file's cells, all or none; the answer carries what Undo needs. */
  importWhitespace: message(ImportCells).returns<ImportedCells>(),
  restoreWhitespace: message(RestoreWhitespace).returns<true>(),
  // The account plan's objectives (objective-requests.ts); getAccount's view lists them.
  createObjective: message(CreateObjective).returns<Objective>(),
  updateObjective: message(UpdateObjective).returns<Objective>(),
  setObjectiveStatus: message(SetObjectiveStatus).returns<Objective>(),
  /** Removes an objective and unlinks what named it, in one transaction; restoreObjective undoes. */
  deleteObjective: message(ById).returns<{ objective: Objective; unlinked: ObjectiveUnlinked }>(),
  restoreObjective: message(RestoreObjective).returns<Objective>(),
  // The meeting brief: read-only, and only for Rapport's own pages (the brief page).
  getBrief: message(GetBrief, 'page', 'read').returns<MeetingBrief>(),
};

export type MessageName = keyof typeof MESSAGES;
export type RequestOf<K extends MessageName> = z.input<(typeof MESSAGES)[K]['request']>;
export type ParsedRequestOf<K extends MessageName> = z.output<(typeof MESSAGES)[K]['request']>;
export type ResponseOf<K extends MessageName> = (typeof MESSAGES)[K]['response'];
