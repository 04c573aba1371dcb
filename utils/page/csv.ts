/**
 * CSV import of accounts and people, and CSV export of accounts. Pure: text in, records and
 * problems out; the options page only shows the report and sends one importData.
 *
 * ## accounts.csv
 * | column            | value                                                                 |
 * |-------------------|-----------------------------------------------------------------------|
 * | `name`            | required; the account's name                                          |
 * | `domains`         | web domains, several separated by `;` (`acme.com; acme.co.uk`)        |
 * | `stage`           | tactical, cooperative, interdependent or strategic (default tactical) |
 * | `potential`       | low, medium or high (default medium)                                  |
 * | `next_action`     | the next action's text; needs `next_action_due`                       |
 * | `next_action_due` | YYYY-MM-DD                                                            |
 * | `notes`           | free text. An account has no notes field of its own: CSV notes go into |
 * |                   | the customer profile's goals (`profile.goals`), and export reads them  |
 * |                   | back from there, so a round trip keeps them.                           |
 *
 * ## people.csv
 * | column      | value                                                                        |
 * |-------------|------------------------------------------------------------------------------|
 * | `name`      | required; the person's name                                                  |
 * | `email`     | email addresses, several separated by `;`                                    |
 * | `account`   | the account's name (any case) or one of its domains; when empty, the domain |
 * |             | of the person's email. Accounts in the same import count too.               |
 * | `title`     | job title                                                                    |
 * | `role`      | decision maker, executive sponsor, influencer, champion, user, gatekeeper,  |
 * |             | blocker or unknown                                                           |
 * | `influence` | 1 to 5 (default 3)                                                           |
 * | `attitude`  | supporter, neutral or sceptic (default neutral)                              |
 * | `notes`     | free text                                                                    |
 *
 * Rules for both: the first line is the header; header names match in any case and any order,
 * trimmed, with spaces or hyphens read as `_` ("Next action due" is `next_action_due`). Unknown
 * columns are ignored with a warning. Enum values match in any case with spaces, hyphens or
 * underscores alike ("Decision maker" is `decision_maker`). Each problem names the line in the
 * file where its row starts (the header is line 1; a quoted field may span lines). A row whose
 * account (by name) or person (by email in the same account) already exists is left as it is, and
 * reported as skipped.
 *
 * Files as spreadsheets save them: the encoding is told from the bytes (UTF-8 with or without a
 * byte-order mark, UTF-16, Windows-1251: utils/page/csv-encoding.ts); the separator is a comma, a
 * semicolon or a tab, whichever makes the header name the most known columns; dates may be
 * YYYY-MM-DD, DD.MM.YYYY or MM/DD/YYYY (utils/page/csv-dates.ts). A file with a character that was
 * lost before it got here (U+FFFD) is refused with the lines that hold one: such a name would be
 * stored as "�������" for good.
 *
 * Export writes the accounts.csv columns above, so an exported file imports cleanly. Cells that a
 * spreadsheet would run as a formula (= + - @, tab, CR) get a leading `'`; import removes it again.
 */
import Papa from 'papaparse';
import { decodeCsv, lineList, replacementCharLines, type CsvEncoding } from './csv-encoding';
import { readDateColumn, type DateReading, type SlashRule } from './csv-dates';
import type { MessageKey } from '@/utils/shared/i18n';
import type { LineProblem, Problem } from '@/utils/shared/problem';
import { registrableDomain } from '@/utils/shared/match';
import {
  Account as AccountSchema,
  Domain,
  Email,
  Person as PersonSchema,
} from '@/utils/schemas/model';
import type { Account, Person, StageChange } from '@/utils/contract/model';
import {
  ATTITUDES,
  POTENTIALS,
  ROLES,
  STAGES,
  type Attitude,
  type Potential,
  type Role,
  type Stage,
} from '@/utils/contract/enums';
import type { Backup } from '@/utils/contract/messages';

export const ACCOUNT_COLUMNS = [
  'name',
  'domains',
  'stage',
  'potential',
  'next_action',
  'next_action_due',
  'notes',
] as const;
export const PERSON_COLUMNS = [
  'name',
  'email',
  'account',
  'title',
  'role',
  'influence',
  'attitude',
  'notes',
] as const;

/** Other names people give these columns. */
const COLUMN_ALIASES: Record<string, string> = {
  domain: 'domains',
  website: 'domains',
  emails: 'email',
  e_mail: 'email',
  company: 'account',
  account_name: 'account',
  due: 'next_action_due',
  next_action_due_date: 'next_action_due',
  note: 'notes',
};

/** The most rows one file may hold: beyond this the file is refused whole, not half read. */
export const CSV_MAX_ROWS = 50_000;

// ---------------------------------------------------------------------------------------------
// Spreadsheet formula injection

/** Leading characters that make Excel, LibreOffice or Sheets read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A cell safe to open in a spreadsheet: a would-be formula gets a leading `'`. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The inverse, for import: a cell we (or a spreadsheet) neutralised comes back as it was. */
export function restoreCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

// ---------------------------------------------------------------------------------------------
// Reading a table

export interface CsvRow {
  /** The line in the file where this row starts; the header is line 1. */
  line: number;
  get(column: string): string;
}

/** The characters that may separate columns, in the order preferred when a header is no help. */
export const CSV_DELIMITERS = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** How the file was read, shown with the report so a wrong guess is visible before import. */
export interface CsvFormat {
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
}

export interface CsvTable {
  rows: CsvRow[];
  /** Null when the file could not be read (then `fatal` says why). */
  format: CsvFormat | null;
  /** Problems with the file as a whole; when there is one, no row is usable. */
  fatal: Problem | null;
  /** Rows the parser could not read (an unterminated quote, too many fields). */
  broken: LineProblem[];
  warnings: Problem[];
}

/** "Next Action-Due " -> "next_action_due". */
export function canonicalHeader(name: string): string {
  const key = name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return COLUMN_ALIASES[key] ?? key;
}

/** Lower case, with spaces, hyphens and underscores alike: "Decision-maker" -> "decision_maker". */
function enumKey(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '_');
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');

/**
 * The separator whose header line names the most known columns; on a tie, the one that gives the
 * most columns, then the first of CSV_DELIMITERS. Only the header is looked at: it is the one line
 * whose words are known, and a quoted value with another separator inside cannot sway it.
 */
export function detectDelimiter(body: string, known: readonly string[]): CsvDelimiter {
  const start = body.replace(/^\s*\n/, '');
  let best: { delimiter: CsvDelimiter; known: number; cells: number } | null = null;
  for (const delimiter of CSV_DELIMITERS) {
    const header = Papa.parse<string[]>(start, { delimiter, newline: '\n', preview: 1 }).data[0];
    const cells = header ?? [];
    const names = cells.filter((c) => known.includes(canonicalHeader(c))).length;
    if (!best || names > best.known || (names === best.known && cells.length > best.cells))
      best = { delimiter, known: names, cells: cells.length };
  }
  return best?.delimiter ?? ',';
}

/**
 * Reads a CSV file: its bytes (the encoding is told from them) or text already decoded. `known`
 * are the columns used, `required` those without which no row means anything.
 */
export function readCsv(
  input: string | Uint8Array,
  known: readonly string[],
  required: readonly string[],
): CsvTable {
  const empty = (fatal: Problem, format: CsvFormat | null = null): CsvTable => ({
    rows: [],
    format,
    fatal,
    broken: [],
    warnings: [],
  });
  let text: string;
  let encoding: CsvEncoding = 'UTF-8';
  if (typeof input === 'string') text = input;
  else {
    const decoded = decodeCsv(input);
    if (!decoded.ok) return empty(decoded.problem);
    ({ text, encoding } = decoded);
  }
  // One line ending everywhere, so a file that mixes CRLF and LF still splits where it looks like.
  const body = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (body.trim() === '') return empty({ key: 'csvEmptyFile' });
  // U+FFFD stands where a decoder lost a character, here or in whatever wrote the file: the
  // name it is in can never be put right after import, so no row of such a file is taken.
  const lost = replacementCharLines(body);
  if (lost.length > 0) return empty({ key: 'csvUnreadableText', subs: [lineList(lost)] });

  const delimiter = detectDelimiter(body, known);
  const format: CsvFormat = { encoding, delimiter };
  const records: { line: number; cells: string[]; error: string | null }[] = [];
  let offset = 0;
  let line = 1;
  let tooMany = false;
  Papa.parse<string[]>(body, {
    delimiter,
    newline: '\n',
    step: (result, parser) => {
      const end = result.meta.cursor;
      records.push({
        line,
        cells: result.data,
        error: result.errors[0]?.code ?? null,
      });
      for (let i = offset; i < end; i++) if (body.charCodeAt(i) === 10) line++;
      offset = end;
      if (records.length > CSV_MAX_ROWS + 1) {
        tooMany = true;
        parser.abort();
      }
    },
  });
  if (tooMany) return empty({ key: 'csvTooManyRows', subs: [CSV_MAX_ROWS] }, format);

  const headerRecord = records.find((r) => !isBlank(r.cells));
  if (!headerRecord) return empty({ key: 'csvEmptyFile' }, format);
  const header = headerRecord.cells.map(canonicalHeader);

  const warnings: Problem[] = [];
  const columns = new Map<string, number>();
  for (const [i, name] of header.entries()) {
    const shown = headerRecord.cells[i]?.trim() ?? '';
    if (name === '') continue;
    if (columns.has(name)) return empty({ key: 'csvDuplicateColumn', subs: [shown] }, format);
    if (known.includes(name)) columns.set(name, i);
    else warnings.push({ key: 'csvUnknownColumn', subs: [shown] });
  }
  const missing = required.filter((c) => !columns.has(c));
  if (missing.length > 0)
    return empty({ key: 'csvMissingColumn', subs: [missing.join(', ')] }, format);

  const rows: CsvRow[] = [];
  const broken: LineProblem[] = [];
  for (const r of records) {
    if (r === headerRecord || isBlank(r.cells)) continue;
    if (r.error) {
      const key = r.error === 'MissingQuotes' ? 'csvUnterminatedQuote' : 'csvMalformedRow';
      broken.push({ line: r.line, key });
      continue;
    }
    const extra = r.cells.slice(header.length).filter((c) => c.trim() !== '');
    if (extra.length > 0) {
      broken.push({
        line: r.line,
        key: 'csvTooManyFields',
        subs: [r.cells.length, header.length, delimiter === '\t' ? 'Tab' : delimiter],
      });
      continue;
    }
    const cells = r.cells;
    rows.push({
      line: r.line,
      get: (column) => {
        const i = columns.get(column);
        return i === undefined ? '' : restoreCell((cells[i] ?? '').trim());
      },
    });
  }
  return { rows, format, fatal: null, broken, warnings };
}

// ---------------------------------------------------------------------------------------------
// Values

function matchEnum<T extends string>(values: readonly T[], raw: string): T | null {
  const key = enumKey(raw);
  return (values as readonly string[]).includes(key) ? (key as T) : null;
}

const ATTITUDE_SYNONYMS: Record<string, Attitude> = { skeptic: 'sceptic', sceptical: 'sceptic' };
const POTENTIAL_SYNONYMS: Record<string, Potential> = { med: 'medium', mid: 'medium' };

export function parseStage(raw: string): Stage | null {
  return matchEnum(STAGES, raw);
}
export function parsePotential(raw: string): Potential | null {
  return matchEnum(POTENTIALS, raw) ?? POTENTIAL_SYNONYMS[enumKey(raw)] ?? null;
}
export function parseRole(raw: string): Role | null {
  return matchEnum(ROLES, raw);
}
export function parseAttitude(raw: string): Attitude | null {
  return matchEnum(ATTITUDES, raw) ?? ATTITUDE_SYNONYMS[enumKey(raw)] ?? null;
}

/** Splits a list cell on `;` (and `,`, which only a quoted cell can hold), trimmed, no blanks. */
function list(cell: string): string[] {
  return cell
    .split(/[;,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * A domain as the store keeps it: lower case, reduced to the registrable domain
 * (mail.acme.co.uk -> acme.co.uk), as the background does for accounts it creates.
 */
export function cleanDomain(raw: string): string | null {
  const lower = raw.trim().toLowerCase();
  const parsed = Domain.safeParse(registrableDomain(lower) ?? lower);
  return parsed.success ? parsed.data : null;
}

/** First schema issue as "path: message", for a record that slipped past the friendlier checks. */
function schemaIssue(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}): string | null {
  if (result.success) return null;
  const issue = result.error?.issues[0];
  if (!issue) return 'invalid';
  return issue.path.length
    ? `${issue.path.map(String).join('.')}: ${issue.message}`
    : issue.message;
}

// ---------------------------------------------------------------------------------------------
// Import

export interface ImportContext {
  /** Every account in the store now. */
  accounts: readonly Account[];
  /** Every person in the store now. */
  people: readonly Person[];
  now: number;
  newId: () => string;
}

export interface CsvResult<T> {
  /** Rows that became records, with their lines. */
  records: { line: number; record: T }[];
  /** Rows that cannot be imported, with why. */
  invalid: LineProblem[];
  /** Rows left out because what they describe already exists. */
  skipped: LineProblem[];
  warnings: Problem[];
  /** Refused as a whole (empty file, missing column ...): nothing else is meaningful. */
  fatal: Problem | null;
  /** The encoding and separator the file was read with; null when it could not be read. */
  format: CsvFormat | null;
}

export interface AccountImport extends CsvResult<Account> {
  /** The first stage change of each new account, as createAccount writes it. */
  stageChanges: StageChange[];
  /** How dates with slashes were read (null: the file has none), and each imported one that
   * could have been read the other way round. */
  dates: { slash: SlashRule | null; ambiguous: DateReading[] };
}

const LIMIT_NAME = 200;

export function accountsFromCsv(input: string | Uint8Array, ctx: ImportContext): AccountImport {
  const table = readCsv(input, ACCOUNT_COLUMNS, ['name']);
  const result: AccountImport = {
    records: [],
    invalid: [...table.broken],
    skipped: [],
    warnings: table.warnings,
    fatal: table.fatal,
    format: table.format,
    stageChanges: [],
    dates: { slash: null, ambiguous: [] },
  };
  if (table.fatal) return result;
  const dueDates = readDateColumn(
    table.rows
      .map((row) => ({ line: row.line, raw: row.get('next_action_due') }))
      .filter((c) => c.raw),
  );

  const existingByName = new Map(ctx.accounts.map((a) => [a.name.trim().toLowerCase(), a]));
  const domainOwner = new Map<string, string>();
  for (const a of ctx.accounts) for (const d of a.domains) domainOwner.set(d, a.name);
  const namesInFile = new Map<string, number>();

  for (const row of table.rows) {
    const fail = (key: MessageKey, ...subs: (string | number)[]) =>
      result.invalid.push({ line: row.line, key, subs });
    const name = row.get('name');
    if (!name) {
      fail('csvNameMissing');
      continue;
    }
    if (name.length > LIMIT_NAME) {
      fail('csvTooLong', 'name', LIMIT_NAME);
      continue;
    }
    const nameKey = name.toLowerCase();
    const existing = existingByName.get(nameKey);
    if (existing) {
      result.skipped.push({ line: row.line, key: 'csvAccountExists', subs: [existing.name] });
      continue;
    }
    const earlier = namesInFile.get(nameKey);
    if (earlier !== undefined) {
      fail('csvDuplicateAccount', name, earlier);
      continue;
    }

    const domains: string[] = [];
    let bad: [MessageKey, ...(string | number)[]] | null = null;
    for (const raw of list(row.get('domains'))) {
      const d = cleanDomain(raw);
      if (!d) bad = ['csvBadDomain', raw];
      else if (domainOwner.has(d) && !domains.includes(d))
        bad = ['csvDomainTaken', d, domainOwner.get(d) ?? ''];
      else if (!domains.includes(d)) domains.push(d);
      if (bad) break;
    }
    if (bad) {
      fail(...bad);
      continue;
    }

    const stageRaw = row.get('stage');
    const stage = stageRaw ? parseStage(stageRaw) : 'tactical';
    if (!stage) {
      fail('csvBadStage', stageRaw);
      continue;
    }
    const potentialRaw = row.get('potential');
    const potential = potentialRaw ? parsePotential(potentialRaw) : 'medium';
    if (!potential) {
      fail('csvBadPotential', potentialRaw);
      continue;
    }
    const actionText = row.get('next_action');
    const dueRaw = row.get('next_action_due');
    if (actionText && !dueRaw) {
      fail('csvDueMissing');
      continue;
    }
    if (dueRaw && !actionText) {
      fail('csvActionMissing');
      continue;
    }
    const dueRead = dueRaw ? dueDates.read({ line: row.line, raw: dueRaw }) : { iso: '' };
    if ('problem' in dueRead) {
      result.invalid.push({ line: row.line, ...dueRead.problem });
      continue;
    }
    const due = dueRead.iso;

    const account: Account = {
      id: ctx.newId(),
      name,
      domains,
      stage,
      potential,
      profile: { goals: row.get('notes'), painPoints: '', opportunities: '' },
      nextAction: actionText ? { text: actionText, due } : null,
      cadenceDays: null,
      crmRefs: [],
      createdAt: ctx.now,
      updatedAt: ctx.now,
      revision: 1,
    };
    const issue = schemaIssue(AccountSchema.safeParse(account));
    if (issue) {
      fail('csvInvalidValue', issue);
      continue;
    }
    namesInFile.set(nameKey, row.line);
    for (const d of domains) domainOwner.set(d, name);
    result.records.push({ line: row.line, record: account });
    result.stageChanges.push({
      id: ctx.newId(),
      accountId: account.id,
      from: null,
      to: stage,
      at: ctx.now,
      reason: '',
    });
  }
  const imported = new Set(result.records.map((r) => r.line));
  result.dates = {
    slash: dueDates.slash,
    ambiguous: dueDates.ambiguous.filter((d) => imported.has(d.line)),
  };
  return result;
}

export interface PeopleContext extends ImportContext {
  /** Accounts created by the same import (from accounts.csv), which people may name too. */
  newAccounts: readonly Account[];
}

export function peopleFromCsv(input: string | Uint8Array, ctx: PeopleContext): CsvResult<Person> {
  const table = readCsv(input, PERSON_COLUMNS, ['name', 'account']);
  const result: CsvResult<Person> = {
    records: [],
    invalid: [...table.broken],
    skipped: [],
    warnings: table.warnings,
    fatal: table.fatal,
    format: table.format,
  };
  if (table.fatal) return result;

  const all = [...ctx.accounts, ...ctx.newAccounts];
  const byName = new Map<string, Account[]>();
  const byDomain = new Map<string, Account[]>();
  const push = (map: Map<string, Account[]>, key: string, a: Account) =>
    map.set(key, [...(map.get(key) ?? []), a]);
  for (const a of all) {
    push(byName, a.name.trim().toLowerCase(), a);
    for (const d of a.domains) push(byDomain, d, a);
  }
  const emailOwner = new Map<string, Person>();
  for (const p of ctx.people) for (const e of p.emails) emailOwner.set(e, p);
  const accountName = new Map(all.map((a) => [a.id, a.name]));
  const emailsInFile = new Map<string, number>();
  const namesInAccount = new Set(
    ctx.people.filter((p) => p.emails.length === 0).map((p) => `${p.accountId}\n${p.name}`),
  );

  for (const row of table.rows) {
    const fail = (key: MessageKey, ...subs: (string | number)[]) =>
      result.invalid.push({ line: row.line, key, subs });
    const name = row.get('name');
    if (!name) {
      fail('csvNameMissing');
      continue;
    }
    if (name.length > LIMIT_NAME) {
      fail('csvTooLong', 'name', LIMIT_NAME);
      continue;
    }

    const emails: string[] = [];
    let badEmail: string | null = null;
    for (const raw of list(row.get('email'))) {
      const parsed = Email.safeParse(raw);
      if (!parsed.success) {
        badEmail = raw;
        break;
      }
      if (!emails.includes(parsed.data)) emails.push(parsed.data);
    }
    if (badEmail !== null) {
      fail('csvBadEmail', badEmail);
      continue;
    }

    // The account: by name, then by domain, then by the domain of the person's email.
    const ref = row.get('account');
    let candidates: Account[] = [];
    if (ref) {
      candidates = byName.get(ref.toLowerCase()) ?? [];
      if (candidates.length === 0) {
        const d = cleanDomain(ref);
        candidates = d ? (byDomain.get(d) ?? []) : [];
      }
    } else {
      const domains = [...new Set(emails.map((e) => registrableDomain(e)).filter(Boolean))];
      candidates = [...new Set(domains.flatMap((d) => byDomain.get(d as string) ?? []))];
    }
    if (candidates.length === 0) {
      if (ref) fail('csvAccountNotFound', ref);
      else fail('csvAccountMissing');
      continue;
    }
    if (candidates.length > 1) {
      fail('csvAccountAmbiguous', ref || emails[0] || '', candidates.map((a) => a.name).join(', '));
      continue;
    }
    const account = candidates[0] as Account;

    // Already known: the same email on the same account is this person; on another, a conflict.
    const known = emails.map((e) => emailOwner.get(e)).find(Boolean);
    if (known) {
      if (known.accountId === account.id)
        result.skipped.push({ line: row.line, key: 'csvPersonExists', subs: [known.name] });
      else
        fail(
          'csvEmailTaken',
          emails.find((e) => emailOwner.get(e) === known) ?? '',
          known.name,
          accountName.get(known.accountId) ?? '',
        );
      continue;
    }
    const repeated = emails.find((e) => emailsInFile.has(e));
    if (repeated) {
      fail('csvDuplicateEmail', repeated, emailsInFile.get(repeated) ?? 0);
      continue;
    }
    if (emails.length === 0 && namesInAccount.has(`${account.id}\n${name}`)) {
      result.skipped.push({ line: row.line, key: 'csvPersonExists', subs: [name] });
      continue;
    }

    const roleRaw = row.get('role');
    const role = roleRaw ? parseRole(roleRaw) : 'unknown';
    if (!role) {
      fail('csvBadRole', roleRaw);
      continue;
    }
    const attitudeRaw = row.get('attitude');
    const attitude = attitudeRaw ? parseAttitude(attitudeRaw) : 'neutral';
    if (!attitude) {
      fail('csvBadAttitude', attitudeRaw);
      continue;
    }
    const influenceRaw = row.get('influence');
    const influence = influenceRaw ? Number(influenceRaw) : 3;
    if (!Number.isInteger(influence) || influence < 1 || influence > 5) {
      fail('csvBadInfluence', influenceRaw);
      continue;
    }

    const person: Person = {
      id: ctx.newId(),
      accountId: account.id,
      name,
      emails,
      title: row.get('title'),
      role,
      influence,
      attitude,
      notes: row.get('notes'),
      lastContactAt: null,
    };
    const issue = schemaIssue(PersonSchema.safeParse(person));
    if (issue) {
      fail('csvInvalidValue', issue);
      continue;
    }
    for (const e of emails) emailsInFile.set(e, row.line);
    if (emails.length === 0) namesInAccount.add(`${account.id}\n${name}`);
    result.records.push({ line: row.line, record: person });
  }
  return result;
}

/** The one merge-mode backup a CSV import writes: only new records, so nothing is overwritten. */
export function csvBackup(
  accounts: AccountImport | null,
  people: CsvResult<Person> | null,
  now: number,
  schemaVersion: number,
): Backup {
  return {
    format: 'rapport-backup',
    schemaVersion,
    exportedAt: now,
    accounts: accounts?.records.map((r) => r.record) ?? [],
    people: people?.records.map((r) => r.record) ?? [],
    activities: [],
    decisions: [],
    stageChanges: accounts?.stageChanges ?? [],
  };
}

/**
 * Whether a result blocks a plain import (the user may still choose to skip invalid rows). People
 * whose account row was skipped as invalid find no account, so they are invalid too: nobody is
 * silently attached to another company.
 */
export function hasProblems(result: CsvResult<unknown> | null): boolean {
  return !!result && (result.fatal !== null || result.invalid.length > 0);
}

// ---------------------------------------------------------------------------------------------
// Export

/** accounts.csv for these accounts, with a byte-order mark so spreadsheets read it as UTF-8. */
export function accountsToCsv(accounts: readonly Account[]): string {
  const rows = accounts.map((a) =>
    [
      a.name,
      a.domains.join('; '),
      a.stage,
      a.potential,
      a.nextAction?.text ?? '',
      a.nextAction?.due ?? '',
      a.profile.goals,
    ].map(neutraliseCell),
  );
  return (
    '\uFEFF' +
    Papa.unparse(
      { fields: [...ACCOUNT_COLUMNS], data: rows },
      { newline: '\r\n', quotes: false, escapeFormulae: false },
    ) +
    '\r\n'
  );
}

/** "rapport-accounts-2026-11-28.csv": the local calendar day of `now`. */
export function csvFileName(kind: 'accounts', day: string): string {
  return `rapport-${kind}-${day}.csv`;
}
