/**
 * The request schemas of the messages the extension's own pages and the sidebar frame send
 * (utils/schemas/messages.ts names each message and its access).
 */
import * as z from 'zod/mini';
import { COVERAGE_LEVELS } from '@/utils/contract/enums';
import {
  Account,
  Activity,
  ActivityKind,
  Attitude,
  BuyingUnit,
  Decision,
  Domain,
  Email,
  HostName,
  ThemeChoice,
  HttpsUrl,
  Id,
  IsoDate,
  NextAction,
  Objective,
  Person,
  Potential,
  Profile,
  Role,
  Stage,
  StageChange,
  Timestamp,
  WhitespaceCell,
  text,
} from './model';

import {
  BACKUP_MAX_RECORDS,
  CADENCE_MAX,
  CADENCE_MIN,
  MAX_OFFERINGS,
  MAX_OWN_DOMAINS,
  OFFERING_NAME_MAX,
  TIME_OF_DAY,
} from '@/utils/contract/limits';

/** An offering of the settings (utils/contract/settings.ts): a column of the whitespace grid. */
const Offering = z.object({
  id: Id,
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(OFFERING_NAME_MAX)),
});

export const NewPerson = z.object({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  email: Email,
});

export const AccountFields = z.object({
  name: Account.shape.name,
  domains: Account.shape.domains,
  potential: Potential,
  profile: z.partial(Profile),
  cadenceDays: Account.shape.cadenceDays,
  crmRefs: Account.shape.crmRefs,
});
/** Only the fields a write changes; each part of the profile is a field of its own. */
export const AccountPatch = z.partial(AccountFields);
/**
 * The value each changed field had when the writer read it: the background merges changes to
 * different fields and refuses, naming both values, a field someone else changed since
 * (utils/shared/field-merge.ts). A field missing here was read as absent.
 */
export const AccountBase = z.partial(AccountFields);

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
export const PersonInput = z
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

export const ActivityInput = z.object({
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
    theme: ThemeChoice,
    disabledHosts: z.array(HostName),
    cadenceDays: z.partialRecord(Stage, z.int().check(z.gte(CADENCE_MIN), z.lte(CADENCE_MAX))),
    /** Per role; null stops following that role. */
    roleCadenceDays: z.partialRecord(
      Role,
      z.nullable(z.int().check(z.gte(CADENCE_MIN), z.lte(CADENCE_MAX))),
    ),
    /** Either part alone: each merges on its own (utils/shared/settings-merge.ts). */
    reminders: z.partial(
      z.object({
        enabled: z.boolean(),
        time: z.string().check(z.regex(TIME_OF_DAY)),
      }),
    ),
    ownDomains: z.array(Domain).check(z.maxLength(MAX_OWN_DOMAINS)),
    offerings: z.array(Offering).check(
      z.maxLength(MAX_OFFERINGS),
      z.refine((list) => new Set(list.map((o) => o.id)).size === list.length, 'ids must differ'),
    ),
  }),
);

export const records = <T extends z.ZodMiniType>(schema: T) =>
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
  // The account plan; absent from backups made before schema 7.
  objectives: z._default(records(Objective), () => []),
  buyingUnits: z._default(records(BuyingUnit), () => []),
  whitespace: z._default(records(WhitespaceCell), () => []),
});
export type Backup = z.infer<typeof Backup>;

export const DecisionInput = z.object({
  accountId: Id,
  date: IsoDate,
  what: Decision.shape.what,
  why: z.optional(Decision.shape.why),
  decidedBy: z.optional(Decision.shape.decidedBy),
  alternatives: z.optional(Decision.shape.alternatives),
  sourceUrl: z.optional(HttpsUrl),
  objectiveId: z.optional(Id),
});

export const ById = z.object({ id: Id });
export const Nothing = z.object({});

/** The most rows one page of the accounts table may ask for. */
export const ACCOUNT_PAGE_MAX = 500;

/** One page of the accounts table: the page's query, and which rows of its result. */
export const AccountPageQuery = z.object({
  sort: z.enum(['name', 'stage', 'potential', 'coverage', 'due', 'lastTouch']),
  dir: z.enum(['asc', 'desc']),
  stage: z.optional(Stage),
  potential: z.optional(Potential),
  coverage: z.optional(z.enum(COVERAGE_LEVELS)),
  /** Only accounts with an objective at risk (the objectives' byStatus index). */
  objectives: z.optional(z.literal('at_risk')),
  due: z.enum(['all', 'overdue', 'today', 'week', 'none']),
  text: text(200),
  offset: z.int().check(z.gte(0), z.lte(10_000_000)),
  limit: z.int().check(z.gte(1), z.lte(ACCOUNT_PAGE_MAX)),
});
export type AccountPageQuery = z.infer<typeof AccountPageQuery>;

/** A teammate's address and role on a shared account (the owner is whoever shares it). */
export const TeamMember = z.object({ email: Email, role: z.enum(['editor', 'viewer']) });
