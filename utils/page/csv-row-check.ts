/**
 * The checks every imported row goes through, whether it describes an account or a person: each
 * one that fails records the row's problem by line and answers null, so the caller only skips on.
 */
import type { MessageKey } from '@/utils/shared/i18n';
import type { LineProblem } from '@/utils/shared/problem';
import type { CsvRow } from './csv-table';

const LIMIT_NAME = 200;

interface Schema {
  safeParse(value: unknown): {
    success: boolean;
    error?: { issues: readonly { path: readonly PropertyKey[]; message: string }[] };
  };
}

/** First schema issue as "path: message", for a record that slipped past the friendlier checks. */
function schemaIssue(result: ReturnType<Schema['safeParse']>): string | null {
  if (result.success) return null;
  const issue = result.error?.issues[0];
  if (!issue) return 'invalid';
  return issue.path.length
    ? `${issue.path.map(String).join('.')}: ${issue.message}`
    : issue.message;
}

export interface RowCheck {
  /** Records the row as invalid. */
  fail(key: MessageKey, ...subs: (string | number)[]): void;
  /** The row's `name`: present and not too long, or null. */
  name(): string | null;
  /** A cell read by `parse`: `fallback` when empty, null when it does not parse (as `key`). */
  choice<T>(
    column: string,
    parse: (raw: string) => T | null,
    fallback: T,
    key: MessageKey,
  ): T | null;
  /** Whether the built record passes its schema. */
  valid(schema: Schema, record: unknown): boolean;
}

/** The checks for one row, recording what fails in `invalid`. */
export function checkRow(row: CsvRow, invalid: LineProblem[]): RowCheck {
  const fail: RowCheck['fail'] = (key, ...subs) => invalid.push({ line: row.line, key, subs });
  return {
    fail,
    name() {
      const name = row.get('name');
      if (!name) fail('csvNameMissing');
      else if (name.length > LIMIT_NAME) fail('csvTooLong', 'name', LIMIT_NAME);
      else return name;
      return null;
    },
    choice(column, parse, fallback, key) {
      const raw = row.get(column);
      if (!raw) return fallback;
      const value = parse(raw);
      if (value === null) fail(key, raw);
      return value;
    },
    valid(schema, record) {
      const issue = schemaIssue(schema.safeParse(record));
      if (issue) fail('csvInvalidValue', issue);
      return !issue;
    },
  };
}
