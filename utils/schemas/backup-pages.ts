/**
 * The requests of a backup streamed in pages (utils/contract/backups.ts): every page of an import
 * is checked here, record by record, before the background stages it; a bad record refuses its
 * page and the staged import is never swapped in.
 */
import * as z from 'zod/mini';
import { BACKUP_PAGE_MAX_RECORDS } from '@/utils/contract/backups';
import { RECORD_KINDS } from '@/utils/contract/records';
import {
  Account,
  Activity,
  BuyingUnit,
  Decision,
  Id,
  Objective,
  Person,
  StageChange,
  Timestamp,
  WhitespaceCell,
} from './model';

export const RecordKind = z.enum(RECORD_KINDS);

const page = <K extends string, T extends z.ZodMiniType>(kind: K, record: T) =>
  z.object({
    backupId: Id,
    kind: z.literal(kind),
    records: z.array(record).check(z.minLength(1), z.maxLength(BACKUP_PAGE_MAX_RECORDS)),
  });

/** One page of one kind's records of an import, going into its staged backup. */
export const StagePage = z.discriminatedUnion('kind', [
  page('accounts', Account),
  page('people', Person),
  page('activities', Activity),
  page('decisions', Decision),
  page('stageChanges', StageChange),
  page('objectives', Objective),
  page('buyingUnits', BuyingUnit),
  page('whitespace', WhitespaceCell),
]);

const Count = z.int().check(z.gte(0));

/** The file's own fields, read once its last record is staged, and how many records it held. */
export const FinishImport = z.object({
  backupId: Id,
  format: z.literal('rapport-backup'),
  schemaVersion: z.int().check(z.gte(1)),
  exportedAt: Timestamp,
  counts: z.object({
    accounts: Count,
    people: Count,
    activities: Count,
    decisions: Count,
    stageChanges: Count,
    // Kinds a backup from before schema 7 does not hold.
    objectives: z._default(Count, 0),
    buyingUnits: z._default(Count, 0),
    whitespace: z._default(Count, 0),
  }),
});

export const ReadPage = z.object({
  backupId: Id,
  kind: RecordKind,
  after: z.optional(Id),
  limit: z.optional(z.int().check(z.gte(1), z.lte(BACKUP_PAGE_MAX_RECORDS))),
});

/** A page of the store's own records of one kind, by id (readRecordsPage). */
export const ReadRecordsPage = z.object({
  kind: RecordKind,
  after: z.optional(Id),
  limit: z.optional(z.int().check(z.gte(1), z.lte(BACKUP_PAGE_MAX_RECORDS))),
});

export const ByBackup = z.object({ backupId: Id });

export const RestoreBackup = z.object({ backupId: Id, mode: z.enum(['merge', 'replace']) });
