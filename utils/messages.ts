/**
 * The one message contract between the views (sidebar, popup, pages) and the background.
 *
 * Each message is a verb-noun name with a request schema (zod, checked by the background before
 * anything else happens), a response type, and whether it is privileged (extension pages only).
 * Responses are typed rather than parsed: they come from the background's own code, and parsing
 * them would put zod into every content script.
 */
import * as z from 'zod/mini';
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
  NextAction,
  Person,
  Potential,
  Profile,
  Role,
  Stage,
  StageChange,
  Timestamp,
} from './model';
import type { MatchedBy } from './match';

const str = (max: number) => z.string().check(z.maxLength(max));

export const Participant = z.object({ email: str(320), name: str(200) });

/** What a host adapter read from the page: the only thing a content script tells the background. */
export const HostContext = z.object({
  host: HostName,
  url: HttpsUrl,
  participants: z.array(Participant).check(z.maxLength(200)),
  /** Web domains shown on a CRM record. */
  domains: z.array(str(253)).check(z.maxLength(50)),
  /** Company names shown on a CRM record. */
  names: z.array(str(200)).check(z.maxLength(10)),
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

const AccountPatch = z.partial(
  z.object({
    name: Account.shape.name,
    domains: Account.shape.domains,
    potential: Potential,
    profile: Profile,
    cadenceDays: Account.shape.cadenceDays,
    crmRefs: Account.shape.crmRefs,
  }),
);

/**
 * A new person (no id) needs a name; an update carries only the fields that changed, so two
 * tabs editing different fields of one person do not overwrite each other.
 */
const PersonInput = z.object({
  id: z.optional(Id),
  accountId: Id,
  name: z.optional(Person.shape.name),
  emails: z.optional(Person.shape.emails),
  title: z.optional(Person.shape.title),
  role: z.optional(Role),
  influence: z.optional(Person.shape.influence),
  attitude: z.optional(Attitude),
  notes: z.optional(Person.shape.notes),
});

const ActivityInput = z.object({
  accountId: Id,
  personIds: Activity.shape.personIds,
  kind: ActivityKind,
  at: Timestamp,
  summary: Activity.shape.summary,
  outcome: z.optional(Activity.shape.outcome),
  source: Activity.shape.source,
});

export const SettingsPatch = z.partial(
  z.object({
    sidebarSide: z.enum(['left', 'right']),
    startCollapsed: z.boolean(),
    disabledHosts: z.array(HostName),
    cadenceDays: z.partialRecord(Stage, z.int().check(z.gte(1), z.lte(365))),
    reminders: z.object({
      enabled: z.boolean(),
      time: z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/)),
    }),
    ownDomains: z.array(Domain).check(z.maxLength(20)),
  }),
);

/** An account with everything a sidebar or the account page shows of it. */
export interface AccountView {
  account: Account;
  people: Person[];
  /** Newest first, at most RECENT_ACTIVITIES. */
  activities: Activity[];
  decisions: Decision[];
  stageChanges: StageChange[];
  lastTouchedAt: number | null;
}

export interface ContextResult {
  matches: (AccountView & { matchedBy: MatchedBy; threadEmails: string[] })[];
  unknown: { email: string; name: string; domain: string | null; freeMail: boolean }[];
  dueCount: number;
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
  lastTouchedAt: number | null;
  updatedAt: number;
}

export interface DueItem extends AccountSummary {
  nextAction: NextAction;
  overdue: boolean;
}

/** The most records of one kind a backup may hold: a bound, so a hostile file cannot exhaust memory. */
export const BACKUP_MAX_RECORDS = 200_000;
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

export interface ImportSummary {
  mode: 'merge' | 'replace';
  counts: Record<'accounts' | 'people' | 'activities' | 'decisions' | 'stageChanges', number>;
}

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

/** `message(schema).returns<Response>()`: the response type rides along without runtime cost. */
function message<Req extends z.ZodMiniType>(request: Req, privileged = false) {
  return {
    returns: <Res>() => ({ request, privileged, response: undefined as unknown as Res }),
  };
}

export const MESSAGES = {
  resolveContext: message(HostContext).returns<ContextResult>(),
  getAccount: message(ById).returns<AccountView>(),
  createAccount: message(
    z.object({
      name: Account.shape.name,
      domains: Account.shape.domains,
      stage: z.optional(Stage),
      potential: z.optional(Potential),
      people: z.optional(z.array(NewPerson).check(z.maxLength(50))),
      crmRef: z.optional(CrmRef),
    }),
  ).returns<AccountView>(),
  updateAccount: message(
    z.object({ id: Id, revision: Account.shape.revision, patch: AccountPatch }),
  ).returns<Account>(),
  /** Links a CRM record to an account and keeps what the record shows (its URL, its domains). */
  linkCrmRecord: message(
    z.object({
      accountId: Id,
      crmRef: CrmRef,
      domains: z.array(str(253)).check(z.maxLength(50)),
    }),
  ).returns<Account>(),
  setStage: message(
    z.object({ id: Id, stage: Stage, reason: StageChange.shape.reason }),
  ).returns<Account>(),
  upsertPerson: message(PersonInput).returns<Person>(),
  /** Removes a person; the answer is the removed record, for Undo through restorePerson. */
  deletePerson: message(ById).returns<Person>(),
  restorePerson: message(z.object({ person: Person })).returns<Person>(),
  logActivity: message(
    z.object({ activity: ActivityInput, nextAction: z.optional(z.nullable(NextAction)) }),
  ).returns<{ activity: Activity; account: Account }>(),
  deleteActivity: message(ById).returns<{ accountId: string }>(),
  setNextAction: message(
    z.object({ accountId: Id, nextAction: z.nullable(NextAction) }),
  ).returns<Account>(),
  completeNextAction: message(
    z.object({
      accountId: Id,
      at: Timestamp,
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
  ).returns<Activity[]>(),
  searchAccounts: message(
    z.object({ query: str(200), limit: z.optional(z.int().check(z.gte(1), z.lte(200))) }),
  ).returns<AccountSummary[]>(),
  listAccounts: message(Nothing).returns<AccountRow[]>(),
  /** How many accounts there are: a count, where listing them all takes seconds at 10,000. */
  countAccounts: message(Nothing).returns<number>(),
  /** Earliest first; `limit` keeps a long overdue list from slowing the popup's first paint. */
  listDue: message(
    z.object({ until: IsoDate, limit: z.optional(z.int().check(z.gte(1), z.lte(10_000))) }),
  ).returns<DueItem[]>(),
  // Deleting a whole account is done from Rapport's own pages only, never from a host page.
  deleteAccount: message(ById, true).returns<{ undoUntil: number }>(),
  restoreAccount: message(ById).returns<AccountView>(),
  // Privileged: only extension pages may read everything, erase everything or change settings.
  exportData: message(Nothing, true).returns<Backup>(),
  wipeData: message(Nothing, true).returns<{ backup: Backup }>(),
  importData: message(
    z.object({ backup: Backup, mode: z.enum(['merge', 'replace']) }),
    true,
  ).returns<ImportSummary>(),
  updateSettings: message(SettingsPatch, true).returns<true>(),
  /** Runs the reminder check now; `now` lets a test drive the clock instead of waiting. */
  checkReminders: message(z.object({ now: z.optional(Timestamp) }), true).returns<{
    overdue: number;
    notified: number;
  }>(),
};

export type MessageName = keyof typeof MESSAGES;
export type RequestOf<K extends MessageName> = z.input<(typeof MESSAGES)[K]['request']>;
export type ParsedRequestOf<K extends MessageName> = z.output<(typeof MESSAGES)[K]['request']>;
export type ResponseOf<K extends MessageName> = (typeof MESSAGES)[K]['response'];

export type ErrorCode =
  'invalid' | 'not_found' | 'conflict' | 'forbidden' | 'storage' | 'disconnected';
export type Result<T> = { ok: true; data: T } | { ok: false; error: string; code: ErrorCode };

/** The envelope on the wire. */
export interface Envelope<K extends MessageName = MessageName> {
  rapport: 1;
  name: K;
  request: RequestOf<K>;
  /** One id per operation; a retry of the same operation carries the same id. */
  opId?: string;
}

export { CHANGED_KEY, type ChangeNotice } from './events';
