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
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const SCHEMA_VERSION = 5;
