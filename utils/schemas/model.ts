/**
 * The data model: one zod schema per record kind; TypeScript types are inferred from them (and
 * shared zod-free through utils/contract/model.ts).
 *
 * zod/mini keeps the background bundle small (~17 KB against ~84 KB for classic zod).
 */
import * as z from 'zod/mini';
import { en } from 'zod/locales';
import { isRealDate } from '@/utils/shared/dates';
import { asciiHost } from '@/utils/shared/idn';
import { safeUrl } from '@/utils/shared/links';
import {
  ACTIVITY_KINDS,
  ATTITUDES,
  CRM_SYSTEMS,
  HOSTS,
  LINE_KINDS,
  OBJECTIVE_STATUSES,
  PAGE_THINGS,
  PAGE_THEMES,
  THEME_CHOICES,
  POTENTIALS,
  ROLES,
  STAGES,
  SUPPLIERS,
} from '@/utils/contract/enums';
import { CADENCE_MAX, CADENCE_MIN, MAX_ACCOUNT_DOMAINS, MAX_LINES } from '@/utils/contract/limits';

// zod/mini ships without messages; English ones make errors readable in the UI.
z.config(en());

/** Bounds on free text: generous for notes, tight enough that one record cannot fill the quota. */
const SHORT = 200;
const LONG = 20_000;

/** A string of at most `max` characters. */
export const text = (max: number) => z.string().check(z.maxLength(max));
const requiredText = (max: number) =>
  z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(max));

export const Id = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[\w-]+$/));
/** Milliseconds since the epoch. */
export const Timestamp = z.int().check(z.gte(0));
/** A calendar day, YYYY-MM-DD: due dates are days in the user's own time zone, not instants. */
export const IsoDate = z
  .string()
  .check(
    z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD'),
    z.refine(isRealDate, 'is not a real calendar date'),
  );
export const HttpsUrl = z.string().check(
  z.maxLength(2048),
  z.refine((v) => safeUrl(v) !== null, 'must be an https: URL'),
);
/** A lower-case email address; the shape check is loose on purpose (hosts show odd but real ones). */
export const Email = z
  .string()
  .check(
    z.trim(),
    z.toLowerCase(),
    z.maxLength(254),
    z.regex(/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/, 'is not an email address'),
  );
/**
 * A registrable domain such as acme.co.uk, lower case. An international one (пример.рф) is kept
 * in its ASCII form (xn--e1afmkfd.xn--p1ai): one form for each company (utils/shared/idn.ts).
 */
export const Domain = z.string().check(
  z.trim(),
  z.toLowerCase(),
  z.overwrite((value) => asciiHost(value) ?? value),
  z.maxLength(253),
  z.regex(/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'is not a domain name'),
);

export const Stage = z.enum(STAGES);
export const Potential = z.enum(POTENTIALS);
export const Role = z.enum(ROLES);
export const Attitude = z.enum(ATTITUDES);
export const ActivityKind = z.enum(ACTIVITY_KINDS);
export const CrmSystem = z.enum(CRM_SYSTEMS);
export const HostName = z.enum(HOSTS);
export const PageThing = z.enum(PAGE_THINGS);
export const PageTheme = z.enum(PAGE_THEMES);
export const ThemeChoice = z.enum(THEME_CHOICES);
export const ObjectiveStatus = z.enum(OBJECTIVE_STATUSES);
export const Supplier = z.enum(SUPPLIERS);

export const NextAction = z.object({
  text: requiredText(SHORT),
  due: IsoDate,
  personId: z.optional(Id),
  /** The thread it came from: a reminder opens it. */
  sourceUrl: z.optional(HttpsUrl),
  /** The account objective it serves (Objective.id), if the user linked one. */
  objectiveId: z.optional(Id),
});

export const CrmRef = z.object({
  system: CrmSystem,
  recordType: requiredText(40),
  recordId: requiredText(64),
  url: HttpsUrl,
});

export const Profile = z.object({
  goals: text(LONG),
  painPoints: text(LONG),
  opportunities: text(LONG),
});

export const Account = z.object({
  id: Id,
  name: requiredText(SHORT),
  domains: z.array(Domain).check(z.maxLength(MAX_ACCOUNT_DOMAINS)),
  stage: Stage,
  potential: Potential,
  profile: Profile,
  nextAction: z.nullable(NextAction),
  /** Days between follow-ups for this account; null means the stage's default cadence. */
  cadenceDays: z.nullable(z.int().check(z.gte(CADENCE_MIN), z.lte(CADENCE_MAX))),
  crmRefs: z.array(CrmRef).check(z.maxLength(20)),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** Bumped on every write; a write based on an older revision is refused, not merged blindly. */
  revision: z.int().check(z.gte(1)),
});

export const LineKind = z.enum(LINE_KINDS);

/** A line from a person to another of the same account (utils/shared/relationships.ts). */
export const Line = z.object({
  to: Id,
  kind: LineKind,
  note: text(SHORT),
});

export const Person = z.object({
  id: Id,
  accountId: Id,
  name: requiredText(SHORT),
  emails: z.array(Email).check(z.maxLength(20)),
  title: text(SHORT),
  role: Role,
  influence: z.int().check(z.gte(1), z.lte(5)),
  attitude: Attitude,
  notes: text(LONG),
  /** The notes stay in this browser: team sync never sends them (entrypoints/background/sync/). */
  notesPrivate: z.optional(z.boolean()),
  lastContactAt: z.nullable(Timestamp),
  /**
   * When the person was last seen on a thread the user opened (to the day: the store is written
   * at most once a day per person). Absent until then, and in records from before version 5.
   */
  lastSeenAt: z.optional(Timestamp),
  /**
   * The lines this person starts (reports to, influences...). Kept on the person so that deleting
   * and restoring a person takes its lines with it. Absent in records from before version 6.
   */
  lines: z.optional(z.array(Line).check(z.maxLength(MAX_LINES))),
});

export const ActivitySource = z.object({
  host: HostName,
  url: HttpsUrl,
  threadId: z.optional(text(SHORT)),
  subject: z.optional(text(1000)),
});

export const Activity = z.object({
  id: Id,
  accountId: Id,
  personIds: z.array(Id).check(z.maxLength(100)),
  kind: ActivityKind,
  at: Timestamp,
  summary: requiredText(1000),
  outcome: text(LONG),
  source: z.optional(ActivitySource),
  /** The next action this follow-up completed, as it read then (Done in the follow-up form). */
  completed: z.optional(requiredText(SHORT)),
  /**
   * The due day of the next action this follow-up completed (Done in the follow-up form, or
   * Done on the next action): the KPIs count next actions done on time. Absent before version 7's
   * KPIs, and on follow-ups that completed nothing.
   */
  completedDue: z.optional(IsoDate),
  /**
   * The next action this follow-up set (a new one, Replace, or the one after Done), as it read
   * then: the meeting brief shows what a meeting set from this, never from a later guess. Absent
   * on follow-ups that set none, and on those logged before it was kept.
   */
  nextSet: z.optional(z.object({ text: requiredText(SHORT), due: IsoDate })),
});

export const Decision = z.object({
  id: Id,
  accountId: Id,
  date: IsoDate,
  what: requiredText(1000),
  why: text(LONG),
  decidedBy: text(SHORT),
  alternatives: text(LONG),
  sourceUrl: z.optional(HttpsUrl),
  /** The account objective it serves (Objective.id), if the user linked one. */
  objectiveId: z.optional(Id),
});

export const StageChange = z.object({
  id: Id,
  accountId: Id,
  from: z.nullable(Stage),
  to: Stage,
  at: Timestamp,
  reason: text(1000),
});

/**
 * One objective of the account plan: an outcome for the client, how it is measured, by when, and
 * where it stands. An account holds at most MAX_OBJECTIVES that are not dropped.
 */
export const Objective = z.object({
  id: Id,
  accountId: Id,
  outcome: requiredText(SHORT),
  measure: text(SHORT),
  target: text(SHORT),
  due: z.nullable(IsoDate),
  status: ObjectiveStatus,
  /** When the status was last set: the KPIs count objectives met within a period. */
  statusAt: Timestamp,
  createdAt: Timestamp,
});

/** A division, function or region of the client that buys on its own: a row of the whitespace grid. */
export const BuyingUnit = z.object({
  id: Id,
  accountId: Id,
  name: requiredText(SHORT),
  /** Its place in the grid, smallest first. */
  order: z.int().check(z.gte(0)),
});

/** A three-letter currency code (ISO 4217), upper case. */
export const Currency = z
  .string()
  .check(z.regex(/^[A-Z]{3}$/, 'must be a currency code such as EUR'));

/**
 * One cell of the whitespace grid: what a buying unit gets of one offering (an id from the
 * settings' offerings), from whom, for how much a year, until when.
 */
export const WhitespaceCell = z.object({
  id: Id,
  accountId: Id,
  unitId: Id,
  offeringId: Id,
  supplier: Supplier,
  /** The competitor's name when supplier is 'competitor'. */
  competitor: text(SHORT),
  /** Estimated yearly spend, in `currency`; null when unknown. */
  spend: z.nullable(z.number().check(z.gte(0), z.lte(1e12))),
  currency: Currency,
  contractEnd: z.nullable(IsoDate),
  note: text(LONG),
  updatedAt: Timestamp,
  /** When the cell last turned to 'us' from an opportunity: the KPIs count whitespace won. */
  wonAt: z.optional(Timestamp),
});

export type NextAction = z.infer<typeof NextAction>;
export type CrmRef = z.infer<typeof CrmRef>;
export type Profile = z.infer<typeof Profile>;
export type Account = z.infer<typeof Account>;
export type Person = z.infer<typeof Person>;
export type Line = z.infer<typeof Line>;
export type Activity = z.infer<typeof Activity>;
export type ActivitySource = z.infer<typeof ActivitySource>;
export type Decision = z.infer<typeof Decision>;
export type StageChange = z.infer<typeof StageChange>;
export type Objective = z.infer<typeof Objective>;
export type BuyingUnit = z.infer<typeof BuyingUnit>;
export type WhitespaceCell = z.infer<typeof WhitespaceCell>;
