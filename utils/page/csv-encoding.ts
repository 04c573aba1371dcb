/**
 * The text of a CSV file, from its bytes. Spreadsheets save CSV in whatever encoding their system
 * uses: "CSV UTF-8" in Excel writes UTF-8 with a byte-order mark, "Unicode text" writes UTF-16,
 * and plain "CSV" on a Russian Windows writes Windows-1251. Nothing in a CSV file names its
 * encoding, so it is told from the bytes:
 *
 * | bytes                                  | read as                                          |
 * |----------------------------------------|--------------------------------------------------|
 * | starts with EF BB BF                   | UTF-8 (the mark is dropped)                      |
 * | starts with FF FE / FE FF              | UTF-16 LE / BE (the mark is dropped)             |
 * | no mark, zero bytes at odd / even places | UTF-16 LE / BE (a "Unicode text" without mark) |
 * | no mark, valid UTF-8                   | UTF-8 (plain ASCII is UTF-8 too)                 |
 * | no mark, not valid UTF-8               | Windows-1251, unless some lines are valid UTF-8 |
 * |                                        | with non-ASCII letters (a mixed file: refused)   |
 *
 * Windows-1251 is the one legacy encoding guessed: its Cyrillic letters are exactly the bytes that
 * Windows-1252 uses for accented Latin letters, so a French or German legacy file read this way
 * would turn "Société" into "Sociйtй". Such words (Latin and Cyrillic letters in one word) refuse
 * the file instead of storing the garbage; the user saves it as "CSV UTF-8".
 *
 * Line numbers count LF, CR LF and a lone CR as one line break each, as readCsv does.
 */
import type { Problem } from '@/utils/shared/problem';

export type CsvEncoding = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'Windows-1251';

export type Decoded =
  { ok: true; text: string; encoding: CsvEncoding } | { ok: false; problem: Problem };

/** How many line numbers a problem lists; more would not help anyone find the lines. */
const LISTED_LINES = 10;

/** "5, 9, 12" or "5, 9, 12, …" when there are more than LISTED_LINES. */
export function lineList(lines: readonly number[]): string {
  const shown = lines.slice(0, LISTED_LINES).join(', ');
  return lines.length > LISTED_LINES ? `${shown}, …` : shown;
}

/** The lines of `text` (numbered from 1) that hold `char`. */
function linesWith(text: string, char: string): number[] {
  if (!text.includes(char)) return [];
  const lines: number[] = [];
  text.split(/\r\n|\r|\n/).forEach((l, i) => {
    if (l.includes(char)) lines.push(i + 1);
  });
  return lines;
}

/** The lines that hold U+FFFD, the mark a decoder leaves where a character was lost. */
export function replacementCharLines(text: string): number[] {
  return linesWith(text, '\uFFFD');
}

/** The file's byte lines, each with its number; the line break bytes are left out. */
function byteLines(bytes: Uint8Array): { line: number; bytes: Uint8Array }[] {
  const out: { line: number; bytes: Uint8Array }[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    const b = bytes[i];
    if (i < bytes.length && b !== 0x0a && b !== 0x0d) continue;
    out.push({ line: out.length + 1, bytes: bytes.subarray(start, i) });
    if (b === 0x0d && bytes[i + 1] === 0x0a) i++;
    start = i + 1;
  }
  return out;
}

/** The text of `bytes` when they are valid UTF-8, else null. A mark, if any, is kept. */
function utf8OrNull(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * UTF-16 without a byte-order mark: ASCII characters (the header, separators, digits) have a zero
 * high byte, so zero bytes all on odd offsets mean little-endian, all on even ones big-endian.
 * Zero bytes on both mean the file is not text.
 */
function zeroBytesOrder(bytes: Uint8Array): 'UTF-16LE' | 'UTF-16BE' | 'binary' | null {
  let odd = 0;
  let even = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0) continue;
    if (i % 2 === 1) odd++;
    else even++;
  }
  if (odd === 0 && even === 0) return null;
  // Nearly all, not all: a character such as U+4E00 or U+0400 has a zero low byte too.
  if (bytes.length % 2 === 0 && even * 10 <= odd) return 'UTF-16LE';
  if (bytes.length % 2 === 0 && odd * 10 <= even) return 'UTF-16BE';
  return 'binary';
}

const LETTERS = /[A-Za-z\u0400-\u04FF]+/g;
const LATIN = /[A-Za-z]/;
const CYRILLIC = /[\u0400-\u04FF]/;

/** The first word that mixes Latin and Cyrillic letters, which real text in either never does. */
function firstMixedWord(text: string): { line: number; word: string } | null {
  const lines = text.split(/\r\n|\r|\n/);
  for (const [i, l] of lines.entries()) {
    for (const word of l.match(LETTERS) ?? []) {
      if (LATIN.test(word) && CYRILLIC.test(word)) return { line: i + 1, word };
    }
  }
  return null;
}

function utf16(bytes: Uint8Array, encoding: 'UTF-16LE' | 'UTF-16BE', skip: number): Decoded {
  // Not fatal: a broken pair becomes U+FFFD, which readCsv then reports by line.
  const label = encoding === 'UTF-16LE' ? 'utf-16le' : 'utf-16be';
  const text = new TextDecoder(label, { ignoreBOM: true }).decode(bytes.subarray(skip));
  return { ok: true, text, encoding };
}

export function decodeCsv(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes, 'UTF-16LE', 2);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes, 'UTF-16BE', 2);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;

  if (!bom) {
    const zeros = zeroBytesOrder(body);
    if (zeros === 'binary') return { ok: false, problem: { key: 'csvNotText' } };
    if (zeros) return utf16(body, zeros, 0);
  }
  const utf8 = utf8OrNull(body);
  if (utf8 !== null) return { ok: true, text: utf8, encoding: 'UTF-8' };

  // Not UTF-8 as a whole: which lines are?
  const utf8Lines: number[] = [];
  const otherLines: number[] = [];
  for (const { line, bytes: l } of byteLines(body)) {
    if (l.every((b) => b < 0x80)) continue;
    (utf8OrNull(l) === null ? otherLines : utf8Lines).push(line);
  }
  // A byte-order mark says UTF-8 from line 1 on.
  if (bom && utf8Lines.length === 0) utf8Lines.push(1);
  if (utf8Lines.length > 0)
    return {
      ok: false,
      problem: { key: 'csvMixedEncoding', subs: [utf8Lines[0] ?? 1, lineList(otherLines)] },
    };

  const text = new TextDecoder('windows-1251').decode(body);
  // 0x98 is the one byte Windows-1251 leaves undefined (decoded as the control U+0098).
  const undefinedByte = linesWith(text, '\u0098');
  if (undefinedByte.length > 0)
    return { ok: false, problem: { key: 'csvUnreadableText', subs: [lineList(undefinedByte)] } };
  const mixed = firstMixedWord(text);
  if (mixed)
    return { ok: false, problem: { key: 'csvNotCyrillic', subs: [mixed.line, mixed.word] } };
  return { ok: true, text, encoding: 'Windows-1251' };
}
