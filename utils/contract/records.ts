/**
 * What the store holds, as every runtime may know it: the kinds of record an account has (each a
 * store of the database and a list in a backup) and the version of the store's schema, which a
 * backup records. entrypoints/background/db.ts migrates the database up to that version, one step
 * a version (tests/unit/migrations.test.ts checks that the two agree).
 */
export const RECORD_KINDS = [
  'accounts',
  'people',
  'activities',
  'decisions',
  'stageChanges',
  'objectives',
  'buyingUnits',
  'whitespace',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
/** The kinds that belong to an account: every kind but the accounts themselves. */
export type ChildKind = Exclude<RecordKind, 'accounts'>;
export const CHILD_KINDS = RECORD_KINDS.filter((k): k is ChildKind => k !== 'accounts');

/**
 * The version of the records' shape, as backups record it. The IndexedDB store has its own
 * version (entrypoints/background/db.ts DB_VERSION): a new index changes no record a backup holds.
 * 5: people may hold the executive_sponsor role and lastSeenAt, which an older Rapport cannot read.
 * 6: people may hold lines to other people (reports to, influences...), which an older one would drop.
 * 7: the account plan: objectives, buying units and whitespace cells; next actions and decisions
 *    may name an objective; a follow-up that completed a next action records its due day
 *    (completedDue), for the KPIs' "done on time", and one that set a next action records it
 *    (nextSet), for the meeting brief.
 */
export const SCHEMA_VERSION = 7;
