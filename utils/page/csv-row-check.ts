/**
 * The checks every imported row goes through, whether it describes an account or a person: each
 * one that fails records the row's problem by line and answers null, so the caller only skips on.
 */
import type { MessageKey } from '@/utils/shared/i18n';
import type { LineProblem } from '@/utils/shared/problem';
import type { CsvRow } from './csv-table';

const LIMIT_NAME = 200;

interface SchemaIssue {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  origin?: string;
  maximum?: number | bigint;
}

interface Schema {
  safeParse(value: unknown): {
    success: boolean;
    error?: { issues: readonly SchemaIssue[] };
  };
}

/**
 * The row's first schema issue. A text over its limit is said in the user's language, naming the
 * file's column (`columns` maps a record path to it); anything else, which the friendlier checks
 * should have caught, as the schema's "path: message".
 */
function schemaProblem(
  result: ReturnType<Schema['safeParse']>,
  columns: Readonly<Record<string, string>>,
): { key: MessageKey; subs: (string | number)[] } | null {
  if (result.success) return null;
  const issue = result.error?.issues[0];
  if (!issue) return { key: 'csvInvalidValue', subs: ['invalid'] };
  const path = issue.path.map(String).join('.');
  if (issue.code === 'too_big' && issue.origin === 'string' && issue.maximum !== undefined) {
    return { key: 'csvTooLong', subs: [columns[path] ?? path, Number(issue.maximum)] };
  }
  return { key: 'csvInvalidValue', subs: [path ? `${path}: ${issue.message}` : issue.message] };
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
  /** Whether the built record passes its schema; `columns` names the file's column of a path. */
  valid(schema: Schema, record: unknown, columns?: Readonly<Record<string, string>>): boolean;
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
    valid(schema, record, columns = {}) {
      const problem = schemaProblem(schema.safeParse(record), columns);
      if (problem) fail(problem.key, ...problem.subs);
      return !problem;
    },
  };
}
