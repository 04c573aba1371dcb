/**
 * Reading a CSV file into a table of rows, before any row means an account or a person.
 *
 * The first line is the header; header names match in any case and any order, trimmed, with
 * spaces or hyphens read as `_` ("Next action due" is `next_action_due`). Unknown columns are
 * ignored with a warning. Each problem names the line in the file where its row starts (the header
 * is line 1; a quoted field may span lines).
 *
 * Files as spreadsheets save them: the encoding is told from the bytes (UTF-8 with or without a
 * byte-order mark, UTF-16, Windows-1251: csv-encoding.ts); the separator is a comma, a semicolon
 * or a tab, whichever makes the header name the most known columns. A file with a character that
 * was lost before it got here (U+FFFD) is refused with the lines that hold one: such a name would
 * be stored as "�������" for good.
 */
import Papa from 'papaparse';
import { decodeCsv, lineList, replacementCharLines, type CsvEncoding } from './csv-encoding';
import { restoreCell } from './csv-cells';
import type { LineProblem, Problem } from '@/utils/shared/problem';

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
